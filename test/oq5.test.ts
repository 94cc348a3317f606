/** Open question 5: weight-only neuron rankings vs the knockout ranking, on a model whose good neurons are obvious from W_y. */
import { describe, expect, it } from "vitest";
import { averageRanks, rankings, rankingsAnswer, spearman, topKBpc } from "../lib/analyses/oq/rankings.ts";
import { tinyModel, tinyRun } from "./helpers.ts";

const a = 97;
const b = 98;
/** H = 24: neurons 0 and 1 read 'a'/'b' and predict the alternation (W_y weights 4 and 2); the rest have W_y = 0. */
function obvious() {
  return tinyModel(24, (m) => {
    const H = 24;
    m.Wx[0 * 256 + a] = 3;
    m.Wx[0 * 256 + b] = -3;
    m.Wx[1 * 256 + a] = 2;
    m.Wx[1 * 256 + b] = -2;
    for (let j = 2; j < H; j++) m.Wx[j * 256 + a] = 0.5 * j; // busy, but never read out
    m.Wy[b * H + 0] = 4;
    m.Wy[a * H + 0] = -4;
    m.Wy[b * H + 1] = 2;
    m.Wy[a * H + 1] = -2;
  });
}

describe("oq5 rankings", () => {
  it("average ranks and Spearman ρ by hand", () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 12);
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it("finds the two readout neurons from W_y alone, as the knockout does", () => {
    const run = tinyRun(obvious(), "ab".repeat(40));
    const r = rankings(run, { ks: [1, 2, 5], randomOrders: 4 });
    expect(r.knockout.top.slice(0, 2)).toEqual([0, 1]);
    expect(r.knockoutDelta[0]).toBeGreaterThan(r.knockoutDelta[1]);
    expect(r.knockoutDelta[1]).toBeGreaterThan(0);
    for (let j = 2; j < 24; j++) expect(r.knockoutDelta[j]).toBe(0);
    const wy = r.rows.find((x) => x.id === "wy")!;
    expect(wy.top.slice(0, 2)).toEqual([0, 1]);
    expect(wy.rho).toBeCloseTo(1, 12); // same ranks, ties included
    expect(wy.overlap).toBe(20);
    expect(wy.bpc).toEqual(r.knockout.bpc);
    // the input spread prefers the busy neurons 2…23 that are never read out: its top-2 readout is b_y alone
    const spread = r.rows.find((x) => x.id === "wxSpread")!;
    expect(spread.top[0]).toBe(23);
    expect(spread.bpc[1]).toBeCloseTo(8, 12); // b_y = 0: uniform over 256 bytes
    expect(r.knockout.bpc[1]).toBeLessThan(spread.bpc[1]);
    expect(rankingsAnswer(r)).toContain("readout norm");
  });

  it("top-k bpc with every column equals the full model's bpc", () => {
    const run = tinyRun(obvious(), "abba".repeat(10));
    const all = Array.from({ length: 24 }, (_, j) => j);
    expect(topKBpc(run, all, [24])[0]).toBeCloseTo(run.trace.bpc, 9);
  });
});
