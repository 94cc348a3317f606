// The neuron page's one-line summary, computed from the data (no Plot: it is on the first screen).
import {byteLabel} from "./explorer.js";

/**
 * One computed sentence: what the neuron's sign follows in the data (the bytes after which it is
 * most often positive and most often negative, among bytes read at least 5 times), and what it
 * pushes the prediction towards.
 */
export function summaryLine(act, j, text, {promotes = [], dom = null} = {}) {
  const pos = new Map(), cnt = new Map();
  for (let t = 0; t < act.length; t++) {
    const b = text[t];
    cnt.set(b, (cnt.get(b) ?? 0) + 1);
    if (act[t] >= 0) pos.set(b, (pos.get(b) ?? 0) + 1);
  }
  const share = [...cnt].filter(([, n]) => n >= 5).map(([b, n]) => ({b, n, f: (pos.get(b) ?? 0) / n}));
  const hi = share.filter((s) => s.f >= 0.9).sort((a, b) => b.n - a.n).slice(0, 4);
  const lo = share.filter((s) => s.f <= 0.1).sort((a, b) => b.n - a.n).slice(0, 4);
  const pctPos = (100 * act.filter((q) => q >= 0).length) / act.length;
  const list = (xs) => xs.map((s) => byteLabel(s.b)).join(", ");
  const parts = [`h${j} is positive at ${pctPos.toFixed(0)}% of steps`];
  if (hi.length) parts.push(`nearly always positive right after ${list(hi)}`);
  if (lo.length) parts.push(`nearly always negative after ${list(lo)}`);
  if (!hi.length && !lo.length) parts.push("and no frequent byte fixes its sign (it follows context rather than the byte just read)");
  let s = parts.join("; ") + ".";
  if (promotes.length) s += ` When positive it raises ${promotes.slice(0, 3).map(([b]) => byteLabel(b)).join(", ")}.`;
  if (dom !== null) s += ` It reacts most to a change ${dom} byte${dom === 1 ? "" : "s"} back.`;
  return s;
}
