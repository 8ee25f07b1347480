"""What a file is, by its content: the SHA-256 the records, the manifest and the tapes name
an input by."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path) -> str:
    """The hex SHA-256 of a file's bytes, read a buffer at a time: a volume of thousands of
    pages is never held whole for it."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
