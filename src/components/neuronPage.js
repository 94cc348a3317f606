// Neuron pages and the neuron index: pure helpers (data in, element or values out).
import {html} from "htl";
import {el} from "./dom.js";
import {badgeOf} from "./verdict.js";
import {byteLabel, fmt} from "./explorer.js";

/** The rows as a list; `prefix` turns the ledger's root-relative links ("./q3#…") into page-relative ones. */
export function claimsList(list, {prefix = "./"} = {}) {
  if (!list.length) return el("p", null, "No claim of the ledger names this neuron.");
  const rel = (href) => (href && href.startsWith("./") ? prefix + href.slice(2) : href);
  return el("ul", {class: "ex-claims"}, list.map((c) => el("li", null,
    badgeOf(c), " ",
    el("strong", null, (c.location ?? [c.chapter]).join(" · ")), `: ${c.claim ?? c.quote} — paper ${c.paper ?? "—"}; measured ${String(c.measured ?? "—")} (${c.distance ?? ""})`,
    c.chart && [" (", el("a", {href: rel(c.chart)}, "chart"), ")"])));
}

/** Rows of [key, weight] with a bar each: the neuron page's weight and byte tables. */
function barTable(pairs, label, keyCell, max = null) {
  const m = max ?? Math.max(1e-9, ...pairs.map(([, w]) => Math.abs(w)));
  return el("table", {class: "ex-w"},
    el("thead", null, el("tr", null, el("th", null, label), el("th", null, "weight"), el("th"))),
    el("tbody", null, pairs.map(([k, w]) => el("tr", null,
      el("td", null, keyCell(k)), el("td", {class: "num"}, `${w >= 0 ? "+" : ""}${fmt(w, 3)}`),
      el("td", null, el("span", {class: "bar", style: `width:${Math.round((70 * Math.abs(w)) / m)}px;background:${w >= 0 ? "#f28e2c" : "#4269d0"}`}))))));
}

/** A table of [neuron, weight] pairs with links and bars. */
export function weightTable(pairs, {label, href = (k) => `./${k}`, max = null}) {
  return barTable(pairs, label, (k) => el("a", {href: href(k)}, `h${k}`), max);
}

/** A table of [byte, weight] pairs. */
export function byteTable(pairs, label) {
  return barTable(pairs, label, byteLabel);
}

export function sortableTable(rows, columns, {href, sort = columns[0].key, desc = false} = {}) {
  let key = sort;
  let down = desc;
  const tbody = html`<tbody></tbody>`;
  const head = html`<tr>${columns.map((c) => html`<th aria-sort="none"><button type="button" title=${c.title ?? ""} data-key=${c.key}>${c.label}</button></th>`)}</tr>`;
  const render = () => {
    const sorted = rows.slice().sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const cmp = x == null ? 1 : y == null ? -1 : typeof x === "string" ? x.localeCompare(y) : x - y;
      return (down ? -cmp : cmp) || a.j - b.j;
    });
    tbody.replaceChildren(...sorted.map((r) => el("tr", null, columns.map((c, i) => {
      const v = c.format ? c.format(r[c.key], r) : r[c.key];
      return i === 0 ? el("td", null, el("a", {href: href(r)}, v)) : el("td", null, v ?? "—");
    }))));
    for (const th of head.children) {
      const k = th.firstChild.dataset.key;
      th.setAttribute("aria-sort", k === key ? (down ? "descending" : "ascending") : "none");
      th.firstChild.textContent = columns.find((c) => c.key === k).label + (k === key ? (down ? " ▾" : " ▴") : "");
    }
  };
  head.addEventListener("click", (e) => {
    const b = e.target.closest("button");
    if (!b) return;
    if (b.dataset.key === key) down = !down;
    else {
      key = b.dataset.key;
      down = columns.find((c) => c.key === key).desc ?? false;
    }
    render();
  });
  render();
  return html`<div class="ex-table"><table><thead>${head}</thead>${tbody}</table></div>`;
}
