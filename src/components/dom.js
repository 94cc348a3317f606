// el(): elements built directly, for the report's long tables. htl parses its template on every
// call (about 0.3 ms for a table row on this machine class), which is fine for a panel but made
// the claims ledger's 113 rows cost ~100 ms of a page's first second. el() costs a few µs.

/**
 * el("td", {class: "num", title: "…"}, child, …) → the element. Attributes that are null,
 * undefined or false are left out, true gives an empty attribute; children may be nodes,
 * strings, numbers, nested arrays, or null/false/"" (skipped).
 */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  if (attrs) for (const k in attrs) {
    const v = attrs[k];
    if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? "" : String(v));
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === "") continue;
    if (Array.isArray(c)) append(e, c);
    else e.append(c instanceof Node ? c : String(c));
  }
}
