"""The regression gate: every gated input of the corpus must meet its pinned floors
(samples/floors.json), and a floor may be lowered only with a reason written there."""

from __future__ import annotations

import json
import subprocess

import pytest

from bulletin_ingest import IngestConfig, ingest
from bulletin_ingest.evaluate import load_gold, score
from bulletin_ingest.pipeline import bulletin_from_document
from bulletin_ingest.sources.ocr import RecordedRecognizer

from .conftest import ROOT, SAMPLES, generated

FLOORS_PATH = SAMPLES / "floors.json"
FLOORS = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))
DATA = ROOT / "tests" / "data"


def metrics_for(name: str, gate: dict) -> dict[str, float]:
    """Run the pipeline on a gated input and score it against its gold."""
    gold = load_gold(SAMPLES / "gold" / f"{gate['gold']}.gold.json", gate.get("pages"))
    config = IngestConfig(**gate.get("config", {}))
    if name.startswith("recorded/"):
        recording = DATA / f"{name.removeprefix('recorded/')}.json"
        document = RecordedRecognizer(recording).document(name)
        bulletin = bulletin_from_document(document, config)
    elif name.startswith("generated/"):
        bulletin = ingest(generated() / name.removeprefix("generated/"), config)
    else:
        bulletin = ingest(SAMPLES / name, config)
    return score(gold, bulletin).metrics()


def check(actual: float, bound: dict[str, float]) -> bool:
    return ("max" not in bound or actual <= bound["max"]) and (
        "min" not in bound or actual >= bound["min"]
    )


@pytest.mark.parametrize("name", sorted(FLOORS["gates"]))
def test_gated_input_meets_its_floors(name: str) -> None:
    gate = FLOORS["gates"][name]
    metrics = metrics_for(name, gate)
    failed = {
        metric: (metrics[metric], bound)
        for metric, bound in gate["floors"].items()
        if not check(metrics[metric], bound)
    }
    assert not failed, f"{name} fell below its floors: {failed}"


def loosened(old: dict, new: dict) -> list[tuple[str, str]]:
    """(gate, metric) pairs whose bound the new floors loosen or drop."""
    found = []
    for name, gate in old.get("gates", {}).items():
        for metric, bound in gate["floors"].items():
            now = new.get("gates", {}).get(name, {}).get("floors", {}).get(metric)
            if (
                now is None
                or ("max" in bound and now.get("max", float("inf")) > bound["max"])
                or ("min" in bound and now.get("min", float("-inf")) < bound["min"])
            ):
                found.append((name, metric))
    return found


def previous_floors() -> dict | None:
    """The floors as the commit before the last change to them had them."""
    relative = FLOORS_PATH.relative_to(ROOT).as_posix()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout

    try:
        commits = git("log", "--format=%H", "--", relative).split()
        committed = git("show", f"HEAD:{relative}") if commits else ""
    except (OSError, subprocess.CalledProcessError):
        return None
    working = FLOORS_PATH.read_text(encoding="utf-8")
    if committed and committed != working:
        return json.loads(committed)
    if len(commits) < 2:
        return None
    return json.loads(git("show", f"{commits[1]}:{relative}"))


def test_floors_are_lowered_only_with_a_reason() -> None:
    old = previous_floors()
    if old is None:
        pytest.skip("no earlier version of the floors to compare with")
    reasons = {(r["gate"], r["metric"]) for r in FLOORS.get("lowered", []) if r.get("reason")}
    silent = [pair for pair in loosened(old, FLOORS) if pair not in reasons]
    assert not silent, f"floors lowered without a reason in samples/floors.json: {silent}"


def test_loosened_finds_lowered_and_dropped_bounds() -> None:
    old = {"gates": {"a": {"floors": {"body_cer": {"max": 0.01}, "split_f1": {"min": 0.9}}}}}
    new = {"gates": {"a": {"floors": {"body_cer": {"max": 0.02}}}}}
    assert loosened(old, new) == [("a", "body_cer"), ("a", "split_f1")]
    assert loosened(old, old) == []
