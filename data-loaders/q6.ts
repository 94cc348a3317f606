/**
 * Q6 chapter data: the reference's 12 sampled justification trees, the derived routing
 * quantities (spec q6-q7 §2.7 / X6) over the sample and over every position (the claims engine,
 * lib/claims, judges them). The per-position trees live in data-loaders/justify.ts.
 */
import { flipDeltaExact, HOP1_SOURCES, justifyAll, q6Justify, TOP_NEURONS } from "../lib/analyses/q6/justify.ts";
import { appearances, type Routing, routingOfTrees, treesFromAll, treesFromJustifications } from "../lib/analyses/q6/routing.ts";
import type { Run } from "../lib/io.ts";
import { PAPER_TABLES } from "../lib/claims/registry.ts";



const r6 = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)) : null);


function routingSummary(r: Routing, top = 20) {
  return {
    predictions: r.predictions,
    kept: r.kept,
    drivers: r.drivers.slice(0, top),
    membership: r.membership.slice(0, top),
    primarySources: r.primarySources.slice(0, top),
    hop1Slots: r.hop1Slots.slice(0, top),
    hop2Sources: r.hop2Sources.slice(0, top),
    hop1Edges: r.hop1Edges.slice(0, top),
    hop2Edges: r.hop2Edges.slice(0, top),
    topDriverChains: r.topDriverChains.slice(0, 10),
    topKeptChains: r.topKeptChains.slice(0, 10),
    backbone: r.backbone,
  };
}

export default function build(run: Run) {
  const H = run.model.H;
  const T = run.trace.T;
  const sample = q6Justify(run);
  const trees = treesFromJustifications(sample);
  const rs = routingOfTrees(trees);
  const all = justifyAll(run);
  const allTrees = treesFromAll(all);
  const ra = routingOfTrees(allTrees);
  const data = run.data;

  const has = (j: number) => j < H;
  const sizes = rs.sizes;
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const hop1 = mean(sizes.map((s) => s.hop1Wh));
  const distinctN = sizes.map((s) => s.distinctNeurons);
  const distinctW = sizes.map((s) => s.distinctWh);
  const mN = mean(distinctN);
  const share = (100 * hop1) / (H * H);
  // The Q6 paper's worked examples: the exact Δbpc of flipping h54 at its positions (the claims engine judges them).
  const h54Examples = has(54) ? PAPER_TABLES.q6H54Examples.filter((e) => e.t < T).map((e) => ({ t: e.t, delta: r6(flipDeltaExact(run, e.t, 54)) })) : [];

  const ctx = (t: number, w: number) => Array.from(data.subarray(Math.max(0, t - w), t + 1));
  return {
    H,
    T,
    n: data.length,
    positions: sample.map((J) => J.t),
    sample: sample.map((J) => ({
      t: J.t,
      context: ctx(J.t, 30),
      input: J.input,
      y: J.y,
      pTrue: J.pTrue,
      bpc: J.bpc,
      top: J.top.map((p) => [p.byte, r6(p.p)]),
      predicted: J.predicted,
      pPredicted: J.pPredicted,
      correct: J.correct,
      neurons: J.neurons.map((n) => ({
        j: n.j,
        sign: n.sign,
        share: r6(n.share),
        delta: n.delta,
        z: n.z === undefined ? null : r6(n.z),
        bias: n.bias === undefined ? null : r6(n.bias),
        wx: n.wx === undefined ? null : r6(n.wx),
        sources: (n.sources ?? []).map((s) => [s.k, r6(s.term)]),
        hop2: n.hop2 ? { k0: n.hop2.k0, z: r6(n.hop2.z), input: n.hop2.input, k: n.hop2.top.k, term: r6(n.hop2.top.term) } : null,
      })),
    })),
    routing: { ...routingSummary(rs, H), driverChains: rs.driverChains, sizes: rs.sizes },
    routingAll: routingSummary(ra, 30),
    /** Driver (rank-1 neuron) and its Δ at every position, for the across-positions chart. */
    drivers: { neuron: Array.from({ length: T }, (_, t) => all.neuron[t * all.K]), delta: Array.from({ length: T }, (_, t) => r6(all.delta[t * all.K])) },
    paperNeurons: PAPER_TABLES.q6Neurons.map((j) => ({
      j,
      exists: has(j),
      sample: has(j) ? appearances(trees, j) : null,
      all: has(j) ? appearances(allTrees, j) : null,
    })),
    explanation: {
      hop1Wh: hop1,
      whTotal: H * H,
      whSharePct: share,
      neuronsMean: mN,
      /** Distinct neurons of the tree at every position (all predictions): the claim's measure and bootstrap units. */
      neuronsAll: ra.sizes.map((s) => s.distinctNeurons),
      neuronsMin: distinctN.length ? Math.min(...distinctN) : null,
      neuronsMax: distinctN.length ? Math.max(...distinctN) : null,
      whDistinctMin: distinctW.length ? Math.min(...distinctW) : null,
      whDistinctMax: distinctW.length ? Math.max(...distinctW) : null,
    },
    allCorrect: sample.filter((J) => J.correct).length,
    allPositiveDelta: sample.reduce((s, J) => s + J.neurons.filter((n) => n.delta > 0).length, 0),
    h54Examples,
    neuronsTop: TOP_NEURONS,
    hop1Sources: HOP1_SOURCES,
  };
}
