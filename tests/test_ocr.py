"""Real tesseract on small pages, and the engine's failure modes."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from bulletin_ingest import IngestConfig, MissingDependencyError, OcrError, ingest, recording
from bulletin_ingest.evaluate import cer
from bulletin_ingest.model import Document, Line, Page, Word
from bulletin_ingest.pipeline import bulletin_from_document
from bulletin_ingest.sources import images, libtesseract, ocr, rapid, tesseract
from bulletin_ingest.sources.images import PageImage, prepare, turned_upright
from bulletin_ingest.sources.libtesseract import PSM_BLOCK
from bulletin_ingest.sources.lines import Word as ReadWord
from bulletin_ingest.sources.lines import (
    dash_read_as_strokes,
    dash_unread_before,
    join_touching,
    line_from_words,
    separate_noise,
    with_blanks,
    with_dash,
)

from .pages import LINES, SERIF, TEXT, column_page, small_page, vertical_page


def test_tesseract_reads_a_small_page_into_lines_in_points() -> None:
    page = PageImage(1, small_page(), 300)
    lines = tesseract.TesseractRecognizer().recognize(page, "simplified", source="page")
    assert [line.row for line in lines] == list(range(len(lines)))
    text = "".join(line.text for line in lines)
    assert cer(text, "".join(LINES)) < 0.1
    first = lines[0]
    assert first.bbox is not None and 10 < first.bbox[0] < 20  # 60 px at 300 DPI = 14.4 pt
    assert 9 < (first.size or 0) < 15  # 50 px glyphs are 12 pt
    assert 0.5 < (first.confidence or 0) <= 1
    # Each line carries its words for layout to find the gutters it crosses.
    assert all("".join(w.text for w in line.words).strip() == line.text for line in lines)
    assert all(w.confidence is not None for line in lines for w in line.words)
    # each with its own box as the engine gives it, inside the line's from left to right
    for line in lines:
        assert line.bbox is not None
        assert all(line.bbox[0] <= w.bbox[0] < w.bbox[2] <= line.bbox[2] for w in line.words)
        assert all(w.bbox[3] - w.bbox[1] <= 2 * (line.size or 0) for w in line.words)


def test_ingest_of_a_page_image_gives_an_article(tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    small_page().save(path, dpi=(300, 300))
    bulletin = ingest(path, IngestConfig(engine="tesseract", script="simplified"))
    assert bulletin.source.kind == "image"
    article = bulletin.articles[0]
    assert cer((article.title or "") + article.text, "".join(LINES)) < 0.15


def test_missing_language_pack_names_the_package(monkeypatch) -> None:
    monkeypatch.setattr(tesseract, "installed_languages", lambda: frozenset({"eng"}))
    with pytest.raises(MissingDependencyError, match="apt-get install tesseract-ocr-chi-tra"):
        tesseract.require_tesseract("chi_tra")


def test_a_timeout_is_an_ocr_error_naming_file_and_page() -> None:
    page = PageImage(3, small_page(), 300)
    with pytest.raises(OcrError, match=r"scan\.pdf: page 3: tesseract failed or timed out"):
        tesseract.TesseractRecognizer(timeout=0.001).recognize(
            page, "simplified", source="scan.pdf"
        )


def test_a_page_photographed_in_falling_light_keeps_its_dim_side() -> None:
    """One threshold for the whole page turns the dim side's paper to ink; a threshold for
    each pixel from its neighbourhood keeps its text."""
    page = np.asarray(small_page(), dtype=np.float64)
    light = np.linspace(1.0, 0.5, page.shape[1])[None, :]
    dim = prepare(Image.fromarray((page * light).astype(np.uint8)), 1, 300)
    assert dim.uneven_light
    recognizer = tesseract.TesseractRecognizer()

    def error(page: PageImage) -> float:
        lines = recognizer.recognize(page, "simplified", source="leaflet.jpg")
        return cer("".join(line.text for line in lines), "".join(LINES))

    assert error(dim) < 0.1 < error(replace(dim, uneven_light=False))


def test_a_page_larger_than_a4_at_300_dpi_is_given_time_in_proportion(monkeypatch) -> None:
    deadlines = []

    def timed(image, lang, dpi, timeout, psm, thresholding):
        deadlines.append((image.size, timeout))
        return {name: [] for name in libtesseract.TSV_COLUMNS}

    monkeypatch.setattr(libtesseract, "word_data", timed)
    monkeypatch.setattr(tesseract, "engine_call", lambda *args: args[-1]())
    recognizer = tesseract.TesseractRecognizer(timeout=10)
    recognizer.recognize(
        PageImage(1, Image.new("L", (4960, 3508), 255), 300), "simplified", source="sheet.jpg"
    )
    recognizer.recognize(PageImage(1, small_page(), 300), "simplified", source="leaf.png")
    sheet = [t for size, t in deadlines if size == (4960, 3508)]
    assert sheet and set(sheet) == {20.0}
    (_, leaf), *heads = [(size, t) for size, t in deadlines if size != (4960, 3508)]
    assert leaf == 10
    # A head cut out to be read again is given time as its pixels ask, a page's at most.
    assert heads and all(t == tesseract.second_reading_timeout(10, size) < 10 for size, t in heads)


def test_a_second_reading_that_fails_leaves_the_first_reading_and_says_so(monkeypatch) -> None:
    """A sheet of rows cut from a page read already, read again to mend it, must not lose
    the page where it fails: the page's first reading stands, and a warning says so."""
    real = libtesseract.word_data
    calls = []

    def second_fails(image, lang, dpi, timeout, psm, thresholding):
        calls.append(image.size)
        if len(calls) > 1:
            raise libtesseract.TesseractFailed("tesseract did not finish within 0.1 s")
        return real(image, lang, dpi, timeout, psm, thresholding)

    def second_reads_nothing(image, lang, dpi, timeout, psm, thresholding):
        calls.append(image.size)
        if len(calls) > 1:
            return {name: [] for name in libtesseract.TSV_COLUMNS}
        return real(image, lang, dpi, timeout, psm, thresholding)

    def read(word_data: Any) -> Page:
        calls.clear()
        monkeypatch.setattr(libtesseract, "word_data", word_data)
        reader = ocr.PageReader(
            engine="tesseract",
            script="simplified",
            timeout=10,
            min_confidence=0.0,
            source="leaf.png",
        )
        return reader.read(PageImage(1, small_page(), 300))

    failed = read(second_fails)
    assert len(calls) > 1  # the page had second readings to fail
    assert [line.text for line in failed.lines] == [
        line.text for line in read(second_reads_nothing).lines
    ]
    assert cer("".join(line.text for line in failed.lines), "".join(LINES)) < 0.15
    undone = [w for w in failed.warnings if "second reading" in w]
    assert undone and all(w.startswith("page 1: ") and "0.1 s" in w for w in undone)


def test_a_timeout_of_the_command_is_an_ocr_error_naming_file_and_page(monkeypatch) -> None:
    import pytesseract

    def slow(*args, **kwargs):
        raise RuntimeError("Tesseract process timeout")

    monkeypatch.setattr(libtesseract, "available", lambda: False)
    monkeypatch.setattr(pytesseract, "image_to_data", slow)
    page = PageImage(3, small_page(), 300)
    with pytest.raises(OcrError, match=r"scan\.pdf: page 3: tesseract failed or timed out"):
        tesseract.TesseractRecognizer(timeout=1).recognize(page, "simplified", source="scan.pdf")


def test_rows_too_many_for_one_sheet_are_read_on_as_many_as_they_need(monkeypatch) -> None:
    """Tesseract refuses an image taller than it counts (`MOST_SIDE_PX`): rows to read
    again that one sheet cannot hold go on several, and each row's reading keeps its index."""
    lines = LINES * 6
    image = small_page(lines)
    page = PageImage(1, image, 300)
    rows = [(55, 74 + 90 * n, 815, 124 + 90 * n) for n in range(len(lines))]
    read = tesseract.PageRead({}, "chi_sim", tuple(rows))
    recognizer = tesseract.TesseractRecognizer()
    whole = recognizer._head_readings(page, read, range(len(rows)), (36,), "p.png", PSM_BLOCK)[1]
    sheet = tesseract.HeadSheet.of(image, rows, 255, (36,)).image
    most = max(sheet.width, sheet.height // 3)
    assert sheet.height > most
    monkeypatch.setattr(libtesseract, "MOST_SIDE_PX", most)
    parts = recognizer._head_readings(page, read, range(len(rows)), (36,), "p.png", PSM_BLOCK)[1]
    assert sorted(whole) == list(range(len(lines)))
    # Every sheet gives its rows, each under its own index, whatever row tesseract's reading
    # of a sheet may pass over on a busy machine: a row read on both reads alike.
    assert {n * 4 // len(lines) for n in parts} == {0, 1, 2, 3}
    assert all([text for text, _ in parts[n]] == [text for text, _ in whole[n]] for n in parts)
    assert not recognizer.take_notes()


def test_an_image_larger_than_tesseract_counts_is_refused_plainly() -> None:
    with pytest.raises(libtesseract.TesseractFailed, match="tesseract reads up to 32767 a side"):
        libtesseract.word_data(Image.new("L", (40, 40000), 255), "chi_sim", 300, 60)


def test_tesseract_in_process_gives_the_words_the_command_gives() -> None:
    assert libtesseract.available()
    grey = small_page()
    bilevel = grey.point(lambda v: 255 if v > 128 else 0)
    reader = tesseract.TesseractRecognizer()
    for image in (grey, bilevel.crop((0, 0, bilevel.width, bilevel.height // 2))):
        in_process = reader._data(image, "chi_sim", 1, "page", 300)
        assert in_process == reader._command_data(image, "chi_sim", 1, "page", 300, 60)
        assert sum(bool(t.strip()) for t in in_process["text"]) >= 3


def test_a_sheet_of_rows_is_read_as_one_block_in_process_and_by_the_command() -> None:
    """Rows cut from a page are read in one-block mode (`PSM_BLOCK`), by the library as by
    the command, and the mode keys the call: a tape tells the two readings apart."""
    sheet = small_page(LINES[:2])
    reader = tesseract.TesseractRecognizer()
    block = reader._data(sheet, "chi_sim", 1, "page", 300, libtesseract.PSM_BLOCK)
    assert block == reader._command_data(
        sheet, "chi_sim", 1, "page", 300, 60, libtesseract.PSM_BLOCK
    )
    assert sum(bool(t.strip()) for t in block["text"]) >= 3
    with recording() as tape:
        reader._data(sheet, "chi_sim", 1, "page", 300)
        reader._data(sheet, "chi_sim", 1, "page", 300, libtesseract.PSM_BLOCK)
    assert len(tape.calls) == 2


def _read_in_child(queue: Any) -> None:
    data = tesseract.TesseractRecognizer()._data(small_page(), "chi_sim", 1, "page")
    queue.put((libtesseract.available(), sum(bool(t.strip()) for t in data["text"])))


def test_a_process_forked_after_tesseract_ran_reads_through_the_command() -> None:
    tesseract.TesseractRecognizer()._data(small_page(), "chi_sim", 1, "page")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_read_in_child, args=(queue,))
    child.start()
    child.join(120)
    if child.is_alive():
        child.kill()
        pytest.fail("a reading in the forked process hung")
    in_process, words = queue.get(timeout=5)
    assert not in_process and words >= 3
    assert libtesseract.available()


def test_a_process_that_read_nothing_does_not_look_for_tesseract_at_exit(monkeypatch) -> None:
    # Looking runs ldconfig: work, in an exit a stop signal may be cutting short.
    looked = []
    monkeypatch.setattr(libtesseract, "library", lambda: looked.append(True))
    monkeypatch.setattr(libtesseract, "_models", {})
    libtesseract._release()
    assert not looked


def test_low_confidence_pages_are_warned_about() -> None:
    lines = (ocr.Line("新泾", 2, 0, (0, 0, 10, 10), 10, 0.3, "ocr-tesseract"),)
    assert ocr.confidence_warnings(2, lines, 0.6) == ("page 2: OCR confidence 0.30 below 0.60",)
    assert ocr.confidence_warnings(2, (), 0.6) == ("page 2: OCR found no text",)


def test_engine_defaults_follow_the_measurements(monkeypatch) -> None:
    monkeypatch.setattr(ocr, "rapidocr_available", lambda: True)
    assert ocr.engine_for("auto") == "rapidocr"
    assert ocr.engine_for("tesseract") == "tesseract"
    monkeypatch.setattr(ocr, "rapidocr_available", lambda: False)
    assert ocr.engine_for("auto") == "tesseract"


def test_a_bilevel_group4_tiff_is_read(tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    bilevel = small_page().point(lambda v: 255 if v > 128 else 0).convert("1")
    bilevel.save(path, compression="group4", dpi=(300, 300))
    bulletin = ingest(path, IngestConfig(engine="tesseract", script="simplified"))
    article = bulletin.articles[0]
    assert cer((article.title or "") + article.text, "".join(LINES)) < 0.15


def test_a_narrow_traditional_lean_asks_for_a_second_opinion(monkeypatch) -> None:
    many = tesseract.MIN_PECULIAR_WORDS
    readings = {
        # not sure of its own script
        "chi_sim": {"conf": ["78"] * 2 * many, "text": ["镇"] * many + ["人"] * many},
        # 7 points surer of 鎮 than chi_sim of 镇
        "chi_tra": {"conf": ["85"] * many + ["90"] * many, "text": ["鎮"] * many + ["人"] * many},
    }
    monkeypatch.setattr(
        tesseract.TesseractRecognizer,
        "_data",
        lambda self, image, lang, *args, **options: readings[lang],
    )
    monkeypatch.setattr(
        tesseract.TesseractRecognizer,
        "_page_read",
        lambda self, page, lang, source, layout: tesseract.PageRead(readings[lang], lang),
    )
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda self, data, page: ())
    monkeypatch.setattr(tesseract.TesseractRecognizer, "recognize", lambda self, *a, **k: ())
    page = PageImage(1, small_page(), 300)
    asked: list[int] = []

    def second_opinion(p: PageImage) -> str:
        asked.append(p.number)
        return "simplified"

    recognizer = tesseract.TesseractRecognizer()
    script, _ = recognizer.recognize_detecting(page, source="x", second_opinion=second_opinion)
    assert (script, asked) == ("simplified", [1])
    readings["chi_tra"]["conf"] = ["99"] * many + ["70"] * many  # 21 points: clear, nobody asked
    asked.clear()
    script, _ = recognizer.recognize_detecting(page, source="x", second_opinion=second_opinion)
    assert (script, asked) == ("traditional", [])


def _head_read(*boxes: tuple[float, float, float, float]) -> tesseract.PageRead:
    """A page read at 300 DPI with no words and these head boxes (points)."""
    px = 300 / 72
    heads = tuple(tuple(round(v * px) for v in box) for box in boxes)
    return tesseract.PageRead({}, "chi_sim", heads, 255)  # type: ignore[arg-type]


def _line(text: str, size: float, confidence: float = 0.9, top: float = 0) -> ocr.Line:
    return ocr.Line(text, 1, 0, (40, top, 40 + size * len(text), top + size), size, confidence, "")


def test_heads_are_the_lines_much_larger_than_the_body() -> None:
    body = [_line("食堂每天供应早中晚三餐", 12, top=100 + 20 * n) for n in range(5)]
    title = _line("新泾镇首家社区长者食泽正式开业", 20, top=60)
    short = _line("开业", 20, top=30)
    assert tesseract.head_lines([title, short, *body]) == [title]


def test_a_head_takes_a_surer_reading_but_never_a_shorter_one() -> None:
    title = _line("新泾镇首家社区长者食泽正式开业", 20, confidence=0.8)
    assert tesseract.better_reading(title, ("新泾镇首家社区长者食堂正式开业", 0.93)).text.endswith(
        "食堂正式开业"
    )
    assert tesseract.better_reading(title, ("新泾镇首家社区长者食堂开业", 0.99)) == title
    assert tesseract.better_reading(title, ("新泾镇首家社区长者食芭正式开业", 0.7)) == title


def test_a_head_line_parted_by_blank_paper_keeps_its_own_reading() -> None:
    """Two titles side by side on one row: one reading of the row runs them together and
    carries no words, so the line keeps its words for layout to part it by the blank."""
    words = (
        Word("引起了观众的强烈共鸣", (40, 0, 240, 20), confidence=0.8),
        Word("元朗区议会于9月15日", (300, 0, 500, 20), confidence=0.8),
    )
    line = replace(_line("引起了观众的强烈共鸣 元朗区议会于9月15日", 20, 0.8), words=words)
    reading = ("引起了观众的强烈共鸣元朗区议会于9月15日", 0.95)
    assert tesseract.better_reading(replace(line, blanks=((241, 299),)), reading).words == words
    # A phrase space, a glyph wide, parts nothing: the surer reading is taken.
    assert tesseract.better_reading(replace(line, blanks=((241, 265),)), reading).words == ()


def test_a_head_reading_need_not_repeat_what_the_engine_doubted() -> None:
    """A glyph tesseract could not read comes out as doubtful strokes and marks: a surer
    reading may be shorter by those, not by a character it was sure of."""
    words = (
        Word("“悦", (40, 0, 70, 20), confidence=0.8),
        Word("、\\", (70, 0, 80, 20), confidence=0.01, doubtful=True),
        Word("读青浦", (80, 0, 140, 20), confidence=0.85),
    )
    title = replace(_line("“悦、\\读青浦", 20, confidence=0.5), words=words)
    assert tesseract.sure_length(title) == 5
    assert tesseract.better_reading(title, ("“悦读青浦”", 0.9)).text == "“悦读青浦”"
    assert tesseract.better_reading(title, ("悦读青浦", 0.9)) == title


def test_two_readings_alone_that_agree_may_hold_fewer_characters_than_the_pages() -> None:
    """The page's reading inserted strokes it was sure of (`引` read `5|`, a glyph doubled):
    read alone at two sizes, the box says the same shorter text, surer, and that is taken;
    one shorter reading alone is not enough."""
    title = _line("找准党建5|领基层层治台理的着力点", 20, confidence=0.83)
    right = ("找准党建引领基层治理的着力点", 0.94)
    box = [title.bbox]
    lines = tesseract.take_readings((title,), {id(title): 0}, {0: [right, (right[0], 0.93)]}, box)
    assert lines[0].text == right[0]
    lines = tesseract.take_readings(
        (title,), {id(title): 0}, {0: [right, ("找准党建引领", 0.5)]}, box
    )
    assert lines == (title,)


def test_two_readings_alone_that_agree_on_a_glyph_more_outweigh_a_surer_page() -> None:
    """The page's reading dropped a glyph of a title and was sure of the rest (`推广减废收`):
    read alone at two sizes, the box gives the same text with the glyph, a shade less sure,
    and that is taken; one such reading alone is not enough."""
    title = _line("推广减废收", 20, confidence=0.9133)
    right = ("推广减废回收", 0.91)
    box = [title.bbox]
    lines = tesseract.take_readings((title,), {id(title): 0}, {0: [right, (right[0], 0.905)]}, box)
    assert lines[0].text == right[0]
    lines = tesseract.take_readings((title,), {id(title): 0}, {0: [right]}, box)
    assert lines == (title,)


def test_a_head_that_takes_a_reading_with_more_glyphs_spans_them_and_keeps_its_size() -> None:
    """The page's reading passed over a title line's last glyph and boxed the line short of
    it: read alone, the box gives the glyph, and the line spans it, in the title's type,
    not in a smaller one its old box would give seven glyphs. A reading of no more glyphs
    leaves the line as the page's reading put it."""
    line = _line("实施的意见建", 20, confidence=0.7)
    box = (38, 0, 40 + 20 * 7 + 2, 20)
    readings = {0: [("实施的意见建议", 0.9)]}
    (taken,) = tesseract.take_readings((line,), {id(line): 0}, readings, [box])
    assert taken.bbox[2] == pytest.approx(180)
    assert taken.size == pytest.approx(line.size, rel=0.1)
    (same,) = tesseract.take_readings((line,), {id(line): 0}, {0: [("实施的意见建", 0.9)]}, [box])
    assert same.bbox == line.bbox and same.size == line.size


def test_a_head_row_the_page_read_in_part_takes_its_reading_alone() -> None:
    """The page's reading read the last glyphs of a title in a drawn frame only, surer of
    those than the box's reading alone of the whole row is of it: alone in its head box, the
    line is as sure of the box as of the share of it that it covers, and the reading alone
    is taken. A line that covers its box keeps its surer reading."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=200 + 20 * n) for n in range(5)]
    part = replace(
        _line("层治理的新泾名片", 24, confidence=0.83, top=128), bbox=(208, 128, 401, 148)
    )
    box = (42, 126, 553, 150)
    lines, in_box = tesseract.head_boxes((part, *body), [box], [[]])
    assert in_box == {id(part): 0}
    reading = ("进一步擦亮基层治理的新泾名片", 0.77)
    taken = tesseract.take_readings(lines, in_box, {0: [reading]}, [box])
    assert taken[0].text == reading[0]
    kept = tesseract.take_readings(lines, in_box, {0: [reading]}, [part.bbox])
    assert kept[0].text == part.text
    # Once a reading of the whole box is taken, a less sure one of it is no better.
    surer = ("进一步擦亮基层治理的新泾名片", 0.9)
    taken = tesseract.take_readings(
        lines, in_box, {0: [surer, ("进一步擦亮基层治埋的新泾名片", 0.8)]}, [box]
    )
    assert taken[0].text == surer[0]
    # A reading of no more glyphs than the line has read no more of the box: the line's own
    # confidence stands against it, whatever share of the box the line covers.
    whole = replace(part, text="进一步擦亮基层治理的新泾名片", confidence=0.77)
    lines, in_box = tesseract.head_boxes((whole, *body), [box], [[]])
    worse = ("进一步擦亮基层治埋的新泾名片", 0.61)
    (kept, *_) = tesseract.take_readings(lines, in_box, {0: [worse]}, [box])
    assert kept is not None and kept.text == whole.text


def test_a_head_reading_as_sure_as_the_pages_wins() -> None:
    """The page's reading dropped a title's last glyph; read alone, as sure, it has it."""
    title = _line("综合执法大队负责", 20, confidence=0.93)
    assert (
        tesseract.better_reading(title, ("综合执法大队负责人", 0.93)).text == "综合执法大队负责人"
    )
    assert tesseract.better_reading(title, ("综合执法大队负责人", 0.92)) == title


def test_the_head_sheet_holds_each_head_at_each_height_and_reads_them_back() -> None:
    sheet = tesseract.HeadSheet.of(small_page(), [(60, 60, 800, 110)], 255)
    assert [n for _, _, n in sheet.spans] == [0] * len(tesseract.HEAD_HEIGHTS_PX)
    top, bottom, _ = sheet.spans[-1]
    data = {
        "text": ["新泾镇", "食堂"],
        "conf": [95, 90],
        "left": [50, 145],
        "top": [top + 2, top + 2],
        "width": [90, 60],
        "height": [bottom - top - 4] * 2,
        "block_num": [1, 1],
        "par_num": [1, 1],
        "line_num": [1, 1],
    }
    assert tesseract.readings_as_text(sheet.word_readings(data)) == {0: [("新泾镇食堂", 0.925)]}


def test_the_edge_of_the_next_row_in_a_heads_margin_is_no_part_of_its_reading() -> None:
    """A wrapped title's rows stand close: the margin under the first row's cut holds the
    tops of the second row's glyphs, which the engine reads as a line of strokes (`re nm
    —— 一 呈`) left of the head's own words. Only words within the cut's box are its."""
    glyph = 50
    sheet = tesseract.HeadSheet.of(small_page(), [(60, 60, 800, 60 + glyph)], 255, (glyph,))
    row = max(tesseract.HEAD_HEIGHTS_PX) + tesseract.ROW_MARGIN * glyph  # the sheet's first
    edge = row + glyph + 2  # in the margin under the row
    data = {
        "text": ["re", "——", "嘉定区公布"],
        "conf": [40, 30, 93],
        "left": [20, 60, 120],
        "top": [edge, edge, row + 2],
        "width": [30, 40, 300],
        "height": [8, 8, glyph - 4],
        "block_num": [1, 1, 1],
        "par_num": [1, 1, 2],
        "line_num": [1, 1, 1],
    }
    assert tesseract.readings_as_text(sheet.word_readings(data)) == {0: [("嘉定区公布", 0.93)]}


def test_a_line_keeps_its_words_in_the_order_tesseract_read_them() -> None:
    """Tesseract boxes a glyph after reading it, and may box one a few pixels wide inside
    the box of the word after it (`结` inside `示范`): the text keeps the reading's order."""
    data = {
        "text": ["道将总", "结", "示范小区"],
        "conf": [93, 79, 96],
        "left": [100, 262, 258],
        "top": [300, 300, 300],
        "width": [150, 5, 200],
        "height": [40, 40, 40],
        "block_num": [1, 1, 1],
        "par_num": [1, 1, 1],
        "line_num": [1, 1, 1],
    }
    page = PageImage(1, small_page(), 300)
    lines = tesseract.TesseractRecognizer().lines(data, page)
    assert [line.text for line in lines] == ["道将总结示范小区"]


def test_a_head_read_in_pieces_keeps_each_piece_as_read_and_the_pieces_left_to_right() -> None:
    sheet = tesseract.HeadSheet.of(small_page(), [(60, 60, 800, 110)], 255)
    top, bottom, _ = sheet.spans[-1]
    data = {
        "text": ["食堂", "开业", "新", "泾镇"],
        "conf": [90, 90, 90, 90],
        "left": [158, 258, 100, 50],
        "top": [top + 2] * 4,
        "width": [100, 100, 4, 100],
        "height": [bottom - top - 4] * 4,
        "block_num": [2, 2, 1, 1],
        "par_num": [1, 1, 1, 1],
        "line_num": [1, 1, 1, 1],
    }
    assert tesseract.readings_as_text(sheet.word_readings(data))[0][0][0] == "新泾镇食堂开业"


def test_a_head_line_takes_the_readings_of_the_head_box_it_lies_in() -> None:
    body = [_line("食堂每天供应早中晚三餐", 12, top=100 + 20 * n) for n in range(5)]
    title = _line("新泾镇首家社区长者食泽正式开业", 20, confidence=0.8, top=60)
    px = 300 / 72
    boxes = ((0, 0, 100, 40), tuple(round(v * px) for v in title.bbox))
    points = [tuple(v / px for v in b) for b in boxes]
    lines, in_box = tesseract.head_boxes((title, *body), points, [[], []])
    assert in_box == {id(title): 1}
    readings = {1: [("新泾镇首家社区长者食堂正式开业", 0.95)]}
    lines = tesseract.take_readings(lines, in_box, readings, points)
    assert lines[0].text == "新泾镇首家社区长者食堂正式开业" and lines[1:] == tuple(body)


def test_a_line_taking_its_head_boxs_reading_stands_on_the_boxs_rows() -> None:
    """The page's reading ran a wrapped title's second line past its glyphs, up into the
    first line's rows; the head box it lies in is trimmed to the ink it read."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=140 + 20 * n) for n in range(5)]
    tall = replace(_line("任章爱土", 26, confidence=0.7), bbox=(390, 76, 490, 130))
    box = (390.0, 92.0, 489.0, 115.0)
    lines, in_box = tesseract.head_boxes((tall, *body), [box], [[]])
    (taken, *rest) = tesseract.take_readings(lines, in_box, {0: [("任章爱玉", 0.95)]}, [box])
    assert taken is not None and taken.text == "任章爱玉"
    assert taken.bbox is not None and (taken.bbox[1], taken.bbox[3]) == (92.0, 115.0)
    assert rest == body


def test_a_line_the_page_boxed_short_is_measured_over_its_head_boxs_ink() -> None:
    """The page's reading boxed a title's first line short of its glyphs, so its advance
    seemed too wide for its height (glyphs skipped) and its size came from the height; on
    the rows of its head box's ink it measures as large as it is, whether or not it takes
    the box's reading."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=340 + 20 * n) for n in range(5)]
    short = replace(_line("嘉定区公布2023年度", 16.84, confidence=0.93), bbox=(47, 311, 266, 325))
    box = (48.0, 303.0, 267.0, 325.0)
    in_box = {id(short): 0}
    (kept, *_) = tesseract.take_readings((short, *body), in_box, {0: [(short.text, 0.92)]}, [box])
    assert kept is not None and kept.text == short.text and kept.bbox == (47, 303.0, 266, 325.0)
    assert kept.size is not None and kept.size > 22


def test_words_of_another_line_in_a_head_box_go_once_its_reading_is_taken() -> None:
    """The page's reading read a title's last two glyphs into the line of small type beside
    it; the box's reading alone holds them, and once the title takes it they are read only
    there. A line all of whose words lie in the box goes; none goes where no line took it."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=540 + 20 * n) for n in range(5)]
    head = replace(
        _line("镇党委书记卞晓清", 22, confidence=0.88, top=500), bbox=(35, 500, 211, 520)
    )
    words = (
        Word("强调", (211, 501, 252, 511), 13, 0.93),
        Word(" 文化润心", (314, 501, 370, 511), 13, 0.93),
    )
    beside = Line("强调 文化润心", 1, 0, (211, 501, 370, 511), 13, 0.93, "", words=words)
    piece = Line("强", 1, 0, (211, 501, 224, 511), 13, 0.6, "", words=words[:1])
    box = (35.0, 500.0, 252.0, 520.0)
    in_box = {id(head): 0}
    reading = ("镇党委书记卞晓清强调", 0.93)
    taken = tesseract.take_readings((head, beside, piece, *body), in_box, {0: [reading]}, [box])
    assert taken[0] is not None and taken[0].text == reading[0]
    assert taken[1] is not None and taken[1].text == "文化润心"
    assert taken[1].bbox is not None and taken[1].bbox[0] == 314
    assert taken[2] is None
    assert list(taken[3:]) == body
    kept = tesseract.take_readings((head, beside, *body), in_box, {0: [("镇党委书", 0.99)]}, [box])
    assert kept[1] == beside


def test_a_line_taking_a_reading_keeps_words_where_the_page_shows_its_spaces() -> None:
    """Two heads side by side read as one row; the box's reading alone parts them with a
    space where the page shows blank paper across the row, so the line gets a word on each
    side of it, and layout can part the line there. Without such a blank it gets none."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=500 + 20 * n) for n in range(5)]
    row = replace(
        _line("推動綠色社區和加強防災根據老年人的飲食特點制", 22.6, confidence=0.8),
        bbox=(52, 439, 542, 459),
        blanks=((285.0, 309.0),),
    )
    box = (52.0, 439.0, 542.0, 459.0)
    reading = ("推動綠色社區和加強防災 根據老年人的飲食特點制", 0.9)
    (taken, *_) = tesseract.take_readings((row, *body), {id(row): 0}, {0: [reading]}, [box])
    assert taken is not None and [w.text for w in taken.words] == [
        "推動綠色社區和加強防災",
        " 根據老年人的飲食特點制",
    ]
    assert [w.bbox[0] for w in taken.words] == [52, 309.0]
    plain = replace(row, blanks=())
    (taken, *_) = tesseract.take_readings((plain, *body), {id(plain): 0}, {0: [reading]}, [box])
    assert taken is not None and taken.words == ()
    # Specks at the blank's edge read as a closing mark start no phrase: they go.
    specks = ("推動綠色社區和加強防災 ”根據老年人的飲食特點制", 0.9)
    (taken, *_) = tesseract.take_readings((row, *body), {id(row): 0}, {0: [specks]}, [box])
    assert taken is not None and taken.text == reading[0]
    assert [w.bbox[0] for w in taken.words] == [52, 309.0]


def test_a_head_boxs_reading_is_taken_by_one_line_only() -> None:
    """Specks over a masthead read as a line of their own in its box: the reading of the box
    holds all its ink, and goes to the line that stands on its rows, not to both."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=140 + 20 * n) for n in range(5)]
    specks = replace(_line("ae生", 14, confidence=0.4), bbox=(430, 50, 524, 60))
    name = replace(_line("高橋家5", 18, confidence=0.6), bbox=(432, 67, 545, 82))
    box = (431.0, 52.0, 555.0, 83.0)
    in_box = {id(specks): 0, id(name): 0}
    taken = tesseract.take_readings((specks, name, *body), in_box, {0: [("高橋家園", 0.81)]}, [box])
    assert taken[0] is None and taken[1] is not None and taken[1].text == "高橋家園"
    assert taken[2:] == tuple(body)


def test_a_short_head_row_right_under_a_head_row_carries_it_on() -> None:
    """A wrapped title's last glyphs, on a row of their own within a glyph under its first
    line and within its width, carry that line on; a long second line, a short row far
    below, and a row wider than the line above it do not."""
    title, tail = (62, 75, 658, 122), (62, 166, 158, 212)
    long_line, far, wide = (62, 166, 600, 212), (62, 400, 158, 446), (0, 166, 700, 212)
    assert tesseract.carried_on([title, tail]) == [None, title]
    assert tesseract.carried_on([title, long_line, far, wide]) == [None] * 4


def test_a_wrapped_titles_last_glyphs_are_read_after_the_line_they_end() -> None:
    """Tesseract's page segmentation finds no line in two large glyphs alone (`热菜`); set on
    the sheet after the title's first line, they are read, and only they are taken."""
    image = small_page(["现在走几步路就能吃上热饭", "热菜"])
    heads = ((62, 75, 658, 122), (62, 166, 158, 212))
    read = tesseract.PageRead({}, "chi_sim", heads, 255)
    page = PageImage(1, image, 300)
    recognizer = tesseract.TesseractRecognizer()
    above = tesseract.carried_on(heads)
    _, found = recognizer._head_readings(page, read, [1], (44,), "x", PSM_BLOCK, [above[1]])
    assert [text for text, _ in found[1]] == ["热菜"]


def test_a_head_box_read_as_nothing_is_read_again_in_one_block_mode(monkeypatch) -> None:
    """Tesseract's page segmentation may find no line in a row of thin large glyphs on a
    sheet of heads, where one-block mode reads them: a box whose readings come back empty
    is read again so, on a sheet of its own, and its line is added."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=300 + 20 * n) for n in range(5)]
    read = _head_read((149, 178, 447, 204))
    title = "滨水空间治理为实践载体"
    asked: list[tuple[list[int], int]] = []

    def head_readings(self, page, read, wanted, heights, source, psm=3, *args):
        asked.append((list(wanted), psm))
        return {}, {n: [(title, 0.93)] for n in wanted} if psm == PSM_BLOCK else {}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", head_readings)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda *a: tuple(body))
    page = PageImage(1, Image.new("L", (2480, 1500), 255), 300)
    lines = tesseract.TesseractRecognizer().page_lines(read, page, "x")
    assert [line.text for line in lines] == [*(line.text for line in body), title]
    assert asked[-1] == ([0], PSM_BLOCK)


def test_heads_are_read_at_32_px_only_where_the_44_px_reading_differs(monkeypatch) -> None:
    body = [_line("食堂每天供应早中晚三餐", 12, top=300 + 20 * n) for n in range(5)]
    title = _line("新泾镇首家社区长者食泽正式开业", 20, confidence=0.8, top=60)
    other = _line("天山河畔志愿者清理河道垃圾", 20, confidence=0.8, top=200)
    px = 300 / 72
    heads = tuple(tuple(round(v * px) for v in line.bbox) for line in (title, other))
    known = {1: [("天山河畔志愿者清理河道垃圾", 0.9)]}  # read with the first heads, agreeing
    read = tesseract.PageRead({}, "chi_sim", heads, 255, known)  # type: ignore[arg-type]
    asked: list[tuple[list[int], tuple[int, ...]]] = []

    def head_readings(self, page, read, wanted, heights, source, *psm, **inked):
        if psm:  # a body row's reading: the fake lines stand off the page's ink
            return {}, {}
        asked.append((list(wanted), tuple(heights)))
        surer = 0.9 if heights == (44,) else 0.95
        return {}, {n: [("新泾镇首家社区长者食堂正式开业", surer)] for n in wanted}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", head_readings)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda *a: (title, other, *body))
    page = PageImage(1, small_page(), 300)
    lines = tesseract.TesseractRecognizer().page_lines(read, page, "x")
    assert [call for call in asked if call[0]] == [([0], (44,)), ([0], (32,))]
    assert lines[0].text == "新泾镇首家社区长者食堂正式开业" and lines[0].confidence == 0.95
    assert lines[1].text == other.text and lines[1].confidence == 0.9


def test_a_head_row_the_page_reading_passed_over_is_read_alone(monkeypatch) -> None:
    """Tesseract's page segmentation may skip a row of large type whole (a wrapped title's
    second line); its head box is read alone, and the line added where that reading is sure.
    A rule's box, narrower than tall, and a box the body's lines run through are not read."""
    first = _line("邀请区内200多位", 28, top=60)
    body = [_line("食堂每天供应早中晚三餐", 12, top=140 + 20 * n) for n in range(5)]
    px = 300 / 72
    boxes = [
        (40, 96, 208, 124),  # the title's second line, no line read in it
        (300, 96, 302, 124),  # a rule
        (40, 138, 172, 174),  # two body lines run together
        (40, 300, 200, 328),  # ornament: read unsure
    ]
    heads = (
        tuple(round(v * px) for v in first.bbox),
        *(tuple(round(v * px) for v in b) for b in boxes),
    )
    read = tesseract.PageRead({}, "chi_sim", heads, 255)  # type: ignore[arg-type]
    asked: set[int] = set()
    said = {1: ("长者欢度佳节", 0.95), 3: ("食堂每天供应", 0.9), 4: ("义口", 0.3)}

    def head_readings(self, page, read, wanted, heights, source):
        asked.update(wanted)
        return {}, {n: [said.get(n, (first.text, 0.9))] for n in wanted}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", head_readings)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda *a: (first, *body))
    page = PageImage(1, Image.new("L", (2480, 1500), 255), 300)
    lines = tesseract.TesseractRecognizer().page_lines(read, page, "x")
    assert asked == {0, 1, 4}
    assert [line.text for line in lines] == [
        first.text,
        *(line.text for line in body),
        "长者欢度佳节",
    ]
    added = lines[-1]
    assert added.bbox == pytest.approx(boxes[0], abs=0.5) and added.confidence == 0.95
    assert added.size == pytest.approx(28, abs=2)


def test_a_head_row_read_alone_drops_the_piece_the_page_read_of_it(monkeypatch) -> None:
    """The page's reading read only a title's last three glyphs, too few for a head; the
    title's box, read alone, is added as a line, and the piece goes with it, as the same
    ink would otherwise come out twice. A surer reading holding more glyphs than the box
    can (another box's words read into it) is no reading of it."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=140 + 20 * n) for n in range(5)]
    words = (Word("基层基", (209, 96, 274, 118), 24, 0.92),)
    piece = Line("基层基", 1, 0, (209, 96, 274, 118), 24, 0.92, "", words=words)
    read = _head_read((56, 96, 270, 118))
    title = "二是要全面夯实基层基"

    def head_readings(self, page, read, wanted, heights, source, *args):
        return {}, {n: [(title, 0.93), (title + "AAAJLEz=大一大一大一大一", 0.95)] for n in wanted}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", head_readings)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda *a: (piece, *body))
    page = PageImage(1, Image.new("L", (2480, 1500), 255), 300)
    lines = tesseract.TesseractRecognizer().page_lines(read, page, "x")
    assert [line.text for line in lines] == [*(line.text for line in body), title]


def test_a_body_row_the_page_reading_passed_over_is_read_alone(monkeypatch) -> None:
    """Tesseract's page segmentation may drop a line of a column whole: the row of body
    type no line runs through is read alone at the page's reading size and added where
    that reading is sure; rows the page's reading holds are not read again, and an unsure
    reading (a picture's texture) adds nothing."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=100 + 20 * n) for n in range(5)]
    read_lines = [line for n, line in enumerate(body) if n != 2]
    px = 300 / 72
    rows = tuple(tuple(round(v * px) for v in line.bbox) for line in body)
    texture = (40 * px, 300 * px, 160 * px, 312 * px)
    read = tesseract.PageRead({}, "chi_sim", (), 255, rows=(*rows, texture))  # type: ignore[arg-type]
    asked: list[tuple[list[int], tuple[int, ...], bool]] = []

    def head_readings(self, page, read, wanted, heights, source, psm, inked=False):
        assert psm == libtesseract.PSM_BLOCK
        asked.append((list(wanted), tuple(heights), inked))
        said = {2: ("可同时容纳百余名老人", 0.9), 5: ("义口", 0.3)}
        return {}, {n: [said[n]] for n in wanted}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", head_readings)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda *a: tuple(read_lines))
    page = PageImage(1, Image.new("L", (2480, 1500), 255), 300)
    lines = tesseract.TesseractRecognizer().page_lines(read, page, "x")
    assert asked == [
        ([2, 5], (tesseract.PAGE_GLYPH_PX,), False),
        ([5], (tesseract.PAGE_GLYPH_PX,), True),
    ]
    assert [line.text for line in lines] == [
        *(line.text for line in read_lines),
        "可同时容纳百余名老人",
    ]
    assert lines[-1].bbox == pytest.approx(body[2].bbox, abs=0.5)


def test_a_body_row_the_page_reading_made_garbage_of_is_read_alone_in_its_place(
    monkeypatch,
) -> None:
    """Tesseract at times reads a column's line, or two run together, as a line it doubts
    as a whole (`人as和人多人`, 0.11): the rows of body type under it are read alone, and
    where one is read surely the doubted line gives way. A doubted line whose row reads no
    better alone stays; a sure line is not read again."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=100 + 20 * n) for n in range(5)]
    garbage = replace(_line("人as和人多人", 22, confidence=0.11, top=138), bbox=(40, 138, 172, 174))
    doubted = replace(body[4], text="食堂每天供应早中晚二", confidence=0.5)
    read_lines = (body[0], body[1], garbage, doubted)
    px = 300 / 72
    rows = tuple(tuple(round(v * px) for v in line.bbox) for line in body)
    read = tesseract.PageRead({}, "chi_sim", (), 255, rows=rows)  # type: ignore[arg-type]
    said = {2: ("可同时容纳百余名老人", 0.9), 3: ("每天供应午餐和晚餐", 0.92), 4: ("食堂每", 0.3)}

    def head_readings(self, page, read, wanted, heights, source, psm, inked=False):
        return {}, {n: [said[n]] for n in wanted}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", head_readings)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda *a: read_lines)
    page = PageImage(1, Image.new("L", (2480, 1500), 255), 300)
    lines = tesseract.TesseractRecognizer().page_lines(read, page, "x")
    assert [line.text for line in lines] == [
        body[0].text,
        body[1].text,
        doubted.text,
        "可同时容纳百余名老人",
        "每天供应午餐和晚餐",
    ]
    assert not tesseract.misread_across(body[0], [body[0].bbox], [])


def test_a_row_whose_reading_alone_is_doubted_is_read_again_black_and_white(monkeypatch) -> None:
    """The engine reads a line by its grey, and the grey of a blurred print garbles a clean
    line now and then (`日上午，位于` as `目下伟人位调和`, 0.31) that the same row made black
    and white reads right: a row read alone whose reading is doubted is read once more so,
    and the surer reading kept; a row read surely is not read again."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=100 + 20 * n) for n in range(4)]
    read_lines = [body[0], body[3]]
    px = 300 / 72
    rows = tuple(tuple(round(v * px) for v in line.bbox) for line in body)
    read = tesseract.PageRead({}, "chi_sim", (), 255, rows=rows)  # type: ignore[arg-type]
    grey = {1: ("目下伟人位调和天山五", 0.31), 2: ("可同时容纳百余名老人", 0.9)}
    black_and_white = {1: ("日上午，位于天山五", 0.93), 2: ("可同时容纳百余名老", 0.95)}
    asked: list[tuple[list[int], bool]] = []

    def head_readings(self, page, read, wanted, heights, source, psm, inked=False):
        asked.append((list(wanted), inked))
        said = black_and_white if inked else grey
        return {}, {n: [said[n]] for n in wanted}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", head_readings)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda *a: tuple(read_lines))
    page = PageImage(1, Image.new("L", (2480, 1500), 255), 300)
    lines = tesseract.TesseractRecognizer().page_lines(read, page, "x")
    assert asked == [([1, 2], False), ([1], True)]
    assert [line.text for line in lines][2:] == ["日上午，位于天山五", "可同时容纳百余名老人"]


def test_a_line_end_whose_reading_alone_is_doubted_is_read_again_black_and_white(
    monkeypatch,
) -> None:
    """A line's end read again alone goes black and white too where the engine doubts its
    grey reading, and the glyph the surer reading holds after the line's last letter joins
    the line."""
    line = _line("加强基层治理能", 12, top=100)
    read = tesseract.PageRead({}, "chi_sim", (), 255)  # type: ignore[arg-type]
    asked: list[bool] = []

    def head_readings(self, page, read, wanted, heights, source, psm, inked=False):
        asked.append(inked)
        said = ("治理能力", 0.92) if inked else ("治理能人", 0.41)
        return {}, {n: [said] for n in wanted}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", head_readings)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda *a: (line,))
    monkeypatch.setattr(tesseract, "unread_line_ends", lambda *a: [0])
    page = PageImage(1, Image.new("L", (2480, 1500), 255), 300)
    (read_line,) = tesseract.TesseractRecognizer().page_lines(read, page, "x")
    assert asked == [False, True]
    assert read_line.text == "加强基层治理能力"


def test_an_image_made_black_and_white_keeps_its_ink_and_drops_its_specks() -> None:
    """Ink is what is darker than the paper by the page's own measure (`ink_of`): a glyph's
    grey stroke turns black, paper and a faint speck white."""
    grey = np.full((20, 40), 250, dtype=np.uint8)
    grey[5:15, 5:8] = 90
    grey[5:15, 20:22] = 140
    grey[10, 30] = 200
    inked = np.asarray(tesseract.inked_image(Image.fromarray(grey)))
    assert set(np.unique(inked)) == {0, 255}
    assert (inked[5:15, 5:8] == 0).all() and (inked[5:15, 20:22] == 0).all()
    assert inked[10, 30] == 255 and inked[0, 0] == 255


def test_a_doubted_line_boxed_on_part_of_a_rows_height_is_read_again() -> None:
    """Tesseract may read a line of type it cannot read (a sub-heading in another face) as
    a few doubted glyphs boxed on a sliver of the row (`见 前 此 马`, 0.46, a third of its
    height): the row is misread, and read alone. A sure line so boxed is left as read."""
    rows = [(40.0, 100.0 + 20 * n, 172.0, 112.0 + 20 * n) for n in range(3)]
    sliver = replace(_line("见前此马", 12, confidence=0.46, top=120), bbox=(44, 126, 160, 130))
    assert tesseract.misread_across(sliver, rows, [])
    assert not tesseract.misread_across(replace(sliver, confidence=0.9), rows, [])


def test_a_line_holding_a_doubtful_mark_stretched_over_two_rows_is_read_again() -> None:
    """A sure line holding one doubtful word whose box stands on two rows of body type
    (`ee` over the glyphs of both) is misread: its rows are read alone. The same word on
    one row, or a sure word as tall, leaves the line as the page read it."""
    rows = [(40.0, 100.0 + 20 * n, 172.0, 112.0 + 20 * n) for n in range(3)]
    words = (
        Word("履行代表", (40, 100, 88, 112), 12, 0.9),
        Word("ee", (88, 100, 130, 132), 12, 0.2, doubtful=True),
        Word("良好", (130, 100, 154, 112), 12, 0.9),
    )
    line = replace(_line("履行代表ee良好", 12, top=100), words=words)
    assert tesseract.stretched_across(words[1], rows)
    marks = tesseract.stretched_marks([line], rows)
    assert marks == [words[1].bbox]
    assert tesseract.misread_across(line, rows, marks)
    one_row = replace(line, words=(words[0], replace(words[1], bbox=(88, 100, 130, 112))))
    assert tesseract.stretched_marks([one_row], rows) == []
    assert not tesseract.misread_across(one_row, rows, [])
    sure = replace(words[1], confidence=0.9, doubtful=False)
    assert not tesseract.stretched_across(sure, rows)


def test_a_line_under_a_mark_another_line_holds_is_read_again() -> None:
    """The mark a line of the first row holds hides glyphs of the second row too: a sure
    line there, under the mark's width, is misread as well; a line of that row beside the
    mark, or of a row the mark does not reach, is not."""
    rows = [(40.0, 100.0 + 20 * n, 172.0, 112.0 + 20 * n) for n in range(3)]
    mark = (88.0, 100.0, 130.0, 132.0)
    under = _line("行驶安全出行", 12, top=120)
    beside = replace(_line("出行", 12, top=120), bbox=(140.0, 120.0, 164.0, 132.0))
    below = _line("出行平安顺利", 12, top=140)
    assert tesseract.under_mark(under.bbox, mark, rows)
    assert tesseract.misread_across(under, rows, [mark])
    assert not tesseract.misread_across(beside, rows, [mark])
    assert not tesseract.misread_across(below, rows, [mark])


def test_a_head_row_the_page_reading_made_only_marks_of_is_read_alone() -> None:
    """Where the page's reading made a few doubtful marks of a row of large type (the second
    phrase of a title, `一起撸起袖` read as `一起` and `一`), its head box is read alone as
    one the reading passed over; a box a line of text runs through is not."""
    marks = replace(_line("一起", 15, confidence=0.48, top=100), bbox=(100, 100, 130, 115))
    stroke = replace(_line("一", 8, confidence=0.09, top=110), bbox=(140, 110, 148, 118))
    title = _line("基本实现老年助餐服务", 26, top=200)
    boxes = [(96, 96, 206, 122), (40, 200, 300, 226)]
    assert tesseract.unread_rows([marks, stroke, title], boxes) == [0]


def test_a_head_row_only_a_body_line_read_into_is_read_alone() -> None:
    """A body line read along its baseline across the gutter into the row of the next
    column's title, its last glyph a misreading of the title's (`近日， 人`): its words cover
    little of the head box, so the box is read alone. Body lines whose words cover the box
    between them (two columns' lines run together in it), or a head line in it, read it."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=300 + 20 * n) for n in range(5)]
    words = tuple(
        Word(char, (40 + 12 * n, 125, 52 + 12 * n, 137)) for n, char in enumerate("咨询电话近日")
    )
    across = replace(
        _line("咨询电话近日人", 12, top=125),
        bbox=(40, 125, 356, 137),
        words=(*words, Word("人", (344, 125, 356, 137))),
    )
    box = (343, 122, 516, 140)
    assert tesseract.unread_heads([across, *body], [box]) == [0]
    beside = replace(across, bbox=(343, 125, 440, 137), words=(Word("居民", (343, 125, 440, 137)),))
    assert tesseract.unread_heads([across, beside, *body], [box]) == []
    title = replace(_line("并即场派发环保袋", 20, top=122), bbox=(343, 122, 503, 140))
    assert tesseract.unread_heads([across, title, *body], [box]) == []


def test_a_glyph_the_page_read_across_a_titles_two_rows_has_read_neither() -> None:
    """The page's reading ran the first glyphs of a wrapped title's two rows into one `人`
    as tall as both: it stands across the rows and reads neither, so the second row, which
    no other line reads, is read alone."""
    body = [_line("食堂每天供应早中晚三餐", 9, top=450 + 14 * n) for n in range(5)]
    first, second = (53, 374, 274, 395), (54, 398, 179, 418)
    tall = replace(_line("人", 41), bbox=(53, 374, 179, 415))
    rest = replace(_line("公布2023年度优秀志", 18), bbox=(108, 374, 274, 390))
    assert tesseract.unread_heads([tall, rest, *body], [first, second]) == [1]


def test_a_head_row_the_page_read_as_marks_it_doubts_is_read_alone() -> None:
    """A wrapped title's last two glyphs alone on their row, which the page's reading made
    into two marks it doubts (`口瑪`, a body line's size): doubted marks have read nothing,
    so the box is read alone. Read as sure, the same words read it."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=300 + 20 * n) for n in range(5)]
    marks = (Word("口", (56, 190, 68, 200)), Word("瑪", (70, 190, 92, 200)))
    doubted = replace(_line("口瑪", 12, confidence=0.5, top=190), bbox=(56, 190, 92, 200))
    box = (45, 185, 93, 209)
    assert tesseract.unread_heads([replace(doubted, words=marks), *body], [box]) == []
    unsure = tuple(replace(word, doubtful=True) for word in marks)
    assert tesseract.unread_heads([replace(doubted, words=unsure), *body], [box]) == [0]


def test_a_titles_last_glyph_alone_on_its_line_is_read_alone_and_a_rule_is_not() -> None:
    """A wrapped title's last glyph alone on its line (`牌`) has ink a little narrower than
    tall; the page's reading passed over it, so its box is read alone. A rule's box, a few
    points wide, is no glyph."""
    title = _line("新泾特色的治理品", 28, top=54)
    glyph = (151, 91, 175, 117)  # 24 x 26 points
    rule = (300, 60, 302, 120)
    assert tesseract.unread_rows([title], [glyph, rule]) == [0]


def test_pieces_of_a_head_that_tesseract_cut_apart_are_joined_and_take_its_reading() -> None:
    body = [_line("食堂每天供应早中晚三餐", 12, top=100 + 20 * n) for n in range(5)]
    first = replace(_line("悦读青浦”暑", 20, confidence=0.26, top=60), bbox=(68, 60, 188, 80))
    second = replace(_line("阅读活动启动", 20, top=60), bbox=(195, 60, 320, 80))
    boxes = [(66, 58, 322, 82)]
    readings = {0: [("“悦读青浦”暑期阅读活动启动", 0.93)]}
    joined = tesseract.head_boxes((first, second, *body), boxes, [[(189, 192)]])
    lines = tesseract.take_readings(*joined, readings, boxes)
    assert lines[0].text == "“悦读青浦”暑期阅读活动启动" and lines[1:] == tuple(body)
    # Two heads a gutter apart in one box stay apart.
    far = replace(second, bbox=(240, 60, 365, 80))
    parted = tesseract.head_boxes((first, far, *body), boxes, [[(189, 239)]])
    apart = tesseract.take_readings(*parted, readings, boxes)
    assert [line.text for line in apart[:2]] == ["悦读青浦”暑", "阅读活动启动"]


def test_a_title_read_as_one_line_with_the_next_columns_line_is_cut_out_to_be_read_alone() -> None:
    """Tesseract read a title and the line of the column beside it as one line, across the
    gutter: cut at the blank that meets the title's head box, the title is a head of its
    own. Without a head box there, or where no piece is a head, the line stays whole."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=120 + 20 * n) for n in range(5)]
    words = (
        Word("区人大代表与来自", (50, 84, 274, 96), confidence=0.9),
        Word("请符合条件的居民", (316, 78, 536, 100), confidence=0.9),
    )
    crossing = replace(
        _line("区人大代表与来自 请符合条件的居民", 12, top=80),
        bbox=(50, 80, 536, 98),
        origin="ocr-tesseract",
        words=words,
        blanks=((275, 315),),
    )
    page = PageImage(1, Image.new("L", (600, 300), 255), 72)
    lines = tesseract.cut_between_heads((crossing, *body), [(316, 78, 536, 100)], page)
    title, rest = lines[0], lines[1]
    assert (title.text, rest.text) == ("请符合条件的居民", "区人大代表与来自")
    assert title.size > 1.3 * 12 and [line.text for line in lines[2:]] == [b.text for b in body]
    assert tesseract.cut_between_heads((crossing, *body), [], page)[0].text == crossing.text
    small = replace(words[1], bbox=(316, 84, 420, 96))
    level = replace(crossing, words=(words[0], small), bbox=(50, 80, 420, 98))
    kept = tesseract.cut_between_heads((level, *body), [(316, 84, 420, 96)], page)[0]
    assert kept.text == level.text


def test_a_title_read_into_the_kicker_beside_it_is_cut_at_the_gap_between_their_boxes() -> None:
    """Tesseract read a title's first line and the kicker of the article beside it as one
    line, its box run tall by the kicker's misread glyphs, and a speck parts the blank
    between them into two each narrower than a phrase space at the size the tall box
    shows: the line is cut where the page's ink parts the two rows' boxes, and the title
    is a head of its own. A line within one box is not cut."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=320 + 20 * n) for n in range(5)]
    words = (
        Word("老人们在就餐区就能", (54, 251, 269, 277), confidence=0.93),
        Word(" 闪闪光", (389, 243, 478, 288), confidence=0.3, doubtful=True),
    )
    crossing = replace(
        _line("老人们在就餐区就能 闪闪光", 36.25, confidence=0.75, top=243),
        bbox=(54, 243, 478, 288),
        origin="ocr-tesseract",
        words=words,
        blanks=((268.6, 296.2), (296.9, 323.6)),
    )
    assert tesseract.blanks_wider_than_spaces(crossing) == []
    boxes = [(57, 251, 269, 277), (389, 251, 476, 277)]
    page = PageImage(1, Image.new("L", (600, 500), 255), 72)
    lines = tesseract.cut_between_heads((crossing, *body), boxes, page)
    pieces = {line.text: line for line in lines[:2]}
    assert set(pieces) == {"老人们在就餐区就能", "闪闪光"}
    title = pieces["老人们在就餐区就能"]
    assert title.size is not None and 1.3 * 12 < title.size < 30
    whole = replace(crossing, blanks=())
    assert tesseract.cut_between_heads((whole, *body), boxes[:1], page)[0].text == whole.text


def test_a_misread_piece_of_a_head_joins_it_where_the_ink_runs_on() -> None:
    """Tesseract may read the start of a title as strokes with a box cut short (too small
    for a head) and leave a gap between its boxes where the glyphs it skipped stand: the
    page's ink, not the boxes, says the pieces are one line."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=100 + 20 * n) for n in range(5)]
    piece = replace(_line("“悦、读击青浦", 9, confidence=0.4, top=65), bbox=(54, 65, 184, 73))
    head = replace(_line("阅读活动启动", 20, top=60), bbox=(195, 60, 320, 80))
    boxes = [(54, 58, 322, 82)]
    readings = {0: [("“悦读青浦”暑期阅读活动启动", 0.93)]}
    lines = tesseract.take_readings(
        *tesseract.head_boxes((piece, head, *body), boxes, [[(186, 188)]]), readings, boxes
    )
    assert lines[0].text == "“悦读青浦”暑期阅读活动启动"
    assert lines[0].size == pytest.approx(20, rel=0.05)
    assert lines[1:] == tuple(body)
    # Blank paper a gutter wide between them: a line of another column, left as it is.
    apart = tesseract.head_boxes((piece, head, *body), boxes, [[(184, 195)]])[0]
    assert apart[:2] == (piece, head)


def test_a_line_tesseract_cut_after_a_closing_mark_is_joined_again() -> None:
    """Tesseract ended a line at a closing quote and read the rest as a line of its own:
    the quote hugs the letter before it and its cell's blank stands before the next letter,
    which is no gap. A mark standing apart from its letter (read into a gutter) joins
    nothing."""

    def piece(text: str, left: float) -> list[ReadWord]:
        return [
            ReadWord(c, left + 40 * n, 0, left + 40 * n + 38, 40, 0.9) for n, c in enumerate(text)
        ]

    first, rest = piece("小河", 0), piece("志愿者", 120)
    quote = ReadWord("”", 79, 0, 86, 12, 0.3)
    joined = join_touching([[*first, quote], rest])
    assert ["".join(w.text for w in words) for words in joined] == ["小河”志愿者"]
    apart = ReadWord("”", 100, 0, 107, 12, 0.3)
    assert len(join_touching([[*first, apart], rest])) == 2


def test_a_line_tesseract_cut_after_a_narrow_glyph_is_joined_again() -> None:
    """Tesseract cut a body line after `日`, whose ink is narrow in its cell: the blank
    between its ink and the next glyph's is the two glyphs' side bearings, wider than a
    quarter of a glyph but far short of a gutter. Read surely, the two pieces are one line;
    pieces the engine could not read (specks, strokes of a large glyph) join only where they
    touch, and a gutter's width apart nothing joins."""

    def piece(text: str, left: float, confidence: float = 0.9) -> list[ReadWord]:
        return [
            ReadWord(c, left + 40 * n, 0, left + 40 * n + 38, 40, confidence)
            for n, c in enumerate(text)
        ]

    first = [*piece("6月1", 0), ReadWord("日", 124, 0, 140, 40, 0.9)]
    rest = piece("至7月", 156)
    joined = join_touching([first, rest])
    assert ["".join(w.text for w in words) for words in joined] == ["6月1日至7月"]
    unsure = [*piece("洁W", 0, 0.3), ReadWord("潑", 124, 0, 140, 40, 0.3)]
    assert len(join_touching([unsure, piece("品史", 156, 0.3)])) == 2
    assert len(join_touching([first, piece("至7月", 180)])) == 2


def test_a_line_tesseract_cut_before_a_comma_is_joined_again() -> None:
    """Tesseract cut a line between a letter and the comma after it, reading the comma (as
    its ASCII form, unsure) at the head of the rest: the comma's ink stands in the cell next
    to the letter, so the rest joins the line. A comma a glyph or more from the letter, as
    one read into a gutter, joins nothing."""

    def piece(text: str, left: float) -> list[ReadWord]:
        return [
            ReadWord(c, left + 40 * n, 0, left + 40 * n + 38, 40, 0.9) for n, c in enumerate(text)
        ]

    first = piece("工作计划", 0)
    comma = ReadWord(",", 176, 26, 183, 36, 0.08)
    rest = piece("包括改善", 200)
    joined = join_touching([first, [comma, *rest]])
    assert ["".join(w.text for w in words) for words in joined] == ["工作计划,包括改善"]
    apart = [ReadWord(",", 200, 26, 207, 36, 0.08), *piece("包括改善", 224)]
    assert len(join_touching([first, apart])) == 2


def test_specks_read_under_a_head_do_not_join_it() -> None:
    """Tesseract may read specks or strokes under a title as a line of its own within the
    title's width; pieces of a line stand side by side, so that line is no piece of it."""
    body = [_line("食堂每天供应早中晚三餐", 12, top=100 + 20 * n) for n in range(5)]
    head = _line("真是办到了我们心坎上", 20, confidence=0.95, top=60)
    head = replace(head, bbox=(68, 60, 250, 80))
    specks = replace(_line("一|了<Sa忆尽", 9, confidence=0.4, top=66), bbox=(90, 66, 200, 76))
    boxes = [(66, 58, 252, 82)]
    lines, in_box = tesseract.head_boxes((head, specks, *body), boxes, [[]])
    assert lines[:2] == (head, specks) and in_box == {id(head): 0}
    kept, aside = separate_noise(lines)
    assert [line.text for line in kept][:1] == [head.text] and specks in aside


def test_a_few_letters_boxed_across_a_photos_edge_are_set_aside_however_sure() -> None:
    """Tesseract reads the lower edge of a photo as `eg` at 0.53, boxed 27 ems wide: no two
    letters stand so wide. A short line whose words are boxed as wide as their glyphs, a
    dash boxed flat and wide, and a line read again alone (boxed as its whole row) stay."""
    edge = Word("eg", (312.7, 297.4, 512.9, 304.8), confidence=0.53)
    sparse = Line("eg", 1, 2, edge.bbox, confidence=0.53, words=(edge,))
    short = Word("证书。", (306.0, 336.0, 341.0, 347.0), confidence=0.9)
    word_line = Line("证书。", 1, 3, short.bbox, confidence=0.9, words=(short,))
    dash = Word("——", (306.0, 350.0, 330.0, 352.0), confidence=0.9)
    dash_line = Line("——", 1, 4, dash.bbox, confidence=0.9, words=(dash,))
    row_read = Line("督導。", 1, 5, (43.2, 413.8, 564.5, 423.4), confidence=0.92)
    kept, aside = separate_noise([sparse, word_line, dash_line, row_read])
    assert aside == (sparse,)
    assert [line.text for line in kept] == ["证书。", "——", "督導。"]


def test_tesseract_reads_a_page_with_a_large_title_and_keeps_it_whole() -> None:
    page = PageImage(1, column_page(1, 4, title="社区长者食堂开业"), 300)
    lines = tesseract.TesseractRecognizer().recognize(page, "simplified", source="title.png")
    assert lines[0].text.replace(" ", "") == "社区长者食堂开业"


def test_chi_sim_sure_of_its_own_characters_settles_the_script() -> None:
    def data(conf: int, words: int) -> dict:
        return {"text": ["镇", "人"] * words, "conf": [str(conf), "95"] * words}

    assert tesseract.sure_of_simplified(data(88, 12))
    assert not tesseract.sure_of_simplified(data(73, 12))  # chi_sim guessing at a traditional page
    assert not tesseract.sure_of_simplified(data(95, 3))  # too few such words to tell


def test_heads_leaning_traditional_and_chi_tra_sure_settle_a_traditional_page() -> None:
    def data(peculiar: str, conf: int, words: int) -> dict:
        return {"text": [peculiar, "人"] * words, "conf": [str(conf), "95"] * words}

    assert tesseract.heads_lean_traditional(data("镇", 72, 6))  # chi_sim unsure of 镇 in a head
    assert not tesseract.heads_lean_traditional(data("镇", 92, 6))
    assert not tesseract.heads_lean_traditional(data("镇", 60, 3))  # too few to lean
    assert tesseract.sure_of_traditional(data("鎮", 91, 12))
    assert not tesseract.sure_of_traditional(data("鎮", 86, 12))  # chi_tra on simplified print


def test_a_page_whose_heads_lean_traditional_is_read_by_chi_tra_alone(monkeypatch) -> None:
    page = PageImage(1, column_page(1, 4, title="元朗長者中心舉辦中秋敬老活動"), 300)
    recognizer = tesseract.TesseractRecognizer()
    assert tesseract.text_regions(page.image, page.dpi).heads  # the title is a head
    read: list[str] = []
    real_page_read = tesseract.TesseractRecognizer._page_read

    def page_read(self, page, lang, source, layout):
        read.append(lang)
        return real_page_read(self, page, lang, source, layout)

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_page_read", page_read)
    monkeypatch.setattr(tesseract, "heads_lean_traditional", lambda data: True)
    monkeypatch.setattr(tesseract, "sure_of_traditional", lambda data: True)
    script, lines = recognizer.recognize_detecting(page, source="x")
    assert (script, read) == ("traditional", ["chi_tra"]) and lines
    # chi_tra unsure after all: chi_sim reads the page, sure of it, and nothing is read twice.
    monkeypatch.setattr(tesseract, "sure_of_traditional", lambda data: False)
    monkeypatch.setattr(tesseract, "sure_of_simplified", lambda data: True)
    read.clear()
    script, _ = recognizer.recognize_detecting(page, source="x")
    assert (script, read) == ("simplified", ["chi_tra", "chi_sim"])


def _fake_rapid(output: object) -> rapid.RapidOCRRecognizer:
    """A RapidOCR recognizer whose engine gives a fixed output (no model needed)."""

    class Engine:
        def max_side_len(self) -> int:
            return 2000

        def read(self, array: object, timeout: float) -> list:
            return rapid.rapid_items(output)

    recognizer = object.__new__(rapid.RapidOCRRecognizer)
    recognizer.engine = Engine()  # type: ignore[assignment]
    recognizer.timeout = 1.0
    return recognizer


def _children() -> set[int]:
    """The processes this one started that still run (Linux)."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return {pid for pid in found if Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"}


def test_the_time_limit_binds_rapidocr_whose_process_is_ended_with_the_page() -> None:
    page = PageImage(2, small_page(), 300)
    rapid.rapid_process().stop()
    before = _children()
    with pytest.raises(OcrError, match=r"scan\.pdf: page 2: rapidocr did not finish within"):
        rapid.RapidOCRRecognizer(timeout=0.01).recognize(page, "simplified", source="scan.pdf")
    assert _children() <= before  # the engine's process did not run on with the page
    lines = rapid.RapidOCRRecognizer(timeout=120).recognize(page, "simplified", source="s.pdf")
    assert lines  # the next page starts the engine again


def test_rapidocr_lines_with_and_without_character_boxes() -> None:
    box = [[100, 100], [500, 100], [500, 150], [100, 150]]
    lower = [[x, y + 200] for x, y in box]
    chars = [
        [[100 + 50 * n, 300], [150 + 50 * n, 300], [150 + 50 * n, 350], [100 + 50 * n, 350]]
        for n in range(8)
    ]
    output = SimpleNamespace(  # rapidocr 3's RapidOCROutput, as return_word_box gives it
        boxes=[box, lower],
        txts=("新泾镇社区长者食堂", "食堂每日供应午餐"),
        scores=(0.99, 0.98),
        word_results=(
            (),
            tuple(
                (char, 0.98, corners)
                for char, corners in zip("食堂每日供应午餐", chars, strict=True)
            ),
        ),
    )
    page = PageImage(1, small_page(), 300)
    lines = _fake_rapid(output).recognize(page, "simplified", source="x")
    assert [line.text for line in lines] == ["新泾镇社区长者食堂", "食堂每日供应午餐"]
    assert lines[0].bbox == pytest.approx((24, 24, 120, 36), abs=0.5)
    assert lines[1].bbox[2] - lines[1].bbox[0] == pytest.approx(96, abs=0.5)  # from its chars
    assert [len(line.words) for line in lines] == [0, 8]


def test_a_column_read_down_shows_the_blank_paper_of_its_own_run() -> None:
    """A vertical page's lines stand in the page turned (each column a row): the blank
    paper across each is measured there, where a column set solid has no blank wider
    than the space between its glyphs (the third column's `一`, one stroke, has paper on
    either side of it); measured in the page as it stands, the gutters between the
    columns would show."""
    reader = ocr.page_reader(IngestConfig(engine="tesseract", script="simplified"), "v.png")
    page = reader.read(PageImage(1, vertical_page(), 300))
    assert [line.blanks for line in page.lines[:2]] == [(), ()]


def test_rapidocr_reading_nothing_gives_no_lines() -> None:
    empty = SimpleNamespace(boxes=None, txts=None, scores=None, word_results=(("", 1.0, None),))
    page = PageImage(1, small_page(), 300)
    assert _fake_rapid(empty).recognize(page, "simplified", source="x") == ()


def test_a_page_set_in_columns_is_read_right_to_left_as_rows_of_the_page_turned() -> None:
    reader = ocr.page_reader(IngestConfig(engine="tesseract", script="simplified"), "v.png")
    page = reader.read(PageImage(1, vertical_page(), 300))
    columns = [TEXT[n * 8 : (n + 1) * 8] for n in range(3)]  # right to left
    assert len(page.lines) == 3
    assert cer("".join(line.text for line in page.lines), "".join(columns)) <= 0.1
    tops = [line.bbox[1] for line in page.lines]  # type: ignore[index]
    assert tops == sorted(tops) and page.lines[0].text[:4] == columns[0][:4]
    assert (page.width, page.height) == pytest.approx((560 * 72 / 300, 381 * 72 / 300))
    assert "vertical columns" in page.warnings[0]


def test_a_page_the_ink_wrongly_calls_vertical_is_read_across_by_tesseract_alone(
    monkeypatch,
) -> None:
    """Tesseract's vertical model reads a page set across unsurely; read across too, the
    page's surer reading stands, and its lines run across."""
    monkeypatch.setattr(images, "text_orientation", lambda image, dpi: "vertical")
    reader = ocr.page_reader(IngestConfig(engine="tesseract", script="simplified"), "p.png")
    page = reader.read(PageImage(1, small_page(), 300))
    assert not any("vertical columns" in warning for warning in page.warnings)
    assert cer("".join(line.text for line in page.lines), "".join(LINES)) < 0.1


def counted_readings(monkeypatch) -> list[int]:
    """The numbers of the pages `PageReader` reads as set from now on, one per reading."""
    readings: list[int] = []
    read_as_set = ocr.PageReader._read_as_set

    def counted(self: ocr.PageReader, page: PageImage) -> Page:
        readings.append(page.number)
        return read_as_set(self, page)

    monkeypatch.setattr(ocr.PageReader, "_read_as_set", counted)
    return readings


def test_a_page_fed_upside_down_is_read_turned_upright(monkeypatch) -> None:
    """A scan fed upside down reads as garbage the engine is half sure of; tesseract's
    orientation model finds it turned, and the page turned upright reads as the page
    does, with a warning that its boxes are those of the page so turned. The next page of
    the stack, turned too, is read upright at once."""
    image = column_page(2, 6)
    reader = ocr.page_reader(IngestConfig(engine="tesseract", script="simplified"), "p.png")
    upright = reader.read(prepare(image, 1, 300))
    reader = ocr.page_reader(IngestConfig(engine="tesseract", script="simplified"), "p.png")
    turned = reader.read(prepare(image.rotate(180), 1, 300))
    assert [line.text for line in turned.lines] == [line.text for line in upright.lines]
    assert "read turned 180 degrees" in turned.warnings[0]
    assert (upright.turn, turned.turn) == (0, 180)
    assert (turned.width, turned.height) == (upright.width, upright.height)
    readings = counted_readings(monkeypatch)
    again = reader.read(prepare(image.rotate(180), 2, 300))
    assert (again.turn, readings) == (180, [2])
    assert [line.text for line in again.lines] == [line.text for line in upright.lines]


def test_a_page_fed_a_quarter_turn_is_read_upright_first(monkeypatch) -> None:
    """A page fed a quarter turn clockwise shows lines running down it, as a page set in
    vertical columns does; the engine reads it glyph by glyph, surely. Its glyphs, on their
    side, tell it apart: tesseract's orientation model is asked before the page is read,
    and the page is read once, turned upright."""
    image = column_page(2, 6)
    reader = ocr.page_reader(IngestConfig(engine="tesseract", script="simplified"), "p.png")
    upright = reader.read(prepare(image, 1, 300))
    readings = counted_readings(monkeypatch)
    reader = ocr.page_reader(IngestConfig(engine="tesseract", script="simplified"), "p.png")
    turned = reader.read(prepare(image.rotate(-90, expand=True), 1, 300))
    assert [line.text for line in turned.lines] == [line.text for line in upright.lines]
    assert (turned.turn, readings) == (90, [1])
    assert "read turned 90 degrees" in turned.warnings[0]


def test_a_page_read_surely_is_not_checked_for_its_orientation(monkeypatch) -> None:
    def never(self: Any, page: PageImage, *, source: str) -> int:
        raise AssertionError("a page read surely needs no orientation check")

    monkeypatch.setattr(tesseract.TesseractRecognizer, "orientation", never)
    reader = ocr.page_reader(IngestConfig(engine="tesseract", script="simplified"), "p.png")
    page = reader.read(prepare(small_page(), 1, 300))
    assert [line.text for line in page.lines] == LINES


def test_an_orientation_model_that_will_not_load_leaves_the_page_as_it_stands(
    monkeypatch,
) -> None:
    def fails(image: Image.Image, dpi: float) -> tuple[int, float]:
        raise libtesseract.TesseractFailed("tesseract could not load the language model osd")

    monkeypatch.setattr(libtesseract, "orientation", fails)
    page = prepare(small_page().rotate(180), 1, 300)
    assert tesseract.TesseractRecognizer(60).orientation(page, source="p.png") == 0


def test_a_page_turned_is_prepared_anew() -> None:
    """Turned a quarter turn, a page's width and height trade places, and its pixels stand
    as the scan's turned."""
    page = prepare(small_page(), 1, 300)
    turned = turned_upright(page, 90)
    assert turned.scan.size == page.scan.size[::-1]
    assert np.array_equal(np.asarray(turned.scan), np.rot90(np.asarray(page.scan)))


def test_without_the_vertical_models_auto_reads_columns_across_and_says_why(monkeypatch) -> None:
    monkeypatch.setattr(ocr, "vertical_models_installed", lambda: False)
    monkeypatch.setattr(ocr, "rapidocr_available", lambda: False)
    reader = ocr.page_reader(IngestConfig(engine="auto", script="simplified"), "v.png")
    page = reader.read(PageImage(1, vertical_page(), 300))
    assert page.origin == "ocr-tesseract" and (page.width or 0) < (page.height or 0)
    assert "tesseract-ocr-chi-tra-vert" in page.warnings[0]


def test_auto_reads_either_script_once_with_rapidocr_whose_text_tells_the_script(
    monkeypatch,
) -> None:
    monkeypatch.setattr(ocr, "rapidocr_available", lambda: True)
    asked: list[str] = []
    title = ocr.Line("元朗長者中心舉辦中秋敬老活動", 1, 0, (40, 40, 300, 60), 20, 0.9, "x")

    class Rapid:
        name = "rapidocr"

        def recognize(self, page, script, *, source):
            asked.append(script)
            return (title,)

    page = PageImage(1, small_page(), 300)
    reader = ocr.page_reader(IngestConfig(engine="auto"), "t.png")
    reader._recognizers["rapidocr"] = Rapid()  # type: ignore[assignment]
    read = reader.read(page)
    assert (reader.script, read.origin, len(asked)) == ("traditional", "ocr-rapidocr", 1)
    title = replace(title, text="元朗长者中心举办中秋敬老活动")
    reader = ocr.page_reader(IngestConfig(engine="auto"), "s.png")
    reader._recognizers["rapidocr"] = Rapid()  # type: ignore[assignment]
    read = reader.read(page)
    assert (reader.script, read.origin, len(asked)) == ("simplified", "ocr-rapidocr", 2)


def test_a_page_the_ink_calls_vertical_stays_read_across_where_rapidocr_reads_it_surely(
    monkeypatch,
) -> None:
    monkeypatch.setattr(ocr, "rapidocr_available", lambda: True)
    monkeypatch.setattr(images, "text_orientation", lambda image, dpi: "vertical")
    monkeypatch.setattr(ocr, "vertical_models_installed", lambda: True)
    turned = ocr.Page(1, (), 100.0, 50.0, "ocr-tesseract", ("page 1: set in vertical columns",))
    monkeypatch.setattr(ocr.PageReader, "_read_vertical", lambda self, page: turned)
    confidence = [0.99]

    class Rapid:
        name = "rapidocr"

        def recognize(self, page, script, *, source):
            text = "社区食堂正式开业以来每天为老人提供午餐"
            return (ocr.Line(text, 1, 0, (40, 40, 300, 52), 12, confidence[0], "ocr-rapidocr"),)

    def read() -> ocr.Page:
        reader = ocr.page_reader(IngestConfig(engine="auto"), "p.png")
        reader._recognizers["rapidocr"] = Rapid()  # type: ignore[assignment]
        return reader.read(PageImage(1, small_page(), 300))

    assert read().origin == "ocr-rapidocr"  # read across, surely: its lines run across
    confidence[0] = 0.8  # characters of neighbouring columns strung together
    assert read() is turned


def test_a_language_pack_missing_from_tessdata_prefix_says_so(monkeypatch, tmp_path) -> None:
    from bulletin_ingest import MissingDependencyError
    from bulletin_ingest.sources.tesseract import installed_models, require_tesseract

    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    installed_models.cache_clear()  # the languages are looked up once a process
    with pytest.raises(MissingDependencyError, match=f"not in TESSDATA_PREFIX={tmp_path}"):
        require_tesseract("chi_sim")
    installed_models.cache_clear()


def test_tesseract_off_the_path_says_where_it_is(monkeypatch) -> None:
    from bulletin_ingest.sources.tesseract import tesseract_missing

    monkeypatch.setenv("PATH", "/nowhere")
    assert "not on PATH (/nowhere): add /usr/bin to PATH" in tesseract_missing()


def test_a_missing_engine_failure_names_the_file(tmp_path, monkeypatch, capsys) -> None:
    from bulletin_ingest.cli import main
    from bulletin_ingest.sources import tesseract

    from .pages import small_page

    def missing(lang: str) -> None:
        raise tesseract.MissingDependencyError("tesseract is not installed: apt-get install x")

    monkeypatch.setattr(tesseract, "require_tesseract", missing)
    page = tmp_path / "page.png"
    small_page().save(page)
    code = main(
        [
            "convert",
            str(page),
            "-o",
            str(tmp_path / "o"),
            "--engine",
            "tesseract",
            "--script",
            "simplified",
            "-j",
            "1",
        ]
    )
    assert code == 4
    assert f"{page}: tesseract is not installed" in capsys.readouterr().out


def test_lines_read_from_graphics_are_left_out_and_listed_in_the_warnings() -> None:
    from bulletin_ingest import Line

    class Engine:
        name = "stub"

        def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
            return (
                Line(
                    "社区食堂正式开业，老人们在食堂用餐。",
                    page.number,
                    0,
                    (72, 72, 300, 84),
                    12.0,
                    0.95,
                    "ocr-stub",
                ),
                Line("133", page.number, 1, (72, 300, 90, 312), 12.0, 0.3, "ocr-stub"),
            )

        def detect_script(self, page: PageImage, *, source: str) -> str:
            return "simplified"

    from .pages import small_page

    page = ocr.page_reader(IngestConfig(), "t.png", Engine()).read(PageImage(1, small_page(), 300))
    assert [line.text for line in page.lines] == ["社区食堂正式开业，老人们在食堂用餐。"]
    assert any(
        "1 lines read from graphics or read twice left out: '133'" in w for w in page.warnings
    )


def test_a_tape_replays_what_the_engine_read_and_a_changed_image_is_stale(tmp_path: Path) -> None:
    from bulletin_ingest import StaleTape, recording, replaying

    image = tmp_path / "page.png"
    small_page().save(image, dpi=(300, 300))
    config = IngestConfig(engine="tesseract", script="simplified")
    with recording() as tape:
        live = ingest(image, config)
    tape.save(tmp_path / "page.tape.json.gz", image)
    assert tape.engines["tesseract"] != "unknown" and tape.calls
    with replaying(tmp_path / "page.tape.json.gz"):
        replayed = ingest(image, config)
    assert replayed.to_dict() == live.to_dict()
    changed = small_page()
    changed.putpixel((0, 0), 0)
    changed.save(image, dpi=(300, 300))
    with replaying(tmp_path / "page.tape.json.gz"), pytest.raises(StaleTape, match="re-record"):
        ingest(image, config)


@pytest.mark.parametrize("size", [(20, 5000), (100, 800_000)])
def test_a_strip_far_longer_than_wide_is_read_quickly_by_rapidocr(tmp_path: Path, size) -> None:
    """RapidOCR scales a page's shorter side up to its detector's minimum: a blank strip
    20 px wide took it minutes, and one 100 px wide shrank to nothing before it."""
    import time

    from PIL import Image

    strip = tmp_path / "strip.png"
    Image.new("L", size, 255).save(strip)
    started = time.perf_counter()
    bulletin = ingest(strip, IngestConfig(engine="rapidocr", ocr_timeout=60))
    assert bulletin.articles == ()
    assert time.perf_counter() - started < 60


def test_a_read_line_gives_each_word_its_own_box() -> None:
    """Where a line crosses a gutter is layout's to find, and a piece it cuts off stands
    where its own words do (a smaller caption beside a column's line)."""
    page = PageImage(1, Image.new("L", (100, 100), 255), 72)
    read = [ReadWord("新泾", 0, 10, 40, 30, 0.9), ReadWord("居民", 60, 16, 80, 26, 0.9)]
    line = line_from_words(read, page, "ocr-tesseract", doubt=0.6)
    assert [w.bbox for w in line.words] == [(0, 10, 40, 30), (60, 16, 80, 26)]


def test_a_line_whose_words_mostly_reach_into_the_next_stands_where_its_glyphs_do() -> None:
    """Tesseract gives some characters of a line of large type boxes running half a line
    into the line below; where most of the line's words have such boxes, the line still
    stands where its words of typical height do, not shifted down onto the next line."""
    page = PageImage(1, Image.new("L", (1000, 700), 255), 72)
    tops = (482, 481, 477, 477, 477, 477, 477, 482, 477, 482)
    heights = (45, 47, 69, 69, 69, 69, 69, 45, 69, 44)
    read = [
        ReadWord("字", 133 + 60 * n, top, 178 + 60 * n, top + height, 0.9)
        for n, (top, height) in enumerate(zip(tops, heights, strict=True))
    ]
    line = line_from_words(read, page, "ocr-tesseract", doubt=0.6)
    assert line.bbox is not None
    assert line.bbox[1] == pytest.approx(481, abs=2) and line.bbox[3] == pytest.approx(527, abs=2)


def test_a_short_line_of_flat_glyphs_and_marks_stands_as_tall_as_its_characters() -> None:
    """A short line (a column's last, `都比较高。下一步，`) whose marks and flat strokes
    (`一`) stand less than a glyph tall, one glyph boxed a sliver among them, stands as tall
    as most of its characters do, so it does not measure small and pass for a caption."""
    page = PageImage(1, Image.new("L", (300, 100), 255), 72)
    boxes = [
        ("都", 0, 10, 14, 19),
        ("比较", 15, 10, 36, 19),
        ("高", 43, 13, 46, 16),
        ("。", 45, 9, 52, 23),
        ("下", 52, 10, 59, 19),
        ("一", 62, 14, 69, 15),
        ("步", 74, 10, 79, 19),
        ("，", 82, 17, 83, 19),
    ]
    read = [ReadWord(text, x0, top, x1, bottom, 0.9) for text, x0, top, x1, bottom in boxes]
    line = line_from_words(read, page, "ocr-tesseract", doubt=0.6)
    assert line.bbox is not None
    assert (line.bbox[1], line.bbox[3]) == (10, 19)
    assert line.size is not None and line.size > 9


def corners(x0: float, top: float, x1: float, bottom: float) -> list[list[float]]:
    """A box as RapidOCR gives one: its four corners, clockwise from the top left."""
    return [[x0, top], [x1, top], [x1, bottom], [x0, bottom]]


def test_a_line_rapidocr_reads_down_the_page_is_laid_out_as_vertical_text() -> None:
    """RapidOCR reads a vertical slogan beside a masthead as one line whose characters'
    boxes stand one under the other: it becomes a glyph a line, where each stands, and
    layout sets the stack aside as a slogan, not a tiny line of large type among the heads."""
    slogan = "共建共治共享"
    glyphs = [corners(1291, 84 + 31 * n, 1325, 113 + 31 * n) for n in range(len(slogan))]
    down = (corners(1291, 79, 1325, 268), slogan, 0.99, glyphs, list(slogan), [0.99] * 6)
    name = "新泾快讯"
    across = [corners(200 + 90 * n, 100, 290 + 90 * n, 200) for n in range(len(name))]
    masthead = (corners(200, 100, 560, 200), name, 0.99, across, list(name), [0.99] * 4)
    page = PageImage(1, Image.new("L", (1400, 2000), 255), 300)
    lines = rapid.item_lines([down, masthead], page)
    assert sorted(line.text for line in lines) == sorted([*slogan, name])
    laid = bulletin_from_document(
        Document("t.png", "0", "ocr", (Page(1, lines, 336, 480, "ocr"),)), IngestConfig()
    )
    assert [block.text for block in laid.boilerplate if block.role == "slogan"] == [slogan]


def test_a_short_lines_size_is_the_em_its_engines_box_height_holds() -> None:
    """Tesseract trims its boxes to the ink, which stands shorter than the em a long line's
    advance measures: a two-glyph line's size is 1.2 of its box's height. RapidOCR's glyph
    boxes (its padded line box less the padding) span the em: its size is their height."""
    page = PageImage(1, Image.new("L", (1000, 1000), 255), 300)
    data = {
        "text": ["开幕"],
        "conf": [95],
        "left": [100],
        "top": [300],
        "width": [84],
        "height": [40],
        "block_num": [1],
        "par_num": [1],
        "line_num": [1],
    }
    (read,) = tesseract.TesseractRecognizer().lines(data, page)
    assert read.size == pytest.approx(1.2 * 40 * 72 / 300, abs=0.01)
    box = [[100, 295], [184, 295], [184, 345], [100, 345]]  # the glyphs fill 0.8 of it
    (item,) = rapid.item_lines([(box, "开幕", 0.95)], page)
    assert item.size == pytest.approx(40 * 72 / 300, abs=0.01)


def test_rapidocr_lines_see_the_blank_paper_across_them_on_an_evenly_lit_page() -> None:
    """RapidOCR boxes a line's glyphs as cells, over paper and ink alike: the page shows
    where blank paper runs right across the line (a gutter it read across), and layout
    takes that over the boxes. On a page lit unevenly, faint ink passes for paper, and the
    line sees none."""
    from bulletin_ingest.sources.lines import sees_paper

    image = Image.new("L", (1000, 1000), 255)
    ImageDraw.Draw(image).rectangle((100, 300, 299, 339), fill=0)
    ImageDraw.Draw(image).rectangle((400, 300, 599, 339), fill=0)
    cells = [corners(x, 295, x + 50, 345) for x in range(100, 600, 50)]
    item = (corners(100, 295, 600, 345), "社区食堂正式开业以来", 0.99)
    item += (cells, list("社区食堂正式开业以来"), [0.99] * 10)
    (line,) = rapid.item_lines([item], PageImage(1, image, 300))
    assert sees_paper(line)
    assert [(round(a), round(b)) for a, b in line.blanks] == [(72, 96)]
    (dim,) = rapid.item_lines([item], PageImage(1, image, 300, uneven_light=True))
    assert not sees_paper(dim) and dim.blanks == ()


def test_a_line_set_apart_at_its_word_spaces_is_sized_by_its_glyphs() -> None:
    """A justified line whose long Latin word would not break has its word spaces
    stretched: measured over its whole width, its glyphs seem a third larger than they are,
    as large as a head's. Measured without the blank paper at its spaces, they are the
    body's."""
    em, top, pad = 40, 300, 5  # RapidOCR's boxes are its padded line's
    image = Image.new("L", (1000, 1000), 255)
    draw = ImageDraw.Draw(image)
    cells, chars, x = [], [], 100
    for word, width in (("Zhu", 22), ("Li", 22), ("等人提出", em)):
        for char in word:
            draw.rectangle((x + 1, top + 2, x + width - 2, top + em - 2), fill=0)
            cells.append(corners(x, top - pad, x + width, top + em + pad))
            chars.append(char)
            x += width
        x += em  # the space, stretched to justify the line
    right = x - em
    box = corners(100, top - pad, right, top + em + pad)
    item = (box, "Zhu Li 等人提出", 0.99, cells, chars, [0.99] * len(chars))
    (line,) = rapid.item_lines([item], PageImage(1, image, 300))
    assert line.text == "Zhu Li 等人提出"
    assert line.size == pytest.approx(em * 72 / 300, rel=0.1)
    (unseen,) = rapid.item_lines([item], PageImage(1, image, 300, uneven_light=True))
    assert unseen.size > 1.25 * em * 72 / 300


def test_a_subtitles_dash_rapidocr_dropped_or_read_as_one_stroke_is_put_back() -> None:
    """RapidOCR drops a subtitle's Chinese dash at times, or reads its rule, two cells
    long, as one `一`: the line lost the cue that makes it a subtitle. Where the page shows
    the rule before the line's first letter, the line is led by the dash. Two strokes
    read over the rule fill it (`一一作了解答`), and stay as read."""
    em, top, pad = 40, 300, 5

    def item_after_rule(chars: str, rule_cells: int, separate: bool = False) -> tuple[Line, ...]:
        """A line of chars on a page with a rule of rule_cells before its letters (as
        many strokes, each in its cell, where separate), and the strokes read over the
        rule's last cells."""
        image = Image.new("L", (1000, 1000), 255)
        draw = ImageDraw.Draw(image)
        for cell in range(rule_cells):
            x = 100 + cell * em
            # A dash's cells join into one rule; each `一` keeps its side bearings.
            draw.rectangle((x + 3 * separate, top + 18, x + em - 3 * separate, top + 21), fill=0)
        strokes = len(chars) - len(chars.lstrip("一"))
        x = 100 + (rule_cells - strokes) * em
        cells = []
        for n in range(len(chars)):
            if n >= strokes:
                draw.rectangle((x + 3, top + 3, x + em - 3, top + em - 3), fill=0)
            # RapidOCR spreads its cells along the line: a stroke's may start past its ink.
            inset = 16 if n < strokes else 0
            cells.append(corners(x + inset, top - pad, x + em, top + em + pad))
            x += em
        box = corners(cells[0][0][0], top - pad, x, top + em + pad)
        item = (box, chars, 0.99, cells, list(chars), [0.99] * len(chars))
        return rapid.item_lines([item], PageImage(1, image, 300))

    (dropped,) = item_after_rule("体检报告同步上传", 2)
    assert dropped.text == "——体检报告同步上传"
    (one,) = item_after_rule("一体检报告同步上传", 2)
    assert one.text == "——体检报告同步上传"
    (filled,) = item_after_rule("一一作了解答", 2, separate=True)
    assert filled.text == "一一作了解答"


def test_a_row_no_reading_gives_a_word_of_is_read_again_at_the_heads_sizes(monkeypatch) -> None:
    """Tesseract's segmentation passes over a lone clean line on a sheet at one scale now
    and then (`辦實事為出發點，推動轄`, read as nothing grey and black and white at 36 px,
    read right at others): a row that neither reading gives a word of is read once more at
    the heads' sizes. A row read at once costs no more calls."""
    calls: list[tuple[tuple[int, ...], tuple[int, ...], bool]] = []

    def sheet(self, page, rows, wanted, heights, source, psm, above=(), inked=False):
        calls.append((tuple(wanted), tuple(heights), inked))
        at_head_sizes = tuple(heights) == tesseract.HEAD_HEIGHTS_PX
        read = [n for n in wanted if n == 0 or at_head_sizes]
        return {}, {n: [("辦實事為出發點，推動轄", 0.9)] for n in read}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", sheet)
    recognizer = tesseract.TesseractRecognizer()
    readings = recognizer._body_readings(None, None, [0, 1], "t.pdf")
    assert readings == {n: [("辦實事為出發點，推動轄", 0.9)] for n in (0, 1)}
    page = (tesseract.PAGE_GLYPH_PX,)
    assert calls == [((0, 1), page, False), ((1,), page, True), ((1,), (32, 44), False)]


def test_a_few_peculiar_words_tell_nothing_of_the_script() -> None:
    """chi_tra's reading holds three words peculiar to traditional script: too few to
    weigh, whatever chi_sim makes of the page."""
    from bulletin_ingest.sources.tesseract import script_lead

    page = {"text": ["区"] * 20 + ["的"] * 20, "conf": [60] * 20 + [75] * 20}
    band = {"text": ["區"] * 3 + ["的"] * 20, "conf": [95] * 3 + [80] * 20}
    assert script_lead(page, band) == 0.0


def test_the_script_is_the_one_whose_model_is_surer_of_its_peculiar_characters() -> None:
    """Each model writes its own script; on a traditional page chi_sim is unsure of the
    simplified characters it writes and chi_tra sure of its own, though chi_tra reads the
    shared characters no surer: the lead weighs the peculiar characters alone."""
    from bulletin_ingest.sources.tesseract import TRADITIONAL_LEAD, script_lead

    simplified = {"text": ["区"] * 20 + ["的"] * 20, "conf": [75] * 20 + [78] * 20}
    traditional = {"text": ["區"] * 20 + ["的"] * 20, "conf": [87] * 20 + [90] * 20}
    assert script_lead(simplified, traditional) >= TRADITIONAL_LEAD
    on_simplified_print = {"text": ["區"] * 20 + ["的"] * 20, "conf": [84] * 20 + [90] * 20}
    assert script_lead(simplified | {"conf": [90] * 40}, on_simplified_print) < 0


def test_a_page_chi_sim_is_unsure_of_is_judged_on_chi_tra_reading_it_whole(monkeypatch) -> None:
    """chi_sim reads the page unsure of its script; the margin weighs chi_tra's reading of
    the whole page (which a traditional page needs anyway), not a band of it, which may
    hold titles and columns read across."""
    simplified = {"text": ["区"] * 20 + ["的"] * 20, "conf": [60] * 20 + [75] * 20}
    traditional = {"text": ["區"] * 20 + ["的"] * 20, "conf": [85] * 20 + [80] * 20}
    band = {"text": ["區"] * 20 + ["的"] * 20, "conf": [40] * 20 + [80] * 20}
    readings = {"chi_sim": simplified, "chi_tra": traditional}
    recognizer = tesseract.TesseractRecognizer()

    def page_read(self, page, lang, source, layout):
        return tesseract.PageRead(readings[lang], lang, ())

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_page_read", page_read)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "_data", lambda *a, **k: band)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "page_lines", lambda *a, **k: ())
    page = PageImage(1, Image.new("L", (600, 800), 255), 300)
    script, _ = recognizer.recognize_detecting(page, source="page.png")
    assert script == "traditional"


def test_a_read_line_carries_the_blank_paper_across_its_band() -> None:
    """Where the page is blank right across a line's band is the page's own word on its
    gaps: a speck of a pixel or two is no ink, a glyph's thin stroke set across is."""
    page = np.full((60, 400), 250, dtype=np.uint8)
    page[20:40, 10:100] = 0  # the glyphs of the first column
    page[20:40, 200:390] = 0  # the next column's
    page[30, 140:142] = 0  # a speck in the gutter
    page[30, 150:170] = 0  # a stroke one pixel tall: 一
    line = ocr.Line("字", 1, 0, (10 * 72 / 300, 15 * 72 / 300, 390 * 72 / 300, 45 * 72 / 300))
    blanks = with_blanks(line, page, 300).blanks
    assert [(round(a * 300 / 72), round(b * 300 / 72)) for a, b in blanks] == [
        (100, 150),
        (170, 200),
    ]


def test_a_dash_read_as_one_stroke_is_the_chinese_dash_but_two_numerals_are_not() -> None:
    """The Chinese dash is one rule across two cells; tesseract reads it as `一` at times.
    A stroke that wide with unbroken ink is the dash; two `一` read as one word leave paper
    between their strokes, and a lone `一` fills less than its cell."""
    em = 40
    grey = np.full((60, 400), 255, dtype=np.uint8)
    grey[29:32, 10:80] = 0  # one rule, 1.75 em
    grey[29:32, 110:142] = 0  # two strokes with paper between: `一一`
    grey[29:32, 148:180] = 0
    grey[29:32, 220:254] = 0  # one stroke, 0.85 em
    (dash,) = dash_read_as_strokes([ReadWord("一", 10, 29, 80, 32, 0.6)], em, grey)
    (pair,) = dash_read_as_strokes([ReadWord("一", 110, 29, 180, 32, 0.9)], em, grey)
    (one,) = dash_read_as_strokes([ReadWord("一", 220, 29, 254, 32, 0.9)], em, grey)
    assert (dash.text, pair.text, one.text) == ("——", "一", "一")


def test_a_dash_among_a_scans_specks_is_the_dash_but_a_speck_in_a_wide_box_is_no_rule() -> None:
    """A bilevel scan's specks about the dash's rule are no part of it: the rule is as tall
    as its rows of more than a speck's ink. A box read as a stroke wide enough for the dash,
    yet holding only a speck at one end, draws no dash: the ink must reach across it."""
    em = 40
    grey = np.full((60, 400), 255, dtype=np.uint8)
    grey[29:32, 10:70] = 0  # the rule, 1.5 em
    for row, col in ((12, 20), (16, 45), (44, 30), (50, 60)):  # lone specks about it
        grey[row, col] = 0
    grey[28:31, 110:116] = 0  # a speck at the left end of a wide box
    (dash,) = dash_read_as_strokes([ReadWord("一", 10, 29, 70, 32, 0.6)], em, grey)
    (speck,) = dash_read_as_strokes([ReadWord("一", 110, 28, 170, 31, 0.1)], em, grey)
    assert (dash.text, speck.text) == ("——", "一")


def test_a_dash_read_as_a_stroke_a_cell_is_the_chinese_dash_but_two_numerals_are_not() -> None:
    """Tesseract reads the dash's rule as two strokes at times, one a cell (`-一`): together
    they draw one unbroken rule two cells wide, and are the dash; the next glyph stays. Two
    `一` read apart leave paper between their strokes and stay numerals."""
    em = 40
    grey = np.full((60, 400), 255, dtype=np.uint8)
    grey[29:32, 10:88] = 0  # one rule, about 2 em, read as `-` and `一`
    grey[10:50, 95:130] = 0  # the glyph after it
    grey[29:32, 210:242] = 0  # two strokes with paper between: `一一`
    grey[29:32, 250:282] = 0
    words = [
        ReadWord("-", 10, 29, 48, 32, 0.8),
        ReadWord("一", 50, 29, 88, 32, 0.9),
        ReadWord("夏", 95, 10, 130, 50, 0.9),
        ReadWord("一", 210, 29, 242, 32, 0.9),
        ReadWord("一", 250, 29, 282, 32, 0.9),
    ]
    read = dash_read_as_strokes(words, em, grey)
    assert [w.text for w in read] == ["——", "夏", "一", "一"]
    assert (read[0].left, read[0].right) == (10, 88)


def test_a_head_read_alone_with_fewer_glyphs_takes_the_size_its_text_shows() -> None:
    """The page's reading of a title's short last line held a glyph too many, so its type
    seemed smaller than the title's; read alone, the line holds three glyphs over the same
    ink, and is sized by them. A reading of fewer glyphs never shows the type smaller: the
    page's box may fall short of the glyphs it holds."""
    read = Line("旬开始一", 1, 0, (324.0, 572.0, 393.0, 592.0), 18.65, 0.8, "ocr-tesseract")
    taken = replace(read, text="旬开始", confidence=0.9, words=())
    grown = tesseract.across_box(taken, read, (324.0, 572.0, 393.0, 592.0))
    assert grown.size is not None and grown.size >= 23.5
    wide = replace(read, text="人一上下本忆措起仙旬", size=25.8)
    kept = tesseract.across_box(
        replace(wide, text="一起的起袖"), wide, (324.0, 572.0, 393.0, 592.0)
    )
    assert kept.size == 25.8


def test_a_head_row_whose_first_phrase_the_page_passed_over_is_read_whole() -> None:
    """The page's reading read a title's second phrase only, set in head type beside its
    first, which it passed over: the row's head box is read alone. Not so where the head
    line maps to the box anyway, nor where only body lines read the row (two body rows run
    together make a box as tall as a head's)."""
    grey = np.full((300, 900), 255, dtype=np.uint8)
    for x in list(range(100, 424, 36)) + list(range(460, 784, 36)):  # two phrases of 9
        grey[40:70, x : x + 30] = 0
    page = PageImage(1, Image.fromarray(grey), 72.0)
    body = [_line("食堂每天供应早中晚三餐", 12, top=120 + 20 * n) for n in range(5)]
    second = Line("家住天山五村的陳阿姨", 1, 0, (460.0, 40.0, 784.0, 70.0), 30.0, 0.9)
    heads = ((100, 40, 784, 70),)
    boxes = tesseract.in_points(heads, 72.0)
    lines = (second, *body)
    assert tesseract.read_in_part(lines, boxes, heads, set(), page) == [0]
    assert tesseract.read_in_part(lines, boxes, heads, {0}, page) == []
    small = replace(second, size=12.0)
    assert tesseract.read_in_part((small, *body), boxes, heads, set(), page) == []


def test_the_stretch_of_a_row_the_engine_read_in_part_is_read_again() -> None:
    """A line's glyphs run on past where the engine's reading of the row stops: ink three
    glyphs wide and more that no line read reaches is text the engine passed over, read
    again on its own. Ink within half a glyph of a line's ends (a stop's overhang) is not."""
    grey = np.full((100, 900), 255, dtype=np.uint8)
    for x in range(100, 700, 36):  # glyphs 30 px wide, 6 apart, on one row
        grey[40:70, x : x + 30] = 0
    page = PageImage(1, Image.fromarray(grey), 72.0)
    row = (90, 38, 710, 72)
    part = Line("社区食堂正式开业", 1, 0, (100.0, 40.0, 382.0, 70.0), 30.0, 0.9, "ocr-tesseract")
    whole = replace(part, bbox=(100.0, 40.0, 694.0, 70.0))
    ((x0, top, x1, bottom),) = tesseract.passed_over([part], row, page)
    assert (top, bottom) == (38, 72) and x0 <= 388 and x1 >= 694
    assert tesseract.passed_over([whole], row, page) == []
    assert tesseract.passed_over([], row, page) == []


def test_a_line_end_or_start_is_read_again_only_where_ink_stands_in_the_cell_beside_it() -> None:
    """A line ending (starting) on a letter with ink in the cell after (before) it, and no
    other line there, is read again at that end; one whose cell is blank paper, or that
    ends (starts) on a mark, or whose cell another line was read over, is not."""
    grey = np.full((100, 400), 255, dtype=np.uint8)
    grey[20:40, 100:300] = 0  # the lines' own glyphs, 72 DPI: a pixel a point
    grey[35:40, 303:307] = 0  # a comma after the first line's last letter
    grey[22:38, 82:97] = 0  # a glyph before the first line's first letter
    first, second = ((100, top, 300, top + 20) for top in (20, 60))
    ends = [
        Line("分类标识清晰", 1, 0, first, 20),
        Line("分类标识清晰", 1, 1, second, 20),
        Line("分类标识清晰。", 1, 2, first, 20),
    ]
    assert tesseract.unread_line_ends(ends[:2], grey, 72) == [0]
    assert tesseract.unread_line_ends(ends[2:], grey, 72) == []
    starts = [
        Line("少居民在说明会", 1, 0, first, 20),
        Line("少居民在说明会", 1, 1, second, 20),
        Line("“少居民在说明会", 1, 2, first, 20),
        Line("不", 1, 3, (80, 20, 98, 40), 20),
    ]
    assert tesseract.unread_line_starts(starts[:2], grey, 72) == [0]
    assert tesseract.unread_line_starts(starts[2:3], grey, 72) == []
    assert tesseract.unread_line_starts([starts[0], starts[3]], grey, 72) == []


def test_a_doubted_tail_read_across_a_gutter_is_read_alone_as_a_line_of_its_own(
    monkeypatch,
) -> None:
    """The start of the next column's row, read on a line's baseline past a blank wider
    than a space and doubted throughout, is read alone: where that reading is sure, it is a
    line of its own and the line ends before the blank; where it is not, the line stays."""
    words = (
        Word("本区举办了12场", (40.0, 100.0, 160.0, 112.0), 12.0, 0.93),
        Word(" 免费", (165.0, 100.0, 189.0, 112.0), 12.0, 0.9),
        Word(" 人士。", (230.0, 100.0, 266.0, 112.0), 12.0, 0.26, doubtful=True),
    )
    line = Line(
        "本区举办了12场 免费 人士。",
        1,
        0,
        (40.0, 100.0, 266.0, 112.0),
        12.0,
        0.8,
        "ocr-tesseract",
        words=words,
        blanks=((160.0, 165.0), (189.0, 230.0)),
    )
    read = tesseract.PageRead({}, "chi_sim", (), 255)  # type: ignore[arg-type]
    page = PageImage(1, Image.new("L", (1240, 800), 255), 300)

    def reading(sure: float):
        def head_readings(self, page, read, wanted, heights, source, *rest, **inked):
            return {}, {n: [("人士。", sure)] for n in wanted}

        return head_readings

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", reading(0.93))
    cut, alone = tesseract.TesseractRecognizer()._rows_read_alone(read, page, "x", (line,))
    assert cut.text == "本区举办了12场 免费" and alone.text == "人士。"
    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", reading(0.3))
    assert tesseract.TesseractRecognizer()._rows_read_alone(read, page, "x", (line,)) == (line,)


def test_a_glyph_read_before_a_lines_first_letter_joins_the_line_in_its_cell(
    monkeypatch,
) -> None:
    """A line's start read again alone: the Han character the reading holds set solid
    before the line's first letter, surely, joins the line, boxed in the cell before it."""
    line = _line("少居民在说明会上", 12, top=100)
    read = tesseract.PageRead({}, "chi_sim", (), 255)  # type: ignore[arg-type]

    def head_readings(self, page, read, wanted, heights, source, psm, inked=False):
        return {}, {n: [("不少居", 0.93)] for n in wanted}

    monkeypatch.setattr(tesseract.TesseractRecognizer, "_head_readings", head_readings)
    monkeypatch.setattr(tesseract.TesseractRecognizer, "lines", lambda *a: (line,))
    monkeypatch.setattr(tesseract, "unread_line_starts", lambda *a: [0])
    page = PageImage(1, Image.new("L", (2480, 1500), 255), 300)
    (read_line,) = tesseract.TesseractRecognizer().page_lines(read, page, "x")
    assert read_line.text == "不少居民在说明会上"
    assert read_line.bbox is not None and line.bbox is not None
    assert read_line.bbox[0] == line.bbox[0] - 12 and read_line.bbox[2] == line.bbox[2]
    assert read_line.words[0].text == "不"


def test_a_kept_tape_answers_its_calls_and_records_only_those_it_lacks() -> None:
    from bulletin_ingest.sources.tape import Tape, call_key, engine_call

    kept = Tape({call_key("e", (1,), b"page"): "as recorded"}, {"e": "1.0"})
    made: list[int] = []

    def read(n: int) -> str:
        made.append(n)
        return "read now"

    with recording(kept) as tape:
        first = engine_call("e", lambda: "2.0", (1,), lambda: b"page", lambda: read(1))
        second = engine_call("e", lambda: "2.0", (2,), lambda: b"page", lambda: read(2))
    assert (first, second, made) == ("as recorded", "read now", [2])
    assert len(tape.calls) == 2 and len(kept.calls) == 1


def inked_page(*inks: tuple[int, int, int, int]) -> np.ndarray:
    """A page's grey levels, 400 by 100 pixels of paper, black in the given boxes."""
    grey = np.full((100, 400), 255, dtype=np.uint8)
    for x0, top, x1, bottom in inks:
        grey[top:bottom, x0:x1] = 0
    return grey


def test_a_dash_the_engine_passed_over_before_a_line_is_found_by_its_rule() -> None:
    """A subtitle's Chinese dash, a thin rule two glyphs long right before the line's first
    letter, that the reading dropped, is found where it starts, however thin (small type at
    200 DPI draws it a pixel tall; scaled down, it is grey across two rows), but not in a
    row of specks; so is one the scan broke in two. A longer rule (a drawn line), a glyph's
    blot, or a rule a blank apart from the letter is none."""
    em = 20
    line = Line("更希望居民区", 1, 0, (200, 40, 320, 60), em)
    dash = (158, 48, 198, 52)
    assert dash_unread_before(line, inked_page(dash), 72) == 158
    assert dash_unread_before(line, inked_page((158, 49, 198, 51)), 72) == 158  # two pixels thin
    assert dash_unread_before(line, inked_page((158, 48, 176, 52), (178, 48, 198, 52)), 72) == 158
    assert dash_unread_before(line, inked_page((120, 48, 198, 52)), 72) is None
    assert dash_unread_before(line, inked_page((160, 42, 198, 58)), 72) is None
    assert dash_unread_before(line, inked_page((140, 48, 180, 52)), 72) is None
    led = Line("——更希望居民区", 1, 0, (160, 40, 320, 60), em)
    assert dash_unread_before(led, inked_page(dash), 72) is None
    assert dash_unread_before(line, inked_page((158, 50, 198, 51)), 72) == 158  # a pixel thin
    specks = [(x, 50, x + 1, 51) for x in range(158, 198, 2)]
    assert dash_unread_before(line, inked_page(*specks), 72) is None
    # A rule a pixel thin, scaled down with its page: grey across two rows, ink in neither.
    faint = inked_page()
    faint[49:51, 158:198] = 180
    assert dash_unread_before(line, faint, 72) == 158
    faint[49:51, 170:190] = 230  # near the paper's tone over half its length: no rule
    assert dash_unread_before(line, faint, 72) is None


def test_a_dash_set_in_two_cells_or_read_in_part_is_found() -> None:
    """A face may set the dash's two cells each with its side bearings, a fifth of a glyph
    apart; the first letter's ink may spill past the box the engine gave it; and where the
    engine read one cell of the dash as `一` and passed over the other, the line opens with
    the dash in place of that stroke. A numeral `一` the engine is sure of, with no rule
    before it, stays."""
    em = 20

    def word(text: str, x0: float, x1: float, doubtful: bool = False) -> Word:
        return Word(text, (x0, 40, x1, 60), em, 0.9, doubtful)

    letters = tuple(word(glyph, 200 + 20 * n, 220 + 20 * n) for n, glyph in enumerate("根据"))
    line = Line("根据", 1, 0, (200, 40, 240, 60), em, words=letters)
    cells = ((160, 49, 176, 51), (180, 49, 196, 51))
    assert dash_unread_before(line, inked_page(*cells), 72) == 160
    spill = (197, 42, 200, 58)
    assert dash_unread_before(line, inked_page(*cells, spill), 72) == 160

    stroke = word("一", 180, 196)
    part = Line("一根据", 1, 0, (180, 40, 240, 60), em, words=(stroke, *letters))
    start = dash_unread_before(part, inked_page(*cells), 72)
    assert start == 160
    assert with_dash(part, start, 72).text == "——根据"
    numeral = Line("一根据", 1, 0, (180, 40, 240, 60), em, words=(stroke, *letters))
    assert dash_unread_before(numeral, inked_page(cells[1]), 72) is None
    doubted = replace(part, bbox=(160, 40, 240, 60), words=(word("一", 160, 196, True), *letters))
    start = dash_unread_before(doubted, inked_page(*cells), 72)
    assert start == 160
    assert with_dash(doubted, start, 72).text == "——根据"


def kicker_read(text: str, doubted: set[int], confidence: float = 0.7) -> Line:
    """A short line the page's reading made of a kicker, a word a glyph, those at the given
    places doubted."""
    words = tuple(
        Word(glyph, (10.0 * n, 0.0, 10.0 * n + 10, 10.0), doubtful=n in doubted)
        for n, glyph in enumerate(text)
    )
    return Line(text, 1, 0, (0.0, 0.0, 10.0 * len(text), 10.0), 10.0, confidence, words=words)


def read_alone(text: str, confidence: float = 0.93, unsure: str = "") -> list[ReadWord]:
    """A line's reading alone, a word a glyph, those in unsure read at 0.4."""
    return [
        ReadWord(glyph, 10 * n, 0, 10 * n + 10, 10, 0.4 if glyph in unsure else confidence)
        for n, glyph in enumerate(text)
    ]


def test_a_short_line_with_a_doubted_glyph_takes_it_from_its_reading_alone() -> None:
    """A kicker's glyph the page's reading could not read (`盟` for `温`) is read again with
    the line alone; where that reading is sure of it and agrees with every glyph the page
    was sure of, the glyph is as it reads it, and the words keep their boxes. A reading
    that differs where the page was sure (ink of a neighbouring column), loses a glyph, or
    is unsure of the glyph too leaves the line as the page read it; the line keeps its
    cells, so a sign the reading adds (a speck beside the line read as `#`) is not taken."""
    line = kicker_read("邻里守望盟暖同行", {4})
    assert tesseract.doubted_short_lines([line, kicker_read("邻里守望温暖同行", set())]) == [0]
    mended = tesseract.mended_by(line, [read_alone("邻里守望温暖同行")])
    assert mended.text == "邻里守望温暖同行"
    assert [w.bbox for w in mended.words] == [w.bbox for w in line.words]
    assert not any(w.doubtful for w in mended.words)
    assert tesseract.mended_by(line, [read_alone("#邻里守望温暖同行")]).text == "邻里守望温暖同行"
    for unchanged in (
        read_alone("邻里守护温暖同行"),
        read_alone("邻里守望暖同行"),
        read_alone("邻里守望温暖同行", unsure="温"),
    ):
        assert tesseract.mended_by(line, [unchanged]).text == "邻里守望盟暖同行"


def test_a_glyph_read_at_two_sizes_mends_a_line_only_where_both_read_it_alike() -> None:
    """A kicker's glyph still doubted after its line is read alone is read at the heads' two
    heights: where both read the same glyph, one of them surely, the line takes it; where
    they read it apart, each surely, the engine is guessing, and the line stays."""
    line = kicker_read("情暖安训", {3})
    alike = tesseract.agreed([read_alone("情暖安亭", unsure="亭"), read_alone("情暖安亭")])
    assert tesseract.mended_by(line, alike).text == "情暖安亭"
    apart = tesseract.agreed([read_alone("情暖安亭"), read_alone("情暖安享")])
    assert tesseract.mended_by(line, apart).text == "情暖安训"
    assert tesseract.agreed([read_alone("情暖安亭"), read_alone("情暖亭")]) == []


def test_a_long_line_or_one_the_engine_is_sure_of_is_not_read_again() -> None:
    """Only short lines (a kicker, a credit, a label) with a doubted Han glyph are read again:
    a line of running text is read whole in its column's context."""
    long_line = kicker_read("今年八十二岁的李婆婆每年都会参加中心的节日活动", {3})
    sure = kicker_read("邻里守望温暖同行", set())
    doubted_mark = kicker_read("邻里守望，温暖", {4})
    assert tesseract.doubted_short_lines([long_line, sure, doubted_mark]) == []


def test_a_line_boxed_past_its_ink_stands_on_its_ink() -> None:
    """Tesseract may box a line's glyphs a glyph's height past their ink. The line stands
    where its ink does, so the phrase space between its two phrases is read as one: measured
    against boxes twice the glyphs' height, it seemed too narrow for a space."""
    size = 50  # pixels at 300 DPI: 12 pt
    image = Image.new("L", (1200, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(SERIF, size, index=2)
    text = "邻里守望　温暖同行"
    draw.text((100, 120), text, font=font, fill=0)
    ink_top, ink_bottom = np.flatnonzero((np.asarray(image) < 128).any(axis=1))[[0, -1]]
    pieces = [(0, "邻里"), (2, "守望"), (5, "温暖"), (7, "同行")]
    lefts = [100 + round(draw.textlength(text[:at], font=font)) for at, _ in pieces]
    data = {
        "text": [piece for _, piece in pieces],
        "conf": [96, 96, 96, 96],
        "left": [left + 2 for left in lefts],
        "top": [int(ink_top) - size // 2] * 4,
        "width": [2 * size - 4] * 4,
        "height": [int(ink_bottom - ink_top) + size] * 4,
        "block_num": [1] * 4,
        "par_num": [1] * 4,
        "line_num": [1] * 4,
    }
    (line,) = tesseract.TesseractRecognizer().lines(data, PageImage(1, image, 300))
    assert line.bbox is not None
    assert line.bbox[3] - line.bbox[1] == pytest.approx((ink_bottom - ink_top) * 72 / 300, abs=1)
    assert line.text == "邻里守望 温暖同行"


def test_a_glyph_the_traditional_model_cannot_write_is_taken_from_the_simplified_one() -> None:
    """chi_tra holds no `涇`, and misreads it (`淫`, doubted); chi_sim reads the word alone,
    with its neighbours' glyphs either side, as `泾`, whose traditional form the page takes.
    A character chi_tra can write (`駐` for `驻`) it read as well as chi_sim can, and keeps;
    a reading whose neighbours are not the line's own places nothing."""
    known = frozenset("新淫鎮駐區")
    line = kicker_read("新淫鎮", {1})
    assert tesseract.doubted_words([line]) == [(0, 1)]
    mended = tesseract.with_glyphs_beyond(
        line, 1, read_alone("日新泾镇", unsure="泾"), "chi_tra", known
    )
    assert mended.text == "新涇鎮"
    assert [w.bbox for w in mended.words] == [w.bbox for w in line.words]
    assert not any(w.doubtful for w in mended.words)
    assert tesseract.with_glyphs_beyond(line, 1, read_alone("日泾"), "chi_tra", known) == line
    kept = kicker_read("駐區", {0})
    assert tesseract.with_glyphs_beyond(kept, 0, read_alone("驻区"), "chi_tra", known) == kept
    assert tesseract.written_form("为", "chi_tra") is None  # `爲` or `為`: which, unknown


def test_a_models_characters_are_read_from_its_traineddata() -> None:
    """The characters a model can write come from the recognizer's character set in its
    installed traineddata file; a file that is not one is refused."""
    traditional = tesseract.model_characters("chi_tra")
    assert {"鎮", "區", "為"} <= traditional and "涇" not in traditional
    assert "泾" in tesseract.model_characters("chi_sim")
    assert tesseract.model_characters("no_such_model") == frozenset()
    with pytest.raises(ValueError):
        tesseract.unicharset_characters(b"\x00" * 64)


def test_a_traditional_zoo_page_writes_a_character_its_model_lacks(tmp_path) -> None:
    """A zoo page's `新涇鎮`, read through its tape: chi_tra doubted the glyph it cannot
    write, and chi_sim's reading of it alone gives the page its traditional form."""
    import sys

    from bulletin_ingest.sources import read_document
    from bulletin_ingest.sources.tape import replaying

    sys.path.insert(0, str(Path(__file__).parent.parent / "samples"))
    import zoo  # type: ignore[import-not-found]

    scan = next(p for p in zoo.write_zoo(164, tmp_path) if p.name.endswith(".scan300.pdf"))
    tape = Path(__file__).parent / "data" / "zoo" / "zoo-0164.scan300.tesseract.tape.json.gz"
    with replaying(tape):
        document = read_document(scan, IngestConfig(engine="tesseract"))
    text = "".join(line.text for page in document.pages for line in page.lines)
    assert "新涇鎮" in text


def drawn_characters(text: str, width: int) -> tuple[np.ndarray, list[tuple[str, float, float]]]:
    """A line of text drawn on a page width pixels wide, and its characters but spaces, each
    with where its advance starts and ends, as RapidOCR boxes them."""
    font = ImageFont.truetype(SERIF, 48, index=2)
    image = Image.new("L", (width, 100), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 20), text, font=font, fill=0)
    characters, x = [], 20.0
    for char in text:
        advance = draw.textlength(char, font=font)
        if char != " ":
            characters.append((char, x, x + advance))
        x += advance
    return np.asarray(image), characters


def test_rapidocr_text_gets_the_space_the_page_shows_between_groups_of_digits() -> None:
    """RapidOCR's text runs a telephone number's groups together (`24781234`) and boxes its
    characters edge to edge, the space inside one of them; the digits' inks stand an
    advance further apart there. A number set whole keeps its digits together, its `1`s
    narrow ink and all."""
    text = "致电2478 1234报名，1110元，020 1111"
    grey, characters = drawn_characters(text, 1100)
    ends = [start for _, start, _ in characters[1:]] + [characters[-1][2]]
    words = [
        rapid.Word(char, start, 26, end, 74, 1.0)
        for (char, start, _), end in zip(characters, ends, strict=True)
    ]
    spaced = rapid.with_digit_spaces(words, grey)
    assert "".join(word.text for word in spaced) == text


def test_a_capitalised_word_after_a_point_closing_small_letters_gets_its_space() -> None:
    """`Mr.Chan` read as one run: a point's cell is as wide as a space, so the paper cannot
    tell the space; Latin type always sets one there. A point inside an abbreviation
    (`Ph.D.`) stays as read."""
    words = [
        rapid.Word(c, 10 * n, 0, 10 * n + 10, 10, 1.0) for n, c in enumerate("生Mr.Chan和Ph.D.")
    ]
    inked = np.full((20, 200), 255, np.uint8)
    inked[0:10:2] = 0  # ink in every column: no blank paper anywhere
    spaced = rapid.with_latin_spaces(words, inked)
    assert "".join(word.text for word in spaced) == "生Mr. Chan和Ph.D."


def test_rapidocr_text_gets_the_space_the_page_shows_between_latin_words() -> None:
    """RapidOCR's text runs two Latin words together (`JasonWong`) where the page prints a
    space; the blank paper before the capital puts it back, and a word's own letters, a
    narrow `i` and a capital inside a word among them, stay together."""
    text = "生Jason Wong说Emily WeChat"
    grey, characters = drawn_characters(text, 800)
    words = [rapid.Word(char, start, 26, end, 74, 1.0) for char, start, end in characters]
    spaced = rapid.with_latin_spaces(words, grey)
    assert "".join(word.text for word in spaced) == text


def test_a_title_rapidocr_cut_in_two_on_a_dark_band_is_one_line() -> None:
    """On a dark band RapidOCR may box a title as two items, level within a fifth of their
    height and a few pixels apart where no space is printed: one line, as tesseract's
    pieces are joined (`join_touching`). Items a gutter apart stay two lines."""
    page = PageImage(1, Image.new("L", (2000, 1000), 255), 300)
    left, right = "安亭镇举办第五届", "文艺汇演"
    em = 80

    def item(text: str, x: int, top: int) -> tuple[Any, ...]:
        cells = [corners(x + em * n, top, x + em * (n + 1), top + em) for n in range(len(text))]
        box = corners(x, top, x + em * len(text), top + em)
        return (box, text, 0.99, cells, list(text), [0.99] * len(text))

    end = 100 + em * len(left)
    lines = rapid.item_lines([item(left, 100, 300), item(right, end + 12, 285)], page)
    assert [line.text for line in lines] == [left + right]
    lines = rapid.item_lines([item(left, 100, 300), item(right, end + em, 300)], page)
    assert [line.text for line in lines] == [left, right]


@pytest.mark.parametrize(
    ("draw", "bullet"),
    [
        ("disc", "●"),
        ("square", "■"),
        ("ring", None),  # no filled shape: a glyph's stroke, or `○`
        ("solid", None),  # set solid with the letter: a glyph the engine passed over
    ],
)
def test_a_bullet_the_engine_did_not_read_leads_its_line(draw: str, bullet: str | None) -> None:
    """A filled disc or square, a bullet's size, centred on a line and a space before its
    first letter, is the list's bullet RapidOCR dropped or tesseract read as `@`: the line
    is led by it, in place of any word read over it."""
    from bulletin_ingest.sources.lines import bullet_unread_before, with_bullet

    image = Image.new("L", (1000, 200), 255)
    ink = ImageDraw.Draw(image)
    # Glyphs 50 pixels (12 pt at 300 DPI), the first letter at 300; the bullet 36 across.
    start = 262 if draw == "solid" else 200
    shape = (start, 80, start + 36, 116)
    if draw == "square":
        ink.rectangle(shape, fill=0)
    else:
        ink.ellipse(shape, fill=None if draw == "ring" else 0, outline=0, width=4)
    scale = 72 / 300
    misread = Word("@", (start * scale, 75 * scale, (start + 36) * scale, 125 * scale), 12, 0.3)
    read = Word("书法班", (300 * scale, 75 * scale, 450 * scale, 125 * scale), 12, 0.9)
    box = (start * scale, 75 * scale, 450 * scale, 125 * scale)
    line = replace(Line("@书法班", 1, 0, box, 12, 0.9), words=(misread, read))
    found = bullet_unread_before(line, np.asarray(image), 300)
    assert (found[2] if found else None) == bullet
    if found is not None:
        led = with_bullet(line, found, 300)
        assert led.text == f"{bullet} 书法班" and [w.text for w in led.words] == [bullet, " 书法班"]


def test_a_watermark_read_at_a_slant_is_set_aside_and_hides_no_text() -> None:
    """Print stands level on a page straightened; RapidOCR's box for a watermark set across
    the page leans. That line is set aside, listed in the page's warnings, and the text it
    lies over is no line read twice."""
    from bulletin_ingest.sources.lines import separate_noise

    page = PageImage(1, Image.new("L", (2000, 2000), 255), 300)
    mark = ([[100, 900], [700, 660], [820, 960], [220, 1200]], "样稿", 0.99)
    text = "社区食堂正式开业以来"
    cells = [corners(300 + 50 * n, 900, 350 + 50 * n, 950) for n in range(len(text))]
    line = (corners(300, 900, 800, 950), text, 0.99, cells, list(text), [0.99] * len(text))
    read = rapid.item_lines([mark, line], page)
    kept, aside = separate_noise(read)
    assert [kept_line.text for kept_line in kept] == [text]
    assert [aside_line.text for aside_line in aside] == ["样稿"]
