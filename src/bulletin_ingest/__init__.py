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
from .model import Article, Boilerplate, BodyBlock, Bulletin, Caption, SourceInfo
from .pipeline import ingest

__all__ = [
    "Article",
    "Boilerplate",
    "BodyBlock",
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
]
__version__ = "0.1.0"
