"""Sources: one file in, a `Document` of `Page`s of `Line`s out."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from PIL import Image

from ..config import IngestConfig
from ..digest import file_sha256
from ..errors import InputFileError
from ..model import Document
from ..pagestore import PageStore
from .images import IMAGE_SUFFIXES, estimate_dpi, open_pages, read_dpi, read_images
from .ocr import Recognizer, page_reader
from .text import TEXT_SUFFIXES, read_text

PDF_SUFFIXES = (".pdf",)
INPUT_SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES + IMAGE_SUFFIXES

MAGIC_SUFFIXES = (
    (b"%PDF", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"II*\x00", ".tif"),
    (b"MM\x00*", ".tif"),
)
"""How a file's first bytes tell its kind where it has no name (standard input, bytes)."""


def sniffed_suffix(data: bytes) -> str:
    """The suffix for content by its first bytes: PDF, PNG, JPEG, TIFF, else text.

    >>> sniffed_suffix(b"%PDF-1.7 ..."), sniffed_suffix("新泾简讯".encode())
    ('.pdf', '.txt')
    """
    head = data[:1024].lstrip(b"\x00\t\n\r ")
    for magic, suffix in MAGIC_SUFFIXES:
        if head.startswith(magic) or (suffix == ".pdf" and magic in head):
            return suffix
    return ".txt"


def read_document(
    path: str | os.PathLike[str], config: IngestConfig, recognizer: Recognizer | None = None
) -> Document:
    """Read any supported file into a `Document`; the kind is chosen by the file suffix.
    recognizer, when given, reads every page that needs OCR."""
    path = Path(path)
    if not path.exists():
        broken = path.is_symlink()
        raise InputFileError(
            path, "a link to no file (broken, or in a loop)" if broken else "no such file"
        )
    if path.is_dir():
        raise InputFileError(path, "is a directory, not a file")
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            return pages_wanted(read_text(path, config.max_text_bytes), config)
        if suffix in PDF_SUFFIXES:
            from .pdf import read_pdf

            return read_pdf(path, config, recognizer)
        if suffix in IMAGE_SUFFIXES:
            return read_image_file(path, config, recognizer)
    except OSError as e:
        raise InputFileError(path, f"cannot be read ({e.strerror or e})") from e
    raise InputFileError(path, f"unsupported file type {suffix or '(none)'}")


def read_image_file(
    path: Path, config: IngestConfig, recognizer: Recognizer | None = None
) -> Document:
    """OCR every page of an image file."""
    if path.stat().st_size == 0:
        raise InputFileError(path, "file is empty")
    reader = page_reader(config, str(path), recognizer)
    images = read_images(path, config.wants_page, config.max_page_pixels)
    pages = PageStore(reader.read(image) for image in images)
    if not pages:
        raise InputFileError(path, config.no_pages_reason())
    return Document(str(path), file_sha256(path), "image", pages)


def pages_wanted(document: Document, config: IngestConfig) -> Document:
    """The document with only the pages config asks for."""
    pages = tuple(page for page in document.pages if config.wants_page(page.number))
    if not pages:
        raise InputFileError(document.path, config.no_pages_reason())
    return replace(document, pages=pages)


PICTURE_DPI = 100
"""Resolution of a page drawn for a person to look at: every block legible, file small."""


def page_picture(path: str | Path, number: int) -> Image.Image:
    """Page `number` (from 1) of a PDF or image file as a person sees it, in colour, for a
    view drawn over it (`export.draw_page`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from .pdf import page_picture_of_pdf

        return page_picture_of_pdf(path, number, PICTURE_DPI)
    if suffix in IMAGE_SUFFIXES:
        for n, frame in enumerate(open_pages(path), start=1):
            if n == number:
                scale = PICTURE_DPI / (read_dpi(frame) or estimate_dpi(frame))
                size = (round(frame.width * scale), round(frame.height * scale))
                return frame.convert("RGB").resize(size, Image.Resampling.LANCZOS)
        raise InputFileError(path, f"has no page {number}")
    raise InputFileError(path, "holds no page image to draw on (text input has no boxes)")
