"""bulletin_ingest: scanned Chinese community bulletins in, clean article records out."""

from .cleanup import fix_and_explain, fix_text
from .config import IngestConfig
from .errors import (
    BulletinIngestError,
    ConfigError,
    InputFileError,
    MissingDependencyError,
    OcrError,
)
from .model import Article, BodyBlock, Boilerplate, Bulletin, Caption, SourceInfo
from .pipeline import ingest, ingest_text

__all__ = [
    "Article",
    "BodyBlock",
    "Boilerplate",
    "Bulletin",
    "BulletinIngestError",
    "Caption",
    "ConfigError",
    "IngestConfig",
    "InputFileError",
    "MissingDependencyError",
    "OcrError",
    "SourceInfo",
    "fix_and_explain",
    "fix_text",
    "ingest",
    "ingest_text",
]
__version__ = "0.1.0"
