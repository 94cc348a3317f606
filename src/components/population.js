// The robustness and compare pages: claims across a population of models, and model vs model.
// Tables are built with el() (113 rows); each claim's values are drawn as a small inline SVG strip.
import {el} from "./dom.js";
import {badge} from "./verdict.js";

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const k in attrs ?? {}) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, String(attrs[k]));
  for (const c of children) if (c) e.append(c);
  return e;
}

export const CLASS_LABEL = {
  "robust": "robust",
  "initialisation-bound": "initialisation-bound",
  "model-specific": "model-specific",
  "not judged": "not judged"
};

export function fmt(v) {
  if (v === null || v === undefined) return "—";
  if (Array.isArray(v)) return `[${v.map(fmt).join(", ")}]`;
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** The number a strip can place: a scalar value, or null. */
const scalar = (v) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * A strip of one claim's measured values, one dot per model (coloured by its verdict), the model
 * in hand as a tall dark tick. Values that are not single numbers are listed instead.
 */
export function strip(values, verdicts, inHand, {width = 200, height = 26, names = []} = {}) {
  const xs = values.map(scalar);
  const hv = inHand ? scalar(inHand.value) : null;
  const all = [...xs, hv].filter((v) => v !== null);
  if (!all.length) {
    const distinct = [...new Set(values.map((v) => fmt(v)))];
    return el("span", {class: "pop-values"}, distinct.slice(0, 4).join("; ") + (distinct.length > 4 ? " …" : ""));
  }
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const same = hi === lo;
  if (same) { lo -= Math.abs(lo) * 0.1 || 1; hi += Math.abs(hi) * 0.1 || 1; }
  const pad = 7;
  const x = (v) => pad + ((v - lo) / (hi - lo)) * (width - 2 * pad);
  const g = svg("svg", {width, height, viewBox: `0 0 ${width} ${height}`, class: "pop-strip", role: "img",
    "aria-label": `values ${xs.filter((v) => v !== null).map(fmt).join(", ")}${hv !== null ? `; model in hand ${fmt(hv)}` : ""}`});
  g.append(svg("line", {x1: pad, x2: width - pad, y1: height / 2, y2: height / 2, class: "pop-axis"}));
  xs.forEach((v, k) => {
    if (v === null) return;
    const c = svg("circle", {cx: x(v), cy: height / 2 + ((k % 3) - 1) * 3, r: 3.5, class: `pop-dot ${verdicts[k]}`});
    c.append(svg("title", null, document.createTextNode(`${names[k] ?? `model ${k + 1}`}: ${fmt(v)} (${verdicts[k]})`)));
    g.append(c);
  });
  if (hv !== null) {
    const t = svg("line", {x1: x(hv), x2: x(hv), y1: 2, y2: height - 2, class: "pop-hand"});
    t.append(svg("title", null, document.createTextNode(`model in hand: ${fmt(hv)}`)));
    g.append(t);
  }
  if (same) return el("span", {class: "pop-strip-wrap"}, g, el("small", {class: "muted"}, `all ${fmt(all[0])}`));
  return el("span", {class: "pop-strip-wrap"}, el("small", {class: "muted"}, fmt(lo)), g, el("small", {class: "muted"}, fmt(hi)));
}

/** Holds / differs / not computable across the models as a small stacked bar with the count. */
export function holdsBar(c) {
  const seg = (n, cls) => (n ? el("span", {class: `seg ${cls}`, style: `width:${(100 * n) / c.total}%`}) : null);
  return el("span", {class: "pop-holds", title: `holds on ${c.holds}, differs on ${c.differs}, not computable on ${c.na} of ${c.total}`},
    el("span", {class: "bar"}, seg(c.holds, "holds"), seg(c.differs, "differs"), seg(c.na, "na")),
    el("span", null, `${c.holds}/${c.total}`));
}

export function classChip(cls) {
  return el("span", {class: `pop-class ${cls.replace(/\s+/g, "-")}`}, CLASS_LABEL[cls] ?? cls);
}

/** The claims across the population: one row per claim. */
export function claimsTable(claims, names) {
  return el("table", {class: "pop-table"},
    el("thead", null, el("tr", null,
      el("th", null, "claim"), el("th", null, "holds on"), el("th", null, "measured on each model (model in hand: tick)"),
      el("th", null, "model in hand"), el("th", null, "classification"))),
    el("tbody", null, claims.map((c) => el("tr", {id: `claim-${c.id}`},
      el("td", {"data-label": "claim"}, el("span", {class: "pop-claim"}, c.claim), el("br"), el("small", {class: "muted"}, `${c.id} · paper ${c.paper}`)),
      el("td", {"data-label": "holds on"}, holdsBar(c)),
      el("td", {"data-label": "values"}, strip(c.values, c.verdicts, c.inHand, {names})),
      el("td", {"data-label": "in hand"}, c.inHand ? [badge(c.inHand.verdict, {short: true}), " ", el("small", null, fmt(c.inHand.value))] : "—"),
      el("td", {"data-label": "class"}, classChip(c.classification),
        c.sameSeedPairs !== undefined ? el("small", {class: "muted pop-recur"}, ` same seed ${c.sameSeedRecur}/${c.sameSeedPairs}, across ${c.crossSeedRecur}/${c.crossSeedPairs}`) : null)))));
}

const neuron = (v) => (v === null || v === undefined ? "—" : Array.isArray(v) ? v.map((j) => `h${j}`).join(" ← ") : `h${v}`);

/** Neuron roles per model: does the same neuron take the same role? */
export function rolesTable(roles, models) {
  return el("table", {class: "pop-table pop-roles"},
    el("thead", null, el("tr", null, el("th", null, "role"), models.map((m) => el("th", {title: `seed ${m.seed}, data order ${m.order}`}, m.name)),
      el("th", null, "in hand"), el("th", null, "same seed"), el("th", null, "across seeds"), el("th", null, "verdict"))),
    el("tbody", null, roles.map((r) => el("tr", null,
      el("th", null, r.label), r.values.map((v) => el("td", null, neuron(v))), el("td", null, neuron(r.inHand)),
      el("td", null, `${r.sameSeedRecur}/${r.sameSeedPairs}`), el("td", null, `${r.crossSeedRecur}/${r.crossSeedPairs}`),
      el("td", null, r.classification)))));
}

/** Compare page: claims whose verdict flips. */
export function flipsTable(flipped, a, b) {
  if (!flipped.length) return el("p", null, "No verdict flips: every claim has the same verdict on both models.");
  return el("table", {class: "pop-table"},
    el("thead", null, el("tr", null, el("th", null, "claim"), el("th", null, a), el("th", null, b))),
    el("tbody", null, flipped.map((f) => el("tr", null,
      el("td", {"data-label": "claim"}, el("span", {class: "pop-claim"}, f.claim), el("br"), el("small", {class: "muted"}, `${f.id} · paper ${f.paper}`)),
      el("td", {"data-label": a}, badge(f.a.verdict, {short: true}), " ", el("small", null, f.a.measured)),
      el("td", {"data-label": b}, badge(f.b.verdict, {short: true}), " ", el("small", null, f.b.measured))))));
}

/** Compare page: the largest relative changes of measured values. */
export function changesTable(changes, a, b, limit = 15) {
  return el("table", {class: "pop-table"},
    el("thead", null, el("tr", null, el("th", null, "claim"), el("th", null, a), el("th", null, b), el("th", null, "change"))),
    el("tbody", null, changes.slice(0, limit).map((c) => el("tr", null,
      el("td", {"data-label": "claim"}, c.claim, el("br"), el("small", {class: "muted"}, c.id)),
      el("td", {"data-label": a}, fmt(c.a.value)), el("td", {"data-label": b}, fmt(c.b.value)),
      el("td", {"data-label": "change"}, `${Math.round(100 * c.change)} %`)))));
}

/** Compare page: neurons whose knockout rank, backbone membership or role changed. */
export function rolesChangeTable(neurons, limit = 20) {
  const changed = neurons.filter((n) => n.backboneA !== n.backboneB || n.roleA.join() !== n.roleB.join() || (n.rankChange !== null && Math.abs(n.rankChange) > 0) || n.rankA === null || n.rankB === null);
  const shown = changed.slice().sort((p, q) => Math.min(p.rankA ?? 1e9, p.rankB ?? 1e9) - Math.min(q.rankA ?? 1e9, q.rankB ?? 1e9)).slice(0, limit);
  if (!shown.length) return el("p", null, "No neuron changes rank, role or backbone membership.");
  const bb = (x) => (x ? "backbone" : "");
  return el("table", {class: "pop-table"},
    el("thead", null, el("tr", null, el("th", null, "neuron"), el("th", null, "knockout rank"), el("th", null, "backbone"), el("th", null, "role"))),
    el("tbody", null, shown.map((n) => el("tr", null,
      el("th", null, `h${n.j}`),
      el("td", null, `${n.rankA ?? "—"} → ${n.rankB ?? "—"}`),
      el("td", null, `${bb(n.backboneA) || "—"} → ${bb(n.backboneB) || "—"}`),
      el("td", null, `${n.roleA.join(", ") || "—"} → ${n.roleB.join(", ") || "—"}`)))));
}
