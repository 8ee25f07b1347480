"""Full stops and commas read by their shape on the page (`sources.marks`)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from bulletin_ingest import IngestConfig
from bulletin_ingest.model import Line, Word
from bulletin_ingest.sources import ocr, tesseract
from bulletin_ingest.sources.images import PageImage
from bulletin_ingest.sources.marks import (
    corner_by_shape,
    corners,
    pieces_of,
    quotes,
    with_marks_by_shape,
)

from .pages import SERIF, small_page, vertical_page

MICROHEI = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

DPI = 300


def printed(text: str, face: int, size: int = 40, path: str = SERIF) -> tuple[np.ndarray, Line]:
    """A line of text drawn in a face of the serif collection (2 simplified, 3 traditional,
    which sets its marks in the middle of the cell), or of another collection, and the line
    an engine would read off it, in points, one word over the line, its text the printed
    text."""
    font = ImageFont.truetype(path, size, index=face)
    image = Image.new("L", (60 + size * (len(text) + 2), 3 * size), 255)
    draw = ImageDraw.Draw(image)
    draw.text((60, size), text, font=font, fill=0)
    x0, top, x1, bottom = draw.textbbox((60, size), text, font=font)
    box = tuple(v * 72 / DPI for v in (x0, top, x1, bottom))
    line = Line(text, 1, 0, box, size * 72 / DPI, 0.9, words=(Word(text, box, None, 0.9),))
    return np.asarray(image), line


def read_as(line: Line, text: str) -> Line:
    """The line as read with another text, its box unchanged: one word over all its ink."""
    word = line.words[0]
    return Line(text, 1, 0, line.bbox, line.size, 0.9, words=(Word(text, word.bbox, None, 0.9),))


def corrected(text: str, reading: str, face: int = 2, size: int = 40, path: str = SERIF) -> str:
    """What the marks' check makes of a reading of a line of text printed in a face."""
    grey, line = printed(text, face, size, path)
    return with_marks_by_shape(read_as(line, reading), grey, DPI).text


@pytest.mark.parametrize("face", [2, 3])
def test_a_comma_read_as_a_full_stop_is_a_comma_again(face: int) -> None:
    assert corrected("工作忙，来到中心", "工作忙。来到中心", face) == "工作忙，来到中心"


@pytest.mark.parametrize("face", [2, 3])
def test_a_full_stop_read_as_a_comma_is_a_full_stop_again(face: int) -> None:
    assert corrected("工作忙。来到中心", "工作忙，来到中心", face) == "工作忙。来到中心"
    assert corrected("工作忙。来到中心", "工作忙,来到中心", face) == "工作忙。来到中心"


@pytest.mark.parametrize("face", [2, 3])
def test_a_full_stop_read_as_a_letter_o_is_a_full_stop_again(face: int) -> None:
    assert corrected("小区。九月", "小区o九月", face) == "小区。九月"
    assert corrected("小区。九月", "小区O九月", face) == "小区。九月"


@pytest.mark.parametrize("face", [2, 3])
def test_a_full_stop_boxed_into_the_line_and_passed_over_is_put_in(face: int) -> None:
    """Tesseract boxes a paragraph's closing full stop into its last word at times, and
    reads none; a glyph that encloses paper at its right (`口` of `和`) is no full stop."""
    assert corrected("节日活动。", "节日活动", face) == "节日活动。"
    grey, line = printed("节日活动和", face)
    assert with_marks_by_shape(line, grey, DPI) is line


def test_marks_read_as_printed_and_other_glyphs_stay() -> None:
    grey, line = printed("工作忙，来到。中心", 2)
    assert with_marks_by_shape(line, grey, DPI) is line
    # no mark's ink where the reading puts one: a glyph misread as a mark is left alone
    assert corrected("工作忙了来到中心", "工作忙。来到中心") == "工作忙。来到中心"


@pytest.mark.parametrize("face", [2, 3])
def test_a_closing_quote_read_as_a_full_stop_is_a_quote_again(face: int) -> None:
    """Each stroke of a closing quote is shaped as a comma, but the two sit side by side,
    high in the line."""
    assert corrected("来到”心坎", "来到。心坎", face) == "来到”心坎"
    assert corrected("来到“心坎", "来到，心坎", face) == "来到“心坎"


def glyph_by_glyph(text: str, read: str, size: int = 40) -> tuple[np.ndarray, Line]:
    """A line of text printed in the simplified face, read as read: each character read
    boxed over its own cell, as the engine boxes glyphs, the others passed over."""
    grey, line = printed(text, 2, size)
    font = ImageFont.truetype(SERIF, size, index=2)
    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    words, left = [], list(read)
    for n, glyph in enumerate(text):
        if left and glyph == left[0]:
            left.pop(0)
            x0 = 60 + draw.textlength(text[:n], font=font)
            box = (x0 * 72 / DPI, line.bbox[1], (x0 + size) * 72 / DPI, line.bbox[3])
            words.append(Word(glyph, box, None, 0.9))
    return grey, replace(line, text=read, words=tuple(words))


@pytest.mark.parametrize(
    "read", ["的绿色管家志愿", "的“绿色管家志愿", "的绿色管家”志愿", "的“绿色管家”志愿"]
)
def test_quotes_the_engine_passed_over_are_put_where_their_ink_stands(read: str) -> None:
    grey, line = glyph_by_glyph("的“绿色管家”志愿", read)
    assert with_marks_by_shape(line, grey, DPI).text == "的“绿色管家”志愿"


def stop_and_quote_read_as_one(line: Line) -> Line:
    """The line with its closing quote's word read, doubted, as a full stop and the quote,
    over the cells of both where the line's reading has a full stop before it."""
    words = list(line.words)
    n = next(k for k, w in enumerate(words) if w.text == "”")
    x0 = words[n - 1].bbox[0] if words[n - 1].text == "。" else words[n].bbox[0]
    start = n - 1 if words[n - 1].text == "。" else n
    word = replace(words[n], text="。”", doubtful=True, bbox=(x0, *words[n].bbox[1:]))
    words[start : n + 1] = [word]
    return replace(line, text="".join(w.text for w in words), words=tuple(words))


def test_a_doubted_full_stop_read_before_a_quote_with_no_ink_of_its_own_goes() -> None:
    """Tesseract writes the full stop its language model puts before a closing quote where
    the page prints the quote alone (`“水脈”` read `“水脈。”`), doubting the two; where the
    page prints the stop, its ink keeps it."""
    grey, line = glyph_by_glyph("打造“水脈”的", "打造“水脈”的")
    assert with_marks_by_shape(stop_and_quote_read_as_one(line), grey, DPI).text == "打造“水脈”的"
    grey, line = glyph_by_glyph("他说“好。”的", "他说“好。”的")
    assert with_marks_by_shape(stop_and_quote_read_as_one(line), grey, DPI).text == "他说“好。”的"


def test_a_quote_just_before_a_wordless_lines_box_is_put_in() -> None:
    """A head read again alone carries no words, and tesseract boxed it from its first
    letter, past the opening quote it passed over; the closing quote it read has no
    partner on the line, so the quote is looked for up to a glyph past the box."""
    grey, line = printed("“悦读青浦”暑期", 2)
    x0, top, x1, bottom = line.bbox
    start = (
        x0
        + ImageDraw.Draw(Image.new("L", (1, 1))).textlength(
            "“", font=ImageFont.truetype(SERIF, 40, index=2)
        )
        * 72
        / DPI
    )
    read = Line("悦读青浦”暑期", 1, 0, (start, top, x1, bottom), line.size, 0.9)
    assert with_marks_by_shape(read, grey, DPI).text == "“悦读青浦”暑期"


def test_two_strokes_atop_a_glyph_are_no_quote() -> None:
    grey, line = glyph_by_glyph("关心首要并前单位", "关心首要并前单位")
    assert with_marks_by_shape(line, grey, DPI) is line


@pytest.mark.parametrize("face", [2, 3])
def test_corner_brackets_read_as_other_marks_are_brackets_again(face: int) -> None:
    assert corrected("推出「乐龄学堂」和", "推出“乐龄学堂，和", face) == "推出「乐龄学堂」和"
    assert corrected("推出「乐龄学堂」和", "推出[乐龄学堂1和", face) == "推出「乐龄学堂」和"


@pytest.mark.parametrize("size", [30, 56])
def test_corner_brackets_half_a_glyph_tall_are_brackets_again(size: int) -> None:
    """WenQuanYi Micro Hei sets its corner brackets half as tall as its Han glyphs."""
    read = corrected("推出「乐龄学堂」和", "推出“乐龄学堂，和", 0, size, MICROHEI)
    assert read == "推出「乐龄学堂」和"


def test_a_bracket_boxed_under_the_glyph_beside_it_sets_right_the_mark_read_there() -> None:
    """Tesseract may box the glyph before a bracket over the bracket's ink, and the mark
    it read for the bracket a little further on."""
    grey, line = printed("推出「乐龄学堂」和", 2)
    x0, top, _, bottom = line.bbox
    cell = line.size
    words = (
        Word("推出「乐龄学堂", (x0, top, x0 + 7.8 * cell, bottom), None, 0.9),
        Word("，", (x0 + 7.4 * cell, top, x0 + 7.9 * cell, bottom), None, 0.9),
        Word("和", (x0 + 8 * cell, top, x0 + 9 * cell, bottom), None, 0.9),
    )
    read = replace(line, text="推出「乐龄学堂，和", words=words)
    assert with_marks_by_shape(read, grey, DPI).text == "推出「乐龄学堂」和"


def mask(rows: str) -> np.ndarray:
    return np.array([[c == "#" for c in row] for row in rows.split()])


BLURRED_OPENING = mask(
    ".#######. ######### #######.. .###..... .###..... .###..... .###..... .###..... "
    ".###..... .###..... .###..... .###..... ..#......"
)
"""A `「` of a 200 DPI scan, 0.45 of a glyph tall: its arm blurred into a third row."""

DIGIT_THREE = mask(
    ".........#...... .........####... ..........####.. ...........###.. ...........####. "
    "...........####. ...........####. ...........###.. ...........###.. ..........###... "
    ".........###.... ..........###... ...........###.. ............###. ............#### "
    ".###........#### .####.......#### #####.......#### .####.......###. .####......####. "
    "..####.....###.. ....#########..."
)
"""A `3` of a photographed page, as its line's band cuts it."""

PERCENT_FOOT = mask(
    "..........##... ..........###.. ..........###.. ..........###.. ..........###.. "
    ".........###... .........###... .........###... .........##.... ........###.... "
    "........###.... ........##..... .......###..... ......####..... .....#######... "
    ".....###.####.. ....###...####. ..####......### .###........### ##...........##"
)
"""The slash and lower ring of a `%` of a 200 DPI scan, joined in one piece."""


def test_a_short_blurred_bracket_is_a_bracket() -> None:
    assert corner_by_shape(BLURRED_OPENING, (1, 14), 26, 29) == "「"
    assert corner_by_shape(BLURRED_OPENING[::-1, ::-1], (12, 25), 26, 29) == "」"


def test_a_digit_or_a_percent_sign_standing_on_its_foot_is_no_bracket() -> None:
    """Each has a row across its foot, but the stroke over it bends or leans: a bracket's
    stem is straight and upright."""
    assert corner_by_shape(DIGIT_THREE, (5, 27), 31, 38) is None
    assert corner_by_shape(PERCENT_FOOT, (2, 22), 26, 31) is None


def test_the_half_of_a_glyph_with_a_box_atop_its_stem_is_no_bracket() -> None:
    """`門`'s left half: a stem down the left, under a box its rows cross twice."""
    half = np.zeros((52, 22), bool)
    half[:, :5] = True
    for row in (0, 8, 16):
        half[row : row + 4] = True
    half[:20, -5:] = True
    assert corner_by_shape(half, (1, 53), 54, 64) is None
    assert corner_by_shape(half[16:], (1, 37), 54, 64) == "「"


def test_a_hooked_stroke_under_its_glyphs_other_strokes_is_no_bracket() -> None:
    """`刂` ends in a hook shaped as `」`, but the glyph's strokes stand over it, where a
    closing bracket leaves its cell open."""
    band = np.zeros((30, 40), bool)
    band[12:28, 20:23] = True  # the stem
    band[25:28, 14:23] = True  # the hook
    alone = [corner for _, corner in corners(*pieces_of(band), 30)]
    band[2:5, 10:30] = True  # a stroke over it
    covered = [corner for _, corner in corners(*pieces_of(band), 30)]
    assert (alone, covered) == (["」"], [])


def test_two_unlike_pieces_side_by_side_are_no_quote() -> None:
    """A quote's strokes are one shape twice; a speck beside a stroke is no pair."""
    band = np.zeros((40, 60), bool)
    band[4:12, 20:24] = True
    band[4:12, 27:31] = True
    alike = [quote for _, quote in quotes(*pieces_of(band), (0, 40), 40)]
    band[4:12, 27:31] = False
    band[4:9, 27:29] = True
    unlike = quotes(*pieces_of(band), (0, 40), 40)
    assert (len(alike), unlike) == (1, [])


def test_a_latin_word_stays_as_read() -> None:
    grey, line = printed("Jason说", 2)
    assert with_marks_by_shape(line, grey, DPI) is line


def test_marks_are_read_by_their_shape_on_upright_pages_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page set in columns is read as rows of the page turned, where its marks stand
    turned: a comma's tail, a bracket's arm point another way."""
    seen: list[int] = []
    monkeypatch.setattr(
        tesseract, "marks_by_shape", lambda lines, grey, dpi: seen.append(len(lines)) or lines
    )
    reader = ocr.page_reader(IngestConfig(engine="tesseract", script="simplified"), "p.png")
    reader.read(PageImage(1, vertical_page(), 300))
    assert seen == []
    reader.read(PageImage(1, small_page(), 300))
    assert len(seen) == 1 and seen[0] > 0


@pytest.mark.parametrize("face", [2, 3])
def test_a_colon_and_a_semicolon_read_as_each_other_are_set_right(face: int) -> None:
    assert corrected("主要变化：湿垃圾", "主要变化；湿垃圾", face) == "主要变化：湿垃圾"
    assert corrected("主要变化：湿垃圾", "主要变化;湿垃圾", face) == "主要变化:湿垃圾"
    assert corrected("主要变化；湿垃圾", "主要变化：湿垃圾", face) == "主要变化；湿垃圾"


def read_doubted(line: Line, text: str) -> Line:
    """The line as read with another text of the same length, the engine doubting it."""
    word = replace(line.words[0], text=text, doubtful=True)
    return replace(line, text=text, words=(word,))


@pytest.mark.parametrize("face", [2, 3])
def test_a_solidus_read_as_a_doubted_glyph_is_a_slash(face: int) -> None:
    """A writer's credit sets a solidus (`文／王明平`), which a Chinese model misreads as a
    glyph it doubts (`了`, `二`, `卫`); its ink, one thin straight stroke rising to the right
    alone in its cell, says what it is. A reading the engine is sure of stays, and so does a
    glyph whose falling stroke stands apart (`八`)."""
    grey, line = printed("文／王明平", face)
    assert with_marks_by_shape(read_doubted(line, "文了王明平"), grey, DPI).text == "文/王明平"
    assert with_marks_by_shape(read_as(line, "文了王明平"), grey, DPI).text == "文了王明平"
    grey, line = printed("文八王明平", face)
    assert with_marks_by_shape(read_doubted(line, "文人王明平"), grey, DPI).text == "文人王明平"


def test_a_solidus_the_engine_passed_over_is_put_between_the_glyphs_it_read() -> None:
    """Where the reading holds no glyph at a solidus's place, between two characters it
    read, the solidus goes between them."""
    text, size = "文／王明平", 40
    grey, line = printed(text, 2, size)
    font = ImageFont.truetype(SERIF, size, index=2)
    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    words = []
    for n, glyph in enumerate(text):
        if glyph != "／":
            x0 = 60 + draw.textlength(text[:n], font=font)
            box = (x0 * 72 / DPI, line.bbox[1], (x0 + size) * 72 / DPI, line.bbox[3])
            words.append(Word(glyph, box, None, 0.9))
    read = replace(line, text="文王明平", words=tuple(words))
    assert with_marks_by_shape(read, grey, DPI).text == "文/王明平"


def test_a_credits_solidus_is_found_where_the_first_word_is_boxed_across_the_line() -> None:
    """Tesseract boxes a short line's first word across much of the line at times; the glyphs
    it reads there still stand from its left edge, so the solidus after `文` is told from
    the glyph beside it."""
    grey, line = printed("文／王明平", 2)
    x0, top, x1, bottom = line.bbox
    cell = line.size
    words = (
        Word("文", (x0, top, x0 + 3 * cell, bottom), None, 0.92),
        Word("一", (x0 + cell, top, x0 + 2 * cell, bottom), None, 0.0, doubtful=True),
        Word("王明平", (x0 + 2 * cell, top, x1, bottom), None, 0.9),
    )
    read = replace(line, text="文一王明平", words=words)
    assert with_marks_by_shape(read, grey, DPI).text == "文/王明平"  # cleanup sets it full-width


def test_a_solidus_read_and_boxed_off_its_ink_is_not_put_in_twice() -> None:
    """The engine may read a credit's solidus and box it a few points past its ink: the
    solidus the ink shows is that one, not another it passed over."""
    grey, line = printed("文／王明平", 2)
    x0, top, x1, bottom = line.bbox
    cell = line.size
    words = (
        Word("文", (x0, top, x0 + 1.7 * cell, bottom), None, 0.92),
        Word("/", (x0 + 2.1 * cell, top, x0 + 2.2 * cell, bottom), None, 0.91),
        Word("王明平", (x0 + 2.2 * cell, top, x1, bottom), None, 0.9),
    )
    read = replace(line, text="文/王明平", words=words)
    assert with_marks_by_shape(read, grey, DPI).text == "文/王明平"


def test_a_reading_without_han_gets_no_quotes() -> None:
    """A photograph's texture read as letters quotes nothing in Chinese, whatever strokes
    stand in it."""
    grey, line = printed("的“绿色管家”志愿", 2)
    read = read_as(line, "eg")
    assert with_marks_by_shape(read, grey, DPI) is read


@pytest.mark.parametrize("text", ["工作忙，来到中心", "舞蹈、戏曲器乐"])
def test_a_mark_read_alone_where_the_line_shows_no_mark_is_doubted(text: str) -> None:
    """A pause or stop read as a word of its own where the line shows no mark's ink is
    what the engine made of a speck or of a mark of the column beside it; where the ink
    stands, the reading is as sure as before, and `、` stays as read."""
    grey, line = glyph_by_glyph(text, text)
    checked = with_marks_by_shape(line, grey, DPI)
    assert checked.text == text and not any(word.doubtful for word in checked.words)
    mark = next(char for char in text if char in "，、")
    blank, _ = printed(text.replace(mark, "\u3000"), 2)
    doubted = with_marks_by_shape(line, blank, DPI)
    assert [word.text for word in doubted.words if word.doubtful] == [mark]
