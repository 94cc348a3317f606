/**
 * Tables as files: Apache Arrow IPC (file format, i.e. Feather v2: pandas `read_feather`, polars
 * `read_ipc`, R arrow `read_feather`, DuckDB) and CSV, with every column's type pinned by its
 * documented schema (float32 where the engine computes in float32, integer ids, utf8 text), so a
 * column never changes type with the data (Arquero would otherwise infer narrow integer types).
 *
 * A table is described once (TableDoc: name, title, what a row is, each column's type and meaning);
 * the same description writes the Arrow file, the CSV and the schema page (src/data-files.md).
 * Numbers that are not finite (NaN, ±∞) are written as null, as the JSON files do.
 */
import { table as aqTable, toArrowIPC } from "arquero";
import { bool, float32, float64, int32, uint8, utf8 } from "@uwdata/flechette";

export type ColumnType = "float32" | "float64" | "int32" | "uint8" | "utf8" | "bool";

export interface ColumnDoc {
  name: string;
  type: ColumnType;
  /** What the column holds, with its unit. */
  doc: string;
  /** True if the column may hold nulls. */
  nullable?: boolean;
}

export interface TableDoc {
  /** File name without extension: <name>.arrow, <name>.csv. */
  name: string;
  title: string;
  /** One sentence: what a row is. */
  row: string;
  /** Which chapter or figure it comes from. */
  source: string;
  columns: ColumnDoc[];
}

export interface TableData {
  doc: TableDoc;
  /** Column name → values (one per row), in the order of doc.columns. */
  columns: Record<string, ArrayLike<unknown>>;
}

const ARROW_TYPE = { float32, float64, int32, uint8, utf8, bool } as const;

/** Checks that `t` has exactly the documented columns, all of one length, with no nulls where none are allowed. */
export function checkTable(t: TableData): number {
  const names = t.doc.columns.map((c) => c.name);
  const given = Object.keys(t.columns);
  const missing = names.filter((n) => !(n in t.columns));
  const extra = given.filter((n) => !names.includes(n));
  if (missing.length || extra.length) throw new Error(`table ${t.doc.name}: columns ${missing.length ? `missing ${missing.join(", ")}` : ""}${extra.length ? ` undocumented ${extra.join(", ")}` : ""}`);
  const rows = t.columns[names[0]]?.length ?? 0;
  for (const c of t.doc.columns) {
    const v = t.columns[c.name];
    if (v.length !== rows) throw new Error(`table ${t.doc.name}: column ${c.name} has ${v.length} rows, ${names[0]} has ${rows}`);
    if (!c.nullable) for (let i = 0; i < v.length; i++) if (v[i] == null) throw new Error(`table ${t.doc.name}: column ${c.name} row ${i} is null`);
  }
  return rows;
}

/** The Arrow IPC file (format "file") of `t`, each column of its documented type. */
export function toArrow(t: TableData): Uint8Array {
  checkTable(t);
  const cols: Record<string, unknown[]> = {};
  const types: Record<string, ReturnType<(typeof ARROW_TYPE)[ColumnType]>> = {};
  for (const c of t.doc.columns) {
    // plain arrays: flechette converts each value to the pinned type (a typed array of another
    // type would be reinterpreted); a number that is not finite is null, as in the JSON files
    cols[c.name] = Array.from(t.columns[c.name], (v) => (typeof v === "number" && !Number.isFinite(v) ? null : v));
    types[c.name] = ARROW_TYPE[c.type]();
  }
  return toArrowIPC(aqTable(cols), { types, format: "file" });
}

/** Shortest decimal that reads back as the same float32 (CSV stays short and exact). */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  // If p digits read back as v, so do p + 1 (the nearest (p+1)-digit decimal is at least as close),
  // so the shortest p ≤ 8 is searched from 7, where most float32 values land: about 2 tries
  // instead of up to 8 (the CSV of a 64 K × 128 matrix spent most of its time here).
  let best = NaN;
  let x = Number(v.toPrecision(7));
  if (Math.fround(x) === v) {
    best = x;
    for (let p = 6; p >= 1; p--) {
      x = Number(v.toPrecision(p));
      if (Math.fround(x) !== v) break;
      best = x;
    }
  } else {
    x = Number(v.toPrecision(8));
    if (Math.fround(x) === v) best = x;
  }
  return Number.isNaN(best) ? String(v) : String(best);
}

function csvCell(v: unknown, type: ColumnType): string {
  if (v == null || (typeof v === "number" && !Number.isFinite(v))) return ""; // null, as in the Arrow and JSON files
  if (type === "float32") return float32Text(Math.fround(v as number));
  if (type === "utf8") {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  if (type === "bool") return v ? "true" : "false";
  return String(v);
}

/** The CSV of `t` (RFC 4180, header row, `\n` line ends, nulls empty). */
export function toCsv(t: TableData): string {
  const rows = checkTable(t);
  const { columns } = t.doc;
  const lines = [columns.map((c) => csvCell(c.name, "utf8")).join(",")];
  for (let i = 0; i < rows; i++) lines.push(columns.map((c) => csvCell(t.columns[c.name][i], c.type)).join(","));
  return lines.join("\n") + "\n";
}
