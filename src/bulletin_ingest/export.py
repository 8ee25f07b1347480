"""Writers for the record (JSON, JSONL, Markdown, plain text) and its JSON Schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .model import BODY_ROLES, BOILERPLATE_ROLES, SCHEMA_VERSION, SOURCE_KINDS, Bulletin


def to_json(bulletin: Bulletin) -> str:
    """The whole record as one JSON document."""
    return json.dumps(bulletin.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_jsonl(bulletin: Bulletin) -> str:
    """One article a line, each carrying the bulletin's source and script, for loading
    many bulletins into one table."""
    record = bulletin.to_dict()
    lines = [
        json.dumps(
            {"source": record["source"], "script": record["script"], **article},
            ensure_ascii=False,
        )
        for article in record["articles"]
    ]
    return "".join(line + "\n" for line in lines)


def to_markdown(bulletin: Bulletin) -> str:
    """The articles for people to read; what was set aside is listed at the end."""
    parts: list[str] = []
    for article in bulletin.articles:
        if article.kicker:
            parts.append(f"*{article.kicker}*")
        parts.append(f"# {article.title or '(untitled)'}")
        if article.subtitle:
            parts.append(f"## {article.subtitle}")
        if article.byline:
            parts.append(f"*{article.byline}*")
        for block in article.body:
            parts.append(f"### {block.text}" if block.role == "heading" else block.text)
        parts.extend(f"> 图：{caption.text}" for caption in article.captions)
    if bulletin.boilerplate:
        items = "\n".join(f"- {item.text} ({item.role})" for item in bulletin.boilerplate)
        parts.append(f"---\n\nSet aside:\n\n{items}")
    return "\n\n".join(parts) + "\n"


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
                    "required": ["text", "role", "page"],
                    "additionalProperties": False,
                    "properties": {
                        "text": {"type": "string"},
                        "role": {"enum": list(BOILERPLATE_ROLES)},
                        "page": {"type": "integer", "minimum": 1},
                    },
                },
            },
            "fixes": {"type": "object", "additionalProperties": {"type": "integer"}},
            "warnings": {"type": "array", "items": {"type": "string"}},
            "unread_pages": {"type": "array", "items": {"type": "integer", "minimum": 1}},
        },
    }
