/**
 * C `printf` semantics for the parity printouts (spec Q1 §C11, Q2–Q5 §0.8).
 *
 * Differences from plain JS that matter for byte parity:
 * - `%.Nf` rounds the exact binary value half-to-even (glibc); `toFixed` rounds exact ties up.
 * - negative values that round to zero keep their sign: `-0.00`; so does −0.0.
 * - `%e` prints at least two exponent digits (`1e-05`).
 * - `%c` prints the byte itself if printable ASCII, else `.` (the reference tools' convention).
 */

/** `%.{digits}f` of |v| with glibc's half-to-even rounding of the exact binary value. */
function fixedMagnitude(a: number, digits: number): string {
  if (!Number.isFinite(a)) return Number.isNaN(a) ? "nan" : "inf";
  // From 1e21 on toFixed switches to exponent notation; such doubles are integers, printed exactly.
  if (a >= 1e21) return BigInt(a).toString() + (digits > 0 ? "." + "0".repeat(digits) : "");
  // An exact decimal tie at `digits` places is a dyadic rational m/2^(digits+1): its decimal
  // expansion ends right after the 5, so a long toFixed shows it exactly.
  const long = a.toFixed(Math.min(100, digits + 40));
  const [whole, frac] = long.split(".");
  if (/^50*$/.test(frac.slice(digits))) {
    const kept = digits > 0 ? `${whole}.${frac.slice(0, digits)}` : whole;
    if (Number(kept.slice(-1)) % 2 === 0) return kept; // tie to even: truncate
  }
  return a.toFixed(digits); // not a tie, or a tie whose even neighbour is above
}

function isNegative(v: number): boolean {
  return v < 0 || Object.is(v, -0);
}

/** C `%.Nf` (with sign handling as glibc). */
export function fixed(v: number, digits: number): string {
  const s = fixedMagnitude(Math.abs(v), digits);
  return isNegative(v) ? "-" + s : s;
}

/** C `%.Ne`. */
export function expo(v: number, digits: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "nan" : isNegative(v) ? "-inf" : "inf";
  const s = Math.abs(v).toExponential(digits);
  const [mant, exp] = s.split("e");
  const sign = exp[0] === "-" ? "-" : "+";
  const digitsOfExp = exp.replace(/^[-+]/, "").padStart(2, "0");
  return (isNegative(v) ? "-" : "") + mant + "e" + sign + digitsOfExp;
}

/** The reference tools' `%c`: the byte if 32 ≤ b ≤ 126, otherwise `.`. */
export function printable(b: number): string {
  return b >= 32 && b <= 126 ? String.fromCharCode(b) : ".";
}

/**
 * A subset of C `sprintf`: conversions d i u x X s c f e g %, flags `-+ 0`, width and precision
 * (also `*`). Enough for every reference template; unknown conversions throw.
 */
export function sprintf(format: string, ...args: unknown[]): string {
  let argi = 0;
  const next = () => {
    if (argi >= args.length) throw new Error(`sprintf: too few arguments for "${format}"`);
    return args[argi++];
  };
  return format.replace(/%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?(l{0,2}|z|h)?([diuxXscfeEg%])/g, (_m, flags: string, w, p, _len, conv: string) => {
    if (conv === "%") return "%";
    const width = w === "*" ? Number(next()) : w ? Number(w) : 0;
    const prec = p === "*" ? Number(next()) : p !== undefined ? Number(p) : undefined;
    const left = flags.includes("-");
    const plus = flags.includes("+");
    const space = flags.includes(" ");
    const zero = flags.includes("0") && !left;
    let body: string;
    let numeric = true;
    switch (conv) {
      case "d":
      case "i":
      case "u": {
        const v = Math.trunc(Number(next()));
        body = String(Math.abs(v));
        if (prec !== undefined) body = body.padStart(prec, "0");
        body = (v < 0 ? "-" : plus ? "+" : space ? " " : "") + body;
        break;
      }
      case "x":
      case "X": {
        const v = Number(next()) >>> 0;
        body = v.toString(16);
        if (conv === "X") body = body.toUpperCase();
        if (prec !== undefined) body = body.padStart(prec, "0");
        break;
      }
      case "f": {
        const v = Number(next());
        body = fixed(v, prec ?? 6);
        if (!isNegative(v)) body = (plus ? "+" : space ? " " : "") + body;
        break;
      }
      case "e":
      case "E": {
        const v = Number(next());
        body = expo(v, prec ?? 6);
        if (conv === "E") body = body.toUpperCase();
        if (!isNegative(v)) body = (plus ? "+" : space ? " " : "") + body;
        break;
      }
      case "g": {
        const v = Number(next());
        const P = prec === 0 ? 1 : prec ?? 6;
        const x = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(Number(expo(v, P - 1))))); // exponent after rounding
        body = x < -4 || x >= P ? expo(v, P - 1) : fixed(v, P - 1 - x);
        if (!flags.includes("#")) {
          body = body.replace(/(\.\d*?)0+(e|$)/, "$1$2").replace(/\.(e|$)/, "$1");
        }
        if (!isNegative(v)) body = (plus ? "+" : space ? " " : "") + body;
        break;
      }
      case "s": {
        numeric = false;
        body = String(next());
        if (prec !== undefined) body = body.slice(0, prec);
        break;
      }
      case "c": {
        numeric = false;
        const v = next();
        body = typeof v === "number" ? String.fromCharCode(v) : String(v);
        break;
      }
      default:
        throw new Error(`sprintf: unsupported conversion %${conv}`);
    }
    if (body.length >= width) return body;
    if (left) return body.padEnd(width, " ");
    if (zero && numeric) {
      const sign = /^[-+ ]/.test(body) ? body[0] : "";
      return sign + body.slice(sign.length).padStart(width - sign.length, "0");
    }
    return body.padStart(width, " ");
  });
}
