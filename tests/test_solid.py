"""A glyph the engine read into a blank, found by its line's width (`sources.solid`)."""

from __future__ import annotations

import pytest

from bulletin_ingest.model import Line, Word
from bulletin_ingest.sources.lines import NOISE_CONFIDENCE, glyph_size
from bulletin_ingest.sources.solid import without_glyphs_read_in_blanks

SIZE = 10.0
PRINTED = "社区居民积极参与垃圾分类志愿服务共建家园"  # 20 glyphs
SURE = 0.93


def column_line(
    row: int, words: list[tuple[str, float]], glyphs: int, height: float = SIZE
) -> Line:
    """A line of a column set solid in SIZE, as many glyphs wide as it printed, read as these
    words (text and confidence) spread evenly over it, as tesseract reads a Han line."""
    text = "".join(t for t, _ in words)
    width = glyphs * height
    top = row * 1.6 * SIZE
    step = width / len(text)
    x = 0.0
    pieces = []
    for t, confidence in words:
        box = (x, top, x + step * len(t), top + height)
        pieces.append(Word(t, box, None, confidence, confidence < NOISE_CONFIDENCE))
        x += step * len(t)
    size = glyph_size(text, width, height)
    return Line(
        text, 1, row, (0, top, width, top + height), size, SURE, "ocr-tesseract", tuple(pieces)
    )


def column(middle: Line) -> tuple[Line, ...]:
    """The middle line between two full lines of the body."""
    body = [(PRINTED, SURE)]
    return (column_line(0, body, 20), middle, column_line(2, body, 20))


READ_INTO_BLANK = [("人民", SURE), ("和", 0.3), ("群众积极参与垃圾分类志愿服务共建家", SURE)]
CAPTION = [("居民在", SURE), ("广", 0.4), ("场上参观社区文化展览", SURE), ("。", SURE)]


def test_a_glyph_more_than_the_line_holds_is_the_doubted_one():
    lines = without_glyphs_read_in_blanks(column(column_line(1, READ_INTO_BLANK, 19)))
    assert lines[1].text == "人民群众积极参与垃圾分类志愿服务共建家"
    assert [w.text for w in lines[1].words] == ["人民", "群众积极参与垃圾分类志愿服务共建家"]
    assert lines[0] == column(lines[1])[0]


@pytest.mark.parametrize(
    "middle",
    [
        column_line(1, READ_INTO_BLANK, 20),  # printed: the line is as wide as read
        column_line(1, [(t, SURE) for t, _ in READ_INTO_BLANK], 19),  # nothing doubted
        column_line(1, CAPTION, 15, height=0.9 * SIZE),  # a caption, set a tenth smaller
    ],
    ids=["as-wide-as-read", "none-doubted", "smaller-type"],
)
def test_a_line_as_wide_as_its_reading_or_in_another_type_is_kept(middle: Line):
    lines = column(middle)
    assert without_glyphs_read_in_blanks(lines) == lines
