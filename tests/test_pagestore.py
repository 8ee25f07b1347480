"""A long document's pages wait for layout on disk, and its memory stays flat in its length."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium

from bulletin_ingest import ingest, pagestore
from bulletin_ingest.model import Line, Page, Word
from bulletin_ingest.pagestore import PageStore

from .conftest import generated

SAMPLE = "anting-jianbao-2023-10.digital.pdf"


def page(number: int) -> Page:
    word = Word(f"第{number}页", (10.0, 10.0, 40.0, 20.0), 10.0)
    line = Line(word.text, number, 0, word.bbox, 10.0, 0.9, "pdf-text", (word,))
    return Page(number, (line,), 100.0, 200.0, "pdf-text", (f"note {number}",))


def test_a_store_gives_back_every_page_in_order_from_memory_and_from_disk(monkeypatch):
    monkeypatch.setattr(pagestore, "PAGES_IN_MEMORY", 2)
    pages = [page(n) for n in range(1, 6)]
    small, large = PageStore(pages[:2]), PageStore(pages)
    assert list(small) == pages[:2] and small._file is None
    assert large._file is not None and not large._held
    assert list(large) == pages and len(large) == 5
    assert large[-1] == pages[-1] and list(large[1:4]) == pages[1:4]
    assert [(a.number, b.number) for a in large for b in large][:3] == [(1, 1), (1, 2), (1, 3)]


def repeated(pages: int, folder: Path) -> Path:
    """The sample's pages repeated to `pages` pages, as a volume bound of many issues is."""
    source = pdfium.PdfDocument(generated() / SAMPLE)
    volume = pdfium.PdfDocument.new()
    while len(volume) < pages:
        volume.import_pages(source, list(range(min(len(source), pages - len(volume)))))
    path = folder / f"{pages}.pdf"
    volume.save(path)
    return path


def test_a_document_read_back_from_disk_gives_the_same_record(monkeypatch):
    in_memory = ingest(generated() / SAMPLE).to_dict()
    monkeypatch.setattr(pagestore, "PAGES_IN_MEMORY", 1)
    assert ingest(generated() / SAMPLE).to_dict() == in_memory


MEASURE = """
import sys, tracemalloc
from pathlib import Path
from bulletin_ingest import ingest, pagestore
from bulletin_ingest.sources import pdf
pagestore.PAGES_IN_MEMORY = pdf.PARSED_AT_ONCE = 4
ingest(Path(sys.argv[2]))
tracemalloc.start()
ingest(Path(sys.argv[1]))
print(tracemalloc.get_traced_memory()[1])
"""
"""Peak traced memory of one ingest, with the store and the parser caches set to four pages,
after one ingest of a warm-up file: the readers' modules and tables, loaded once, are not
the document's."""


def peak_bytes(path: Path, warm_up: Path) -> int:
    """MEASURE in a process of its own, as a user's run is: in the test session, what other
    tests left alive delays the collector, and the peak then counts garbage."""
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(warm_up)],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(run.stdout.split()[-1])


def test_memory_grows_with_the_record_not_with_the_pages_read(tmp_path):
    """Four times the pages may not take more than twice the memory: what grows is the
    articles' text, a small part of what reading a page holds (its words, boxes, fonts)."""
    short, long = repeated(8, tmp_path), repeated(32, tmp_path)
    assert peak_bytes(long, short) < 2 * peak_bytes(short, short)
