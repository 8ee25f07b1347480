"""OCR: the `Recognizer` protocol and its engines.

`TesseractRecognizer` reads words with pytesseract `image_to_data` (chi_sim, chi_tra, eng)
and builds lines from them; `RapidOCRRecognizer` (optional extra) reads lines with PP-OCR
models shipped in the rapidocr_onnxruntime wheel; `RecordedRecognizer` replays lines a real
engine produced, for fast tests. Every engine returns `Line`s in PDF points.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from PIL import Image

from ..chars import (
    HANGING_MARKS,
    decisive_script,
    detect_script,
    is_simplified_only,
    is_traditional_only,
)
from ..config import IngestConfig
from ..errors import MissingDependencyError, OcrError
from ..model import BBox, Document, Line, Page
from .images import PageImage
from .regions import Composite, PageRegions, compose, text_regions

TESSERACT_LANGS = {"simplified": "chi_sim", "traditional": "chi_tra"}
APT_PACKAGES = {
    "chi_sim": "tesseract-ocr-chi-sim",
    "chi_tra": "tesseract-ocr-chi-tra",
    "eng": "tesseract-ocr-eng",
}
INSTALL_TESSERACT = (
    "apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng"
)

PHRASE_GAP = 1.0
"""A gap between two Han words at least this share of the glyph height is a printed space
(a kicker's phrase space). Tesseract's word boxes are loose: gaps of 0.6 occur inside
phrases, so only a gap of a whole character counts."""

LATIN_GAP = 0.15
"""A gap between two Latin or digit words at least this share of the line's height is a
word space."""

WORD_GUTTER = 1.2
"""Tesseract may read across a column gutter as one line; a gap between words wider than
this share of the glyph height splits it (a kicker's phrase space is about 0.7)."""

OVERLAP = 0.6
"""A line lying this much inside another, more confident line's box is a second reading of
the same ink (tesseract reads strokes of large glyphs as characters), not text."""

DOUBTFUL_MARGIN = 12.0
"""Below this margin (and above TRADITIONAL_MARGIN) the detector's word is doubtful: a
simplified journal page scored 5.4, the corpus's traditional pages 28.1. There RapidOCR,
where installed, gives the second opinion; its text shows the script plainly."""

DETECT_BAND = 0.12
"""Share of the page height, around its densest text, that script detection reads."""

TRADITIONAL_MARGIN = 4.0
"""Each tesseract model writes its own script whatever the page shows, and chi_tra reads
simplified print about as confidently overall as chi_sim does, so overall confidence cannot
tell the scripts apart. The margin compares the models on the characters peculiar to their
script (see `TesseractRecognizer.detect_script`). Measured on the corpus's scans: traditional
pages +7.0 and +19.3; simplified pages -15.2 to +1.3."""


class Recognizer(Protocol):
    """An OCR engine: one prepared page image in, lines in PDF points out."""

    name: str

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        """Read one page in the given script ("simplified" or "traditional")."""
        ...

    def detect_script(self, page: PageImage, *, source: str) -> str:
        """The script of the text on a page."""
        ...


@dataclass(frozen=True)
class Word:
    """A recognised word (or character) in pixels, with confidence 0-1."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    confidence: float


def tesseract_word(data: dict[str, Any], i: int) -> Word:
    """Word i of tesseract's word data (`image_to_data`), confidence scaled to 0-1."""
    left, top = data["left"][i], data["top"][i]
    return Word(
        data["text"][i].strip(),
        left,
        top,
        left + data["width"][i],
        top + data["height"][i],
        float(data["conf"][i]) / 100,
    )


def join_words(words: Sequence[Word], height: float) -> str:
    """A line's text from its words: a space only where a printed space shows as a gap.

    >>> w = lambda t, a, b: Word(t, a, 0, b, 40, 0.9)
    >>> join_words([w("聚焦", 0, 80), w("民生", 100, 180), w("服务", 225, 305)], 40)
    '聚焦民生 服务'
    >>> join_words([w("Jason", 0, 100), w("Wong", 110, 190), w("说", 195, 235)], 40)
    'Jason Wong说'
    """
    text = ""
    previous: Word | None = None
    for word in words:
        if previous is not None:
            gap = word.left - previous.right
            latin = _latin_edge(previous.text[-1]) and _latin_edge(word.text[0])
            if gap >= (LATIN_GAP if latin else PHRASE_GAP) * height:
                text += " "
        text += word.text
        previous = word
    return text


def _latin_edge(char: str) -> bool:
    return char.isascii() and char.isalnum()


def typical_height(words: Sequence[Word]) -> float:
    """The glyph height of a line: the median of its shorter two thirds of word boxes, since
    tesseract now and then gives a character a box two lines tall.

    >>> w = lambda h: Word("字", 0, 0, 10, h, 0.9)
    >>> typical_height([w(48), w(47), w(111), w(49), w(110)])
    48.5
    """
    heights = sorted(w.bottom - w.top for w in words)
    return statistics.median(heights[: max(1, len(heights) * 2 // 3 + 1)])


def em_count(text: str) -> float:
    """How many ems text takes: Han and full-width marks one each, ASCII about half.

    >>> em_count("5000人次。")
    5.2
    """
    return round(sum(0.55 if c.isascii() else 1.0 for c in text if not c.isspace()), 2)


MIN_EMS_FOR_WIDTH = 6.0
"""Lines at least this many ems long take their glyph size from their advance (width per
em), which OCR measures far more steadily than box heights."""


SKIPPED_RATIO = 1.4
"""An advance over this many times the ink height leaves room for characters the engine
did not read."""

EM_PER_INK = 1.2
"""A glyph's size (its advance) per height of its ink box, as measured on the corpus's
lines: CJK ink fills most of the em, and the engines' boxes are tight."""


def glyph_size(text: str, width: float, height: float) -> float:
    """A line's glyph size in the units of width and height: width per em where the line is
    long enough (the last glyph's ink stops short of its advance by about a third of an em),
    else its typical height.

    An advance far above the height means the engine skipped characters it saw (the line's
    ink is wider than its text), so the size is taken from the height instead.

    >>> glyph_size("第十届社区文化节在中心广场开幕", 298, 24), glyph_size("开幕了", 60, 19)
    (20.3, 19)
    >>> glyph_size("人开展“清洁家园、守护河", 240, 11)
    13.2
    """
    ems = em_count(text)
    if ems >= MIN_EMS_FOR_WIDTH:
        advance = round(width / (ems - 0.3), 1)
        return advance if advance <= SKIPPED_RATIO * height else round(EM_PER_INK * height, 1)
    return height


def line_from_words(
    words: Sequence[Word], page: PageImage, origin: str, spaced: bool = False
) -> Line:
    """One `Line` in points from the words of one text line in pixels; its top and bottom
    are its typical word's, so an outsized box does not make it overlap its neighbours.
    spaced: the words carry the engine's own spaces, so they are joined as they are; else
    spaces come from the gaps between them."""
    scale = 72 / page.dpi
    height = typical_height(words)
    left = min(w.left for w in words)
    right = max(w.right for w in words)
    bottom = statistics.median(w.bottom for w in words)
    top = bottom - height
    bbox: BBox = (left * scale, top * scale, right * scale, bottom * scale)
    text = "".join(w.text for w in words).strip() if spaced else join_words(words, height)
    return Line(
        text=text,
        page=page.number,
        row=0,
        bbox=bbox,
        size=round(glyph_size(text, right - left, height) * scale, 2),
        confidence=round(statistics.fmean(w.confidence for w in words), 4),
        origin=origin,
    )


MARK_BLANK = 0.4
"""After a punctuation mark, whose cell is mostly blank, a gap must be this many glyph
heights wider to count as a gutter: a colon inside a line leaves about 1.2 blank, a mark
hanging at a column's end about 1.7 before the next column."""

NOISE_CONFIDENCE = 0.6
"""Below this confidence, a lone mark standing apart from its neighbours is noise that
tesseract read into a gutter, not punctuation (which hugs the character before it)."""


def drop_gutter_noise(words: Sequence[Word]) -> list[Word]:
    """Words less isolated low-confidence marks.

    >>> w = lambda t, a, b, c=0.9: Word(t, a, 0, b, 40, c)
    >>> [x.text for x in drop_gutter_noise([w("名志", 0, 80), w("。", 120, 140, 0.42),
    ...                                     w("约350", 180, 300)])]
    ['名志', '约350']
    """
    ordered = sorted(words, key=lambda w: w.left)
    height = typical_height(ordered)
    kept = []
    for i, word in enumerate(ordered):
        apart_left = i == 0 or word.left - ordered[i - 1].right >= 0.5 * height
        apart_right = i == len(ordered) - 1 or ordered[i + 1].left - word.right >= 0.5 * height
        is_mark = not any(c.isalnum() for c in word.text)
        if is_mark and word.confidence < NOISE_CONFIDENCE and apart_left and apart_right:
            continue
        kept.append(word)
    return kept or list(ordered)


TOUCHING_GAP = 0.25
"""Two pieces of one baseline closer than this share of their glyph height are one line
that the engine cut in two (a title read as `夏阳街道` and `三个小区…`); a mark stuck to a
line's end in a gutter can leave half a glyph."""


def join_touching(segments: Sequence[Sequence[Word]]) -> list[list[Word]]:
    """Segments joined where the engine cut one line in two: same glyph height and
    baseline, side by side with less than TOUCHING_GAP between (a gutter is four times that).

    >>> w = lambda t, a, b: Word(t, a, 0, b, 40, 0.9)
    >>> [[x.text for x in s] for s in join_touching([[w("三个", 90, 170)], [w("夏阳", 0, 80)]])]
    [['夏阳', '三个']]
    """
    joined: list[list[Word]] = []
    for segment in sorted((list(s) for s in segments if s), key=lambda s: s[0].left):
        box = _words_box(segment)
        if not _letters(segment):
            joined.append(segment)  # a lone mark bridges nothing: it may be gutter noise
            continue
        for group in joined:
            if not _letters(group):
                continue
            last = _words_box(group)
            height = max(last[3] - last[1], box[3] - box[1])
            # Between the last letter and the next, so a stray mark in a gutter bridges nothing.
            gap = _letters(segment)[0].left - _letters(group)[-1].right
            if (
                abs((last[3] - last[1]) - (box[3] - box[1])) <= 0.2 * height
                and abs(last[3] - box[3]) <= 0.25 * height
                and -0.2 * height <= gap <= TOUCHING_GAP * height
            ):
                group.extend(segment)
                break
        else:
            joined.append(segment)
    return joined


def _letters(words: Sequence[Word]) -> list[Word]:
    return [w for w in words if any(c.isalnum() for c in w.text)]


def drop_leading_closers(words: Sequence[Word]) -> list[Word]:
    """Words less the closing marks they start with: Chinese typesetting never starts a line
    with one, so there it is noise the engine read at a column's edge.

    >>> w = lambda t, a, b: Word(t, a, 0, b, 40, 0.9)
    >>> [x.text for x in drop_leading_closers([w("”", 0, 10), w("加。", 20, 100)])]
    ['加。']
    >>> [(x.text, x.left) for x in drop_leading_closers([w("”加", 0, 80), w("。", 80, 90)])]
    [('加', 40.0), ('。', 80)]
    """
    ordered = sorted(words, key=lambda w: w.left)
    while len(ordered) > 1 and all(c in HANGING_MARKS for c in ordered[0].text):
        ordered = ordered[1:]
    first = ordered[0] if ordered else None
    if first is not None and first.text[0] in HANGING_MARKS:
        rest = first.text.lstrip(HANGING_MARKS)
        if rest:
            share = (len(first.text) - len(rest)) / len(first.text)
            left = first.left + share * (first.right - first.left)
            ordered[0] = replace(first, text=rest, left=left)
    return ordered


def split_at_gutters(words: Sequence[Word]) -> list[list[Word]]:
    """A recognised line's words split where a gap is a column gutter, not a space.

    >>> w = lambda t, a, b: Word(t, a, 0, b, 40, 0.9)
    >>> [[x.text for x in part] for part in split_at_gutters(
    ...     [w("真是办", 0, 120), w("老人们", 200, 320)])]
    [['真是办'], ['老人们']]
    """
    ordered = sorted(words, key=lambda w: w.left)
    height = typical_height(ordered)
    parts: list[list[Word]] = [[ordered[0]]]
    for word in ordered[1:]:
        previous = parts[-1][-1]
        gap = word.left - previous.right
        if not previous.text[-1].isalnum():
            gap -= MARK_BLANK * height  # a mark's ink fills little of its cell
        trusted = plausible_box(previous, height) and plausible_box(word, height)
        if gap > WORD_GUTTER * height and trusted:
            parts.append([])
        parts[-1].append(word)
    return parts


def plausible_box(word: Word, height: float) -> bool:
    """Whether a word's box is as wide as its characters need (at least half an em each, for
    letters and marks a fifth): tesseract now and then gives a word a box a sliver wide,
    leaving a false gap beside it.

    >>> plausible_box(Word("範疇", 347, 0, 349, 11, 0.9), 11)
    False
    """
    han = sum(1 for c in word.text if not c.isascii() and c.isalnum())
    other = len(word.text) - han
    return word.right - word.left >= (0.5 * han + 0.2 * other) * height


NOISE_LINE_CONFIDENCE = 0.5
NOISE_LINE_CHARS = 3
"""A line this short and this doubtful is what OCR made of a graphic (a QR code, a photo's
texture), not text on the page."""


def drop_noise_lines(lines: Sequence[Line]) -> list[Line]:
    """Lines less the ones OCR read from graphics: very short and low-confidence."""
    return [
        line
        for line in lines
        if len("".join(line.text.split())) > NOISE_LINE_CHARS
        or (line.confidence or 0) >= NOISE_LINE_CONFIDENCE
    ]


def drop_overlapped(lines: Sequence[Line]) -> list[Line]:
    """Lines less any that lies mostly inside a more confident line's box."""
    kept = []
    for line in lines:
        inside = any(
            other is not line
            and (other.confidence or 0) > (line.confidence or 0)
            and _share_inside(line.bbox, other.bbox) >= OVERLAP
            for other in lines
        )
        if not inside:
            kept.append(line)
    return kept


def _share_inside(box: BBox | None, outer: BBox | None) -> float:
    if box is None or outer is None:
        return 0.0
    w = max(0.0, min(box[2], outer[2]) - max(box[0], outer[0]))
    h = max(0.0, min(box[3], outer[3]) - max(box[1], outer[1]))
    area = (box[2] - box[0]) * (box[3] - box[1])
    return w * h / area if area > 0 else 0.0


def number_rows(lines: Iterable[Line]) -> tuple[Line, ...]:
    """Lines in top-to-bottom order, each with its position as row."""
    ordered = sorted(lines, key=lambda line: (line.bbox or (0, 0, 0, 0))[1])
    return tuple(replace(line, row=row) for row, line in enumerate(ordered))


def densest_band(image: Image.Image, share: float = DETECT_BAND) -> Image.Image:
    """The horizontal band of the page with the most ink: where body text is."""
    ink = (np.asarray(image.reduce(4)) < 128).sum(axis=1).astype(np.float64)
    window = max(1, int(len(ink) * share))
    sums = np.convolve(ink, np.ones(window), mode="valid")
    start = int(np.argmax(sums)) * 4
    return image.crop((0, start, image.width, min(image.height, start + window * 4)))


def _specific_advantage(data: dict[str, Any], specific: Any) -> float:
    """Mean confidence of words with script-specific characters minus that of the others
    (0 when either kind is missing)."""
    peculiar: list[float] = []
    shared: list[float] = []
    for conf, text in zip(data["conf"], data["text"], strict=True):
        if text.strip() and float(conf) >= 0:
            (peculiar if any(specific(c) for c in text) else shared).append(float(conf))
    if not peculiar or not shared:
        return 0.0
    return statistics.fmean(peculiar) - statistics.fmean(shared)


SURE_SIMPLIFIED = 80.0
MIN_PECULIAR_WORDS = 10
"""chi_sim writes simplified characters whatever the page shows, but it is sure of them only
where the page shows them: its mean confidence on words with characters peculiar to
simplified script was 84-90 on the corpus's simplified scans and 92 on the real journal
page, 72-73 on the traditional ones and 12 on a 1939 traditional newspaper. At or above this
(over at least MIN_PECULIAR_WORDS such words) the page is simplified, and no band is read
with chi_tra."""


def sure_of_simplified(data: dict[str, Any]) -> bool:
    """Whether chi_sim's reading of a page shows it simplified beyond doubt (see
    SURE_SIMPLIFIED)."""
    peculiar = [
        float(conf)
        for conf, text in zip(data["conf"], data["text"], strict=True)
        if text.strip() and float(conf) >= 0 and any(is_simplified_only(c) for c in text)
    ]
    return len(peculiar) >= MIN_PECULIAR_WORDS and statistics.fmean(peculiar) >= SURE_SIMPLIFIED


def script_margin(simplified: dict[str, Any], traditional: dict[str, Any]) -> float:
    """How much surer chi_tra is of its script's peculiar characters than chi_sim is of its
    own: positive leans traditional."""
    return _specific_advantage(traditional, is_traditional_only) - _specific_advantage(
        simplified, is_simplified_only
    )


HEAD_RATIO = 1.3
"""A line this much larger than its page's body text is a head, read a second time alone."""

HEAD_MIN_CHARS = 4
HEAD_HEIGHTS_PX = (32, 44)
"""Heads are read again scaled down to each of these glyph heights (pixels), near the body
size tesseract was trained on; which one reads a given head best varies, so both are read
and the surest reading is kept."""


def head_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines of a page set much larger than its body text (titles, mastheads)."""
    weights: dict[float, int] = {}
    for line in lines:
        if line.size:
            weights[round(line.size)] = weights.get(round(line.size), 0) + len(line.text)
    if not weights:
        return []
    body = max(weights, key=weights.__getitem__)
    return [
        line
        for line in lines
        if line.bbox
        and (line.size or 0) >= HEAD_RATIO * body
        and len("".join(line.text.split())) >= HEAD_MIN_CHARS
    ]


@dataclass(frozen=True)
class HeadSheet:
    """Head lines cut from a page, each scaled to HEAD_HEIGHTS_PX in turn, stacked on one
    small image."""

    image: Image.Image
    spans: tuple[tuple[int, int, int], ...]
    """Rows on the sheet of each cut, and the index of its head."""

    @classmethod
    def of(
        cls, image: Image.Image, heads: Sequence[tuple[int, int, int, int]], paper: int
    ) -> HeadSheet:
        """The sheet of the heads at the given boxes (pixels, trimmed to their ink)."""
        crops = []
        for n, (x0, top, x1, bottom) in enumerate(heads):
            height = bottom - top
            # A glyph's width of margin, for a character at the edge of the ink.
            crop = image.crop(
                (
                    max(0, int(x0 - height)),
                    max(0, int(top - 0.35 * height)),
                    min(image.width, int(x1 + height)),
                    min(image.height, int(bottom + 0.35 * height)),
                )
            )
            for target in HEAD_HEIGHTS_PX:
                scale = min(1.0, target / max(height, 1))
                size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
                crops.append((crop.resize(size, Image.Resampling.LANCZOS), n))
        gap = max(HEAD_HEIGHTS_PX)
        width = max(crop.width for crop, _ in crops) + 2 * gap
        height = sum(crop.height for crop, _ in crops) + gap * (len(crops) + 1)
        sheet = Image.new("L", (width, height), paper)
        spans = []
        y = gap
        for crop, n in crops:
            sheet.paste(crop, (gap, y))
            spans.append((y, y + crop.height, n))
            y += crop.height + gap
        return cls(sheet, tuple(spans))

    def readings(self, data: dict[str, Any]) -> dict[int, list[tuple[str, float]]]:
        """Each head's readings (text, confidence), by the head's index."""
        words: dict[int, list[Word]] = {}
        for i, text in enumerate(data["text"]):
            if not text.strip() or float(data["conf"][i]) < 0:
                continue
            middle = data["top"][i] + data["height"][i] / 2
            for cut, (top, bottom, _) in enumerate(self.spans):
                if top <= middle < bottom:
                    words.setdefault(cut, []).append(tesseract_word(data, i))
        result: dict[int, list[tuple[str, float]]] = {}
        for cut, found in words.items():
            text = join_words(sorted(found, key=lambda w: w.left), typical_height(found))
            confidence = statistics.fmean(w.confidence for w in found)
            result.setdefault(self.spans[cut][2], []).append((text, confidence))
        return result


def better_reading(line: Line, reading: tuple[str, float]) -> Line:
    """The line with another reading's text where that reading is surer and no shorter (a
    reading that lost characters is no better, however sure)."""
    text, confidence = reading
    kept = len("".join(text.split())) >= len("".join(line.text.split()))
    if kept and confidence > (line.confidence or 0):
        return replace(line, text=text, confidence=round(confidence, 4))
    return line


@dataclass(frozen=True)
class PageRead:
    """One tesseract run on a page: word data in page pixels, the boxes of the page's
    heads (pixels) and their second readings by box index."""

    data: dict[str, Any]
    heads: tuple[tuple[int, int, int, int], ...]
    readings: dict[int, list[tuple[str, float]]]


def take_readings(lines: tuple[Line, ...], read: PageRead, dpi: float) -> tuple[Line, ...]:
    """Lines whose heads take a second reading where it is surer (`better_reading`): a
    head line takes the readings of the head box it lies in."""
    if not read.readings:
        return lines
    scale = 72 / dpi
    boxes = [(b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale) for b in read.heads]
    heads = {id(line) for line in head_lines(lines)}
    result = []
    for line in lines:
        n = head_box_of(line, boxes) if id(line) in heads else None
        for reading in read.readings.get(n, ()) if n is not None else ():
            line = better_reading(line, reading)
        result.append(line)
    return tuple(result)


def head_box_of(line: Line, boxes: Sequence[BBox]) -> int | None:
    """The index of the head box a line lies in: the box holds the line's middle, covers
    most of its width and reaches little beyond it (a row across two columns is no head)."""
    if line.bbox is None:
        return None
    x0, top, x1, bottom = line.bbox
    middle, height, width = (top + bottom) / 2, bottom - top, x1 - x0
    for n, (b0, b_top, b1, b_bottom) in enumerate(boxes):
        overlap = min(x1, b1) - max(x0, b0)
        if b_top <= middle <= b_bottom and overlap >= 0.5 * width and b1 - b0 <= width + 4 * height:
            return n
    return None


COMPOSITE_COLUMNS = 3
"""Pages with this many columns side by side are read as a composite with widened gutters
(see `regions`). Tesseract finds two columns by itself, and reads two-column pages of the
corpus a little better whole (simplified body CER 2.4 % whole, 2.9 % as composites); three
narrow columns it merges (traditional 16.4 % whole, 4.5 % as a composite)."""


class TesseractRecognizer:
    """Tesseract 5 through pytesseract, words grouped into lines."""

    name = "tesseract"

    def __init__(self, timeout: float = 120.0) -> None:
        self.timeout = timeout

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        layout = text_regions(page.image, page.dpi)
        return self.page_lines(self._page_read(page, TESSERACT_LANGS[script], source, layout), page)

    def page_lines(self, read: PageRead, page: PageImage) -> tuple[Line, ...]:
        """Lines of a page read, its heads taking their second readings where surer."""
        return take_readings(self.lines(read.data, page), read, page.dpi)

    def _page_read(self, page: PageImage, lang: str, source: str, layout: PageRegions) -> PageRead:
        """Tesseract's word data for a whole page in page pixels, and second readings of
        its heads, from one tesseract run. A page with three columns side by side is read as
        a composite with widened gutters (see `regions`), so no line crosses a gutter. The
        page's heads (rows of large type) are cut out, scaled to body size and read as a
        second image of the same run: large bold glyphs read in the page come out wrong
        (`食堂` as `食泽`) that read alone, at the size tesseract was trained on, come out
        right. (Set below the page in one image, they changed how the page itself was read.)
        layout is the page's `text_regions`."""
        wide = layout.columns_across >= COMPOSITE_COLUMNS
        composite = compose(page.image, layout) if wide else None
        images = [composite.image if composite else page.image]
        sheet = HeadSheet.of(page.image, layout.heads, layout.paper) if layout.heads else None
        if sheet is not None:
            images.append(sheet.image)
        found = self._data_many(images, lang, page.number, source, page.dpi)
        data = words_on_page(found[0], composite) if composite else found[0]
        readings = sheet.readings(found[1]) if sheet else {}
        return PageRead(data, layout.heads, readings)

    def recognize_detecting(
        self, page: PageImage, *, source: str, second_opinion: Any = None
    ) -> tuple[str, tuple[Line, ...]]:
        """The page's script and its lines, reading the page once with chi_sim (what a
        simplified page needs anyway). Where chi_sim is sure of the characters peculiar to
        simplified script, the page is simplified; else a band of it is read with chi_tra
        too and the script margin decides, and a traditional page is read again with
        chi_tra. Where the margin leans traditional only narrowly, second_opinion
        (RapidOCR's, where installed) decides."""
        layout = text_regions(page.image, page.dpi)
        simplified = self._page_read(page, "chi_sim", source, layout)
        if sure_of_simplified(simplified.data):
            return "simplified", self.page_lines(simplified, page)
        band = densest_band(page.image)
        traditional = self._data(band, "chi_tra", page.number, source, page.dpi)
        margin = script_margin(simplified.data, traditional)
        script = "traditional" if margin >= TRADITIONAL_MARGIN else "simplified"
        if script == "traditional" and margin < DOUBTFUL_MARGIN and second_opinion is not None:
            script = second_opinion(page)
        if script == "traditional":
            traditional_read = self._page_read(page, "chi_tra", source, layout)
            return script, self.page_lines(traditional_read, page)
        return script, self.page_lines(simplified, page)

    def lines(self, data: dict[str, Any], page: PageImage) -> tuple[Line, ...]:
        """Lines from tesseract's word data for one page. Lines read from one column of a
        composite (see `words_on_page`) cannot cross a gutter and are kept as they are;
        others are split where they do."""
        groups: dict[tuple[int, int, int], list[Word]] = {}
        columnar = data.get("columnar") or [False] * len(data["text"])
        fixed: set[tuple[int, int, int]] = set()
        for i, text in enumerate(data["text"]):
            if not text.strip() or float(data["conf"][i]) < 0:
                continue
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            if columnar[i]:
                fixed.add(key)
            groups.setdefault(key, []).append(tesseract_word(data, i))
        loose = [
            segment
            for key, words in groups.items()
            if key not in fixed
            for segment in split_at_gutters(drop_gutter_noise(words))
        ]
        segments = [
            sorted(words, key=lambda w: w.left) for key, words in groups.items() if key in fixed
        ]
        segments = join_touching(segments + split_merged_lines(loose, NOISE_CONFIDENCE))
        lines = [
            line_from_words(part, page, "ocr-tesseract")
            for part in map(drop_leading_closers, segments)
            if part
        ]
        return number_rows(drop_noise_lines(drop_overlapped(lines)))

    def detect_script(self, page: PageImage, *, source: str) -> str:
        """Read the page's densest band with both models. A model that reads its own script
        is as sure of the characters peculiar to that script as of the shared ones; a model
        reading the other script is least sure exactly there. Traditional when chi_tra's
        advantage on its peculiar characters beats chi_sim's by TRADITIONAL_MARGIN."""
        band = densest_band(page.image)
        simplified = self._data(band, "chi_sim", page.number, source, page.dpi)
        traditional = self._data(band, "chi_tra", page.number, source, page.dpi)
        margin = script_margin(simplified, traditional)
        return "traditional" if margin >= TRADITIONAL_MARGIN else "simplified"

    def _data_many(
        self, images: Sequence[Image.Image], lang: str, number: int, source: str, dpi: float
    ) -> list[dict[str, Any]]:
        """Tesseract's word data for several images from one run (one start, one model
        load: a small second image costs nothing beside a page, 0.27 s on its own), each
        image laid out by tesseract on its own. Images go to tesseract as uncompressed TIFFs
        carrying their resolution (`save_for_tesseract`)."""
        pytesseract = require_tesseract(lang)
        try:
            with tempfile.TemporaryDirectory(prefix="bulletin-ingest-") as folder:
                paths = [Path(folder) / f"image{n}.tif" for n in range(len(images))]
                for image, path in zip(images, paths, strict=True):
                    save_for_tesseract(image, path, dpi)
                target = paths[0]
                if len(paths) > 1:  # tesseract reads a text file as a list of images
                    target = Path(folder) / "images.txt"
                    target.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
                data = pytesseract.image_to_data(
                    str(target),
                    lang=lang,
                    output_type=pytesseract.Output.DICT,
                    timeout=self.timeout,
                )
        except RuntimeError as e:
            raise OcrError(source, number, f"tesseract failed or timed out: {e}") from e
        except pytesseract.TesseractError as e:
            raise OcrError(source, number, f"tesseract failed: {e.message}") from e
        if len(images) == 1:
            return [data]
        return [
            {
                key: [v for v, p in zip(values, data["page_num"], strict=True) if p == n + 1]
                for key, values in data.items()
            }
            for n in range(len(images))
        ]

    def _data(
        self, image: Image.Image, lang: str, number: int, source: str, dpi: float = 300
    ) -> dict[str, Any]:
        """Tesseract's word data for one image."""
        return self._data_many([image], lang, number, source, dpi)[0]


def words_on_page(data: dict[str, Any], composite: Composite) -> dict[str, Any]:
    """Tesseract's word data read from a composite, moved back to page pixels; each region's
    blocks numbered apart, so no line joins words of two regions, and each word marked
    columnar when its region is one column of a multi-column band."""
    keys = ("text", "conf", "left", "top", "width", "height", "block_num", "par_num", "line_num")
    moved: dict[str, list[Any]] = {key: [] for key in (*keys, "columnar")}
    for i in range(len(data["text"])):
        n = composite.region_at(
            data["left"][i] + data["width"][i] / 2, data["top"][i] + data["height"][i] / 2
        )
        if n is None:
            continue
        for key in keys:
            moved[key].append(data[key][i])
        moved["left"][-1] -= composite.placements[n].shift
        moved["block_num"][-1] += 1000 * (n + 1)
        moved["columnar"].append(composite.columnar[n])
    return moved


def save_for_tesseract(image: Image.Image, path: Path, dpi: float) -> None:
    """An image written as tesseract reads it fastest: an uncompressed TIFF carrying its
    resolution, one bit a pixel where it is black and white only. (pytesseract would write
    a PNG, and compressing a noisy 300 DPI page costs about a second, as long as tesseract
    takes to read it.)"""
    as_read = image.convert("1") if is_bilevel(image) else image
    # "raw" said outright: Pillow would reuse a source TIFF's group4 setting.
    as_read.save(path, format="TIFF", compression="raw", dpi=(round(dpi), round(dpi)))


def is_bilevel(image: Image.Image) -> bool:
    """Whether a greyscale image holds only black and white (a bilevel scan): tesseract
    reads it a fifth faster handed over as one bit a pixel."""
    if image.mode != "L":
        return image.mode == "1"
    histogram = image.histogram()
    return sum(histogram[1:255]) == 0


@cache
def installed_languages() -> frozenset[str]:
    import pytesseract

    try:
        return frozenset(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as e:
        raise MissingDependencyError(f"tesseract is not installed: {INSTALL_TESSERACT}") from e


def require_tesseract(lang: str) -> Any:
    """pytesseract, once tesseract and the language pack are known to be installed."""
    import pytesseract

    if lang not in installed_languages():
        raise MissingDependencyError(
            f"tesseract language pack {lang} is not installed: apt-get install "
            f"{APT_PACKAGES.get(lang, 'tesseract-ocr-' + lang)}"
        )
    return pytesseract


RAPID_BOX_TO_GLYPH = 0.8
"""RapidOCR's line boxes are padded: the glyphs fill about this share of their height."""


class RapidOCRRecognizer:
    """PP-OCR through rapidocr_onnxruntime (pip install bulletin-ingest[rapidocr]). Its one
    Chinese model reads both scripts; cleanup unifies the script afterwards.

    Its text-direction classifier is left out: pages reach it upright (EXIF orientation
    applied, skew found), and on the corpus the classifier took sound lines for upside
    down (a line of a notice, at 0.9995), turned them, and their reading was then dropped
    as garbage: one article of a scan and one of a photo each lost a line that way."""

    name = "rapidocr"

    def __init__(self) -> None:
        self.engine = rapidocr_engine()

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        # RapidOCR scales every page down to its max_side_len before reading; scaled first,
        # the page is straightened at a third of the cost.
        page = page.reduced(self.engine.max_side_len)
        try:
            result, _ = self.engine(
                np.asarray(page.image.convert("RGB")), use_cls=False, return_word_box=True
            )
        except Exception as e:  # onnxruntime raises many kinds
            raise OcrError(source, page.number, f"rapidocr failed: {e}") from e
        items = [item for item in result or () if str(item[1]).strip()]
        with_words = [(item, _rapid_words(item)) for item in items]
        lines = [self._line(item, _item_box(item), page) for item, words in with_words if not words]
        groups = [words for _, words in with_words if words]
        lines += [
            line_from_words(part, page, "ocr-rapidocr", spaced=True)
            for part in split_merged_lines(groups, RAPID_MARK_CONFIDENCE)
        ]
        return number_rows(drop_noise_lines([line for line in lines if line.text.strip()]))

    def detect_script(self, page: PageImage, *, source: str) -> str:
        return self.script_opinion(page, source=source) or "simplified"

    def script_opinion(self, page: PageImage, *, source: str) -> str | None:
        """The script of the page's densest band as RapidOCR's text shows it, or None when
        the text shows too little to tell (`decisive_script`)."""
        band = PageImage(page.number, densest_band(page.image), page.dpi)
        text = "".join(line.text for line in self.recognize(band, "simplified", source=source))
        return decisive_script(text)

    @staticmethod
    def _line(item: Sequence[Any], box: BBox, page: PageImage) -> Line:
        text, confidence = str(item[1]), float(item[2])
        scale = 72 / page.dpi
        height = (box[3] - box[1]) * RAPID_BOX_TO_GLYPH
        size = round(glyph_size(text, box[2] - box[0], height) * scale, 2)
        bbox = (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)
        return Line(text, page.number, 0, bbox, size, round(confidence, 4), "ocr-rapidocr")


def _item_box(item: Sequence[Any]) -> BBox:
    xs = [p[0] for p in item[0]]
    ys = [p[1] for p in item[0]]
    return (min(xs), min(ys), max(xs), max(ys))


def neighbour_gutters(box: BBox, others: Sequence[BBox]) -> list[float]:
    """Where a line crosses a column gap that the lines around it leave open: x positions
    inside the line (in its pixels) that no neighbouring line of its height covers and that
    have such lines on both sides. A line across which a taller one (a title) stands is no
    neighbour: it belongs to another section, whose columns may differ."""
    height = box[3] - box[1]
    width = box[2] - box[0]
    middle = (box[1] + box[3]) / 2
    tall = [o for o in others if (o[3] - o[1]) > 1.3 * height]
    near = [
        b
        for b in others
        if abs((b[1] + b[3]) / 2 - middle) <= 3 * height
        and abs((b[3] - b[1]) - height) <= 0.2 * height
        and b[2] - b[0] < 0.8 * width
        and b[2] > box[0]
        and b[0] < box[2]
        and not any(_between(t, b, box) for t in tall)
    ]
    if len(near) < 2:
        return []
    start, end = int(box[0] + height), int(box[2] - height)
    return [x for x in _open_runs(start, end, near, 0.5 * height) if _has_text_both_sides(x, near)]


def _between(tall: BBox, a: BBox, b: BBox) -> bool:
    """Whether tall stands vertically between a and b, across both."""
    centre = (tall[1] + tall[3]) / 2
    low, high = sorted(((a[1] + a[3]) / 2, (b[1] + b[3]) / 2))
    return low < centre < high and tall[0] < max(a[2], b[2]) and tall[2] > min(a[0], b[0])


def _open_runs(start: int, end: int, boxes: Sequence[BBox], min_width: float) -> list[float]:
    """Middles of the runs in [start, end), at least min_width wide, that no box covers."""
    covered = [False] * max(0, end - start)
    for b in boxes:
        for x in range(max(start, int(b[0])), min(end, int(b[2]))):
            covered[x - start] = True
    middles, run = [], None
    for i, taken in enumerate([*covered, True]):
        if not taken and run is None:
            run = i
        elif taken and run is not None:
            if i - run >= min_width:
                middles.append(start + (run + i) / 2)
            run = None
    return middles


def _has_text_both_sides(x: float, boxes: Sequence[BBox]) -> bool:
    return any(b[2] < x for b in boxes) and any(b[0] > x for b in boxes)


def split_merged_lines(groups: Sequence[Sequence[Word]], doubtful: float) -> list[list[Word]]:
    """Recognised lines, each split where it crosses a column gap that the lines around it
    leave open (OCR engines read along a baseline across a narrow gutter). Marks below the
    doubtful confidence at a cut are the gutter's noise and are dropped."""
    boxes = [_words_box(words) for words in groups]
    result: list[list[Word]] = []
    for words, box in zip(groups, boxes, strict=True):
        cuts = neighbour_gutters(box, [b for b in boxes if b is not box])
        result.extend(split_words_at(words, cuts, doubtful) if cuts else [list(words)])
    return result


def _words_box(words: Sequence[Word]) -> BBox:
    height = typical_height(words)
    bottom = statistics.median(w.bottom for w in words)
    return (min(w.left for w in words), bottom - height, max(w.right for w in words), bottom)


def split_words_at(
    words: Sequence[Word], cuts: Sequence[float], doubtful: float
) -> list[list[Word]]:
    """Words split at the cut positions; a doubtful mark next to a cut (the gutter's noise)
    is dropped."""
    parts: list[list[Word]] = [[]]
    remaining = sorted(cuts)
    for word in sorted(words, key=lambda w: w.left):
        while remaining and (word.left + word.right) / 2 > remaining[0]:
            remaining.pop(0)
            parts.append([])
        parts[-1].append(word)
    cleaned = []
    for part in parts:
        while len(part) > 1 and _doubtful_mark(part[0], doubtful):
            part = part[1:]
        while len(part) > 1 and _doubtful_mark(part[-1], doubtful):
            part = part[:-1]
        if part:
            cleaned.append(part)
    return cleaned


def _doubtful_mark(word: Word, doubtful: float) -> bool:
    return not any(c.isalnum() for c in word.text) and word.confidence < doubtful


RAPID_MARK_CONFIDENCE = 0.9
"""RapidOCR is over 0.99 sure of nearly every real character; a mark it is less sure of,
at the edge of a column, is what it read into the gutter."""


def _rapid_words(item: Sequence[Any]) -> list[Word]:
    """Per-character boxes and confidences, where RapidOCR gave them (return_word_box); a
    character that its line's text has a space before carries that space."""
    if len(item) < 6 or not item[3] or len(item[3]) != len(item[4]):
        return []
    text = str(item[1])
    chars = [str(c) for c in item[4]]
    if "".join(text.split()) != "".join(chars):
        return []
    spaced, position = [], 0
    for char in chars:
        start = text.index(char, position)
        spaced.append((" " if text[position:start].isspace() and start > position else "") + char)
        position = start + len(char)
    words = []
    for box, char, confidence in zip(item[3], spaced, item[5], strict=True):
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        pad = (max(ys) - min(ys)) * (1 - RAPID_BOX_TO_GLYPH) / 2  # boxes are the padded line's
        words.append(
            Word(str(char), min(xs), min(ys) + pad, max(xs), max(ys) - pad, float(confidence))
        )
    return words


@cache
def rapidocr_engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as e:
        raise MissingDependencyError(
            "the rapidocr engine is not installed: pip install 'bulletin-ingest[rapidocr]'"
        ) from e
    return RapidOCR()


def rapidocr_available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class RecordedRecognizer:
    """Replays the lines a real engine read from each page (see `record`), so that tests of
    layout and structure run in milliseconds on genuine OCR output."""

    def __init__(self, path: Path) -> None:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        self.name = f"recorded-{data['engine']}"
        self.script = data["script"]
        self.pages = {int(k): v for k, v in data["pages"].items()}

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        return self.lines(page.number)

    def detect_script(self, page: PageImage, *, source: str) -> str:
        return self.script

    def lines(self, number: int) -> tuple[Line, ...]:
        recorded = self.pages.get(number, {}).get("lines", ())
        return number_rows(
            Line(
                text=item["text"],
                page=number,
                row=0,
                bbox=tuple(item["bbox"]),
                size=item["size"],
                confidence=item["confidence"],
                origin=item["origin"],
            )
            for item in recorded
        )

    def document(self, name: str, kind: str = "pdf-scanned") -> Document:
        """The recorded pages as a `Document`, without any image."""
        pages = tuple(
            Page(number, self.lines(number), data["width"], data["height"], f"ocr-{self.name}")
            for number, data in sorted(self.pages.items())
        )
        digest = hashlib.sha256(json.dumps(self.pages).encode()).hexdigest()
        return Document(name, digest, kind, pages)


def record(pages: Sequence[Page], engine: str, script: str) -> str:
    """The JSON that `RecordedRecognizer` replays."""
    data = {
        str(page.number): {
            "width": round(page.width or 0, 2),
            "height": round(page.height or 0, 2),
            "lines": [
                {
                    "text": line.text,
                    "bbox": [round(v, 2) for v in line.bbox or (0, 0, 0, 0)],
                    "size": line.size,
                    "confidence": line.confidence,
                    "origin": line.origin,
                }
                for line in page.lines
            ],
        }
        for page in pages
    }
    return (
        json.dumps(
            {"engine": engine, "script": script, "pages": data}, ensure_ascii=False, indent=0
        )
        + "\n"
    )


def make_recognizer(engine: str, timeout: float) -> Recognizer:
    """The recognizer an engine name stands for."""
    if engine == "rapidocr":
        return RapidOCRRecognizer()
    return TesseractRecognizer(timeout)


def engine_for(script: str, config_engine: str) -> str:
    """The engine that reads a script best, as measured end to end on the corpus
    (docs/benchmarks.md): RapidOCR for simplified pages where it is installed (body CER
    0.5 % against tesseract's 2.4 %), tesseract for traditional ones (4.3 % against
    RapidOCR's 7.1 %: its one model drops characters it does not know, such as 議)."""
    if config_engine != "auto":
        return config_engine
    if script == "simplified" and rapidocr_available():
        return "rapidocr"
    return "tesseract"


class PageReader:
    """Reads the page images of one document: decides its script once (from the first page
    with text, unless configured) and the engine for that script, then reads every page.
    A recognizer given explicitly (a recording, a user's own engine) reads every page."""

    def __init__(
        self,
        *,
        engine: str,
        script: str,
        timeout: float,
        min_confidence: float,
        source: str,
        recognizer: Recognizer | None = None,
    ) -> None:
        self.engine = engine
        self.given = recognizer
        self.script = None if script == "auto" else script
        self.timeout = timeout
        self.min_confidence = min_confidence
        self.source = source
        self._recognizers: dict[str, Recognizer] = {}

    def recognizer(self, engine: str) -> Recognizer:
        if engine not in self._recognizers:
            self._recognizers[engine] = make_recognizer(engine, self.timeout)
        return self._recognizers[engine]

    def _second_opinion(self, page: PageImage) -> str:
        """RapidOCR's word on a page tesseract leans traditional on narrowly; where its text
        shows too little, the lean stands."""
        rapid = self.recognizer("rapidocr")
        assert isinstance(rapid, RapidOCRRecognizer)
        return rapid.script_opinion(page, source=self.source) or "traditional"

    def read(self, page: PageImage) -> Page:
        lines: tuple[Line, ...] | None = None
        first_engine = engine_for("simplified", self.engine)
        if self.script is None and self.given is None and first_engine == "tesseract":
            tesseract = self.recognizer("tesseract")
            assert isinstance(tesseract, TesseractRecognizer)
            second = self._second_opinion if rapidocr_available() else None
            self.script, lines = tesseract.recognize_detecting(
                page, source=self.source, second_opinion=second
            )
        elif self.script is None and self.given is None and first_engine == "rapidocr":
            # One model reads both scripts, and its text shows which the page is in.
            lines = self.recognizer("rapidocr").recognize(page, "simplified", source=self.source)
            self.script = detect_script("".join(line.text for line in lines)) or "simplified"
            if engine_for(self.script, self.engine) != "rapidocr":
                lines = None  # read again by the engine that reads this script best
        elif self.script is None:
            assert self.given is not None  # engine_for names tesseract or rapidocr, both above
            self.script = self.given.detect_script(page, source=self.source)
        engine = engine_for(self.script, self.engine)
        recognizer = self.given or self.recognizer(engine)
        engine = recognizer.name
        if lines is None:
            lines = recognizer.recognize(page, self.script, source=self.source)
        width, height = page.size_points
        return Page(
            number=page.number,
            lines=lines,
            width=width,
            height=height,
            origin=f"ocr-{engine}",
            warnings=confidence_warnings(page.number, lines, self.min_confidence),
        )


def confidence_warnings(number: int, lines: Sequence[Line], floor: float) -> tuple[str, ...]:
    """A warning when a page's mean OCR confidence (weighted by characters) is below floor;
    also when OCR found no text at all."""
    if not lines:
        return (f"page {number}: OCR found no text",)
    weights = [(line.confidence or 0.0, len(line.text)) for line in lines]
    mean = sum(c * n for c, n in weights) / max(sum(n for _, n in weights), 1)
    if mean < floor:
        return (f"page {number}: OCR confidence {mean:.2f} below {floor:.2f}",)
    return ()


def page_reader(
    config: IngestConfig, source: str, recognizer: Recognizer | None = None
) -> PageReader:
    """The page reader a config asks for."""
    return PageReader(
        engine=config.engine,
        script=config.script,
        timeout=config.ocr_timeout,
        min_confidence=config.min_confidence,
        source=source,
        recognizer=recognizer,
    )
