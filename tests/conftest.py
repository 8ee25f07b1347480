from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "xinjing-bulletin-ocr.txt"


@pytest.fixture(scope="session")
def seed_bulletin():
    from bulletin_ingest import ingest

    return ingest(SEED)
