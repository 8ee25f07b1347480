"""Writers for the record (JSON, JSONL, Markdown, plain text) and its JSON Schema."""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from .model import (
    BODY_ROLES,
    BOILERPLATE_ROLES,
    HEAD_ROLES,
    SCHEMA_VERSION,
    SOURCE_KINDS,
    BBox,
    Bulletin,
)


def to_json(bulletin: Bulletin) -> str:
    """The whole record as one JSON document."""
    return json.dumps(bulletin.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_jsonl(bulletin: Bulletin) -> str:
    """One article a line, each carrying the bulletin's source and script, for loading
    many bulletins into one table."""
    record = bulletin.to_dict()
    lines = [
        one_line_json({"source": record["source"], "script": record["script"], **article})
        for article in record["articles"]
    ]
    return "".join(line + "\n" for line in lines)


def one_line_json(value: Any) -> str:
    """JSON on one line for every reader: the line and paragraph separators U+2028 and
    U+2029, valid raw inside a JSON string, end a line for readers that split on them
    (Python's `str.splitlines`, JavaScript before ES2019), so they are escaped."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def to_markdown(bulletin: Bulletin) -> str:
    """The articles for people to read; what was set aside is listed at the end."""
    md = markdown_text
    parts: list[str] = []
    for article in bulletin.articles:
        if article.kicker:
            parts.append(f"*{md(article.kicker)}*")
        parts.append(f"# {md(article.title or '(untitled)')}")
        if article.subtitle:
            parts.append(f"## {md(article.subtitle)}")
        if article.byline:
            parts.append(f"*{md(article.byline)}*")
        for block in article.body:
            parts.append(f"### {md(block.text)}" if block.role == "heading" else md(block.text))
        parts.extend(f"> 图：{md(caption.text)}" for caption in article.captions)
    if bulletin.boilerplate:
        items = "\n".join(f"- {md(item.text)} ({item.role})" for item in bulletin.boilerplate)
        parts.append(f"---\n\nSet aside:\n\n{items}")
    return "\n\n".join(parts) + "\n"


def markdown_text(text: str) -> str:
    """Text as Markdown shows it, not as it would run: a renderer passes raw HTML through
    (`<script>`, `<img onerror=…>`), so `&`, `<` and `>` are escaped.

    >>> markdown_text("<b>通知</b> & 公告")
    '&lt;b&gt;通知&lt;/b&gt; &amp; 公告'
    """
    return html.escape(text, quote=False)


def to_text(bulletin: Bulletin) -> str:
    """The articles as plain text: head lines, then paragraphs, a blank line between."""
    articles = []
    for article in bulletin.articles:
        heads = [article.kicker, article.title, article.subtitle, article.byline]
        lines = [head for head in heads if head]
        lines.extend(block.text for block in article.body)
        lines.extend(caption.text for caption in article.captions)
        articles.append("\n\n".join(lines))
    return "\n\n\n".join(articles) + "\n"


WRITERS: dict[str, Callable[[Bulletin], str]] = {
    "json": to_json,
    "jsonl": to_jsonl,
    "md": to_markdown,
    "txt": to_text,
}
"""Output format name (also the file suffix) to writer."""


def record_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the record that `to_json` writes."""
    nullable_string = {"type": ["string", "null"]}
    bbox = {
        "type": ["array", "null"],
        "items": {"type": "number"},
        "minItems": 4,
        "maxItems": 4,
        "description": "[x0, top, x1, bottom] in PDF points, origin top left",
    }
    body_block = {
        "type": "object",
        "required": ["role", "text", "page", "bbox", "confidence"],
        "additionalProperties": False,
        "properties": {
            "role": {"enum": list(BODY_ROLES)},
            "text": {"type": "string"},
            "page": {"type": "integer", "minimum": 1},
            "bbox": bbox,
            "confidence": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
        },
    }
    caption = {
        "type": "object",
        "required": ["text", "page", "bbox"],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string"},
            "page": {"type": "integer", "minimum": 1},
            "bbox": bbox,
        },
    }
    head = {
        "type": "object",
        "required": ["role", "text", "page", "bbox"],
        "additionalProperties": False,
        "properties": {
            "role": {"enum": list(HEAD_ROLES)},
            "text": {"type": "string"},
            "page": {"type": "integer", "minimum": 1},
            "bbox": bbox,
        },
    }
    article = {
        "type": "object",
        "required": [
            "id",
            "kicker",
            "title",
            "subtitle",
            "byline",
            "pages",
            "body",
            "captions",
            "dates",
        ],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string"},
            "kicker": nullable_string,
            "title": nullable_string,
            "subtitle": nullable_string,
            "byline": nullable_string,
            "pages": {"type": "array", "items": {"type": "integer", "minimum": 1}},
            "body": {"type": "array", "items": body_block},
            "captions": {"type": "array", "items": caption},
            "dates": {"type": "array", "items": {"type": "string", "format": "date"}},
            "heads": {"type": "array", "items": head},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bulletin_ingest record",
        "type": "object",
        "required": [
            "schema_version",
            "source",
            "script",
            "articles",
            "boilerplate",
            "fixes",
            "warnings",
        ],
        "additionalProperties": False,
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "source": {
                "type": "object",
                "required": ["path", "sha256", "kind", "page_count"],
                "additionalProperties": False,
                "properties": {
                    "path": {"type": "string"},
                    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    "kind": {"enum": list(SOURCE_KINDS)},
                    "page_count": {"type": "integer", "minimum": 0},
                },
            },
            "script": {"enum": ["simplified", "traditional"]},
            "articles": {"type": "array", "items": article},
            "boilerplate": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["text", "role", "page", "bbox"],
                    "additionalProperties": False,
                    "properties": {
                        "text": {"type": "string"},
                        "role": {"enum": list(BOILERPLATE_ROLES)},
                        "page": {"type": "integer", "minimum": 1},
                        "bbox": bbox,
                    },
                },
            },
            "fixes": {"type": "object", "additionalProperties": {"type": "integer"}},
            "warnings": {"type": "array", "items": {"type": "string"}},
            "unread_pages": {"type": "array", "items": {"type": "integer", "minimum": 1}},
            "pages": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["number", "width", "height"],
                    "additionalProperties": False,
                    "properties": {
                        "number": {"type": "integer", "minimum": 1},
                        "width": {"type": ["number", "null"], "exclusiveMinimum": 0},
                        "height": {"type": ["number", "null"], "exclusiveMinimum": 0},
                        "turn": {"enum": [0, 90, 180, 270]},
                    },
                },
                "description": (
                    "each page's size in PDF points (null for text input), and the quarter "
                    "turn counter-clockwise from the page as the file shows it to the frame "
                    "of its boxes"
                ),
            },
        },
    }


ROLE_COLOURS = {
    "kicker": (230, 120, 0),
    "title": (210, 20, 30),
    "subtitle": (200, 0, 150),
    "byline": (200, 0, 150),
    "paragraph": (20, 90, 220),
    "heading": (0, 40, 130),
    "caption": (0, 150, 60),
}
"""The colour each role of an article is drawn in by `draw_page`."""

BOILERPLATE_COLOUR = (130, 130, 130)
"""The colour of every line set aside, whatever its role."""


@dataclass(frozen=True)
class DrawnBlock:
    """One box of a page's view: its role, box in PDF points, article (None for
    boilerplate) and place in the page's reading order (None where the reading skips it)."""

    role: str
    bbox: BBox
    article: str | None = None
    order: int | None = None

    @property
    def label(self) -> str:
        parts = (str(self.order) if self.order else "", self.article or "", self.role)
        return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class Piece:
    """A head, body block, caption or line set aside of a record, with where it stands:
    what `draw_page` draws and the HTML report shows beside its text."""

    key: str
    role: str
    text: str
    page: int
    bbox: BBox | None
    article: str | None  # None for boilerplate


def pieces_of(bulletin: Bulletin, prefix: str) -> list[Piece]:
    """Every head, body block, caption and line set aside of a record, each article's in
    turn, then what was set aside; each keyed `prefix-N`."""
    pieces: list[Piece] = []

    def add(role: str, text: str, page: int, bbox: BBox | None, article: str | None) -> None:
        pieces.append(Piece(f"{prefix}-{len(pieces)}", role, text, page, bbox, article))

    for article in bulletin.articles:
        for head in article.heads:
            add(head.role, head.text, head.page, head.bbox, article.id)
        for block in article.body:
            add(block.role, block.text, block.page, block.bbox, article.id)
        for caption in article.captions:
            add("caption", caption.text, caption.page, caption.bbox, article.id)
    for item in bulletin.boilerplate:
        add(item.role, item.text, item.page, item.bbox, None)
    return pieces


def page_blocks_in_order(bulletin: Bulletin, number: int) -> list[DrawnBlock]:
    """Every block of the record on page `number` with a box, in reading order: each
    article's heads then its body, numbered across the page, then its captions and the
    boilerplate, which the reading order skips."""
    boxed = [p for p in pieces_of(bulletin, "") if p.page == number and p.bbox is not None]
    read = [p for p in boxed if p.article is not None and p.role != "caption"]
    aside = [p for p in boxed if p.role == "caption"] + [p for p in boxed if p.article is None]
    return [_drawn(p, n) for n, p in enumerate(read, start=1)] + [_drawn(p) for p in aside]


def _drawn(piece: Piece, order: int | None = None) -> DrawnBlock:
    assert piece.bbox is not None
    return DrawnBlock(piece.role, piece.bbox, piece.article, order)


def draw_page(bulletin: Bulletin, number: int, picture: Image.Image) -> Image.Image:
    """The page's picture with the record's blocks drawn over it: a box in its role's
    colour and a label (reading order, article, role) for each, and an arrow from each
    block of an article to the next it reads on to; drawn from the record alone."""
    size = next((p for p in bulletin.pages if p.number == number), None)
    if size is None or not size.width or not size.height:
        raise ValueError(f"the record has no size for page {number}")
    if size.turn:
        picture = picture.rotate(size.turn, expand=True)  # the boxes' frame: see docs/record.md
    scale = picture.width / size.width
    view = picture.convert("RGB")
    draw = ImageDraw.Draw(view, "RGBA")
    font = ImageFont.load_default(size=max(10, round(8 * scale)))
    blocks = page_blocks_in_order(bulletin, number)

    def scaled(bbox: BBox) -> tuple[float, float, float, float]:
        return (bbox[0] * scale, bbox[1] * scale, bbox[2] * scale, bbox[3] * scale)

    for block in blocks:
        colour = ROLE_COLOURS.get(block.role, BOILERPLATE_COLOUR)
        draw.rectangle(scaled(block.bbox), outline=colour, fill=(*colour, 28), width=2)
    read = [b for b in blocks if b.order]
    for before, after in itertools.pairwise(read):
        if before.article == after.article:
            draw.line(
                (*_centre(scaled(before.bbox)), *_centre(scaled(after.bbox))),
                fill=(240, 40, 160, 200),
                width=2,
            )
    for block in blocks:
        x0, top, _, _ = scaled(block.bbox)
        text_box = draw.textbbox((x0, top), block.label, font=font)
        draw.rectangle(text_box, fill=(255, 255, 255, 210))
        draw.text(
            (x0, top), block.label, fill=ROLE_COLOURS.get(block.role, BOILERPLATE_COLOUR), font=font
        )
    return view


def _centre(box: tuple[float, float, float, float]) -> tuple[float, float]:
    return ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
