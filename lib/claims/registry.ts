/**
 * The claims registry: every distinct claim of the paper, once, as data (no functions). A claim
 * quoted in several places is one row with several locations. The paper's values live only here
 * (rows' `paper`/`rule`, and the tables in PAPER_TABLES that chapter charts overlay).
 *
 * A row names its measure (lib/claims/measures.ts) and its rule; lib/claims/engine.ts judges it.
 * `fixed` marks a value the layout, the method or the corpus fixes (the same for every model of
 * this layout on this corpus): such a row is "holds by construction" when it agrees and "not
 * reproducible" when it cannot; test/claims.test.ts checks that the value is constant across
 * random models. `chance`: the verdict also needs the value above its chance baseline.
 */

export type Chapter = "model" | "q1" | "q2" | "q3" | "q4" | "q5" | "q6" | "q7";
/** Reading order of the chapters (ledger, bars, filters). */
export const CHAPTERS: readonly Chapter[] = ["model", "q1", "q2", "q3", "q4", "q5", "q6", "q7"];

export const SECTIONS = [
  { id: "abstract", title: "Abstract" },
  { id: "overview", title: "§1 Overview of results" },
  { id: "theorem", title: "§2 Theorem 1" },
  { id: "evidence", title: "§2 Evidence" },
  { id: "mantissa", title: "§2 The mantissa mechanism" },
  { id: "minimal", title: "§3 The minimal model" },
  { id: "observation1", title: "§3 Observation 1" },
  { id: "removes", title: "§3 What the redux removes" },
  { id: "backbone", title: "§4 The routing backbone" },
  { id: "observation2", title: "§4 Observation 2" },
  { id: "flow", title: "§5 The information flow" },
  { id: "training", title: "§6 What training did" },
  { id: "toomuch", title: "§6 Training gave us too much" },
  { id: "open", title: "§7 Open questions" },
  { id: "companion", title: "Companion papers and the reproduce script" },
] as const;
export type SectionId = (typeof SECTIONS)[number]["id"];

export type Rule =
  /** |m − target| ≤ tol (elementwise when target is an array). */
  | { kind: "abs"; target: number | readonly number[]; tol: number }
  /** |m − target| ≤ tol · |target|. */
  | { kind: "rel"; target: number | readonly number[]; tol: number }
  /** target / factor ≤ m ≤ target · factor. */
  | { kind: "factor"; target: number | readonly number[]; factor: number }
  | { kind: "atLeast"; min: number; strict?: boolean }
  | { kind: "atMost"; max: number; strict?: boolean }
  | { kind: "range"; lo: number; hi: number }
  /** Exactly equal (counts, neuron indices, chains). */
  | { kind: "eq"; target: number | readonly number[] }
  /** Compound: part i of the measured array is judged by parts[i]; holds only if all hold. */
  | { kind: "all"; parts: readonly Rule[] }
  /** Not judged (a question, or a claim no analysis here decides): always "not computable". */
  | { kind: "none"; reason: string };

/** The unit a row's distance is written in. */
export type Unit = "bpc" | "points" | "count" | "ratio" | "neuron" | "steps" | "offset" | "none";

export interface Fixed {
  by: "layout" | "method" | "corpus";
  /** Why the value cannot vary with the weights. */
  why: string;
}

export interface ClaimSpec {
  id: string;
  /** The chapter page's name(s) for the row (the page looks rows up by these). */
  keys?: readonly string[];
  /** Every place the paper states it (first = where the ledger lists it). */
  locations: readonly SectionId[];
  /** The paper's words (one location's verbatim text). */
  quote: string;
  /** The claim in short. */
  claim: string;
  /** The paper's value as printed. */
  paper: string;
  rule: Rule;
  unit: Unit;
  /** Name of the measure (lib/claims/measures.ts). */
  measure: string;
  chapter: Chapter;
  /** The chart that shows it (a page anchor). */
  chart: string;
  /** Method page anchor. */
  method: string;
  /** Neurons the claim names. */
  neurons: readonly number[];
  fixed?: Fixed;
  /** The verdict also needs the measured value above its chance baseline. */
  chance?: boolean;
  note?: string;
}

const WH_EVEN = "with W_h unpruned every block of this layout (W_x, W_h, b_h, 256 per readout neuron, b_y) has an even size, so no count of them is odd";

export const CLAIMS = [
  // ------------------------------------------------------------------ the model
  { id: "hidden", locations: ["abstract"], quote: "128 hidden units", claim: "The sat-rnn has 128 hidden units", paper: "128", rule: { kind: "eq", target: 128 }, unit: "count", measure: "hidden", chapter: "model", chart: "./#the-model", method: "conventions", neurons: [], fixed: { by: "layout", why: "H is the layout, not something the weights learn" } },
  { id: "bpc", keys: ["bpc"], locations: ["abstract"], quote: "0.079 bpc", claim: "The model reaches 0.079 bpc", paper: "0.079 bpc", rule: { kind: "abs", target: 0.079, tol: 0.0005 }, unit: "bpc", measure: "bpc", chapter: "model", chart: "./#the-model", method: "conventions", neurons: [] },
  { id: "bytes", locations: ["abstract"], quote: "1024 bytes of enwik8", claim: "Measured on 1024 bytes of enwik8", paper: "1024 bytes", rule: { kind: "eq", target: 1024 }, unit: "count", measure: "corpusBytes", chapter: "model", chart: "./#the-model", method: "conventions", neurons: [], fixed: { by: "corpus", why: "the corpus window, not the weights" } },
  { id: "params", keys: ["full"], locations: ["abstract", "toomuch", "minimal"], quote: "The full model has 82,304 parameters", claim: "The full model has 82,304 (~82,000) parameters", paper: "82,304", rule: { kind: "eq", target: 82304 }, unit: "count", measure: "parameters", chapter: "model", chart: "./q5#counting-parameters", method: "conventions", neurons: [], fixed: { by: "layout", why: "256H + H² + H + 256H + 256 for any weights" } },
  { id: "positions", keys: ["positions"], locations: ["mantissa"], quote: "Over 520 positions", claim: "The evaluation covers 520 positions", paper: "520", rule: { kind: "eq", target: 520 }, unit: "count", measure: "predictions", chapter: "model", chart: "./#the-model", method: "conventions", neurons: [], fixed: { by: "corpus", why: "a window of n bytes gives n − 1 predictions whatever the weights" } },
  { id: "full-bpc", locations: ["mantissa", "minimal"], quote: "vs full f32’s 4.965", claim: "Full float32 gives 4.965 bpc", paper: "4.965 bpc", rule: { kind: "abs", target: 4.965, tol: 0.01 }, unit: "bpc", measure: "bpc", chapter: "model", chart: "./#the-model", method: "conventions", neurons: [], note: "The paper's tables describe a model with ~30× larger weights; the abstract's 0.079 bpc is this one." },
  { id: "training-init", locations: ["training"], quote: "From ~ 10 million random bits (the initial ϵ-field of weight initialization), training by BPTT-50 + Adam selected a map", claim: "Training (BPTT-50 + Adam) started from ~10 million random bits", paper: "~10⁷ bits", rule: { kind: "none", reason: "the weights do not record how they were trained" }, unit: "none", measure: "weightBits", chapter: "model", chart: "./#the-model", method: "conventions", neurons: [] },

  // ------------------------------------------------------------------ Q1
  { id: "above1", keys: ["above1"], locations: ["abstract", "theorem", "flow"], quote: "a 128-bit Boolean automaton where 98.9% of neuron-steps have margins > 1.0", claim: "98.9 % of neuron-steps have |z| > 1 (the other 1.1 % are fragile)", paper: "98.9 %", rule: { kind: "abs", target: 98.9, tol: 1 }, unit: "points", measure: "marginAbove1", chapter: "q1", chart: "./q1#margins", method: "q1-margins", neurons: [] },
  { id: "mean-margin", keys: ["meanMargin"], locations: ["evidence"], quote: "Mean pre-activation margin: 60.5", claim: "Mean pre-activation margin 60.5", paper: "60.5", rule: { kind: "rel", target: 60.5, tol: 0.1 }, unit: "ratio", measure: "meanMargin", chapter: "q1", chart: "./q1#margins", method: "q1-margins", neurons: [] },
  { id: "below01", keys: ["below01"], locations: ["evidence"], quote: "Only at the 0.11% of neuron-steps with margin < 0.1", claim: "0.11 % of neuron-steps have |z| < 0.1", paper: "0.11 %", rule: { kind: "abs", target: 0.11, tol: 0.05 }, unit: "points", measure: "marginBelow01", chapter: "q1", chart: "./q1#margins", method: "q1-margins", neurons: [] },
  { id: "bin05", keys: ["bin05"], locations: ["companion"], quote: "5.11% of margins in [0, 5], the rest roughly uniform to 250 (boolean-automaton paper)", claim: "5.11 % of margins lie in [0, 5]", paper: "5.11 %", rule: { kind: "abs", target: 5.11, tol: 1 }, unit: "points", measure: "marginBin05", chapter: "q1", chart: "./q1#margins", method: "q1-margins", neurons: [] },
  { id: "fragile-h54", keys: ["fragile"], locations: ["observation2"], quote: "h54 has the smallest mean margin (26.7)", claim: "h54 has the smallest mean margin (26.7)", paper: "h54 (26.7)", rule: { kind: "eq", target: 54 }, unit: "neuron", measure: "smallestMarginNeuron", chapter: "q1", chart: "./q1#margins", method: "q1-margins", neurons: [54] },
  { id: "max-pert", keys: ["mantissa"], locations: ["evidence"], quote: "Maximum mantissa perturbation to any pre-activation: 4.7×10^{-5} (via Σ|W_h|·2^{-23})", claim: "The largest mantissa perturbation of a pre-activation is 4.7×10⁻⁵", paper: "4.7×10⁻⁵", rule: { kind: "rel", target: 4.7e-5, tol: 0.25 }, unit: "ratio", measure: "maxPert", chapter: "q1", chart: "./q1#the-mantissa-bound", method: "q1-margins", neurons: [] },
  { id: "margin-factor", locations: ["evidence"], quote: "The margin exceeds the perturbation by a factor of 10^6 on average", claim: "Mean margin ÷ mantissa bound ≈ 10⁶ (on average)", paper: "10⁶", rule: { kind: "factor", target: 1e6, factor: 10 }, unit: "ratio", measure: "meanSafety", chapter: "q1", chart: "./q1#the-mantissa-bound", method: "q1-margins", neurons: [], fixed: { by: "method", why: "the bound is Σ_k |W_h[j][k]|·2⁻²³ and a margin is a sum of the same weights times ±1, so their ratio is ~2²³ × (a fraction) for almost any tanh RNN" } },
  { id: "min-safety", keys: ["safety"], locations: ["evidence"], quote: "The margin exceeds the perturbation by a factor of 10^6 (read at the smallest margin: the mantissa cannot flip a sign)", claim: "Smallest margin ÷ largest bound ≈ 10⁶: no sign can flip", paper: "10⁶", rule: { kind: "factor", target: 1e6, factor: 10 }, unit: "ratio", measure: "minSafety", chapter: "q1", chart: "./q1#the-mantissa-bound", method: "q1-margins", neurons: [], note: "A second reading: what decides whether a sign can flip is the smallest margin, not the average." },
  { id: "sign-beats-full", keys: ["signOnly"], locations: ["companion"], quote: "Sign-only dynamics (5.69 bpc) beats full f32 (5.72) (boolean-automaton paper)", claim: "Sign-only dynamics is no worse than full float32", paper: "5.69 vs 5.72", rule: { kind: "atMost", max: 0 }, unit: "bpc", measure: "signOnlyMinusFull", chapter: "q1", chart: "./q1#sign-only-dynamics-zero-mantissa-sign-readout", method: "q1-boolean", neurons: [] },
  { id: "sign-channel", keys: ["signOnly2"], locations: ["training", "companion"], quote: "1. The sign channel carries 99.7% of the compression.", claim: "The sign channel carries 99.7 % of the compression (sign-only 4.977 vs f32 4.965)", paper: "99.7 %", rule: { kind: "abs", target: 99.7, tol: 0.5 }, unit: "points", measure: "signChannelShare", chapter: "q1", chart: "./q1#sign-only-dynamics-zero-mantissa-sign-readout", method: "q1-boolean", neurons: [], note: "Share = (8 − sign-only bpc) / (8 − f32 bpc); 8 bpc = no compression." },
  { id: "zero-mantissa", keys: ["zeroMantissa"], locations: ["abstract", "mantissa"], quote: "removing it improves bpc by 0.095", claim: "Removing the mantissa improves bpc by 0.095", paper: "Δ = −0.095 bpc", rule: { kind: "abs", target: -0.095, tol: 0.05 }, unit: "bpc", measure: "zeroMantissaDelta", chapter: "q1", chart: "./q1#sign-only-dynamics-zero-mantissa-sign-readout", method: "x2", neurons: [] },
  { id: "zero-mantissa-bpc", locations: ["mantissa"], quote: "Removing the mantissa (keeping only sign + exponent) yields 4.870 bpc", claim: "Zero-mantissa dynamics gives 4.870 bpc", paper: "4.870 bpc", rule: { kind: "abs", target: 4.87, tol: 0.05 }, unit: "bpc", measure: "zeroMantissaBpc", chapter: "q1", chart: "./q1#sign-only-dynamics-zero-mantissa-sign-readout", method: "x2", neurons: [] },
  { id: "sign-readout", locations: ["flow"], quote: "The sign of h_t (not the magnitude) determines the logit contribution: W_y[o][j] · (±1)", claim: "The sign of h, not its magnitude, sets the readout (sign readout costs ≤ 0.02 bpc)", paper: "sign ≈ full", rule: { kind: "atMost", max: 0.02 }, unit: "bpc", measure: "signReadoutMinusFull", chapter: "q1", chart: "./q1#sign-only-dynamics-zero-mantissa-sign-readout", method: "q1-margins", neurons: [], note: "Tolerance from the paper's own numbers: sign-only 4.977 vs full 4.965 is +0.012." },
  { id: "mantissa-flips", locations: ["mantissa"], quote: "this injects ~ 0.13 random flips per step", claim: "The mantissa injects ~0.13 sign flips per step", paper: "0.13 per step", rule: { kind: "factor", target: 0.13, factor: 2 }, unit: "ratio", measure: "mantissaFlipsPerStep", chapter: "q1", chart: "./q1#sign-only-dynamics-zero-mantissa-sign-readout", method: "x2", neurons: [], note: "Read as X2's sign differences per step; the paper gives no definition." },
  { id: "mantissa-share", locations: ["training"], quote: "2. The mantissa channel carries 0.3% and actively interferes.", claim: "The mantissa carries 0.3 % and interferes (removing it helps)", paper: "0.3 %; Δ < 0", rule: { kind: "all", parts: [{ kind: "abs", target: 0.3, tol: 0.5 }, { kind: "atMost", max: 0, strict: true }] }, unit: "points", measure: "mantissaShareAndDelta", chapter: "q1", chart: "./q1#sign-only-dynamics-zero-mantissa-sign-readout", method: "x2", neurons: [] },
  { id: "theorem", keys: ["theorem"], locations: ["theorem", "toomuch"], quote: "The sat-rnn’s computation is equivalent to a Boolean transition function f : {0,1}^128 × {0…255} → {0,1}^128", claim: "tanh ≡ sgn: one Boolean step reproduces the float32 signs", paper: "equivalent (100 %)", rule: { kind: "atLeast", min: 99.9 }, unit: "points", measure: "oneStepAgreement", chapter: "q1", chart: "./q1#sign-only-dynamics-zero-mantissa-sign-readout", method: "q1-boolean", neurons: [] },
  { id: "sensitivity", keys: ["sensitivity"], locations: ["mantissa", "companion"], quote: "sensitivity ~ 4.6 (each flip cascades to 4.6 others)", claim: "A sign flip cascades to ~4.6 other neurons", paper: "4.6", rule: { kind: "rel", target: 4.6, tol: 0.2 }, unit: "ratio", measure: "sensitivity", chapter: "q1", chart: "./q1#the-influence-graph", method: "q1-boolean", neurons: [] },
  { id: "fan-in", keys: ["fanIn"], locations: ["companion"], quote: "W_h is dense: mean fan-in 125/128 (|w| > 0.1) (boolean-automaton paper)", claim: "Mean fan-in 125 of 128 (|w| > 0.1)", paper: "125", rule: { kind: "rel", target: 125, tol: 0.05 }, unit: "ratio", measure: "fanIn", chapter: "q1", chart: "./q1#the-influence-graph", method: "q1-boolean", neurons: [] },
  { id: "wh-mean-abs", keys: ["whSigns"], locations: ["companion"], quote: "W_h: 8,196 positive / 8,183 negative / 5 near-zero, mean |w| 2.64 (boolean-automaton paper)", claim: "Mean |w| of W_h's positive entries 2.64", paper: "2.64", rule: { kind: "rel", target: 2.64, tol: 0.2 }, unit: "ratio", measure: "whMeanPositive", chapter: "q1", chart: "./q1#the-influence-graph", method: "q1-boolean", neurons: [] },
  { id: "influence", keys: ["meanInfluence", "outDegree"], locations: ["companion"], quote: "Mean influence per edge 0.027; mean out-degree 3.5 (boolean-automaton paper)", claim: "Mean influence per edge 0.027 (out-degree 3.5 = H × 0.027)", paper: "0.027", rule: { kind: "rel", target: 0.027, tol: 0.1 }, unit: "ratio", measure: "meanInfluence", chapter: "q1", chart: "./q1#the-influence-graph", method: "q1-bool-attractor", neurons: [] },
  { id: "top-edge", keys: ["topEdge"], locations: ["companion"], quote: "Strongest edge h111 → h49 (0.282) (boolean-automaton paper)", claim: "The strongest influence edge is h111 → h49", paper: "h111 → h49", rule: { kind: "eq", target: [111, 49] }, unit: "neuron", measure: "topEdge", chapter: "q1", chart: "./q1#the-influence-graph", method: "q1-bool-attractor", neurons: [111, 49] },
  { id: "unique-finals", keys: ["attractors"], locations: ["companion"], quote: "49/50 random starts end in unique states; none converge (boolean-automaton paper)", claim: "Random starts end in distinct states (49/50) and none converges", paper: "49/50", rule: { kind: "all", parts: [{ kind: "atLeast", min: 45 }, { kind: "atLeast", min: 100 }] }, unit: "count", measure: "uniqueFinals", chapter: "q1", chart: "./q1#convergence-attractors-and-cycles", method: "q1-bool-attractor", neurons: [] },
  { id: "no-cycles", keys: ["cycles"], locations: ["training", "open"], quote: "6. The dynamics is ergodic (no attractors, no cycles).", claim: "No cycles (up to period 100 in 50 random starts), no attractors", paper: "none", rule: { kind: "all", parts: [{ kind: "eq", target: 0 }, { kind: "atLeast", min: 100 }] }, unit: "count", measure: "cyclesAndConvergence", chapter: "q1", chart: "./q1#convergence-attractors-and-cycles", method: "q1-bool-attractor", neurons: [], note: "The reference tool checks a single start; the 51-start search is this project's." },
  { id: "unique-states", keys: ["unique"], locations: ["companion"], quote: "Every position has a unique sign vector (520/520) (boolean-automaton paper)", claim: "Every position has its own sign vector", paper: "520/520", rule: { kind: "eq", target: 0 }, unit: "count", measure: "repeatedStates", chapter: "q1", chart: "./q1#convergence-attractors-and-cycles", method: "q1-boolean", neurons: [] },
  { id: "attribution-h54", keys: ["attribution"], locations: ["companion"], quote: "At t=42 flipping h54 costs +1.706 bpc (boolean-automaton paper)", claim: "At t = 42 the costliest flip is h54's", paper: "h54 +1.706", rule: { kind: "eq", target: 54 }, unit: "neuron", measure: "attributionTop", chapter: "q1", chart: "./q1#convergence-attractors-and-cycles", method: "q1-bool-attractor", neurons: [54] },
  { id: "flips-per-step", keys: ["flipsPerStep"], locations: ["companion"], quote: "Mean 32.0 sign flips per step (boolean-automaton paper)", claim: "32 sign flips per step on average", paper: "32.0", rule: { kind: "rel", target: 32, tol: 0.2 }, unit: "ratio", measure: "flipsPerStep", chapter: "q1", chart: "./q1#convergence-attractors-and-cycles", method: "q1-bool-attractor", neurons: [] },
  { id: "volatile-h54", keys: ["volatile"], locations: ["observation2"], quote: "is the most volatile (234 flips)", claim: "h54 is the most volatile neuron (234 flips)", paper: "h54 (234)", rule: { kind: "eq", target: 54 }, unit: "neuron", measure: "mostVolatile", chapter: "q1", chart: "./q4#flip-counts-and-volatility-classes", method: "q4", neurons: [54] },
  { id: "significant", keys: ["significant"], locations: ["companion"], quote: "44,794 significant (5,371/14,245/25,178) (q1-sparsity paper)", claim: "44,794 significant weights |w| > 0.01: W_x 5,371, W_h 14,245, W_y 25,178", paper: "5,371 / 14,245 / 25,178 = 44,794", rule: { kind: "eq", target: [5371, 14245, 25178, 44794] }, unit: "count", measure: "significant", chapter: "q1", chart: "./q1#sparsity", method: "q1-sparsity", neurons: [] },
  { id: "survive-3048", locations: ["companion"], quote: "~3048 patterns survive (q1-sparsity abstract)", claim: "~3,048 patterns survive", paper: "~3,048", rule: { kind: "rel", target: 3048, tol: 0.1 }, unit: "ratio", measure: "significantTotal", chapter: "q1", chart: "./q1#sparsity", method: "q1-sparsity", neurons: [], note: "The q1-sparsity paper's own results section says 44,794." },
  { id: "sparsity-mean", keys: ["sparsity"], locations: ["companion"], quote: "mean 9807/4357/1166/157/8 at τ = 1e−4 … 1 (q1-sparsity paper)", claim: "Mean active patterns per prediction at τ = 10⁻⁴ … 1: 9807 / 4357 / 1166 / 157 / 8", paper: "9807 / 4357 / 1166 / 157 / 8", rule: { kind: "abs", target: [9807, 4357, 1166, 157, 8], tol: 0.5 }, unit: "count", measure: "sparsityMean", chapter: "q1", chart: "./q1#sparsity", method: "q1-sparsity", neurons: [] },
  { id: "sparsity-median", locations: ["companion"], quote: "median 10283/1664/15/0/0 at τ = 1e−4 … 1 (q1-sparsity paper)", claim: "Median active patterns at τ = 10⁻⁴ … 1: 10283 / 1664 / 15 / 0 / 0", paper: "10283 / 1664 / 15 / 0 / 0", rule: { kind: "eq", target: [10283, 1664, 15, 0, 0] }, unit: "count", measure: "sparsityMedian", chapter: "q1", chart: "./q1#sparsity", method: "q1-sparsity", neurons: [] },
  { id: "wh-active-share", keys: ["whShare"], locations: ["companion"], quote: "W_h ≈ 87% of active patterns (q1-sparsity paper)", claim: "W_h is ≈ 87 % of the active patterns (τ = 0.01)", paper: "87 %", rule: { kind: "abs", target: 87, tol: 2 }, unit: "points", measure: "whActiveShare", chapter: "q1", chart: "./q1#sparsity", method: "q1-sparsity", neurons: [] },
  { id: "never-active", keys: ["never"], locations: ["companion"], quote: "Never active: 57,335/81,920; Wx 28,635; Wh 735; Wy 27,965 (q1-sparsity paper)", claim: "Never active at τ = 0.01: 57,335 (W_x 28,635, W_h 735, W_y 27,965)", paper: "28,635 / 735 / 27,965 = 57,335", rule: { kind: "eq", target: [28635, 735, 27965, 57335] }, unit: "count", measure: "neverActive", chapter: "q1", chart: "./q1#sparsity", method: "q1-sparsity", neurons: [] },
  { id: "depth-profile", locations: ["companion"], quote: "Depth profile 0.757, 0.176, 0.181, 0.243, 0.342, 0.406, 0.729, 0.827, 0.421, 0.571, 0.421 (q1-sparsity paper)", claim: "Depth profile at d = 0, 1, 2, 4, 8, 12, 20, 21, 30, 40, 50", paper: "0.757, 0.176, 0.181, 0.243, 0.342, 0.406, 0.729, 0.827, 0.421, 0.571, 0.421", rule: { kind: "abs", target: [0.757, 0.176, 0.181, 0.243, 0.342, 0.406, 0.729, 0.827, 0.421, 0.571, 0.421], tol: 0.0006 }, unit: "ratio", measure: "depthProfile", chapter: "q1", chart: "./q1#depth-profile", method: "q1-sparsity", neurons: [] },
  { id: "depth-peak", keys: ["depthPeak"], locations: ["companion"], quote: "Peak at d≈20–21 exceeding d=0 (q1-sparsity paper)", claim: "The depth profile peaks at d ≈ 20–21, above d = 0", paper: "d = 20–21, > 1×", rule: { kind: "all", parts: [{ kind: "range", lo: 19, hi: 22 }, { kind: "atLeast", min: 1, strict: true }] }, unit: "offset", measure: "depthPeak", chapter: "q1", chart: "./q1#depth-profile", method: "q1-sparsity", neurons: [] },
  { id: "leverage", keys: ["leverage"], locations: ["overview"], quote: "Q1: Sparsity 300:52:1 Per-bit leverage hierarchy (sign:exp:mant).", claim: "Per-bit leverage sign : exponent : mantissa = 300 : 52 : 1", paper: "300 : 52 : 1", rule: { kind: "factor", target: [300, 52], factor: 2 }, unit: "ratio", measure: "leverage", chapter: "q1", chart: "./q1#per-bit-leverage-x1", method: "x1", neurons: [] },
  { id: "rho", keys: ["rho"], locations: ["overview"], quote: "Pattern ranking ρ = 1.000 at BPTT depth ≥ 11", claim: "Pattern ranking ρ = 1.000 from BPTT depth 11", paper: "ρ(11) = 1.000", rule: { kind: "atLeast", min: 0.9995 }, unit: "ratio", measure: "rho11", chapter: "q1", chart: "./q1#ranking-stability-vs-bptt-depth-x3", method: "x3", neurons: [] },

  // ------------------------------------------------------------------ Q2
  { id: "d25", keys: ["d25"], locations: ["overview"], quote: "Q2: Offsets 23.4% at d=25", claim: "23.4 % of neurons have their dominant offset at d = 25", paper: "23.4 %", rule: { kind: "abs", target: 23.4, tol: 0.5 }, unit: "points", measure: "pctAtD25", chapter: "q2", chart: "./q2#each-neurons-most-sensitive-depth", method: "q2", neurons: [] },
  { id: "deep-offsets", keys: ["deep"], locations: ["overview", "training"], quote: "RNN uses deep offsets (d=18-25)", claim: "The effective offsets are d = 18–25", paper: "d = 18–25", rule: { kind: "range", lo: 18, hi: 25 }, unit: "offset", measure: "medianDominantDepth", chapter: "q2", chart: "./q2#each-neurons-most-sensitive-depth", method: "q2", neurons: [] },
  { id: "mi-greedy", keys: ["greedy"], locations: ["overview"], quote: "MI-greedy [1,3,8,20]", claim: "MI-greedy selects the offsets {1, 3, 8, 20}", paper: "[1, 3, 8, 20]", rule: { kind: "eq", target: [1, 3, 8, 20] }, unit: "offset", measure: "miGreedy", chapter: "q2", chart: "./q2#the-mi-greedy-offsets", method: "x4", neurons: [], fixed: { by: "corpus", why: "the greedy search reads only the corpus bytes, never the weights" } },
  { id: "mi-share", keys: ["mi"], locations: ["overview"], quote: "captures only 9.4% of signal", claim: "The MI-greedy offsets capture only 9.4 % of the sign-change signal", paper: "9.4 %", rule: { kind: "abs", target: 9.4, tol: 0.5 }, unit: "points", measure: "miShare", chapter: "q2", chart: "./q2#the-mi-greedy-offsets", method: "q2", neurons: [], note: "Four offsets at random carry 4/D of the signal on average (the chance level shown); the paper's “only” says the chosen four carry less than that." },
  { id: "factor-pair", keys: ["factor"], locations: ["companion"], quote: "offsets 1 and 7 together = 3.3% (q234)", claim: "Offsets 1 and 7 together carry 3.3 %", paper: "3.3 %", rule: { kind: "abs", target: 3.3, tol: 0.5 }, unit: "points", measure: "factorShare", chapter: "q2", chart: "./q2#the-mi-greedy-offsets", method: "q2", neurons: [] },
  { id: "monotone", keys: ["monotone"], locations: ["companion"], quote: "the profile increases with depth; ~half the neurons (49.5) flip at d≈25 (q234)", claim: "Mean sign changes never decrease with depth", paper: "monotone", rule: { kind: "eq", target: 0 }, unit: "count", measure: "depthDecreases", chapter: "q2", chart: "./q2", method: "q2", neurons: [] },

  // ------------------------------------------------------------------ Q3
  { id: "h28", keys: ["star"], locations: ["overview", "training"], quote: "Q3: Neurons 1 neuron = 99.7% h28 alone captures 99.7% of compression", claim: "h28 alone captures 99.7 % of the compression", paper: "h28: 99.7 %", rule: { kind: "abs", target: 99.7, tol: 0.5 }, unit: "points", measure: "h28Share", chapter: "q3", chart: "./q3#removing-and-keeping-neurons", method: "q3", neurons: [28] },
  { id: "top15", keys: ["top15"], locations: ["overview"], quote: "Top 15 = 102%", claim: "The top 15 neurons give 102 % of the compression", paper: "102 %", rule: { kind: "abs", target: 102, tol: 0.5 }, unit: "points", measure: "top15Share", chapter: "q3", chart: "./q3#removing-and-keeping-neurons", method: "q3", neurons: [] },
  { id: "noise", keys: ["noise"], locations: ["overview"], quote: "The other 113 are noise", claim: "A small subset (≤ 30 neurons) beats the full model", paper: "subset better than full", rule: { kind: "atMost", max: 0, strict: true }, unit: "bpc", measure: "bestSmallSubsetDelta", chapter: "q3", chart: "./q3#removing-and-keeping-neurons", method: "q3", neurons: [] },
  { id: "ko-top8", keys: ["ko8"], locations: ["companion"], quote: "knockout top-8: h28, h105, h54, h17, h49, h10, h97, h3 (q234)", claim: "The knockout top 8 are h28, h105, h54, h17, h49, h10, h97, h3", paper: "h28 h105 h54 h17 h49 h10 h97 h3", rule: { kind: "atLeast", min: 6 }, unit: "count", measure: "knockoutOverlap", chapter: "q3", chart: "./q3", method: "q3", neurons: [28, 105, 54, 17, 49, 10, 97, 3], chance: true },
  { id: "neuron-mantissa", keys: ["mantissa"], locations: ["companion"], quote: "no neuron's mantissa matters more than 0.002 bpc (q234)", claim: "No neuron's magnitude matters more than 0.002 bpc", paper: "≤ 0.002 bpc", rule: { kind: "atMost", max: 0.002 }, unit: "bpc", measure: "maxSignOnlyDelta", chapter: "q3", chart: "./q3#does-the-magnitude-matter-per-neuron-sign-only-readout", method: "q3", neurons: [] },
  { id: "wy-norms", keys: ["ranges"], locations: ["companion"], quote: "‖W_y col‖ 2.5–84.8, mean|h| 0.983–0.995 (q234)", claim: "Largest readout column norm 84.8; every mean|h| ≥ 0.95", paper: "84.8; 0.983–0.995", rule: { kind: "all", parts: [{ kind: "abs", target: 84.8, tol: 5 }, { kind: "atLeast", min: 0.95 }] }, unit: "ratio", measure: "normAndMeanAbs", chapter: "q3", chart: "./q3", method: "q3", neurons: [] },

  // ------------------------------------------------------------------ Q4
  { id: "all-volatile", keys: ["volatile"], locations: ["abstract", "overview", "training"], quote: "all 128 neurons flip sign", claim: "All neurons are volatile (none frozen)", paper: "128/128", rule: { kind: "atLeast", min: 100 }, unit: "points", measure: "volatilePct", chapter: "q4", chart: "./q4#flip-counts-and-volatility-classes", method: "q4", neurons: [] },
  { id: "least-flips", keys: ["least"], locations: ["companion"], quote: "the least volatile neuron still flips ~100 times (q234)", claim: "The least volatile neuron flips ~100 times", paper: "~100 flips", rule: { kind: "factor", target: 100, factor: 1.5 }, unit: "ratio", measure: "leastFlips", chapter: "q4", chart: "./q4#flip-counts-and-volatility-classes", method: "q4", neurons: [] },
  { id: "dwell", keys: ["dwell"], locations: ["abstract", "overview", "companion"], quote: "every ~ 3 steps", claim: "Each neuron flips sign every ~3 steps (mean dwell 3.3)", paper: "~3 (3.3) steps", rule: { kind: "abs", target: 3.3, tol: 0.5 }, unit: "steps", measure: "meanDwell", chapter: "q4", chart: "./q4#how-long-does-a-sign-last-dwell-times", method: "x5", neurons: [] },
  { id: "dwell-peak", keys: ["peak"], locations: ["companion"], quote: "dwell distribution peaks at 4 (q234)", claim: "The dwell distribution peaks at 4 steps", paper: "4", rule: { kind: "eq", target: 4 }, unit: "steps", measure: "dwellMode", chapter: "q4", chart: "./q4#how-long-does-a-sign-last-dwell-times", method: "q4", neurons: [] },
  { id: "dwell-le10", keys: ["le10"], locations: ["companion"], quote: "95% of dwells ≤ 10 (q234)", claim: "95 % of dwells last ≤ 10 steps", paper: "95 %", rule: { kind: "atLeast", min: 95 }, unit: "points", measure: "dwellLe10", chapter: "q4", chart: "./q4#how-long-does-a-sign-last-dwell-times", method: "q4", neurons: [] },
  { id: "saturated", keys: ["sat"], locations: ["companion"], quote: "~123 neurons saturated (|h| > 0.999) at each step (q234)", claim: "~123 neurons are saturated at each step", paper: "~123", rule: { kind: "abs", target: 123, tol: 10 }, unit: "count", measure: "saturatedPerStep", chapter: "q4", chart: "./q4", method: "q4", neurons: [] },
  { id: "coflip-pairs", keys: ["jaccard"], locations: ["overview"], quote: "Co-flip pairs with Jaccard > 0.5", claim: "Co-flip pairs with Jaccard > 0.5 exist", paper: "J > 0.5", rule: { kind: "atLeast", min: 1 }, unit: "count", measure: "coflipPairs", chapter: "q4", chart: "./q4#neurons-that-flip-together", method: "q4", neurons: [] },
  { id: "coflip-groups", locations: ["abstract"], quote: "co-flip groups encoding shared features", claim: "Co-flip groups exist: ≥ 3 neurons linked by J > 0.5", paper: "groups", rule: { kind: "atLeast", min: 3 }, unit: "count", measure: "coflipGroup", chapter: "q4", chart: "./q4#neurons-that-flip-together", method: "q4", neurons: [], note: "A group is read as a connected set of at least three neurons in the graph of pairs with J > 0.5; one pair is not a group." },

  // ------------------------------------------------------------------ Q5
  { id: "redux-delta", locations: ["abstract", "overview", "observation1", "minimal"], quote: "20 neurons and 36% of W_h suffice for 0.15 bpc better-than-full performance", claim: "20 neurons + |W_h| > 3.0 are 0.15 bpc better than the full model", paper: "Δ = −0.15 bpc", rule: { kind: "abs", target: -0.15, tol: 0.05 }, unit: "bpc", measure: "minimal2Delta", chapter: "q5", chart: "./q5#the-papers-minimal-model-table-measured", method: "q5", neurons: [] },
  { id: "minimal-1-bpc", locations: ["minimal"], quote: "Top 20 neurons 4.882 -0.083", claim: "Top 20 neurons: 4.882 bpc", paper: "4.882 bpc", rule: { kind: "abs", target: 4.882, tol: 0.01 }, unit: "bpc", measure: "minimal1Bpc", chapter: "q5", chart: "./q5#the-papers-minimal-model-table-measured", method: "q5", neurons: [] },
  { id: "minimal-2-bpc", locations: ["minimal", "overview"], quote: "Top 20 + W_h prune (> 3.0) 4.811 -0.154", claim: "Top 20 + |W_h| > 3.0: 4.811 (4.81) bpc", paper: "4.811 bpc", rule: { kind: "abs", target: 4.811, tol: 0.01 }, unit: "bpc", measure: "minimal2Bpc", chapter: "q5", chart: "./q5#the-papers-minimal-model-table-measured", method: "q5", neurons: [] },
  { id: "minimal-3-bpc", locations: ["minimal"], quote: "Top 15 + W_h prune (> 3.0) 4.879 -0.086", claim: "Top 15 + |W_h| > 3.0: 4.879 bpc", paper: "4.879 bpc", rule: { kind: "abs", target: 4.879, tol: 0.01 }, unit: "bpc", measure: "minimal3Bpc", chapter: "q5", chart: "./q5#the-papers-minimal-model-table-measured", method: "q5", neurons: [] },
  { id: "minimal-4-bpc", locations: ["minimal"], quote: "W_h prune (> 3.0) alone 4.903 -0.063", claim: "|W_h| > 3.0 alone: 4.903 bpc", paper: "4.903 bpc", rule: { kind: "abs", target: 4.903, tol: 0.01 }, unit: "bpc", measure: "minimal4Bpc", chapter: "q5", chart: "./q5#the-papers-minimal-model-table-measured", method: "q5", neurons: [] },
  { id: "minimal-5-bpc", locations: ["minimal"], quote: "W_h prune (> 4.0) alone 4.963 -0.002", claim: "|W_h| > 4.0 alone: 4.963 bpc", paper: "4.963 bpc", rule: { kind: "abs", target: 4.963, tol: 0.01 }, unit: "bpc", measure: "minimal5Bpc", chapter: "q5", chart: "./q5#the-papers-minimal-model-table-measured", method: "q5", neurons: [] },
  { id: "minimal-1-params", locations: ["minimal"], quote: "Top 20 neurons 4.882 -0.083 37,689", claim: "Top 20 neurons: 37,689 parameters", paper: "37,689", rule: { kind: "eq", target: 37689 }, unit: "count", measure: "minimal1Params", chapter: "q5", chart: "./q5#counting-parameters", method: "q5", neurons: [], fixed: { by: "layout", why: WH_EVEN } },
  { id: "minimal-2-params", locations: ["minimal"], quote: "Top 20 + W_h prune (> 3.0) 4.811 -0.154 25,857", claim: "Top 20 + |W_h| > 3.0: 25,857 parameters", paper: "25,857", rule: { kind: "eq", target: 25857 }, unit: "count", measure: "minimal2Params", chapter: "q5", chart: "./q5#counting-parameters", method: "q5", neurons: [], note: "No single counting convention reproduces the paper's redux counts." },
  { id: "minimal-3-params", locations: ["minimal"], quote: "Top 15 + W_h prune (> 3.0) 4.879 -0.086 22,017", claim: "Top 15 + |W_h| > 3.0: 22,017 parameters", paper: "22,017", rule: { kind: "eq", target: 22017 }, unit: "count", measure: "minimal3Params", chapter: "q5", chart: "./q5#counting-parameters", method: "q5", neurons: [] },
  { id: "minimal-4-params", locations: ["minimal"], quote: "W_h prune (> 3.0) alone 4.903 -0.063 49,753", claim: "|W_h| > 3.0 alone: 49,753 parameters", paper: "49,753", rule: { kind: "eq", target: 49753 }, unit: "count", measure: "minimal4Params", chapter: "q5", chart: "./q5#counting-parameters", method: "q5", neurons: [] },
  { id: "minimal-5-params", locations: ["minimal"], quote: "W_h prune (> 4.0) alone 4.963 -0.002 40,002", claim: "|W_h| > 4.0 alone: 40,002 parameters", paper: "40,002", rule: { kind: "eq", target: 40002 }, unit: "count", measure: "minimal5Params", chapter: "q5", chart: "./q5#counting-parameters", method: "q5", neurons: [] },
  { id: "all-variants-better", keys: ["better"], locations: ["observation1"], quote: "Every pruned variant in the table outperforms the full model", claim: "Every pruned variant beats the full model", paper: "all Δ < 0", rule: { kind: "atMost", max: 0, strict: true }, unit: "bpc", measure: "worstVariantDelta", chapter: "q5", chart: "./q5#the-papers-minimal-model-table-measured", method: "q5", neurons: [] },
  { id: "redux-31pct", locations: ["observation1"], quote: "with 31% of the parameters", claim: "The best redux uses 31 % of the parameters", paper: "31 %", rule: { kind: "abs", target: 31, tol: 2 }, unit: "points", measure: "reduxParamPct", chapter: "q5", chart: "./q5#counting-parameters", method: "q5", neurons: [] },
  { id: "top20-better", locations: ["removes", "flow", "training", "open"], quote: "3. 20 of 128 readout neurons suffice for better-than-full prediction.", claim: "The top 20 readout neurons beat the full model (the other 108 add noise)", paper: "Δ < 0", rule: { kind: "atMost", max: 0, strict: true }, unit: "bpc", measure: "minimal1Delta", chapter: "q5", chart: "./q5#the-papers-minimal-model-table-measured", method: "q5", neurons: [] },
  { id: "wh36-threshold", keys: ["wh36"], locations: ["overview", "flow", "removes"], quote: "The top ~36% of W_h entries (|W_h| > 3.0) carry all the dynamically relevant signal", claim: "36 % of W_h entries have |W_h| > 3.0 (reading 1: the threshold)", paper: "36 %", rule: { kind: "abs", target: 36, tol: 2 }, unit: "points", measure: "whAbove3Pct", chapter: "q5", chart: "./q5#pruning-wh-and-wx", method: "q5", neurons: [] },
  { id: "wh36-quantile", locations: ["removes"], quote: "64% of W_h entries (|W_h| < 3.0, below the 64th percentile)", claim: "The 64th percentile of |W_h| is 3.0 (reading 2: the largest 36 %)", paper: "3.0", rule: { kind: "rel", target: 3, tol: 0.1 }, unit: "ratio", measure: "whP64", chapter: "q5", chart: "./q5#pruning-wh-and-wx", method: "q5", neurons: [] },
  { id: "removes-absorbed", locations: ["removes"], quote: "These entries don’t affect the Boolean dynamics (margins absorb them) and don’t help prediction", claim: "Zeroing |W_h| < 3.0 does not hurt prediction", paper: "Δ ≤ 0", rule: { kind: "atMost", max: 0.01 }, unit: "bpc", measure: "minimal4Delta", chapter: "q5", chart: "./q5#the-papers-minimal-model-table-measured", method: "q5", neurons: [] },
  { id: "wh-zeroable", keys: ["wh78"], locations: ["overview"], quote: "78% of W_h can be zeroed", claim: "78 % of W_h can be zeroed", paper: "78 %", rule: { kind: "atLeast", min: 78 }, unit: "points", measure: "whZeroable", chapter: "q5", chart: "./q5#pruning-wh-and-wx", method: "q5", neurons: [] },
  { id: "wh-suffices", locations: ["training"], quote: "4. 36% of W_h entries suffice for unchanged dynamics.", claim: "36 % of W_h suffices (64 % can be zeroed)", paper: "64 % zeroable", rule: { kind: "atLeast", min: 64 }, unit: "points", measure: "whZeroable", chapter: "q5", chart: "./q5#pruning-wh-and-wx", method: "q5", neurons: [] },
  { id: "wx-zeroable", keys: ["wx87"], locations: ["overview", "flow"], quote: "87% of W_x can be zeroed", claim: "87 % of W_x can be zeroed (only ~13 % matters)", paper: "87 %", rule: { kind: "atLeast", min: 87 }, unit: "points", measure: "wxZeroable", chapter: "q5", chart: "./q5#pruning-wh-and-wx", method: "q5", neurons: [] },
  { id: "inference-params", keys: ["inference"], locations: ["abstract", "toomuch"], quote: "inference needs ~26,000", claim: "Inference needs ~26,000 parameters (the redux)", paper: "~26,000", rule: { kind: "abs", target: 26000, tol: 1000 }, unit: "count", measure: "reduxParams", chapter: "q5", chart: "./q5#counting-parameters", method: "q5", neurons: [] },
  { id: "scaffolding", locations: ["toomuch"], quote: "The remaining 56,000 parameters were scaffolding for gradient flow", claim: "~56,000 parameters are scaffolding", paper: "~56,000", rule: { kind: "abs", target: 56000, tol: 1000 }, unit: "count", measure: "scaffoldingParams", chapter: "q5", chart: "./q5#counting-parameters", method: "q5", neurons: [] },
  { id: "open-train-redux", locations: ["open"], quote: "1. Can we *train* the 26,000-parameter redux directly, or does gradient flow require the full 82,304?", claim: "Can the 26,000-parameter redux be trained directly?", paper: "open", rule: { kind: "none", reason: "an open question: it needs training experiments, not an analysis of given weights" }, unit: "none", measure: "reduxParams", chapter: "q5", chart: "./q5#counting-parameters", method: "q5", neurons: [] },

  // ------------------------------------------------------------------ Q6
  { id: "h54-driver", keys: ["driver"], locations: ["backbone", "observation2"], quote: "h54 dominates 7/12 sampled predictions", claim: "h54 drives 7 of 12 predictions (58 %)", paper: "7/12", rule: { kind: "range", lo: 50, hi: 66.7 }, unit: "points", measure: "h54DriverShare", chapter: "q6", chart: "./q6#the-routing-backbone", method: "x6", neurons: [54], chance: true, note: "Measured over every position (bootstrap 95 % interval); 7 ± 1 of 12 is 50–67 %." },
  { id: "backbone", keys: ["backbone"], locations: ["observation2", "open"], quote: "The routing backbone h54 ← h121 ← h78 carries the plurality of prediction-relevant information", claim: "The backbone is h54 ← h121 ← h78", paper: "h54 ← h121 ← h78", rule: { kind: "eq", target: [54, 121, 78] }, unit: "neuron", measure: "backboneAll", chapter: "q6", chart: "./q6#the-routing-backbone", method: "x6", neurons: [54, 121, 78] },
  { id: "h121-source", locations: ["backbone"], quote: "h121 h54’s source Relay for h54", claim: "h121 is h54's main source", paper: "h121", rule: { kind: "eq", target: 121 }, unit: "neuron", measure: "h54Source", chapter: "q6", chart: "./q6#the-routing-backbone", method: "x6", neurons: [121, 54] },
  { id: "h78-source", locations: ["backbone"], quote: "h78 h121’s source Deep source", claim: "h78 is h121's main source", paper: "h78", rule: { kind: "eq", target: 78 }, unit: "neuron", measure: "h121Source", chapter: "q6", chart: "./q6#the-routing-backbone", method: "x6", neurons: [78, 121] },
  { id: "secondary-routes", keys: ["secondary"], locations: ["backbone"], quote: "h0, h30 Secondary routes Alternative paths", claim: "h0 and h30 are routes: each appears more often than in random trees", paper: "h0, h30", rule: { kind: "atLeast", min: 1, strict: true }, unit: "ratio", measure: "secondaryRoutes", chapter: "q6", chart: "./q6#the-papers-neurons", method: "x6", neurons: [0, 30], note: "Value: the smaller of the two neurons' appearances over all positions ÷ what a neuron gets in random trees of the same size." },
  { id: "tertiary-routes", locations: ["backbone"], quote: "h7, h75 Tertiary routes Through h56, h30", claim: "h7 and h75 are routes: each appears more often than in random trees", paper: "h7, h75", rule: { kind: "atLeast", min: 1, strict: true }, unit: "ratio", measure: "tertiaryRoutes", chapter: "q6", chart: "./q6#the-papers-neurons", method: "x6", neurons: [7, 75] },
  { id: "backbone-plurality", locations: ["training"], quote: "7. A 5-neuron routing backbone carries the plurality of signal.", claim: "A 5-neuron backbone (h54, h121, h78, h0, h30) carries the plurality", paper: "plurality", rule: { kind: "atLeast", min: 33 }, unit: "points", measure: "backboneTouch", chapter: "q6", chart: "./q6#the-routing-backbone", method: "x6", neurons: [54, 121, 78, 0, 30], chance: true, note: "Plurality read as: at least a third of the driver chains touch the five neurons, and more than random chains would." },
  { id: "weights15", keys: ["weights"], locations: ["overview", "flow"], quote: "Each prediction traces to ~ 5 neurons × ~ 3 backward steps = 15 weights.", claim: "Each prediction traces to ~15 weights", paper: "~15 weights", rule: { kind: "abs", target: 15, tol: 3 }, unit: "count", measure: "hop1Weights", chapter: "q6", chart: "./q6#15-weights-and-15-neurons", method: "q6", neurons: [], fixed: { by: "method", why: "the reference keeps 5 neurons and 3 sources each: 5 × 3 = 15 whatever the weights (the \"3\" counts sources, not steps)" } },
  { id: "wh-share-01", keys: ["whShare"], locations: ["abstract", "flow"], quote: "(0.1% of the weight matrix)", claim: "The explanation uses 0.1 % of W_h", paper: "0.1 %", rule: { kind: "factor", target: 0.1, factor: 2 }, unit: "ratio", measure: "hop1WhShare", chapter: "q6", chart: "./q6#15-weights-and-15-neurons", method: "q6", neurons: [], fixed: { by: "method", why: "15 hop-1 entries over H² entries: fixed by the method and the layout" } },
  { id: "neurons15", keys: ["neurons"], locations: ["abstract"], quote: "each prediction is explained by ~ 15 neurons", claim: "Each prediction is explained by ~15 neurons", paper: "~15 neurons", rule: { kind: "abs", target: 15, tol: 5 }, unit: "count", measure: "treeNeurons", chapter: "q6", chart: "./q6#15-weights-and-15-neurons", method: "q6", neurons: [] },
  { id: "five-dominate", locations: ["flow"], quote: "For each prediction, ~ 5 neurons dominate through |Δbpc|", claim: "~5 neurons dominate each prediction", paper: "~5", rule: { kind: "eq", target: 5 }, unit: "count", measure: "keptNeurons", chapter: "q6", chart: "./q6#15-weights-and-15-neurons", method: "q6", neurons: [], fixed: { by: "method", why: "the reference keeps the top 5 neurons by Δbpc" } },
  { id: "hops", keys: ["depth"], locations: ["flow"], quote: "Each traces backward through 2–3 W_h hops to input bytes at depths 1–25", claim: "Chains run 2–3 W_h hops back to inputs at depths 1–25", paper: "2–3 hops; depths 1–25", rule: { kind: "none", reason: "the reference method stops after two W_h hops and reaches only x_t and x_{t−1}" }, unit: "none", measure: "hopsNote", chapter: "q6", chart: "./q6#the-routing-backbone", method: "q6", neurons: [] },
  { id: "h54-examples", keys: ["h54examples"], locations: ["companion"], quote: "flipping h54 changes bpc by −2.13 (t=10), +1.63 (t=42), +1.22 (t=150), −1.00 (t=200) (Q6 paper)", claim: "Worked examples: Δbpc of flipping h54 at t = 10, 42, 150, 200", paper: "−2.13, +1.63, +1.22, −1.00", rule: { kind: "abs", target: [-2.13, 1.63, 1.22, -1], tol: 0.25 }, unit: "bpc", measure: "h54Examples", chapter: "q6", chart: "./q6", method: "q6", neurons: [54] },

  // ------------------------------------------------------------------ Q7
  { id: "aligned61", keys: ["overall"], locations: ["overview", "open"], quote: "Q7: Algebra 61% aligned", claim: "61 % of RNN attribution is aligned with data PMI", paper: "61 %", rule: { kind: "abs", target: 61, tol: 5 }, unit: "points", measure: "alignAll", chapter: "q7", chart: "./q7#shallow-mid-and-deep-bins", method: "q7", neurons: [], chance: true },
  { id: "shallow61", keys: ["shallowAbstract"], locations: ["abstract"], quote: "partially aligned with data statistics (61% at shallow offsets)", claim: "61 % alignment with data PMI at shallow offsets (d = 1–4)", paper: "61 %", rule: { kind: "abs", target: 61, tol: 5 }, unit: "points", measure: "alignShallow", chapter: "q7", chart: "./q7#shallow-mid-and-deep-bins", method: "q7", neurons: [], chance: true },
  { id: "mid87", keys: ["mid"], locations: ["overview", "training"], quote: "RNN attribution matches data PMI at d=5-8 (87–96%)", claim: "At d = 5–8 alignment is 87–96 %", paper: "87–96 %", rule: { kind: "range", lo: 82, hi: 101 }, unit: "points", measure: "alignMid", chapter: "q7", chart: "./q7#shallow-mid-and-deep-bins", method: "q7", neurons: [], chance: true, note: "Pooled over d = 5–8; the paper's range ±5 points." },
  { id: "deep37", keys: ["deep"], locations: ["overview", "training"], quote: "diverges at d > 15 (< 37%); 10. At deep offsets … (24–37% PMI alignment)", claim: "At d > 15 alignment falls to 24–37 %", paper: "24–37 %", rule: { kind: "range", lo: 19, hi: 42 }, unit: "points", measure: "alignDeep", chapter: "q7", chart: "./q7#shallow-mid-and-deep-bins", method: "q7", neurons: [], note: "The paper's range ±5 points." },
  { id: "higher-order", keys: ["higherOrder"], locations: ["abstract", "open"], quote: "develops higher-order patterns at depth", claim: "At depth a trigram gate explains more than a bigram gate, and more than chance", paper: "yes", rule: { kind: "atLeast", min: 0, strict: true }, unit: "points", measure: "trigramGainDeep", chapter: "q7", chart: "./q7#trigram-against-bigram", method: "q7", neurons: [], chance: true },
  { id: "shallow88", keys: ["shallowReproduce"], locations: ["companion"], quote: "Shallow (d = 1–4): 88% (reproduce script)", claim: "Shallow alignment 88 % (higher-order bigram gate)", paper: "88 %", rule: { kind: "abs", target: 88, tol: 5 }, unit: "points", measure: "bigramShallow", chapter: "q7", chart: "./q7#shallow-mid-and-deep-bins", method: "q7", neurons: [], chance: true },
  { id: "reproduce74", keys: ["reproduce74"], locations: ["companion"], quote: "74% alignment (reproduce script, Q7)", claim: "74 % alignment (higher-order trigram total)", paper: "74 %", rule: { kind: "abs", target: 74, tol: 1 }, unit: "points", measure: "trigramTotal", chapter: "q7", chart: "./q7#trigram-against-bigram", method: "q7", neurons: [], chance: true, note: "Ambiguous: no other total of the tools comes near 74 %." },
] as const satisfies readonly ClaimSpec[];

export type ClaimId = (typeof CLAIMS)[number]["id"];
export type MeasureName = (typeof CLAIMS)[number]["measure"];

/** Paper tables that chapter charts overlay (the paper's values, one place). */
export const PAPER_TABLES = {
  /** §7 the paper's open questions, as printed (answered by experiment on the Open questions page). */
  openQuestions: {
    oq1: "Can we train the 26,000-parameter redux directly, or does gradient flow require the full 82,304?",
    oq2: "What is the cycle length of the Boolean dynamics for a fixed input? (We found no cycles up to period 100 in 50 random starts.)",
    oq3: "Can the routing backbone (h54, h121, h78) be explained in terms of the data's character-level statistics?",
    oq4: "Does the 61% PMI alignment improve with higher-order (3-gram, 4-gram) data statistics?",
    oq5: "Is there a principled way to identify the 20 “good” neurons without running the full model first?",
  },
  /** §4 the routing backbone the paper names. */
  backbone: [54, 121, 78],
  /** §3 minimal-model table: configuration (k readout neurons, |W_h| threshold) and the paper's numbers. */
  minimal: [
    { label: "Full f32 (baseline)", k: 128, thr: 0, bpc: 4.965, delta: 0, params: 82304 },
    { label: "Top 20 neurons", k: 20, thr: 0, bpc: 4.882, delta: -0.083, params: 37689 },
    { label: "Top 20 + W_h prune (> 3.0)", k: 20, thr: 3.0, bpc: 4.811, delta: -0.154, params: 25857 },
    { label: "Top 15 + W_h prune (> 3.0)", k: 15, thr: 3.0, bpc: 4.879, delta: -0.086, params: 22017 },
    { label: "W_h prune (> 3.0) alone", k: 128, thr: 3.0, bpc: 4.903, delta: -0.063, params: 49753 },
    { label: "W_h prune (> 4.0) alone", k: 128, thr: 4.0, bpc: 4.963, delta: -0.002, params: 40002 },
  ],
  /** q234 depth table: [d, mean sign changes, mean KL]. */
  q2Depth: [
    [1, 8.1, 0.296],
    [3, 11.8, 0.298],
    [7, 20.2, 0.404],
    [8, 20.5, 0.458],
    [10, 19.8, 0.427],
    [15, 36.6, 0.543],
    [20, 40.0, 0.592],
    [25, 49.5, 0.809],
    [30, 45.4, 0.704],
  ] as [number, number, number][],
  /** q234 minimal-subset rows: [k, % of the gain]. */
  q3Subset: [
    [6, 100.0],
    [10, 100.5],
    [15, 102.0],
    [20, 102.7],
    [30, 103.6],
  ] as [number, number][],
  /** The paper's neurons (Q3 star, knockout top 8; Q6 backbone and routes; Q6 worked examples). */
  q3Star: 28,
  q3KnockoutTop8: [28, 105, 54, 17, 49, 10, 97, 3],
  q6Backbone: [54, 121, 78],
  q6Neurons: [54, 121, 78, 0, 30, 7, 75],
  q6H54Examples: [
    { t: 10, delta: -2.13 },
    { t: 42, delta: 1.63 },
    { t: 150, delta: 1.22 },
    { t: 200, delta: -1.0 },
  ],
  /** Q2: the deep band the paper names, and the sparsity taus / depth grid of the q1-sparsity paper. */
  q2DeepBand: [18, 25] as [number, number],
  q1Taus: [1e-4, 1e-3, 1e-2, 1e-1, 1],
  q1Depths: [0, 1, 2, 4, 8, 12, 20, 21, 30, 40, 50],
  /** Q7: the paper's alignment figures the Q7 chart draws (the same as rows aligned61, mid87, deep37). */
  q7Chart: { overall: { value: 61 }, mid: { lo: 87, hi: 96 }, deep: { lo: 24, hi: 37 } },
  /** Q4: the J threshold of "co-flip pairs". */
  q4Jaccard: 0.5,
};
