from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
from PIL import Image

from bulletin_ingest import IngestConfig, ingest_text
from bulletin_ingest.export import (
    draw_page,
    record_schema,
    to_json,
    to_jsonl,
    to_markdown,
    to_text,
)
from bulletin_ingest.model import PageSize
from bulletin_ingest.pipeline import bulletin_from_document

from .conftest import replayed


def test_json_record_matches_its_schema(seed_bulletin) -> None:
    record = json.loads(to_json(seed_bulletin))
    jsonschema.Draft202012Validator(record_schema()).validate(record)
    assert record["schema_version"] == 1
    assert record["source"]["kind"] == "text"


def test_schema_refuses_a_broken_record(seed_bulletin) -> None:
    record = json.loads(to_json(seed_bulletin))
    record["articles"][0]["body"][0]["role"] = "poem"
    errors = list(jsonschema.Draft202012Validator(record_schema()).iter_errors(record))
    assert errors


def test_jsonl_is_one_article_a_line_with_the_source(seed_bulletin) -> None:
    lines = to_jsonl(seed_bulletin).splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["source"]["sha256"] == seed_bulletin.source.sha256
    assert first["title"] == seed_bulletin.articles[0].title


def test_jsonl_keeps_one_article_a_line_with_line_separators_in_the_text() -> None:
    """U+2028 and U+2029 are valid raw in JSON but end a line for `str.splitlines`."""
    text = "社区食堂开业\n\n食堂每天为老人\u2028提供午餐\u2029和晚餐服务。\n"
    lines = to_jsonl(ingest_text(text)).splitlines()
    assert len(lines) == 1
    assert "\u2028提供午餐\u2029" in json.loads(lines[0])["body"][0]["text"]


def test_markdown_shows_html_in_the_input_as_text() -> None:
    text = "社区<b>食堂</b>开业\n\n食堂每天<script>alert(1)</script>为老人提供午餐。\n"
    markdown = to_markdown(ingest_text(text))
    assert "<script>" not in markdown and "<b>" not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown


def test_markdown_and_text_carry_titles_and_body(seed_bulletin) -> None:
    markdown = to_markdown(seed_bulletin)
    assert "# 新泾镇开展2022年第二次市、区人大代表集中联系社区活动" in markdown
    assert "### 在职党员双向赋能项目启动" in markdown
    assert "扫描二维码 (qr-prompt)" in markdown
    text = to_text(seed_bulletin)
    assert "听民声 汇民意 解民忧" in text
    assert "扫描二维码" not in text


def test_every_block_of_a_scan_record_has_its_page_and_a_box_inside_it() -> None:
    """A view can be drawn from the record alone: heads, body, captions and boilerplate
    each carry a page and a box within that page's recorded size."""
    document = replayed("xinjing-jianxun-2023-05.scan300.rapidocr")
    record = json.loads(to_json(bulletin_from_document(document, IngestConfig())))
    jsonschema.Draft202012Validator(record_schema()).validate(record)
    sizes = {page["number"]: (page["width"], page["height"]) for page in record["pages"]}
    assert sorted(sizes) == [1, 2, 3]
    articles = record["articles"]
    heads = [head for article in articles for head in article["heads"]]
    assert {head["role"] for head in heads} >= {"title", "kicker"}
    assert [h["text"] for h in heads if h["role"] == "title"] == [
        a["title"] for a in articles if a["title"]
    ]
    blocks = [
        *heads,
        *(block for article in articles for block in article["body"]),
        *(caption for article in articles for caption in article["captions"]),
        *record["boilerplate"],
    ]
    for block in blocks:
        width, height = sizes[block["page"]]
        x0, top, x1, bottom = block["bbox"]
        assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height, block


def test_a_page_is_drawn_in_the_frame_of_its_boxes() -> None:
    """A page read turned (its columns as rows, or fed sideways and read upright) records
    the turn of its boxes' frame; its picture, as the file shows it, is drawn turned so."""
    document = replayed("xinjing-jianxun-2023-05.scan300.rapidocr")
    bulletin = bulletin_from_document(document, IngestConfig())
    size = bulletin.pages[0]
    assert size.turn == 0
    width, height = round(size.width), round(size.height)
    shown = Image.new("L", (height, width), 255)  # the page as the file shows it, sideways
    turned = replace(bulletin, pages=(replace(size, turn=270), *bulletin.pages[1:]))
    assert draw_page(turned, 1, shown).size == (width, height)
    assert PageSize.from_dict(replace(size, turn=270).to_dict()).turn == 270
