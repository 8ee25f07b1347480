#!/usr/bin/env bash
# Install everything from nothing, render the corpus's scans and PDFs from its gold files,
# then convert every bulletin in samples/ into out/ (a rerun skips what is up to date).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python samples/make_samples.py > /dev/null
.venv/bin/bulletin-ingest convert samples -o out "$@"
