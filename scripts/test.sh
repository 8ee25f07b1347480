#!/usr/bin/env bash
# Install everything from nothing, lint and type-check, convert with the wheel as a user
# installs it (no extras, a fresh venv), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/mypy
scripts/wheel-check.sh
.venv/bin/python -m pytest "$@"
