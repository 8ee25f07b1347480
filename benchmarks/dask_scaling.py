"""Dask scaling: the corpus converted on a LocalCluster of 1 worker and of 2, one thread and
one OCR thread each, in one run, beside a local process pool of as many processes.

    python benchmarks/dask_scaling.py [--kinds scan300 digital ...]

Every input of the corpus (`samples/*.txt` and `samples/generated/`, rendered first where
missing) goes through `convert_many` with the cluster's executor and `shared_files=False`,
so the workers are sent each input's bytes and return records that this process writes, as
`convert --scheduler` does. The table gives wall seconds and the speed-up of 2 workers over 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from pathlib import Path

from distributed import Client, LocalCluster

from bulletin_ingest import IngestConfig, convert_many
from bulletin_ingest.batch import share_cores

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))


def corpus(kinds: list[str] | None) -> list[Path]:
    import make_samples  # type: ignore[import-not-found]

    generated = make_samples.ensure_generated()
    files = sorted((ROOT / "samples").glob("*.txt")) + sorted(
        p
        for p in generated.iterdir()
        if p.is_file() and not p.name.endswith(".json") and not p.name.startswith(".")
    )
    if kinds:
        files = [
            p
            for p in files
            if any(f".{kind}." in p.name or p.suffix == f".{kind}" for kind in kinds)
        ]
    return files


def timed(executor: Executor, files: list[Path], shared: bool, out: Path) -> tuple[float, int]:
    start = time.perf_counter()
    results = convert_many(
        files, out, "json", IngestConfig(), executor=executor, resume=False, shared_files=shared
    )
    seconds = time.perf_counter() - start
    for result in results:
        if result.status == "failed":
            print(f"failed: {result.error}", file=sys.stderr)
    return seconds, sum(r.status == "converted" for r in results)


def same_records(a: Path, b: Path) -> tuple[int, int]:
    """How many of the records in a are byte for byte those in b, of how many."""
    names = sorted(p.name for p in a.glob("*.json"))
    return sum((a / n).read_bytes() == (b / n).read_bytes() for n in names), len(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="*", help="only inputs of these kinds (scan300, tif, …)")
    args = parser.parse_args()
    files = corpus(args.kinds)
    os.environ["OMP_THREAD_LIMIT"] = "1"
    rows = []
    folder = Path(tempfile.mkdtemp())
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            out = folder / f"dask{workers}"
            seconds, done = timed(client.get_executor(), files, False, out)
        rows.append((f"Dask LocalCluster, {workers} worker(s)", workers, seconds, done))
        pool = ProcessPoolExecutor(workers, initializer=share_cores, initargs=(workers,))
        with pool:
            seconds, done = timed(pool, files, True, folder / f"pool{workers}")
        rows.append((f"process pool, {workers} process(es)", workers, seconds, done))
    same, total = same_records(folder / "dask2", folder / "pool2")
    print(f"{len(files)} inputs, {os.cpu_count()} cores; records of the 2-worker cluster the")
    print(f"same as the 2-process pool's, byte for byte: {same} of {total}\n")
    print("| executor | workers | seconds | converted | speed-up over 1 |")
    print("|---|---|---|---|---|")
    base = {name.split(",")[0]: seconds for name, w, seconds, _ in rows if w == 1}
    for name, workers, seconds, done in rows:
        ratio = base[name.split(",")[0]] / seconds
        print(f"| {name} | {workers} | {seconds:.1f} | {done} | {ratio:.2f}× |")


if __name__ == "__main__":
    main()
