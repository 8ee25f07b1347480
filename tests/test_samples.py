"""The regression corpus: each text sample's record must equal its gold, field by field."""

from __future__ import annotations

import json

import pytest

from bulletin_ingest import ingest

from .conftest import SAMPLES

TEXT_GOLDS = sorted(
    path
    for path in (SAMPLES / "gold").glob("*.gold.json")
    if "pages" not in json.loads(path.read_text("utf-8"))
)


@pytest.mark.parametrize("gold_path", TEXT_GOLDS, ids=lambda p: p.name)
def test_text_sample_matches_its_expected_record(gold_path) -> None:
    gold = json.loads(gold_path.read_text("utf-8"))
    record = ingest(SAMPLES / gold["source"]).to_dict()
    assert record["script"] == gold["script"]
    assert [{"text": b["text"], "role": b["role"]} for b in record["boilerplate"]] == gold[
        "boilerplate"
    ]
    predicted = [
        {
            "kicker": a["kicker"],
            "title": a["title"],
            "subtitle": a["subtitle"],
            "byline": a["byline"],
            "body": [{"role": b["role"], "text": b["text"]} for b in a["body"]],
            "captions": [c["text"] for c in a["captions"]],
            "dates": a["dates"],
        }
        for a in record["articles"]
    ]
    assert predicted == gold["articles"]
