#!/usr/bin/env bash
# CI: the report's Arrow files read by Python's pyarrow (an independent reader). Installs pyarrow
# (Debian's python3-pyarrow if the archive has it, else pip into a throwaway venv); if neither
# works, prints a NOTICE and skips (exit 0). Otherwise runs `sat-rnn analyze --out` on the
# resolved inputs and test/interop/pyarrow_check.py on its output; fails if the check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

notice() { echo "NOTICE: pyarrow interop check SKIPPED: $*"; exit 0; }
command -v python3 >/dev/null 2>&1 || notice "no python3"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
py=python3
if ! python3 -c "import pyarrow" >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && apt-cache show python3-pyarrow >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pyarrow >/dev/null || true
  fi
  if ! python3 -c "import pyarrow" >/dev/null 2>&1; then
    python3 -m venv "$work/venv" >/dev/null 2>&1 || notice "python3 -m venv failed (python3-venv missing?)"
    "$work/venv/bin/pip" install --quiet --disable-pip-version-check pyarrow >/dev/null 2>&1 || notice "pip install pyarrow failed"
    py="$work/venv/bin/python"
  fi
fi

echo "== pyarrow interop: sat-rnn analyze --out $work/out"
node cli/sat-rnn.mjs analyze --out "$work/out" >/dev/null
"$py" test/interop/pyarrow_check.py "$work/out"
