"""The command line: a thin `main(argv) -> int` over the public API. Errors become one-line
messages and exit codes here, and nowhere else."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .batch import FileResult, convert_many, default_executor, find_inputs
from .cleanup import fix_and_explain, fix_catalogue
from .config import ENGINES, TARGET_SCRIPTS, IngestConfig
from .errors import BulletinIngestError, InputFileError
from .evaluate import Gold, first_pages, format_table, load_gold, score, total
from .export import WRITERS, draw_page
from .model import Bulletin
from .pipeline import ingest
from .sources import page_picture
from .sources.text import decode_text

EXIT_SOME_FAILED = 1
"""Files failed for different reasons; each failure's own line says which."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bulletin-ingest",
        description="Scanned Chinese community bulletins in, clean article records out.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    convert = commands.add_parser("convert", help="convert files or folders of bulletins")
    convert.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders")
    convert.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    convert.add_argument("--format", choices=sorted(WRITERS), default="json")
    convert.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: one per core)",
    )
    convert.add_argument(
        "--force", action="store_true", help="convert again even where an up-to-date output exists"
    )
    _add_config_options(convert)

    fix = commands.add_parser("fix", help="repair OCR text (stdin to stdout without FILE)")
    fix.add_argument("file", nargs="?", type=Path, metavar="FILE")
    fix.add_argument(
        "--explain", action="store_true", help="also list on stderr which fixes changed what"
    )
    fix.add_argument("--list", action="store_true", help="list the fixes, with examples")
    _add_config_options(fix)

    evaluate = commands.add_parser("eval", help="score records against gold files")
    evaluate.add_argument("golds", nargs="+", type=Path, metavar="GOLD")
    evaluate.add_argument(
        "--pred",
        nargs="+",
        type=Path,
        required=True,
        metavar="OUTPUT",
        help="JSON records, paired with the golds in order, or folders "
        "in which NAME.json and NAME.*.json belong to gold NAME",
    )
    evaluate.add_argument("--json", action="store_true", help="print the metrics as JSON")

    show = commands.add_parser(
        "show", help="draw a page with the blocks read from it (role, reading order)"
    )
    show.add_argument("file", type=Path, metavar="FILE", help="a PDF or page image")
    show.add_argument("--page", type=int, default=1, help="page number, from 1 (default: 1)")
    show.add_argument("-o", "--output", required=True, type=Path, metavar="PNG")
    show.add_argument(
        "--record",
        type=Path,
        metavar="JSON",
        help="draw this record of FILE (from convert) instead of reading FILE again",
    )
    _add_config_options(show)
    return parser


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--script",
        choices=["auto", "simplified", "traditional"],
        default="auto",
        help="the source's script (default: detect)",
    )
    parser.add_argument(
        "--to",
        dest="target_script",
        choices=[t for t in TARGET_SCRIPTS if t],
        default=None,
        help="convert the text to this script",
    )
    parser.add_argument("--engine", choices=ENGINES, default="auto", help="OCR engine")


def config_from(args: argparse.Namespace) -> IngestConfig:
    return IngestConfig(script=args.script, target_script=args.target_script, engine=args.engine)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "convert":
            return run_convert(args)
        if args.command == "eval":
            return run_eval(args)
        if args.command == "show":
            return run_show(args)
        return run_fix(args)
    except BulletinIngestError as e:
        print(f"bulletin-ingest: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("bulletin-ingest: interrupted", file=sys.stderr)
        return 130


def run_convert(args: argparse.Namespace) -> int:
    config = config_from(args)
    inputs = find_inputs(args.inputs, args.output)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    executor = default_executor(max(args.jobs, 1), len(inputs))
    try:
        results = convert_many(
            inputs,
            args.output,
            args.format,
            config,
            executor=executor,
            resume=not args.force,
            progress=bar.update if bar else None,
        )
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
        if bar:
            bar.close()
    for result in results:
        print(summary_line(result))
    failed = [r for r in results if r.status == "failed"]
    converted = sum(r.status == "converted" for r in results)
    skipped = sum(r.status == "skipped" for r in results)
    unread = sum(bool(r.unread_pages) for r in results)
    noted = f" ({unread} with unread pages)" if unread else ""
    print(
        f"{converted} converted{noted}, {skipped} up to date, {len(failed)} failed -> {args.output}"
    )
    return failure_exit_code([r for r in results if r.exit_code])


def failure_exit_code(failed: Sequence[FileResult]) -> int:
    """0 when nothing failed; the failures' own code when they share one (a lone missing
    file exits like any input error; records with unread pages exit 6); else 1."""
    codes = {result.exit_code for result in failed}
    if not codes:
        return 0
    return codes.pop() if len(codes) == 1 else EXIT_SOME_FAILED


def summary_line(result: FileResult) -> str:
    """One line per file for the convert report."""
    if result.status == "failed":
        return f"FAILED  {result.error}"
    if result.status == "skipped":
        return f"up to date  {result.input} -> {result.output}"
    if result.unread_pages:
        pages = ", ".join(map(str, result.unread_pages))
        return (
            f"UNREAD  {result.input} -> {result.output}  ({result.articles} articles; "
            f"page {pages} not read: the record's warnings say why)"
        )
    return (
        f"ok  {result.input} -> {result.output}  "
        f"({result.articles} articles, {result.seconds:.2f}s)"
    )


def run_fix(args: argparse.Namespace) -> int:
    if args.list:
        for name, summary, before, after in fix_catalogue():
            print(f"{name}: {summary}\n    {before}\n    -> {after}")
        return 0
    if args.file is None:
        text = decode_text(sys.stdin.buffer.read(), "<stdin>")
    else:
        try:
            text = decode_text(args.file.read_bytes(), args.file)
        except OSError as e:
            raise InputFileError(args.file, e.strerror or str(e)) from e
    fixed, steps = fix_and_explain(text, config_from(args))
    sys.stdout.write(fixed)
    if args.explain:
        for step in steps:
            print(f"{step.name}: {step.changes}", file=sys.stderr)
    return 0


def run_eval(args: argparse.Namespace) -> int:
    pairs = pair_predictions([load_gold(path) for path in args.golds], args.pred)
    rows = []
    for gold, path in pairs:
        record = read_record(path)
        rows.append(score(first_pages(gold, record.source.page_count), record, path.stem))
    rows.append(total(rows))
    if args.json:
        print(json.dumps({row.name: row.metrics() for row in rows}, indent=1))
    else:
        print(format_table(rows))
    return 0


def pair_predictions(golds: Sequence[Gold], preds: Sequence[Path]) -> list[tuple[Gold, Path]]:
    """Records paired with golds: in order when files are given one per gold, else by name
    from the folders given."""
    if all(path.is_file() for path in preds):
        if len(preds) != len(golds):
            raise InputFileError(preds[0], f"{len(preds)} records for {len(golds)} golds")
        return list(zip(golds, preds, strict=True))
    records = sorted(p for folder in preds for p in folder.glob("*.json"))
    pairs = [
        (gold, record)
        for gold in golds
        for record in records
        if record.stem == gold.name or record.stem.startswith(f"{gold.name}.")
    ]
    if not pairs:
        raise InputFileError(preds[0], "holds no record named after any gold")
    return pairs


def run_show(args: argparse.Namespace) -> int:
    bulletin = read_record(args.record) if args.record else ingest(args.file, config_from(args))
    if args.page not in {page.number for page in bulletin.pages if page.width}:
        raise InputFileError(args.file, f"the record has no drawable page {args.page}")
    view = draw_page(bulletin, args.page, page_picture(args.file, args.page))
    try:
        view.save(args.output, format="PNG")
    except OSError as e:
        raise InputFileError(args.output, f"cannot be written ({e.strerror or e})") from e
    print(f"page {args.page} of {args.file} -> {args.output}")
    return 0


def read_record(path: Path) -> Bulletin:
    """A record written by `convert --format json`."""
    try:
        return Bulletin.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputFileError(path, f"not a bulletin-ingest JSON record ({e})") from e


class ProgressBar:
    """A one-line progress bar for a terminal."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width

    def update(self, done: int, total: int, result: FileResult) -> None:
        filled = int(self.width * done / max(total, 1))
        name = Path(result.input).name[:40]
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} {name:<40}"
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
