"""Sources: one file in, a `Document` of `Page`s of `Line`s out."""

from __future__ import annotations

from pathlib import Path

from ..config import IngestConfig
from ..errors import InputFileError
from ..model import Document
from .text import TEXT_SUFFIXES, read_text

INPUT_SUFFIXES = TEXT_SUFFIXES


def read_document(path: str | Path, config: IngestConfig) -> Document:
    """Read any supported file into a `Document`; the kind is chosen by the file suffix."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "no such file")
    if path.is_dir():
        raise InputFileError(path, "is a directory, not a file")
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return read_text(path)
    except OSError as e:
        raise InputFileError(path, f"cannot be read ({e.strerror or e})") from e
    raise InputFileError(path, f"unsupported file type {suffix or '(none)'}")
