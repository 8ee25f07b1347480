"""`ingest`: one file through sources, layout, cleanup and structure into a `Bulletin`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .cleanup import clean_blocks, resolve_script
from .config import IngestConfig
from .layout import layout_document
from .model import Article, Boilerplate, Bulletin, Document, PageSize, text_confidence
from .sources import read_document
from .sources.ocr import Recognizer
from .sources.text import document_from_text
from .structure import build_articles

TRADITIONAL_TARGETS = ("traditional", "taiwan", "hongkong")


def ingest(
    path: str | Path, config: IngestConfig | None = None, *, recognizer: Recognizer | None = None
) -> Bulletin:
    """Read one bulletin file (text, PDF or page image) into a `Bulletin` record.
    recognizer, when given, is the OCR engine for every page that needs one (your own
    engine, or a recording); otherwise config.engine chooses."""
    config = config or IngestConfig()
    return bulletin_from_document(read_document(path, config, recognizer), config)


def ingest_text(text: str, config: IngestConfig | None = None, *, name: str = "<text>") -> Bulletin:
    """Read OCR text already in memory into a `Bulletin`; name stands for its path."""
    config = config or IngestConfig()
    return bulletin_from_document(document_from_text(text, name), config)


def bulletin_from_document(document: Document, config: IngestConfig) -> Bulletin:
    """Layout, cleanup and structure for a document a source has read."""
    blocks = layout_document(document)
    config = resolve_script("\n".join(block.raw for block in blocks), config)
    blocks, fixes = clean_blocks(blocks, config)
    articles, boilerplate = build_articles(blocks, config)
    set_aside = unread_pages(document, articles, boilerplate)
    misread = misread_pages(document, config.unread_confidence)
    unread = tuple(sorted({*set_aside, *misread}))
    warnings = (
        *(w for page in document.pages for w in page.warnings),
        *(
            f"page {n}: nothing read as articles: almost all its text was set aside"
            for n in set_aside
        ),
        *(
            f"page {n}: not read: OCR confidence below {config.unread_confidence:.2f}"
            for n in misread
        ),
    )
    return Bulletin(
        source=document.info,
        script=output_script(config),
        articles=articles,
        boilerplate=boilerplate,
        fixes=fixes,
        warnings=warnings,
        unread_pages=unread,
        pages=tuple(PageSize(page.number, page.width, page.height) for page in document.pages),
    )


UNREAD_SHARE = 0.1
"""A page with less than this share of its characters in articles was not read: what came
of it is nearly all set aside (a page read in the wrong direction, noise read as text)."""

FURNITURE_LINES = 12
"""A page's furniture (masthead, running heads, page number, QR prompt, publisher line) is a
handful of lines: a page that sets aside more than this, and gives articles next to
nothing, is a page the reader failed on; a cover with a masthead alone is not."""


def unread_pages(
    document: Document, articles: Sequence[Article], boilerplate: Sequence[Boilerplate]
) -> tuple[int, ...]:
    """The pages that hold text but gave (almost) nothing to any article; every page with
    text when no article was found at all. A page without any text is not among them: its
    source has said so already."""
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
        for page in document.pages
        if page.lines
        and (
            not articles
            or (
                aside_lines[page.number] > FURNITURE_LINES
                and content[page.number]
                < UNREAD_SHARE * (content[page.number] + aside[page.number])
            )
        )
    )


def misread_pages(document: Document, floor: float) -> tuple[int, ...]:
    """The pages OCR read with a mean confidence (weighted by characters) below floor."""
    return tuple(
        page.number
        for page in document.pages
        if (confidence := text_confidence(page.lines)) is not None and confidence < floor
    )


def output_script(config: IngestConfig) -> str:
    """The script of the record's text: the target's when converting, else the source's
    (simplified when nothing told them apart)."""
    if config.target_script is not None:
        return "traditional" if config.target_script in TRADITIONAL_TARGETS else "simplified"
    return "traditional" if config.script == "traditional" else "simplified"
