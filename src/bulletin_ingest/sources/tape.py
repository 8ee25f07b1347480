"""Tapes: what the OCR engines returned, call by call, kept so that a test can replay it.

Each call an engine is given (tesseract's word data for one image and language, RapidOCR's
items for one page image) is keyed by a hash of its input: the image's pixels and the
call's options. Recorded, the engine's raw output is kept under that key, with the engines'
versions; replayed, the output is looked up instead of calling the engine, so everything
between the file and the engine (rendering, straightening, the sources' reading of the
words) runs as it does for a user. An image that no longer hashes to a recorded call (our
preparation of the page changed) is a `StaleTape` error, never a silent fallback.

    with recording() as tape:            # tools/record_ocr.py
        ingest(path, config)
    tape.save(Path("t.tape.json.gz"), path)
    with replaying(Path("t.tape.json.gz")):
        ingest(path, config)             # no engine runs
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..digest import file_sha256

T = TypeVar("T")


class StaleTape(Exception):
    """A replayed tape holds no call with this input: re-record it (tools/record_ocr.py)."""


@dataclass
class Tape:
    """Engine calls by the hash of their input, and the engines' versions."""

    calls: dict[str, Any] = field(default_factory=dict)
    engines: dict[str, str] = field(default_factory=dict)
    replay: bool = False
    input_sha256: str = ""

    def save(self, path: Path, source: Path) -> None:
        data = {
            "input": source.name,
            "input_sha256": file_sha256(source),
            "engines": self.engines,
            "calls": self.calls,
        }
        with gzip.open(path, "wt", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, sort_keys=True)

    @classmethod
    def load(cls, path: Path) -> Tape:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
        return cls(data["calls"], data["engines"], True, data["input_sha256"])


_TAPE: ContextVar[Tape | None] = ContextVar("bulletin_ingest_tape", default=None)


@contextmanager
def recording(kept: Tape | None = None) -> Iterator[Tape]:
    """Keep every engine call made inside the block on a new tape, or on a copy of kept:
    there a call it holds is answered as it was recorded, and only the calls it lacks are
    made (a tape topped up after a change adds a call, its other calls untouched)."""
    tape = Tape(dict(kept.calls), dict(kept.engines)) if kept else Tape()
    token = _TAPE.set(tape)
    try:
        yield tape
    finally:
        _TAPE.reset(token)


@contextmanager
def replaying(path: Path) -> Iterator[Tape]:
    """Answer every engine call made inside the block from the tape at path."""
    tape = Tape.load(path)
    token = _TAPE.set(tape)
    try:
        yield tape
    finally:
        _TAPE.reset(token)


def call_key(engine: str, options: tuple[Any, ...], pixels: bytes) -> str:
    """The key of an engine call: its engine, options and input pixels."""
    digest = hashlib.sha256(f"{engine}{options!r}".encode())
    digest.update(pixels)
    return digest.hexdigest()


def engine_call(
    engine: str,
    version: Callable[[], str],
    options: tuple[Any, ...],
    pixels: Callable[[], bytes],
    call: Callable[[], T],
    plain: Callable[[T], Any] = lambda output: output,
) -> T:
    """The engine's output for one call: from the tape, where it holds the call (replayed,
    or recorded and holding it already), or from the engine (kept on the tape being
    recorded, as plain JSON data: `plain`). pixels gives the input's bytes, asked for only
    where a tape keys the call (a page's bytes take time to copy)."""
    tape = _TAPE.get()
    if tape is None:
        return call()
    key = call_key(engine, options, pixels())
    if key in tape.calls:
        return tape.calls[key]  # type: ignore[no-any-return]
    if tape.replay:
        raise StaleTape(
            f"the tape holds no {engine} call {options!r} on this image: what reaches the "
            "engine has changed since it was recorded; re-record it with tools/record_ocr.py"
        )
    output = call()
    tape.calls[key] = plain(output)
    tape.engines.setdefault(engine, version())
    return output
