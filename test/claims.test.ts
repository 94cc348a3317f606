/**
 * The claims catalogue against the synthesis text, the verdict function, and the ledger on small
 * models (verdicts recomputed, flipping when a measured value crosses its tolerance).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import build, { ledgerFrom } from "../data-loaders/claims.ts";
import { CATALOGUE, type Results, SECTIONS } from "../lib/report/catalogue.ts";
import { buildLedger, evaluate } from "../lib/report/ledger.ts";
import { describeRule, judge, type Rule } from "../lib/report/verdict.ts";
import { HAVE_SHARED, randomModel, SHARED, tinyRun } from "./helpers.ts";

/** Line ranges (1-based, inclusive) of synthesis.txt that the ledger must cover, by section. */
const SECTION_LINES: Record<string, [number, number]> = {
  abstract: [11, 11],
  overview: [16, 22],
  theorem: [26, 26],
  evidence: [28, 28],
  mantissa: [30, 30],
  minimal: [35, 40],
  observation1: [42, 42],
  removes: [46, 48],
  backbone: [55, 59],
  observation2: [61, 61],
  flow: [67, 73],
  training: [77, 89],
  toomuch: [91, 93],
  open: [97, 101],
};

/**
 * Numeric tokens that are structure, not claims: enumerators, question/step/theorem labels,
 * and a formula. Each is matched verbatim in its line.
 */
const STRUCTURAL = [
  "(Q1–Q7)", "(1)", "(2)", "(3)", "(4)", "(5)",
  "Step 1:", "Step 2:", "Step 3:", "Step 4:",
  "Theorem 1", "Observation 1", "Observation 2 (h54 is the bottleneck)",
  "$\\text{diag}(1 - h^2)", "2. What is the cycle length",
];

const NUMERIC = /\d+(?:[.,:/]\d+)*/g;

describe("claims catalogue", () => {
  it("has unique ids, a known section, a rule and a chart/method link per row", () => {
    const ids = new Set<string>();
    for (const d of CATALOGUE) {
      expect(ids.has(d.id), d.id).toBe(false);
      ids.add(d.id);
      expect(SECTIONS.map((s) => s.id)).toContain(d.section);
      expect(d.snippet.length).toBeGreaterThan(5);
      expect(d.paper.length).toBeGreaterThan(0);
      expect(d.chart).toMatch(/^\.\/(q[1-7])?#[a-z0-9-]+$/);
      expect(d.methodAnchor).toMatch(/^[a-z0-9-]+$/);
      expect(describeRule(d.rule).length).toBeGreaterThan(0);
    }
  });

  it("covers every section the issue lists", () => {
    for (const s of Object.keys(SECTION_LINES)) expect(CATALOGUE.filter((d) => d.section === s).length, s).toBeGreaterThan(0);
    // every row of the minimal-model table: bpc and parameters
    for (let i = 0; i < 6; i++) {
      expect(CATALOGUE.some((d) => d.id === `minimal-${i}-bpc`)).toBe(true);
      expect(CATALOGUE.some((d) => d.id === `minimal-${i}-params`)).toBe(true);
    }
    // the ten items of "what training did"
    for (let i = 1; i <= 10; i++) expect(CATALOGUE.some((d) => d.id === `training-${i}`), `training-${i}`).toBe(true);
    for (let i = 1; i <= 5; i++) expect(CATALOGUE.some((d) => d.id === `open-${i}`), `open-${i}`).toBe(true);
  });

  describe.skipIf(!HAVE_SHARED)("against synthesis.txt", () => {
    const text = HAVE_SHARED ? readFileSync(join(SHARED, "seed/synthesis.txt"), "utf8") : "";
    const lines = text.split("\n");

    it("every synthesis row quotes the synthesis verbatim, inside its section", () => {
      for (const d of CATALOGUE) {
        if (d.section === "companion") continue;
        expect(text.includes(d.snippet), `${d.id}: ${JSON.stringify(d.snippet)}`).toBe(true);
        const [a, b] = SECTION_LINES[d.section];
        const inSection = lines.slice(a - 1, b).some((l) => l.includes(d.snippet));
        expect(inSection, `${d.id} is not in lines ${a}–${b}`).toBe(true);
      }
    });

    it("every numeric token of the listed sections is covered by some row (or is structural)", () => {
      const uncovered: string[] = [];
      let tokens = 0;
      for (const [a, b] of Object.values(SECTION_LINES)) {
        for (let n = a; n <= b; n++) {
          const line = lines[n - 1];
          const covered = new Uint8Array(line.length);
          const mark = (s: string) => {
            for (let p = line.indexOf(s); p >= 0; p = line.indexOf(s, p + 1)) covered.fill(1, p, p + s.length);
          };
          for (const d of CATALOGUE) if (d.section !== "companion") mark(d.snippet);
          for (const s of STRUCTURAL) mark(s);
          for (const m of line.matchAll(NUMERIC)) {
            tokens++;
            const p = m.index!;
            if (!covered.subarray(p, p + m[0].length).every((c) => c === 1)) uncovered.push(`line ${n}: "${m[0]}" in …${line.slice(Math.max(0, p - 30), p + 30)}…`);
          }
        }
      }
      expect(uncovered).toEqual([]);
      expect(tokens).toBeGreaterThan(150); // the check really saw the paper's numbers
    });
  });
});

describe("verdict function", () => {
  it("abs / rel / factor / range / eq / atLeast / atMost flip at the tolerance", () => {
    const abs = { kind: "abs", target: 0.079, tol: 0.0005 } as const;
    expect(judge(abs, 0.0792).verdict).toBe("holds");
    expect(judge(abs, 0.0795).verdict).toBe("holds");
    expect(judge(abs, 0.0796).verdict).toBe("differs");
    const rel = { kind: "rel", target: 60.5, tol: 0.1 } as const;
    expect(judge(rel, 55).verdict).toBe("holds");
    expect(judge(rel, 54).verdict).toBe("differs");
    const fac = { kind: "factor", target: 300, factor: 2 } as const;
    expect(judge(fac, 150).verdict).toBe("holds");
    expect(judge(fac, 149).verdict).toBe("differs");
    expect(judge(fac, -300).verdict).toBe("differs");
    expect(judge({ kind: "range", lo: 18, hi: 25 }, 18).verdict).toBe("holds");
    expect(judge({ kind: "range", lo: 18, hi: 25 }, 14.5).verdict).toBe("differs");
    expect(judge({ kind: "eq", target: [54, 121, 78] }, [54, 121, 78]).verdict).toBe("holds");
    expect(judge({ kind: "eq", target: [54, 121, 78] }, [54, 121, 77]).verdict).toBe("differs");
    expect(judge({ kind: "atMost", max: 0, strict: true }, 0).verdict).toBe("differs");
    expect(judge({ kind: "atMost", max: 0, strict: true }, -1e-9).verdict).toBe("holds");
    expect(judge({ kind: "atLeast", min: 100 }, 100).verdict).toBe("holds");
    expect(judge({ kind: "atLeast", min: 100 }, 99.2).verdict).toBe("differs");
  });

  it("compound rules need every part; missing or non-finite values are not computable, with the reason", () => {
    const all: Rule = { kind: "all", parts: [{ kind: "abs", target: 7, tol: 1 }, { kind: "eq", target: 54 }] };
    expect(judge(all, [6, 54]).verdict).toBe("holds");
    expect(judge(all, [7, 68]).verdict).toBe("differs");
    expect(judge(all, [0, 54]).reason).toMatch(/part 1/);
    const j = judge({ kind: "abs", target: 1, tol: 1 }, null, "corpus too short");
    expect(j).toEqual({ verdict: "na", reason: "corpus too short" });
    expect(judge({ kind: "abs", target: 1, tol: 1 }, Number.NaN).verdict).toBe("na");
    expect(judge({ kind: "none", reason: "open question" }, 3)).toEqual({ verdict: "na", reason: "open question" });
  });
});

describe("ledger on synthetic results", () => {
  const fp = { modelFile: "m", corpusFile: "c", modelSha256: "", corpusSha256: "", source: "flag" as const, H: 128, parameters: 82304, corpusBytes: 1024, corpusTotalBytes: 1024, predictions: 1023, bpc: 0.0792 };
  const def = (id: string) => CATALOGUE.find((d) => d.id === id)!;

  it("a row's verdict flips when the measured value crosses its tolerance", () => {
    expect(evaluate(def("abstract-bpc"), { fingerprint: fp }).verdict).toBe("holds");
    expect(evaluate(def("abstract-bpc"), { fingerprint: { ...fp, bpc: 0.08 } }).verdict).toBe("differs");
    const q1 = (globalMean: number) => ({ margins: { globalMean } });
    expect(evaluate(def("evidence-margin"), { fingerprint: fp, q1: q1(60) }).verdict).toBe("holds");
    expect(evaluate(def("evidence-margin"), { fingerprint: fp, q1: q1(1.31) }).verdict).toBe("differs");
    const q4 = (volatile: number) => ({ H: 128, classCounts: { volatile, frozen: 128 - volatile, settled: 0 } });
    expect(evaluate(def("training-5"), { fingerprint: fp, q4: q4(128) }).verdict).toBe("holds");
    expect(evaluate(def("training-5"), { fingerprint: fp, q4: q4(127) }).verdict).toBe("differs");
  });

  it("rows whose chapter is missing are not computable, with a reason; nothing throws", () => {
    const R: Results = { fingerprint: fp };
    const L = buildLedger(R);
    expect(L.rows.length).toBe(CATALOGUE.length);
    const r = L.rows.find((r) => r.id === "evidence-margin")!;
    expect(r.verdict).toBe("na");
    expect(r.reason).toMatch(/Q1 results are not available/);
    expect(L.counts.holds + L.counts.differs + L.counts.na).toBe(CATALOGUE.length);
  });

  it("neuron-identity claims are not computable on a model without those neurons", () => {
    const L = buildLedger({ fingerprint: { ...fp, H: 8 }, q6: { routing: { predictions: 3, drivers: [{ j: 1, count: 3 }] } } });
    const r = L.rows.find((r) => r.id === "backbone-h54")!;
    expect(r.verdict).toBe("na");
    expect(r.reason).toMatch(/only 8 neurons/);
  });
});

describe("ledger end to end on small models", () => {
  const text = "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.3/\" xml:lang=\"en\">\n  <siteinfo>\n";
  it("recomputes every verdict from the model's own results (H = 8, 60 bytes)", () => {
    const run = tinyRun(randomModel(8, 3), new TextEncoder().encode(text).subarray(0, 60));
    const out = build(run);
    expect(out.rows.length).toBe(CATALOGUE.length);
    const row = (id: string) => out.rows.find((r) => r.id === id)!;
    expect(row("abstract-hidden").verdict).toBe("differs");
    expect(row("abstract-hidden").value).toBe(8);
    expect(row("mantissa-520").verdict).toBe("differs");
    expect(row("backbone-h54").verdict).toBe("na");
    expect(row("abstract-bpc").value).toBeCloseTo(run.trace.bpc, 6);
    // every verdict is the judge of its own measured value
    for (const r of out.rows) if (r.verdict !== "na") expect(["holds", "differs"]).toContain(r.verdict);
    expect(JSON.parse(JSON.stringify(out)).rows.length).toBe(out.rows.length);
  }, 60_000);

  it("a verdict flips end to end: 520 positions holds on a 521-byte corpus, differs on 60 bytes", () => {
    const bytes = new Uint8Array(521);
    for (let i = 0; i < bytes.length; i++) bytes[i] = text.charCodeAt(i % text.length);
    const model = randomModel(8, 5);
    const long = ledgerFrom(tinyRun(model, bytes), {});
    const short = ledgerFrom(tinyRun(model, bytes.subarray(0, 60)), {});
    expect(long.rows.find((r) => r.id === "mantissa-520")!.verdict).toBe("holds");
    expect(short.rows.find((r) => r.id === "mantissa-520")!.verdict).toBe("differs");
  });

  it("runs on a 2-byte corpus without throwing", () => {
    const out = build(tinyRun(randomModel(8, 7), "ab"));
    expect(out.rows.length).toBe(CATALOGUE.length);
    expect(out.T).toBe(1);
  }, 60_000);
});
