"""The command line: a thin `main(argv) -> int` over the public API. Errors become one-line
messages and exit codes here, and nowhere else."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import select
import signal
import sys
import tempfile
import threading
import tomllib
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import fields
from pathlib import Path
from typing import TextIO

from PIL import Image
from tqdm import tqdm

from ._version import __version__
from .batch import (
    FileResult,
    children,
    convert_many,
    default_executor,
    find_inputs,
    stop_workers,
    write_atomic,
)
from .cleanup import fix_and_explain, fix_catalogue
from .config import ENGINES, SCRIPTS, TARGET_SCRIPTS, IngestConfig
from .errors import BulletinIngestError, ConfigError, InputFileError, MissingDependencyError
from .evaluate import Gold, first_pages, format_table, load_gold, score, total
from .export import WRITERS, draw_page
from .model import Bulletin
from .pipeline import ingest, spilled
from .report import html_report
from .sources import page_picture
from .sources.text import decode_text

EXIT_SOME_FAILED = 1
"""Files failed for different reasons; each failure's own line says which."""

EXIT_PIPE_CLOSED = 141
"""The reader of standard output went away (`… | head`): the code a shell gives a program
that SIGPIPE ended."""

DEFAULTS = IngestConfig()


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="say more: -v what each file and page went through, -vv also what the PDF "
        "and OCR libraries report",
    )
    common.add_argument(
        "-q", "--quiet", action="store_true", help="print only failures and the summary"
    )
    parser = argparse.ArgumentParser(
        prog="bulletin-ingest",
        description="Scanned Chinese community bulletins in, clean article records out.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    convert = commands.add_parser(
        "convert",
        parents=[common],
        help="convert files or folders of bulletins",
        description="Convert files or folders of bulletins into records, a line per file as "
        "it finishes. A rerun skips what is up to date.",
    )
    convert.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files or folders (searched for .txt, .pdf and page images); - reads one "
        "input from standard input",
    )
    convert.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="OUTDIR",
        help="folder for the records; - writes them to standard output (the report then "
        "goes to standard error)",
    )
    convert.add_argument(
        "--format",
        choices=sorted(WRITERS),
        default="json",
        help="record format (default: %(default)s)",
    )
    convert.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: one per core, %(default)s here)",
    )
    convert.add_argument(
        "--force", action="store_true", help="convert again even where an up-to-date output exists"
    )
    convert.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask distributed cluster (tcp://host:8786; needs the [dask] extra): "
        "its workers are sent the inputs and return the records, written here",
    )
    _add_config_options(convert)

    fix = commands.add_parser(
        "fix", parents=[common], help="repair OCR text (stdin to stdout without FILE)"
    )
    fix.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="text file; - or none: stdin"
    )
    fix.add_argument(
        "--explain", action="store_true", help="also list on stderr which fixes changed what"
    )
    fix.add_argument("--list", action="store_true", help="list the fixes, with examples")
    _add_config_options(fix)

    evaluate = commands.add_parser(
        "eval", parents=[common], help="score records against gold files"
    )
    evaluate.add_argument("golds", nargs="+", type=Path, metavar="GOLD", help="gold files")
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
        "show",
        parents=[common],
        help="draw a page with the blocks read from it (role, reading order)",
    )
    show.add_argument("file", type=Path, metavar="FILE", help="a PDF or page image")
    show.add_argument("--page", type=int, default=1, help="page number, from 1 (default: 1)")
    show.add_argument(
        "-o", "--output", required=True, type=Path, metavar="PNG", help="image to write"
    )
    show.add_argument(
        "--record",
        type=Path,
        metavar="JSON",
        help="draw this record of FILE (from convert) instead of reading FILE again",
    )
    _add_config_options(show)

    report = commands.add_parser(
        "report",
        parents=[common],
        help="write one HTML page of records beside their page pictures, to check them",
    )
    report.add_argument(
        "records",
        nargs="+",
        type=Path,
        metavar="RECORD",
        help="JSON records written by convert, or folders of them",
    )
    report.add_argument(
        "-o", "--output", required=True, type=Path, metavar="HTML", help="the page to write"
    )
    return parser


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "reading options", "each overrides the same option of --config (see IngestConfig)"
    )
    group.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="a JSON or TOML file of IngestConfig options, such as ocr_dpi = 400",
    )
    group.add_argument(
        "--script",
        choices=SCRIPTS,
        help=f"the source's script; auto detects it (default: {DEFAULTS.script})",
    )
    group.add_argument(
        "--to",
        dest="target_script",
        choices=[t for t in TARGET_SCRIPTS if t],
        help="convert the text to this script (default: keep the source's)",
    )
    group.add_argument(
        "--engine",
        choices=ENGINES,
        help=f"OCR engine for pages without a usable text layer (default: {DEFAULTS.engine})",
    )
    group.add_argument(
        "--no-unify-script",
        dest="unify_script",
        action="store_const",
        const=False,
        help="keep stray characters of the other script (default: unify them)",
    )
    group.add_argument(
        "--keep-ocr-layer",
        dest="redo_ocr",
        action="store_const",
        const=False,
        help="keep the text an earlier OCR laid invisible under a PDF's scan "
        "(default: read the scan again)",
    )
    group.add_argument(
        "--ocr-dpi",
        type=int,
        metavar="DPI",
        help=f"resolution for OCR of PDF pages rendered (default: {DEFAULTS.ocr_dpi})",
    )
    group.add_argument(
        "--ocr-timeout",
        type=float,
        metavar="SECONDS",
        help=(
            f"time one page may take in OCR, more for a page larger than A4 at 300 DPI "
            f"(default: {DEFAULTS.ocr_timeout:g})"
        ),
    )
    group.add_argument(
        "--min-confidence",
        type=float,
        metavar="0-1",
        help="warn of pages whose mean OCR confidence is lower "
        f"(default: {DEFAULTS.min_confidence})",
    )
    group.add_argument(
        "--unread-confidence",
        type=float,
        metavar="0-1",
        help="report pages whose mean OCR confidence is lower as unread "
        f"(default: {DEFAULTS.unread_confidence})",
    )
    group.add_argument(
        "--title-min-chars",
        type=int,
        metavar="N",
        help="in plain text, a title-like line this long starts an article "
        f"(default: {DEFAULTS.title_min_chars})",
    )
    group.add_argument(
        "--max-page-pixels",
        type=int,
        metavar="N",
        help="read a page image larger than this at a lower resolution "
        f"(default: {DEFAULTS.max_page_pixels})",
    )
    group.add_argument(
        "--max-text-bytes",
        type=int,
        metavar="N",
        help=f"refuse text inputs larger than this (default: {DEFAULTS.max_text_bytes})",
    )
    group.add_argument(
        "--pages",
        type=page_range,
        metavar="FIRST-LAST",
        help="read only these pages: 2-3, 2- or 4 (default: all)",
    )


def page_range(text: str) -> tuple[int, int | None]:
    """`2-3`, `2-` or `4` as (first, last), last None for the end.

    >>> page_range("2-3"), page_range("2-"), page_range("4")
    ((2, 3), (2, None), (4, 4))
    """
    first, dash, last = text.partition("-")
    try:
        start = int(first)
        end = (int(last) if last else None) if dash else start
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a page range: {text!r} (try 2-3)") from None
    return start, end


def config_from(args: argparse.Namespace) -> IngestConfig:
    """The options of --config, overridden by those given on the command line."""
    options = dict(read_config_file(args.config)) if args.config else {}
    given = vars(args)
    options.update(
        {
            f.name: given[f.name]
            for f in fields(IngestConfig)
            if given.get(f.name) is not None  # options of the same name as the config's
        }
    )
    if args.pages is not None:
        options["first_page"], options["last_page"] = args.pages
    return IngestConfig.from_mapping(options)


def read_config_file(path: Path) -> dict[str, object]:
    """A config file's options: JSON for a .json file, else TOML."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else tomllib.loads(text)
    except OSError as e:
        raise ConfigError(f"config file {path}: cannot be read ({e.strerror or e})") from e
    except (ValueError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"config file {path}: not valid JSON or TOML ({e})") from e
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path}: must hold a table of options")
    return data


def setup_logging(verbose: int, quiet: bool) -> None:
    """The package's log messages on stderr at the level asked for; the PDF library's
    notes on every oddity of a file's syntax only with -vv."""
    level = (
        logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("bulletin-ingest: %(levelname)s: %(message)s"))
    logger = logging.getLogger("bulletin_ingest")
    logger.handlers = [handler]
    logger.setLevel(level)
    logger.propagate = False
    logging.getLogger("pdfminer").setLevel(logging.DEBUG if verbose >= 2 else logging.ERROR)


class Terminated(KeyboardInterrupt):
    """SIGTERM, met as an interrupt so that the batch stops its workers and keeps what it
    has written and recorded."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


EXIT_TERMINATED = 143
"""Ended by SIGTERM: the code a shell gives a program that signal ended."""


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose, args.quiet)
    if threading.current_thread() is not threading.main_thread():
        return run(args)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return run(args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args: argparse.Namespace) -> int:
    """The command args name, its errors turned into messages and exit codes."""
    try:
        if args.command == "convert":
            return run_convert(args)
        if args.command == "eval":
            return run_eval(args)
        if args.command == "show":
            return run_show(args)
        if args.command == "report":
            return run_report(args)
        return run_fix(args)
    except BulletinIngestError as e:
        print(f"bulletin-ingest: error: {e}", file=sys.stderr)
        return e.exit_code
    except Terminated:
        print("bulletin-ingest: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("bulletin-ingest: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        if not reader_gone(sys.stdout):
            raise
        # Output that cannot be written at exit would raise again: send it nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE_CLOSED


def reader_gone(stream: TextIO) -> bool:
    """Whether the pipe a stream writes into has lost its reader (`… | head` ended), not
    some other connection (a cluster's) that broke."""
    try:
        poller = select.poll()
        poller.register(stream.fileno(), 0)
        return any(event & select.POLLERR for _, event in poller.poll(0))
    except (OSError, ValueError, AttributeError):
        return False


def run_convert(args: argparse.Namespace) -> int:
    config = config_from(args)
    with contextlib.ExitStack() as stack:
        to_stdout = str(args.output) == "-"
        outdir = (
            Path(stack.enter_context(tempfile.TemporaryDirectory())) if to_stdout else args.output
        )
        report = sys.stderr if to_stdout else sys.stdout
        names: dict[str, str] = {}
        paths: list[str | Path] = []
        for given in args.inputs:
            if given == "-":
                folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
                path = spilled(sys.stdin.buffer.read(), folder)
                names[str(path)] = "-"
                paths.append(path)
            else:
                paths.append(given)
        inputs = find_inputs(paths, outdir)
        bar = tqdm(
            total=len(inputs),
            unit="file",
            file=sys.stderr,
            disable=args.quiet or not sys.stderr.isatty(),
            dynamic_ncols=True,
        )

        def progress(done: int, total: int, result: FileResult) -> None:
            if result.status == "failed" or result.unread_pages or not args.quiet:
                line = summary_line(result)
                for path, name in names.items():
                    line = line.replace(path, name)
                bar.write(line, file=report)
                report.flush()
            bar.update(1)

        earlier = children()
        if args.scheduler:
            executor: Executor | None = stack.enter_context(cluster_executor(args.scheduler))
        else:
            executor = default_executor(max(args.jobs, 1), len(inputs))
        try:
            results = convert_many(
                inputs,
                outdir,
                args.format,
                config,
                executor=executor,
                resume=not args.force and not to_stdout,
                progress=progress,
                shared_files=not args.scheduler,
            )
        except BaseException:
            if executor is not None and not args.scheduler:
                stop_workers(earlier)
            raise
        finally:
            if executor is not None and not args.scheduler:
                executor.shutdown(cancel_futures=True)
            bar.close()
        if to_stdout:
            for result in results:
                if result.output:
                    sys.stdout.write(Path(result.output).read_text(encoding="utf-8"))
            sys.stdout.flush()
    failed = [r for r in results if r.status == "failed"]
    converted = sum(r.status == "converted" for r in results)
    skipped = sum(r.status == "skipped" for r in results)
    unread = sum(bool(r.unread_pages) for r in results)
    noted = f" ({unread} with unread pages)" if unread else ""
    where = "standard output" if to_stdout else args.output
    print(
        f"{converted} converted{noted}, {skipped} up to date, {len(failed)} failed -> {where}",
        file=report,
    )
    return failure_exit_code([r for r in results if r.exit_code])


@contextlib.contextmanager
def cluster_executor(address: str) -> Iterator[Executor]:
    """An executor on the Dask cluster whose scheduler is at address."""
    try:
        from distributed import Client
    except ImportError:
        raise MissingDependencyError(
            "--scheduler needs Dask distributed: pip install 'bulletin-ingest[dask]'"
        ) from None
    try:
        client = Client(address, timeout=CLUSTER_TIMEOUT)
    except (OSError, TimeoutError) as e:
        raise ConfigError(f"no Dask scheduler answers at {address} ({e})") from None
    with client:
        yield client.get_executor()


CLUSTER_TIMEOUT = "20s"
"""How long to wait for a cluster's scheduler to answer before saying none does."""


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
    if args.file is None or str(args.file) == "-":
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


def run_report(args: argparse.Namespace) -> int:
    paths = [
        record
        for given in args.records
        for record in (
            sorted(p for p in given.glob("*.json") if not p.name.startswith("."))
            if given.is_dir()
            else [given]
        )
    ]
    if not paths:
        raise InputFileError(args.records[0], "holds no JSON record")
    records = [read_record(path) for path in paths]
    page = html_report(records, source_picture)
    try:
        write_atomic(args.output, page)
    except OSError as e:
        raise InputFileError(args.output, f"cannot be written ({e.strerror or e})") from e
    print(f"{len(records)} records -> {args.output}")
    return 0


def source_picture(record: Bulletin, number: int) -> Image.Image | None:
    """Page `number` of the file a record was read from, where that file is at hand."""
    path = Path(record.source.path)
    if record.source.kind == "text" or not path.is_file():
        return None
    try:
        return page_picture(path, number)
    except BulletinIngestError:
        return None


def read_record(path: Path) -> Bulletin:
    """A record written by `convert --format json`."""
    try:
        return Bulletin.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise InputFileError(path, f"not a bulletin-ingest JSON record ({e})") from e
