"""Pages between their reading and their layout: in memory for a bulletin, on disk for a
volume, so that memory does not grow with the page count."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, overload

from .model import Page

PAGES_IN_MEMORY = 64
"""A document of up to this many pages is held in memory, as a bulletin of a few pages is;
the pages of a longer volume go to a temporary file, and are read back one at a time."""


class PageStore(Sequence[Page]):
    """The pages of one document, in the order appended: a sequence that holds the first
    PAGES_IN_MEMORY pages in memory, and all of them in an unnamed temporary file (gone with
    the process, whatever ends it) once there are more."""

    def __init__(self, pages: Iterable[Page] = ()) -> None:
        self._held: list[Page] = []
        self._file: IO[bytes] | None = None
        self._spans: list[tuple[int, int]] = []
        for page in pages:
            self.append(page)

    def append(self, page: Page) -> None:
        """Add a page after the others."""
        if self._file is None and len(self._held) < PAGES_IN_MEMORY:
            self._held.append(page)
            return
        if self._file is None:
            # The file lives as long as the store: closed, and gone, when it is collected.
            self._file = tempfile.TemporaryFile(prefix="bulletin-ingest-pages-")  # noqa: SIM115
            held, self._held = self._held, []
            for earlier in held:
                self._spill(earlier)
        self._spill(page)

    def _spill(self, page: Page) -> None:
        assert self._file is not None
        data = pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)
        start = self._spans[-1][1] if self._spans else 0
        os.pwrite(self._file.fileno(), data, start)
        self._spans.append((start, start + len(data)))

    def __len__(self) -> int:
        return len(self._spans) if self._file is not None else len(self._held)

    @overload
    def __getitem__(self, index: int) -> Page: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Page]: ...

    def __getitem__(self, index: int | slice) -> Page | Sequence[Page]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if self._file is None:
            return self._held[index]
        start, end = self._spans[index]
        return pickle.loads(os.pread(self._file.fileno(), end - start, start))

    def __iter__(self) -> Iterator[Page]:
        for index in range(len(self)):
            yield self[index]
