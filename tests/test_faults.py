"""Fault test of the batch: a `convert` into an empty folder, or `convert --force` over a
whole one, killed at a random moment (SIGINT, SIGTERM or SIGKILL), then resumed, many times
over. After every kill each output present is whole and
the manifest names only whole outputs; after every resume each input has exactly one valid
output, and the manifest names every output. No worker outlives its batch."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from bulletin_ingest.batch import load_manifest

from .conftest import SEED, generated

KILLS = 12
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGKILL)


def inputs(folder: Path) -> list[Path]:
    """Forty text bulletins, each its own bytes, and eight born-digital PDFs."""
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    made = []
    for n in range(40):
        path = folder / f"bulletin-{n:02d}.txt"
        path.write_text(f"第{n}期\n\n{seed}", encoding="utf-8")
        made.append(path)
    for path in sorted((generated() / "zoo").glob("zoo-00[0-4]?.digital.pdf"))[:8]:
        copy = folder / path.name
        copy.write_bytes(path.read_bytes())
        made.append(copy)
    return made


def running(marker: str) -> list[int]:
    """The live processes whose command line holds marker (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_text().split()[2]
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and marker in command and state != "Z":
            found.append(int(entry.name))
    return found


def whole_outputs(out: Path) -> dict[str, dict]:
    """Every record in out, each of which must parse whole."""
    records = {}
    for path in out.glob("[!.]*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))  # a torn file fails here
        assert record["articles"], path
        records[path.name] = record
    return records


def test_a_batch_killed_at_random_moments_resumes_to_one_whole_output_per_input(
    tmp_path: Path,
) -> None:
    sources = inputs(tmp_path / "in")
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "bulletin_ingest",
        "convert",
        str(tmp_path / "in"),
        "-o",
        str(out),
        "-j",
        "2",
        "-q",
    ]
    started = time.perf_counter()
    first = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert first.returncode == 0, first.stdout + first.stderr
    run_time = time.perf_counter() - started
    chance = random.Random(20261130)
    for kill in range(KILLS):
        # Into an empty folder, or over a whole one with every output redone.
        if kill % 2 == 0:
            shutil.rmtree(out)
        again = [*command, "--force"] if kill % 2 else command
        batch = subprocess.Popen(again, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(0.2, run_time))
        batch.send_signal(chance.choice(SIGNALS))
        batch.wait(timeout=120)
        deadline = time.monotonic() + 10
        while running(str(out)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert running(str(out)) == [], "a worker outlived its killed batch"
        records = whole_outputs(out) if out.exists() else {}
        assert set(load_manifest(out) if out.exists() else {}) <= set(records)
        resumed = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
        assert resumed.returncode == 0, resumed.stdout + resumed.stderr
        records = whole_outputs(out)
        assert sorted(records) == sorted(f"{path.stem}.json" for path in sources)
        assert set(load_manifest(out)) == set(records)
