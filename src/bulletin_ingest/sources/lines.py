"""Lines from an engine's words, whatever the engine: words joined into text with the
spaces a page prints, glyph size, and the repairs engines need (pieces of one baseline
joined, gutter noise and overlapped duplicates dropped). Where a line runs across a column
gutter is layout's to find: a line carries its words for it.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

import cv2
import numpy as np

from ..chars import CLOSERS, DASHES, FLAT_HAN, HANGING_MARKS, OPENING_MARKS, count_han, em_count
from ..model import BBox, Line, mean_confidence, union_bbox
from ..model import Word as LineWord
from .images import PageImage
from .regions import (
    INK_SHARE,
    PHRASE_SPACE,
    SPECK,
    blank_columns,
    blank_runs,
    ink_of,
    inked_rows,
    rule_ink,
    runs,
)

T = TypeVar("T")


class _Texted(Protocol):
    """A word as an engine read it or as a line carries it: what it says."""

    @property
    def text(self) -> str: ...


TextT = TypeVar("TextT", bound=_Texted)

PHRASE_GAP = 1.0
"""A gap between two Han words at least this share of the glyph height is a printed space
(a kicker's phrase space). Tesseract's word boxes are loose: gaps of 0.6 occur inside
phrases, so only a gap of a whole character counts."""

LATIN_GAP = 0.15
"""A gap between two Latin or digit words at least this share of the line's height is a
word space."""

OVERLAP = 0.6
"""A line lying this much inside another, more confident line's box is a second reading of
the same ink (tesseract reads strokes of large glyphs as characters), not text."""


@dataclass(frozen=True)
class Word:
    """A recognised word (or character) in pixels, with confidence 0-1."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    confidence: float


def join_words(words: Sequence[Word], height: float) -> str:
    """A line's text from its words: a space only where a printed space shows as a gap.

    >>> w = lambda t, a, b: Word(t, a, 0, b, 40, 0.9)
    >>> join_words([w("聚焦", 0, 80), w("民生", 100, 180), w("服务", 225, 305)], 40)
    '聚焦民生 服务'
    >>> join_words([w("Jason", 0, 100), w("Wong", 110, 190), w("说", 195, 235)], 40)
    'Jason Wong说'
    >>> join_words([w("(Mr.", 0, 80), w("Chan", 90, 170)], 40)
    '(Mr. Chan'
    """
    return "".join(spaced_texts(words, height))


def spaced_texts(words: Sequence[Word], height: float) -> list[str]:
    """Each word's text, with a space before it where a printed space shows as a gap."""
    texts = []
    for i, word in enumerate(words):
        space = ""
        if i:
            gap = word.left - words[i - 1].right
            latin = _latin_end(words[i - 1].text) and _latin_edge(word.text[0])
            space = " " if gap >= (LATIN_GAP if latin else PHRASE_GAP) * height else ""
        texts.append(space + word.text)
    return texts


def _latin_edge(char: str) -> bool:
    return char.isascii() and char.isalnum()


LATIN_STOPS = ".,;:!?)"
"""ASCII marks that end a Latin word and are followed by a word space (`Mr. Chan`)."""


def _latin_end(text: str) -> bool:
    """Whether text ends a Latin or digit word, with or without marks after it.

    >>> _latin_end("(Mr."), _latin_end("Wong"), _latin_end("先生."), _latin_end("说")
    (True, True, False, False)
    """
    return _latin_edge(text.rstrip(LATIN_STOPS)[-1:])


def typical_height(words: Sequence[Word]) -> float:
    """The glyph height of a line: the median of its shorter two thirds of word boxes, since
    tesseract now and then gives a character a box two lines tall.

    >>> w = lambda h: Word("字", 0, 0, 10, h, 0.9)
    >>> typical_height([w(48), w(47), w(111), w(49), w(110)])
    48.5
    """
    return shorter_median(w.bottom - w.top for w in words)


def shorter_median(heights: Iterable[float]) -> float:
    """The median of the shorter two thirds of some boxes' heights: an engine now and then
    gives a character a box two lines tall.

    >>> shorter_median([48, 47, 111, 49, 110])
    48.5
    """
    return statistics.median(shorter_two_thirds(sorted(heights)))


def shorter_two_thirds(ordered: list[T]) -> list[T]:
    """The shorter two thirds of some boxes (or their heights), given shortest first: those
    of typical height, where an engine now and then gives one a box two lines tall."""
    return ordered[: max(1, len(ordered) * 2 // 3 + 1)]


def stands_full_height(text: str) -> bool:
    """Whether a word holds a Han character whose ink stands the line's height: a mark's
    (`，` `。`), a flat stroke's (`FLAT_HAN`) and a digit's stand less, so a short line of
    them (`高。下一步，`) would measure small, and be taken for a caption.

    >>> stands_full_height("下"), stands_full_height("一"), stands_full_height("，2")
    (True, False, False)
    """
    return any(count_han(c) and c not in FLAT_HAN for c in text)


def full_height(words: Sequence[TextT]) -> Sequence[TextT]:
    """The words that stand a line's height (`stands_full_height`), or all where none does:
    the words a line's or a piece's top and bottom are measured on."""
    return [word for word in words if stands_full_height(word.text)] or words


def typical_span(spans: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """Where a line stands, top and bottom, from its words' tops and bottoms: the bottom is
    the median bottom of its words of typical height (the shorter two thirds, as
    `shorter_median`), the height their median height. An engine now and then gives a
    character a box reaching into the next line; where half a line's words have such boxes,
    the median bottom of them all lies in that line.

    >>> typical_span([(0, 45), (0, 69), (0, 45), (0, 69), (0, 45), (0, 69)])
    (0, 45)
    """
    typical = shorter_two_thirds(sorted(spans, key=lambda span: span[1] - span[0]))
    bottom = statistics.median(end for _, end in typical)
    return bottom - statistics.median(end - start for start, end in typical), bottom


MIN_EMS_FOR_WIDTH = 6.0
"""Lines at least this many ems long take their glyph size from their advance (width per
em), which OCR measures far more steadily than box heights."""

SKIPPED_RATIO = 1.4
"""An advance over this many times the ink height leaves room for characters the engine
did not read."""

EM_PER_INK = 1.2
"""A glyph's size (its advance) per height of its ink box, as measured on the corpus's
lines: CJK ink fills most of the em, and the engines' boxes are tight."""


LAST_INK_SHORT = 0.3
"""The last glyph's ink stops short of its advance by about this share of an em: a line's
width spans its ems less that."""

MARK_BLANK_SHORT = 0.6
"""A closing or opening mark's ink fills the side of its cell next to the text it closes or
opens, and leaves about this share of its em blank."""


def glyph_size(text: str, width: float, height: float, em_per_height: float = 1.0) -> float:
    """A line's glyph size in the units of width and height: width per em where the line is
    long enough, else the em its typical height holds (em_per_height: 1 where an engine's
    boxes span the em, as RapidOCR's glyph boxes do; `EM_PER_INK` where they are trimmed to
    the ink, as tesseract's are, so that a title's short last line is of the title's size),
    but never more than its width per em (n glyphs set solid are no larger than that; a
    short line's box may run taller than its ink).

    An advance far above the height means the engine skipped characters it saw (the line's
    ink is wider than its text), so the size is taken from the height instead. The ink
    of a line that opens with an opening mark starts inside that mark's cell, as a closing
    mark's ends inside its own (`MARK_BLANK_SHORT`), on a line of any length: a quotation
    set alone on a line is in the body's glyphs, not a caption's smaller ones, and a line
    measures the same with the comma it ends on as without.

    >>> round(glyph_size("第十届社区文化节在中心广场开幕", 298, 24), 1)
    20.3
    >>> glyph_size("开幕了", 60, 19), round(glyph_size("开幕了", 70, 16, EM_PER_INK), 1)
    (19.0, 19.2)
    >>> round(glyph_size("人开展“清洁家园、守护河", 240, 11), 1)
    13.2
    >>> round(glyph_size("表演", 22, 17), 1), glyph_size("好。", 16.8, 11)
    (12.9, 11.0)
    >>> round(glyph_size("“中央厨房+社区配送”", 98.7, 9.4), 1)
    10.6
    >>> glyph_size("携带身份证和户口簿，", 122.2, 13), glyph_size("携带身份证和户口簿", 113.1, 13)
    (13.0, 13.0)
    """
    ems = em_count(text)
    opening = MARK_BLANK_SHORT if text.lstrip()[:1] in OPENING_MARKS else 0.0
    blank = MARK_BLANK_SHORT if text.rstrip()[-1:] in HANGING_MARKS else LAST_INK_SHORT
    if ems >= MIN_EMS_FOR_WIDTH:
        advance = width / (ems - blank - opening)
        return advance if advance <= SKIPPED_RATIO * height else EM_PER_INK * height
    if ems >= 1 and ems - blank - opening > 0:
        return min(em_per_height * height, width / (ems - blank - opening))
    return em_per_height * height


def line_from_words(
    words: Sequence[Word],
    page: PageImage,
    origin: str,
    *,
    doubt: float,
    spaced: bool = False,
) -> Line:
    """One `Line` in points from the words of one text line in pixels, in the order the
    engine read them: an engine reads a line's glyphs in sequence and boxes them after, and
    a box it draws wrong (a glyph boxed a few pixels wide inside its neighbour's) must not
    move the glyph in the text. Its top and bottom are its typical word's, so an outsized
    box does not make it overlap its neighbours, of the words that stand the line's height
    where it has any (`stands_full_height`).
    spaced: the words carry the engine's own spaces, so they are joined as they are; else
    spaces come from the gaps between them. Its size takes the em its words' box heights
    hold from its origin (`em_per_height`). The line carries its words, each doubtful below
    the engine's confidence doubt, and its box as the engine gives it: read along a
    baseline, it may run across a column gutter, which layout finds."""
    scale = 72 / page.dpi
    top, bottom = typical_span((w.top, w.bottom) for w in full_height(words))
    left = min(w.left for w in words)
    right = max(w.right for w in words)
    if origin in INK_BOXED and taller_than_advance(words, bottom - top):
        top, bottom = ink_rows(page.grey, (left, top, right, bottom))
    height = bottom - top
    bbox: BBox = (left * scale, top * scale, right * scale, bottom * scale)
    em = height * em_per_height(origin)
    words = dash_read_as_strokes(words, em, page.grey)
    texts = [w.text for w in words] if spaced else spaced_texts(words, height)
    text = "".join(texts).strip()
    pieces = tuple(
        LineWord(
            piece,
            (w.left * scale, w.top * scale, w.right * scale, w.bottom * scale),
            confidence=w.confidence,
            doubtful=w.confidence < doubt,
        )
        for w, piece in zip(words, texts, strict=True)
    )
    return Line(
        text=text,
        page=page.number,
        row=0,
        bbox=bbox,
        size=round(glyph_size(text, right - left, height, em_per_height(origin)) * scale, 2),
        confidence=round(statistics.fmean(w.confidence for w in words), 4),
        origin=origin,
        words=pieces,
    )


DASH_EMS = 1.25
"""A stroke read as one `一` or hyphen wider than this many ems, its ink unbroken, is the
Chinese dash `——`, one rule drawn across two cells: the numeral and the hyphen fill less
than their one, and two numerals read as one leave paper between their strokes."""

STROKE_EMS = 0.5
"""A box less tall than this many ems holds a stroke alone (a dash, `一`, a hyphen); a taller
one holds more ink than the stroke read from it."""

STROKES = frozenset(FLAT_HAN + "－" + DASHES)
"""What the engine reads a stroke alone as: the flat numeral, the full-width hyphen or a dash."""


def dash_read_as_strokes(words: Sequence[Word], em: float, grey: np.ndarray) -> list[Word]:
    """The words, with the Chinese dash where the engine read its rule as strokes: as one
    (`一`, a hyphen) or as one a cell (`-一`). A run of strokes that together reach wider
    than DASH_EMS ems (em: the line's em in the words' pixels) over one unbroken rule of ink
    (`one_rule`; grey: the page's grey levels) is the dash."""
    found: list[Word] = []
    start = 0
    while start < len(words):
        end = start
        while end < len(words) and is_strokes(words[end].text):
            end += 1
        dash = next((n for n in range(end, start, -1) if draws_dash(words[start:n], em, grey)), 0)
        if dash:
            found.append(dash_over(words[start:dash]))
            start = dash
        else:
            found.append(words[start])
            start += 1
    return found


def is_strokes(text: str) -> bool:
    """Whether a word reads as strokes alone (`STROKES`).

    >>> is_strokes("-一"), is_strokes("一"), is_strokes("一起"), is_strokes(" ")
    (True, True, False, False)
    """
    return bool(text.strip()) and all(glyph in STROKES for glyph in text.strip())


def draws_dash(run: Sequence[Word], em: float, grey: np.ndarray) -> bool:
    """Whether a run of stroke words draws the Chinese dash (see `dash_read_as_strokes`)."""
    left, right = min(w.left for w in run), max(w.right for w in run)
    if right - left <= DASH_EMS * em:
        return False
    middle = (min(w.top for w in run) + max(w.bottom for w in run)) / 2
    band = (
        max(0, round(left)),
        max(0, round(middle - em / 2)),
        round(right),
        round(middle + em / 2),
    )
    return ink_length(grey, band) > DASH_EMS * em and one_rule(grey, band, em)


def taller_than_advance(words: Sequence[Word], height: float) -> bool:
    """Whether a line's words, boxed to their ink, stand taller than the width they take a
    glyph: a CJK glyph's ink is no taller than its advance, so such boxes run past the ink.

    >>> tall, tight = Word("文明", 0, 10, 150, 106, 0.9), Word("文明", 0, 10, 100, 55, 0.9)
    >>> taller_than_advance([tall], 96), taller_than_advance([tight], 45)
    (True, False)
    """
    ems = em_count("".join(w.text for w in words))
    return height > (max(w.right for w in words) - min(w.left for w in words)) / max(1.0, ems)


def ink_length(grey: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """How far (pixels) the ink of a box of the page reaches across it, specks aside
    (`blank_runs`): an engine's box may hold paper past the ink it read."""
    left, top, right, bottom = box
    start, end = ink_reach(grey[top:bottom, left:right])
    return end - start


def ink_rows(grey: np.ndarray, box: tuple[float, float, float, float]) -> tuple[float, float]:
    """The top and bottom (pixels) of the ink in a line's box of the page, specks aside, or
    the box's own where it holds none: an engine's word boxes may run a glyph's height past
    a line's ink, and a line measured on them seems set in larger type, its phrase spaces
    narrower than they are.

    >>> grey = np.full((40, 30), 255, dtype=np.uint8)
    >>> grey[12:24, 2:28] = 0
    >>> grey[3, 5], grey[33, 9] = 0, 0
    >>> ink_rows(grey, (0, 0, 30, 40))
    (12, 24)
    """
    left, top, right, bottom = (round(v) for v in box)
    start, end = ink_reach(grey[max(0, top) : bottom, max(0, left) : right].T)
    return (max(0, top) + start, max(0, top) + end) if end > start else (box[1], box[3])


def ink_reach(patch: np.ndarray) -> tuple[int, int]:
    """Where the ink of a stretch of the page starts and ends along its width (columns),
    specks aside (`blank_runs`); (0, 0) where it holds none."""
    if patch.size == 0:
        return 0, 0
    blanks = blank_runs(patch)
    start = blanks[0][1] if blanks and blanks[0][0] == 0 else 0
    end = blanks[-1][0] if blanks and blanks[-1][1] == patch.shape[1] else patch.shape[1]
    return (start, end) if end > start else (0, 0)


def dash_over(run: Sequence[Word]) -> Word:
    """The Chinese dash read over a run of words: their box, their mean confidence."""
    return Word(
        "——",
        min(w.left for w in run),
        min(w.top for w in run),
        max(w.right for w in run),
        max(w.bottom for w in run),
        statistics.fmean(w.confidence for w in run),
    )


def one_rule(
    grey: np.ndarray,
    box: tuple[int, int, int, int],
    em: float,
    breaks: float = 0.0,
    ink_in: Callable[[np.ndarray], np.ndarray] = ink_of,
) -> bool:
    """Whether the ink of a box of the page (pixels, a line's band; ink_in finds it) is
    one rule: less tall than STROKE_EMS, with no blank paper across it between its ends
    wider than breaks (pixels). Its height is that of the rows with more ink than a speck
    (`SPECK`): a scan's specks about a rule are no part of it."""
    left, top, right, bottom = box
    patch = grey[top:bottom, left:right]
    if patch.size == 0:
        return False
    ink = ink_in(patch)
    rows = np.flatnonzero(inked_rows(ink))
    tall = rows[-1] - rows[0] + 1 if rows.size else 0
    across = [
        run
        for run in runs(~rule_columns(ink))
        if run[0] > 0 and run[1] < patch.shape[1] and run[1] - run[0] > breaks
    ]
    return 0 < tall < STROKE_EMS * em and not across


DASH_REACH = 3.0
"""A Chinese dash the engine passed over stands within this many glyphs before the line's
first letter: its two cells, and the space a subtitle may leave after it."""

DASH_HUGS = 0.75
"""The dash ends within this many glyphs of the letter it leads: it opens the phrase."""

DASH_BREAK = 0.25
"""A rule's ink may break for a few pixels where the scan thinned it, or where the face
sets the dash's two cells each with its side bearings; a gap wider than this share of a
glyph parts ink."""

DASH_LONGEST = 2.5
"""A rule longer than this many glyphs is no dash but a drawn line (a border, a divider)."""


def dash_unread_before(line: Line, grey: np.ndarray, dpi: float) -> int | None:
    """Where (page pixels) a Chinese dash starts that the engine passed over before a line's
    first letter, or None: ink before the letter (`DASH_REACH`) that is one rule (`one_rule`,
    `rule_columns`) longer than a stroke (`DASH_EMS`) and no drawn line (`DASH_LONGEST`),
    with blank paper before it, ending at the letter (`DASH_HUGS`). The engine often drops
    the long thin rule a subtitle opens with, and with it the subtitle's cue, or reads one
    of its cells alone as a stroke (`leading_strokes`): strokes it doubts, or that the rule
    reaches past, are the dash's."""
    if line.bbox is None or not line.size:
        return None
    lead = leading_strokes(line)
    if lead == len(line.words) and (line.words or line.text.lstrip()[:1] in STROKES):
        return None
    scale = dpi / 72
    em = line.size * scale
    x0 = round((line.words[lead].bbox[0] if line.words else line.bbox[0]) * scale)
    top, bottom = round(line.bbox[1] * scale), round(line.bbox[3] * scale)
    left = max(0, round(x0 - DASH_REACH * em))
    strip = grey[top:bottom, left:x0]
    inked = runs(rule_columns(rule_ink(strip))) if strip.size else []
    middle = (top + bottom) / 2
    # The run at the letter may be the letter's own ink, spilling past the engine's box.
    for last in (len(inked), len(inked) - 1):
        found = rule_before(inked[:last], em, DASH_BREAK * em)
        if found is None or found[0] == 0 or x0 - (left + found[1]) > DASH_HUGS * em:
            continue
        start, end = left + found[0], left + found[1]
        band = (start, max(0, round(middle - em / 2)), end, round(middle + em / 2))
        if not one_rule(grey, band, em, DASH_BREAK * em, rule_ink):
            continue
        strokes = line.words[:lead]
        if strokes and not (
            any(word.doubtful for word in strokes)
            or start < strokes[0].bbox[0] * scale - DASH_BREAK * em
        ):
            return None
        return start
    return None


BULLET_SPAN = (0.25, 0.95)
"""A list's bullet spans this share of its line's glyphs, across and down: more than a stop,
at most a glyph's ink."""

BULLET_SPACE = 0.3
"""A bullet stands apart from its item's first letter by a space of this share of a glyph
or more; a glyph the engine passed over stands solid with the next."""

BULLET_FILL = 0.6
"""A bullet is a filled disc or square, whose ink fills this share of its box or more (a
disc about 0.79); a glyph's strokes, however bold, leave paper between them."""

SQUARE_FILL = 0.9
"""A bullet whose ink fills this share of its box is a square; a disc leaves its corners."""

BULLET_REACH = 3.0
"""A bullet stands within this many glyphs before its item's first letter: itself and the
space after it."""

BULLET_CLEAR = 1.0
"""A bullet opens its line: paper stands before it for this many glyphs or more (a margin
or a gutter); a glyph of a line has its neighbours closer."""

BULLET_CENTRED = 0.25
"""A bullet is centred on its line's glyphs within this share of them."""


def bullet_unread_before(line: Line, grey: np.ndarray, dpi: float) -> tuple[int, int, str] | None:
    """The bullet (its start and end in page pixels, and `●` or `■`) that the page shows
    before a line's first letter and the engine did not read as one, or None: the first
    ink within BULLET_REACH before the letter, alone on its row with paper before it
    (`BULLET_CLEAR`) and a space after it (`BULLET_SPACE`): a filled disc or square
    (`BULLET_FILL`, `SQUARE_FILL`) of a bullet's size (`BULLET_SPAN`), centred on the line
    (`BULLET_CENTRED`).
    RapidOCR drops a list's bullets; tesseract reads them as `@`. Words read over the
    bullet are its misreading."""
    if line.bbox is None or not line.size or line.text.lstrip()[:1] in "●■":
        return None
    first = next((w for w in line.words if count_han(w.text) or w.text[:1].isdigit()), None)
    if first is None:
        return None
    scale = dpi / 72
    em = line.size * scale
    x0 = round(first.bbox[0] * scale)
    middle = (line.bbox[1] + line.bbox[3]) / 2 * scale
    top, bottom = max(0, round(middle - em)), round(middle + em)
    left = max(0, round(x0 - (BULLET_REACH + BULLET_CLEAR) * em))
    strip = grey[top:bottom, left:x0]
    if strip.size == 0 or strip.min() >= INK_SHARE * strip.max():
        return None  # blank paper before the letter, as before most lines
    _, _, stats, _ = cv2.connectedComponentsWithStats(
        ink_of(strip).astype(np.uint8), connectivity=8
    )
    pieces = stats[1:][stats[1:, cv2.CC_STAT_AREA] >= SPECK * SPECK]
    if len(pieces) != 1:
        return None
    x, y, wide, tall, area = (int(v) for v in pieces[0])
    if x < BULLET_CLEAR * em or x0 - (left + x) > BULLET_REACH * em:
        return None
    low, high = BULLET_SPAN[0] * em, BULLET_SPAN[1] * em
    fill = area / (wide * tall)
    centred = abs(top + y + tall / 2 - middle) <= BULLET_CENTRED * em
    if not (low <= wide <= high and low <= tall <= high) or fill < BULLET_FILL:
        return None
    if not centred or x0 - (left + x + wide) < BULLET_SPACE * em:
        return None
    return left + x, left + x + wide, "■" if fill >= SQUARE_FILL else "●"


def with_bullet(line: Line, bullet: tuple[int, int, str], dpi: float) -> Line:
    """The line led by a bullet (`bullet_unread_before`: its start and end in page pixels,
    and its glyph) and a space, in place of the words read over it."""
    assert line.bbox is not None
    start, end, glyph = bullet
    scale = 72 / dpi
    words = tuple(w for w in line.words if (w.bbox[0] + w.bbox[2]) / 2 > end * scale)
    if words:  # the space after the bullet goes with the next word, as a printed space does
        words = (replace(words[0], text=" " + words[0].text.lstrip()), *words[1:])
    text = "".join(w.text for w in words).lstrip()
    x0, top, x1, bottom = line.bbox
    mark = LineWord(glyph, (start * scale, top, end * scale, bottom), line.size, line.confidence)
    return replace(
        line,
        text=f"{glyph} {text}",
        bbox=(min(x0, start * scale), top, x1, bottom),
        words=(mark, *words),
    )


def with_bullet_read(line: Line, page: PageImage) -> Line:
    """The line, led by the bullet the page shows before it where the reading passed over
    it or misread it (`bullet_unread_before`)."""
    bullet = bullet_unread_before(line, page.grey, page.dpi)
    return line if bullet is None else with_bullet(line, bullet, page.dpi)


def leading_strokes(line: Line) -> int:
    """How many of a line's first words read as strokes alone (`is_strokes`)."""
    return next(
        (n for n, word in enumerate(line.words) if not is_strokes(word.text)), len(line.words)
    )


def rule_before(
    inked: Sequence[tuple[int, int]], em: float, breaks: float
) -> tuple[int, int] | None:
    """The last of the inked runs with those before it no more than breaks apart, joined,
    where they reach longer than a stroke (`DASH_EMS`) and no longer than a dash
    (`DASH_LONGEST`); else None."""
    if not inked:
        return None
    start, end = inked[-1]
    for before, after in reversed(inked[:-1]):
        if start - after > breaks:
            break
        start = before
    return (start, end) if DASH_EMS * em < end - start <= DASH_LONGEST * em else None


def rule_columns(ink: np.ndarray) -> np.ndarray:
    """Which columns of a stretch of the mask hold ink that runs along a row for SPECK
    pixels or more: a rule's, however thin (small type at 200 DPI draws the Chinese dash a
    pixel tall), and a glyph's strokes, but no lone speck of a scan.

    >>> ink = np.zeros((3, 8), dtype=bool)
    >>> ink[1, 1:5] = True; ink[0, 6] = ink[2, 6] = True
    >>> rule_columns(ink).astype(int).tolist()
    [0, 1, 1, 1, 1, 0, 0, 0]
    """
    along = np.ones_like(ink[:, SPECK - 1 :])
    for shift in range(SPECK):
        along &= ink[:, shift : ink.shape[1] - SPECK + 1 + shift]
    covered = np.zeros_like(ink)
    for shift in range(SPECK):
        covered[:, shift : ink.shape[1] - SPECK + 1 + shift] |= along
    return np.asarray(covered.any(axis=0))


def with_dash(line: Line, start: int, dpi: float) -> Line:
    """The line led by the Chinese dash whose rule starts at start (page pixels), in place
    of the strokes read from it (`leading_strokes`)."""
    assert line.bbox is not None
    x0, top, x1, bottom = line.bbox
    lead = leading_strokes(line)
    words = line.words[lead:]
    text = "".join(w.text for w in words).lstrip() if lead else line.text
    left = start * 72 / dpi
    right = words[0].bbox[0] if words else x0
    word = LineWord("——", (left, top, right, bottom), line.size, line.confidence)
    return replace(line, text="——" + text, bbox=(left, top, x1, bottom), words=(word, *words))


MIN_BLANK = 0.5
"""Stretches of blank paper narrower than this share of a line's height are the blanks
between its glyphs, not worth carrying."""


def with_blanks(line: Line, page: np.ndarray, dpi: float) -> Line:
    """The line with the stretches where blank paper runs right across its band between its
    first word and its last (page: the page image's grey levels at dpi; `blank_columns`),
    as `Line.blanks`: an engine's boxes run past its glyphs' ink, and it may read a speck in
    a gutter as a mark."""
    if line.bbox is None:
        return line
    scale = dpi / 72
    x0, top, x1, bottom = (max(0, round(v * scale)) for v in line.bbox)
    x1 = min(x1, page.shape[1])
    least = MIN_BLANK * (bottom - top)
    blanks = tuple(
        (round(start / scale, 2), round(end / scale, 2))
        for start, end in blank_columns(page, (x0, top, x1, bottom))
        if end - start >= least and x0 < start and end < x1
    )
    return replace(line, blanks=blanks, paper_seen=True)


def size_over_glyphs(line: Line) -> Line:
    """The line with its glyph size measured without the blank paper at the spaces its
    engine read (`Line.blanks` at a word that opens with a space): a justified line
    stretches its spaces, and one letter-spaced where a long word would not break spreads
    its glyphs too, so a line set apart so seems set in larger type than it is. (Only an
    engine that reads spaces itself says where they are: tesseract's words are pieces of
    Chinese text as much as words, and the spaces between them are gaps.)

    >>> w = lambda t, a, b: LineWord(t, (a, 0, b, 10))
    >>> words = (w("Alizadeh", 0, 40), w(" M", 48, 53), w(" 等", 62, 72), w("人", 80, 90))
    >>> line = Line("Alizadeh M 等人", 1, 0, (0, 0, 90, 10), 13.53, words=words,
    ...             blanks=((40, 48), (53, 62), (72, 80)))
    >>> size_over_glyphs(line).size
    10.98
    """
    spaces = [blank for blank in line.blanks if at_word_space(line, blank)]
    if not spaces:
        return line
    blank = sum(end - start for start, end in spaces)
    return replace(line, size=round(size_beside(line, blank), 2))


def at_word_space(line: Line, blank: tuple[float, float]) -> bool:
    """Whether a stretch of blank paper across a line lies at a space its engine read
    between two words, not inside a word (between glyphs set solid, where a narrow glyph or
    a mark's cell leaves paper blank): the word that opens with the space starts inside the
    stretch or no further past it than the stretch is wide (its box is a cell, which may
    start before its ink or after)."""
    start, end = blank
    return any(
        word.text[:1].isspace() and start <= word.bbox[0] and word.bbox[0] - end <= end - start
        for word in line.words
    )


def blanks_wider_than_spaces(line: Line) -> list[tuple[float, float]]:
    """The stretches of blank paper across a line (`Line.blanks`) wider than the widest
    space a line of type prints (`PHRASE_SPACE` glyphs of the type beside it), past the
    cells of the marks read inside them (`blank_past_marks`), with words on both sides:
    where the page shows such a stretch, the line runs across a gutter, whatever an engine
    made of the specks in it. The type beside a stretch is measured without it
    (`size_beside`).

    >>> text = "社区开展消防安全演练" * 2
    >>> words = (LineWord(text[:10], (0, 0, 97, 10)), LineWord(text[10:], (113, 0, 213, 10)))
    >>> line = Line(text, 1, 0, (0, 0, 213, 10), 10.81, words=words, blanks=((97, 113),))
    >>> blanks_wider_than_spaces(line), round(size_beside(line, 16), 2)
    ([(97, 113)], 10.0)
    """
    if not line.size:
        return []
    middles = [(w.bbox[0] + w.bbox[2]) / 2 for w in line.words]
    return [
        (start, end)
        for start, end in line.blanks
        if blank_past_marks(line, (start, end)) > PHRASE_SPACE * size_beside(line, end - start)
        and min(middles, default=end) < (start + end) / 2 < max(middles, default=start)
    ]


def blank_past_marks(line: Line, blank: tuple[float, float]) -> float:
    """How wide a stretch of blank paper across a line is past the cells of the marks the
    engine read inside it (`MARK_BLANK_SHORT`, `marks_at_space`), where its boxes are a
    glyph's cell, not its ink (RapidOCR's, not `INK_BOXED`): a comma's ink may be too small
    for the page's ink test at a coarse scan, and with its cell and the blank half of the
    quote after it (`日，“悦`) leave a stretch as wide as a gutter. An engine that boxes
    the ink it reads has read a speck where its box lies on blank paper.

    >>> w = lambda t, a, b: LineWord(t, (a, 0, b, 10))
    >>> words = (w("日", 0, 10), w("，", 11, 20), w("“悦", 22, 40))
    >>> line = Line("日，“悦", 1, 0, (0, 0, 40, 10), 10, words=words)
    >>> blank_past_marks(line, (10, 27)), blank_past_marks(line, (21, 27))
    (11.0, 6.0)
    """
    start, end = blank
    if line.origin in INK_BOXED:
        return end - start
    size = line.size or 0.0
    inside = [w.text for w in line.words if start <= (w.bbox[0] + w.bbox[2]) / 2 <= end]
    before = "".join(text for text in inside if text.strip()[:1] not in OPENING_MARKS)
    after = "".join(text for text in inside if text.strip()[:1] in OPENING_MARKS)
    return end - start - MARK_BLANK_SHORT * size * marks_at_space(before, after)


def marks_at_space(before: str, after: str) -> int:
    """How many marks stand at a space between two pieces of a line: a closing one ending
    the first, an opening one starting the second. A mark's ink fills the side of its cell
    next to its text, so the blank beside it is wider by the rest of the cell.

    >>> marks_at_space("志愿者代表张凤岐", "“悦读青浦”暑期阅"), marks_at_space("开业。", "《上海》")
    (1, 2)
    """
    closing = before.rstrip()[-1:] in HANGING_MARKS
    opening = after.lstrip()[:1] in OPENING_MARKS
    return int(bool(before.strip()) and closing) + int(bool(after.strip()) and opening)


def size_beside(line: Line, blank: float) -> float:
    """A line's glyph size without a stretch of blank paper blank wide across it: a line
    read across a gutter spreads its characters over the gutter too, and so seems set in
    larger type than it is."""
    if line.bbox is None or not line.size:
        return line.size or 0.0
    left, top, right, bottom = line.bbox
    width = right - left - blank
    return min(line.size, glyph_size(line.text, width, bottom - top, em_per_height(line.origin)))


def is_read(line: Line) -> bool:
    """Whether OCR read the line off an image (its boxes trimmed to the ink it found)."""
    return line.origin.startswith("ocr")


def line_of_words(line: Line, words: Sequence[LineWord], *, apart: bool = False) -> Line:
    """The piece of a line that holds these of its words: its size is that its words are set
    in, where a text layer states it, else as OCR measures a line (`glyph_size`, over its
    words' boxes, as a whole line's is). A read piece stands level with its line, or where
    its own words do (`read_span`) when it stood apart from the rest (a wide gap: another
    column, perhaps another baseline), and ends where its ink does (`within_ink`)."""
    if tuple(words) == line.words:
        return line
    text = "".join(word.text for word in words).strip()
    bbox = union_bbox(word.bbox for word in words)
    assert bbox is not None
    if is_read(line) and line.bbox is not None:
        top, bottom = read_span(words) if apart else (line.bbox[1], line.bbox[3])
        bbox = (bbox[0], top, bbox[2], bottom)
    sizes = [word.size for word in words if word.size]
    if sizes:
        size = statistics.median(sizes)
    else:
        size = glyph_size(text, bbox[2] - bbox[0], bbox[3] - bbox[1], em_per_height(line.origin))
    if is_read(line):
        left, right = within_ink(bbox[0], bbox[2], line.blanks)
        bbox = (left, bbox[1], right, bbox[3])
    confidence = mean_confidence(word.confidence for word in words)
    return replace(
        line,
        text=text,
        bbox=bbox,
        size=round(size, 2),
        confidence=line.confidence if confidence is None else confidence,
        words=tuple(words),
    )


def within_ink(
    left: float, right: float, blanks: Sequence[tuple[float, float]]
) -> tuple[float, float]:
    """A read piece's span from left to right, less blank paper at either end of it
    (blanks: the line's, `Line.blanks`): an engine's box may run past its glyph's ink into a
    gutter, and the piece ends where the ink does.

    >>> within_ink(31, 298.3, [(110.9, 115.7), (288.7, 306.0)])
    (31, 288.7)
    """
    for start, end in blanks:
        if start < right <= end and start > left:
            right = start
        if start <= left < end and end < right:
            left = end
    return left, right


def words_between(words: Sequence[LineWord], cuts: Sequence[float]) -> list[list[LineWord]]:
    """A line's words parted at these x positions (ascending), each by its middle, in their
    order: one list for each stretch between cuts, empty where no word stands.

    >>> w = lambda t, a, b: LineWord(t, (a, 0, b, 10))
    >>> parts = words_between([w("社区", 0, 20), w("活动", 40, 60)], [30, 70])
    >>> [[x.text for x in part] for part in parts]
    [['社区'], ['活动'], []]
    """
    parts: list[list[LineWord]] = [[] for _ in range(len(cuts) + 1)]
    for word in words:
        middle = (word.bbox[0] + word.bbox[2]) / 2
        parts[sum(middle > cut for cut in cuts)].append(word)
    return parts


def read_span(words: Sequence[LineWord]) -> tuple[float, float]:
    """Where words an engine read stand, top and bottom, as a source makes a line of them
    (`typical_span` of those that stand its height, `full_height`).

    >>> w = lambda top, bottom: LineWord("字", (0, top, 10, bottom))
    >>> read_span([w(0, 10), w(1, 11), w(-9, 11)])
    (1, 11)
    >>> comma = LineWord("，", (0, 8, 3, 11))
    >>> read_span([w(0, 10), w(1, 11), comma, comma])
    (0.5, 10.5)
    """
    return typical_span((word.bbox[1], word.bbox[3]) for word in full_height(words))


def read_down(words: Sequence[Word]) -> bool:
    """Whether an engine read these words down the page, each under the one before at one
    left edge: a line of vertical text on a page set across (a slogan, a label).

    >>> read_down([Word("共", 10, 0, 40, 30, 1), Word("建", 11, 34, 40, 62, 1)])
    True
    >>> read_down([Word("共", 10, 0, 40, 30, 1), Word("建", 40, 0, 70, 30, 1)])
    False
    """
    return len(words) >= 2 and all(
        below.top >= above.bottom - STACKED * (above.bottom - above.top)
        and min(above.right, below.right) - max(above.left, below.left)
        >= STACKED * (above.right - above.left)
        for above, below in itertools.pairwise(words)
    )


STACKED = 0.5
"""Glyphs read down the page overlap across by at least this share of a glyph's width,
and down by at most this share of its height."""


def glyph_lines(words: Sequence[Word], page: PageImage, origin: str, *, doubt: float) -> list[Line]:
    """A line read down the page as one line per glyph, each standing where it is printed,
    as a text layer gives vertical text: layout finds the stack and reads it top to bottom."""
    return [line_from_words([word], page, origin, doubt=doubt, spaced=True) for word in words]


COLUMN_READ = "ocr-tesseract-column"
"""The origin of a line tesseract read from one column of a page, read alone (a composite,
see `regions`): it crosses no gutter."""

SLANTED = "ocr-rapidocr-slanted"
"""The origin of a line an engine read at a slant on a page straightened: no line of the
page's print, which stands level, but a watermark's or a seal's ring of text
(`is_noise_line` sets it aside)."""

INK_BOXED = ("ocr-tesseract", COLUMN_READ)
"""The origins of lines whose engine trims its boxes to the ink (tesseract's): their heights
hold `EM_PER_INK` of an em."""


def sees_paper(line: Line) -> bool:
    """Whether the line's blanks were measured on the page (`with_blanks`; tesseract's
    lines always): then where none lies, the page holds ink, whatever gap its engine's
    boxes leave."""
    return line.origin in INK_BOXED or line.paper_seen


def em_per_height(origin: str) -> float:
    """The em the box height of a line of this origin holds (`glyph_size`): more than the
    height where its engine trims its boxes to the ink (`INK_BOXED`)."""
    return EM_PER_INK if origin in INK_BOXED else 1.0


NOISE_CONFIDENCE = 0.6
"""Below this confidence a word of tesseract's is doubtful: a lone mark so read, standing
apart from its neighbours, is what it read into a gutter, not punctuation (which hugs the
character before it)."""


TOUCHING_GAP = 0.25
"""Two pieces of one baseline closer than this share of their glyph height are one line
that the engine cut in two (a title read as `夏阳街道` and `三个小区…`), however unsure the
engine is of them; a mark stuck to a line's end in a gutter can leave half a glyph."""


CLOSING_AS_READ = HANGING_MARKS + ",.;:?!)"
"""Closing marks as an engine reads them: full-width, or in their ASCII forms."""

CLOSERS_AS_READ = CLOSERS + ")"
"""The closing quotes and brackets as an engine reads them: a pause or stop may follow
one (`）、`, `”，`), set against it as against a letter."""


def ends_on_closer(text: str) -> bool:
    """Whether text ends on a closing quote or bracket as an engine reads them
    (`CLOSERS_AS_READ`), whitespace aside.

    >>> [ends_on_closer(text) for text in ("科普)", "“绿脉” ", "科普、", "")]
    [True, True, False, False]
    """
    last = text.rstrip()[-1:]
    return bool(last) and last in CLOSERS_AS_READ


MARK_BEARINGS = 0.5
"""A closing mark's ink starts within this share of a glyph after the letter before it: the
letter's right side bearing and the mark's left one."""


def join_touching(segments: Sequence[Sequence[Word]]) -> list[list[Word]]:
    """Segments joined where the engine cut one line in two: same glyph height and
    baseline, side by side with less than TOUCHING_GAP between (a gutter is four times that),
    or, where the engine read both sides surely (`read_surely`), no more than two glyphs'
    side bearings apart (MARK_BEARINGS): a narrow glyph (`日`, a digit) has wide ones, and a
    gutter is wider still. Pieces it could not read join only where they touch: they may be
    specks, or a large glyph read stroke by stroke.

    >>> w = lambda t, a, b: Word(t, a, 0, b, 40, 0.9)
    >>> [[x.text for x in s] for s in join_touching([[w("三个", 90, 170)], [w("夏阳", 0, 80)]])]
    [['夏阳', '三个']]
    """
    joined: list[list[Word]] = []
    boxes: list[BBox] = []  # each group's box and letters, kept as the group grows
    letters_of: list[list[Word]] = []
    for segment in sorted((list(s) for s in segments if s), key=lambda s: s[0].left):
        box = _words_box(segment)
        first = _letters(segment)
        if not first:
            joined.append(segment)  # a lone mark bridges nothing: it may be gutter noise
            boxes.append(box)
            letters_of.append(first)
            continue
        for n, group in enumerate(joined):
            last = boxes[n]
            height = max(last[3] - last[1], box[3] - box[1])
            if (
                abs((last[3] - last[1]) - (box[3] - box[1])) > 0.2 * height
                or abs(last[3] - box[3]) > 0.25 * height
            ):
                continue
            letters = letters_of[n]
            # Between the last letter and the next, so a stray mark in a gutter bridges
            # nothing; a mark that hugs the letter before it fills its cell.
            gap = MARK_BEARINGS if read_surely(letters) and read_surely(first) else TOUCHING_GAP
            reach = gap * height + (height if hugged_mark(group, letters, height) else 0)
            if letters and (
                -0.2 * height <= first[0].left - letters[-1].right <= reach
                or opens_on_mark(segment, first, letters[-1], height)
                or marks_meet(group, segment, height)
            ):
                group.extend(segment)
                boxes[n] = _words_box(group)
                letters_of[n] = _letters(group)
                break
        else:
            joined.append(segment)
            boxes.append(box)
            letters_of.append(first)
    return joined


def read_surely(letters: Sequence[Word]) -> bool:
    """Whether the engine read letters surely on the whole (mean confidence at least
    NOISE_CONFIDENCE): glyphs it could not read may be specks, or pieces of one glyph."""
    return bool(letters) and statistics.fmean(w.confidence for w in letters) >= NOISE_CONFIDENCE


def hugged_mark(words: Sequence[Word], letters: Sequence[Word], height: float) -> bool:
    """Whether words end in a closing mark, full-width or as an engine reads it in ASCII
    (`CLOSING_AS_READ`), set against their last letter (within TOUCHING_GAP of glyph
    height), as punctuation is: its ink fills the side of its cell next to the letter, the
    rest of the cell is blank, and the next letter of the line starts after it. A mark
    standing apart from the letter before it is what an engine read into a gutter.

    >>> w = lambda t, a, b: Word(t, a, 0, b, 40, 0.9)
    >>> hugged_mark([w("冷", 0, 40), w("”", 42, 52)], [w("冷", 0, 40)], 40)
    True
    >>> hugged_mark([w("冷", 0, 40), w(",", 42, 50)], [w("冷", 0, 40)], 40)
    True
    >>> hugged_mark([w("冷", 0, 40), w("”", 70, 80)], [w("冷", 0, 40)], 40)
    False
    """
    if not letters or words[-1] is letters[-1]:
        return False
    last = words[-1]
    return (
        last.text.strip()[-1:] in CLOSING_AS_READ
        and last.left - letters[-1].right <= TOUCHING_GAP * height
    )


OPENING_AS_READ = OPENING_MARKS + "("
"""Opening marks as an engine reads them: full-width, or a parenthesis in ASCII."""


def marks_meet(group: Sequence[Word], segment: Sequence[Word], height: float) -> bool:
    """Whether two pieces of a line meet at a closing mark and an opening one (`，“`): the
    first ends in a closing mark set against its last letter (`hugged_mark`), the second
    opens with an opening mark within MARK_BEARINGS of its first letter, and the blank
    between the two marks' inks is no wider than their cells leave (`MARK_BLANK_SHORT`
    each) and their bearings: two marks set solid leave an em and more of blank paper
    between two letters, and a gutter between columns adds its own width to that.

    >>> w = lambda t, a, b: Word(t, a, 0, b, 40, 0.9)
    >>> before = [w("名单", 0, 80), w("，", 81, 88)]
    >>> marks_meet(before, [w("“", 140, 154), w("安亭", 158, 240)], 40)
    True
    >>> marks_meet(before, [w("“", 190, 204), w("安亭", 208, 290)], 40)
    False
    """
    letters, first = _letters(group), _letters(segment)
    opening = segment[0]
    if not first or opening is first[0] or opening.text.strip()[-1:] not in OPENING_AS_READ:
        return False
    return (
        hugged_mark(group, letters, height)
        and first[0].left - opening.right <= MARK_BEARINGS * height
        and opening.left - group[-1].right <= (2 * MARK_BLANK_SHORT + MARK_BEARINGS) * height
    )


def opens_on_mark(
    words: Sequence[Word], letters: Sequence[Word], before: Word, height: float
) -> bool:
    """Whether words open with a closing mark in the cell right after the letter before
    them, and their first letter in the cell after the mark: a line the engine cut before a
    comma. A closing mark's ink stands in the side of its cell next to the letter it
    follows, within half a cell of it (the two glyphs' side bearings); one standing alone in
    a gutter is a glyph or more from either side.

    >>> w = lambda t, a, b: Word(t, a, 0, b, 40, 0.9)
    >>> opens_on_mark([w(",", 58, 64), w("包", 88, 128)], [w("包", 88, 128)], w("劃", 0, 40), 40)
    True
    >>> opens_on_mark([w(",", 70, 76), w("包", 100, 140)], [w("包", 100, 140)], w("劃", 0, 40), 40)
    False
    """
    if not letters or words[0] is letters[0] or words[0].text.strip()[:1] not in CLOSING_AS_READ:
        return False
    mark = words[0]
    return (
        0 <= mark.left - before.right <= MARK_BEARINGS * height
        and letters[0].left - mark.left <= height
    )


def _letters(words: Sequence[Word]) -> list[Word]:
    return [w for w in words if any(c.isalnum() for c in w.text)]


NOISE_LINE_CONFIDENCE = 0.5
NOISE_LINE_CHARS = 3
"""A line this short and this doubtful is what OCR made of a graphic (a QR code, a photo's
texture), not text on the page."""


SPARSE_EMS = 4.0
"""A letter or character stands in an em or less of its line's height; a few boxed this many
times wider than that are OCR's reading of a graphic's edge or texture, however sure."""


def is_noise_line(line: Line) -> bool:
    """Whether OCR read this line from a graphic: very short, and low-confidence or boxed far
    wider than its letters could stand (`boxed_sparse`), or read at a slant (`SLANTED`)."""
    if line.origin == SLANTED:
        return True
    return len("".join(line.text.split())) <= NOISE_LINE_CHARS and (
        (line.confidence or 0) < NOISE_LINE_CONFIDENCE or boxed_sparse(line)
    )


def boxed_sparse(line: Line) -> bool:
    """Whether the engine boxed each word of a line that holds a letter or character over
    SPARSE_EMS times the width its glyphs take at its height (marks alone, a dash or a
    rule, are flat and wide). Only the engine's word boxes tell: a line read again alone
    carries the box of the whole row.

    >>> eg = LineWord("eg", (0.0, 0.0, 200.0, 7.5))
    >>> boxed_sparse(Line("eg", 1, 1, eg.bbox, words=(eg,)))
    True
    >>> boxed_sparse(Line("督導。", 1, 1, (0.0, 0.0, 500.0, 9.6)))
    False
    """
    lettered = [w for w in line.words if any(c.isalnum() for c in w.text)]
    return bool(lettered) and all(
        w.bbox[2] - w.bbox[0] > SPARSE_EMS * em_count(w.text) * (w.bbox[3] - w.bbox[1])
        for w in lettered
    )


def is_overlapped(line: Line, lines: Sequence[Line]) -> bool:
    """Whether a line lies mostly inside a more confident line's box: a second reading of
    the same ink."""
    return any(
        other is not line
        and (other.confidence or 0) > (line.confidence or 0)
        and _share_inside(line.bbox, other.bbox) >= OVERLAP
        for other in lines
    )


def separate_noise(lines: Sequence[Line]) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """An engine's lines parted into text and what it read from graphics or read twice,
    which the page's warnings list rather than lose."""
    kept: list[Line] = []
    aside: list[Line] = []
    level = [line for line in lines if line.origin != SLANTED]  # a watermark overlies text
    for line in lines:
        noise = is_noise_line(line) or is_overlapped(line, level)
        (aside if noise else kept).append(line)
    return number_rows(kept), tuple(aside)


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


def _words_box(words: Sequence[Word]) -> BBox:
    top, bottom = typical_span((w.top, w.bottom) for w in full_height(words))
    return (min(w.left for w in words), top, max(w.right for w in words), bottom)
