from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from bulletin_ingest import IngestConfig, InputFileError, ingest
from bulletin_ingest.evaluate import cer
from bulletin_ingest.sources.pdf import layer_problem, read_pdf

from .pages import LINES, small_page
from .test_regression_gate import generated


def test_born_digital_pdf_lines_keep_columns_apart_and_lose_fake_bold() -> None:
    document = read_pdf(generated() / "xinjing-jianxun-2023-05.digital.pdf", IngestConfig())
    assert document.kind == "pdf-text"
    texts = [line.text for line in document.pages[0].lines]
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
