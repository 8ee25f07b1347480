#!/usr/bin/env bash
# Install everything from nothing, render the corpus's scans and PDFs from its gold files,
# then convert every bulletin of the corpus into out/ (a rerun skips what is up to date). The
# layout zoo, rendered under samples/generated/zoo/ by benchmarks, is not part of it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python samples/make_samples.py > /dev/null
.venv/bin/bulletin-ingest convert samples/*.txt samples/generated/*.* -o out "$@"
