/**
 * Open question 3 (synthesis §7): can neurons — the routing backbone first — be explained by the
 * data's character statistics? For every neuron j, the sign s_t = [h_t[j] ≥ 0] of the f32 run is
 * predicted from one byte feature at one offset: "x_{t−d} is <class>" (or "x_{t−d} = b") for
 * d = 0 … D (x_t is the byte just consumed by h_t), D = min(MAX_OFFSET, T − 1), over the positions
 * t = D … T−1 (so every offset has its byte). A feature predicts s either as is or negated.
 *
 * Scores: accuracy (share of positions predicted right) and the mutual information I(f; s) in
 * bits of the 2×2 table, against the majority-class baseline (accuracy of always guessing the
 * more frequent sign; its MI is 0). The best single feature is the one with the highest accuracy
 * (ties: higher MI, then the order of CLASSES, bytes and offsets). The best conjunction l1 ∧ l2 of two
 * literals at different offsets (each literal a feature or its negation, the conjunction
 * predicting s as is or negated) takes l1 among the TOP_FIRST best single features and l2 among
 * every feature; it is chosen the same way. The neuron's one-line explanation uses the conjunction
 * when it is at least CONJ_GAIN_PP accuracy points better than the single feature.
 *
 * Every count is read off (offset, byte) histograms: a feature is a set of byte values at one
 * offset, so #(f ∧ s) is a sum of the histogram of the bytes at that offset over the positions
 * where s holds. A conjunction's counts come from the histograms over the positions where its
 * first literal holds (¬l1's are the complement's). The search costs O(N·D) per neuron and
 * first literal, whatever the number of features.
 */
import type { Run } from "../../io.ts";

export const MAX_OFFSET = 30;
export const TOP_FIRST = 4;
export const CONJ_GAIN_PP = 1;
/** A byte value gets its own feature ("x = b") when it occurs at least this often in the window. */
export const MIN_BYTE_COUNT = 3;

const isUpper = (b: number) => b >= 65 && b <= 90;
const isLower = (b: number) => b >= 97 && b <= 122;
const MARKUP = new Set(Array.from("<>[]{}|=&;#/*", (c) => c.charCodeAt(0)));
const isPunct = (b: number) => b > 32 && b < 127 && !isUpper(b) && !isLower(b) && !(b >= 48 && b <= 57) && !MARKUP.has(b);

/** The byte classes, in the order ties are broken. */
export const CLASSES: { id: string; text: string; test: (b: number) => boolean }[] = [
  { id: "space", text: "a space", test: (b) => b === 32 },
  { id: "letter", text: "a letter", test: (b) => isUpper(b) || isLower(b) },
  { id: "lower", text: "a lower-case letter", test: isLower },
  { id: "upper", text: "an upper-case letter", test: isUpper },
  { id: "digit", text: "a digit", test: (b) => b >= 48 && b <= 57 },
  { id: "whitespace", text: "whitespace", test: (b) => b === 32 || b === 10 || b === 9 || b === 13 },
  { id: "newline", text: "a newline", test: (b) => b === 10 },
  { id: "punct", text: "punctuation", test: isPunct },
  { id: "markup", text: "markup (<>[]{}|=&;#/*)", test: (b) => MARKUP.has(b) },
  { id: "nonascii", text: "a non-ASCII byte", test: (b) => b >= 128 },
];

/** Byte as text in an explanation. */
export function byteText(b: number): string {
  if (b === 32) return "' '";
  if (b === 10) return "'\\n'";
  if (b === 9) return "'\\t'";
  if (b > 32 && b < 127) return `'${String.fromCharCode(b)}'`;
  return `0x${b.toString(16).padStart(2, "0")}`;
}

export interface Feature {
  /** Offset d: the byte x_{t−d}. */
  d: number;
  /** Class id, or "byte". */
  kind: string;
  /** The byte for kind "byte". */
  byte?: number;
}

export interface Literal extends Feature {
  negated: boolean;
}

export interface Fit {
  /** Accuracy (0–1) and MI (bits) of the predictor. */
  acc: number;
  mi: number;
  /** true: s ≈ predictor; false: s ≈ ¬predictor. */
  positive: boolean;
}

export interface NeuronExplanation {
  j: number;
  /** Share of positions with h ≥ 0, and the majority-class accuracy. */
  pos: number;
  baseline: number;
  single: Fit & { feature: Feature };
  conj: (Fit & { a: Literal; b: Literal }) | null;
  /** Which fit the explanation uses. */
  uses: "single" | "conj" | "none";
  text: string;
}

export interface FeatureResult {
  H: number;
  D: number;
  positions: number;
  neurons: NeuronExplanation[];
}

/** MI (bits) of a 2×2 table from n11 = #(f∧s), nf = #f, ns = #s, N. */
export function mi2(n11: number, nf: number, ns: number, N: number): number {
  const cells = [
    [n11, nf, ns],
    [nf - n11, nf, N - ns],
    [ns - n11, N - nf, ns],
    [N - nf - ns + n11, N - nf, N - ns],
  ];
  let m = 0;
  for (const [c, a, b] of cells) if (c > 0) m += (c / N) * Math.log2((c * N) / (a * b));
  return m < 0 ? 0 : m;
}

function fitOf(n11: number, nf: number, ns: number, N: number): Fit {
  const agree = n11 + (N - nf - ns + n11);
  const positive = agree >= N - agree;
  return { acc: Math.max(agree, N - agree) / N, mi: mi2(n11, nf, ns, N), positive };
}

/** Higher accuracy first, then higher MI (counts are integers: accuracies tie exactly). */
const better = (a: Fit, b: Fit | null) => !b || a.acc > b.acc || (a.acc === b.acc && a.mi > b.mi + 1e-12);

/** "x_{t−d}" as text. */
export function posText(d: number): string {
  return d === 0 ? "x_t" : `x_{t−${d}}`;
}

export function literalText(l: Literal): string {
  if (l.kind === "byte") return `${posText(l.d)} ${l.negated ? "≠" : "="} ${byteText(l.byte!)}`;
  const c = CLASSES.find((k) => k.id === l.kind)!;
  return `${posText(l.d)} is ${l.negated ? "not " : ""}${c.text}`;
}

export function featureExplanations(run: Run): FeatureResult {
  const { model, data, trace } = run;
  const H = model.H;
  const T = trace.T;
  const D = Math.max(0, Math.min(MAX_OFFSET, T - 1));
  const N = T - D;
  const B = 256;
  // the byte at offset d of position p is data[D + p − d]
  const histOver = (positions: Int32Array, n: number, out: Int32Array) => {
    out.fill(0);
    for (let d = 0; d <= D; d++) {
      const base = D - d;
      const row = d * B;
      for (let q = 0; q < n; q++) out[row + data[base + positions[q]]]++;
    }
  };
  const all = new Int32Array(N);
  for (let p = 0; p < N; p++) all[p] = p;
  const histAll = new Int32Array((D + 1) * B);
  histOver(all, N, histAll);

  // features: every class and every frequent byte, at every offset, as the byte values they accept
  const counts = new Int32Array(B);
  for (let t = 0; t < T; t++) counts[data[t]]++;
  const present = Array.from({ length: B }, (_, b) => b).filter((b) => counts[b] > 0);
  const bytes = present.filter((b) => counts[b] >= MIN_BYTE_COUNT);
  const feats: Feature[] = [];
  const sets: Int32Array[] = []; // offset row + byte, for each accepted byte
  const nf: number[] = [];
  for (let d = 0; d <= D; d++) {
    const preds: [Feature, number[]][] = [
      ...CLASSES.map((c) => [{ d, kind: c.id }, present.filter(c.test)] as [Feature, number[]]),
      ...bytes.map((b) => [{ d, kind: "byte", byte: b }, [b]] as [Feature, number[]]),
    ];
    for (const [f, accepted] of preds) {
      const cells = Int32Array.from(accepted, (b) => d * B + b);
      let c = 0;
      for (const i of cells) c += histAll[i];
      if (c === 0 || c === N) continue; // constant over the window: predicts nothing
      feats.push(f);
      sets.push(cells);
      nf.push(c);
    }
  }
  const F = feats.length;
  const sumOver = (hist: Int32Array, cells: Int32Array) => {
    let c = 0;
    for (let i = 0; i < cells.length; i++) c += hist[cells[i]];
    return c;
  };

  const sPos = new Int32Array(N);
  const mPos = new Int32Array(N);
  const msPos = new Int32Array(N);
  const histS = new Int32Array((D + 1) * B);
  const histM = new Int32Array((D + 1) * B);
  const histMS = new Int32Array((D + 1) * B);
  const inFirst = new Uint8Array(B);
  const neurons: NeuronExplanation[] = [];
  for (let j = 0; j < H; j++) {
    let ns = 0;
    for (let p = 0; p < N; p++) if (trace.h[(D + p) * H + j] >= 0) sPos[ns++] = p;
    histOver(sPos, ns, histS);
    const baseline = Math.max(ns, N - ns) / N;
    // single features
    const singles: { k: number; fit: Fit }[] = [];
    for (let k = 0; k < F; k++) singles.push({ k, fit: fitOf(sumOver(histS, sets[k]), nf[k], ns, N) });
    let best: { k: number; fit: Fit } | null = null;
    for (const x of singles) if (!best || better(x.fit, best.fit)) best = x;
    // conjunctions: l1 among the TOP_FIRST best singles, l2 among every feature at another offset
    const firsts = [...singles].sort((a, b) => (better(a.fit, b.fit) ? -1 : better(b.fit, a.fit) ? 1 : a.k - b.k)).slice(0, TOP_FIRST);
    let conj: NeuronExplanation["conj"] = null;
    let conjFit: Fit | null = null;
    if (ns > 0 && ns < N) {
      for (const first of firsts) {
        const d1 = feats[first.k].d;
        inFirst.fill(0);
        for (const i of sets[first.k]) inFirst[i - d1 * B] = 1;
        // the positions where the first feature holds, and those of them where s holds
        let nmPos = 0;
        let nmsPos = 0;
        for (let p = 0; p < N; p++) if (inFirst[data[D + p - d1]]) mPos[nmPos++] = p;
        for (let q = 0; q < ns; q++) if (inFirst[data[D + sPos[q] - d1]]) msPos[nmsPos++] = sPos[q];
        histOver(mPos, nmPos, histM);
        histOver(msPos, nmsPos, histMS);
        for (const neg1 of [false, true]) {
          const nm = neg1 ? N - nmPos : nmPos;
          const nms = neg1 ? ns - nmsPos : nmsPos;
          if (nm === 0) continue;
          for (let k = 0; k < F; k++) {
            if (feats[k].d === d1) continue;
            const cells = sets[k];
            // #(l1 ∧ g ∧ s) and #(l1 ∧ g); for ¬l1, the complement of l1's within g's
            let a = sumOver(histMS, cells);
            let b = sumOver(histM, cells);
            if (neg1) {
              a = sumOver(histS, cells) - a;
              b = nf[k] - b;
            }
            // l2 = g: (a, b); l2 = ¬g: (nms − a, nm − b)
            for (const neg2 of [false, true]) {
              const n11 = neg2 ? nms - a : a;
              const nc = neg2 ? nm - b : b;
              if (nc === 0 || nc === N) continue;
              const fit = fitOf(n11, nc, ns, N);
              if (better(fit, conjFit)) {
                conjFit = fit;
                conj = { ...fit, a: { ...feats[first.k], negated: neg1 }, b: { ...feats[k], negated: neg2 } };
              }
            }
          }
        }
      }
    }
    const single = best ? { ...best.fit, feature: feats[best.k] } : { acc: baseline, mi: 0, positive: true, feature: { d: 0, kind: "none" } };
    const uses: NeuronExplanation["uses"] = !best ? "none" : conj && conj.acc * 100 >= single.acc * 100 + CONJ_GAIN_PP ? "conj" : "single";
    const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
    let text: string;
    if (uses === "none") text = `h${j}: no byte feature varies over the window (sign ${ns === N ? "always +" : ns === 0 ? "always −" : "mixed"})`;
    else {
      const fit = uses === "conj" ? conj! : single;
      const what = uses === "conj" ? `${literalText(conj!.a)} ∧ ${literalText(conj!.b)}` : literalText({ ...single.feature, negated: false });
      text = `h${j} ${fit.positive ? ">" : "<"} 0 ≈ ${what} (${pct(fit.acc)} vs ${pct(baseline)} baseline, MI ${fit.mi.toFixed(2)} bits)`;
    }
    neurons.push({ j, pos: ns / N, baseline, single, conj, uses, text });
  }
  return { H, D, positions: N, neurons };
}

/** The computed one-sentence answer, for the neurons in `focus` (e.g. the backbone) and overall. */
export function featuresAnswer(r: FeatureResult, focus: number[]): string {
  const gain = (n: NeuronExplanation) => (n.uses === "conj" ? n.conj!.acc : n.single.acc) - n.baseline;
  const acc = (n: NeuronExplanation) => (n.uses === "conj" ? n.conj!.acc : n.single.acc);
  const all = r.neurons;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);
  const strong = all.filter((n) => acc(n) >= 0.9).length;
  const pp = (v: number) => `${(100 * v).toFixed(1)}`;
  let s = `One or two byte features at offsets ≤ ${r.D} predict a neuron's sign with ${pp(mean(all.map(acc)))}% accuracy on average (majority baseline ${pp(mean(all.map((n) => n.baseline)))}%); ${strong} of ${r.H} neurons reach ≥ 90%`;
  const fs = focus.filter((j) => j < r.H).map((j) => all[j]);
  if (fs.length) s += `. Backbone: ${fs.map((n) => `h${n.j} ${pp(acc(n))}% vs ${pp(n.baseline)}% (+${pp(gain(n))} pp)`).join(", ")}`;
  return s + ".";
}

/** Each neuron's one-line computed explanation (index j), for the neuron pages (also in open-questions.json as oq3.explanations). */
export function neuronExplanations(run: Run): string[] {
  return featureExplanations(run).neurons.map((n) => n.text);
}
