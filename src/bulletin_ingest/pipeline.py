"""`ingest`: one file through sources, layout, cleanup and structure into a `Bulletin`."""

from __future__ import annotations

from pathlib import Path

from .cleanup import clean_blocks, resolve_script
from .config import IngestConfig
from .layout import layout_document
from .model import Bulletin, Document
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
    warnings = tuple(w for page in document.pages for w in page.warnings)
    return Bulletin(
        source=document.info,
        script=output_script(config),
        articles=articles,
        boilerplate=boilerplate,
        fixes=fixes,
        warnings=warnings,
    )


def output_script(config: IngestConfig) -> str:
    """The script of the record's text: the target's when converting, else the source's
    (simplified when nothing told them apart)."""
    if config.target_script is not None:
        return "traditional" if config.target_script in TRADITIONAL_TARGETS else "simplified"
    return "traditional" if config.script == "traditional" else "simplified"
