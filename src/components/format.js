import {html} from "htl";

// Counts with thousands separators, without Intl. A page's first Intl.NumberFormat (which
// toLocaleString also builds) costs 35–120 ms of ICU start-up in a fresh Chromium renderer on
// this machine class, so the report's pages format their numbers without it.

/** int(1234567.4) → "1,234,567"; "—" for null, undefined and non-finite values. */
export function int(v) {
  if (v === null || v === undefined || !Number.isFinite(+v)) return "—";
  const n = Math.round(+v);
  return (n < 0 ? "-" : "") + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "x_{t−2}" and "x_t" in computed text as x with a subscript; W_h, W_y, W_x likewise. */
export function subs(s) {
  const parts = [];
  let last = 0;
  for (const m of String(s).matchAll(/([xWh])_(?:\{([^}]*)\}|([a-z]))/g)) {
    parts.push(s.slice(last, m.index), html`${m[1]}<sub>${m[2] ?? m[3]}</sub>`);
    last = m.index + m[0].length;
  }
  parts.push(s.slice(last));
  return html`${parts}`;
}
