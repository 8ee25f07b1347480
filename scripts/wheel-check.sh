#!/usr/bin/env bash
# What a user gets: build the wheel, install it with no extras into a fresh venv, and
# convert a text sample, a scanned PDF and a born-digital PDF with its command.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
quiet() { "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
quiet .venv/bin/python -m pip wheel -q --disable-pip-version-check --no-deps -w "$work/dist" .
.venv/bin/python samples/make_samples.py > /dev/null
"${PYTHON:-python3}" -m venv "$work/venv"
quiet "$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$work"/dist/*.whl
"$work/venv/bin/bulletin-ingest" convert -j 1 -o "$work/out" \
    samples/xinjing-bulletin-ocr.txt \
    samples/generated/xinjing-jianxun-2023-05.scan300.pdf \
    samples/generated/xinjing-jianxun-2023-05.digital.pdf
"$work/venv/bin/python" - "$work/out" <<'PY'
import json, sys
from pathlib import Path
records = sorted(p for p in Path(sys.argv[1]).glob("*.json") if not p.name.startswith("."))
assert len(records) == 3, records
for path in records:
    assert json.loads(path.read_text(encoding="utf-8"))["articles"], f"{path}: no article"
print(f"wheel: {len(records)} records, each with articles")
PY
