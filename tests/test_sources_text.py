from __future__ import annotations

from pathlib import Path

import pytest

from bulletin_ingest import InputFileError, ingest, ingest_text
from bulletin_ingest.sources.text import decode_text, read_text, split_pages

from .conftest import SEED


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-32"])
def test_simplified_text_in_any_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "seed.txt"
    path.write_bytes(text.encode(encoding))
    assert read_text(path).pages == read_text(SEED).pages


def test_big_endian_unicode_is_read_by_its_byte_order_mark() -> None:
    text = "新泾镇召开工作推进会"
    assert decode_text(b"\xfe\xff" + text.encode("utf-16-be")) == text


def test_big5_traditional_text_is_detected() -> None:
    text = "元朗區議會舉辦社區活動，居民踴躍參與。\n區內長者中心開幕。"
    assert decode_text(text.encode("big5")) == text


def test_gb18030_simplified_is_not_mistaken_for_big5() -> None:
    text = "新泾镇召开加强基层治理体系和治理能力现代化建设工作推进会"
    assert decode_text(text.encode("gb18030")) == text


def test_page_breaks_at_form_feed_and_three_blank_lines() -> None:
    assert split_pages("甲\n\n乙\f丙\n\n\n\n丁\n\n\n戊") == ["甲\n\n乙", "丙", "丁\n\n\n戊"]


def test_seed_pages_and_rows() -> None:
    document = read_text(SEED)
    assert document.kind == "text"
    assert len(document.pages) == 6
    first = document.pages[0].lines
    assert [line.row for line in first[:3]] == [0, 1, 2]
    assert first[3].row == 4  # a blank line stood between


def test_a_line_of_invisible_characters_is_a_blank_line() -> None:
    """A zero-width space left on an empty line parts two blocks as a blank line does."""
    bulletin = ingest_text("社区食堂开业\n\u200b\n食堂每天为老人提供午餐和晚餐服务。\n")
    assert [(a.title, a.text) for a in bulletin.articles] == [
        ("社区食堂开业", "食堂每天为老人提供午餐和晚餐服务。")
    ]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b"  \n\n \n", "file is empty"),
        (b"\xef\xbb\xbf\xff\xfe", "undecodable"),
        (b"\x81\x30\x81\xff\xff\xff", "undecodable"),
        ("\u200b\u200b\n\ufeff\n \u2060\n".encode(), "holds no text"),
    ],
)
def test_bad_text_files_raise_input_file_error_naming_the_file(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputFileError) as raised:
        ingest(path)
    assert str(path) in str(raised.value)
    assert problem in str(raised.value)


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        ingest(tmp_path / "missing.txt")
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK")
    with pytest.raises(InputFileError, match=r"unsupported file type \.docx"):
        ingest(odd)
    with pytest.raises(InputFileError, match="is a directory"):
        ingest(tmp_path)


@pytest.mark.parametrize("text", ["屯門區", "社區中心", "元朗區議會", "天水圍公園。"])
def test_short_big5_text_is_read_as_big5(text: str) -> None:
    from bulletin_ingest.sources.text import decode_text

    assert decode_text(text.encode("big5")) == text


@pytest.mark.parametrize("text", ["新泾镇", "社区中心", "居民区党总支", "长者食堂。"])
def test_short_gb_text_is_read_as_gb(text: str) -> None:
    from bulletin_ingest.sources.text import decode_text

    assert decode_text(text.encode("gb18030")) == text
