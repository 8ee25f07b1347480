"""Plain text that an earlier OCR run produced: decoding, page breaks, `Line`s.

Form feeds and runs of three or more blank lines mark page breaks. Lines keep their line
number as `row`, so layout sees where blank lines stood.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import regex

from ..chars import UNSEEN_RE
from ..errors import InputFileError
from ..model import Document, Line, Page

PAGE_BREAK_RE = regex.compile(r"\f|\n(?:[ \t\u3000]*\n){3,}")
TEXT_SUFFIXES = (".txt", ".text")

BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""The marks a text file's encoding may open with, UTF-32's before UTF-16's, whose little-
endian mark begins UTF-32's: Windows' Notepad saves "Unicode" text as UTF-16 so marked."""


def decode_text(data: bytes, path: object = "<bytes>") -> str:
    """Decode text bytes: in the Unicode encoding its byte order mark names, else UTF-8,
    else GB18030 or Big5, whichever reads as real Chinese; undecodable bytes are an
    `InputFileError`.

    >>> decode_text("新泾镇".encode("gb18030")), decode_text("新界北區".encode("big5"))
    ('新泾镇', '新界北區')
    """
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _strict(data[len(mark) :], encoding, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = {}
    for encoding in ("gb18030", "big5"):
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise InputFileError(
            path, "not UTF-8, GB18030, Big5 or BOM-marked Unicode text (undecodable bytes)"
        )
    return max(candidates.values(), key=_plausibility)


def _strict(data: bytes, encoding: str, path: object) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputFileError(path, f"undecodable bytes at offset {e.start} ({encoding})") from e


def _plausibility(text: str) -> float:
    """Share of the text's characters beyond ASCII that Chinese text is made of: Han
    characters of the GB2312 or Big5 common sets, CJK marks and full-width forms. Bytes
    decoded in the wrong one of the two land in rare Han characters and in the kana, Greek
    and Cyrillic rows of the other's table (Big5 `屯門區` read as GB18030 is `べ跋`).

    >>> _plausibility("屯門區"), _plausibility("べ跋")
    (1.0, 0.5)
    """
    wide = [c for c in text if not c.isascii() and not c.isspace()]
    if not wide:
        return 0.0
    return sum(_in_common_set(c) or _is_cjk_mark(c) for c in wide) / len(wide)


def _is_cjk_mark(char: str) -> bool:
    return "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef" or char in "“”‘’…—·"


def _in_common_set(char: str) -> bool:
    if not ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"):
        return False
    for encoding, low, high in (("gb2312", 0xB0A1, 0xD7FE), ("big5", 0xA440, 0xC67E)):
        try:
            code = int.from_bytes(char.encode(encoding), "big")
        except UnicodeEncodeError:
            continue
        if low <= code <= high:
            return True
    return False


def split_pages(text: str) -> list[str]:
    """Split text at form feeds and at runs of three or more blank lines.

    >>> split_pages("一\\n\\n二\\n\\n\\n\\n三\\f四")
    ['一\\n\\n二', '三', '四']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [page.strip("\n") for page in PAGE_BREAK_RE.split(text)]


def lines_of_page(text: str, number: int) -> tuple[Line, ...]:
    """The non-blank lines of one page, each with its line number as row."""
    return tuple(
        Line(text=line.strip(), page=number, row=row)
        for row, line in enumerate(text.split("\n"))
        if not is_blank(line)
    )


def is_blank(text: str) -> bool:
    """Whether text shows nothing: only spaces, invisible and control characters (a
    zero-width space or a byte-order mark left on an empty line is still a blank line)."""
    return not UNSEEN_RE.sub("", text).strip()


def read_text(path: Path, max_bytes: int | None = None) -> Document:
    """Read a text file into a `Document` of pages of lines; one over max_bytes is refused
    before it is read."""
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise InputFileError(path, f"text of {size} bytes is over max_text_bytes ({max_bytes})")
    data = path.read_bytes()
    if not data.strip():
        raise InputFileError(path, "file is empty")
    return document_from_text(decode_text(data, path), str(path))


def document_from_text(text: str, name: str) -> Document:
    """A `Document` of the pages of text already decoded; name stands for its path."""
    pages = [
        Page(number=number, lines=lines_of_page(chunk, number))
        for number, chunk in enumerate(_non_empty(split_pages(text)), start=1)
    ]
    if not pages:
        raise InputFileError(name, "holds no text")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(name, digest, "text", tuple(pages))


def _non_empty(chunks: list[str]) -> list[str]:
    return [chunk for chunk in chunks if not all(map(is_blank, chunk.split("\n")))]
