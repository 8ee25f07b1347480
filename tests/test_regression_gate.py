"""The regression gate: every gated input of the corpus must meet its pinned floors
(samples/floors.json), and a floor may be lowered only with a reason written there."""

from __future__ import annotations

import json
import subprocess

import pytest

from bulletin_ingest import IngestConfig, ingest
from bulletin_ingest.evaluate import load_gold, score
from bulletin_ingest.pipeline import bulletin_from_document

from .conftest import ROOT, SAMPLES, generated, replayed

FLOORS_PATH = SAMPLES / "floors.json"
FLOORS = json.loads(FLOORS_PATH.read_text(encoding="utf-8"))


def metrics_for(name: str, gate: dict) -> dict[str, float]:
    """Run the pipeline on a gated input and score it against its gold."""
    gold = load_gold(SAMPLES / "gold" / f"{gate['gold']}.gold.json", gate.get("pages"))
    config = IngestConfig(**gate.get("config", {}))
    if name.startswith("recorded/"):
        bulletin = bulletin_from_document(replayed(name.removeprefix("recorded/")), config)
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


def git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    ).stdout


def previous_floors() -> dict | None:
    """The floors as the commit before the last change to them had them; None where the
    floors have no earlier version. A shallow clone is deepened to find it; where it
    cannot be, the check fails: a gate that skips without history can be loosened unseen."""
    relative = FLOORS_PATH.relative_to(ROOT).as_posix()
    commits = git("log", "--format=%H", "--", relative).split()
    if len(commits) < 2 and git("rev-parse", "--is-shallow-repository").strip() == "true":
        try:
            git("fetch", "--quiet", "--unshallow")
        except (OSError, subprocess.SubprocessError) as e:
            pytest.fail(
                "a shallow clone without the history of samples/floors.json, which the "
                f"regression gate compares with, and it cannot be fetched: {e}"
            )
        commits = git("log", "--format=%H", "--", relative).split()
    committed = git("show", f"HEAD:{relative}") if commits else ""
    working = FLOORS_PATH.read_text(encoding="utf-8")
    if committed and committed != working:
        return json.loads(committed)
    if len(commits) < 2:
        return None
    return json.loads(git("show", f"{commits[1]}:{relative}"))


def bound_value(floors: dict, gate: str, metric: str) -> float | None:
    bound = floors.get("gates", {}).get(gate, {}).get("floors", {}).get(metric)
    return None if bound is None else next(iter(bound.values()))


def unexplained(old: dict, new: dict) -> list[tuple[str, str]]:
    """Loosened (gate, metric) pairs that no entry of new's `lowered` explains: an entry
    must give a reason and the very bounds, from the old one to the new one (null for a
    bound dropped), so that an old reason cannot cover a new loosening."""
    explained = {
        (r["gate"], r["metric"], r.get("from"), r.get("to"))
        for r in new.get("lowered", [])
        if r.get("reason")
    }
    return [
        (gate, metric)
        for gate, metric in loosened(old, new)
        if (gate, metric, bound_value(old, gate, metric), bound_value(new, gate, metric))
        not in explained
    ]


def test_floors_are_lowered_only_with_a_reason() -> None:
    old = previous_floors()
    assert old is not None, "samples/floors.json has no earlier version to compare with"
    silent = unexplained(old, FLOORS)
    assert not silent, f"floors lowered without a reason in samples/floors.json: {silent}"


def test_a_reason_covers_only_the_bounds_it_names() -> None:
    old = {"gates": {"a": {"floors": {"body_cer": {"max": 0.0227}, "split_f1": {"min": 0.9}}}}}
    reason = {"gate": "a", "metric": "body_cer", "from": 0.0227, "to": 0.03, "reason": "why"}
    new = {
        "gates": {"a": {"floors": {"body_cer": {"max": 0.03}, "split_f1": {"min": 0.9}}}},
        "lowered": [reason],
    }
    assert unexplained(old, new) == []
    new["gates"]["a"]["floors"]["body_cer"] = {"max": 0.5}
    assert unexplained(old, new) == [("a", "body_cer")]
    new["gates"]["a"]["floors"] = {"body_cer": {"max": 0.03}, "split_f1": {"min": 0.0}}
    assert unexplained(old, new) == [("a", "split_f1")]


def test_loosened_finds_lowered_and_dropped_bounds() -> None:
    old = {"gates": {"a": {"floors": {"body_cer": {"max": 0.01}, "split_f1": {"min": 0.9}}}}}
    new = {"gates": {"a": {"floors": {"body_cer": {"max": 0.02}}}}}
    assert loosened(old, new) == [("a", "body_cer"), ("a", "split_f1")]
    assert loosened(old, old) == []
