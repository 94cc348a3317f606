// Shared view helpers for the Q2–Q5 chapters: verdict badges, claim boxes and the claims table.
// Pure: data in, element out.
import {el} from "./dom.js";

import {badge} from "./verdict.js";
export {badge};

/** Number formatting that survives null/NaN. */
export function fmt(v, digits = 4) {
  return v === null || v === undefined || !Number.isFinite(+v) ? "—" : (+v).toFixed(digits);
}

// Claim cards and tables: the one style (verdict.js), rows from the claims ledger.
export {claimCard as claimBox, claimsTable} from "./verdict.js";

/** Printable byte as the reference prints it ('.' outside 32–126), quoted. */
export function byteLabel(o) {
  return o >= 32 && o <= 126 ? `'${String.fromCharCode(o)}'` : `0x${o.toString(16).padStart(2, "0")}`;
}
