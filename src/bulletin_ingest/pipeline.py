"""`ingest`: one file through sources, layout, cleanup and structure into a `Bulletin`."""

from __future__ import annotations

import logging
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from PIL import Image

from .cleanup import clean_blocks, resolve_script
from .config import IngestConfig
from .errors import InputFileError, OcrError
from .layout import layout_document
from .model import Article, Boilerplate, Bulletin, Document, Page, PageSize, text_confidence
from .sources import read_document, sniffed_suffix
from .sources.ocr import Recognizer
from .sources.text import document_from_text
from .structure import build_articles

log = logging.getLogger(__name__)

TRADITIONAL_TARGETS = ("traditional", "taiwan", "hongkong")


Source = str | os.PathLike[str] | bytes | BinaryIO | Image.Image
"""What `ingest` reads: a path, the bytes of a file, a binary file object, or a PIL image."""


def ingest(
    source: Source,
    config: IngestConfig | None = None,
    *,
    recognizer: Recognizer | None = None,
    name: str | None = None,
) -> Bulletin:
    """Read one bulletin (text, PDF or page images) into a `Bulletin` record. source is a
    path, or a file's content in memory: bytes or a binary file object (its kind told by
    its first bytes), or a PIL image. name, for content in memory, is the file it came
    from: the record and the errors are named for it, and its suffix tells the kind, as a
    path's does. recognizer, when given, is the OCR engine for every page that needs one
    (your own engine); otherwise config.engine chooses (inside `replaying(tape)`, its
    recorded calls answer)."""
    config = config or IngestConfig()
    if isinstance(source, str | os.PathLike):
        return bulletin_from_document(read_document(source, config, recognizer), config)
    shown = name or source_name(source)
    with tempfile.TemporaryDirectory(prefix="bulletin-ingest-") as folder:
        suffix = Path(name).suffix if name is not None else None
        path = spilled(source, Path(folder), suffix)
        try:
            document = read_document(path, config, recognizer)
        except (InputFileError, OcrError) as e:
            raise renamed(e, shown) from e
    return bulletin_from_document(replace(document, path=shown), config)


def renamed(error: InputFileError | OcrError, name: str) -> InputFileError | OcrError:
    """An error about a file the content in memory was spilled to, naming that content."""
    if isinstance(error, InputFileError):
        return InputFileError(name, error.problem)
    return OcrError(name, error.page, error.problem)


def source_name(source: bytes | BinaryIO | Image.Image) -> str:
    """What a source in memory is called in records and messages: a file object's name
    where it has one."""
    if isinstance(source, bytes):
        return "<bytes>"
    if isinstance(source, Image.Image):
        return getattr(source, "filename", "") or "<image>"
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def spilled(
    source: bytes | BinaryIO | Image.Image, folder: Path, suffix: str | None = None
) -> Path:
    """A source in memory written to a file in folder, since the readers (pdfplumber,
    pypdfium2, tesseract) take files; named with suffix where given, else for the kind its
    first bytes show."""
    if isinstance(source, Image.Image):
        several = getattr(source, "n_frames", 1) > 1
        path = folder / ("input.tif" if several else "input.png")
        dpi = source.info.get("dpi")
        options = {"dpi": dpi} if dpi else {}
        source.save(path, save_all=several, **options)
        return path
    data = source if isinstance(source, bytes) else source.read()
    path = folder / f"input{sniffed_suffix(data) if suffix is None else suffix}"
    path.write_bytes(data)
    return path


def ingest_text(text: str, config: IngestConfig | None = None, *, name: str = "<text>") -> Bulletin:
    """Read OCR text already in memory into a `Bulletin`; name stands for its path."""
    config = config or IngestConfig()
    return bulletin_from_document(document_from_text(text, name), config)


def bulletin_from_document(document: Document, config: IngestConfig) -> Bulletin:
    """Layout, cleanup and structure for a document a source has read."""
    facts = tuple(PageFacts.of(page) for page in document.pages)
    blocks = layout_document(document)
    config = resolve_script("\n".join(block.raw for block in blocks), config)
    blocks, fixes = clean_blocks(blocks, config)
    articles, boilerplate = build_articles(blocks, config)
    set_aside = unread_pages(facts, articles, boilerplate)
    misread = misread_pages(facts, config.unread_confidence)
    unread = tuple(sorted({*set_aside, *misread}))
    warnings = (
        *(w for page in facts for w in page.warnings),
        *(
            f"page {page.number}: nothing read as articles: almost all its text was set aside"
            for page in facts
            if page.number in set_aside and page.has_text
        ),
        *(
            f"page {n}: not read: OCR confidence below {config.unread_confidence:.2f}"
            for n in misread
        ),
    )
    log.info(
        "%s: %d pages, %d articles, %d lines set aside%s",
        document.info.path,
        len(facts),
        len(articles),
        len(boilerplate),
        f", pages {', '.join(map(str, unread))} unread" if unread else "",
    )
    return Bulletin(
        source=document.info,
        script=output_script(config),
        articles=articles,
        boilerplate=boilerplate,
        fixes=fixes,
        warnings=warnings,
        unread_pages=unread,
        pages=tuple(PageSize(page.number, page.width, page.height, page.turn) for page in facts),
    )


@dataclass(frozen=True)
class PageFacts:
    """What the record tells of a page besides its text: taken in one look at each page,
    since a long document's pages are read back from disk (`PageStore`)."""

    number: int
    width: float | None
    height: float | None
    warnings: tuple[str, ...]
    has_text: bool
    confidence: float | None
    turn: int = 0

    @classmethod
    def of(cls, page: Page) -> PageFacts:
        return cls(
            page.number,
            page.width,
            page.height,
            page.warnings,
            bool(page.lines),
            text_confidence(page.lines),
            page.turn,
        )


UNREAD_SHARE = 0.1
"""A page with less than this share of its characters in articles was not read: what came
of it is nearly all set aside (a page read in the wrong direction, noise read as text)."""

FURNITURE_LINES = 12
"""A page's furniture (masthead, running heads, page number, QR prompt, publisher line) is a
handful of lines: a page that sets aside more than this, and gives articles next to
nothing, is a page the reader failed on; a cover with a masthead alone is not."""


def unread_pages(
    pages: Sequence[PageFacts], articles: Sequence[Article], boilerplate: Sequence[Boilerplate]
) -> tuple[int, ...]:
    """The pages that hold text but gave (almost) nothing to any article, and every page
    when no article was found at all: a document read as nothing is not read, whatever its
    pages held (a scan the engine found no text in says so in a warning of its source's,
    and reported as read, it would pass in a batch for a bulletin converted)."""
    content: Counter[int] = Counter()
    aside: Counter[int] = Counter()
    aside_lines: Counter[int] = Counter()
    for article in articles:
        for block in article.body:
            content[block.page] += len(block.text)
        for caption in article.captions:
            content[caption.page] += len(caption.text)
        heads = (article.kicker, article.title, article.subtitle, article.byline)
        content[article.pages[0] if article.pages else 1] += sum(len(h or "") for h in heads)
    for item in boilerplate:
        aside[item.page] += len(item.text)
        aside_lines[item.page] += 1
    return tuple(
        page.number
        for page in pages
        if not articles
        or (
            page.has_text
            and aside_lines[page.number] > FURNITURE_LINES
            and content[page.number] < UNREAD_SHARE * (content[page.number] + aside[page.number])
        )
    )


def misread_pages(pages: Sequence[PageFacts], floor: float) -> tuple[int, ...]:
    """The pages OCR read with a mean confidence (weighted by characters) below floor."""
    return tuple(
        page.number for page in pages if page.confidence is not None and page.confidence < floor
    )


def output_script(config: IngestConfig) -> str:
    """The script of the record's text: the target's when converting, else the source's
    (simplified when nothing told them apart)."""
    if config.target_script is not None:
        return "traditional" if config.target_script in TRADITIONAL_TARGETS else "simplified"
    return "traditional" if config.script == "traditional" else "simplified"
