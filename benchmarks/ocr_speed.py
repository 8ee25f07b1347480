"""OCR speed: the pipeline against its raw engine, side by side on the same pages.

    OMP_THREAD_LIMIT=1 python benchmarks/ocr_speed.py [--engine tesseract|auto] [--rounds 2]
        [--kinds scan300 tif ...] [--given-script] [--raw cli]

For each kind of scanned input of the corpus (scan300, scan200, photo, tif), every file of
that kind goes through a pool of --jobs processes (both cores by default), once through the
pipeline (`ingest`, whole file: loading, OCR, layout, cleanup, structure) and once through
the raw engine alone on the same page images (`pytesseract.image_to_string` with the gold's
language, or RapidOCR for `--engine auto`). The two alternate for --rounds rounds and the
fastest round of each counts, so a slow moment of the machine falls on neither side. The
table gives seconds per page and the ratio pipeline / raw, by the wall clock and, for
`--engine tesseract`, in CPU seconds (the workers' own and their children's): on a shared
machine the wall clock of the same run moves by a quarter between runs, its CPU time less.

Raw runs get their page images ready-made, outside the clock (as in accuracy.py); the
pipeline's clock includes reading the file. `--raw cli` runs the raw side as a user at the
shell runs it at its fastest, file reading inside the clock: a PDF's page images taken out
as they are stored (`pdfimages -j`, no re-encoding; poppler-utils), each handed to the
`tesseract` command with the language told; a TIFF handed to `tesseract` whole.

Raw tesseract is told each file's language; the pipeline detects the script, unless
--given-script tells it too (`IngestConfig.script`), so that the cost of detection shows
apart.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy

from bulletin_ingest import IngestConfig, ingest


def raw_cli_seconds(path: Path, lang: str) -> tuple[int, float]:
    """Pages and seconds for the tesseract command on a file's stored page images."""
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        images = [path]
        if path.suffix != ".tif":
            subprocess.run(["pdfimages", "-j", str(path), f"{folder}/p"], check=True)
            images = sorted(Path(folder).iterdir())
        for image in images:
            subprocess.run(
                ["tesseract", str(image), "stdout", "-l", lang], check=True, capture_output=True
            )
    seconds = time.perf_counter() - start
    return len(accuracy.page_images(path)), seconds


def raw_seconds(path: Path, lang: str, engine: str) -> tuple[int, float]:
    """Pages and seconds for the raw engine on a file's page images."""
    images = accuracy.page_images(path)
    start = time.perf_counter()
    if engine == "auto":
        import numpy as np

        from bulletin_ingest.sources.rapid import rapidocr_engine

        rapid = rapidocr_engine()
        for image in images:
            rapid(np.asarray(image.convert("RGB")))
    else:
        import pytesseract

        for image in images:
            pytesseract.image_to_string(image, lang=lang)
    return len(images), time.perf_counter() - start


SCRIPT_OF_LANG = {"chi_sim": "simplified", "chi_tra": "traditional"}


def pipeline_seconds(path: Path, engine: str, script: str = "auto") -> tuple[int, float]:
    """Pages and seconds for the whole pipeline on a file."""
    start = time.perf_counter()
    bulletin = ingest(path, IngestConfig(engine=engine, script=script))
    return bulletin.source.page_count, time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU seconds this process and the children it waited for have used so far."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run(task: tuple) -> tuple[int, float, float]:
    """Pages, wall-clock seconds and CPU seconds of one task."""
    kind, *args = task
    start = cpu_seconds()
    if kind == "raw-cli":
        pages, seconds = raw_cli_seconds(*args)
    elif kind == "raw":
        pages, seconds = raw_seconds(*args)
    else:
        pages, seconds = pipeline_seconds(*args)
    return pages, seconds, cpu_seconds() - start


def inputs_by_kind() -> dict[str, list[tuple[Path, str]]]:
    """Scanned inputs of the corpus by kind, each with its tesseract language."""
    generated = accuracy.make_samples.ensure_generated()
    kinds: dict[str, list[tuple[Path, str]]] = {kind: [] for kind in accuracy.SCANNED}
    for gold_path in accuracy.make_samples.layout_golds():
        name = gold_path.name.removesuffix(".gold.json")
        lang = accuracy.LANGS[accuracy.load_gold(gold_path).script]
        for path in sorted(generated.glob(f"{name}.*")):
            kind = accuracy.variant_of(path)
            if kind in kinds:
                kinds[kind].append((path, lang))
    return kinds


def timed(pool: ProcessPoolExecutor, tasks: list[tuple]) -> tuple[int, float, float]:
    """Pages, wall-clock seconds and CPU seconds for a batch of tasks through the pool."""
    start = time.perf_counter()
    results = list(pool.map(run, tasks))
    pages = sum(pages for pages, _, _ in results)
    return pages, time.perf_counter() - start, sum(cpu for _, _, cpu in results)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="OCR speed: pipeline vs raw engine.")
    parser.add_argument("--engine", default="tesseract", choices=("tesseract", "auto"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--kinds", nargs="*", default=list(accuracy.SCANNED))
    parser.add_argument(
        "--given-script", action="store_true", help="tell the pipeline each file's script"
    )
    parser.add_argument(
        "--raw",
        choices=("python", "cli"),
        default="python",
        help="raw side through pytesseract on rendered pages, or the tesseract command "
        "on the images pdfimages takes out as stored",
    )
    args = parser.parse_args(argv)
    if args.raw == "cli" and (args.engine != "tesseract" or not shutil.which("pdfimages")):
        parser.error("--raw cli times the tesseract command and needs pdfimages (poppler-utils)")
    raw_name = "raw rapidocr" if args.engine == "auto" else f"raw tesseract ({args.raw})"
    print(
        f"| kind | pages | pipeline ({args.engine}) s/page | {raw_name} s/page | ratio "
        "| CPU s/page, pipeline / raw | CPU ratio |"
    )
    print("|---|---|---|---|---|---|---|")
    with ProcessPoolExecutor(args.jobs) as pool:
        for kind, inputs in inputs_by_kind().items():
            if kind not in args.kinds or not inputs:
                continue
            raw_tasks = [
                ("raw-cli", path, lang) if args.raw == "cli" else ("raw", path, lang, args.engine)
                for path, lang in inputs
            ]
            pipe_tasks = [
                (
                    "pipeline",
                    path,
                    args.engine,
                    SCRIPT_OF_LANG[lang] if args.given_script else "auto",
                )
                for path, lang in inputs
            ]
            raw_best = pipe_best = raw_cpu = pipe_cpu = float("inf")
            pages = 0
            for _ in range(args.rounds):
                pages, seconds, cpu = timed(pool, raw_tasks)
                raw_best, raw_cpu = min(raw_best, seconds), min(raw_cpu, cpu)
                _, seconds, cpu = timed(pool, pipe_tasks)
                pipe_best, pipe_cpu = min(pipe_best, seconds), min(pipe_cpu, cpu)
            # RapidOCR reads in a child process the pipeline keeps: its CPU is not counted.
            cpu_cells = (
                f"{pipe_cpu / pages:.2f} / {raw_cpu / pages:.2f} | {pipe_cpu / raw_cpu:.2f}×"
                if args.engine == "tesseract"
                else "– | –"
            )
            print(
                f"| {kind} | {pages} | {pipe_best / pages:.2f} | {raw_best / pages:.2f} "
                f"| {pipe_best / raw_best:.2f}× | {cpu_cells} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
