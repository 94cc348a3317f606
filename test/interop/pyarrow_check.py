#!/usr/bin/env python3
"""Reads every Arrow table written by `sat-rnn analyze --out DIR` with pyarrow (an independent
reader) and checks it against the documented schema (DIR/tables/schema.json), the CSV twin of
each table, and the chapters' JSON. Exits non-zero with one line per problem.

usage: python3 test/interop/pyarrow_check.py DIR
"""
import csv
import json
import math
import struct
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc

TYPES = {"float32": pa.float32(), "float64": pa.float64(), "int32": pa.int32(), "uint8": pa.uint8(), "utf8": pa.string(), "bool": pa.bool_()}


def f32(x: float) -> float:
    return struct.unpack("<f", struct.pack("<f", x))[0]


def same(value, cell: str, typ: str) -> bool:
    """An Arrow value and its CSV cell agree (floats exactly: float32 via its shortest decimal)."""
    if value is None:
        return cell == ""
    if typ == "float32":
        return f32(float(cell)) == value
    if typ == "float64":
        return float(cell) == value
    if typ == "bool":
        return cell == ("true" if value else "false")
    if typ == "utf8":
        return cell == value
    return int(cell) == value


def main(out: Path) -> int:
    problems = []
    tables_dir = out / "tables"
    schema = json.loads((tables_dir / "schema.json").read_text())
    tables = {}
    for doc in schema["tables"]:
        name = doc["name"]
        with pa.memory_map(str(tables_dir / f"{name}.arrow")) as source:
            table = ipc.open_file(source).read_all()
        tables[name] = table
        want = pa.schema([pa.field(c["name"], TYPES[c["type"]]) for c in doc["columns"]])
        if not table.schema.remove_metadata().equals(want):
            problems.append(f"{name}: schema {table.schema} is not {want}")
            continue
        if table.num_rows != doc["rows"]:
            problems.append(f"{name}: {table.num_rows} rows, schema.json says {doc['rows']}")
        with open(tables_dir / f"{name}.csv", newline="") as fh:
            rows = list(csv.reader(fh))
        if rows[0] != [c["name"] for c in doc["columns"]] or len(rows) - 1 != table.num_rows:
            problems.append(f"{name}.csv: header or row count differs from the Arrow file")
            continue
        columns = {c["name"]: table.column(c["name"]).to_pylist() for c in doc["columns"]}
        for c in doc["columns"]:
            values = columns[c["name"]]
            bad = [i for i, v in enumerate(values) if not same(v, rows[i + 1][doc["columns"].index(c)], c["type"])]
            if bad:
                problems.append(f"{name}.{c['name']}: Arrow and CSV differ at row {bad[0]} ({values[bad[0]]!r} vs {rows[bad[0] + 1][doc['columns'].index(c)]!r})")
    # a few values against the chapters' JSON
    data = lambda n: json.loads((out / f"{n}.json").read_text())["data"]
    q4 = data("q4")
    if tables["positions"].column("saturated").to_pylist() != q4["nSat"]:
        problems.append("positions.saturated differs from q4.json nSat")
    if tables["neurons"].column("flips").to_pylist() != q4["flips"]:
        problems.append("neurons.flips differs from q4.json flips")
    q3 = data("q3")
    if tables["q3_knockouts"].column("j").to_pylist() != q3["order"]:
        problems.append("q3_knockouts.j is not q3.json's order")
    ledger = data("claims")["rows"]
    if tables["ledger"].column("id").to_pylist() != [r["id"] for r in ledger]:
        problems.append("ledger.id differs from claims.json")
    fp = schema["fingerprint"]
    if tables["z"].num_rows != fp["predictions"] or tables["z"].num_columns != fp["H"] + 1:
        problems.append(f"z: {tables['z'].num_rows}×{tables['z'].num_columns}, expected {fp['predictions']}×{fp['H'] + 1}")
    bits = tables["positions"].column("bits").to_pylist()
    bpc = math.fsum(bits) / len(bits)
    if abs(bpc - fp["bpc"]) > 1e-12:
        problems.append(f"positions.bits average {bpc} is not the fingerprint's bpc {fp['bpc']}")
    for p in problems:
        print(f"pyarrow check: {p}", file=sys.stderr)
    print(f"pyarrow {pa.__version__}: {len(tables)} tables read, {sum(t.num_rows for t in tables.values())} rows, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
