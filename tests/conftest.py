from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = SAMPLES / "xinjing-bulletin-ocr.txt"
DATA = ROOT / "tests" / "data"
TAPES = sorted(p.name.removesuffix(".tape.json.gz") for p in DATA.glob("*.tape.json.gz"))
"""The recorded scans: NAME.RENDER.ENGINE, taped at tests/data/NAME.RENDER.ENGINE.tape.json.gz."""


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


@cache
def replayed(taped: str):
    """The Document of a corpus scan (`TAPES`) read through its tape: every step of the
    reading runs, but the OCR engine, whose recorded output answers each call."""
    from bulletin_ingest import IngestConfig
    from bulletin_ingest.sources import read_document
    from bulletin_ingest.sources.tape import replaying

    stem, engine = taped.rsplit(".", 1)
    with replaying(DATA / f"{taped}.tape.json.gz"):
        return read_document(generated() / f"{stem}.pdf", IngestConfig(engine=engine))
