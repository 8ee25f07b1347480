from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageOps

from bulletin_ingest import InputFileError, ingest
from bulletin_ingest.sources.images import (
    PRINT_BODY,
    is_negative,
    open_pages,
    prepare,
    read_dpi,
    read_images,
    skew_angle,
    tone_levels,
    with_print_darkened,
)
from bulletin_ingest.sources.regions import PAPER_PERCENTILE, text_regions

from .pages import column_page, small_page, vertical_page


def test_png_jpeg_and_multipage_tiff_load_with_their_resolution(tmp_path: Path) -> None:
    page = small_page()
    page.save(tmp_path / "a.png", dpi=(300, 300))
    page.save(tmp_path / "a.jpg", dpi=(300, 300))
    page.save(tmp_path / "a.tif", save_all=True, append_images=[page], dpi=(300, 300))
    assert [p.dpi for p in read_images(tmp_path / "a.png")] == [300]
    assert len(read_images(tmp_path / "a.jpg")) == 1
    assert [p.number for p in read_images(tmp_path / "a.tif")] == [1, 2]


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    page = small_page()
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90 degrees: stored sideways
    page.rotate(90, expand=True).save(tmp_path / "side.jpg", exif=exif)
    (upright,) = list(open_pages(tmp_path / "side.jpg"))
    assert upright.size == page.size


def test_low_resolution_pages_are_upscaled_and_skew_is_found() -> None:
    page = small_page()
    low = page.resize((page.width // 3, page.height // 3))
    prepared = prepare(low, 1, 100)
    assert prepared.dpi == 300 and prepared.image.width == low.width * 3
    assert prepare(page, 1, 200).dpi == 200  # read best as it is
    tilted = page.rotate(-1.5, fillcolor=255, expand=True)
    assert skew_angle(tilted) == pytest.approx(1.5, abs=0.3)


def test_decompression_bomb_and_garbage_are_input_errors(tmp_path: Path, monkeypatch) -> None:
    small_page().save(tmp_path / "big.png")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(InputFileError, match="too large"):
        read_images(tmp_path / "big.png")
    (tmp_path / "junk.png").write_bytes(b"not an image at all")
    with pytest.raises(InputFileError, match=r"junk\.png: not an image"):
        read_images(tmp_path / "junk.png")


def test_a_skewed_bilevel_scan_stays_black_and_white_when_straightened() -> None:
    from bulletin_ingest.sources.tesseract import is_bilevel

    bilevel = small_page().rotate(1.5, fillcolor=255).point(lambda v: 255 if v > 128 else 0)
    page = prepare(bilevel.convert("1"), 1, 300)
    assert abs(page.skew + 1.5) <= 0.2 and page.image.mode == "L"
    assert is_bilevel(page.image)
    assert not is_bilevel(prepare(bilevel.convert("L").rotate(1.5), 1, 300).image)


def test_uneven_light_is_told_from_a_photograph_on_an_evenly_lit_page() -> None:
    page = np.asarray(small_page(), dtype=np.float64)
    with_photo = page.copy()
    with_photo[100:-100, 300:700] = 90  # a dark photograph, inside the margins
    assert not prepare(Image.fromarray(with_photo.astype(np.uint8)), 1, 300).uneven_light
    falling = np.linspace(1.0, 0.7, page.shape[0])[:, None]
    photographed = Image.fromarray((page * falling).astype(np.uint8))
    assert prepare(photographed, 1, 300).uneven_light
    bilevel = photographed.point(lambda v: 255 if v > 128 else 0).convert("1")
    assert not prepare(bilevel, 1, 300).uneven_light  # nothing left to threshold


def test_a_page_reduced_for_a_fixed_size_engine_keeps_its_size_in_points() -> None:
    page = prepare(small_page().rotate(1.5, fillcolor=255), 1, 300)
    small = page.reduced(page.scan.width // 2)
    assert max(small.image.size) == page.scan.width // 2 and small.skew == page.skew
    assert small.size_points == pytest.approx(page.size_points, rel=0.01)
    assert page.reduced(10_000) is page


@pytest.mark.parametrize("suffix", ["png", "tif"])
def test_a_16_bit_scan_keeps_its_text(tmp_path: Path, suffix: str) -> None:
    """Converted as it is, every 16-bit value above 255 turns white: the text is lost."""
    page = small_page()
    wide = Image.fromarray(np.asarray(page, dtype=np.uint16) * 257)
    wide.save(tmp_path / f"wide.{suffix}", dpi=(300, 300))
    (read,) = read_images(tmp_path / f"wide.{suffix}")
    difference = np.abs(np.asarray(read.scan, dtype=int) - np.asarray(page, dtype=int))
    assert difference.max() <= 1


def test_an_upscaled_page_keeps_within_the_pixel_budget() -> None:
    from PIL import Image

    from bulletin_ingest.sources.images import prepare

    small_dpi = Image.new("L", (2000, 2000), 255)
    small_dpi.info["dpi"] = (50, 50)  # upscaled to 300 DPI it would be 12000 × 12000
    page = prepare(small_dpi, 1, None, deskew=False, max_pixels=4_000_000)
    assert page.scan.width * page.scan.height <= 4_000_000
    assert page.dpi < 300


def test_a_pdf_page_metres_wide_is_rendered_within_the_pixel_budget(tmp_path) -> None:
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    from bulletin_ingest.sources.pdf import page_image

    path = tmp_path / "huge.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(14400, 14400))
    pdf.drawString(100, 100, "x")
    pdf.save()
    document = pdfium.PdfDocument(path)
    page = page_image(document, 0, 300, max_pixels=2_000_000)
    assert page.scan.width * page.scan.height <= 2_000_000


def test_text_over_the_size_limit_is_refused_unread(tmp_path) -> None:
    import pytest

    from bulletin_ingest import IngestConfig, InputFileError, ingest

    path = tmp_path / "big.txt"
    path.write_text("社区活动。\n" * 1000, "utf-8")
    with pytest.raises(InputFileError, match="over max_text_bytes"):
        ingest(path, IngestConfig(max_text_bytes=1000))


def test_a_resolution_making_the_page_larger_than_any_sheet_is_a_default() -> None:
    """A phone states 72 DPI for a photograph 4032 pixels long, a page 56 inches long: no
    sheet is, so the resolution is guessed as for a file that states none. A page scanned
    at 72 DPI keeps it."""
    photo, scan = Image.new("L", (3024, 4032), 255), Image.new("L", (595, 842), 255)
    photo.info["dpi"] = scan.info["dpi"] = (72, 72)
    assert read_dpi(photo) is None
    assert read_dpi(scan) == 72
    assert prepare(photo, 1, None, deskew=False).scan.size == photo.size


def test_a_damaged_resolution_tag_states_no_resolution() -> None:
    """A damaged file's resolution tag may hold bytes, a NaN or nothing: the page's
    resolution is then guessed, as for a file that states none."""
    image = Image.new("L", (240, 120), 255)
    for stated in ((b"\xd2", 1), (float("nan"), 1), (float("inf"), 1), (), (300.0, 300.0)):
        image.info["dpi"] = stated
        assert read_dpi(image) == (300 if stated == (300.0, 300.0) else None)


def test_webp_and_bmp_pages_are_read_as_their_pixels(tmp_path) -> None:
    """A page saved from the web (WebP) or by an old scanner's software (BMP) is a page image
    like a PNG: its one frame holds the same pixels, and it is an input the pipeline takes
    (a folder's scan finds it, `show` draws it)."""
    from bulletin_ingest.sources import INPUT_SUFFIXES, page_picture

    page = Image.new("L", (64, 48), 255)
    page.paste(0, (8, 8, 40, 20))
    for suffix in (".webp", ".bmp"):
        path = tmp_path / f"page{suffix}"
        page.save(path, lossless=True) if suffix == ".webp" else page.save(path)
        frames = list(open_pages(path))
        assert len(frames) == 1
        assert frames[0].convert("L").tobytes() == page.tobytes()
        assert suffix in INPUT_SUFFIXES and page_picture(path, 1).size[0] > 0


@pytest.mark.parametrize("specks", [False, True])
def test_faded_print_is_darkened_so_its_columns_and_glyphs_are_found(specks: bool) -> None:
    # Print at 40 % of its ink on slightly grey paper: thin toner, a copy of a copy; and
    # the same with black specks of toner spatter, darker than any of its print.
    page = column_page(3, 6, title="社区长者食堂开业")
    faded = page.point(lambda v: round(250 - (255 - v) * 0.4))
    if specks:
        tones = np.array(faded)
        scattered = np.random.default_rng(0).random(tones.shape) < 0.002
        tones[scattered] = 0
        faded = Image.fromarray(tones)
    found = {}
    for name, image in (("dark", page), ("faded", faded)):
        prepared = prepare(image, 1, 300)
        regions = text_regions(prepared.image, prepared.dpi, prepared.grey)
        found[name] = (len(regions.regions), regions.columns_across, len(regions.heads))
        found[name + " glyph"] = round(regions.glyph)
    assert found["faded"] == found["dark"] == (4, 3, 1)
    assert found["faded glyph"] == found["dark glyph"]
    body, paper = tone_levels(prepare(faded, 1, 300).scan, PRINT_BODY, PAPER_PERCENTILE / 100)
    assert body < 60 and paper == 250


def test_paper_without_print_and_dark_print_are_left_as_they_are() -> None:
    grain = np.random.default_rng(0).integers(225, 251, (400, 300), dtype=np.uint8)
    blank = Image.fromarray(grain)
    assert with_print_darkened(blank) is blank
    page = small_page()
    assert with_print_darkened(page) is page


def test_a_negative_scan_is_turned_positive_and_a_page_on_a_dark_desk_is_not() -> None:
    page = small_page()
    negative = ImageOps.invert(page)
    prepared = prepare(negative, 1, 300)
    assert prepared.negative and not prepare(page, 1, 300).negative
    assert np.array_equal(np.asarray(prepared.scan), np.asarray(page))
    bilevel = negative.point(lambda v: 255 if v > 128 else 0).convert("1")
    prepared = prepare(bilevel, 1, 300)
    assert prepared.negative and prepared.scan.mode == "1"
    assert np.asarray(prepared.image).mean() > 200  # paper white again
    # A photographed page that fills under half the frame, on a dark desk: the desk's
    # tone is the median, but what stands lighter is no print.
    desk = Image.new("L", (page.width * 2, page.height * 2), 30)
    desk.paste(page, (page.width // 2, page.height // 2))
    assert not is_negative(desk, 300)
    # Half the page a dark photograph.
    half = page.copy()
    half.paste(30, (0, 0, page.width, page.height * 2 // 3))
    assert not is_negative(half, 300)


def test_a_negative_page_is_read_positive_with_a_warning() -> None:
    seen: list[float] = []

    class Engine:
        name = "given"

        def recognize(self, page, script, *, source):
            seen.append(float(np.asarray(page.image).mean()))
            return ()

        def detect_script(self, page, *, source):
            return "simplified"

    bulletin = ingest(ImageOps.invert(small_page()), recognizer=Engine(), name="neg.png")
    assert seen and seen[0] > 200
    assert any("negative" in warning for warning in bulletin.warnings)


@pytest.mark.parametrize("tilt", [-9.0, 5.0, 12.5])
def test_a_page_laid_crooked_is_straightened_beyond_a_scanners_tilt(tilt: float) -> None:
    page = column_page(2, 8)
    tilted = page.rotate(tilt, fillcolor=255, expand=True)
    assert skew_angle(tilted) == pytest.approx(-tilt, abs=0.3)


def test_a_large_solid_photograph_is_no_tilted_text() -> None:
    # A regular pick of a solid shape's pixels lines up in rows of its own at some angles.
    page = column_page(2, 8)
    with_photo = Image.new("L", (page.width, page.height + 700), 255)
    with_photo.paste(page, (0, 0))
    box = (40, page.height + 50, page.width - 40, page.height + 650)
    ImageDraw.Draw(with_photo).ellipse(box, fill=0)
    assert abs(skew_angle(with_photo)) <= 0.3


def test_columns_set_vertically_are_not_turned_for_a_chance_peak() -> None:
    assert abs(skew_angle(vertical_page(6, 10))) <= 3.0
    assert skew_angle(Image.new("L", (400, 300), 255)) == 0.0  # nothing to measure
