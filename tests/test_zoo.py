"""The layout zoo's generator: deterministic, every page fits, and the gold it derives is
what the renderer draws."""

from __future__ import annotations

import sys
from collections import Counter

import pdfplumber

from bulletin_ingest.chars import han_chars
from bulletin_ingest.evaluate import load_gold

from .conftest import SAMPLES

sys.path.insert(0, str(SAMPLES))

import zoo


def test_a_seed_always_makes_the_same_bulletin() -> None:
    assert zoo.zoo_gold(4) == zoo.zoo_gold(4)
    assert zoo.zoo_gold(4) != zoo.zoo_gold(5)


def test_a_third_of_the_seeds_are_held_out() -> None:
    splits = [zoo.split_of(seed) for seed in range(1, 301)]
    assert splits.count("test") == 100


def test_the_born_digital_render_draws_exactly_the_gold(tmp_path) -> None:
    seed = 15  # side-by-side sections, a figure with its caption beside it, a boxed masthead
    gold_path, *renders = zoo.write_zoo(seed, tmp_path)
    gold = load_gold(gold_path)
    digital = next(p for p in renders if p.name.endswith(".digital.pdf"))
    with pdfplumber.open(digital) as pdf:
        assert len(pdf.pages) == len(gold.layout["pages"])
        drawn = "".join(page.extract_text() for page in pdf.pages)
    numbers = "".join(page.get("page_number", "") for page in gold.layout["pages"])
    assert Counter(han_chars(drawn)) == Counter(han_chars(gold.page_text + numbers))
    assert {"side-by-side", "figure-caption-beside"} <= set(gold.layout["features"])
