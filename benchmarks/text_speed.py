"""Throughput of `fix_text` and text-mode `ingest_text` on ~1 MB of bulletin OCR text.

    python benchmarks/text_speed.py [--megabytes 1.0] [--repeat 3]

The text is the seed sample repeated, each copy with its numbers changed so that no two
copies are the same, with form feeds between copies. Prints MB/s (UTF-8 bytes of input per
second, best of --repeat runs).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bulletin_ingest import fix_text, ingest_text

SEED = Path(__file__).resolve().parent.parent / "samples" / "xinjing-bulletin-ocr.txt"


def corpus(megabytes: float) -> str:
    """About this many megabytes of bulletin text."""
    seed = SEED.read_text(encoding="utf-8")
    copies, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        copy = seed.replace("2022", str(1990 + n % 40)).replace("50 条", f"{n % 97} 条")
        copies.append(copy)
        size += len(copy.encode("utf-8"))
        n += 1
    return "\f".join(copies)


def best_seconds(function, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = corpus(args.megabytes)
    size = len(text.encode("utf-8")) / 1_000_000
    print(f"input: {size:.2f} MB of bulletin text, best of {args.repeat}")
    print(f"{'step':<24}{'seconds':>10}{'MB/s':>10}")
    for name, function in [("fix_text", fix_text), ("ingest_text (text mode)", ingest_text)]:
        seconds = best_seconds(function, text, args.repeat)
        print(f"{name:<24}{seconds:>10.2f}{size / seconds:>10.2f}")


if __name__ == "__main__":
    main()
