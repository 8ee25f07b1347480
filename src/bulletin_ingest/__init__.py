"""bulletin_ingest: scanned Chinese community bulletins in, clean article records out."""

import logging

from ._version import __version__
from .batch import convert_many, ingest_many
from .cleanup import fix_and_explain, fix_text
from .config import IngestConfig
from .errors import (
    BulletinIngestError,
    ConfigError,
    InputFileError,
    InternalError,
    MissingDependencyError,
    OcrError,
)
from .export import WRITERS, draw_page, record_schema, to_json, to_jsonl, to_markdown, to_text
from .model import (
    Article,
    BodyBlock,
    Boilerplate,
    Bulletin,
    Caption,
    Document,
    Line,
    Page,
    SourceInfo,
    Word,
)
from .pipeline import Source, bulletin_from_document, ingest, ingest_text
from .sources.images import PageImage
from .sources.ocr import Recognizer
from .sources.tape import StaleTape, recording, replaying

__all__ = [
    "WRITERS",
    "Article",
    "BodyBlock",
    "Boilerplate",
    "Bulletin",
    "BulletinIngestError",
    "Caption",
    "ConfigError",
    "Document",
    "IngestConfig",
    "InputFileError",
    "InternalError",
    "Line",
    "MissingDependencyError",
    "OcrError",
    "Page",
    "PageImage",
    "Recognizer",
    "Source",
    "SourceInfo",
    "StaleTape",
    "Word",
    "__version__",
    "bulletin_from_document",
    "convert_many",
    "draw_page",
    "fix_and_explain",
    "fix_text",
    "ingest",
    "ingest_many",
    "ingest_text",
    "record_schema",
    "recording",
    "replaying",
    "to_json",
    "to_jsonl",
    "to_markdown",
    "to_text",
]
logging.getLogger(__name__).addHandler(logging.NullHandler())
