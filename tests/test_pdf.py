from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
import regex
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from bulletin_ingest import IngestConfig, InputFileError, ingest
from bulletin_ingest.evaluate import cer
from bulletin_ingest.layout import cut_at_gutters
from bulletin_ingest.sources.pdf import layer_problem, page_image, read_pdf

from .pages import LINES, small_page
from .test_regression_gate import generated


def test_born_digital_pdf_lines_cut_at_gutters_keep_columns_apart_and_lose_fake_bold() -> None:
    document = read_pdf(generated() / "xinjing-jianxun-2023-05.digital.pdf", IngestConfig())
    assert document.kind == "pdf-text"
    texts = [line.text for line in cut_at_gutters(document.pages[0].lines)]
    assert "新泾简讯" in texts  # drawn twice, offset, as fake bold
    assert "5月26日上午，位于天山五村的新泾镇首" in texts
    assert not any("老人们在长者食堂用餐" in t and "，" in t for t in texts)  # caption alone


def scanned_pdf(path: Path) -> Path:
    image = small_page()
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    buffer.seek(0)
    width, height = image.width * 72 / 300, image.height * 72 / 300
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    pdf.drawImage(ImageReader(buffer), 0, 0, width, height)
    pdf.save()
    return path


def test_image_only_pdf_is_read_by_ocr_from_its_embedded_scan(tmp_path: Path) -> None:
    # Three lines are too few to detect the script from, so the test states it.
    config = IngestConfig(engine="tesseract", script="simplified")
    bulletin = ingest(scanned_pdf(tmp_path / "scan.pdf"), config)
    assert bulletin.source.kind == "pdf-scanned"
    assert any("read by OCR" in warning for warning in bulletin.warnings)
    text = "".join([bulletin.articles[0].title or "", *(a.text for a in bulletin.articles)])
    assert cer(text, "".join(LINES)) < 0.15


def test_a_scan_stored_turned_is_taken_as_the_page_shows_it(tmp_path: Path) -> None:
    """A scanner stores a page sideways and a viewer's rotation (/Rotate) shows it upright;
    a program places an upright scan turned on a landscape page. Either way the scan is
    taken as the page shows it, its resolution from the side it spans."""
    image = small_page()
    width, height = image.width * 72 / 300, image.height * 72 / 300
    stored = image.rotate(90, expand=True)  # the scan stored a quarter turn anticlockwise
    pdf = canvas.Canvas(str(tmp_path / "rotate.pdf"), pagesize=(height, width))
    pdf.drawImage(ImageReader(stored), 0, 0, height, width)
    pdf.setPageRotation(90)
    pdf.save()
    pdf = canvas.Canvas(str(tmp_path / "placed.pdf"), pagesize=(height, width))
    pdf.translate(height, 0)
    pdf.rotate(90)
    pdf.drawImage(ImageReader(image), 0, 0, width, height)
    pdf.save()
    shown = {}
    for name in ("rotate", "placed"):
        document = pdfium.PdfDocument(tmp_path / f"{name}.pdf")
        shown[name] = page_image(document, 0, 300)
        document.close()
    assert np.array_equal(np.asarray(shown["rotate"].scan), np.asarray(image))
    assert np.array_equal(np.asarray(shown["placed"].scan), np.asarray(stored))
    assert round(shown["rotate"].dpi) == round(shown["placed"].dpi) == 300


class FakePage:
    def __init__(self, images=()) -> None:
        self.width, self.height, self.images = 100, 100, list(images)


@pytest.mark.parametrize(
    ("text", "images", "problem"),
    [
        ("", (), "no text layer"),
        ("(cid:12)(cid:13) 公告", (), "unmapped glyphs"),
        ("\ue001\ue002\ue003新泾", (), "private-use"),
        ("", ({"x0": 0, "x1": 100, "top": 0, "bottom": 100},), "scan with no text layer"),
        ("新泾镇召开会议，居民代表参加。" * 3, (), None),
    ],
)
def test_text_layer_scoring(text: str, images, problem: str | None) -> None:
    found = layer_problem(FakePage(images), text)
    assert (found is None) if problem is None else (problem in found)


def test_a_file_that_is_not_a_pdf_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    with pytest.raises(InputFileError, match=r"bad\.pdf: not a readable PDF"):
        ingest(bad)


def test_a_pdf_locked_with_a_password_says_so(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    pdf = canvas.Canvas(str(locked), encrypt="secret")
    pdf.drawString(72, 720, "locked")
    pdf.save()
    with pytest.raises(InputFileError, match=r"locked\.pdf: PDF is locked with a password"):
        ingest(locked)


UMING = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
COLUMN_TEXTS = (
    "社区食堂正式开业以来每天为老人提供午餐和晚餐服务",
    "志愿者们沿河岸捡拾塑料袋和饮料瓶等垃圾共清理三百公斤",
)


def two_column_pdf(path: Path, gutter: float) -> Path:
    """Two columns of ten 10 pt glyphs a line, `gutter` points apart; the left column's
    second and fourth lines end in a closing mark set past the column's edge."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "uming" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("uming", str(UMING), subfontIndex=0))
    pdf = canvas.Canvas(str(path), pagesize=(400, 300))
    pdf.setFont("uming", 10)
    for row, (left, right) in enumerate(zip(*column_lines(), strict=True)):
        baseline = 280 - 16 * (row + 1)
        pdf.drawString(50, baseline, left)
        pdf.drawString(150 + gutter, baseline, right)
    pdf.save()
    return path


def column_lines() -> tuple[list[str], list[str]]:
    left, right = COLUMN_TEXTS[0] * 2, COLUMN_TEXTS[1] * 2
    lefts = [left[10 * r : 10 * r + 10] + ("、" if r in (1, 3) else "") for r in range(6)]
    return lefts, [right[10 * r : 10 * r + 10] for r in range(6)]


@pytest.mark.skipif(not UMING.exists(), reason="fonts-arphic-uming is not installed")
@pytest.mark.parametrize("gutter", [11.5, 11.0])
def test_a_mark_hanging_into_a_narrow_gutter_leaves_the_columns_apart(
    tmp_path: Path, gutter: float
) -> None:
    # The hanging mark's cell ends 1.5 pt or 1 pt before the next column: by the line
    # alone a mark's own spacing, or (at 1 pt) not even that, so the lines around show it.
    bulletin = ingest(two_column_pdf(tmp_path / "cols.pdf", gutter), IngestConfig())
    text = "".join(a.text.replace("\n", "") for a in bulletin.articles)
    lefts, rights = column_lines()
    assert "".join(lefts) in text
    assert "".join(rights) in text


@pytest.mark.skipif(not UMING.exists(), reason="fonts-arphic-uming is not installed")
@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_text_layer_shown_turned_is_read_where_its_glyphs_stand_upright(
    tmp_path: Path, rotate: int
) -> None:
    """A page whose `/Rotate` shows its upright text turned (a viewer's rotation saved) reads
    as the page unturned does, its boxes given in the frame the glyphs stand upright in,
    with the turn and a warning that say so."""
    path = two_column_pdf(tmp_path / "cols.pdf", 20)
    upright = read_pdf(path, IngestConfig()).pages[0]
    document = pdfium.PdfDocument(path)
    document[0].set_rotation(rotate)
    document.save(tmp_path / "turned.pdf")
    document.close()
    turned = read_pdf(tmp_path / "turned.pdf", IngestConfig()).pages[0]
    assert [line.text for line in turned.lines] == [line.text for line in upright.lines]
    assert [line.bbox for line in turned.lines] == [line.bbox for line in upright.lines]
    assert (turned.turn, turned.width, turned.height) == (rotate, upright.width, upright.height)
    assert f"read turned {rotate} degrees" in turned.warnings[0]
    assert upright.turn == 0 and not upright.warnings


def searchable_scan(
    path: Path, layer: str, mode: int = 3, size: float = 12, lines: list[str] = LINES
) -> Path:
    """A scanned page of lines with layer laid on its scan in render mode 3 (invisible), as
    an OCR program makes a scan searchable, or another mode (0: filled, as a stamp is)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "uming" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("uming", str(UMING), subfontIndex=0))
    image = small_page(lines)
    width, height = image.width * 72 / 300, image.height * 72 / 300
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    pdf.drawImage(ImageReader(image), 0, 0, width, height)
    text = pdf.beginText(15, 8)
    text.setTextRenderMode(mode)
    text.setFont("uming", size)
    text.textLine(layer)
    pdf.drawText(text)
    pdf.save()
    return path


@pytest.mark.skipif(not UMING.exists(), reason="fonts-arphic-uming is not installed")
def test_a_layer_an_earlier_ocr_laid_under_the_scan_is_read_again_unless_kept(
    tmp_path: Path,
) -> None:
    """A searchable scan's invisible layer is an earlier OCR's reading, each word in its
    own box: the page is read by OCR, with a warning that says why, unless the layer is
    asked to be kept."""
    layer = "早先的识别结果，字字有误，行也不齐，与扫描所见不同"
    path = searchable_scan(tmp_path / "searchable.pdf", layer)
    config = IngestConfig(engine="tesseract", script="simplified")
    again = read_pdf(path, config)
    assert again.kind == "pdf-scanned"
    assert "earlier OCR's" in again.pages[0].warnings[0]
    assert cer("".join(line.text for line in again.pages[0].lines), "".join(LINES)) < 0.15
    kept = read_pdf(path, replace(config, redo_ocr=False))
    assert kept.kind == "pdf-text"
    assert "".join(line.text for line in kept.pages[0].lines) == layer


@pytest.mark.skipif(not UMING.exists(), reason="fonts-arphic-uming is not installed")
def test_a_note_stamped_on_a_scan_is_read_with_the_scan_not_instead_of_it(
    tmp_path: Path,
) -> None:
    """An archive's line stamped in small type on a scanned page is its text layer, and
    covers a sliver of the page: the page is read by OCR, drawn with the note on it."""
    note = "本文件由档案馆数字化，仅供查阅研究之用。"
    path = searchable_scan(tmp_path / "stamped.pdf", note, mode=0, size=5, lines=LINES * 2)
    document = read_pdf(path, IngestConfig(engine="tesseract", script="simplified"))
    page = document.pages[0]
    assert document.kind == "pdf-scanned" and "a note laid on" in page.warnings[0]
    assert cer("".join(line.text for line in page.lines[:-1]), "".join(LINES * 2)) < 0.15
    assert cer(page.lines[-1].text, note) < 0.3


def vertical_pdf(path: Path, columns: list[str]) -> Path:
    """Columns of 10 pt glyphs set down the page from its right-hand side, each glyph
    centred in its column, a run of Latin letters turned to run down it, as vertical type
    is set."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "uming" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("uming", str(UMING), subfontIndex=0))
    pdf = canvas.Canvas(str(path), pagesize=(300, 400))
    pdf.setFont("uming", 10)
    for n, column in enumerate(columns):
        x, y = 260 - 16 * n, 370
        for run in regex.findall(r"[A-Za-z ]+|.", column):
            width = pdfmetrics.stringWidth(run, "uming", 10)
            if run.isascii():
                pdf.saveState()
                pdf.translate(x + 1.5, y)
                pdf.rotate(-90)
                pdf.drawString(0, 0, run)
                pdf.restoreState()
            else:
                pdf.drawString(x + (10 - width) / 2, y - 8.8, run)
            y -= width
    pdf.save()
    return path


@pytest.mark.skipif(not UMING.exists(), reason="fonts-arphic-uming is not installed")
def test_a_text_layer_set_in_vertical_columns_is_read_column_by_column(tmp_path: Path) -> None:
    """Glyphs set one under the next are columns: the page is read turned a quarter turn,
    each column a row, the right-hand one first, as a vertical page read by OCR is."""
    columns = ["社区食堂正式开业以来", "每天为老人提供午餐和", "晚餐服务Mr Chan说"]
    page = read_pdf(vertical_pdf(tmp_path / "vertical.pdf", columns), IngestConfig()).pages[0]
    assert [line.text for line in page.lines] == columns
    assert (page.turn, page.width, page.height) == (90, 400, 300)
    assert page.warnings == (
        "page 1: set in vertical columns; its boxes are given in the "
        "page turned a quarter turn counter-clockwise",
    )


LIST_LINES = (
    ("　　为方便居民办事，现将本月有关事项提示如下：", False),
    ("一、医保参保登记将于10月20日开始，请居民携带身份证到居委会", True),
    ("办理。", False),
    ("二、社区食堂自本月起延长营业时间至晚上七点。", False),
    ("●　书法班每周三上午开课", False),
    ("●　健康讲座每月第二个周六举行", False),
    ("　　以上事项如有疑问，请致电社区服务中心咨询。", False),
)


@pytest.mark.skipif(not UMING.exists(), reason="fonts-arphic-uming is not installed")
def test_each_item_of_a_list_is_a_paragraph_of_its_own(tmp_path: Path) -> None:
    """A list's items open on a number or a bullet, under a line that stops short or ends
    where an item may follow (`如下：`), however the line before ends: each is a paragraph,
    not the run-on of the line before it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "uming" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("uming", str(UMING), subfontIndex=0))
    path = tmp_path / "list.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(450, 300))
    pdf.setFont("uming", 16)
    pdf.drawString(40, 260, "社区服务中心十月工作提示")
    for n, (line, full) in enumerate(LIST_LINES):
        text = pdf.beginText(40, 230 - 18 * n)
        text.setFont("uming", 11)
        if full:  # justified to the measure, as a full line is
            width = pdfmetrics.stringWidth(line, "uming", 11)
            text.setCharSpace((370 - 40 - width) / (len(line) - 1))
        text.textLine(line)
        pdf.drawText(text)
    pdf.save()
    (article,) = ingest(path, IngestConfig()).articles
    assert [paragraph.text for paragraph in article.body] == [
        "为方便居民办事，现将本月有关事项提示如下：",
        "一、医保参保登记将于10月20日开始，请居民携带身份证到居委会办理。",
        "二、社区食堂自本月起延长营业时间至晚上七点。",
        "● 书法班每周三上午开课",
        "● 健康讲座每月第二个周六举行",
        "以上事项如有疑问，请致电社区服务中心咨询。",
    ]
