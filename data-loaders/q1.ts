/**
 * Q1 chapter data: the Boolean automaton, margins, mantissa bound, influence graph, attractors,
 * sparsity, and X1–X3. Every number the page shows comes from here; the paper's values and the
 * verdicts are the claims engine's (lib/claims).
 */
import { derived } from "../lib/derived.ts";
import type { Run } from "../lib/io.ts";
import { VOCAB } from "../lib/model.ts";
import { analyzeBoolean, zeroMantissaDynamics } from "../lib/analyses/q1/boolean.ts";
import { analyzeMargins } from "../lib/analyses/q1/margins.ts";
import { analyzeAttractor, cycleSearch } from "../lib/analyses/q1/attractor.ts";
import { analyzeSparsity, TAUS } from "../lib/analyses/q1/sparsity.ts";
import { leveragePositions, perBitLeverage } from "../lib/analyses/q1/leverage.ts";



/** Round to ~s significant digits (JSON size). */
function r(x: number, s = 6): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(s));
}
const ra = (a: ArrayLike<number>, s = 6) => Array.from(a, (x) => r(x, s));

/**
 * Points of the empirical CDF of |z| for the margin chart: every ⌊n/800⌋-th order statistic m and
 * the share f (%) of neuron-steps with |z| ≤ m. Zero margins are left out (the chart's x is log).
 */
/**
 * |z| in ascending order. For float32 input (the trace's z) the sort runs on the bit patterns with
 * the sign cleared: for non-negative floats their unsigned order is the value order (NaN last, as
 * in a float sort), and a Uint32Array sorts ~8× faster than Float64Array.from(z, Math.abs) (64 KB ×
 * H = 128: 8.4 M margins, ~3 s → 0.4 s). The values are the same.
 */
function sortedAbs(z: ArrayLike<number>): ArrayLike<number> {
  if (!(z instanceof Float32Array)) return Float64Array.from(z, Math.abs).sort();
  const bits = new Uint32Array(z.length);
  bits.set(new Uint32Array(z.buffer, z.byteOffset, z.length));
  for (let i = 0; i < bits.length; i++) bits[i] &= 0x7fffffff;
  bits.sort();
  return new Float32Array(bits.buffer);
}

export function marginCdfPoints(z: ArrayLike<number>, points = 800): { m: number[]; f: number[] } {
  const a = sortedAbs(z);
  const n = a.length;
  const m: number[] = [];
  const f: number[] = [];
  for (let k = 0; k < n; k += Math.max(1, Math.floor(n / points))) {
    if (a[k] > 0) {
      m.push(r(a[k], 4));
      f.push(r((100 * (k + 1)) / n, 5));
    }
  }
  return { m, f };
}

function hexBits(bits: Uint8Array, off: number, H: number): string {
  let out = "";
  for (let j = 0; j < H; j += 4) {
    let w = 0;
    for (let b = 0; b < 4; b++) w = (w << 1) | (j + b < H ? bits[off + j + b] : 0);
    out += w.toString(16);
  }
  return out;
}

export default function build(run: Run) {
  const { model, data } = run;
  const H = model.H;
  const T = run.trace.T;
  const B = analyzeBoolean(run);
  const M = analyzeMargins(run);
  const A = analyzeAttractor(run);
  const cyc = cycleSearch(run, 1024);
  const S = analyzeSparsity(run);
  // X1 over every prediction (~3 s CPU on the sat-rnn); past leveragePositions(H) an evenly spaced
  // sample, with bootstrap intervals of the ratios.
  const X1 = perBitLeverage(run, { maxPositions: leveragePositions(H) });
  const X2 = zeroMantissaDynamics(run);

  // per-position prediction (argmax byte and its probability) from the trace
  const { top, pTop: ptop, pTrue: py } = derived(run.trace).predictions;
  const pct = (c: number) => (100 * c) / M.total;
  const pctAbove1 = 100 - pct(M.small);
  const meanOut = H * A.meanInfluence; // mean out-degree = H × mean influence per edge
  const flipsArr = Array.from(B.derived.flipsPerNeuron);
  const k2 = TAUS.indexOf(1e-2);
  const whShare = (k: number) => (100 * S.classMean.wh[k]) / (S.classMean.wx[k] + S.classMean.wh[k] + S.classMean.wy[k]);
  const dm = S.depthMass;
  let peakD = -1;
  for (let d = 1; d < dm.length; d++) if (peakD < 0 || dm[d] > dm[peakD]) peakD = d;
  const peakRatio = peakD > 0 ? dm[peakD] / dm[0] : NaN;


  return {
    H,
    T,
    n: data.length,
    text: Array.from(data),
    boolean: {
      signs: { ...B.signs, meanPositive: r(B.signs.meanPositive), meanNegativeAbs: r(B.signs.meanNegativeAbs) },
      fanIn: B.neurons.map((n) => n.fanIn),
      maxWh: ra(B.neurons.map((n) => n.maxWh), 4),
      meanFanIn: r(B.meanFanIn, 4),
      probeT: B.probeT,
      flipChanges: Array.from(B.flipChanges),
      meanSensitivity: r(B.meanSensitivity, 4),
      byte: { min: B.byteMin, max: B.byteMax, mean: r(B.byteMean, 4) },
      signDynamicsBpc: r(B.signDynamicsBpc),
      meanFlips: r(B.meanFlips, 4),
      uniqueStates: B.uniqueStates,
      derived: {
        oneStepAgreement: r(B.derived.oneStepAgreement),
        freeRunAgreement: r(B.derived.freeRunAgreement),
        f32UniqueSigns: B.derived.f32UniqueSigns,
        flipsPerNeuron: flipsArr,
        meanFlipsF32: r(B.derived.meanFlipsF32, 4),
      },
      /** Boolean-dynamics state per position, hex (4 bits per digit, neuron 0 first). */
      boolStates: Array.from({ length: T }, (_, t) => hexBits(B.boolTraj, t * H, H)),
    },
    margins: {
      total: M.total,
      globalMean: r(M.globalMean),
      small: M.small,
      tiny: M.tiny,
      pctSmall: r(pct(M.small), 5),
      pctTiny: r(pct(M.tiny), 5),
      pctAbove1: r(pctAbove1, 5),
      meanBpcFull: r(M.meanBpcFull),
      meanBpcSign: r(M.meanBpcSign),
      hist: Array.from(M.hist),
      neuronMean: ra(Array.from(M.neuronSum, (s) => s / T), 4),
      neuronMin: ra(M.neuronMin, 3),
      neuronSmall: Array.from(M.neuronSmall),
      order: M.order,
      S: ra(M.S, 5),
      pert: ra(M.pert, 4),
      maxPert: r(M.maxPert, 4),
      minMarginEver: r(M.minMarginEver, 4),
      minAt: M.minAt,
      safety: r(M.safety, 4),
      ratio0to4: Array.from({ length: Math.min(5, H) }, (_, j) => r(Math.fround(M.neuronSum[j] / T) / M.pert[j], 7)),
      perT: { min: ra(M.minMargin, 3), mean: ra(M.meanMargin, 4), nSmall: Array.from(M.nSmall), nTiny: Array.from(M.nTiny) },
      /** The distribution of |z| as ~800 points of its empirical CDF (computed here, not in the page's first second). */
      cdf: marginCdfPoints(run.trace.z),
    },
    predictions: {
      top: Array.from(top),
      pTop: ra(ptop, 4),
      pY: ra(py, 4),
      bitsFull: ra(run.trace.bits, 4),
      bitsSignReadout: ra(M.bpcSign, 4),
      bitsSignDynamics: ra(B.signDynamicsBits, 4),
      bitsZeroMantissa: ra(X2.bits, 4),
    },
    dynamics: {
      full: r(M.meanBpcFull),
      signOnly: r(B.signDynamicsBpc),
      zeroMantissa: r(X2.bpc),
      signReadout: r(M.meanBpcSign),
      zeroMantissaSignDiffs: X2.signDiffs,
      neuronSteps: X2.neuronSteps,
    },
    influence: {
      positions: A.positions,
      frac: ra(A.frac, 3),
      topEdges: A.topEdges.map((e) => ({ ...e, frac: r(e.frac, 4) })),
      meanInfluence: r(A.meanInfluence, 5),
      meanOutDegree: r(meanOut, 5),
      outDeg: ra(A.outDeg, 4),
      inDeg: ra(A.inDeg, 4),
      selfInf: ra(A.selfInf, 4),
    },
    attractors: {
      fixedT: A.fixedT,
      fixedByte: A.fixedByte,
      uniqueFinals: A.uniqueFinals,
      groupSizes: A.groupSizes,
      meanConvergence: r(A.meanConvergence, 4),
      period: A.period,
      cycles: cyc,
      attribution: {
        t: A.probeT,
        target: A.target,
        py: r(A.py),
        b0: r(A.b0),
        top: A.attrOrder.slice(0, 20).map((j) => ({ j, delta: r(A.delta[j], 4), wy: r(A.wyContrib[j], 4), sign: A.probeSigns[j] ? 1 : -1, src: A.topSource[j].k, srcW: r(A.topSource[j].c, 3) })),
      },
      chains: A.chains.map((c) => c.map((l) => ({ j: l.j, t: l.t, z: r(l.z, 4), bias: r(l.bias, 4), wx: r(l.wx, 4), sources: l.sources.map((s) => ({ k: s.k, c: r(s.c, 3) })) }))),
      bytes: A.byteOrder.slice(0, 20).map((b) => ({ b, mean: r(A.byteFlips[b], 4), n: A.byteCount[b] })),
    },
    sparsity: {
      sig: S.sig,
      bpc: r(S.bpc),
      taus: TAUS,
      meanN: ra(S.meanN, 6),
      median: S.median,
      min: S.min,
      max: S.max,
      nOverSig: ra(S.nOverSig, 4),
      classMean: { wx: ra(S.classMean.wx), wh: ra(S.classMean.wh), wy: ra(S.classMean.wy) },
      never: S.never,
      depthMass: ra(S.depthMass, 5),
      gated: { classMean: ra(S.gated.classMean), never: S.gated.never, depthMass: ra(S.gated.depthMass, 5) },
      perTau2: Array.from(S.perT[k2]),
      peakD,
      peakRatio: r(peakRatio, 5),
      whShare: TAUS.map((_, k) => r(whShare(k), 4)),
    },
    leverage: { ...X1, positions: X1.positions.length, predictions: T, perBit: ra(X1.perBit, 4), sign: r(X1.sign, 4), exponent: r(X1.exponent, 4), mantissa: r(X1.mantissa, 4), ratio: X1.ratio.map((x) => r(x, 4)), ratioInterval: X1.ratioInterval && { sign: X1.ratioInterval.sign.map((x) => r(x, 4)), exponent: X1.ratioInterval.exponent.map((x) => r(x, 4)), resamples: X1.ratioInterval.resamples } },
    rho: { values: ra(S.rho, 6), depth: S.rhoDepth, scoredSlots: S.scoredSlots },
  };
}
