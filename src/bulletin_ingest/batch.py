"""Many files: parallel on any `concurrent.futures.Executor`, with progress, resume and
atomic writes; one failing file never stops the rest."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TextIO, TypeVar

from PIL import Image

from ._version import __version__
from .config import IngestConfig
from .digest import file_sha256
from .errors import (
    UNREAD_PAGES_EXIT,
    BulletinIngestError,
    ConfigError,
    InputFileError,
    InternalError,
)
from .export import WRITERS
from .lifetime import end_with_parent
from .model import Bulletin, printable_path
from .pipeline import Source, ingest, source_name
from .sources import INPUT_SUFFIXES

log = logging.getLogger(__name__)
_Result = TypeVar("_Result")

_UMASK = os.umask(0o022)
os.umask(_UMASK)

MANIFEST_LOCK = ".bulletin-ingest-manifest.lock"
"""Held while the manifest is read and written again: batches into one folder take turns."""

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
    return resolved(path).is_relative_to(resolved(folder))


def resolved(path: Path) -> Path:
    """The path with its links followed; a link in a loop stays as far as it leads
    (`Path.resolve` raises there)."""
    return Path(os.path.realpath(path))


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
        if f"{candidate}.{fmt}" == MANIFEST_NAME:  # an input named like the manifest
            candidate = f"{candidate}-input"
        taken.add(candidate)
        outputs.append(outdir / f"{candidate}.{fmt}")
    return outputs


def convert_one(job: Job, data: bytes | None = None) -> tuple[FileResult, str | None]:
    """Read one input and render its record; errors become a failed result. It reads the
    input's path, or its bytes where given (a worker of a cluster that cannot see the
    client's files), and writes nothing: the caller writes every output and the manifest,
    so that workers need no access to the output folder."""
    start = time.perf_counter()
    try:
        if data is None and job.input.is_dir():
            raise InputFileError(job.input, "folder holds no supported input files")
        if data is None:
            bulletin = ingest(job.input, job.config)
        else:
            bulletin = ingest(data, job.config, name=printable_path(str(job.input)))
        text = WRITERS[job.fmt](bulletin)
    except BulletinIngestError as e:
        return _failed(job, str(e), e.exit_code, start), None
    except Exception as e:
        error = InternalError.reading(str(job.input), e)
        return _failed(job, str(error), error.exit_code, start), None
    result = FileResult(
        str(job.input),
        str(job.output),
        "converted",
        len(bulletin.articles),
        round(time.perf_counter() - start, 3),
        exit_code=UNREAD_PAGES_EXIT if bulletin.unread_pages else 0,
        unread_pages=bulletin.unread_pages,
    )
    return result, text


def _failed(job: Job, message: str, code: int, start: float) -> FileResult:
    """A failed result whose message names the input, even where the error itself names
    none (a missing engine)."""
    seconds = round(time.perf_counter() - start, 3)
    name = str(job.input)
    if not message.startswith(name):
        message = f"{name}: {message}"
    return FileResult(name, None, "failed", 0, seconds, message, code)


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
    digest = file_sha256(job.input)
    config = json.dumps(asdict(job.config), sort_keys=True)
    return f"{digest}:{job.fmt}:{__version__}:{hashlib.sha256(config.encode()).hexdigest()}"


def load_manifest(outdir: Path) -> dict[str, str]:
    """The manifest of an output folder (empty when there is none or it is unreadable)."""
    try:
        data = json.loads((outdir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_in_manifest(outdir: Path, name: str, key: str) -> None:
    """Add one output to the folder's manifest. The manifest is read again and written
    under a lock, so that batches writing into one folder at once keep each other's
    entries. A manifest that cannot be written (a full disk, a folder in its place) costs
    only the resume of that output: it is converted again next time, and the batch goes on."""
    try:
        with open(outdir / MANIFEST_LOCK, "a") as lock:
            _hold(lock)
            manifest = load_manifest(outdir)
            manifest[name] = key
            write_atomic(outdir / MANIFEST_NAME, json.dumps(manifest, indent=1, sort_keys=True))
    except OSError as e:
        log.warning("%s: the manifest cannot record %s (%s)", outdir, name, e.strerror or e)


def _hold(lock: TextIO) -> None:
    """Wait for, then hold, the lock on an open file until it is closed (POSIX; on Windows
    batches into one folder at once may lose each other's entries)."""
    if sys.platform != "win32":
        import fcntl

        fcntl.flock(lock, fcntl.LOCK_EX)


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
    shared_files: bool = True,
) -> list[FileResult]:
    """Convert every input into outdir, in parallel when an executor is given; results come
    back in input order. With resume, outputs already made from the same input, config and
    version are skipped. Workers read the inputs and render the records; this process
    writes every output and the manifest. shared_files: whether the executor's workers see
    this machine's files (a process pool does); if not (a cluster's workers elsewhere),
    each input's bytes are sent to its worker."""
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
    sources = {resolved(path) for path in inputs}
    for index, job in enumerate(jobs):
        keys[index] = _key_or_empty(job)
        if resolved(job.output) in sources:
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

    def finish(index: int, outcome: tuple[FileResult, str | None]) -> None:
        result, text = outcome
        if text is not None:
            result = written(jobs[index], result, text)
        results[index] = result
        if result.status == "converted" and keys[index]:
            record_in_manifest(outdir, jobs[index].output.name, keys[index])
        if progress:
            progress(len(results), len(jobs), result)

    for done, index in enumerate(sorted(results), start=1):
        if progress:
            progress(done, len(jobs), results[index])
    if executor is None:
        for index in pending:
            finish(index, convert_one(jobs[index]))
    else:
        futures: dict[Future[tuple[FileResult, str | None]], int] = {}
        for index in pending:
            data = None if shared_files else _bytes_or_none(jobs[index].input)
            futures[executor.submit(convert_one, jobs[index], data)] = index
        for future in as_completed(futures):
            finish(futures[future], future.result())
    return [results[index] for index in range(len(jobs))]


def _bytes_or_none(path: Path) -> bytes | None:
    """A file's bytes, to send to a worker; None where it cannot be read, so that the worker
    reports why as it would for a path."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def written(job: Job, result: FileResult, text: str) -> FileResult:
    """The result once its output is written; a failed one, naming the output, where the
    output cannot be written."""
    try:
        write_atomic(job.output, text)
    except OSError as e:
        error = InputFileError(job.output, f"cannot be written ({e.strerror or e})")
        return replace(
            result, output=None, status="failed", error=str(error), exit_code=error.exit_code
        )
    return result


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
    shared_files: bool = True,
) -> Iterator[tuple[Source, Bulletin | BulletinIngestError]]:
    """Each source's `Bulletin`, or the typed error that stopped it, as each finishes: in
    order in this process, else in the order the executor's workers finish them. One bad
    input never stops the rest. File objects are read here first, so that any executor
    can take their bytes; so are paths where the workers do not see this machine's files
    (shared_files False: a cluster's workers elsewhere)."""
    config = config or IngestConfig()
    items = [_portable(source, shared_files) for source in sources]
    if executor is None:
        for source, portable in items:
            yield source, ingest_or_error(portable, config, _name(source, portable))
        return
    futures = {
        executor.submit(ingest_or_error, portable, config, _name(source, portable)): source
        for source, portable in items
    }
    for future in as_completed(futures):
        yield futures[future], future.result()


def _portable(source: Source, shared_files: bool) -> tuple[Source, Source]:
    if isinstance(source, str | os.PathLike):
        return source, source if shared_files else _bytes_or_none(Path(source)) or source
    if isinstance(source, bytes | Image.Image):
        return source, source
    return source, source.read()


def _name(source: Source, portable: Source) -> str | None:
    """The path a source sent as bytes stands for, to name its record and errors."""
    sent = isinstance(portable, bytes) and isinstance(source, str | os.PathLike)
    return printable_path(str(source)) if sent else None


def ingest_or_error(
    source: Source, config: IngestConfig, name: str | None = None
) -> Bulletin | BulletinIngestError:
    """`ingest`, its errors returned rather than raised; an unexpected one (a bug) becomes
    an error naming the input, so that it travels back from a worker like the others.
    name, when given, is what the source (bytes of a file) is called."""
    shown = name or (str(source) if isinstance(source, str | os.PathLike) else source_name(source))
    try:
        return ingest(source, config, name=name)
    except BulletinIngestError as e:
        return e
    except Exception as e:
        return InternalError.reading(shown, e)


def default_executor(jobs: int, files: int) -> Executor | None:
    """A process pool when more than one worker and file, each worker's OCR on its share of
    the cores (`share_cores`); None means in this process."""
    workers = min(jobs, files)
    if workers <= 1:
        return None
    return WorkerPool(
        max_workers=workers, initializer=start_worker, initargs=(workers, os.getpid())
    )


STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})
"""The signals that stop a batch."""


@contextlib.contextmanager
def stop_signals_held() -> Iterator[None]:
    """Hold the stop signals in this thread for the block: they wait, pending, until it
    ends. A process forked in the block starts with them held too."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class WorkerPool(ProcessPoolExecutor):
    """A process pool whose workers start with the stop signals held, until `start_worker`
    has set the worker's own handling of them. A stop that reached a worker between its
    fork and that set-up would be lost (Python drops signals caught before its after-fork
    set-up has run) or met by the handler the batch's process had (an exception, ignored
    in an after-fork hook): the worker would outlive the batch that stopped it, and the
    batch wait for it forever at exit."""

    def submit(
        self, fn: Callable[..., _Result], /, *args: object, **kwargs: object
    ) -> Future[_Result]:
        with stop_signals_held():
            return super().submit(fn, *args, **kwargs)


def children() -> set[int]:
    """The process ids of this process's live children started through multiprocessing."""
    return {process.pid for process in multiprocessing.active_children() if process.pid}


def stop_workers(earlier: set[int]) -> None:
    """End a batch's workers now, mid-file: an interrupted batch must not wait for the files
    they are reading, whose outputs it would not record. Every child started since the batch
    began (all but earlier) is one of its workers, those the pool had not yet recorded when
    the interrupt came too: such a worker would wait for work forever, and this process's
    exit for it."""
    for process in multiprocessing.active_children():
        if process.pid not in earlier:
            process.terminate()


def start_worker(workers: int, parent: int) -> None:
    """Set up a worker process of the batch (started by process parent): its share of the
    cores; its end with its parent's. A worker forked from a batch that handles SIGTERM
    would handle it too, and outlive its parent; it ends on SIGTERM, and leaves SIGINT
    (Ctrl-C reaches the whole process group) to the batch, which stops its workers."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    share_cores(workers)
    end_with_parent(parent)


def share_cores(workers: int) -> None:
    """Limit this worker's OCR engines to its share of the cores (OMP_THREAD_LIMIT, which
    tesseract and RapidOCR both obey here), unless the user set a limit. RapidOCR takes
    every core by default, so two workers each spread over both cores of a two-core
    machine: the corpus's scans converted in 61-66 s so, in 44 s shared."""
    os.environ.setdefault("OMP_THREAD_LIMIT", str(max(1, (os.cpu_count() or 1) // workers)))
