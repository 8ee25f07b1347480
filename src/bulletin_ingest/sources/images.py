"""Page images: loading (PNG, JPEG, multi-page TIFF, WebP, BMP), resolution, orientation, grayscale,
upscaling of low-resolution pages, deskew and how evenly the page is lit, ready for OCR."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageFilter, ImageOps, ImageSequence, UnidentifiedImageError

from ..config import IngestConfig
from ..errors import InputFileError, raised_inside
from .regions import PAPER_PERCENTILE, WORK_DPI, text_orientation

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp")

TARGET_DPI = 300
"""Resolution OCR reads best at; pages scanned lower are upscaled to it."""

MIN_DPI_FOR_OCR = 150
"""Pages scanned below this are upscaled to TARGET_DPI. Tesseract reads 200 DPI scans best as
they are: on the corpus's 200 DPI scans, upscaling to 300 raised its character errors from
1.0 % to 9.2 %."""
A4_LONG_SIDE_INCHES = 11.69
LARGEST_SHEET_INCHES = 48.0
"""A broadsheet newspaper's two facing pages, long side: the largest sheet a page image
shows. A resolution that makes an image larger is no measurement but a program's default (a
phone writes 72 DPI into every photograph)."""
MAX_SKEW_DEGREES = 3.0
"""A page laid on a scanner's glass is tilted at most this much, and its skew is searched
within it first."""
MOST_SKEW_DEGREES = 15.0
"""A page laid crooked or photographed by hand is tilted at most this much (further, it is
turned, not tilted), and its skew is searched this far, in whole degrees, too."""
SKEW_CLEARLY = 2.0
"""A tilt beyond MAX_SKEW_DEGREES is taken only where its lines are this many times sharper
than at the best tilt within it: a page tilted so far shows rows many times sharper at its
tilt than anywhere near level, and a page whose rows are not sharp anywhere (vertical
columns, a picture) is not turned for a chance peak."""
MIN_SKEW_DEGREES = 0.1
"""A page tilted less than this is read as it is."""

SKEW_SIDE = 1000
"""A page's skew is measured with its longer side scaled to this many pixels, bicubically (a
softer filter loses a faint print's thin strokes to the ink threshold): there a tenth of a
degree still moves a line's end by more than a pixel."""

SKEW_REDUCING_GAP = 2.0
"""Scaling to SKEW_SIDE first averages whole blocks of pixels while the page stays at least
this many times that size (Pillow's `reducing_gap`, as its thumbnails do): averaging more
of a large page's pixels than that fades a faint print's thin strokes, and its skew comes
out otherwise."""

PAPER_WINDOW_INCHES = 0.5
"""The brightest grey within this much of a point is the paper's tone there: wider than a
title glyph's strokes, narrower than the light changes across a page."""

PAPER_WINDOW_STEPS = 8
"""The paper's tone is found at this many pixels across PAPER_WINDOW_INCHES: fine enough to
follow the light, few enough to cost milliseconds a page. Even: the filter, a pixel wider,
is centred on a pixel."""

FADED_PRINT = 0.5
"""Print is set to stand dark on its paper: a page whose darkest print is lighter than this
share of its paper's tone was printed or scanned faded (thin toner, a copy of a copy, a
scanner set too bright), and every step that tells ink by its darkness against the paper
would lose its strokes."""

FAINTEST_PRINT = 0.85
"""Nothing on a page darker than this share of its paper's tone is print: a blank page's
grain, whose contrast stretched would turn to specks."""

PRINT_CORES = 0.001
"""The darkest this share of a page's pixels are the cores of its print's strokes: a page
holding a single line of body type has that many, and a stray speck far fewer."""

PRINT_MOST = 0.3
"""Print covers at most this share of a page: strokes are thin, and a dense page of small
type is still mostly paper."""

THIN_PRINT = 0.75
"""Print is strokes: thinned by a pixel on every side at WORK_DPI, a page's print loses more
than a quarter of its pixels (its photographs, solid, lose less), where a lit area (paper, a
page photographed on a desk) loses only its edges."""

PRINT_BODY = 0.01
"""The darkest this share of a page's pixels lie in its print's strokes on any page of text:
where they are faded and only a few pixels are darker, those few are specks (dust, toner
spatter), and the print's darkest is measured without them (`specks_lifted`)."""

UNEVEN_LIGHT = 0.9
"""Paper in a page's margins darker in places than this share of its brightest there: the
light fell unevenly (a page photographed, not scanned: a scanner lights its glass evenly,
and its noise moves the paper's tone by a few hundredths)."""


@dataclass(frozen=True)
class PageImage:
    """One page ready for OCR: upright, with its resolution and the skew its lines show.
    scan is the page as scanned (grayscale, or bilevel where the scan is black and white);
    image is it straightened, made only when an engine asks for it. uneven_light: the light
    fell unevenly across the page (see `unevenly_lit`), so a threshold for the whole page
    would lose the strokes on its dim side. columns_as_rows: the page is turned a quarter
    turn to read its vertical columns as rows (`turned`), so its marks stand turned."""

    number: int
    scan: Image.Image
    dpi: float
    skew: float = 0.0
    uneven_light: bool = False
    columns_as_rows: bool = False
    negative: bool = False
    """The page was scanned as a negative (light print on dark paper, as from microfilm) and
    stands turned positive (`is_negative`)."""

    @cached_property
    def image(self) -> Image.Image:
        """The page straightened, grayscale."""
        return straighten(self.scan, self.skew)

    @cached_property
    def grey(self) -> np.ndarray:
        """The page straightened, as an array of grey levels."""
        return np.asarray(self.image)

    @cached_property
    def orientation(self) -> str:
        """Which way the page's lines run, as its ink shows (`regions.text_orientation`):
        measured once, whichever questions of the page's reading ask it."""
        return text_orientation(self.scan, self.dpi)

    def turned(self) -> PageImage:
        """The page straightened and turned a quarter turn counter-clockwise: a page set in
        vertical columns as its lines are read, each column a row (see
        `tesseract.turned`)."""
        turned = self.image.transpose(Image.Transpose.ROTATE_90)
        return PageImage(
            self.number, turned, self.dpi, uneven_light=self.uneven_light, columns_as_rows=True
        )

    @property
    def size_points(self) -> tuple[float, float]:
        return self.scan.width * 72 / self.dpi, self.scan.height * 72 / self.dpi

    def reduced(self, longest: int) -> PageImage:
        """The page scaled down so that its longer side is at most longest pixels, its
        resolution scaled with it (itself when it is no larger). An engine that reads at a
        fixed size anyway (RapidOCR) takes this: straightening a page costs a third as much
        after it is scaled down as before."""
        ratio = longest / max(self.scan.size)
        if ratio >= 1:
            return self
        # A side never scales to nothing, however long the other (a strip 100 px wide).
        size = (max(1, round(self.scan.width * ratio)), max(1, round(self.scan.height * ratio)))
        small = self.scan.convert("L").resize(size, Image.Resampling.BILINEAR)
        return PageImage(self.number, small, self.dpi * ratio, self.skew, self.uneven_light)


def straighten(scan: Image.Image, angle: float) -> Image.Image:
    """A page turned by angle (degrees, counter-clockwise), grayscale. A bilevel scan is
    turned without interpolation: grey between black and white adds nothing OCR can use,
    and tesseract reads a page that stays black and white faster. A grey one is
    interpolated bilinearly: turned by a few degrees, a pixel's four neighbours hold what
    the engine's own binarization needs, at a third of bicubic's cost."""
    if abs(angle) < MIN_SKEW_DEGREES:
        return scan.convert("L")
    if scan.mode == "1":
        return scan.rotate(angle, resample=Image.Resampling.NEAREST, fillcolor=1).convert("L")
    return scan.convert("L").rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)


def read_dpi(image: Image.Image) -> int | None:
    """The resolution the file states, None when it states none or nonsense: out of any
    scanner's range, or making the page larger than any sheet (`LARGEST_SHEET_INCHES`)."""
    dpi = image.info.get("dpi")
    if not dpi:
        return None
    try:
        value = round(float(dpi[0]))  # PNG stores pixels per metre: 300 DPI reads 299.9994
    except (TypeError, ValueError, IndexError, OverflowError):
        return None  # a damaged file's tag: bytes, a NaN, an empty tuple
    if not 50 <= value <= 2400 or max(image.size) / value > LARGEST_SHEET_INCHES:
        return None
    return value


def estimate_dpi(image: Image.Image) -> float:
    """A resolution guessed from the pixel size, taking the page for A4 (bulletins are)."""
    return max(image.size) / A4_LONG_SIDE_INCHES


def open_pages(path: Path) -> Iterator[Image.Image]:
    """Every frame of an image file, EXIF orientation applied; an image that is too large
    (a decompression bomb) or unreadable is an `InputFileError`."""
    try:
        with warnings.catch_warnings():
            # Pillow's notes on a damaged header (`Corrupt EXIF data`) are no user's concern:
            # what it can read is read, and what it cannot is an error below.
            warnings.filterwarnings("ignore", category=UserWarning, module="PIL")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                for frame in ImageSequence.Iterator(image):
                    upright = ImageOps.exif_transpose(frame)
                    upright.load()
                    yield upright
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise InputFileError(path, f"image too large to read safely ({e})") from e
    except UnidentifiedImageError as e:
        raise InputFileError(path, "not an image Pillow can read") from e
    except OSError as e:
        raise InputFileError(path, f"damaged or truncated image ({e})") from e
    except Exception as e:
        if not raised_inside(e, ("PIL",)):
            raise
        raise InputFileError(path, f"damaged image ({type(e).__name__}: {e})") from e


def prepare(
    image: Image.Image,
    number: int,
    dpi: float | None,
    deskew: bool = True,
    max_pixels: int = IngestConfig.max_page_pixels,
) -> PageImage:
    """Grayscale, a low-resolution page upscaled to TARGET_DPI (or as far as max_pixels
    allows), and the skew of its lines found (the page is straightened when an engine reads
    it, see `PageImage`)."""
    dpi = dpi or read_dpi(image) or estimate_dpi(image)
    gray = to_grayscale(image)
    if dpi < MIN_DPI_FOR_OCR:
        factor = min(TARGET_DPI / dpi, within_budget(gray.width, gray.height, max_pixels))
        dpi *= factor
        gray = gray.resize(
            (round(gray.width * factor), round(gray.height * factor)), Image.Resampling.LANCZOS
        )
    negative = is_negative(gray, dpi)
    if negative:
        gray = ImageOps.invert(gray)
        if image.mode == "1":
            image = gray.convert("1", dither=Image.Dither.NONE)
    gray = with_print_darkened(gray)
    angle = skew_angle(gray) if deskew else 0.0
    scan = image if image.mode == "1" and gray.size == image.size else gray
    lit = image.mode != "1" and unevenly_lit(gray, dpi)
    return PageImage(number, scan, dpi, angle, lit, negative=negative)


def tone_levels(gray: Image.Image, *shares: float) -> tuple[int, ...]:
    """The grey levels that each share of a grayscale page's pixels reach (0 the darkest),
    from its histogram."""
    counts = np.cumsum(gray.histogram())
    return tuple(int(np.searchsorted(counts, share * counts[-1])) for share in shares)


def specks_lifted(gray: Image.Image) -> Image.Image:
    """A grayscale page with every dark speck smaller than three pixels across taken away
    (the paper thickened by a pixel): dust and toner spatter go, strokes stay, thinned."""
    return Image.fromarray(cv2.dilate(np.asarray(gray), np.ones((3, 3), np.uint8)))


def is_negative(gray: Image.Image, dpi: float) -> bool:
    """Whether a grayscale page shows light print on dark paper: a negative, as microfilm
    and some copiers give. Paper fills most of a page, so its median tone is the paper's;
    print stands out from it darker on a page, lighter on a negative, so the page's tones
    reach further from the median on the print's side (its `PRINT_CORES` at either end).
    And what stands lighter on a negative is print: little of the page (`PRINT_MOST`), and
    strokes, which thinning takes away (`THIN_PRINT`), not a lit area: a page photographed
    on a dark desk, paper beside a dark photograph.

    >>> page = Image.new("L", (400, 400), 250)
    >>> for y in range(40, 360, 20):
    ...     page.paste(10, (40, y, 360, y + 2))
    >>> is_negative(page, 300), is_negative(ImageOps.invert(page), 300)
    (False, True)
    """
    darkest, median, brightest = tone_levels(gray, PRINT_CORES, 0.5, 1 - PRINT_CORES)
    if brightest - median <= median - darkest:
        return False
    small = gray.reduce(max(1, round(dpi / WORK_DPI)))
    middle = (median + brightest) / 2
    light = int((np.asarray(small) > middle).sum())
    thinned = np.asarray(small.filter(ImageFilter.MinFilter(3)))
    left = int((thinned > middle).sum())
    return light <= PRINT_MOST * small.width * small.height and left <= THIN_PRINT * light


def with_print_darkened(gray: Image.Image) -> Image.Image:
    """A grayscale page whose print is faded (`FADED_PRINT`) with its tones stretched so that
    its darkest print is black and its paper keeps its tone; any other page as it is. Ink is
    told from paper by how much darker it is (`regions.INK_SHARE`), as on any page printed
    to be read; on a faded page that holds only once its contrast is restored.

    >>> page = Image.new("L", (100, 100), 250)
    >>> page.paste(140, (10, 10, 90, 20))
    >>> tone_levels(with_print_darkened(page), PRINT_CORES, PAPER_PERCENTILE / 100)
    (0, 250)
    >>> page.paste(0, (50, 50, 51, 51))  # a speck of dust
    >>> tone_levels(with_print_darkened(page), PRINT_CORES, PAPER_PERCENTILE / 100)
    (0, 250)
    >>> page.paste(20, (10, 10, 90, 20))
    >>> with_print_darkened(page) is page
    True
    >>> black = Image.new("L", (10, 10), 0)  # no paper to stretch to
    >>> with_print_darkened(black) is black
    True
    """
    darkest, body, paper = tone_levels(gray, PRINT_CORES, PRINT_BODY, PAPER_PERCENTILE / 100)
    if darkest < FADED_PRINT * paper <= body:
        (darkest,) = tone_levels(specks_lifted(gray), PRINT_CORES)
    if darkest >= paper or not FADED_PRINT * paper <= darkest <= FAINTEST_PRINT * paper:
        return gray
    scale = paper / (paper - darkest)
    return gray.point([min(255, max(0, round((level - darkest) * scale))) for level in range(256)])


QUARTER_TURNS = {
    90: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}
"""Pillow's exact turns of an image, counter-clockwise, by degrees."""


def quarter_turned(image: Image.Image, turn: int) -> Image.Image:
    """An image turned by turn degrees counter-clockwise, exactly (a multiple of 90; the
    image itself for none)."""
    turn %= 360
    return image.transpose(QUARTER_TURNS[turn]) if turn else image


def turned_upright(page: PageImage, turn: int) -> PageImage:
    """A page whose scan stands turned (fed sideways or upside down), turned by turn degrees
    counter-clockwise (90, 180 or 270) and prepared anew: its skew is found as it now
    stands."""
    return prepare(quarter_turned(page.scan, turn), page.number, page.dpi)


def paper_tone(gray: Image.Image, dpi: float) -> np.ndarray:
    """The paper's tone across a page, PAPER_WINDOW_STEPS pixels to PAPER_WINDOW_INCHES:
    the brightest grey within that window of each point (ink is darker than its paper)."""
    step = max(1, round(dpi * PAPER_WINDOW_INCHES / PAPER_WINDOW_STEPS))
    small = gray.reduce(step) if step > 1 else gray
    return np.asarray(small.filter(ImageFilter.MaxFilter(PAPER_WINDOW_STEPS + 1)), dtype=np.float64)


def unevenly_lit(gray: Image.Image, dpi: float) -> bool:
    """Whether the paper in a page's outer twentieth, all round, is darker in places than
    UNEVEN_LIGHT of its brightest there. The margins are paper on any page, where a
    photograph or a black title may stand anywhere inside them."""
    tone = paper_tone(gray, dpi)
    depth = max(1, min(tone.shape) // 20)
    margins = np.concatenate(
        [tone[:depth], tone[-depth:], tone[:, :depth].T, tone[:, -depth:].T], axis=None
    )
    dim, bright = np.percentile(margins, (5, 95))
    return bool(dim < UNEVEN_LIGHT * bright)


def within_budget(width: float, height: float, max_pixels: int) -> float:
    """The largest scale at which a width × height picture has at most max_pixels.

    >>> within_budget(6000, 6000, 100_000_000)
    1.6666666666666667
    """
    return math.sqrt(max_pixels / (width * height))


def to_grayscale(image: Image.Image) -> Image.Image:
    """8-bit grayscale; transparency is laid on white first, and a 16-bit or 32-bit scan
    is scaled into 8 bits (converted as it is, every value above 255 would turn white)."""
    if image.mode in WIDE_MODES:
        return scaled_to_8_bits(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        white = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, image)
    return image.convert("L")


WIDE_MODES = ("I", "I;16", "I;16B", "I;16L", "I;16N", "F")
"""Pillow's modes of one channel wider than 8 bits."""


def scaled_to_8_bits(image: Image.Image) -> Image.Image:
    """A wide grayscale image in 8 bits: 16-bit values by the 16-bit range, floating values
    from 0 to 1 by that range, others by their own maximum where they pass 255."""
    values = np.asarray(image, dtype=np.float64)
    top = float(values.max(initial=0.0))
    if image.mode == "F" and top <= 1.0:
        values = values * 255
    elif image.mode.startswith("I;16") or 255 < top <= 65535:
        values = values / 257
    elif top > 65535:
        values = values * (255 / top)
    return Image.fromarray(np.clip(values, 0, 255).round().astype(np.uint8), mode="L")


def skew_angle(gray: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes text lines horizontal: the one
    under which the rows' ink profile is sharpest, searched coarse then fine. The page is
    measured within SKEW_SIDE pixels, and each angle's profile is counted from the ink's
    turned coordinates: turning the picture for each angle cost several times as much."""
    ink = np.asarray(skew_copy(gray)) < 128
    if not ink.any():
        return 0.0
    sharpness = row_sharpness(ink)
    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5)
    best, reach = max(coarse, key=sharpness), 0.5
    further = np.arange(MAX_SKEW_DEGREES + 1, MOST_SKEW_DEGREES + 0.01, 1.0)
    far = max(np.concatenate([-further, further]), key=sharpness)
    if sharpness(far) > SKEW_CLEARLY * sharpness(best):
        best, reach = far, 1.0
    fine = np.arange(best - reach, best + reach + 0.01, 0.1)
    return round(float(max(fine, key=sharpness)), 2)


def row_sharpness(ink: np.ndarray) -> Callable[[float], float]:
    """How sharp the rows' ink profile stands with the ink turned by an angle (degrees): the
    sum of squares of its steps, which lines of text at their tilt make greatest."""
    height, width = ink.shape
    ys, xs = np.nonzero(ink)
    ys = ys - (height - 1) / 2
    xs = xs - (width - 1) / 2

    def sharpness(angle: float) -> float:
        turn = math.radians(angle)
        rows = np.rint(ys * math.cos(turn) - xs * math.sin(turn) + (height - 1) / 2)
        rows = rows[(rows >= 0) & (rows < height)].astype(np.int64)
        profile = np.bincount(rows, minlength=height).astype(np.float64)
        return float(np.square(np.diff(profile)).sum())

    return sharpness


def skew_copy(gray: Image.Image) -> Image.Image:
    """A page scaled down so that its longer side is SKEW_SIDE pixels (itself where it is
    no longer), bicubically after averaging blocks of pixels (`SKEW_REDUCING_GAP`): what
    Pillow's `thumbnail` makes, without copying the page first.

    >>> skew_copy(Image.new("L", (2480, 3508))).size
    (707, 1000)
    """
    ratio = SKEW_SIDE / max(gray.size)
    if ratio >= 1:
        return gray
    size = (max(1, round(gray.width * ratio)), max(1, round(gray.height * ratio)))
    return gray.resize(size, Image.Resampling.BICUBIC, reducing_gap=SKEW_REDUCING_GAP)


def read_images(
    path: Path,
    wanted: Callable[[int], bool] = lambda n: True,
    max_pixels: int = IngestConfig.max_page_pixels,
) -> list[PageImage]:
    """The pages of an image file (those wanted, by number from 1), prepared for OCR."""
    pages, count = [], 0
    for count, frame in enumerate(open_pages(path), start=1):
        if wanted(count):
            pages.append(prepare(frame, count, None, max_pixels=max_pixels))
    if not count:
        raise InputFileError(path, "image holds no pages")
    return pages
