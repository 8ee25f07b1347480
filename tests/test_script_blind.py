"""The output's script never changes the structure: every input of the corpus is split into
the same articles, with the same heads, paragraphs and captions, whatever `--to` asks."""

from __future__ import annotations

import json

import pytest

from bulletin_ingest import Bulletin, IngestConfig, ingest
from bulletin_ingest.pipeline import bulletin_from_document

from .conftest import SAMPLES, SEED, TAPES, generated, replayed

GOLDS = {p.name.removesuffix(".gold.json"): p for p in (SAMPLES / "gold").glob("*.gold.json")}


def shape(bulletin: Bulletin) -> list[tuple]:
    """What the split decides: each article's heads present, its body blocks' roles and
    lengths, its captions' lengths."""
    return [
        (
            [bool(h) for h in (a.kicker, a.title, a.subtitle, a.byline)],
            [(b.role, len(b.text)) for b in a.body],
            [len(c.text) for c in a.captions],
        )
        for a in bulletin.articles
    ]


def script_of(name: str) -> str:
    stem = name.split(".")[0].removesuffix("-ocr")
    gold = next(p for n, p in GOLDS.items() if n.startswith(stem))
    return json.loads(gold.read_text(encoding="utf-8"))["script"]


def targets(name: str) -> list[str]:
    if script_of(name) == "traditional":
        return ["simplified"]
    return ["traditional", "taiwan", "hongkong"]


def read(name: str, config: IngestConfig) -> Bulletin:
    if name in TAPES:
        return bulletin_from_document(replayed(name), config)
    if name.endswith(".txt"):
        return ingest(SEED, config)
    return ingest(generated() / name, config)


INPUTS = [
    SEED.name,
    *TAPES,
    *(f"{name}.digital.pdf" for name in sorted(GOLDS) if name != "xinjing-bulletin-ocr"),
]


@pytest.mark.parametrize("name", INPUTS)
def test_the_output_script_never_changes_the_split(name: str) -> None:
    source = shape(read(name, IngestConfig()))
    for target in targets(name):
        assert shape(read(name, IngestConfig(target_script=target))) == source, target
