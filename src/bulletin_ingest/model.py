"""The records that flow through the pipeline, as frozen dataclasses.

`Line`, `Page` and `Block` are the working records of sources and layout; `Article` and
`Bulletin` are the output record (schema_version 1), with `to_dict` / `from_dict`.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

from .chars import join_text

SCHEMA_VERSION = 1

BBox = tuple[float, float, float, float]
"""(x0, top, x1, bottom) in PDF points, origin at the page's top left."""

SOURCE_KINDS = ("pdf-scanned", "pdf-text", "image", "text")
BodyRole = Literal["paragraph", "heading"]
HeadRole = Literal["kicker", "title", "subtitle", "byline"]
BoilerplateRole = Literal[
    "qr-prompt",
    "masthead",
    "publisher",
    "slogan",
    "page-number",
    "running-header",
    "other",
]
BODY_ROLES: tuple[BodyRole, ...] = get_args(BodyRole)
HEAD_ROLES: tuple[HeadRole, ...] = get_args(HeadRole)
BOILERPLATE_ROLES: tuple[BoilerplateRole, ...] = get_args(BoilerplateRole)

ILLEGIBLE = 0.5
"""OCR read a line with less confidence than this: it could not read it. A short one (small
print beside a QR code, a stamp) is set aside as boilerplate `other`: made a head, it would
start an article."""


def union_bbox(boxes: Iterable[BBox | None]) -> BBox | None:
    """The smallest box holding every given box, None when there is none.

    >>> union_bbox([(0, 0, 10, 5), None, (5, 2, 20, 8)])
    (0, 0, 20, 8)
    """
    known = [box for box in boxes if box is not None]
    if not known:
        return None
    return (
        min(b[0] for b in known),
        min(b[1] for b in known),
        max(b[2] for b in known),
        max(b[3] for b in known),
    )


def stands_between(tall: BBox, a: BBox, b: BBox) -> bool:
    """Whether box tall stands vertically between boxes a and b, across both: a title
    between two lines, which may then belong to sections with other columns.

    >>> stands_between((0, 40, 100, 60), (10, 0, 50, 10), (10, 90, 50, 100))
    True
    """
    centre = (tall[1] + tall[3]) / 2
    low, high = sorted(((a[1] + a[3]) / 2, (b[1] + b[3]) / 2))
    return low < centre < high and tall[0] < max(a[2], b[2]) and tall[2] > min(a[0], b[0])


def mean_confidence(scores: Iterable[float | None]) -> float | None:
    """The mean of the known scores, rounded, None when there is none."""
    known = [score for score in scores if score is not None]
    return round(sum(known) / len(known), 4) if known else None


def text_confidence(lines: Iterable[Line]) -> float | None:
    """The mean confidence of lines weighted by their characters (a page's, as a reader
    meets it), None when no line has a confidence or a character."""
    sized = [(line.confidence, len(line.text)) for line in lines if line.confidence is not None]
    chars = sum(n for _, n in sized)
    return sum(c * n for c, n in sized) / chars if chars else None


@dataclass(frozen=True)
class Word:
    """A run of a line's characters as the source read it, with its box and glyph size.

    text starts with a space where the source printed one before it, so a line's words
    joined are its text; layout cuts a line at a gutter between its words. An OCR source
    gives its confidence (0-1) and says whether it doubts the reading (below what its
    engine gives real characters): a doubtful mark at a gutter is what it read into it.
    """

    text: str
    bbox: BBox
    size: float | None = None
    confidence: float | None = None
    doubtful: bool = False


@dataclass(frozen=True)
class Line:
    """One line of text as a source produced it.

    row orders lines within a page as the source gave them; for plain text it is the line
    number, so blank lines show as gaps. confidence is 0-1 (None where the source has none).
    words are its pieces with their boxes, where the source has them: a source reads along
    a baseline, and only layout knows where a column gutter cuts it. blanks are the
    stretches (x0, x1) where blank paper runs right across the line's band, where the
    source saw the page (paper_seen; with none, the line is inked from end to end): the
    engine's boxes only approximate them.
    """

    text: str
    page: int
    row: int
    bbox: BBox | None = None
    size: float | None = None
    confidence: float | None = None
    origin: str = "text"
    words: tuple[Word, ...] = ()
    blanks: tuple[tuple[float, float], ...] = ()
    paper_seen: bool = False


def from_text_layer(lines: Iterable[Line]) -> bool:
    """Whether every line was taken from a PDF's text layer, which states its characters
    and sizes as printed, rather than read or measured off an image."""
    return all(line.origin == "pdf-text" for line in lines)


def sure_length(line: Line) -> int:
    """How many characters a line holds that the engine did not doubt (all of them where it
    carries no words): of a glyph it could not read, an engine makes doubtful marks and
    strokes (`悦、\\读击`), which a better reading need not repeat.

    >>> words = (Word("悦", (0, 0, 9, 9)), Word("、读", (9, 0, 20, 9), doubtful=True))
    >>> sure_length(Line("悦、读", 1, 0, words=words)), sure_length(Line("悦 读", 1, 0))
    (1, 2)
    """
    if not line.words:
        return len("".join(line.text.split()))
    return sum(len("".join(word.text.split())) for word in line.words if not word.doubtful)


def joined_line(pieces: list[Line]) -> Line:
    """Pieces of one line, left to right, as one line: its glyph size is that most of its
    characters are set in (a piece whose box ran tall reads larger than it is).

    >>> a = Line("夏阳街道", 1, 3, (43, 130, 121, 149), 18.6)
    >>> b = Line("三个小区通过", 1, 4, (123, 129, 222, 156), 26.6)
    >>> c = Line("Chan", 1, 5, (225, 131, 260, 149), 19.0)
    >>> joined_line([a, b, c]).text, joined_line([a, b, c]).size, joined_line([a, b]).bbox
    ('夏阳街道三个小区通过Chan', 19.0, (43, 129, 222, 156))
    """
    if len(pieces) == 1:
        return pieces[0]
    return replace(
        pieces[0],
        text=functools.reduce(join_text, (piece.text for piece in pieces)),
        bbox=union_bbox(line.bbox for line in pieces),
        size=size_of_most(pieces),
        confidence=mean_confidence(line.confidence for line in pieces),
        words=sum((piece.words for piece in pieces), ()) if all(p.words for p in pieces) else (),
    )


def commonest_size(sized: Iterable[tuple[float | None, int]], digits: int = 1) -> float | None:
    """The glyph size (rounded to digits) that most characters are set in, from pairs of a
    size and a count of characters: a page's or a document's body size."""
    weights: Counter[float] = Counter()
    for size, chars in sized:
        if size:
            weights[round(size, digits)] += chars
    return weights.most_common(1)[0][0] if weights else None


def size_of_most(lines: Sequence[Line]) -> float | None:
    """The glyph size at the middle character of the lines, ordered by size."""
    sizes = sorted((line.size, len(line.text)) for line in lines if line.size is not None)
    total, seen = sum(n for _, n in sizes), 0
    for size, n in sizes:
        seen += n
        if 2 * seen >= total:
            return size
    return None


@dataclass(frozen=True)
class Page:
    """One page of a source: its lines and, for geometric sources, its size in points.
    turn: the quarter turn (degrees counter-clockwise) from the page as the file shows it
    to the frame its lines' boxes are in: 90 for a page set in vertical columns, read with
    its columns as rows; the turn that set a page fed sideways or upside down upright."""

    number: int
    lines: tuple[Line, ...]
    width: float | None = None
    height: float | None = None
    origin: str = "text"
    warnings: tuple[str, ...] = ()
    turn: int = 0


@dataclass(frozen=True)
class Block:
    """Lines that belong together (a paragraph, a title, a caption), in reading order.

    text is what cleanup made of raw; raw is the lines as the source gave them, joined by
    newlines. role is set by layout where position alone decides it (page numbers, running
    headers); structure decides the rest. near_figure: next to a tall gap in its column (a
    photo); indented: its first line starts indented, as a paragraph does and a head never;
    centred: its lines stand centred in a column they do not fill, as a caption or a head
    does and running text never; figure_gap: a tall stretch with no text lies right above
    or below it across its width on the page (where near_figure sees only its column).
    """

    raw: str
    text: str
    page: int
    lines: tuple[Line, ...]
    bbox: BBox | None = None
    size: float | None = None
    confidence: float | None = None
    role: BoilerplateRole | None = None
    column: int = 0
    near_figure: bool = False
    indented: bool = False
    centred: bool = False
    figure_gap: bool = False


@dataclass(frozen=True)
class SourceInfo:
    """Where a bulletin came from."""

    path: str
    sha256: str
    kind: str
    page_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "kind": self.kind,
            "page_count": self.page_count,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourceInfo:
        return cls(data["path"], data["sha256"], data["kind"], data["page_count"])


@dataclass(frozen=True)
class BodyBlock:
    """A paragraph or heading of an article body."""

    role: BodyRole
    text: str
    page: int
    bbox: BBox | None = None
    confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "text": self.text,
            "page": self.page,
            "bbox": _bbox_out(self.bbox),
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BodyBlock:
        return cls(
            data["role"],
            data["text"],
            data["page"],
            _bbox_in(data.get("bbox")),
            data.get("confidence"),
        )


@dataclass(frozen=True)
class Caption:
    """The caption of a photo or figure, kept out of the body text."""

    text: str
    page: int
    bbox: BBox | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "page": self.page, "bbox": _bbox_out(self.bbox)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Caption:
        return cls(data["text"], data["page"], _bbox_in(data.get("bbox")))


@dataclass(frozen=True)
class Boilerplate:
    """Text set aside from the articles: masthead, QR prompt, publisher line, page number."""

    text: str
    role: BoilerplateRole
    page: int
    bbox: BBox | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "role": self.role,
            "page": self.page,
            "bbox": _bbox_out(self.bbox),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Boilerplate:
        return cls(data["text"], data["role"], data["page"], _bbox_in(data.get("bbox")))


@dataclass(frozen=True)
class Head:
    """One of an article's heads (kicker, title, subtitle, byline) where it stands on its
    page, so a view can draw it from the record alone."""

    role: HeadRole
    text: str
    page: int
    bbox: BBox | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "text": self.text,
            "page": self.page,
            "bbox": _bbox_out(self.bbox),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Head:
        return cls(data["role"], data["text"], data["page"], _bbox_in(data.get("bbox")))


@dataclass(frozen=True)
class PageSize:
    """A page's number and size in PDF points (None for text input), and the turn of its
    boxes' frame from the page as the file shows it (`Page.turn`), for views drawn from the
    record."""

    number: int
    width: float | None = None
    height: float | None = None
    turn: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "width": None if self.width is None else round(self.width, 2),
            "height": None if self.height is None else round(self.height, 2),
            "turn": self.turn,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PageSize:
        return cls(data["number"], data.get("width"), data.get("height"), data.get("turn", 0))


@dataclass(frozen=True)
class Article:
    """One article: its head (kicker, title, subtitle, byline), body, captions and dates."""

    id: str
    title: str | None
    body: tuple[BodyBlock, ...]
    pages: tuple[int, ...]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    captions: tuple[Caption, ...] = ()
    dates: tuple[str, ...] = ()
    heads: tuple[Head, ...] = ()

    @property
    def text(self) -> str:
        """The body as plain text, one block a line."""
        return "\n".join(block.text for block in self.body)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kicker": self.kicker,
            "title": self.title,
            "subtitle": self.subtitle,
            "byline": self.byline,
            "pages": list(self.pages),
            "body": [block.to_dict() for block in self.body],
            "captions": [caption.to_dict() for caption in self.captions],
            "dates": list(self.dates),
            "heads": [head.to_dict() for head in self.heads],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        return cls(
            id=data["id"],
            title=data.get("title"),
            body=tuple(BodyBlock.from_dict(b) for b in data.get("body", ())),
            pages=tuple(data.get("pages", ())),
            kicker=data.get("kicker"),
            subtitle=data.get("subtitle"),
            byline=data.get("byline"),
            captions=tuple(Caption.from_dict(c) for c in data.get("captions", ())),
            dates=tuple(data.get("dates", ())),
            heads=tuple(Head.from_dict(h) for h in data.get("heads", ())),
        )


@dataclass(frozen=True)
class Bulletin:
    """Everything read from one file: articles, boilerplate, what cleanup fixed, warnings,
    and the pages from which nothing could be read as articles."""

    source: SourceInfo
    script: str
    articles: tuple[Article, ...]
    boilerplate: tuple[Boilerplate, ...] = ()
    fixes: tuple[tuple[str, int], ...] = ()
    warnings: tuple[str, ...] = ()
    unread_pages: tuple[int, ...] = ()
    pages: tuple[PageSize, ...] = ()
    schema_version: int = field(default=SCHEMA_VERSION)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "source": self.source.to_dict(),
            "script": self.script,
            "articles": [article.to_dict() for article in self.articles],
            "boilerplate": [item.to_dict() for item in self.boilerplate],
            "fixes": dict(self.fixes),
            "warnings": list(self.warnings),
            "unread_pages": list(self.unread_pages),
            "pages": [page.to_dict() for page in self.pages],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Bulletin:
        return cls(
            source=SourceInfo.from_dict(data["source"]),
            script=data["script"],
            articles=tuple(Article.from_dict(a) for a in data.get("articles", ())),
            boilerplate=tuple(Boilerplate.from_dict(b) for b in data.get("boilerplate", ())),
            fixes=tuple((str(k), int(v)) for k, v in data.get("fixes", {}).items()),
            warnings=tuple(data.get("warnings", ())),
            unread_pages=tuple(int(n) for n in data.get("unread_pages", ())),
            pages=tuple(PageSize.from_dict(p) for p in data.get("pages", ())),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )


def _bbox_out(bbox: BBox | None) -> list[float] | None:
    return None if bbox is None else [round(v, 2) for v in bbox]


def _bbox_in(value: Any) -> BBox | None:
    return (
        None
        if value is None
        else (float(value[0]), float(value[1]), float(value[2]), float(value[3]))
    )


@dataclass(frozen=True)
class Document:
    """What a source read from one file: its pages, before layout."""

    path: str
    sha256: str
    kind: str
    pages: Sequence[Page]

    @property
    def info(self) -> SourceInfo:
        return SourceInfo(printable_path(self.path), self.sha256, self.kind, len(self.pages))


def printable_path(path: str) -> str:
    r"""A path as text any UTF-8 writer takes: the bytes of a file name that are not UTF-8,
    which Python keeps as lone surrogates no encoder accepts, shown as `\xNN`.

    >>> printable_path(os.fsdecode(b"nb/\xb9\xfa.txt")), printable_path("新泾.txt")
    ('nb/\\xb9\\xfa.txt', '新泾.txt')
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")
