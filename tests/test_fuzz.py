"""Fuzzing: text of any characters, and PDFs and images with bytes flipped, cut short or their
headers changed, give a record or a typed error (`BulletinIngestError`), never another
exception, within a time limit per input and within a memory limit for the whole run.

The page images reach a recognizer that reads nothing: what is fuzzed is our reading of the
files and our geometry, not the OCR engine."""

from __future__ import annotations

import io
import resource

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas

from bulletin_ingest import IngestConfig, ingest, ingest_text
from bulletin_ingest.errors import BulletinIngestError
from bulletin_ingest.model import Line
from bulletin_ingest.sources.images import PageImage

from .test_pdf import UMING

FUZZ = settings(
    max_examples=60,
    deadline=10_000,  # milliseconds: an input that takes longer hangs
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MEMORY_LIMIT_MB = 2048
"""The most this process may hold at its peak after the fuzzing: a mutated file that made it
take gigabytes fails the run."""
CONFIG = IngestConfig(max_page_pixels=4_000_000, ocr_dpi=100)


class ReadsNothing:
    """A recognizer that reads no line from any page."""

    name = "nothing"

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        return ()

    def detect_script(self, page: PageImage, *, source: str) -> str:
        return "simplified"


def pdf_bytes() -> bytes:
    """A one-page PDF with a line of Chinese text (a text layer), a rectangle and a picture."""
    stream = io.BytesIO()
    pdf = canvas.Canvas(stream, pagesize=(300, 200))
    if UMING.exists():
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        if "uming" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("uming", str(UMING), subfontIndex=0))
        pdf.setFont("uming", 12)
    pdf.drawString(20, 150, "社区食堂正式开业，每天为老人提供午餐。")
    pdf.rect(20, 20, 100, 60)
    pdf.save()
    return stream.getvalue()


def image_bytes(form: str) -> bytes:
    image = Image.new("L", (240, 120), 255)
    ImageDraw.Draw(image).rectangle((20, 20, 200, 60), fill=0)
    stream = io.BytesIO()
    if form == "TIFF":
        image.convert("1").save(stream, form, dpi=(150, 150), compression="group4")
    else:
        image.save(stream, form, dpi=(150, 150))
    return stream.getvalue()


SEEDS = {
    ".pdf": pdf_bytes(),
    ".png": image_bytes("PNG"),
    ".jpg": image_bytes("JPEG"),
    ".tif": image_bytes("TIFF"),
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """seed with bytes flipped, cut short, or a run of it overwritten (a header changed)."""
    data = bytearray(seed)
    kind = draw(st.sampled_from(["flip", "cut", "overwrite"]))
    if kind == "cut":
        return bytes(data[: draw(st.integers(0, len(data) - 1))])
    if kind == "flip":
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    at = draw(st.integers(0, min(64, len(data) - 1)))
    run = draw(st.binary(min_size=1, max_size=16))
    data[at : at + len(run)] = run
    return bytes(data)


def read_or_refuse(data: bytes, suffix: str) -> None:
    try:
        bulletin = ingest(data, CONFIG, recognizer=ReadsNothing(), name=f"fuzzed{suffix}")
    except BulletinIngestError as e:
        assert "fuzzed" in str(e)  # the error names the file
    else:
        assert bulletin.source.path == f"fuzzed{suffix}"


@FUZZ
@given(data=mutated(SEEDS[".pdf"]))
def test_a_mutated_pdf_gives_a_record_or_a_typed_error(data: bytes) -> None:
    read_or_refuse(data, ".pdf")


@FUZZ
@given(choice=st.data())
def test_a_mutated_image_gives_a_record_or_a_typed_error(choice: st.DataObject) -> None:
    suffix = choice.draw(st.sampled_from([".png", ".jpg", ".tif"]))
    read_or_refuse(choice.draw(mutated(SEEDS[suffix])), suffix)


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text_gives_a_record_or_a_typed_error(text: str) -> None:
    try:
        bulletin = ingest_text(text, CONFIG)
    except BulletinIngestError:
        return
    # A photo's caption with no text of its own is a picture story: an article still.
    assert all(
        article.text.strip() or article.title or article.captions for article in bulletin.articles
    )


def test_the_fuzzing_kept_within_its_memory_limit() -> None:
    """Runs after the fuzz tests of this module (pytest keeps their order)."""
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if peak_mb > MEMORY_LIMIT_MB:
        pytest.fail(f"the process peaked at {peak_mb:.0f} MB")
