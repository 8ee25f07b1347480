#!/usr/bin/env bash
# Install everything from nothing, then convert every bulletin in samples/ into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
EXTRAS=${EXTRAS-rapidocr} scripts/setup.sh
.venv/bin/bulletin-ingest convert samples -o out "$@"
