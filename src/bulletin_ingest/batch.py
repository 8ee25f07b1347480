"""Many files: parallel on any `concurrent.futures.Executor`, with progress, resume and
atomic writes; one failing file never stops the rest."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image

from ._version import __version__
from .config import IngestConfig
from .errors import UNREAD_PAGES_EXIT, BulletinIngestError, ConfigError, InputFileError
from .export import WRITERS
from .model import Bulletin
from .pipeline import Source, ingest, source_name
from .sources import INPUT_SUFFIXES

_UMASK = os.umask(0o022)
os.umask(_UMASK)

MANIFEST_NAME = ".bulletin-ingest-manifest.json"
"""Kept in the output folder: which input, config and version made each output, so that a
rerun skips what is already done and redoes what changed."""


@dataclass(frozen=True)
class FileResult:
    """What happened to one input file."""

    input: str
    output: str | None
    status: str  # converted | skipped | failed
    articles: int = 0
    seconds: float = 0.0
    error: str | None = None
    exit_code: int = 0
    unread_pages: tuple[int, ...] = ()


@dataclass(frozen=True)
class Job:
    """One file to convert, with where its output goes."""

    input: Path
    output: Path
    fmt: str
    config: IngestConfig


def find_inputs(paths: Iterable[str | Path], outdir: Path | None = None) -> list[Path]:
    """The files to convert: files as given, folders searched for supported inputs.
    A path that does not exist, or a folder with nothing to convert, is kept, so that its
    failure is reported with the rest and the other inputs are still converted.
    Files under outdir are never searched out: an output folder inside the input tree would
    otherwise be read back as input on the next run."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            inside = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in INPUT_SUFFIXES
                and not p.name.startswith(".")
                and not (outdir is not None and _is_within(p, outdir))
            )
            found.extend(inside or [path])
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _is_within(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def output_paths(inputs: Sequence[Path], outdir: Path, fmt: str) -> list[Path]:
    """`OUTDIR/<stem>.<fmt>` for each input; inputs that share a stem keep their suffix in
    the name, and a number where even that is shared."""
    stems = [p.stem for p in inputs]
    taken: set[str] = set()
    outputs = []
    for path, stem in zip(inputs, stems, strict=True):
        name = stem if stems.count(stem) == 1 else f"{stem}{path.suffix}"
        candidate, n = name, 2
        while candidate in taken:
            candidate, n = f"{name}-{n}", n + 1
        taken.add(candidate)
        outputs.append(outdir / f"{candidate}.{fmt}")
    return outputs


def convert_one(job: Job) -> FileResult:
    """Convert one file and write its output atomically; errors become a failed result."""
    start = time.perf_counter()
    try:
        if job.input.is_dir():
            raise InputFileError(job.input, "folder holds no supported input files")
        bulletin = ingest(job.input, job.config)
        write_atomic(job.output, WRITERS[job.fmt](bulletin))
    except BulletinIngestError as e:
        return _failed(job, str(e), e.exit_code, start)
    except Exception as e:
        return _failed(job, f"{job.input}: internal error: {type(e).__name__}: {e}", 1, start)
    return FileResult(
        str(job.input),
        str(job.output),
        "converted",
        len(bulletin.articles),
        round(time.perf_counter() - start, 3),
        exit_code=UNREAD_PAGES_EXIT if bulletin.unread_pages else 0,
        unread_pages=bulletin.unread_pages,
    )


def _failed(job: Job, message: str, code: int, start: float) -> FileResult:
    seconds = round(time.perf_counter() - start, 3)
    return FileResult(str(job.input), None, "failed", 0, seconds, message, code)


def write_atomic(path: Path, text: str) -> None:
    """Write text so that path holds either its old content or all of the new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, 0o666 & ~_UMASK)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def job_key(job: Job) -> str:
    """What an output depends on: the input's bytes, the config, the format, the version."""
    digest = hashlib.sha256(job.input.read_bytes()).hexdigest()
    config = json.dumps(asdict(job.config), sort_keys=True)
    return f"{digest}:{job.fmt}:{__version__}:{hashlib.sha256(config.encode()).hexdigest()}"


def load_manifest(outdir: Path) -> dict[str, str]:
    """The manifest of an output folder (empty when there is none or it is unreadable)."""
    try:
        data = json.loads((outdir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def ensure_output_folder(outdir: Path) -> None:
    """Make the output folder, or say why it cannot be one, before any input is read: a
    file in its place or a folder that cannot be written fails every output alike."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise ConfigError(f"output folder {outdir}: a file stands in its place") from None
    except OSError as e:
        raise ConfigError(f"output folder {outdir}: cannot be made ({e.strerror})") from None
    if not os.access(outdir, os.W_OK | os.X_OK):
        raise ConfigError(f"output folder {outdir}: cannot be written (permission denied)")


def convert_many(
    inputs: Sequence[Path],
    outdir: Path,
    fmt: str = "json",
    config: IngestConfig | None = None,
    *,
    executor: Executor | None = None,
    resume: bool = True,
    progress: Callable[[int, int, FileResult], None] | None = None,
) -> list[FileResult]:
    """Convert every input into outdir, in parallel when an executor is given; results come
    back in input order. With resume, outputs already made from the same input, config and
    version are skipped."""
    config = config or IngestConfig()
    ensure_output_folder(outdir)
    jobs = [
        Job(path, output, fmt, config)
        for path, output in zip(inputs, output_paths(inputs, outdir, fmt), strict=True)
    ]
    manifest = load_manifest(outdir) if resume else {}
    results: dict[int, FileResult] = {}
    keys: dict[int, str] = {}
    pending: list[int] = []
    sources = {path.resolve() for path in inputs}
    for index, job in enumerate(jobs):
        keys[index] = _key_or_empty(job)
        if job.output.resolve() in sources:
            error = InputFileError(job.input, f"its output {job.output} would overwrite an input")
            results[index] = _failed(job, str(error), error.exit_code, time.perf_counter())
        elif (
            resume
            and keys[index]
            and job.output.exists()
            and (manifest.get(job.output.name) == keys[index])
        ):
            results[index] = FileResult(str(job.input), str(job.output), "skipped")
        else:
            pending.append(index)

    def finish(index: int, result: FileResult) -> None:
        results[index] = result
        if result.status == "converted" and keys[index]:
            manifest[jobs[index].output.name] = keys[index]
            write_atomic(outdir / MANIFEST_NAME, json.dumps(manifest, indent=1, sort_keys=True))
        if progress:
            progress(len(results), len(jobs), result)

    for done, index in enumerate(sorted(results), start=1):
        if progress:
            progress(done, len(jobs), results[index])
    if executor is None:
        for index in pending:
            finish(index, convert_one(jobs[index]))
    else:
        futures: dict[Future[FileResult], int] = {
            executor.submit(convert_one, jobs[index]): index for index in pending
        }
        for future in as_completed(futures):
            finish(futures[future], future.result())
    return [results[index] for index in range(len(jobs))]


def _key_or_empty(job: Job) -> str:
    try:
        return job_key(job)
    except OSError:
        return ""


def ingest_many(
    sources: Iterable[Source],
    config: IngestConfig | None = None,
    *,
    executor: Executor | None = None,
) -> Iterator[tuple[Source, Bulletin | BulletinIngestError]]:
    """Each source's `Bulletin`, or the typed error that stopped it, as each finishes: in
    order in this process, else in the order the executor's workers finish them. One bad
    input never stops the rest. File objects are read here first, so that any executor
    (a process pool, a Dask client's) can take their bytes."""
    config = config or IngestConfig()
    items = [_portable(source) for source in sources]
    if executor is None:
        for source, portable in items:
            yield source, ingest_or_error(portable, config)
        return
    futures = {
        executor.submit(ingest_or_error, portable, config): source for source, portable in items
    }
    for future in as_completed(futures):
        yield futures[future], future.result()


def _portable(source: Source) -> tuple[Source, Source]:
    if isinstance(source, str | os.PathLike | bytes | Image.Image):
        return source, source
    return source, source.read()


def ingest_or_error(source: Source, config: IngestConfig) -> Bulletin | BulletinIngestError:
    """`ingest`, its errors returned rather than raised; an unexpected one (a bug) becomes
    an error naming the input, so that it travels back from a worker like the others."""
    try:
        return ingest(source, config)
    except BulletinIngestError as e:
        return e
    except Exception as e:
        name = str(source) if isinstance(source, str | os.PathLike) else source_name(source)
        return BulletinIngestError(f"{name}: internal error: {type(e).__name__}: {e}")


def default_executor(jobs: int, files: int) -> Executor | None:
    """A process pool when more than one worker and file, each worker's OCR on its share of
    the cores (`share_cores`); None means in this process."""
    workers = min(jobs, files)
    if workers <= 1:
        return None
    return ProcessPoolExecutor(max_workers=workers, initializer=share_cores, initargs=(workers,))


def share_cores(workers: int) -> None:
    """Limit this worker's OCR engines to its share of the cores (OMP_THREAD_LIMIT, which
    tesseract and RapidOCR both obey here), unless the user set a limit. RapidOCR takes
    every core by default, so two workers each spread over both cores of a two-core
    machine: the corpus's scans converted in 61-66 s so, in 44 s shared."""
    os.environ.setdefault("OMP_THREAD_LIMIT", str(max(1, (os.cpu_count() or 1) // workers)))
