"""Where `--engine tesseract`'s time goes, beside the raw engine on the same pages.

    OMP_THREAD_LIMIT=1 python benchmarks/engine_share.py [--kinds tif scan300] [--rounds 3]

For each kind of scanned input of the corpus, every file goes through the pipeline and through
the `tesseract` command (the raw side as `ocr_speed.py --raw cli` runs it: the page images as
stored, the language told), alternating for --rounds rounds in this one process, and the
round with the least CPU time counts for each side. The pipeline's CPU seconds are split
three ways: tesseract reading each page (the reading every page needs, which the raw command
does too), tesseract's second readings (heads, rows, doubted lines and glyphs read alone),
and the pipeline's own work (loading, straightening, regions, marks, layout, cleanup,
structure). The last column is the ratio the pipeline would reach with no second reading at
all: a floor for what dropping them could buy, measured, not estimated.

One process and one thread, so that every engine second is this process's own: the split
needs tesseract in the process (libtesseract), not the command line.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ocr_speed

from bulletin_ingest import IngestConfig, ingest
from bulletin_ingest.sources import libtesseract, tesseract


class EngineClock:
    """CPU seconds spent in tesseract's readings, those of whole pages apart."""

    def __init__(self) -> None:
        self.page = 0.0
        self.total = 0.0
        self._in_page_read = False

    def reading(self, read: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return read(*args, **kwargs)
            finally:
                spent = time.process_time() - start
                self.total += spent
                if self._in_page_read:
                    self.page += spent

        return timed

    def page_read(self, read: Callable[..., Any]) -> Callable[..., Any]:
        def marked(*args: Any, **kwargs: Any) -> Any:
            self._in_page_read = True
            try:
                return read(*args, **kwargs)
            finally:
                self._in_page_read = False

        return marked


def children_cpu() -> float:
    """CPU seconds of the child processes this process has waited for."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="tesseract's share of the pipeline's time")
    parser.add_argument("--kinds", nargs="*", default=["tif", "scan300"])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    if not libtesseract.available():
        parser.error("the split needs libtesseract in the process")
    clock = EngineClock()
    libtesseract.word_data = clock.reading(libtesseract.word_data)
    recognizer = tesseract.TesseractRecognizer
    recognizer._page_read = clock.page_read(recognizer._page_read)  # type: ignore[method-assign]
    recognizer._vertical_read = clock.page_read(recognizer._vertical_read)  # type: ignore[method-assign]
    config = IngestConfig(engine="tesseract")
    print(
        "| kind | pages | raw CPU s/page | pipeline CPU s/page | page readings | second "
        "readings | own work | ratio | ratio, no second reading |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, inputs in ocr_speed.inputs_by_kind().items():
        if kind not in args.kinds or not inputs:
            continue
        ingest(inputs[0][0], config)  # the models loaded outside the clock
        best: tuple[float, float, float] | None = None
        raw = float("inf")
        pages = 0
        for _ in range(args.rounds):
            clock.page = clock.total = 0.0
            start = time.process_time()
            pages = sum(ingest(path, config).source.page_count for path, _ in inputs)
            spent = time.process_time() - start
            if best is None or spent < best[0]:
                best = (spent, clock.page, clock.total - clock.page)
            start = children_cpu()
            for path, lang in inputs:
                ocr_speed.raw_cli_seconds(path, lang)
            raw = min(raw, children_cpu() - start)
        assert best is not None
        spent, page, second = best
        own = spent - page - second
        print(
            f"| {kind} | {pages} | {raw / pages:.2f} | {spent / pages:.2f} | {page / pages:.2f} "
            f"| {second / pages:.2f} | {own / pages:.2f} | {spent / raw:.2f}× "
            f"| {(spent - second) / raw:.2f}× |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
