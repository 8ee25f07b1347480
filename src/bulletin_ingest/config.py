"""`IngestConfig`: every option of the pipeline, explicit and frozen."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any, Literal, get_args

from .errors import ConfigError

Script = Literal["auto", "simplified", "traditional"]
TargetScript = Literal["simplified", "traditional", "taiwan", "hongkong"]
Engine = Literal["auto", "tesseract", "rapidocr"]

SCRIPTS: tuple[Script, ...] = get_args(Script)
TARGET_SCRIPTS: tuple[TargetScript | None, ...] = (None, *get_args(TargetScript))
ENGINES: tuple[Engine, ...] = get_args(Engine)


@dataclass(frozen=True, kw_only=True)
class IngestConfig:
    """Options for `ingest` and `fix_text`. Unknown keys are rejected by `from_mapping`.

    script: the source's script; "auto" detects it. Stray characters of the other script
        are unified to it.
    target_script: convert the output to this script (OpenCC); None keeps the source's.
    unify_script: unify stray characters of the other script to the dominant one.
    engine: OCR engine for scanned pages.
    ocr_dpi: resolution at which PDF pages without a usable text layer are rendered.
    redo_ocr: read by OCR a PDF page whose text layer an earlier OCR laid invisible under its
        scan (a "searchable" scan); False keeps that layer: faster, and as good as the OCR
        that made it.
    ocr_timeout: seconds one engine call on a page may take before the page fails; a page
        image larger than an A4 page at 300 DPI is given time in proportion to its pixels.
    min_confidence: pages whose mean OCR confidence (0-1) is below this add a warning.
    unread_confidence: pages whose mean OCR confidence is below this are reported unread
        (`Bulletin.unread_pages`): what was read of them is mostly misread.
    title_min_chars: in text mode, a title-like line this long or longer starts an article;
        shorter ones between paragraphs are headings.
    first_page, last_page: read only these pages (from 1, inclusive; None: to the end).
    max_page_pixels: the most pixels a page image may have once brought to its reading
        resolution (upscaled, or a PDF page rendered); a larger one is read at a lower
        resolution, so that no small file can take gigabytes of memory.
    max_text_bytes: the largest text input read; a larger one is an `InputFileError`.
    """

    script: Script = "auto"
    target_script: TargetScript | None = None
    unify_script: bool = True
    engine: Engine = "auto"
    ocr_dpi: int = 300
    redo_ocr: bool = True
    ocr_timeout: float = 120.0
    min_confidence: float = 0.6
    unread_confidence: float = 0.45
    title_min_chars: int = 16
    first_page: int = 1
    last_page: int | None = None
    max_page_pixels: int = 100_000_000
    max_text_bytes: int = 64 * 2**20

    def __post_init__(self) -> None:
        if self.script not in SCRIPTS:
            raise ConfigError(f"script must be one of {SCRIPTS}, not {self.script!r}")
        if self.target_script not in TARGET_SCRIPTS:
            raise ConfigError(
                f"target_script must be one of {TARGET_SCRIPTS}, not {self.target_script!r}"
            )
        if self.engine not in ENGINES:
            raise ConfigError(f"engine must be one of {ENGINES}, not {self.engine!r}")
        if not 50 <= self.ocr_dpi <= 1200:
            raise ConfigError(f"ocr_dpi must be between 50 and 1200, not {self.ocr_dpi}")
        if self.ocr_timeout <= 0:
            raise ConfigError(f"ocr_timeout must be positive, not {self.ocr_timeout}")
        if not 0 <= self.min_confidence <= 1:
            raise ConfigError(f"min_confidence must be 0-1, not {self.min_confidence}")
        if not 0 <= self.unread_confidence <= 1:
            raise ConfigError(f"unread_confidence must be 0-1, not {self.unread_confidence}")
        if self.title_min_chars < 1:
            raise ConfigError(f"title_min_chars must be at least 1, not {self.title_min_chars}")
        if self.max_page_pixels < 1_000_000:
            raise ConfigError(
                f"max_page_pixels must be at least 1000000, not {self.max_page_pixels}"
            )
        if self.max_text_bytes < 1:
            raise ConfigError(f"max_text_bytes must be positive, not {self.max_text_bytes}")
        if self.first_page < 1:
            raise ConfigError(f"first_page must be at least 1, not {self.first_page}")
        if self.last_page is not None and self.last_page < self.first_page:
            raise ConfigError(
                f"last_page ({self.last_page}) must not come before first_page ({self.first_page})"
            )

    def wants_page(self, number: int) -> bool:
        """Whether page `number` (from 1) is among the pages to read."""
        return self.first_page <= number and (self.last_page is None or number <= self.last_page)

    def no_pages_reason(self) -> str:
        """Why a file gave no page: it has none, or none among those asked for.

        >>> IngestConfig(first_page=4).no_pages_reason()
        'has no page from 4 to the end'
        """
        if self.first_page == 1 and self.last_page is None:
            return "has no pages"
        last = "the end" if self.last_page is None else str(self.last_page)
        return f"has no page from {self.first_page} to {last}"

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any]) -> IngestConfig:
        """Build a config from a mapping (a parsed file, CLI options), refusing unknown keys.

        >>> IngestConfig.from_mapping({"target_script": "traditional"}).target_script
        'traditional'
        >>> IngestConfig.from_mapping({"colour": "red"})
        Traceback (most recent call last):
        ...
        bulletin_ingest.errors.ConfigError: unknown option(s): colour
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ConfigError(f"unknown option(s): {', '.join(unknown)}")
        return cls(**dict(options))

    def with_script(self, script: Script) -> IngestConfig:
        """The same options with the source script set (after detection)."""
        return replace(self, script=script)
