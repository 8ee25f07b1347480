"""Accuracy and speed on the whole corpus: the pipeline beside its baselines, one table.

    python benchmarks/accuracy.py [--jobs 2] [--only NAME] [--json FILE]
    python benchmarks/accuracy.py --zoo dev|test [--engine tesseract] [--kinds digital tif]
        [--zoo-seeds 161-400]

Rows, for every generated input of every layout gold (samples/make_samples.py renders them):

- `raw tesseract`: `pytesseract.image_to_string` on each page image (chi_sim or chi_tra by
  the gold's script, default settings), scored as plain text;
- `pdfplumber`: `extract_text()` on each page of the born-digital PDF, scored as plain text;
- `raw rapidocr` (with --raw-rapidocr): RapidOCR alone on each page image, its lines in its
  own order, scored as plain text: the baseline of the `auto` engine's speed;
- `pipeline`: `bulletin_ingest.ingest` on the file, scored in full (engine chosen by
  `--engine`, default the configured default).

With --zoo, the inputs are the layout zoo's bulletins of that split (samples/zoo.py renders
them; --zoo-seeds takes other seeds than the default 1-160, split by seed as those are),
and the tables add pooled totals per input kind and per feature of the layout (the failure
classes the zoo stands for: wrapped titles, masthead designs, running heads, captions by
position, narrow columns, …).

Plain text is scored by its CER against the gold's page text with all whitespace removed
("full-text CER"); the pipeline is also given that figure, from its record's text, so the
columns compare. Seconds per page are wall-clock per file divided by its pages, with --jobs
files at a time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))

import make_samples  # noqa: E402
import zoo  # noqa: E402

from bulletin_ingest import IngestConfig, ingest  # noqa: E402
from bulletin_ingest.errors import BulletinIngestError  # noqa: E402
from bulletin_ingest.evaluate import (  # noqa: E402
    Scores,
    load_gold,
    order_free_error,
    plain_text_cer,
    record_text,
    score,
    strip_whitespace,
    total,
)

SCANNED = ("scan300", "scan200", "photo", "tif")
LANGS = {"simplified": "chi_sim", "traditional": "chi_tra"}


@dataclass(frozen=True)
class Row:
    method: str
    input: str
    kind: str
    pages: int
    seconds: float
    full_text_cer: float | None
    metrics: dict | None = None
    error: str | None = None
    order_free: float | None = None
    scores: Scores | None = None
    features: tuple[str, ...] = ()


def variant_of(path: Path) -> str:
    return path.name.split(".")[-2] if path.suffix != ".tif" else "tif"


def page_images(path: Path):
    """The page images of a scanned input, at the resolution they were scanned."""
    from PIL import Image, ImageSequence

    if path.suffix == ".tif":
        with Image.open(path) as tiff:
            return [frame.convert("L") for frame in ImageSequence.Iterator(tiff)]
    import pypdfium2 as pdfium

    dpi = 200 if variant_of(path) == "scan200" else 300
    document = pdfium.PdfDocument(str(path))
    return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]


def raw_tesseract(path: Path, gold_path: Path) -> Row:
    import pytesseract

    gold = load_gold(gold_path)
    images = page_images(path)
    start = time.perf_counter()
    text = "\n".join(pytesseract.image_to_string(im, lang=LANGS[gold.script]) for im in images)
    seconds = time.perf_counter() - start
    return plain_row("raw tesseract", path, len(images), seconds, text, gold)


def plain_row(method: str, path: Path, pages: int, seconds: float, text: str, gold) -> Row:
    """A plain-text baseline's row: its text scored against the gold's page text."""
    return Row(
        method,
        path.name,
        variant_of(path),
        pages,
        seconds,
        plain_text_cer(gold, text),
        order_free=order_free_error(text, gold.page_text),
    )


def raw_rapidocr(path: Path, gold_path: Path) -> Row:
    """RapidOCR on each page image, its lines joined in the order it gives them."""
    import numpy as np

    from bulletin_ingest.sources.rapid import rapidocr_engine

    gold = load_gold(gold_path)
    images = page_images(path)
    engine = rapidocr_engine()
    start = time.perf_counter()
    texts = []
    for image in images:
        output = engine(np.asarray(image.convert("RGB")))
        texts.extend(str(text) for text in output.txts or ())
    seconds = time.perf_counter() - start
    return plain_row("raw rapidocr", path, len(images), seconds, "\n".join(texts), gold)


def pdfplumber_text(path: Path, gold_path: Path) -> Row:
    import pdfplumber

    gold = load_gold(gold_path)
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        pages = len(pdf.pages)
    seconds = time.perf_counter() - start
    return plain_row("pdfplumber", path, pages, seconds, text, gold)


def pipeline(path: Path, gold_path: Path, engine: str) -> Row:
    gold = load_gold(gold_path)
    start = time.perf_counter()
    try:
        bulletin = ingest(path, IngestConfig(engine=engine))
    except BulletinIngestError as e:
        return Row(f"pipeline ({engine})", path.name, variant_of(path), 0, 0.0, None, error=str(e))
    seconds = time.perf_counter() - start
    full = plain_text_cer_of_record(gold, bulletin)
    scores = score(gold, bulletin)
    return Row(
        f"pipeline ({engine})",
        path.name,
        variant_of(path),
        bulletin.source.page_count,
        seconds,
        full,
        scores.metrics(),
        order_free=order_free_error(record_text(bulletin), gold.page_text),
        scores=scores,
        features=tuple((gold.layout or {}).get("features", ())),
    )


def plain_text_cer_of_record(gold, bulletin) -> float:
    from bulletin_ingest.evaluate import cer, full_article_text

    gold_text = "\n".join(
        [*(t for t, _ in gold.boilerplate), *(full_article_text(a) for a in gold.articles)]
    )
    return cer(strip_whitespace(record_text(bulletin)), strip_whitespace(gold_text))


def jobs_for(
    names: list[str] | None,
    engine: str,
    baselines: bool,
    rapid: bool = False,
    zoo_split: str | None = None,
    kinds: list[str] | None = None,
    zoo_seeds: range | None = None,
):
    if zoo_split:
        generated = zoo.ensure_zoo(zoo_seeds)
        golds = zoo.zoo_golds(generated, zoo_split)
    else:
        generated = make_samples.ensure_generated()
        golds = make_samples.layout_golds()
    for gold_path in golds:
        name = gold_path.name.removesuffix(".gold.json")
        if names and name not in names:
            continue
        for path in sorted(generated.glob(f"{name}.*")):
            if path.name.endswith(".gold.json"):
                continue
            variant = variant_of(path)
            if kinds and variant not in kinds:
                continue
            if variant in SCANNED:
                if baselines:
                    yield raw_tesseract, (path, gold_path)
                if rapid:
                    yield raw_rapidocr, (path, gold_path)
                yield pipeline, (path, gold_path, engine)
            elif variant == "digital":
                if baselines:
                    yield pdfplumber_text, (path, gold_path)
                yield pipeline, (path, gold_path, engine)


def summary(rows: list[Row]) -> str:
    lines = [
        "| method | input | pages | s/page | full-text CER | order-free | body CER | titles "
        "| split F1 | captions out | bp leaked |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in sorted(rows, key=lambda r: (r.input, r.method)):
        if row.error:
            lines.append(
                f"| {row.method} | {row.input} | – | – | cannot read: {row.error} | | | | | |"
            )
            continue
        m = row.metrics or {}
        cells = [
            row.method,
            row.input,
            str(row.pages),
            f"{row.seconds / max(row.pages, 1):.2f}",
            f"{row.full_text_cer:.2%}" if row.full_text_cer is not None else "–",
            f"{row.order_free:.2%}" if row.order_free is not None else "–",
            f"{m['body_cer']:.2%}" if m else "–",
            f"{m['titles_found']:.0%}" if m else "–",
            f"{m['split_f1']:.3f}" if m else "–",
            f"{m['captions_kept_out']:.0%}" if m else "–",
            f"{m['boilerplate_leaked']:.0%}" if m else "–",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(by_kind(rows))
    return "\n".join(lines)


def by_kind(rows: list[Row]) -> str:
    """Totals per method and input kind: page-weighted CERs and seconds per page."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        if not row.error:
            groups.setdefault((row.method, row.kind), []).append(row)
    lines = [
        "| method | kind | pages | s/page | full-text CER | order-free | body CER (mean) "
        "| titles | split F1 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for (method, kind), group in sorted(groups.items(), key=lambda g: (g[0][1], g[0][0])):
        pages = sum(r.pages for r in group)
        seconds = sum(r.seconds for r in group)
        full = sum((r.full_text_cer or 0) * r.pages for r in group) / max(pages, 1)
        free = sum((r.order_free or 0) * r.pages for r in group) / max(pages, 1)
        body = _mean(group, "body_cer", "{:.2%}")
        titles = _mean(group, "titles_found", "{:.0%}")
        split = _mean(group, "split_f1", "{:.3f}")
        lines.append(
            f"| {method} | {kind} | {pages} | {seconds / max(pages, 1):.2f} | {full:.2%} "
            f"| {free:.2%} | {body} | {titles} | {split} |"
        )
    return "\n".join(lines)


POOLED_HEADER = (
    "| {what} | inputs | pages | s/page | body CER | titles | split F1 | captions out "
    "| bp leaked |\n|---|---|---|---|---|---|---|---|---|"
)


def pooled_line(label: str, group: list[Row]) -> str:
    """One row of totals over group: rates pooled over all their characters and items."""
    scored = [r.scores for r in group if r.scores is not None]
    m = total(scored).metrics()
    pages = sum(r.pages for r in group)
    seconds = sum(r.seconds for r in group)
    failed = sum(r.error is not None for r in group)
    inputs = f"{len(group)}" + (f" ({failed} failed)" if failed else "")
    return (
        f"| {label} | {inputs} | {pages} | {seconds / max(pages, 1):.2f} | {m['body_cer']:.2%} "
        f"| {m['titles_found']:.0%} | {m['split_f1']:.3f} | {m['captions_kept_out']:.0%} "
        f"| {m['boilerplate_leaked']:.1%} |"
    )


def zoo_summary(rows: list[Row]) -> str:
    """The zoo's tables: totals per method and kind, then per kind family and feature."""
    pipeline_rows = [r for r in rows if r.method.startswith("pipeline")]
    lines = [POOLED_HEADER.format(what="method, kind")]
    kinds = sorted({(r.method, r.kind) for r in pipeline_rows})
    for method, kind in kinds:
        group = [r for r in pipeline_rows if (r.method, r.kind) == (method, kind)]
        lines.append(pooled_line(f"{method}, {kind}", group))
    for family, members in (("born-digital", ("digital",)), ("scans", SCANNED)):
        family_rows = [r for r in pipeline_rows if r.kind in members]
        if not family_rows:
            continue
        lines += ["", f"By feature, {family}:", "", POOLED_HEADER.format(what="feature")]
        features = sorted({f for r in family_rows for f in r.features})
        for feature in features:
            lines.append(pooled_line(feature, [r for r in family_rows if feature in r.features]))
    plain = [r for r in rows if not r.method.startswith("pipeline") and not r.error]
    if plain:
        lines += ["", by_kind(plain)]
    return "\n".join(lines)


def _mean(group: list[Row], key: str, fmt: str) -> str:
    values = [r.metrics[key] for r in group if r.metrics]
    return fmt.format(sum(values) / len(values)) if values else "–"


def seed_range(text: str) -> range:
    """`161-400` as the seeds 161 to 400."""
    first, _, last = text.partition("-")
    return range(int(first), int(last) + 1)


def run(function, args):
    return function(*args)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Corpus accuracy: pipeline vs baselines.")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="gold names to run")
    parser.add_argument("--engine", default="auto")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument(
        "--raw-rapidocr", action="store_true", help="also run RapidOCR alone on each page image"
    )
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--zoo", choices=["dev", "test"], help="the layout zoo's split instead")
    parser.add_argument("--kinds", nargs="*", help="only these input kinds (digital, tif, …)")
    parser.add_argument(
        "--zoo-seeds", type=seed_range, help="the zoo's seeds, FIRST-LAST (default 1-160)"
    )
    args = parser.parse_args(argv)
    jobs = list(
        jobs_for(
            args.only,
            args.engine,
            not args.no_baselines,
            args.raw_rapidocr,
            args.zoo,
            args.kinds,
            args.zoo_seeds,
        )
    )
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(run, [f for f, _ in jobs], [a for _, a in jobs]))
    print(zoo_summary(rows) if args.zoo else summary(rows))
    if args.json:
        args.json.write_text(
            json.dumps(
                [{k: v for k, v in row.__dict__.items() if k != "scores"} for row in rows],
                indent=1,
                ensure_ascii=False,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
