"""Text regions found in the ink before OCR, and the composite with widened gutters."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from bulletin_ingest.sources import regions, tesseract
from bulletin_ingest.sources.images import PageImage

from .pages import SERIF, TEXT, column_page, small_page, vertical_page


def side_by_side(found: regions.PageRegions) -> list[regions.Region]:
    return sorted((r for r in found.regions if r.columnar), key=lambda r: r.left)


def test_three_columns_under_a_title_are_cut_apart() -> None:
    page = column_page(3, 6, title="社区清洁日百名义工齐参与")
    found = regions.text_regions(page, 300)
    columns = side_by_side(found)
    assert len(columns) == 3 and found.columns_across == 3
    assert all(a.right < b.left for a, b in itertools.pairwise(columns))
    title = min(found.regions, key=lambda r: r.top)
    assert not title.columnar and title.bottom < min(c.top for c in columns)


def test_one_column_of_prose_stays_whole() -> None:
    found = regions.text_regions(small_page(), 300)
    assert len(found.regions) == 1 and found.columns_across == 0


def test_a_gap_that_a_few_lines_share_by_chance_is_no_gutter() -> None:
    # Two rows only: too few to prove a gutter, however wide.
    found = regions.text_regions(column_page(2, 2), 300)
    assert found.columns_across == 0


def test_a_title_whose_phrase_space_lies_over_a_gutter_is_not_cut() -> None:
    # Four glyphs of 100 px end at the gutter's left edge; a full-width space spans it.
    page = column_page(2, 6, title="天水围社\u3000区清洁日")
    found = regions.text_regions(page, 300)
    title = min(found.regions, key=lambda r: r.top)
    assert not title.columnar and title.right > 60 + 8 * 50 + 67
    assert found.columns_across == 2


def test_the_composite_widens_gutters_and_maps_words_back() -> None:
    page = column_page(3, 6)
    found = regions.text_regions(page, 300)
    composite = regions.compose(page, found)
    shifts = sorted(p.shift for p in composite.placements)
    extra = round(regions.WIDEN_GLYPHS * found.glyph)
    assert shifts == [0, extra, 2 * extra]
    assert composite.image.width == page.width + 2 * extra
    last = composite.placements[-1]
    data = {
        "text": ["字", "噪"],
        "conf": [90, 90],
        "left": [last.left + 10, 5],
        "top": [last.top + 10, 5],
        "width": [40, 4],
        "height": [40, 4],
        "block_num": [1, 1],
        "par_num": [1, 1],
        "line_num": [1, 1],
    }
    moved = tesseract.words_on_page(data, composite)
    assert moved["text"] == ["字"]  # the speck outside every region is dropped
    assert moved["left"] == [last.left + 10 - last.shift]
    assert moved["columnar"] == [True]


def test_the_composite_keeps_a_mark_hung_past_a_columns_edge() -> None:
    """A full-width comma set past the edge of a justified column (hanging punctuation) is
    too faint to count as the column's ink at the resolution regions are found at; the
    composite still carries it with its column."""
    from PIL import ImageDraw, ImageFont

    from .pages import SERIF

    page = column_page(3, 6, size=40)  # body of 10pt at 300 DPI
    font = ImageFont.truetype(SERIF, 40, index=2)
    at = (60 + 8 * 40, 60)
    ImageDraw.Draw(page).text(at, "，", font=font, fill=0)
    ink = np.flatnonzero((np.asarray(page.crop((at[0], 60, at[0] + 40, 140))) < 128).any(axis=0))
    x0, x1 = at[0] + int(ink[0]), at[0] + int(ink[-1]) + 1
    found = regions.text_regions(page, 300)
    composite = regions.compose(page, found)
    first = min(found.regions, key=lambda r: r.left)
    assert first.right < x1  # the regions' ink leaves the comma out
    mark = (x0, 60, x1, 140)  # the first column stays in place on the composite
    assert np.array_equal(np.asarray(composite.image.crop(mark)), np.asarray(page.crop(mark)))


def test_a_columns_region_keeps_the_thin_dash_a_line_starts_with() -> None:
    """A dash two pixels tall (a subtitle's `——`) is too faint at the resolution regions
    are found at to count as ink: the column's region still reaches it, and the composite
    carries it; a rule across the columns widens none of them."""
    page = column_page(3, 6)
    second = 60 + 8 * 50 + 67
    dash = (second - 28, 83, second - 8, 85)  # in the gutter, before the second column
    ImageDraw.Draw(page).rectangle(dash, fill=0)
    ImageDraw.Draw(page).rectangle((60, 405, page.width - 60, 406), fill=0)
    found = regions.text_regions(page, 300)
    first, middle, last = sorted(found.regions, key=lambda r: r.left)
    assert found.columns_across == 3 and middle.left <= dash[0] + 4
    assert first.right < dash[0] and middle.right < last.left - 40
    composite = regions.compose(page, found)
    assert (np.asarray(composite.image)[dash[1] : dash[3] + 1] < 128).sum() >= (
        np.asarray(page)[dash[1] : dash[3] + 1] < 128
    ).sum()


def test_a_head_keeps_the_dash_it_opens_with_however_large_its_type() -> None:
    """A subtitle's `——` in type twice the body's is four body glyphs long and too thin to
    count as ink: the head's box still starts at it, so the head read alone keeps it."""
    page = column_page(2, 6, title="——居民区召开专题说明会", size=40)
    ink = np.flatnonzero((np.asarray(page)[:150] < 128).any(axis=0))
    (head,) = regions.text_regions(page, 300).heads
    assert head[0] <= ink[0] + 4


def test_tesseract_reads_no_line_across_narrow_gutters() -> None:
    page = column_page(3, 5, gutter=60)
    lines = tesseract.TesseractRecognizer().recognize(
        PageImage(1, page, 300), "simplified", source="cols.png"
    )
    edges = [60 + c * (8 * 50 + 60) for c in range(3)]
    scale = 72 / 300
    for line in lines:
        x0, _, x1, _ = line.bbox
        column = max(n for n, edge in enumerate(edges) if edge * scale <= x0 + 2)
        assert x1 <= (edges[column] + 8 * 50 + 10) * scale, line.text
    assert len(lines) >= 14  # five rows of three columns, a character lost at most here or there


def test_a_blank_page_has_no_regions() -> None:
    assert regions.text_regions(Image.new("L", (400, 400), 255), 300).regions == ()


def test_rows_of_large_type_are_found_as_heads() -> None:
    found = regions.text_regions(column_page(2, 4, title="社区长者食堂开业"), 300)
    assert len(found.heads) == 1
    left, top, right, bottom = found.heads[0]
    assert top < 60 + 100 < bottom and right - left > 6 * 100


def test_each_columns_rows_of_body_type_are_found_and_the_title_is_none_of_them() -> None:
    """Every line of each column is a row of body type, standing within its column; the
    title over them, in glyphs twice as tall, is a head and no body row."""
    found = regions.text_regions(column_page(2, 4, title="社区长者食堂开业"), 300)
    assert len(found.rows) == 2 * 4
    columns = side_by_side(found)
    for left, top, right, bottom in found.rows:
        assert 0.6 * found.glyph <= bottom - top < 1.4 * found.glyph
        assert any(c.left <= left and right <= c.right for c in columns)
    assert all(row[1] > found.heads[0][3] for row in found.rows)


def test_heads_side_by_side_are_found_each_on_its_own() -> None:
    """Two titles over their own columns on one row, the right one wrapped: each is a head
    of its own, a gutter apart; a title's phrase space (one glyph) parts nothing."""
    image = Image.new("L", (1900, 1300), 255)
    draw = ImageDraw.Draw(image)
    large, body = (ImageFont.truetype(SERIF, size, index=2) for size in (100, 50))
    draw.text((60, 60), "社区长者食堂开业", font=large, fill=0)
    draw.text((1100, 60), "志愿者清理", font=large, fill=0)
    draw.text((1100, 200), "河道垃圾", font=large, fill=0)
    draw.text((60, 420), "社区食堂　正式开业", font=large, fill=0)
    for row in range(8):
        draw.text((60, 600 + 80 * row), TEXT[30 * row : 30 * row + 30], font=body, fill=0)
    heads = regions.text_regions(image, 300).heads
    assert [(h[0] < 1000, h[1] < 400) for h in heads] == [
        (True, True),
        (False, True),
        (False, True),
        (True, False),
    ]
    assert heads[3][2] - heads[3][0] > 8 * 100


def test_a_page_of_very_many_rows_is_cut_without_deep_recursion() -> None:
    import numpy as np

    ink = np.zeros((4 * 1500, 300), dtype=bool)
    ink[::4, 20:280] = True  # 1500 one-column rows, each gap alike
    ink[1::4, 20:280] = True
    assert regions.xy_cut(ink, (0, 0, 300, ink.shape[0]), 2.0) == [((20, 0, 280, 5998), False)]


def test_text_set_in_columns_is_told_from_text_set_in_lines() -> None:
    assert regions.text_orientation(vertical_page(), 300) == "vertical"
    assert regions.text_orientation(vertical_page(6, 12), 300) == "vertical"
    assert regions.text_orientation(column_page(2, 6), 300) == "horizontal"
    assert regions.text_orientation(small_page(), 300) == "horizontal"
    assert regions.text_orientation(Image.new("L", (800, 1000), 255), 300) == "horizontal"


def test_blank_columns_are_the_paper_between_a_rows_glyphs() -> None:
    image = Image.new("L", (100, 20), 250)
    image.paste(0, (10, 5, 30, 15))
    image.paste(0, (60, 5, 90, 15))
    image.putpixel((45, 10), 0)  # a speck of one pixel marks no glyph
    assert regions.blank_columns(np.asarray(image), (5, 0, 95, 20)) == [(5, 10), (30, 60), (90, 95)]


def test_a_photos_rounded_edge_at_a_gutter_is_no_head_crossing_it() -> None:
    # Right of the gutter, a photo's dark oval (rows 3 to 6 of the second column) touches
    # the gutter a head's height; further from it, the oval is taller than any head.
    page = column_page(2, 10)
    draw = ImageDraw.Draw(page)
    left = 60 + 8 * 50 + 67
    top, bottom = 60 + 3 * 87, 60 + 7 * 87
    draw.rectangle((left, top - 10, left + 400, bottom - 20), fill=255)
    middle = (top + bottom) // 2
    draw.ellipse((left, middle - 90, left + 400, middle + 90), fill=90)
    found = regions.text_regions(page, 300)
    columns = side_by_side(found)
    assert len(columns) == 2
    assert all(c.top < top and c.bottom > bottom for c in columns)


def test_a_short_section_of_three_rows_under_its_title_is_cut_into_its_columns() -> None:
    page = column_page(3, 3, title="社区清洁日百名义工齐参与")
    assert regions.text_regions(page, 300).columns_across == 3


def test_a_line_spanning_the_columns_under_it_at_their_line_pitch_is_cut_off_first() -> None:
    # A subtitle as far above the columns as their lines stand apart: no wider gap marks it.
    columns = column_page(3, 6)
    page = Image.new("L", (columns.width, columns.height + 87), 255)
    page.paste(columns, (0, 87))
    font = ImageFont.truetype(SERIF, 50, index=2)
    ImageDraw.Draw(page).text((60, 60), "一一" + TEXT[:20], font=font, fill=0)
    found = regions.text_regions(page, 300)
    head = min(found.regions, key=lambda r: r.top)
    assert found.columns_across == 3 and head.bottom < 60 + 87
    assert all(r.top > head.bottom for r in side_by_side(found))


def test_a_speck_in_a_gutter_of_a_short_section_leaves_it_a_gutter() -> None:
    # A scanner's speck a quarter of a glyph wide, a glyph right of the first column's
    # first line: every row of three must still reach the gutter from both sides.
    page = column_page(3, 3, title="社区清洁日百名义工齐参与")
    ImageDraw.Draw(page).rectangle((480, 250, 491, 261), fill=0)
    assert regions.text_regions(page, 300).columns_across == 3


def test_a_two_column_page_is_read_as_a_composite_scaled_to_its_reading_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Tesseract reads a narrow gutter across on a page scaled down to be read: two columns
    already go to it as a composite with widened gutters, scaled so that their glyphs stand
    `PAGE_GLYPH_PX` tall, and the words it finds come back in the page's pixels."""
    page = column_page(2, 6, size=50)
    seen: list[tuple[tuple[int, int], float]] = []

    def data(
        self: object, image: Image.Image, lang: str, number: int, *rest: Any, **options: Any
    ) -> dict:
        seen.append((image.size, rest[-1]))
        return {
            "text": ["字"],
            "conf": [90],
            "left": [round(image.width * 0.9)],
            "top": [round(60 * image.height / page.height)],
            "width": [36],
            "height": [36],
            "block_num": [1],
            "par_num": [1],
            "line_num": [1],
        }

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_data", data)
    layout = regions.text_regions(page, 300)
    read = tesseract.TesseractRecognizer()._page_read(
        PageImage(1, page, 300), "chi_sim", "cols.png", layout
    )
    factor = tesseract.PAGE_GLYPH_PX / layout.glyph
    wider = page.width + round(regions.WIDEN_GLYPHS * layout.glyph)
    assert layout.columns_across == 2 and factor < 1
    assert seen == [((round(wider * factor), round(page.height * factor)), 300 * factor)]
    assert read.data["left"][0] < page.width and read.data["height"] == [round(36 / factor)]


def masthead_page(framed: bool) -> Image.Image:
    """A masthead's name in large type on the right, on its row an issue line in body
    type on the left, in a drawn box where framed, and body text under them."""
    large = ImageFont.truetype(SERIF, 130, index=2)
    body = ImageFont.truetype(SERIF, 42, index=2)
    image = Image.new("L", (2000, 1000), 255)
    draw = ImageDraw.Draw(image)
    draw.text((1200, 100), "周浦社区报", font=large, fill=0)
    draw.text((140, 150), "2023年6月25日　第26期", font=body, fill=0)
    if framed:
        draw.rectangle((100, 120, 680, 240), outline=0, width=5)
    for n in range(6):
        draw.text((100, 400 + 80 * n), TEXT[:36], font=body, fill=0)
    return image


def test_an_issue_box_beside_a_masthead_name_is_a_row_of_body_type() -> None:
    """Cut with the name's rows, the issue box's sides made its piece of the row seem large
    type; inside them the issue line is a row of body type, read as one."""
    found = regions.text_regions(masthead_page(framed=True), 300)
    assert [head[0] > 1000 for head in found.heads] == [True]
    issue = [row for row in found.rows if row[2] < 700 and row[3] < 300]
    assert len(issue) == 1 and issue[0][0] >= 140 and issue[0][2] <= 680


def test_a_title_whose_first_glyph_is_a_stroke_stays_a_head() -> None:
    """A title opening with `川` has a thin stroke at its left end, and its glyphs stand as
    tall as large type: it is no drawn box."""
    image = Image.new("L", (1600, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(SERIF, 120, index=2)
    draw.text((100, 80), "川沙镇社区食堂开业|", font=font, fill=0)
    grey = np.asarray(image)
    ink = np.flatnonzero((grey < 128).any(axis=1))
    cols = np.flatnonzero((grey < 128).any(axis=0))
    box = (int(cols[0]), int(ink[0]), int(cols[-1]) + 1, int(ink[-1]) + 1)
    assert regions.framed_type(grey, box, 42.0) is None


def test_a_paragraphs_last_line_of_one_glyph_and_its_stop_is_a_row_of_body_type() -> None:
    """A glyph alone on its row shows the blank rows between its strokes (`言`), which a
    full line's other glyphs fill: the row is found whole, and, flush left under a line, it
    is a line to read, however narrow."""
    lines = ["社区居民代表围绕基层治理进行交流发", "言。", "方案将试行三个月，届时将征求意见"]
    page = Image.new("L", (1000, 400), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SERIF, 50, index=2)
    for n, line in enumerate(["社区居民代表围绕基层治理进行交流", *lines]):
        draw.text((60, 60 + 72 * n), line, font=font, fill=0)  # 12 pt set at 1.4 lines
    found = regions.text_regions(page, 300)
    rows = sorted(found.rows, key=lambda row: row[1])[1:]
    assert len(rows) == 3
    last = tesseract.in_points(rows, 300)
    assert not tesseract.holds_a_line(last[1])
    assert tesseract.ends_a_paragraph(last[1], last)
