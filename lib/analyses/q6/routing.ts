/**
 * Q6 derived routing quantities (spec q6-q7 §2.7, X6). q6_justify prints none of these; they are
 * derived from its justification trees:
 * (a) driver counts k/N — how many predictions have neuron j as their rank-1 |Δ| neuron;
 * (b) top-5 membership — how many predictions list j among the kept neurons;
 * (c) source frequencies — primary hop-1 source over kept neurons, all hop-1 slots, hop-2 top
 *     sources, and directed edges target ← source;
 * (d) driver chains driver ← primary hop-1 source ← its hop-2 top source, and the backbone: the
 *     most frequent chain/edges across predictions;
 * (e) explanation size per tree: Wy, hop-1/hop-2 Wh entries, distinct neurons and Wh entries.
 */
import type { Run } from "../../io.ts";
import type { AllJustifications, Justification } from "./justify.ts";

/** One prediction's tree reduced to what routing needs (src = −1 when absent). */
export interface ChainTree {
  t: number;
  neurons: { j: number; delta: number; sources: number[]; src2: number }[];
}

export function treesFromJustifications(js: Justification[]): ChainTree[] {
  return js.map((J) => ({
    t: J.t,
    neurons: J.neurons.map((n) => ({ j: n.j, delta: n.delta, sources: (n.sources ?? []).map((s) => s.k), src2: n.hop2 ? n.hop2.top.k : -1 })),
  }));
}

/** Trees from the all-positions table (only the primary hop-1 source is stored there). */
export function treesFromAll(all: AllJustifications): ChainTree[] {
  const out: ChainTree[] = [];
  for (let t = 0; t < all.T; t++) {
    const neurons = [];
    for (let r = 0; r < all.K; r++) {
      const i = t * all.K + r;
      neurons.push({ j: all.neuron[i], delta: all.delta[i], sources: all.src1[i] >= 0 ? [all.src1[i]] : [], src2: all.src2[i] });
    }
    out.push({ t, neurons });
  }
  return out;
}

export interface Count {
  j: number;
  count: number;
}
export interface EdgeCount {
  target: number;
  source: number;
  count: number;
}
export interface ChainCount {
  chain: number[];
  count: number;
}

export interface ExplanationSize {
  t: number;
  wy: number;
  hop1Wh: number;
  hop2Wh: number;
  wx: number;
  bias: number;
  distinctNeurons: number;
  distinctWh: number;
}

export interface Routing {
  /** Number of predictions (trees) and of kept neurons over all trees. */
  predictions: number;
  kept: number;
  /** (a) Driver counts, descending by count then neuron index. */
  drivers: Count[];
  /** (b) Top-K membership. */
  membership: Count[];
  /** (c) Source frequencies. */
  primarySources: Count[];
  hop1Slots: Count[];
  hop2Sources: Count[];
  /** Directed edges: kept neuron ← its primary hop-1 source (hop 1), followed source ← hop-2 top (hop 2). */
  hop1Edges: EdgeCount[];
  hop2Edges: EdgeCount[];
  /** (d) Driver chain per prediction [driver, primary source, hop-2 source] (−1 when absent). */
  driverChains: { t: number; chain: number[] }[];
  /** Most frequent full chains among driver chains and among all kept-neuron chains. */
  topDriverChains: ChainCount[];
  topKeptChains: ChainCount[];
  /**
   * Backbone: the most frequent kept-neuron chain a ← b ← c (count), with the counts of its hop-1
   * edge a ← b and hop-2 edge b ← c over all kept neurons. Null if no chains exist (t = 0 only).
   */
  backbone: { chain: number[]; count: number; edge1: number; edge2: number } | null;
  /** (e) Explanation size per tree. */
  sizes: ExplanationSize[];
}

function sortedCounts(m: Map<number, number>): Count[] {
  return [...m].map(([j, count]) => ({ j, count })).sort((a, b) => b.count - a.count || a.j - b.j);
}
function inc<K>(m: Map<K, number>, k: K) {
  m.set(k, (m.get(k) ?? 0) + 1);
}
function sortedEdges(m: Map<string, number>): EdgeCount[] {
  return [...m]
    .map(([k, count]) => {
      const [target, source] = k.split(",").map(Number);
      return { target, source, count };
    })
    .sort((a, b) => b.count - a.count || a.target - b.target || a.source - b.source);
}
function sortedChains(m: Map<string, number>): ChainCount[] {
  return [...m].map(([k, count]) => ({ chain: k.split(",").map(Number), count })).sort((a, b) => b.count - a.count || a.chain.join().localeCompare(b.chain.join()));
}

/** Routing quantities over any set of trees (the 12 sampled ones, or every position). */
export function routingOfTrees(trees: ChainTree[]): Routing {
  const drivers = new Map<number, number>();
  const membership = new Map<number, number>();
  const primary = new Map<number, number>();
  const slots = new Map<number, number>();
  const hop2 = new Map<number, number>();
  const e1 = new Map<string, number>();
  const e2 = new Map<string, number>();
  const dChains = new Map<string, number>();
  const kChains = new Map<string, number>();
  const driverChains: { t: number; chain: number[] }[] = [];
  const sizes: ExplanationSize[] = [];
  let kept = 0;
  for (const tr of trees) {
    if (tr.neurons.length === 0) continue;
    const drv = tr.neurons[0];
    inc(drivers, drv.j);
    const dc = [drv.j, drv.sources[0] ?? -1, drv.src2];
    driverChains.push({ t: tr.t, chain: dc });
    if (dc[1] >= 0) inc(dChains, dc.join());
    const neurons = new Set<number>();
    const wh = new Set<string>();
    let hop1 = 0;
    let hop2n = 0;
    for (const n of tr.neurons) {
      kept++;
      inc(membership, n.j);
      neurons.add(n.j);
      for (const k of n.sources) {
        inc(slots, k);
        neurons.add(k);
        wh.add(`${n.j},${k}`);
        hop1++;
      }
      if (n.sources.length) {
        const k0 = n.sources[0];
        inc(primary, k0);
        inc(e1, `${n.j},${k0}`);
        inc(kChains, [n.j, k0, n.src2].join());
        if (n.src2 >= 0) {
          inc(hop2, n.src2);
          inc(e2, `${k0},${n.src2}`);
          neurons.add(n.src2);
          wh.add(`${k0},${n.src2}`);
          hop2n++;
        }
      }
    }
    const K = tr.neurons.length;
    sizes.push({ t: tr.t, wy: K, hop1Wh: hop1, hop2Wh: hop2n, wx: hop1 ? K : 0, bias: hop1 ? K : 0, distinctNeurons: neurons.size, distinctWh: wh.size });
  }
  const hop1Edges = sortedEdges(e1);
  const hop2Edges = sortedEdges(e2);
  // Backbone: the most frequent full kept-neuron chain a ← b ← c; ties go to the chain whose two
  // edges are more frequent overall, then to the lower neuron indices.
  const edgeCount = (m: EdgeCount[], a: number, b: number) => m.find((e) => e.target === a && e.source === b)?.count ?? 0;
  let backbone: Routing["backbone"] = null;
  let bestScore = -1;
  for (const c of sortedChains(kChains)) {
    const e1c = edgeCount(hop1Edges, c.chain[0], c.chain[1]);
    const e2c = c.chain[2] >= 0 ? edgeCount(hop2Edges, c.chain[1], c.chain[2]) : 0;
    const score = c.count * 1e6 + e1c + e2c;
    if (score > bestScore) {
      bestScore = score;
      backbone = { chain: c.chain[2] >= 0 ? c.chain : c.chain.slice(0, 2), count: c.count, edge1: e1c, edge2: e2c };
    }
  }
  return {
    predictions: trees.length,
    kept,
    drivers: sortedCounts(drivers),
    membership: sortedCounts(membership),
    primarySources: sortedCounts(primary),
    hop1Slots: sortedCounts(slots),
    hop2Sources: sortedCounts(hop2),
    hop1Edges,
    hop2Edges,
    driverChains,
    topDriverChains: sortedChains(dChains),
    topKeptChains: sortedChains(kChains),
    backbone,
    sizes,
  };
}

/** Routing over the reference's sampled justifications. `run` is accepted for symmetry. */
export function routing(_run: Run, js: Justification[]): Routing {
  return routingOfTrees(treesFromJustifications(js));
}

/** How often a neuron appears as driver, in a kept list, as hop-1 source or as hop-2 source. */
export function appearances(trees: ChainTree[], j: number): { driver: number; kept: number; hop1: number; hop2: number } {
  let driver = 0;
  let kept = 0;
  let hop1 = 0;
  let hop2 = 0;
  for (const tr of trees) {
    tr.neurons.forEach((n, r) => {
      if (n.j === j) {
        kept++;
        if (r === 0) driver++;
      }
      for (const k of n.sources) if (k === j) hop1++;
      if (n.src2 === j) hop2++;
    });
  }
  return { driver, kept, hop1, hop2 };
}
