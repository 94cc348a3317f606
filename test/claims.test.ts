/**
 * The claims engine: registry as data, the rules and distances (hand-computed), the verdict
 * classes (a by-construction value is the same on several random models; degenerate corpora give
 * no "holds"), chance baselines and intervals, and the ledger end to end on small models.
 */
import { describe, expect, it } from "vitest";
import build, { buildChapters, ledgerFor, ledgerFrom, premeasureLedger } from "../data-loaders/claims.ts";
import { toJson } from "../data-loaders/common.ts";
import { distanceOf, evaluate, ledgerOf, type LedgerRow, MIN_PREDICTIONS, premeasure, type Results, ruleHolds } from "../lib/claims/engine.ts";
import { bootstrap, bootstrapSums, MEASURES } from "../lib/claims/measures.ts";
import { CHAPTERS, CLAIMS, type ClaimSpec, SECTIONS } from "../lib/claims/registry.ts";
import { randomModel, tinyRun } from "./helpers.ts";

const TEXT = '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.3/" xml:lang="en">\n  <siteinfo>\n    <sitename>Wikipedia</sitename>\n';
const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => TEXT.charCodeAt(i % TEXT.length));

describe("claims registry", () => {
  it("holds each claim once, as data: unique ids and quotes, known sections/chapters/measures, anchors", () => {
    const ids = new Set<string>();
    const quotes = new Set<string>();
    for (const c of CLAIMS as readonly ClaimSpec[]) {
      expect(ids.has(c.id), c.id).toBe(false);
      ids.add(c.id);
      expect(quotes.has(c.quote), c.quote).toBe(false);
      quotes.add(c.quote);
      expect(c.locations.length).toBeGreaterThan(0);
      for (const l of c.locations) expect(SECTIONS.map((s) => s.id)).toContain(l);
      expect(CHAPTERS).toContain(c.chapter);
      expect(typeof MEASURES[c.measure as keyof typeof MEASURES]).toBe("function");
      expect(c.chart).toMatch(/^\.\/(q[1-7])?(#[a-z0-9-]+)?$/);
      for (const v of Object.values(c)) expect(typeof v).not.toBe("function");
    }
    // claims quoted in several places are one row with several locations
    const merged = CLAIMS.filter((c) => c.locations.length > 1).map((c) => c.id);
    expect(merged).toEqual(expect.arrayContaining(["above1", "all-volatile", "dwell", "redux-delta", "wh36-threshold", "theorem", "backbone"]));
    // page keys are unique within a chapter
    for (const ch of CHAPTERS) {
      const keys = CLAIMS.filter((c) => c.chapter === ch).flatMap((c) => ("keys" in c ? [...c.keys] : []));
      expect(new Set(keys).size, ch).toBe(keys.length);
    }
  });

  it("reads the two readings of “36 % of W_h” as two rows", () => {
    expect(CLAIMS.some((c) => c.id === "wh36-threshold")).toBe(true);
    expect(CLAIMS.some((c) => c.id === "wh36-quantile")).toBe(true);
  });
});

describe("rules and distances", () => {
  it("apply tolerances at their edges", () => {
    expect(ruleHolds({ kind: "abs", target: 98.9, tol: 1 }, 97.9)).toBe(true);
    expect(ruleHolds({ kind: "abs", target: 98.9, tol: 1 }, 97.8)).toBe(false);
    expect(ruleHolds({ kind: "rel", target: 60.5, tol: 0.1 }, 54.45)).toBe(true);
    expect(ruleHolds({ kind: "rel", target: 60.5, tol: 0.1 }, 54.4)).toBe(false);
    expect(ruleHolds({ kind: "factor", target: 1e6, factor: 10 }, 1e5)).toBe(true);
    expect(ruleHolds({ kind: "factor", target: 1e6, factor: 10 }, 0.99e5)).toBe(false);
    expect(ruleHolds({ kind: "atMost", max: 0, strict: true }, 0)).toBe(false);
    expect(ruleHolds({ kind: "eq", target: [54, 121, 78] }, [54, 121, 78])).toBe(true);
    expect(ruleHolds({ kind: "eq", target: [54, 121, 78] }, [54, 121])).toBe(false);
    expect(ruleHolds({ kind: "all", parts: [{ kind: "eq", target: 0 }, { kind: "atLeast", min: 100 }] }, [0, 100])).toBe(true);
    // an interval that reaches the accepted region
    expect(ruleHolds({ kind: "range", lo: 19, hi: 42 }, 81, [31, 99])).toBe(true);
    expect(ruleHolds({ kind: "range", lo: 19, hi: 42 }, 81, [73, 99])).toBe(false);
  });

  it("say how far off, in the claim's unit", () => {
    expect(distanceOf({ kind: "rel", target: 60.5, tol: 0.1 }, "ratio", 1.307)).toBe("46.3× smaller");
    expect(distanceOf({ kind: "abs", target: 98.9, tol: 1 }, "points", 98.3)).toBe("−0.6 points");
    expect(distanceOf({ kind: "abs", target: -0.095, tol: 0.05 }, "bpc", 0.005)).toBe("+0.1 bpc");
    expect(distanceOf({ kind: "eq", target: 54 }, "neuron", 87)).toBe("h87, not h54");
    expect(distanceOf({ kind: "eq", target: 520 }, "count", 1023)).toBe("+503 (1,023 vs 520)");
    expect(distanceOf({ kind: "atLeast", min: 100 }, "points", 100)).toBe("in range");
    expect(distanceOf({ kind: "range", lo: 82, hi: 101 }, "points", 40)).toBe("−42 points");
    expect(distanceOf({ kind: "eq", target: [54, 121, 78] }, "neuron", [15, 76, 50])).toBe("h15, h76, h50 (paper h54, h121, h78)");
  });

  it("bootstrap intervals are deterministic and contain the estimate", () => {
    const xs = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const mean = (us: readonly number[]) => (100 * us.reduce((a, b) => a + b, 0)) / us.length;
    const a = bootstrap(xs, mean)!;
    expect(bootstrap(xs, mean)).toEqual(a);
    expect(a[0]).toBeLessThan(25);
    expect(a[1]).toBeGreaterThan(25);
    expect(a[0]).toBeGreaterThan(5);
    expect(bootstrap([1], mean)).toBeUndefined();
  });

  it("bootstrapSums gives bootstrap's interval bit for bit (a mean, a pooled share, a difference of shares)", () => {
    let x = 7;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 997;
    const m = Array.from({ length: n }, () => rnd() * 3);
    const g = m.map((v) => (rnd() < 0.4 ? v : 0));
    const h = m.map((v) => (rnd() < 0.6 ? v : 0));
    const hits: number[] = m.map((v) => (v > 1.5 ? 1 : 0));
    const units = m.map((_, i) => [m[i], g[i], h[i]]);
    const share = (us: readonly number[][], k: number) => {
      let a = 0;
      let b = 0;
      for (const u of us) {
        a += u[0];
        b += u[k];
      }
      return a > 0 ? (100 * b) / a : NaN;
    };
    const pct = (k: number) => (s: Float64Array) => (s[0] > 0 ? (100 * s[k]) / s[0] : NaN);
    expect(bootstrapSums([hits], (s, k) => (100 * s[0]) / k)).toEqual(bootstrap(hits, (us) => (100 * us.reduce((a, b) => a + b, 0)) / us.length));
    expect(bootstrapSums([m], (s, k) => s[0] / k)).toEqual(bootstrap(m, (us) => us.reduce((a, b) => a + b, 0) / us.length));
    expect(bootstrapSums([m, g], pct(1))).toEqual(bootstrap(units, (us) => share(us, 1)));
    expect(bootstrapSums([m, g, h], (s) => pct(1)(s) - pct(2)(s))).toEqual(bootstrap(units, (us) => share(us, 1) - share(us, 2)));
    expect(bootstrapSums([[1]], (s) => s[0])).toBeUndefined();
    // nothing pooled in any replicate: no interval
    expect(bootstrapSums([[0, 0, 0], [0, 0, 0]], pct(1))).toBeUndefined();
  });
});

/** Synthetic results for one claim: only what its measure reads. */
const fp = (H: number, predictions = 1023) => ({ modelFile: "m", corpusFile: "c", modelSha256: "", corpusSha256: "", source: "flag" as const, H, parameters: 82304, corpusBytes: predictions + 1, corpusTotalBytes: predictions + 1, predictions, bpc: 0.08 });
const spec = (id: string) => CLAIMS.find((c) => c.id === id)! as ClaimSpec;

describe("verdict classes", () => {
  it("a fixed value is 'construction' when it agrees and 'unreproducible' when it cannot", () => {
    expect(evaluate(spec("hidden"), { fingerprint: fp(128) }).verdict).toBe("construction");
    const r = evaluate(spec("hidden"), { fingerprint: fp(8) });
    expect(r.verdict).toBe("unreproducible");
    expect(r.reason).toMatch(/no model of this layout can reach it: H is the layout/);
    expect(evaluate(spec("positions"), { fingerprint: fp(128, 1023) }).distance).toBe("+503 (1,023 vs 520)");
  });

  it("a missing chapter or an absent neuron is not computable, with the reason", () => {
    const r = evaluate(spec("above1"), { fingerprint: fp(128) });
    expect(r.verdict).toBe("na");
    expect(r.reason).toMatch(/Q1 results are not available/);
    const q6 = { routingAll: { predictions: 10, drivers: [], hop1Edges: [], backbone: null } } as unknown as Results["q6"];
    expect(evaluate(spec("h54-driver"), { fingerprint: fp(8), q6 }).reason).toMatch(/only 8 neurons, so h54 does not exist/);
  });

  it("alignment claims need more than chance; a value outside the rule whose interval reaches it is undecided", () => {
    // 4 positions × offsets 1..4, every pair passes the gate: 100 % aligned, and chance is 100 % too
    const positions = [10, 20, 30, 40].map((t) => ({ t, rows: [1, 2, 3, 4].map((d) => ({ d, delta: 1, pmi: 2 })) }));
    const q7 = { gate: 0.5, algebraic: { positions } } as unknown as Results["q7"];
    const r = evaluate({ ...spec("shallow61"), rule: { kind: "atLeast", min: 50 } }, { fingerprint: fp(8), q7 });
    expect(r.value).toBe(100);
    expect(r.baseline?.value).toBe(100);
    expect(r.verdict).toBe("differs");
    expect(r.reason).toMatch(/not above chance/);
    // half the mass on gated pairs at two positions, none at the others: wide interval
    const mixed = [10, 20, 30, 40].map((t, p) => ({ t, rows: [1, 2, 3, 4].map((d) => ({ d, delta: 1, pmi: p < 2 ? 2 : 0 })) }));
    const r2 = evaluate({ ...spec("shallow61"), rule: { kind: "range", lo: 0, hi: 20 }, chance: false }, { fingerprint: fp(8), q7: { gate: 0.5, algebraic: { positions: mixed } } as unknown as Results["q7"] });
    expect(r2.value).toBe(50);
    expect(r2.interval![0]).toBeLessThanOrEqual(20);
    expect(r2.verdict).toBe("na");
    expect(r2.reason).toMatch(/undecided on this sample/);
  });
});

describe("ledger end to end on small models", () => {
  const chaptersOf = (run: ReturnType<typeof tinyRun>) => JSON.parse(toJson(buildChapters(run).chapters)) as Parameters<typeof ledgerFrom>[1];

  it("values fixed by the layout, the method or the corpus are the same on several random models (H = 8)", () => {
    const corpus = bytes(200);
    const ledgers = [11, 12, 13].map((seed) => ledgerFrom(tinyRun(randomModel(8, seed), corpus), chaptersOf(tinyRun(randomModel(8, seed), corpus))));
    const fixed = CLAIMS.filter((c) => "fixed" in c).map((c) => c.id);
    expect(fixed.length).toBeGreaterThanOrEqual(8);
    for (const id of fixed) {
      const rows = ledgers.map((L) => L.rows.find((r) => r.id === id)!);
      expect(new Set(rows.map((r) => r.verdict)).size, id).toBe(1);
      if (id !== "margin-factor") expect(new Set(rows.map((r) => JSON.stringify(r.value))).size, id).toBe(1);
      expect(["construction", "unreproducible", "na"]).toContain(rows[0].verdict);
    }
    // the measured rows do vary with the weights
    const bpcs = ledgers.map((L) => L.rows.find((r) => r.id === "bpc")!.value);
    expect(new Set(bpcs).size).toBe(3);
    // the ratio the paper calls ~10⁶ stays within a factor 10 of 10⁶ on every random model
    for (const L of ledgers) expect(L.rows.find((r) => r.id === "margin-factor")!.verdict).toBe("construction");
  }, 120_000);

  it("measures taken early (premeasure, while a helper computes some chapters) give the same ledger", () => {
    const corpus = bytes(300);
    const run = tinyRun(randomModel(8, 5), corpus);
    const chapters = chaptersOf(run);
    const plain = ledgerFrom(tinyRun(randomModel(8, 5), corpus), chapters);
    const pending = ["q1", "q3", "q5"];
    const pre = premeasure({ fingerprint: run.fingerprint, ...chapters }, pending);
    // measures that read a pending chapter wait; the others are taken
    expect(pre.has("bpc")).toBe(true);
    expect(pre.has("alignAll")).toBe(true);
    expect(pre.has("reduxParams")).toBe(false);
    expect(pre.has("minimal1Bpc")).toBe(false);
    expect(pre.size).toBeLessThan(new Set(CLAIMS.map((c) => c.measure)).size);
    premeasureLedger(run, pending);
    expect(toJson(ledgerFrom(run, chapters))).toBe(toJson(plain));
    expect(toJson(ledgerOf({ fingerprint: run.fingerprint, ...chapters }, undefined, pre).rows)).toBe(toJson(ledgerOf({ fingerprint: run.fingerprint, ...chapters }).rows));
  }, 120_000);

  it("one row per claim; every verdict is one of the five; counts add up", () => {
    const run = tinyRun(randomModel(8, 3), bytes(120));
    const out = build(run);
    expect(out.rows.length).toBe(CLAIMS.length);
    expect(new Set(out.rows.map((r) => r.id)).size).toBe(out.rows.length);
    for (const r of out.rows) {
      expect(["holds", "differs", "construction", "unreproducible", "na"]).toContain(r.verdict);
      expect(r.location.length).toBeGreaterThan(0);
      if (r.verdict !== "na") expect(r.distance).not.toBe("—");
    }
    expect(Object.values(out.counts).reduce((a, b) => a + b, 0)).toBe(out.rows.length);
    expect(out.rows.find((r) => r.id === "bpc")!.value).toBeCloseTo(run.trace.bpc, 6);
    // every Q7 alignment row shows its chance baseline; sampled rows their interval
    for (const id of ["aligned61", "shallow61", "mid87", "deep37", "higher-order"]) {
      const r = out.rows.find((x) => x.id === id)!;
      if (r.verdict !== "na") {
        expect(r.baseline, id).not.toBeNull();
        expect(r.interval, id).not.toBeNull();
      }
    }
  }, 120_000);

  it("no chapter output carries a verdict of its own: the ledger is the only judge", () => {
    const run = tinyRun(randomModel(8, 4), bytes(120));
    const text = toJson(buildChapters(run).chapters);
    expect(text).not.toMatch(/"verdict"/);
    expect(text).not.toMatch(/"claims"/);
  }, 120_000);

  it("a 2-byte corpus (one prediction) gives no 'holds': every measured claim is not computable", () => {
    const out = build(tinyRun(randomModel(8, 7), "ab"));
    expect(out.T).toBe(1);
    expect(out.counts.holds).toBe(0);
    expect(out.counts.differs).toBe(0);
    for (const r of out.rows) {
      expect(["na", "construction", "unreproducible"]).toContain(r.verdict);
      expect(r.measured).not.toMatch(/NaN|null|undefined/);
    }
    const above = out.rows.find((r) => r.id === "above1")!;
    expect(above.reason).toMatch(/too short to measure/);
    expect(MIN_PREDICTIONS).toBeGreaterThan(1);
  }, 60_000);

  it("the bpc claim says which bytes it was judged on: the whole corpus, or the window of a longer one", () => {
    const whole = MEASURES.bpc({ fingerprint: { ...fp(8, 1), bpc: 1.5, predictions: 99, corpusBytes: 100, corpusTotalBytes: 100 } } as Results);
    expect(whole.shown).toBe("1.5 bpc (float32, 99 predictions; the whole corpus)");
    const window = MEASURES.bpc({ fingerprint: { ...fp(8, 1), bpc: 1.5, predictions: 99, corpusBytes: 100, corpusTotalBytes: 400 } } as Results);
    expect(window.shown).toMatch(/in-sample: the first 100 of 400 bytes, held-out bpc on the model card/);
  });

  it("~15 neurons per prediction is measured over every tree, with a bootstrap interval around the mean", () => {
    const run = tinyRun(randomModel(8, 3), bytes(90));
    const { chapters } = buildChapters(run);
    const all: number[] = (chapters.q6 as { explanation: { neuronsAll: number[] } }).explanation.neuronsAll;
    expect(all.length).toBe(run.trace.T);
    const m = MEASURES.treeNeurons({ fingerprint: run.fingerprint, ...chapters } as Results);
    expect(m.value).toBeCloseTo(all.reduce((a, b) => a + b, 0) / all.length, 9);
    expect(m.interval![0]).toBeLessThanOrEqual(m.value as number);
    expect(m.interval![1]).toBeGreaterThanOrEqual(m.value as number);
    expect(m.shown).toMatch(new RegExp(`over all ${all.length} predictions`));
  }, 60_000);

  it("ledgerFor(run) returns the typed rows (the entry point for other consumers)", () => {
    const rows: LedgerRow[] = ledgerFor(tinyRun(randomModel(8, 9), bytes(80)));
    expect(rows.length).toBe(CLAIMS.length);
    expect(rows[0]).toHaveProperty("distance");
    expect(ledgerOf({ fingerprint: fp(8, 1) }).rows.every((r) => ["na", "construction", "unreproducible"].includes(r.verdict))).toBe(true);
  }, 60_000);
});
