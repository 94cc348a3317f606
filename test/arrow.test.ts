/**
 * Arrow + CSV tables (lib/arrow.ts, data-loaders/tables.ts): every file written by
 * `sat-rnn analyze --out DIR` is read back with an independent reader (apache-arrow's
 * tableFromIPC), its schema checked against the documented one and its values against the
 * chapters' JSON and the engine.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Table, tableFromIPC } from "apache-arrow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../cli/commands/analyze.ts";
import { TABLE_DOCS } from "../data-loaders/tables.ts";
import { checkTable, float32Text, type TableData, toArrow, toCsv } from "../lib/arrow.ts";
import { derived } from "../lib/derived.ts";
import * as Derived from "../lib/derived.ts";
import { DEMO_CORPUS, DEMO_MODEL, loadRun, PROJECT_ROOT, type Run } from "../lib/io.ts";

/** apache-arrow's type names for our column types. */
const ARROW_NAME: Record<string, string> = { float32: "Float32", float64: "Float64", int32: "Int32", uint8: "Uint8", utf8: "Utf8", bool: "Bool" };

const doc = (columns: TableData["doc"]["columns"]): TableData["doc"] => ({ name: "x", title: "", row: "", source: "", columns });

describe("lib/arrow", () => {
  const t: TableData = {
    doc: doc([
      { name: "t", type: "int32", doc: "" },
      { name: "b", type: "uint8", doc: "" },
      { name: "f", type: "float32", doc: "" },
      { name: "d", type: "float64", doc: "", nullable: true },
      { name: "s", type: "utf8", doc: "" },
      { name: "ok", type: "bool", doc: "" },
    ]),
    columns: { t: [0, 1, 2], b: Uint8Array.from([97, 98, 255]), f: Float32Array.from([0.05, -1.5, NaN]), d: [1.25, null, 3e-9], s: ["a,b", 'q"', "h54"], ok: [true, false, true] },
  };

  it("pins each column's type and keeps the values (NaN → null, as in the JSON)", () => {
    const a = tableFromIPC(toArrow(t));
    expect(a.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(["t:Int32", "b:Uint8", "f:Float32", "d:Float64", "s:Utf8", "ok:Bool"]);
    expect(a.numRows).toBe(3);
    expect(Array.from(a.getChild("t")!.toArray())).toEqual([0, 1, 2]);
    expect(a.getChild("f")!.get(0)).toBe(Math.fround(0.05));
    expect(a.getChild("f")!.get(2)).toBeNull();
    expect(a.getChild("d")!.get(1)).toBeNull();
    expect(a.getChild("s")!.get(1)).toBe('q"');
    expect(a.getChild("ok")!.get(1)).toBe(false);
  });

  it("writes CSV with float32 values at their shortest exact decimal, quoted text, empty nulls", () => {
    expect(toCsv(t)).toBe('t,b,f,d,s,ok\n0,97,0.05,1.25,"a,b",true\n1,98,-1.5,,"q""",false\n2,255,,3e-9,h54,true\n');
    expect(float32Text(Math.fround(0.1))).toBe("0.1");
    expect(float32Text(Math.fround(1 / 3))).toBe("0.33333334");
    expect(Math.fround(Number(float32Text(Math.fround(1 / 3))))).toBe(Math.fround(1 / 3));
  });

  it("refuses undocumented, missing, ragged or null columns", () => {
    const one = doc([{ name: "a", type: "int32", doc: "" }, { name: "b", type: "int32", doc: "" }]);
    expect(() => checkTable({ doc: one, columns: { a: [1] } })).toThrow(/missing b/);
    expect(() => checkTable({ doc: one, columns: { a: [1], b: [2], c: [3] } })).toThrow(/undocumented c/);
    expect(() => checkTable({ doc: one, columns: { a: [1, 2], b: [2] } })).toThrow(/column b has 1 rows/);
    expect(() => checkTable({ doc: one, columns: { a: [1], b: [null] } })).toThrow(/column b row 0 is null/);
  });
});

describe("analyze --out DIR writes every table as Arrow, readable by apache-arrow", () => {
  let dir: string;
  let run: Run;
  let derivedRuns = 0;
  const arrow: Record<string, Table> = {};
  const json = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")).data;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "arrow-test-"));
    run = loadRun({ modelPath: join(PROJECT_ROOT, DEMO_MODEL), corpusPath: join(PROJECT_ROOT, DEMO_CORPUS), window: 1024, source: "flag" });
    const before = Derived.derivedComputations;
    const res = await analyze(run, dir);
    derivedRuns = Derived.derivedComputations - before;
    expect(res.files.filter((f) => f.error)).toEqual([]);
    for (const f of readdirSync(join(dir, "tables"))) if (f.endsWith(".arrow")) arrow[f.slice(0, -6)] = tableFromIPC(readFileSync(join(dir, "tables", f)));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("computes the derived views (signs, flips, margins, predictions) once for the whole report", () => {
    // q1, q4, neurons, text and the tables all read them
    expect(derivedRuns).toBe(1);
  });

  it("has every documented table, with the documented schema and schema.json's row counts", () => {
    expect(Object.keys(arrow).sort()).toEqual(Object.keys(TABLE_DOCS).sort());
    const schema = JSON.parse(readFileSync(join(dir, "tables/schema.json"), "utf8"));
    expect(schema.fingerprint).toEqual(run.fingerprint);
    for (const s of schema.tables) {
      const a = arrow[s.name];
      expect(a.numRows, s.name).toBe(s.rows);
      expect(a.schema.fields.map((f) => `${f.name}:${f.type}`), s.name).toEqual(s.columns.map((c: { name: string; type: string }) => `${c.name}:${ARROW_NAME[c.type]}`));
      // each CSV has the same header and one line per row
      const csv = readFileSync(join(dir, "tables", `${s.name}.csv`), "utf8").trimEnd().split("\n");
      expect(csv[0]).toBe(s.columns.map((c: { name: string }) => c.name).join(","));
      if (s.name !== "ledger") expect(csv.length - 1, s.name).toBe(s.rows); // (ledger text may hold quoted newlines)
    }
  });

  it("positions: bytes, bits, margins and predictions are the engine's, exactly", () => {
    const p = arrow.positions;
    const { T, bits } = run.trace;
    const d = derived(run.trace);
    expect(p.numRows).toBe(T);
    for (const t of [0, 1, 17, T - 1]) {
      const row = p.get(t)!.toJSON();
      expect(row.t).toBe(t);
      expect(row.input).toBe(run.data[t]);
      expect(row.target).toBe(run.data[t + 1]);
      expect(row.bits).toBe(bits[t]);
      expect(row.margin_min).toBe(d.positionMargins.min[t]);
      expect(row.predicted).toBe(d.predictions.top[t]);
      expect(row.correct).toBe(d.predictions.top[t] === run.data[t + 1]);
    }
    // against the chapters' JSON
    expect(Array.from(p.getChild("saturated")!.toArray())).toEqual(json("q4").nSat);
    expect(Array.from(p.getChild("driver")!.toArray())).toEqual(json("q6").drivers.neuron);
    const text = json("text").margins;
    expect(Array.from(p.getChild("margin_min_neuron")!.toArray())).toEqual(text.argmin);
    expect(Array.from(p.getChild("margins_below_1")!.toArray())).toEqual(text.below1);
    // Q1 §M1's float32 mean margin, as q1.json prints it (4 significant digits)
    const mm = Array.from(p.getChild("margin_mean")!.toArray() as Float32Array, (v) => Number(v.toPrecision(4)));
    expect(mm).toEqual(json("q1").margins.perT.mean);
  });

  it("neurons: flips, knockouts and classes match the chapters; the sums the engine's", () => {
    const n = arrow.neurons;
    const { H } = run.trace;
    expect(n.numRows).toBe(H);
    expect(Array.from(n.getChild("flips")!.toArray())).toEqual(json("q4").flips);
    expect(Array.from(n.getChild("flips")!.toArray())).toEqual(json("q1").boolean.derived.flipsPerNeuron);
    expect(n.getChild("volatility")!.toArray()).toEqual(json("q4").cls);
    expect(Array.from(n.getChild("knockout_delta_bpc")!.toArray())).toEqual(json("q3").delta);
    const order: number[] = json("q3").order;
    expect(n.getChild("knockout_rank")!.get(order[0])).toBe(1);
    expect(n.getChild("bias")!.get(3)).toBe(run.model.bh[3]);
  });

  it("z and h are the T×H float32 matrices, bit for bit", () => {
    const { H, T, z, h } = run.trace;
    expect(arrow.z.numCols).toBe(H + 1);
    for (const [t, j] of [[0, 0], [5, H - 1], [T - 1, 3]]) {
      expect(arrow.z.getChild(`z${j}`)!.get(t)).toBe(z[t * H + j]);
      expect(arrow.h.getChild(`h${j}`)!.get(t)).toBe(h[t * H + j]);
    }
  });

  it("chapter tables hold the chapters' values", () => {
    const q4 = json("q4");
    const co = arrow.q4_coflips;
    expect(co.numRows).toBe(q4.pairs.length);
    const [a, b, c, jac] = q4.pairs[3];
    expect(co.get(3)!.toJSON()).toEqual({ a, b, co_flips: c, jaccard: Math.fround(jac) });
    expect(arrow.q4_dwell.getChild("count")!.get(0)).toBe(q4.dwellHist[1]);
    const q3 = json("q3");
    expect(Array.from(arrow.q3_knockouts.getChild("j")!.toArray())).toEqual(q3.order);
    expect(arrow.q3_knockouts.getChild("delta_bpc")!.get(0)).toBe(q3.delta[q3.order[0]]);
    const q5 = json("q5");
    expect(arrow.q5_grid.numRows).toBe(q5.grid.length);
    expect(Object.values(arrow.q5_grid.get(7)!.toJSON())).toEqual(q5.grid[7]);
    expect(arrow.q5_pruning.numRows).toBe(q5.whPrune.length + q5.wxPrune.length);
    const q2 = json("q2");
    expect(arrow.q2_offsets.numRows).toBe(q2.H * q2.D);
    const k = 2 * q2.D + 4; // j = 2, d = 5
    expect(arrow.q2_offsets.get(k)!.toJSON()).toEqual({ j: 2, d: 5, sign_changes: q2.N[k] });
    const q7 = json("q7");
    expect(arrow.q7_offsets.getChild("algebraic_pct")!.get(1)).toBe(q7.algebraic.offsets[1].pct);
    expect(arrow.q7_offsets.getChild("bigram_pct")!.get(1)).toBe(q7.higherOrder.offsets.find((o: { d: number }) => o.d === 2).bigramPct);
    // the chart's chance lines travel with its data; no trigram gate at d = 1
    expect(arrow.q7_offsets.getChild("algebraic_chance_pct")!.get(1)).toBe(q7.algebraic.chanceByOffset[1]);
    expect(arrow.q7_offsets.getChild("trigram_chance_pct")!.get(2)).toBe(q7.higherOrder.chance3ByOffset[2]);
    expect(arrow.q7_offsets.getChild("trigram_chance_pct")!.get(0)).toBeNull();
    const q1 = json("q1");
    expect(Array.from(arrow.q1_sparsity.getChild("median_patterns")!.toArray())).toEqual(q1.sparsity.median);
    const claims = json("claims");
    expect(arrow.ledger.numRows).toBe(claims.rows.length);
    expect(arrow.ledger.getChild("id")!.get(0)).toBe(claims.rows[0].id);
    expect(arrow.ledger.getChild("verdict")!.toArray()).toEqual(claims.rows.map((r: { verdict: string }) => r.verdict));
  });
});
