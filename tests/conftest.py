from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "xinjing-bulletin-ocr.txt"


@pytest.fixture(scope="session")
def seed_bulletin():
    from bulletin_ingest import ingest

    return ingest(SEED)


@cache
def generated() -> Path:
    """The corpus's rendered scans and PDFs, rendered first where they are missing or stale."""
    sys.path.insert(0, str(SAMPLES))
    import make_samples  # type: ignore[import-not-found]

    return make_samples.ensure_generated()
