"""bulletin_ingest: scanned Chinese community bulletins in, clean article records out."""

from .cleanup import fix_and_explain, fix_text
from .config import IngestConfig

__all__ = ["IngestConfig", "fix_and_explain", "fix_text"]
__version__ = "0.1.0"
