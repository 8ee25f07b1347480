"""Tesseract 5, run in the process (`libtesseract`, or the command through pytesseract where
the library is missing): a page's words built into lines, its heads read a second time at
body size, its script detected, three-column pages read as composites (see `regions`)."""

from __future__ import annotations

import itertools
import os
import shutil
import statistics
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import regex
from PIL import Image

from ..chars import (
    HAN_RE,
    HANGING_MARKS,
    OPENING_MARKS,
    converter,
    count_han,
    em_count,
    is_simplified_only,
    is_traditional_only,
)
from ..errors import MissingDependencyError, OcrError
from ..model import (
    BBox,
    Line,
    commonest_size,
    joined_line,
    size_of_most,
    sure_length,
    union_bbox,
)
from ..model import Word as TextWord
from . import libtesseract
from .images import PageImage
from .libtesseract import OSD_MODEL, PSM_AUTO, PSM_BLOCK
from .lines import (
    COLUMN_READ,
    EM_PER_INK,
    MARK_BLANK_SHORT,
    NOISE_CONFIDENCE,
    OVERLAP,
    Word,
    blanks_wider_than_spaces,
    dash_read_as_strokes,
    dash_unread_before,
    ends_on_closer,
    glyph_size,
    is_noise_line,
    join_touching,
    join_words,
    line_from_words,
    line_of_words,
    number_rows,
    typical_height,
    with_blanks,
    with_bullet_read,
    with_dash,
    words_between,
)
from .marks import marks_by_shape
from .regions import (
    Composite,
    PageRegions,
    blank_columns,
    compose,
    densest_band,
    ink_of,
    inked_runs,
    text_regions,
)
from .solid import without_glyphs_read_in_blanks
from .tape import engine_call

TESSERACT_LANGS = {"simplified": "chi_sim", "traditional": "chi_tra"}
VERTICAL_LANGS = {"simplified": "chi_sim_vert", "traditional": "chi_tra_vert"}
"""Tesseract's models for text set in vertical columns."""

APT_PACKAGES = {
    "chi_sim": "tesseract-ocr-chi-sim",
    "chi_tra": "tesseract-ocr-chi-tra",
    "chi_sim_vert": "tesseract-ocr-chi-sim-vert",
    "chi_tra_vert": "tesseract-ocr-chi-tra-vert",
    "eng": "tesseract-ocr-eng",
}

VERTICAL_PACKAGES = " ".join(APT_PACKAGES[lang] for lang in VERTICAL_LANGS.values())
INSTALL_TESSERACT = "apt-get install tesseract-ocr " + " ".join(APT_PACKAGES.values())


TRADITIONAL_LEAD = 5.0
"""Each tesseract model writes its own script whatever the page shows, and chi_tra reads
simplified print about as confidently overall as chi_sim does, so overall confidence cannot
tell the scripts apart. But a model is sure of the characters peculiar to its script only
where the page shows them: the page is traditional where chi_tra is surer of its peculiar
characters than chi_sim is of its own by this lead (`script_lead`), half-way between the
scripts' pages (figures in `docs/benchmarks.md`)."""

DOUBTFUL_LEAD = 2 * TRADITIONAL_LEAD
"""Below this lead (and at or above TRADITIONAL_LEAD) the detector's word is doubtful, as near
the threshold as the threshold is to no lead at all; there RapidOCR, where installed, gives
the second opinion: its text shows the script plainly."""


def line_key(data: dict[str, Any], i: int) -> tuple[int, int, int]:
    """The line of tesseract's word data that word i lies in: its block, paragraph and
    line numbers. The words of a line come in the order tesseract read them."""
    return data["block_num"][i], data["par_num"][i], data["line_num"][i]


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


SURE_SIMPLIFIED = 80.0
MIN_PECULIAR_WORDS = 10
"""chi_sim writes simplified characters whatever the page shows, but it is sure of them only
where the page shows them: its mean confidence on words with characters peculiar to
simplified script was 84-90 on the corpus's simplified scans and 92 on the real journal
page, 72-73 on the traditional ones and 12 on a 1939 traditional newspaper. At or above this
(over at least MIN_PECULIAR_WORDS such words) the page is simplified, and chi_tra does not
read it."""

SURE_TRADITIONAL = 89.0
"""Likewise chi_tra on the characters peculiar to traditional script: 90.8-91.5 on the
corpus's traditional pages, 72.6-86.8 on its simplified ones and 83.7 on the journal page.
It settles a page only where its heads already lean traditional (see
`heads_lean_traditional`): two signals, each apart on the corpus, must agree."""

HEADS_SIMPLIFIED = 86.0
MIN_HEAD_PECULIAR_WORDS = 5
PRIOR_HEADS = 3
"""chi_sim's mean confidence on peculiar words of a page's first heads (PRIOR_HEADS rows,
read alone at 44 px, a twentieth of a page's reading): 89.7-95.5 on the corpus's simplified
pages (6-12 such words), 67.5-81.5 on its traditional ones. Below HEADS_SIMPLIFIED the page
is read with chi_tra first."""


PRIOR_DPI = 150
"""Where nothing else needs the page straightened at full resolution (under `auto`, before
RapidOCR reads it at its own size), the first heads are found and read on the page at this
resolution: heads stand 40 px and more even so, the page is straightened in a quarter of the
time (0.13 s for all, against 0.3 s), and every page of the corpus leaned the same way
(simplified heads 87-96, traditional 62-77)."""


def peculiar_confidence(data: dict[str, Any], specific: Any) -> tuple[int, float]:
    """How many words of a reading hold a character peculiar to one script (specific), and
    the model's mean confidence on them."""
    found = [
        float(conf)
        for conf, text in zip(data["conf"], data["text"], strict=True)
        if text.strip() and float(conf) >= 0 and any(specific(c) for c in text)
    ]
    return len(found), statistics.fmean(found) if found else 0.0


def sure_of_simplified(data: dict[str, Any]) -> bool:
    """Whether chi_sim's reading of a page shows it simplified beyond doubt (see
    SURE_SIMPLIFIED)."""
    words, mean = peculiar_confidence(data, is_simplified_only)
    return words >= MIN_PECULIAR_WORDS and mean >= SURE_SIMPLIFIED


def sure_of_traditional(data: dict[str, Any]) -> bool:
    """Whether chi_tra's reading of a page whose heads lean traditional shows it
    traditional (see SURE_TRADITIONAL)."""
    words, mean = peculiar_confidence(data, is_traditional_only)
    return words >= MIN_PECULIAR_WORDS and mean >= SURE_TRADITIONAL


def heads_lean_traditional(data: dict[str, Any]) -> bool:
    """Whether chi_sim's reading of a page's heads is unsure of simplified script (see
    HEADS_SIMPLIFIED): then chi_tra reads the page first."""
    words, mean = peculiar_confidence(data, is_simplified_only)
    return words >= MIN_HEAD_PECULIAR_WORDS and mean < HEADS_SIMPLIFIED


def script_lead(simplified: dict[str, Any], traditional: dict[str, Any]) -> float:
    """How much surer chi_tra is of the characters peculiar to its script than chi_sim is
    of its own, reading the same page: positive leans traditional; 0 where either reading
    holds fewer than MIN_PECULIAR_WORDS of them, too few to tell."""
    sure_simplified = peculiar_confidence(simplified, is_simplified_only)
    sure_traditional = peculiar_confidence(traditional, is_traditional_only)
    if min(sure_simplified[0], sure_traditional[0]) < MIN_PECULIAR_WORDS:
        return 0.0
    return sure_traditional[1] - sure_simplified[1]


HEAD_RATIO = 1.3
"""A line this much larger than its page's body text is a head, read a second time alone."""

HEAD_MIN_CHARS = 4
HEAD_HEIGHTS_PX = (32, 44)
"""Heads are read again scaled down to each of these glyph heights (pixels), near the body
size tesseract was trained on; which one reads a given head best varies, so both are read
and the surest reading is kept. Without the 44 px reading, two titles of the corpus came out
with a false space in them (`天水圍 社區清潔日…`), and the masthead `夏阳` as `复阳`."""


def head_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines of a page set much larger than its body text (titles, mastheads)."""
    body = commonest_size(((line.size, len(line.text)) for line in lines), digits=0)
    if body is None:
        return []
    return [
        line
        for line in lines
        if line.bbox
        and (line.size or 0) >= HEAD_RATIO * body
        and len(squeezed(line.text)) >= HEAD_MIN_CHARS
    ]


def readings_as_text(
    found: dict[int, list[list[Word]]],
) -> dict[int, list[tuple[str, float]]]:
    """Readings as words by index (`HeadSheet.word_readings`), as text and mean confidence."""
    return {
        n: [
            (
                join_words(words, typical_height(words)),
                statistics.fmean(w.confidence for w in words),
            )
            for words in readings
        ]
        for n, readings in found.items()
    }


@dataclass(frozen=True)
class HeadSheet:
    """Rows cut from a page (heads, or body rows its reading passed over), each scaled to
    given glyph heights in turn, stacked on one small image. A short head may be set on its
    sheet row after the head row it carries on (`carried_on`): tesseract's page
    segmentation passes over a row of two or three large glyphs alone (`热菜`) at times,
    and reads them at the end of the line they end."""

    image: Image.Image
    spans: tuple[tuple[int, int, int], ...]
    """Rows on the sheet of each cut's box, its margin aside, and the index of its head: what
    the engine reads in a margin alone is the edge of a row above or below."""
    starts: tuple[int, ...]
    """Where on the sheet each cut's own words start, left to right (past the row it
    carries on; 0 for a head alone)."""

    @classmethod
    def of(
        cls,
        image: Image.Image,
        heads: Sequence[tuple[int, int, int, int]],
        paper: int,
        heights: Sequence[int] = HEAD_HEIGHTS_PX,
        above: Sequence[tuple[int, int, int, int] | None] = (),
    ) -> HeadSheet:
        """The sheet of the heads at the given boxes (pixels, trimmed to their ink), each
        scaled to each of the glyph heights; above: by head, the box of the head row it
        carries on, or None."""
        crops = []
        for n, box in enumerate(heads):
            height = box[3] - box[1]
            before = above[n] if n < len(above) else None
            margin = _margin_box(image, box)
            crop, inset = image.crop(margin), box[1] - margin[1]
            start = 0
            if before is not None:
                row = _margined(image, before)
                start = row.width + APART_GLYPHS * height
                crop = _side_by_side(row, crop, paper, APART_GLYPHS * height)
            for target in heights:
                factor = min(1.0, target / max(height, 1))
                rows = (round(inset * factor), round((inset + height) * factor))
                crops.append((scaled(crop, factor), n, round(start * factor), rows))
        gap = max(HEAD_HEIGHTS_PX)
        width = max(crop.width for crop, _, _, _ in crops) + 2 * gap
        height = sum(crop.height for crop, _, _, _ in crops) + gap * (len(crops) + 1)
        sheet = Image.new("L", (width, height), paper)
        spans, starts = [], []
        y = gap
        for crop, n, start, (top, bottom) in crops:
            sheet.paste(crop, (gap, y))
            spans.append((y + top, y + bottom, n))
            starts.append(gap + start if start else 0)
            y += crop.height + gap
        return cls(sheet, tuple(spans), tuple(starts))

    def word_readings(self, data: dict[str, Any]) -> dict[int, list[list[Word]]]:
        """Each head's readings as the words read, left to right, by the head's index."""
        words: dict[int, dict[tuple[int, int, int], list[Word]]] = {}
        for i, text in enumerate(data["text"]):
            if not text.strip() or float(data["conf"][i]) < 0:
                continue
            middle = data["top"][i] + data["height"][i] / 2
            centre = data["left"][i] + data["width"][i] / 2
            for cut, (top, bottom, _) in enumerate(self.spans):
                if top <= middle < bottom and centre >= self.starts[cut]:
                    line = words.setdefault(cut, {}).setdefault(line_key(data, i), [])
                    line.append(tesseract_word(data, i))
        result: dict[int, list[list[Word]]] = {}
        grey = np.asarray(self.image)
        for cut, lines in words.items():
            # A head read as pieces of lines: each piece as read, the pieces left to right.
            pieces = sorted(lines.values(), key=lambda piece: piece[0].left)
            found = [word for piece in pieces for word in piece]
            found = dash_read_as_strokes(found, EM_PER_INK * typical_height(found), grey)
            result.setdefault(self.spans[cut][2], []).append(found)
        return result


ROW_MARGIN = 0.35
"""Paper above and below a row cut from a page (`_margined`), in its glyph's height."""


def _margined(image: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """A row cut from a page with a glyph's width of margin left and right (for a character
    at the edge of the ink) and a third of one above and below (`_margin_box`)."""
    return image.crop(_margin_box(image, box))


def _margin_box(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The box a row is cut from a page by (`_margined`), within the page."""
    x0, top, x1, bottom = box
    height = bottom - top
    return (
        max(0, int(x0 - height)),
        max(0, int(top - ROW_MARGIN * height)),
        min(image.width, int(x1 + height)),
        min(image.height, int(bottom + ROW_MARGIN * height)),
    )


APART_GLYPHS = 2
"""Glyphs of paper set between a head row and the short row that carries it on, on top of
each cut's margin: closer, the engine's language model reads a word across the two
(`安` `全` as `安全`, doubted)."""


def _side_by_side(left: Image.Image, right: Image.Image, paper: int, apart: int) -> Image.Image:
    """Two cuts on one row, their tops level, apart pixels of paper between them."""
    width = left.width + apart + right.width
    row = Image.new("L", (width, max(left.height, right.height)), paper)
    row.paste(left, (0, 0))
    row.paste(right, (left.width + apart, 0))
    return row


SHORT_HEAD_GLYPHS = HEAD_MIN_CHARS
"""A row of large type narrower than this many of its glyphs is too short for tesseract to
find as a line on its own."""


def carried_on(
    heads: Sequence[tuple[int, int, int, int]],
) -> list[tuple[int, int, int, int] | None]:
    """By head box (pixels), the box of the head row it carries on, where it is short
    (`SHORT_HEAD_GLYPHS`) and stands right under that row (within a glyph of it) and within
    its width: a long head wrapped, its last glyphs on a line of their own."""
    found: list[tuple[int, int, int, int] | None] = []
    for box in heads:
        height = box[3] - box[1]
        over = [
            other
            for other in heads
            if 0 <= box[1] - other[3] <= height
            and other[0] - height <= box[0]
            and box[2] <= other[2] + height
        ]
        short = box[2] - box[0] < SHORT_HEAD_GLYPHS * height
        found.append(max(over, key=lambda other: other[3]) if short and over else None)
    return found


def better_reading(
    line: Line, reading: tuple[str, float], *, confirmed: bool = False, share: float = 1.0
) -> Line:
    """The line with another reading's text where that reading is at least as sure and holds
    at least the characters the first was sure of (`sure_length`): a reading that lost
    characters is no better, however sure; one as sure wins, read alone at the size the
    engine was trained on (a page's reading drops a line's last glyph at times). A reading
    confirmed by a second reading alone (`agreed_texts`) may hold fewer: where two readings
    of the box alone agree, the page's reading inserted what they lack; where they hold
    more, it dropped what they add (the box's ink has room for it, `fits_box`), and they
    are taken however sure it was of the rest. share: what of its box's width the line
    covers; its reading is as sure of the box as of that share, where
    the reading holds more glyphs than it (a reading of no more has read no more). The
    words of the first reading go: they no longer spell the line. So a line that blank
    paper wider than a space parts (`blanks_wider_than_spaces`) keeps its reading: it holds
    two heads side by side, which layout parts by its words, and one reading of their row
    would run them together."""
    text, confidence = reading
    if blanks_wider_than_spaces(line):
        return line
    kept = confirmed or len(squeezed(text)) >= sure_length(line)
    more = em_count(text) > em_count(line.text)
    if not more:
        share = 1.0  # the reading holds no more than the line read of the box
    if kept and (confidence >= (line.confidence or 0) * share or (confirmed and more)):
        return replace(line, text=text, confidence=round(confidence, 4), words=())
    return line


@dataclass(frozen=True)
class PageRead:
    """One tesseract reading of a page: word data in page pixels, the model that read it,
    and the boxes (pixels) of the page's rows of large type, on paper of the given tone."""

    data: dict[str, Any]
    lang: str
    heads: tuple[tuple[int, int, int, int], ...] = ()
    paper: int = 255
    known: dict[int, list[tuple[str, float]]] = field(default_factory=dict)
    """Readings of head boxes (by index) already taken alone at the largest of
    HEAD_HEIGHTS_PX with the same model."""
    rows: tuple[tuple[int, int, int, int], ...] = ()
    """Boxes (pixels) of the page's rows as tall as a line of body type."""
    other_known: dict[int, list[tuple[str, float]]] = field(default_factory=dict)
    """As known, with the other script's model (`OTHER_MODEL`)."""


def head_boxes(
    lines: tuple[Line, ...], boxes: Sequence[BBox], blanks: Sequence[Sequence[tuple[float, float]]]
) -> tuple[tuple[Line, ...], dict[int, int]]:
    """The lines with the pieces of each head joined (`join_head_pieces`; blanks are each
    box's blank columns), and the index of the head box each head line lies in, by the
    line's id: the heads a second reading can mend. (A box holding no head line, such as a
    row where two columns' lines overlap, is not worth reading.)"""
    lines = join_head_pieces(lines, boxes, blanks)
    found = {}
    for line in head_lines(lines):
        n = head_box_of(line, boxes)
        if n is None:
            n = box_held_alone(line, lines, boxes)
        if n is not None:
            found[id(line)] = n
    return lines, found


def box_held_alone(line: Line, lines: Sequence[Line], boxes: Sequence[BBox]) -> int | None:
    """The index of the head box that holds a line (`_box_holding`) and no other line of the
    page's reading but noise: a row of large type of which the page's reading read a part
    only (a title in a drawn frame, its first glyphs passed over), which the box's reading
    alone reads whole."""
    n = _box_holding(line, boxes)
    if n is None:
        return None
    others = [other for other in lines if other is not line and reads_row(other, boxes[n])]
    return None if others else n


def take_readings(
    lines: tuple[Line, ...],
    in_box: dict[int, int],
    readings: dict[int, list[tuple[str, float]]],
    boxes: Sequence[BBox],
    read_alone: Sequence[BBox] = (),
) -> tuple[Line | None, ...]:
    """Lines whose heads take the second readings of the head box (points) they lie in
    (in_box, by line id) where those are surer (`better_reading`), a line being as sure of
    its box as of the share of the box's width (trimmed to its ink) that it covers. A box's
    reading holds all its ink: where two lines would take it (the row cut in two by the
    page's reading, or specks over it read as a line), the one standing most within the
    box's rows keeps it and the other goes (None in its place), and the words of other lines
    within the box go (`without_words_in`), as do those within the boxes of read_alone
    (points), whose readings alone stand as lines of their own."""
    result: list[Line | None] = []
    taker: dict[int, tuple[int, float]] = {}  # box index: where the line that took its
    # reading is in result, and how far it stood within the box's rows as the page read it
    for line in lines:
        n = in_box.get(id(line), -1)
        found = readings.get(n, ())
        agreed = agreed_texts(found)
        share = _share_along(boxes[n], line.bbox) if found else 1.0
        before, took = line, False
        for reading in found:
            confirmed = squeezed(reading[0]) in agreed
            taken = better_reading(line, reading, confirmed=confirmed, share=share)
            if taken is not line:
                line, share, took = across_box(taken, line, boxes[n]), 1.0, True
        if took:
            line = words_at_blanks(line, before.blanks)
        if n >= 0:
            line = on_box_rows(line, boxes[n])
        if took:
            within = rows_within(before, boxes[n])
            if n in taker and taker[n][1] >= within:
                result.append(None)
                continue
            if n in taker:
                result[taker[n][0]] = None
            taker[n] = (len(result), within)
        result.append(line)
    took_box = {index: n for n, (index, _) in taker.items()}
    return tuple(
        line
        and without_words_in(
            line, [*read_alone, *(boxes[n] for n in taker if took_box.get(k) != n)]
        )
        for k, line in enumerate(result)
    )


def without_words_in(line: Line, boxes: Sequence[BBox]) -> Line | None:
    """A line without its words that stand in head boxes (points) whose reading alone
    another line holds (it took the reading, or it is the reading of a box the page's
    reading passed over), or None where no word is left: the box's reading holds all of the
    box's ink, and the page's reading may have read a head's last glyphs into the line
    beside it (`强调 文化润心`), or read a few of them as a line of their own, which would
    then come out twice. A word stands in a box where its middle lies within the box's rows
    and within half a glyph of its width: the box ends at its ink, and the engine may cut a
    glyph it misread into pieces boxed past it."""
    if line.bbox is None:
        return line
    reach = (line.bbox[3] - line.bbox[1]) / 2
    kept = [
        word
        for word in line.words
        if not any(_holds_middle(box, word.bbox, reach) for box in boxes)
    ]
    if len(kept) == len(line.words):
        return line
    return line_of_words(line, kept) if kept else None


def _holds_middle(box: BBox, inner: BBox, reach: float) -> bool:
    """Whether a box, widened by reach at either side, holds the middle of another."""
    x, y = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return box[0] - reach <= x <= box[2] + reach and box[1] <= y <= box[3]


def words_at_blanks(line: Line, blanks: Sequence[tuple[float, float]]) -> Line:
    """A line that took a reading alone, given a word for each of the reading's pieces that
    spaces part, where the page shows as many stretches of blank paper across it (`blanks`,
    at least half a glyph wide): each piece spans the ink between them. Layout parts a line
    only between its words, and two heads side by side read as one row would otherwise stay
    one. A piece after a blank starts with no closing mark or stop (no phrase does): such a
    mark is specks at the blank's edge, and goes."""
    if line.bbox is None:
        return line
    x0, top, x1, bottom = line.bbox
    pieces = line.text.split()
    pieces[1:] = [piece.lstrip(HANGING_MARKS) for piece in pieces[1:]]
    inside = [blank for blank in blanks if x0 < blank[0] < blank[1] < x1]
    if len(pieces) < 2 or len(pieces) != len(inside) + 1 or not all(pieces):
        return line
    edges = [x0, *(edge for blank in inside for edge in blank), x1]
    words = tuple(
        TextWord(
            piece if n == 0 else " " + piece,
            (edges[2 * n], top, edges[2 * n + 1], bottom),
            line.size,
            line.confidence,
        )
        for n, piece in enumerate(pieces)
    )
    return replace(line, text="".join(word.text for word in words), words=words)


def rows_within(line: Line, box: BBox) -> float:
    """How many points of a line's height lie within a box's rows."""
    if line.bbox is None:
        return 0.0
    return max(0.0, min(line.bbox[3], box[3]) - max(line.bbox[1], box[1]))


def across_box(taken: Line, line: Line, box: BBox) -> Line:
    """A line that took its head box's reading (taken, from line), spanning as much more of
    the box's ink as the glyphs the new reading adds take, and sized by its new text: the
    page's reading may have boxed the line short of a glyph it did not read, or measured a
    line whose glyphs it skipped by its height; the text read alone, measured over the
    page's box, would seem set in other type. A reading of fewer glyphs leaves the line where
    the page's reading put it, and may show its type larger, never smaller: the glyphs the
    page's reading had too many made each seem narrower, but its box may fall short of the
    glyphs the new reading holds."""
    added = em_count(taken.text) - em_count(line.text)
    if line.bbox is None or not line.size or added == 0:
        return taken
    x0, top, x1, bottom = line.bbox
    if added < 0:
        size = max(line.size, glyph_size(taken.text, x1 - x0, bottom - top, EM_PER_INK))
        return replace(taken, size=round(size, 2))
    grown = added * line.size
    x0, x1 = max(min(x0, box[0]), x0 - grown), min(max(x1, box[2]), x1 + grown)
    size = glyph_size(taken.text, x1 - x0, bottom - top, EM_PER_INK)
    return replace(taken, bbox=(x0, top, x1, bottom), size=round(size, 2))


def on_box_rows(line: Line, box: BBox) -> Line:
    """A line in a head box, on the rows of the box's ink and measured over them: the page's
    reading may run a line's box past its glyphs (a speck or the line below read into it),
    or stop it short of them, while the box is trimmed to the ink it read. Boxed short, a
    line seems to skip glyphs, and its size is taken from its height; boxed tall, a wrapped
    head's lines seem to overlap."""
    if line.bbox is None or (line.bbox[1], line.bbox[3]) == (box[1], box[3]):
        return line
    x0, _, x1, _ = line.bbox
    size = glyph_size(line.text, x1 - x0, box[3] - box[1], EM_PER_INK)
    return replace(line, bbox=(x0, box[1], x1, box[3]), size=round(size, 2))


def agreed_texts(readings: Sequence[tuple[str, float]]) -> set[str]:
    """The texts (spaces aside) that two or more of a box's readings alone agree on: read at
    two sizes, the engine seldom makes the same mistake twice.

    >>> sorted(agreed_texts([("找准 党建", 0.9), ("找准党建", 0.8), ("找淮党建", 0.95)]))
    ['找准党建']
    """
    texts = [squeezed(text) for text, _ in readings]
    return {text for text in texts if texts.count(text) > 1}


def squeezed(text: str) -> str:
    """A text without its whitespace."""
    return "".join(text.split())


GLYPH_ASPECT = 0.5
"""A CJK glyph's ink is about as wide as it is tall (`牌` 0.93, `川` 0.8); a rule or the edge
of a drawn box is a few pixels wide."""


MARK_CELL = 1.0
"""A glyph a line's reading dropped at its end stands within this many of its glyphs after
its last letter (or before its first): its cell (a mark's ink in the side of it next to the
letter)."""

END_GLYPHS = 2.0
"""A line's end is read again with this many of its last glyphs before the mark's cell (its
start with as many of its first after it): the engine needs the letters to tell a mark from
a speck."""


def unread_line_ends(lines: Sequence[Line], grey: np.ndarray, dpi: float) -> list[int]:
    """The indexes of the lines read off the page that end on a letter or a closing quote or
    bracket (`CLOSERS_AS_READ`), with ink in the cell after it (`end_cell`) that no other
    line was read over (`shares_rows`): a glyph the reading passed over, or a speck, which
    reading the line's end alone tells apart."""
    return [
        n
        for n, line in enumerate(lines)
        if line.bbox is not None
        and line.size
        and ends_open(line.text)
        and inked_alone(end_cell(line), line, lines, grey, dpi)
    ]


def ends_open(text: str) -> bool:
    """Whether a line's text ends where another glyph may follow on its line: on a letter,
    or on a closing quote or bracket (`CLOSERS_AS_READ`), not on a pause or stop.

    >>> ends_open("水环境科普)"), ends_open("科普。"), ends_open("科普")
    (True, False, True)
    """
    return text.rstrip()[-1:].isalnum() or ends_on_closer(text)


def unread_line_starts(lines: Sequence[Line], grey: np.ndarray, dpi: float) -> list[int]:
    """The indexes of the lines read off the page that start on a letter, with ink in the
    cell before it (`start_cell`) that no other line was read over: tesseract's
    segmentation drops a line's first glyph now and then (`不少居民` read `少居民`), as it
    drops a last one (`unread_line_ends`)."""
    return [
        n
        for n, line in enumerate(lines)
        if line.bbox is not None
        and line.size
        and line.text.lstrip()[:1].isalnum()
        and inked_alone(start_cell(line), line, lines, grey, dpi)
    ]


def inked_alone(
    cell: BBox, line: Line, lines: Sequence[Line], grey: np.ndarray, dpi: float
) -> bool:
    """Whether a cell beside a line (points) holds ink, its edge next to the line aside,
    and no other line of the page was read over it (`shares_rows`)."""
    others = (other.bbox for other in lines if other is not line and other.bbox)
    if any(shares_rows(box, cell) for box in others):
        return False
    left, top, right, bottom = in_pixels(cell, dpi)
    assert line.bbox is not None
    if cell[0] < line.bbox[0]:
        return bool(inked_runs(grey, (max(0, left), top, right - 1, bottom)))
    return bool(inked_runs(grey, (left + 1, top, right, bottom)))


SHORT_LINE_EMS = 12
"""A line of at most this many glyphs is short: a kicker, a credit, a label or a head's
line, not a line of running text across a column."""


def doubted_short_lines(lines: Sequence[Line]) -> list[int]:
    """The indexes of the short lines (`SHORT_LINE_EMS`) holding a Han character the engine
    doubts (`NOISE_CONFIDENCE`), most of their Han characters read surely (`sure_han`: what
    the engine doubts throughout is most often specks or a rule read as glyphs, which a
    reading alone makes no truer), and no blank wider than a space (two lines side by
    side, which layout parts by their words)."""
    return [
        n
        for n, line in enumerate(lines)
        if line.bbox is not None
        and em_count(line.text) <= SHORT_LINE_EMS
        and mostly_sure(sure_han(line))
        and not blanks_wider_than_spaces(line)
    ]


def mostly_sure(han: Sequence[str]) -> bool:
    """Whether a line's Han characters (`sure_han`) hold a doubted one, and more sure ones.

    >>> mostly_sure(["邻", "里", ""]), mostly_sure(["邻", ""]), mostly_sure(["邻", "里"])
    (True, False, False)
    """
    doubted = han.count("")
    return 0 < doubted < len(han) - doubted


def mended_by(line: Line, readings: Sequence[Sequence[Word]]) -> Line:
    """The line with the characters its reading alone (readings: each the words read) reads
    surely (`NOISE_CONFIDENCE`) where the page's reading differs: the same glyphs, read
    again. The reading must agree with every Han character the page's reading was sure
    of, place for place (`sure_han`): one that differs there took in ink beside the line (a
    neighbouring column's) or cut it otherwise. The line keeps its cells: where the reading
    holds as many characters, each may take the reading's (a mark too: `。` read for `”`);
    else only its Han characters may (a mark the reading adds or drops moves the line's
    reading off its ink). The words keep their boxes (`respelled`)."""
    sure = sure_han(line)
    old = squeezed(line.text)
    for words in readings:
        glyphs = [(char, word.confidence) for word in words for char in squeezed(word.text)]
        han = [(char, conf) for char, conf in glyphs if HAN_RE.match(char)]
        if len(han) != len(sure):
            continue
        if any(known and char != known for (char, _), known in zip(han, sure, strict=True)):
            continue
        if len(glyphs) != len(old):
            chars = iter(han)
            glyphs = [next(chars) if HAN_RE.match(char) else (char, 1.0) for char in old]
        text = "".join(
            char if char == was or conf >= NOISE_CONFIDENCE else was
            for (char, conf), was in zip(glyphs, old, strict=True)
        )
        if text != old:
            return respelled(line, text)
    return line


def agreed(readings: Sequence[Sequence[Word]]) -> list[list[Word]]:
    """Readings of one line at several sizes, each word doubted (confidence 0) where another
    reading of as many Han characters reads one of its Han characters otherwise; a reading
    no other matches in length goes. A glyph two sizes read alike is read; one they read
    apart, the engine is guessing at.

    >>> a = [Word("安亭", 0, 0, 2, 1, 0.8)]
    >>> b = [Word("安", 0, 0, 1, 1, 0.9), Word("亭", 1, 0, 2, 1, 0.1)]
    >>> c = [Word("安", 0, 0, 1, 1, 0.9), Word("训", 1, 0, 2, 1, 0.9)]
    >>> [[(w.text, w.confidence) for w in r] for r in agreed([a, b])]
    [[('安亭', 0.8)], [('安', 0.9), ('亭', 0.1)]]
    >>> [[(w.text, w.confidence) for w in r] for r in agreed([b, c])]
    [[('安', 0.9), ('亭', 0.0)], [('安', 0.9), ('训', 0.0)]]
    """
    hans = [[c for w in words for c in w.text if HAN_RE.match(c)] for words in readings]
    kept = []
    for mine, words in zip(hans, readings, strict=True):
        others = [h for h in hans if h is not mine and len(h) == len(mine)]
        if not others:
            continue
        at, marked = 0, []
        for word in words:
            count = count_han(word.text)
            apart = any(o[at : at + count] != mine[at : at + count] for o in others)
            marked.append(replace(word, confidence=0.0) if apart else word)
            at += count
        kept.append(marked)
    return kept


def sure_han(line: Line) -> list[str]:
    """The Han characters of a line's words in order, each as read where its word is sure,
    empty where the engine doubted it."""
    return [
        "" if word.doubtful else char
        for word in line.words
        for char in word.text
        if HAN_RE.match(char)
    ]


def respelled(line: Line, glyphs: str) -> Line:
    """The line reading glyphs (as many characters as it holds, spaces aside), each word
    keeping its box and its leading space and taking as many as it held: layout finds
    gutters between words, and marks and dashes are read by the ink under them. A word
    whose characters changed is no longer doubted."""
    chars = iter(glyphs)
    if not line.words:
        return replace(line, text="".join(c if c.isspace() else next(chars) for c in line.text))
    spelt = [
        "".join(char if char.isspace() else next(chars) for char in w.text) for w in line.words
    ]
    words = tuple(
        replace(word, text=text, doubtful=word.doubtful and text == word.text)
        for word, text in zip(line.words, spelt, strict=True)
    )
    return replace(line, text="".join(spelt), words=words)


OTHER_MODEL = {"chi_tra": "chi_sim"}
"""The model of the other script, for the glyphs a page's own model cannot write. A
traditional character differs from its simplified form by the parts simplification
replaced (`涇`, `泾`), so chi_sim reads one chi_tra lacks as that form, unsure as it is.
Not the other way: chi_tra holds the traditional form of nearly every character a
simplified page prints, and where it doubts a simplified glyph it reads as readily one of
the rare characters its set adds (`盖` as `闔`)."""

WRITTEN_BY = {"chi_sim": ("t2s",), "chi_tra": ("s2t", "s2tw", "s2hk")}
"""The conversions into a model's script, one for each standard of it that print uses."""


def written_form(glyph: str, lang: str) -> str | None:
    """A glyph in the script of lang's model, where every standard of that script writes
    it alike; None where they differ (`为` is `爲` in one standard and `為` in another),
    as which of them a page prints cannot then be told.

    >>> written_form("泾", "chi_tra"), written_form("撸", "chi_sim"), written_form("为", "chi_tra")
    ('涇', '撸', None)
    """
    forms = {converter(name).convert(glyph) for name in WRITTEN_BY[lang]}
    return forms.pop() if len(forms) == 1 else None


def beyond_model(glyph: str, lang: str, known: frozenset[str]) -> str | None:
    """The form in the page's script (`written_form`) of a character the other script's
    model read, where lang's model cannot write it: its characters (known) lack that form.
    Every model's character set is finite; a character missing from it comes out as the
    nearest it holds (`涇` as `淫`), while the other script's model may hold the character's
    other form (`泾`)."""
    if not HAN_RE.match(glyph):
        return None
    form = written_form(glyph, lang)
    return form if form and form not in known else None


def doubted_words(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """The (line, word) indexes of the words of Han characters alone that the engine
    doubts: where a page's model misreads a character it cannot write, it is most often
    unsure."""
    return [
        (n, k)
        for n, line in enumerate(lines)
        for k, word in enumerate(line.words)
        if word.doubtful and (han := squeezed(word.text)) and count_han(han) == len(han)
    ]


def head_beyond(
    line: Line, readings: Sequence[tuple[str, float]], lang: str, known: frozenset[str]
) -> Line:
    """A head line taking the characters lang's model cannot write (`beyond_model`) from a
    reading of its box by the other script's model that agrees with every other Han
    character of it, in that model's script: a head's glyphs are large and few, and the
    page's model misreads one it cannot write as surely as the rest (`新肖鎮`), so the whole
    head must vouch for the place.

    >>> line, known = Line("新淫鎮以仙霞西路", 1, 0, (0, 0, 80, 10), 10), frozenset("淫鎮西四")
    >>> head_beyond(line, [("新泾镇以仙霞西路", 0.8)], "chi_tra", known).text
    '新涇鎮以仙霞西路'
    >>> head_beyond(line, [("新泾镇以仙霞四路", 0.8)], "chi_tra", known).text
    '新淫鎮以仙霞西路'
    """
    own = squeezed(line.text)
    han = [char for char in own if HAN_RE.match(char)]
    other = WRITTEN_BY[OTHER_MODEL[lang]]
    for text, _ in readings:
        read = [char for char in squeezed(text) if HAN_RE.match(char)]
        if len(read) != len(han):
            continue
        taken = []
        for was, char in zip(han, read, strict=True):
            if all(converter(name).convert(was) == char for name in other):
                taken.append(was)
            elif form := beyond_model(char, lang, known):
                taken.append(form)
            else:
                break
        if len(taken) == len(han) and taken != han:
            chars = iter(taken)
            return respelled(line, "".join(next(chars) if HAN_RE.match(c) else c for c in own))
    return line


def word_in_line(line: Line, k: int) -> BBox:
    """Word k's stretch of its line, over the line's rows: the engine boxes a word of one
    glyph over the marks beside it at times, above and below the line."""
    assert line.bbox is not None
    x0, _, x1, _ = line.words[k].bbox
    return (x0, line.bbox[1], x1, line.bbox[3])


def placed_in(
    read: Sequence[str], own: Sequence[str], at: int, width: int, lang: str
) -> int | None:
    """Where in the glyphs another model read (read) the glyphs own[at:at + width] stand:
    the one place where the glyph before them, or the one after, is the line's own glyph
    there (in lang's script, `written_form`). A word is read with the paper either side,
    which holds its neighbours' glyphs; None where no place, or more than one, fits.

    >>> placed_in(["日", "，", "新", "泾", "镇"], ["新", "淫", "鎮"], 1, 1, "chi_tra")
    3
    >>> placed_in(["泾"], ["新", "淫", "鎮"], 1, 1, "chi_tra") is None
    True
    """
    found = [
        i
        for i in range(len(read) - width + 1)
        if (i > 0 and at > 0 and written_form(read[i - 1], lang) == own[at - 1])
        or (
            i + width < len(read)
            and at + width < len(own)
            and written_form(read[i + width], lang) == own[at + width]
        )
    ]
    return found[0] if len(found) == 1 else None


def with_glyphs_beyond(
    line: Line, k: int, reading: Sequence[Word], lang: str, known: frozenset[str]
) -> Line:
    """The line with its word k taking, glyph for glyph, the characters the other script's
    model read in it that lang's model cannot write (`beyond_model`), the word found in that
    reading by its neighbours (`placed_in`). Only such characters are taken, however unsure
    the other model is of them (the glyph is not its script's either): one the page's model
    can write, it read as well as the other model can."""
    glyphs = [squeezed(word.text) for word in line.words]
    own = list("".join(glyphs))
    at, width = sum(len(g) for g in glyphs[:k]), len(glyphs[k])
    read = [char for word in reading for char in squeezed(word.text)]
    place = placed_in(read, own, at, width, lang)
    if place is None:
        return line
    taken = "".join(
        form if (form := beyond_model(char, lang, known)) else was
        for char, was in zip(read[place : place + width], glyphs[k], strict=True)
    )
    if taken == glyphs[k]:
        return line
    glyphs[k] = taken
    return respelled(line, "".join(glyphs))


def end_cell(line: Line) -> BBox:
    """The cell (points) after a line's last letter, `MARK_CELL` of its glyphs wide; after
    a closing quote or bracket, past the blank of that mark's own cell (`MARK_BLANK_SHORT`).

    >>> end_cell(Line("科普", 1, 0, (0, 0, 20, 10), 10)) == (20, 0, 20 + MARK_CELL * 10, 10)
    True
    >>> end_cell(Line("科普)", 1, 0, (0, 0, 24, 10), 10))[0]
    30.0
    """
    assert line.bbox is not None and line.size
    _, top, x1, bottom = line.bbox
    if ends_on_closer(line.text):
        x1 += MARK_BLANK_SHORT * line.size
    return (x1, top, x1 + MARK_CELL * line.size, bottom)


def start_cell(line: Line) -> BBox:
    """The cell (points) before a line's first letter, `MARK_CELL` of its glyphs wide."""
    assert line.bbox is not None and line.size
    x0, top, _, bottom = line.bbox
    return (x0 - MARK_CELL * line.size, top, x0, bottom)


def start_box(line: Line, dpi: float) -> tuple[int, int, int, int]:
    """The box (page pixels) of the cell before a line's first letter (`start_cell`) and
    its first glyphs (`END_GLYPHS`)."""
    assert line.bbox is not None and line.size
    _, _, x1, _ = line.bbox
    left, top, x0, bottom = start_cell(line)
    return in_pixels((max(0.0, left), top, min(x1, x0 + END_GLYPHS * line.size), bottom), dpi)


def end_box(line: Line, dpi: float) -> tuple[int, int, int, int]:
    """The box (page pixels) of a line's last glyphs (`END_GLYPHS`) and the cell after them
    (`end_cell`)."""
    assert line.bbox is not None and line.size
    x0, _, x1, _ = line.bbox
    _, top, right, bottom = end_cell(line)
    return in_pixels((max(x0, x1 - END_GLYPHS * line.size), top, right, bottom), dpi)


HANGING_AS_READ = HANGING_MARKS + ",;:?!"
"""The hanging marks as the engine reads them: a Chinese comma or colon comes out ASCII at
times, which cleanup sets full-width in Chinese text."""


def glyph_read_after(line: Line, readings: Sequence[tuple[str, float]]) -> str | None:
    """The glyph that a line's end read alone ends on, where it follows the line's own last
    letter and the reading is sure (`NOISE_CONFIDENCE`): the cell after the line holds it.
    A closing mark hugs its letter however the engine spaced it; a Han character must be
    set solid with the letter, as a line's characters are: one read a space after it is the
    next phrase's, or the next column's. A Han character so read with a full-width closing
    mark after it comes with its mark: a paragraph's last glyph and its stop.

    >>> line = Line("分类标识清晰", 1, 0, (0, 0, 60, 10), 10)
    >>> glyph_read_after(line, [("标识清 晰 ，", 0.9)]), glyph_read_after(line, [("识清晰居", 0.9)])
    ('，', '居')
    >>> glyph_read_after(line, [("识清晰,", 0.9)])
    ','
    >>> glyph_read_after(line, [("标识清晰 居", 0.9)]), glyph_read_after(line, [("识清晰", 0.9)])
    (None, None)
    >>> glyph_read_after(line, [("标识清晰居", 0.3)]), glyph_read_after(line, [("标识清晰s", 0.9)])
    (None, None)
    >>> glyph_read_after(line, [("识清晰度 。", 0.9)]), glyph_read_after(line, [("清晰 度。", 0.9)])
    ('度。', None)
    """
    last = full_width(line.text.rstrip()[-1:])
    for text, confidence in readings:
        text = full_width(text.rstrip())
        if confidence < NOISE_CONFIDENCE or len(text) < 2:
            continue
        glyph, before = text[-1], text[:-1]
        if glyph in HANGING_AS_READ and before.rstrip()[-1:] == last:
            return glyph
        if count_han(glyph) == 1 and before[-1:] == last:
            return glyph
        letter = before.rstrip()
        if glyph in HANGING_MARKS and count_han(letter[-1:]) == 1 and letter[-2:-1] == last:
            return letter[-1] + glyph
    return None


def full_width(text: str) -> str:
    """Text with the closing parenthesis the engine reads ASCII at times full-width, so a
    line's end and its reading alone compare as one glyph.

    >>> full_width("科普)、")
    '科普）、'
    """
    return text.replace(")", "）")


def glyph_read_before(line: Line, readings: Sequence[tuple[str, float]]) -> str | None:
    """The glyph that a line's start read alone starts on, where the line's own first
    letter follows it and the reading is sure (`NOISE_CONFIDENCE`), as `glyph_read_after`
    takes one at a line's end: an opening mark hugs its letter however the engine spaced
    it; a Han character must be set solid with the letter.

    >>> line = Line("少居民在说明会", 1, 0, (10, 0, 80, 10), 10)
    >>> glyph_read_before(line, [("不少居", 0.9)]), glyph_read_before(line, [("“ 少居", 0.9)])
    ('不', '“')
    >>> glyph_read_before(line, [("不 少居", 0.9)]), glyph_read_before(line, [("少居民", 0.9)])
    (None, None)
    >>> glyph_read_before(line, [("不少居", 0.3)]), glyph_read_before(line, [("s少居", 0.9)])
    (None, None)
    """
    first = line.text.lstrip()[:1]
    for text, confidence in readings:
        text = text.lstrip()
        if confidence < NOISE_CONFIDENCE or len(text) < 2:
            continue
        glyph, after = text[0], text[1:]
        if glyph in OPENING_MARKS and after.lstrip()[:1] == first:
            return glyph
        if count_han(glyph) == 1 and after[:1] == first:
            return glyph
    return None


def with_glyph_before(line: Line, glyph: str) -> Line:
    """The line with a glyph before its first letter, boxed in its cell as `with_glyph`
    boxes one after its last."""
    assert line.bbox is not None and line.size
    x0, top, x1, bottom = line.bbox
    blank = MARK_BLANK_SHORT if glyph in OPENING_MARKS else 0.0
    box = (x0 - (1 - blank) * line.size, top, x0, bottom)
    word = TextWord(glyph, box, line.size, line.confidence)
    return replace(
        line, text=glyph + line.text, bbox=(box[0], top, x1, bottom), words=(word, *line.words)
    )


def with_glyph(line: Line, glyph: str) -> Line:
    """The line with a glyph after its last letter (or a character and its closing mark),
    boxed in its cells: a closing mark in the side of its cell next to the letter
    (`MARK_BLANK_SHORT` of it blank), a character in all of its.

    >>> line = Line("满意", 1, 0, (0, 0, 20, 10), 10)
    >>> [(w.text, w.bbox) for w in with_glyph(line, "度。").words], with_glyph(line, "度").bbox
    ([('度。', (20, 0, 34.0, 10))], (0, 0, 30.0, 10))
    """
    assert line.bbox is not None and line.size
    x0, top, x1, bottom = line.bbox
    blank = MARK_BLANK_SHORT if glyph[-1:] in HANGING_AS_READ else 0.0
    box = (x1, top, x1 + (len(glyph) - blank) * line.size, bottom)
    word = TextWord(glyph, box, line.size, line.confidence)
    return replace(
        line, text=line.text + glyph, bbox=(x0, top, box[2], bottom), words=(*line.words, word)
    )


def with_dash_read(line: Line, page: PageImage) -> Line:
    """The line, led by the Chinese dash where the page shows one the reading passed over
    (`dash_unread_before`)."""
    start = dash_unread_before(line, page.grey, page.dpi)
    return line if start is None else with_dash(line, start, page.dpi)


def in_pixels(box: BBox, dpi: float) -> tuple[int, int, int, int]:
    """A box in points, in page pixels at dpi (`in_points` the other way)."""
    scale = dpi / 72
    x0, top, x1, bottom = (round(v * scale) for v in box)
    return x0, top, x1, bottom


def in_points(boxes: Sequence[tuple[int, int, int, int]], dpi: float) -> list[BBox]:
    """Boxes in page pixels at dpi, in points."""
    scale = 72 / dpi
    return [(b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale) for b in boxes]


LINE_GLYPHS = 1.5
"""A row of body type narrower than this many glyphs (its height) is no line of running
text: a glyph standing alone (a vertical slogan's, stacked down a margin) or a mark. A
paragraph's last line, a character and its stop, is one wherever it stands under a line
(`ends_a_paragraph`)."""


def holds_a_line(box: BBox) -> bool:
    """Whether a row of body type is wide enough to hold a line of running text
    (`LINE_GLYPHS`).

    >>> holds_a_line((0, 0, 9, 10)), holds_a_line((0, 0, 18, 10))
    (False, True)
    """
    return box[2] - box[0] >= LINE_GLYPHS * (box[3] - box[1])


def ends_a_paragraph(box: BBox, boxes: Sequence[BBox]) -> bool:
    """Whether a row of body type (points) stands flush left under a row that holds a line
    (`holds_a_line`), as a paragraph's last line does: one glyph and its stop, however
    narrow (a stop is too small to show in the mask the rows are found on). It stands a
    glyph or less below that row, or as far below it as that row stands below the flush
    row above it (`at_the_pitch`): a column set with wide leading. A vertical slogan's
    glyph stands under another glyph, not under a line.

    >>> line, last = (0, 0, 100, 10), (0, 14, 11, 24)
    >>> ends_a_paragraph(last, [line, last]), ends_a_paragraph(last, [(0, 0, 10, 10), last])
    (True, False)
    >>> wide = [(0, 0, 100, 10), (0, 24, 100, 34), (0, 48, 11, 58)]
    >>> ends_a_paragraph(wide[2], wide), ends_a_paragraph(wide[2], wide[1:])
    (True, False)
    """
    height = box[3] - box[1]
    flush = [
        other
        for other in boxes
        if other is not box and holds_a_line(other) and abs(other[0] - box[0]) <= height / 2
    ]
    return any(
        0 <= box[1] - other[3] <= height or at_the_pitch(box, other, flush) for other in flush
    )


def with_stop_cell(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """A paragraph's short last row (`ends_a_paragraph`) with the cell after its ink: the
    stop that ends it is too small to show in the mask the row was found on, so the row's
    box ends at its glyph, and the row read in that box would be read with its stop cut.

    >>> with_stop_cell((10, 0, 21, 10))
    (10, 0, 31, 10)
    """
    return (box[0], box[1], box[2] + box[3] - box[1], box[3])


def at_the_pitch(box: BBox, above: BBox, flush: Sequence[BBox]) -> bool:
    """Whether a row (points) stands below the row above it by the gap that row stands
    below a row of flush (the rows of its column's left edge), within half the row's
    height: the column's own leading."""
    gap, height = box[1] - above[3], box[3] - box[1]
    return gap >= 0 and any(
        abs(above[1] - row[3] - gap) <= height / 2 for row in flush if row is not above
    )


def unread_rows(lines: Sequence[Line], boxes: Sequence[BBox]) -> list[int]:
    """The indexes of the row boxes (points: heads, or rows of body type) that no line of
    the page's reading runs through, other than noise (`is_noise_line`), and that are at
    least a glyph wide: rows the engine's own page segmentation passed over (a title's
    second line, a masthead, a column's line dropped whole) or made a few doubtful marks
    of, which only a reading of the box alone recovers (a wrapped title's last glyph alone
    on its line among them). A box narrower than GLYPH_ASPECT of its height is a rule or a
    box's edge, no glyph."""
    return [
        n
        for n, box in enumerate(boxes)
        if box[2] - box[0] >= GLYPH_ASPECT * (box[3] - box[1])
        and not any(reads_row(line, box) for line in lines)
    ]


HEAD_READ_SHARE = 0.5
"""Lines in body type read a head box's row only where their words cover at least this
share of the box's width: a body line read along its baseline into the row of a head
beside it, its last glyph a misreading of the head's, has not read the head (where two
columns' lines run together in a box, they cover it between them)."""


def unread_heads(lines: Sequence[Line], boxes: Sequence[BBox]) -> list[int]:
    """The indexes of the head boxes (points) that the page's reading passed over
    (`unread_rows`), or that only lines in body type reach, covering little of them with
    their words between them (`HEAD_READ_SHARE`)."""
    heads = {id(line) for line in head_lines(lines)}
    in_body = {id(line) for line in lines if id(line) not in heads and line.words and line.bbox}
    reading = [
        line for line in lines if id(line) not in in_body and not across_head_rows(line, boxes)
    ]
    body = [line for line in lines if id(line) in in_body]
    return [
        n
        for n in unread_rows(reading, boxes)
        if _words_share([ln for ln in body if reads_row(ln, boxes[n])], boxes[n]) < HEAD_READ_SHARE
    ]


def across_head_rows(line: Line, boxes: Sequence[BBox]) -> bool:
    """Whether a line of the page's reading stands on two head boxes (points) one above the
    other: the engine ran two rows of large type into one line, a glyph or two as tall as
    both, and has read neither row.

    >>> first, second, beside = (53, 374, 274, 395), (54, 398, 179, 418), (317, 374, 534, 395)
    >>> line = lambda box: Line("人", 1, 0, box)
    >>> across_head_rows(line((53, 374, 179, 415)), [first, second, beside])
    True
    >>> across_head_rows(line((108, 374, 400, 390)), [first, second, beside])
    False
    """
    if line.bbox is None:
        return False
    rows = [box for box in boxes if shares_rows(line.bbox, box)]
    return any(a[3] <= b[1] for a in rows for b in rows)


def _words_share(lines: Sequence[Line], box: BBox) -> float:
    """The share of a box's width that the words of lines cover, those the engine doubts
    aside: marks it made of glyphs it could not read have read nothing."""
    return sum(
        _share_along(box, word.bbox) for line in lines for word in line.words if not word.doubtful
    )


def misread_across(line: Line, boxes: Sequence[BBox], marks: Sequence[BBox]) -> bool:
    """Whether a line of the page's reading is one the engine doubts as a whole
    (`NOISE_CONFIDENCE`) over rows of body type (boxes, points), or on one, however little
    of its height it was boxed on (`shares_rows`), or stands under a mark it stretched
    across two of them (marks, `stretched_marks`): garbage it made of a column's line, or
    of two run together, which the row read alone may read."""
    if line.bbox is None:
        return False
    if any(under_mark(line.bbox, mark, boxes) for mark in marks):
        return True
    if (line.confidence or 0) >= NOISE_CONFIDENCE:
        return False
    return any(shares_rows(line.bbox, box) for box in boxes)


def stretched_marks(lines: Sequence[Line], boxes: Sequence[BBox]) -> list[BBox]:
    """The boxes of the words the engine stretched across rows of body type (boxes, points;
    `stretched_across`)."""
    return [word.bbox for line in lines for word in line.words if stretched_across(word, boxes)]


def stretched_across(word: TextWord, boxes: Sequence[BBox]) -> bool:
    """Whether a word the engine doubts lies across two rows of body type or more (boxes,
    points): no glyph stands on two lines, so it is a mark the engine stretched over glyphs
    of both that it could not read."""
    return word.doubtful and sum(within_rows(box, word.bbox) for box in boxes) >= 2


def under_mark(line: BBox, mark: BBox, boxes: Sequence[BBox]) -> bool:
    """Whether a line stands on a row of body type (boxes, points) that a stretched mark
    lies across, within the mark's width: the glyphs the mark hides are missing from every
    line of those rows, whichever of them the engine gave the mark to."""
    across = min(line[2], mark[2]) - max(line[0], mark[0])
    return across > 0 and any(within_rows(box, mark) and shares_rows(line, box) for box in boxes)


def within_rows(box: BBox, line: BBox) -> bool:
    """Whether a row's box lies across a line's box, most of its height inside it."""
    across = min(line[2], box[2]) - max(line[0], box[0])
    down = min(line[3], box[3]) - max(line[1], box[1])
    return across > 0 and down >= (box[3] - box[1]) / 2


def reads_row(line: Line, box: BBox) -> bool:
    """Whether a line of the page's reading reads a head box's row (`shares_rows`), being no
    noise (`is_noise_line`)."""
    return line.bbox is not None and shares_rows(line.bbox, box) and not is_noise_line(line)


PASSED_GLYPHS = 3.0
"""Ink this many glyphs wide (the row's height) on a row that no line of the page's reading
reaches is text the engine passed over: a stretch dropped from the middle of a line.
Specks, a mark, a glyph's overhang are narrower."""


def passed_over(
    lines: Sequence[Line], row: tuple[int, int, int, int], page: PageImage
) -> list[tuple[int, int, int, int]]:
    """The stretches of a row of body type (pixels) holding ink PASSED_GLYPHS wide, its
    glyphs less than a glyph apart, that no line read on it (points) reaches within half a
    glyph, each with half a glyph of room: the engine read the row in part. None where no
    line was read on the row: `unread_rows` has that row whole."""
    if not lines:
        return []
    x0, top, x1, bottom = row
    glyph = bottom - top
    scale = page.dpi / 72
    read = [(line.bbox[0] * scale, line.bbox[2] * scale) for line in lines if line.bbox]
    unread: list[list[int]] = []
    for a, b in inked_runs(page.grey, row):
        if any(low - glyph / 2 <= a and b <= high + glyph / 2 for low, high in read):
            continue
        if unread and a - unread[-1][1] < glyph:
            unread[-1][1] = b
        else:
            unread.append([a, b])
    return [
        (max(x0, a - glyph // 2), top, min(x1, b + glyph // 2), bottom)
        for a, b in unread
        if b - a >= PASSED_GLYPHS * glyph
    ]


def read_in_part(
    lines: Sequence[Line],
    boxes: Sequence[BBox],
    heads: Sequence[tuple[int, int, int, int]],
    taken: set[int],
    page: PageImage,
) -> list[int]:
    """The indexes of the head boxes (points; heads, the same in pixels), none of taken,
    that head lines read in part: the page's reading passed over a stretch of their ink
    (`passed_over`), the first phrase of a title whose second it read, and no line maps to
    the box (`head_box_of`: a line covering so little of it may be a head beside another).
    Read alone, such a box's reading holds the whole row, and the pieces go with it
    (`without_words_in`). A tall box holding body lines run together is not read so."""
    heads_read = {id(line) for line in head_lines(lines)}
    found = []
    for n, box in enumerate(heads):
        reading = [line for line in lines if reads_row(line, boxes[n])]
        if (
            n not in taken
            and any(id(line) in heads_read for line in reading)
            and passed_over(reading, box, page)
        ):
            found.append(n)
    return found


def shares_rows(line: BBox, box: BBox) -> bool:
    """Whether a line's box overlaps another box across at least half the height of the
    lower of the two: a head box may hold a line, or two lines of body run together."""
    across = min(line[2], box[2]) - max(line[0], box[0])
    down = min(line[3], box[3]) - max(line[1], box[1])
    return across > 0 and down >= min(line[3] - line[1], box[3] - box[1]) / 2


CROWDED = 0.5
"""Glyphs set narrower than this share of their ink's height are more than a row holds: a
condensed face sets its glyphs four-fifths as wide as a plain one (`EM_PER_INK`), and a
reading of a box that needs narrower ones has read the words of another box of the sheet
into it. Only the sheets' first readings are so checked: a box read again in one-block mode
may hold two rows (a masthead's name and its date), whose reading is longer than one."""


def fits_box(reading: tuple[str, float], box: BBox) -> bool:
    """Whether a box's reading holds no more glyphs than its box's ink (points) can
    (`CROWDED`).

    >>> box, title = (328, 280, 541, 309), "以为办实事为出发点"
    >>> fits_box((title, 0.92), box), fits_box((title + "AAAJLEz=大一", 0.68), box)
    (True, False)
    """
    x0, top, x1, bottom = box
    return em_count(reading[0]) * CROWDED * (bottom - top) <= x1 - x0


def surest(readings: Sequence[tuple[str, float]]) -> float:
    """The highest confidence of a box's readings, 0 where it has none."""
    return max((confidence for _, confidence in readings), default=0.0)


def doubted_tail(line: Line) -> int | None:
    """The index of the first word of a line's tail past blank paper wider than a space
    (`blanks_wider_than_spaces`), where the engine doubts every word of it: the start of
    the next column's row, read along the line's baseline across the gutter (`人士。`, a
    paragraph's last line, read at 0.26 after `免费`), which layout would cut off at the
    gutter and set aside as noise. None where the line has no such tail.

    >>> words = (TextWord("举办了", (0, 0, 30, 10)), TextWord(" 人士。", (60, 0, 90, 10)))
    >>> words += (replace(words[1], doubtful=True),)
    >>> line = Line("举办了 人士。", 1, 0, (0, 0, 90, 10), 10, words=words[::2], blanks=((30, 60),))
    >>> doubted_tail(line), doubted_tail(replace(line, words=words[:2]))
    (1, None)
    """
    wide = blanks_wider_than_spaces(line)
    if not wide:
        return None
    gap = wide[-1][1]
    tail = [n for n, word in enumerate(line.words) if word.bbox[0] >= gap]
    if not tail or tail[0] == 0 or not all(line.words[n].doubtful for n in tail):
        return None
    return tail[0]


def line_read_alone(box: BBox, readings: Sequence[tuple[str, float]], page: int) -> Line | None:
    """The line of a row's box (points) from the surest of its readings alone, where that is
    no doubtful reading (`NOISE_CONFIDENCE`: such a box may hold a picture's edge or a
    drawn ornament, which the engine reads as characters it doubts); its size from its box,
    as the engine's lines'."""
    text, confidence = max(readings, key=lambda reading: reading[1], default=("", 0.0))
    if not text.strip() or confidence < NOISE_CONFIDENCE:
        return None
    size = glyph_size(text, box[2] - box[0], box[3] - box[1], EM_PER_INK)  # an ink box
    return Line(text, page, 0, box, round(size, 2), round(confidence, 4), origin="ocr-tesseract")


def cut_between_heads(
    lines: tuple[Line, ...], boxes: Sequence[BBox], page: PageImage
) -> tuple[Line, ...]:
    """The lines the engine read across blank paper wider than a space
    (`blanks_wider_than_spaces`) out of a head box (points) into the next column, cut at
    that blank where a piece is a head (`head_lines`): a title beside the lines of another
    column, read as one line with them, is read a second time alone only as a line of its
    own. A box ends where its ink does, so it meets the blank the line crosses."""
    cut: dict[int, list[Line]] = {}
    for line in lines:
        if not line.words or line.bbox is None:
            continue
        reach = (line.bbox[3] - line.bbox[1]) / 2
        rows = [box for box in boxes if shares_rows(line.bbox, box)]
        cuts = [
            (start + end) / 2
            for start, end in blanks_wider_than_spaces(line)
            if any(
                start - reach <= edge <= end + reach for box in rows for edge in (box[0], box[2])
            )
        ] + between_boxes(line, rows)
        if cuts:
            cut[id(line)] = [
                with_blanks(line_of_words(line, part, apart=True), page.grey, page.dpi)
                for part in words_between(line.words, cuts)
                if part
            ]
    pieces = [piece for line in lines for piece in cut.get(id(line), [line])]
    heads = {id(line) for line in head_lines(pieces)}
    kept: list[Line] = []
    for line in lines:
        found = cut.get(id(line), [])
        kept.extend(found if any(id(piece) in heads for piece in found) else [line])
    return number_rows(kept)


def between_boxes(line: Line, rows: Sequence[BBox]) -> list[float]:
    """The middles of the gaps between boxes on a line's rows (points) that the line's words
    stand on either side of: the page's ink parts the boxes, so a line read across such a
    gap runs from one row of type into another (a title into the kicker beside it), however
    the specks between them or a box run tall make the blank seem narrow."""
    middles = [(word.bbox[0] + word.bbox[2]) / 2 for word in line.words]
    ordered = sorted(rows)
    return [
        (left[2] + right[0]) / 2
        for left, right in itertools.pairwise(ordered)
        if left[2] < right[0]
        and any(m < left[2] for m in middles)
        and any(m > right[0] for m in middles)
    ]


HEAD_BOX_PIECE_GAP = 0.5
"""Pieces of a head in one head box have less blank paper than this share of their height
between them; titles of two columns side by side stand a gutter apart. (Layout joins
pieces anywhere on a row, so it asks for less: `layout.HEAD_PIECE_GAP`.)"""


def join_head_pieces(
    lines: tuple[Line, ...], boxes: Sequence[BBox], blanks: Sequence[Sequence[tuple[float, float]]]
) -> tuple[Line, ...]:
    """The lines lying side by side in one head box, joined into one line where a head line
    is among them and the page's ink runs on between them (blanks: each box's runs of blank
    columns). Tesseract cuts a line of large type where a glyph reads badly or its box runs
    tall (`悦读青浦”暑` | `阅读活动启动`), and a piece it misread may come with a box cut
    short, too small for a head; only the whole line can take the box's second reading.
    The joined line keeps the size its head pieces were read in."""
    heads = {id(line) for line in head_lines(lines)}
    pieces: dict[int, list[Line]] = {}
    for line in lines:
        n = _box_holding(line, boxes)
        if n is not None:
            pieces.setdefault(n, []).append(line)
    joined: dict[int, Line] = {}
    for n, found in pieces.items():
        row = sorted(beside_each_other(found), key=lambda line: line.bbox[0])  # type: ignore[index]
        for group in _runs_of_ink(row, blanks[n]):
            if len(group) > 1 and any(id(line) in heads for line in group):
                sized = size_of_most([line for line in group if id(line) in heads])
                whole = replace(joined_line(group), size=sized)
                joined.update({id(line): whole for line in group})
    kept: dict[int, Line] = {}
    for line in lines:
        whole = joined.get(id(line), line)
        kept.setdefault(id(whole), whole)
    return tuple(kept.values())


def beside_each_other(row: Sequence[Line]) -> list[Line]:
    """The lines of one row of a head box that are pieces of a line: pieces stand side by
    side, and one whose width lies mostly (`OVERLAP`) within a surer line's is a second
    reading of that line's ink or of specks above or below it, not a piece beside it.

    >>> a = Line("真是办到了我们心坎上", 1, 0, (217, 667, 379, 682), 17, confidence=0.95)
    >>> b = Line("一|了<Sa忆尽", 1, 0, (235, 667, 342, 682), 17, confidence=0.4)
    >>> [line.text for line in beside_each_other([a, b])]
    ['真是办到了我们心坎上']
    """
    return [
        line
        for line in row
        if not any(
            (other.confidence or 0) > (line.confidence or 0)
            and _share_along(line.bbox, other.bbox) >= OVERLAP
            for other in row
            if other is not line
        )
    ]


def _share_along(box: BBox | None, other: BBox | None) -> float:
    """The share of box's width that lies within other's."""
    if box is None or other is None or box[2] <= box[0]:
        return 0.0
    return max(0.0, min(box[2], other[2]) - max(box[0], other[0])) / (box[2] - box[0])


def _box_holding(line: Line, boxes: Sequence[BBox]) -> int | None:
    """The head box holding a line's middle and all of its width."""
    x0, top, x1, bottom = line.bbox  # type: ignore[misc]
    middle, height = (top + bottom) / 2, bottom - top
    for n, (b0, b_top, b1, b_bottom) in enumerate(boxes):
        if b_top <= middle <= b_bottom and b0 - height <= x0 and x1 <= b1 + height:
            return n
    return None


def _runs_of_ink(row: list[Line], blanks: Sequence[tuple[float, float]]) -> list[list[Line]]:
    """A row of lines, left to right, in groups that no wide blank parts (`HEAD_BOX_PIECE_GAP`
    of the taller neighbour's box height)."""
    groups = [[row[0]]]
    for left, right in itertools.pairwise(row):
        tall = max(line.bbox[3] - line.bbox[1] for line in (left, right))  # type: ignore[index]
        blank = _widest_blank(left.bbox[2], right.bbox[0], blanks)  # type: ignore[index]
        if blank <= HEAD_BOX_PIECE_GAP * tall:
            groups[-1].append(right)
        else:
            groups.append([right])
    return groups


def _widest_blank(start: float, end: float, blanks: Sequence[tuple[float, float]]) -> float:
    """The widest run of blank columns between start and end."""
    return max((min(b, end) - max(a, start) for a, b in blanks), default=0.0)


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


TIMED_PAGE_PIXELS = 2480 * 3508
"""An A4 page at 300 DPI: `ocr_timeout` is the time for an image this large or smaller, and a
larger one is given time in proportion to its pixels, as tesseract's work grows with them."""


def call_timeout(timeout: float, size: tuple[int, int]) -> float:
    """The seconds one tesseract call on an image of size may take, given the page's
    timeout: a newspaper sheet twice an A4 page's pixels is given twice the time, so that a
    timeout fitting a bulletin page does not fail every large page on a busy machine.

    >>> call_timeout(120, (2480, 3508)), call_timeout(120, (4960, 3508)), call_timeout(120, (9, 9))
    (120, 240.0, 120)
    """
    return max(timeout, timeout * size[0] * size[1] / TIMED_PAGE_PIXELS)


SECOND_READING_LEAST = 0.05
"""The least share of the page's timeout a second reading (a sheet of boxes cut from a page
already read) is given: a sheet of one short line must not fail for a busy moment."""


def second_reading_timeout(timeout: float, size: tuple[int, int]) -> float:
    """The seconds a second reading of a sheet of size may take, given the page's timeout:
    time in proportion to its pixels, as an A4 page's reading is given the whole timeout.
    A second reading mends a page already read, so is worth no more time than the text it
    holds; where it fails, the page's first reading stands.

    >>> second_reading_timeout(120, (2480, 3508 // 4)), second_reading_timeout(120, (9, 9))
    (30.0, 6.0)
    """
    return timeout * max(SECOND_READING_LEAST, size[0] * size[1] / TIMED_PAGE_PIXELS)


COMPOSITE_COLUMNS = 3
"""Pages with this many columns side by side are read as a composite with widened gutters
(see `regions`): tesseract merges narrow columns. Two columns of a page read at its own
size it parts by itself, and reads a little better whole."""

SCALED_COMPOSITE_COLUMNS = 2
"""On a page scaled down to be read (`reading_scale`) tesseract reads a narrow gutter
across, as a space between words: there two columns side by side make a composite too."""


class TesseractRecognizer:
    """Tesseract 5 in the process (through the command where libtesseract is missing),
    words grouped into lines."""

    name = "tesseract"

    def __init__(self, timeout: float = 120.0) -> None:
        self.timeout = timeout
        self._notes: list[str] = []
        """What the readings since `take_notes` left undone: second readings that failed."""

    def take_notes(self) -> tuple[str, ...]:
        """The notes of the readings since last asked (a warning each), and none kept."""
        notes, self._notes = tuple(self._notes), []
        return notes

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        layout = text_regions(page.image, page.dpi, page.grey)
        read = self._page_read(page, TESSERACT_LANGS[script], source, layout)
        return self.page_lines(read, page, source)

    def page_lines(self, read: PageRead, page: PageImage, source: str) -> tuple[Line, ...]:
        """Lines of a page read, its heads read a second time alone and taking that reading
        where surer: large bold glyphs read in the page come out wrong (`食堂` as `食泽`)
        that read alone, scaled to the size tesseract was trained on, come out right. Only
        boxes that hold a head line are read (and those the page's reading passed over,
        `unread_rows`, each added as a line where its reading is sure), once the page's
        model is settled; each at 44 px first, and at 32 px only where that reading and the
        page's differ (where they agree, a third reading has nothing to mend); a box read as
        nothing at both is read once more in one-block mode, as tesseract's segmentation of
        a sheet may find no line in a row of thin glyphs. Rows of body type the page's
        reading passed over are read alone too (`_rows_read_alone`), and short lines with a
        glyph the engine doubts (`_doubted_lines_read_alone`); on a traditional page, the
        words it doubts are read by chi_sim for the characters chi_tra cannot write
        (`_glyphs_read_by_other_model`). On an upright page, a
        glyph read into a blank is dropped (`without_glyphs_read_in_blanks`), and full stops,
        commas, colons and corner brackets are read by their ink too (`marks_by_shape`); a
        page turned to read its vertical columns as rows (`PageImage.columns_as_rows`) shows
        them turned."""
        lines = self.lines(read.data, page)
        if read.heads:
            lines = self._heads_read_alone(read, page, source, lines)
        lines = self._rows_read_alone(read, page, source, lines)
        lines = self._line_ends_read_alone(read, page, source, lines)
        lines = self._doubted_lines_read_alone(read, page, source, lines)
        lines = self._glyphs_read_by_other_model(read, page, source, lines)
        lines = tuple(with_bullet_read(with_dash_read(line, page), page) for line in lines)
        if page.columns_as_rows:
            return lines
        return marks_by_shape(without_glyphs_read_in_blanks(lines), page.grey, page.dpi)

    def _line_ends_read_alone(
        self, read: PageRead, page: PageImage, source: str, lines: tuple[Line, ...]
    ) -> tuple[Line, ...]:
        """The lines with the glyph the page's reading passed over at their ends: tesseract's
        segmentation drops a line's last glyph now and then, a closing mark above all
        (`清晰，` read `清晰`, `治理能力` read `治理能`), and a first one (`不少居民` read
        `少居民`). Where ink stands in the cell after a line's last letter
        (`unread_line_ends`), the line's last glyphs are read again alone with that cell
        (black and white too where that reading is doubted, `_body_readings`), and a glyph
        so read right after the same letter is the line's (`glyph_read_after`); a line's
        start likewise, with the cell before its first letter (`unread_line_starts`,
        `glyph_read_before`)."""
        ends = unread_line_ends(lines, page.grey, page.dpi)
        starts = unread_line_starts(lines, page.grey, page.dpi)
        if not ends and not starts:
            return lines
        boxes = [end_box(lines[n], page.dpi) for n in ends]
        boxes += [start_box(lines[n], page.dpi) for n in starts]
        rows = replace(read, heads=tuple(boxes), known={})
        wanted = list(range(len(boxes)))
        readings = self._body_readings(page, rows, wanted, source)
        after = {
            n: glyph
            for cut, n in enumerate(ends)
            if (glyph := glyph_read_after(lines[n], readings.get(cut, [])))
        }
        before = {
            n: glyph
            for cut, n in enumerate(starts, start=len(ends))
            if (glyph := glyph_read_before(lines[n], readings.get(cut, [])))
        }
        mended = [
            with_glyph(line, after[n]) if n in after else line for n, line in enumerate(lines)
        ]
        return tuple(
            with_glyph_before(line, before[n]) if n in before else line
            for n, line in enumerate(mended)
        )

    def _doubted_lines_read_alone(
        self, read: PageRead, page: PageImage, source: str, lines: tuple[Line, ...]
    ) -> tuple[Line, ...]:
        """The lines with the short lines that hold a Han character the engine doubts
        (`doubted_short_lines`: a kicker, a credit, a label) read again alone, each taking
        the glyphs that reading is sure of where it agrees with the page's (`mended_by`):
        the page's reading of a short line set apart misreads a glyph now and then (`家園`
        as `家點`) that the line read alone reads right. A line that still holds a doubted
        glyph is read once more at the heads' heights (`HEAD_HEIGHTS_PX`), as which size
        reads a glyph best varies (`安亭` doubted at the page's reading size, sure at 32 px).
        A page read in vertical columns keeps its reading: its lines are columns turned,
        which the vertical model read whole."""
        doubted = [] if page.columns_as_rows else doubted_short_lines(lines)
        for heights in ((PAGE_GLYPH_PX,), HEAD_HEIGHTS_PX):
            if not doubted:
                break
            boxes = [in_pixels(bbox, page.dpi) for n in doubted if (bbox := lines[n].bbox)]
            _, readings = self._sheet_read(page, read, boxes, heights, source, PSM_BLOCK)
            if len(heights) > 1:
                readings = {cut: agreed(found) for cut, found in readings.items()}
            mended = {n: mended_by(lines[n], readings.get(c, [])) for c, n in enumerate(doubted)}
            lines = tuple(mended.get(n, line) for n, line in enumerate(lines))
            doubted = [n for n in doubted if "" in sure_han(lines[n])]
        return lines

    def _glyphs_read_by_other_model(
        self, read: PageRead, page: PageImage, source: str, lines: tuple[Line, ...]
    ) -> tuple[Line, ...]:
        """The lines with the words the engine doubts read again alone by the other script's
        model (`OTHER_MODEL`), each taking the characters its own model cannot write
        (`with_glyphs_beyond`): chi_tra holds no `涇`, which chi_sim reads as `泾`. A page
        read in vertical columns keeps its reading, as in `_doubted_lines_read_alone`."""
        other = OTHER_MODEL.get(read.lang)
        if other is None or page.columns_as_rows:
            return lines
        known = model_characters(read.lang)
        if not known:
            return lines
        lines = self._heads_read_by_other_model(read, page, source, lines, known)
        doubted = doubted_words(lines)
        if not doubted:
            return lines
        boxes = [in_pixels(word_in_line(lines[n], k), page.dpi) for n, k in doubted]
        heights = (PAGE_GLYPH_PX,)
        _, readings = self._sheet_read(
            page, replace(read, lang=other), boxes, heights, source, PSM_BLOCK
        )
        mended = list(lines)
        for cut, (n, k) in enumerate(doubted):
            for reading in readings.get(cut, [])[:1]:
                mended[n] = with_glyphs_beyond(mended[n], k, reading, read.lang, known)
        return tuple(mended)

    def _heads_read_by_other_model(
        self,
        read: PageRead,
        page: PageImage,
        source: str,
        lines: tuple[Line, ...],
        known: frozenset[str],
    ) -> tuple[Line, ...]:
        """The lines with each head read by the other script's model alone, at the largest
        of HEAD_HEIGHTS_PX, the head taking what its own model cannot write (`head_beyond`)."""
        boxes = in_points(read.heads, page.dpi)
        held = {
            n: box for n, line in enumerate(lines) if (box := head_box_of(line, boxes)) is not None
        }
        if not held:
            return lines
        other = replace(read, lang=OTHER_MODEL[read.lang])
        wanted = sorted(set(held.values()))
        readings = {n: read.other_known[n] for n in wanted if n in read.other_known}
        missing = [n for n in wanted if n not in read.other_known]
        readings.update(
            self._head_readings(page, other, missing, (max(HEAD_HEIGHTS_PX),), source)[1]
        )
        return tuple(
            head_beyond(line, readings.get(held[n], []), read.lang, known) if n in held else line
            for n, line in enumerate(lines)
        )

    def _rows_read_alone(
        self, read: PageRead, page: PageImage, source: str, lines: tuple[Line, ...]
    ) -> tuple[Line, ...]:
        """The lines with the rows of body type that the page's reading passed over
        (`unread_rows`) or made a line it doubts of (`misread_across`): tesseract's page
        segmentation drops a line of a column now and then, whole, and at times reads one,
        or two run together, as garbage. Each row is read alone at the page's
        reading size, and kept where its reading is sure (`line_read_alone`); a doubted
        line whose rows were so read goes; a doubted reading is read again black and white
        (`_body_readings`). The stretches of a row it read in part
        (`passed_over`) are read alone too, each on its own, beside the lines it read: a
        row read whole may run across a gutter the page's reading kept."""
        boxes = in_points(read.rows, page.dpi)
        marks = stretched_marks(lines, boxes)
        misread = {id(line): line.bbox for line in lines if misread_across(line, boxes, marks)}
        kept = [line for line in lines if id(line) not in misread]
        unread = [
            n
            for n in unread_rows(kept, boxes)
            if holds_a_line(boxes[n]) or ends_a_paragraph(boxes[n], boxes)
        ]
        short = {n for n in unread if not holds_a_line(boxes[n])}
        read = replace(
            read,
            rows=tuple(
                with_stop_cell(row) if n in short else row for n, row in enumerate(read.rows)
            ),
        )
        boxes = in_points(read.rows, page.dpi)
        stretches = tuple(
            stretch
            for n, row in enumerate(read.rows)
            if n not in unread
            for stretch in passed_over([ln for ln in kept if reads_row(ln, boxes[n])], row, page)
        )
        tails = [
            (line, k, box)
            for line in kept
            if (k := doubted_tail(line)) is not None
            and (box := union_bbox(word.bbox for word in line.words[k:])) is not None
        ]
        stretches += tuple(in_pixels(box, page.dpi) for _, _, box in tails)
        first = len(read.rows)
        wanted = unread + list(range(first, first + len(stretches)))
        if not wanted:
            return lines
        boxes = boxes + in_points(stretches, page.dpi)
        rows = replace(read, heads=read.rows + stretches, known={})
        readings = self._body_readings(page, rows, wanted, source)
        found = {
            n: alone
            for n in wanted
            if (alone := line_read_alone(boxes[n], readings.get(n, []), page.number))
        }
        replaced = {
            key
            for key, box in misread.items()
            if box is not None and any(shares_rows(box, boxes[n]) for n in found if n in unread)
        }
        # The tails' boxes are the last on the sheet, in order.
        first_tail = len(boxes) - len(tails)
        cut = {
            id(line): line_of_words(line, line.words[:k])
            for n, (line, k, _) in enumerate(tails, start=first_tail)
            if n in found
        }
        return tuple(cut.get(id(line), line) for line in lines if id(line) not in replaced) + tuple(
            with_blanks(alone, page.grey, page.dpi) for alone in found.values()
        )

    def _body_readings(
        self, page: PageImage, rows: PageRead, wanted: Sequence[int], source: str
    ) -> dict[int, list[tuple[str, float]]]:
        """The readings of rows of body type (rows.heads, those of the wanted indexes) read
        alone at the page's reading size in one-block mode, by index. A row whose reading the
        engine doubts (below `NOISE_CONFIDENCE`) is read once more with its ink made black
        and its paper white (`inked_image`), and both readings kept, for the surer to win:
        the engine reads a line by its grey, and the grey of a blurred print garbles a clean
        line now and then (`日上午，位于` as `目下伟人位调和`) that the same line thresholded
        reads right. A row of which neither gives a word is read at the heads' sizes
        (`HEAD_HEIGHTS_PX`): the engine's segmentation passes over a lone clean line at one
        scale now and then, and finds it at another."""
        heights = (PAGE_GLYPH_PX,)
        _, readings = self._head_readings(page, rows, wanted, heights, source, PSM_BLOCK)
        doubted = [n for n in wanted if surest(readings.get(n, [])) < NOISE_CONFIDENCE]
        _, inked = self._head_readings(page, rows, doubted, heights, source, PSM_BLOCK, inked=True)
        for n, more in inked.items():
            readings[n] = readings.get(n, []) + more
        unread = [n for n in wanted if not readings.get(n)]
        if unread:
            _, sized = self._head_readings(page, rows, unread, HEAD_HEIGHTS_PX, source, PSM_BLOCK)
            for n, more in sized.items():
                readings[n] = readings.get(n, []) + more
        return readings

    def _heads_read_alone(
        self, read: PageRead, page: PageImage, source: str, lines: tuple[Line, ...]
    ) -> tuple[Line, ...]:
        """The lines with the page's heads read alone (see `page_lines`)."""
        scale = 72 / page.dpi
        boxes = in_points(read.heads, page.dpi)
        blanks = [
            [(a * scale, b * scale) for a, b in blank_columns(page.grey, box)] for box in read.heads
        ]
        lines = cut_between_heads(lines, boxes, page)
        lines, in_box = head_boxes(lines, boxes, blanks)
        held = set(in_box.values())
        unread = [n for n in unread_heads(lines, boxes) if n not in held]
        unread += read_in_part(lines, boxes, read.heads, held | set(unread), page)
        *smaller, largest = HEAD_HEIGHTS_PX
        wanted = sorted(held | set(unread))
        first = {n: read.known[n] for n in wanted if n in read.known}
        missing = [n for n in wanted if n not in read.known]
        first.update(self._head_readings(page, read, missing, (largest,), source)[1])
        texts: dict[int, set[str]] = {}
        for line in lines:
            if id(line) in in_box:
                texts.setdefault(in_box[id(line)], set()).add(line.text)
        doubtful = [
            n for n in wanted if {text for text, _ in first.get(n, ())} != texts.get(n, set())
        ]
        _, second = self._head_readings(page, read, doubtful, smaller, source)
        readings = {
            n: [
                found for found in second.get(n, []) + first.get(n, []) if fits_box(found, boxes[n])
            ]
            for n in wanted
        }
        above = carried_on(read.heads)
        tails = [n for n in unread if not readings[n] and above[n] is not None]
        if tails:
            after = [above[n] for n in tails]
            _, found_after = self._head_readings(
                page, read, tails, (largest,), source, PSM_BLOCK, after
            )
            readings.update(found_after)
        blank = [n for n in wanted if not readings[n] and n not in tails]
        if blank:
            readings.update(
                self._head_readings(page, read, blank, (largest,), source, PSM_BLOCK)[1]
            )
        found = {
            n: with_blanks(alone, page.grey, page.dpi)
            for n in unread
            if (alone := line_read_alone(boxes[n], readings[n], page.number))
        }
        taken = take_readings(lines, in_box, readings, boxes, [boxes[n] for n in found])
        mended = tuple(
            line if line.bbox == before.bbox else with_blanks(line, page.grey, page.dpi)
            for line, before in zip(taken, lines, strict=True)
            if line is not None
        )
        return mended + tuple(found.values())

    def _head_readings(
        self,
        page: PageImage,
        read: PageRead,
        wanted: Sequence[int],
        heights: Sequence[int],
        source: str,
        psm: int = PSM_AUTO,
        above: Sequence[tuple[int, int, int, int] | None] = (),
        inked: bool = False,
    ) -> tuple[dict[str, Any], dict[int, list[tuple[str, float]]]]:
        """The heads of a page read (the boxes of the given indexes) read alone in its
        model, each scaled to each of the glyph heights: tesseract's word data for the sheet
        and the readings by box index. above: by wanted head, the box of the head row it is
        read after (`carried_on`), or None. inked: the sheet is handed over black and white
        (`inked_image`), so needs no thresholding of the engine's."""
        if not wanted or not heights:
            return libtesseract.no_words(), {}
        heads = [read.heads[n] for n in wanted]
        data, found = self._sheet_read(page, read, heads, heights, source, psm, above, inked)
        return data, {wanted[cut]: texts for cut, texts in readings_as_text(found).items()}

    def _sheet_read(
        self,
        page: PageImage,
        read: PageRead,
        boxes: Sequence[tuple[int, int, int, int]],
        heights: Sequence[int],
        source: str,
        psm: int,
        above: Sequence[tuple[int, int, int, int] | None] = (),
        inked: bool = False,
    ) -> tuple[dict[str, Any], dict[int, list[list[Word]]]]:
        """Boxes of a page (pixels) cut onto a sheet, each scaled to each of the glyph
        heights on the paper of the page read (`HeadSheet`), read in its model (see
        `_head_readings` for above and inked): tesseract's word data and each box's readings
        by its index. Boxes too many for one sheet tesseract takes (`MOST_SIDE_PX`) are
        read on as many sheets as they need, the sheets' word data one after another."""
        sheet = HeadSheet.of(page.image, boxes, read.paper, heights, above)
        if sheet.image.height > libtesseract.MOST_SIDE_PX and len(boxes) > 1:
            half = len(boxes) // 2
            data, found = self._sheet_read(
                page, read, boxes[:half], heights, source, psm, above[:half], inked
            )
            more, found_after = self._sheet_read(
                page, read, boxes[half:], heights, source, psm, above[half:], inked
            )
            found.update({half + cut: words for cut, words in found_after.items()})
            return {name: data[name] + more[name] for name in data}, found
        image = inked_image(sheet.image) if inked else sheet.image
        local = page.uneven_light and not inked
        try:
            data = self._data(
                image, read.lang, page.number, source, page.dpi, psm, local, second=True
            )
        except OcrError as e:
            self._notes.append(
                f"page {page.number}: a second reading of {len(boxes)} of its boxes was left "
                f"undone ({e.problem}); the page's first reading of them stands"
            )
            data = libtesseract.no_words()
        return data, sheet.word_readings(data)

    def _page_read(self, page: PageImage, lang: str, source: str, layout: PageRegions) -> PageRead:
        """Tesseract's word data for a whole page in page pixels. The page is read scaled
        to its reading size (`reading_scale`); one with columns side by side as a composite
        with widened gutters (see `regions`, `COMPOSITE_COLUMNS`), so no line crosses a
        gutter. layout is the page's `text_regions`."""
        factor = reading_scale(layout.glyph)
        least = COMPOSITE_COLUMNS if factor == 1 else SCALED_COMPOSITE_COLUMNS
        composite = compose(page.image, layout) if layout.columns_across >= least else None
        image = composite.image if composite else page.image
        data = self._data(
            scaled(image, factor),
            lang,
            page.number,
            source,
            page.dpi * factor,
            local=page.uneven_light,
        )
        data = data_at_scale(data, 1 / factor)
        if composite:
            data = words_on_page(data, composite)
        return PageRead(data, lang, layout.heads, layout.paper, rows=layout.rows)

    def recognize_vertical(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        """Lines of a page set in vertical columns (see `regions.text_orientation`), read
        with tesseract's vertical model, in the page turned a quarter turn counter-clockwise
        (`turned`): there each column is a row and the columns, read right to left, come top
        to bottom, as layout reads a page."""
        read = self._vertical_read(page, VERTICAL_LANGS[script], source)
        return self.page_lines(read, page.turned(), source)

    def _vertical_read(self, page: PageImage, lang: str, source: str) -> PageRead:
        data = self._data(page.image, lang, page.number, source, page.dpi, local=page.uneven_light)
        return PageRead(turned(data, page.image.width), lang)

    def recognize_detecting(
        self, page: PageImage, *, source: str, second_opinion: Any = None, vertical: bool = False
    ) -> tuple[str, tuple[Line, ...]]:
        """The page's script and its lines, each model reading the page at most once.

        First the page's first heads are read alone with chi_sim (a twentieth of a page's
        cost). Where they lean traditional (`heads_lean_traditional`), chi_tra reads the
        page, and where it is sure of its script's peculiar characters the page is
        traditional. Otherwise chi_sim reads the page (what a simplified page needs anyway):
        where it is sure of the characters peculiar to simplified script, the page is
        simplified; else chi_tra reads the page too and the script lead between the two
        readings decides (`script_lead`; a band of the page misled it where the band held
        titles and columns read across; the page read whole is what the chosen model's lines
        come from, and a traditional page needs it anyway). Where the lead is traditional's
        only narrowly, second_opinion (RapidOCR's, where installed) decides. vertical: the
        page is set in columns, and is read with the vertical models (see
        `recognize_vertical`), without the heads' lean."""
        langs = VERTICAL_LANGS if vertical else TESSERACT_LANGS
        layout = None if vertical else text_regions(page.image, page.dpi, page.grey)
        reads: dict[str, PageRead] = {}
        first_heads: dict[int, list[tuple[str, float]]] = {}

        def read(script: str) -> PageRead:
            if script not in reads:
                if layout is None:
                    reads[script] = self._vertical_read(page, langs[script], source)
                else:
                    reads[script] = self._page_read(page, langs[script], source, layout)
                # The first heads were read with chi_sim.
                if script == "simplified":
                    reads[script] = replace(reads[script], known=first_heads)
                else:
                    reads[script] = replace(reads[script], other_known=first_heads)
            return reads[script]

        leans = False
        if layout is not None and layout.heads:
            data, first_heads = self._first_heads(page, layout, source)
            leans = heads_lean_traditional(data)
        shown = page.turned() if vertical else page
        if leans and sure_of_traditional(read("traditional").data):
            return "traditional", self.page_lines(read("traditional"), shown, source)
        simplified = read("simplified")
        if sure_of_simplified(simplified.data):
            return "simplified", self.page_lines(simplified, shown, source)
        lead = script_lead(simplified.data, read("traditional").data)
        script = "traditional" if lead >= TRADITIONAL_LEAD else "simplified"
        if script == "traditional" and lead < DOUBTFUL_LEAD and second_opinion is not None:
            script = second_opinion(page)
        return script, self.page_lines(read(script), shown, source)

    def _first_heads(
        self, page: PageImage, layout: PageRegions, source: str
    ) -> tuple[dict[str, Any], dict[int, list[tuple[str, float]]]]:
        """chi_sim's reading of the page's first PRIOR_HEADS heads alone at the largest of
        HEAD_HEIGHTS_PX: the word data (to tell whether it leans traditional, see
        `heads_lean_traditional`) and the readings by head box, which a simplified page's
        heads take as their second reading at that height."""
        heads = PageRead({}, TESSERACT_LANGS["simplified"], layout.heads, layout.paper)
        wanted = list(range(min(PRIOR_HEADS, len(layout.heads))))
        return self._head_readings(page, heads, wanted, (max(HEAD_HEIGHTS_PX),), source)

    def lines(self, data: dict[str, Any], page: PageImage) -> tuple[Line, ...]:
        """Lines from tesseract's word data for one page, as tesseract groups its words;
        a line it cut in two is joined again (`join_touching`). Where a line crosses a
        gutter is for layout to find. A line read from one column of a composite (see
        `words_on_page`) says so by its origin (`COLUMN_READ`): it crosses none."""
        groups: dict[tuple[int, int, int], list[Word]] = {}
        columnar = data.get("columnar") or [False] * len(data["text"])
        in_column: set[int] = set()
        for i, text in enumerate(data["text"]):
            if not text.strip() or float(data["conf"][i]) < 0:
                continue
            word = tesseract_word(data, i)
            if columnar[i]:
                in_column.add(id(word))
            groups.setdefault(line_key(data, i), []).append(word)
        segments = list(groups.values())
        lines = [
            with_blanks(
                line_from_words(
                    part,
                    page,
                    COLUMN_READ if all(id(w) in in_column for w in part) else "ocr-tesseract",
                    doubt=NOISE_CONFIDENCE,
                ),
                page.grey,
                page.dpi,
            )
            for part in join_touching(segments)
        ]
        return number_rows(lines)

    def detect_script(self, page: PageImage, *, source: str) -> str:
        """Read the page's densest band with both models. A model that reads its own script
        is as sure of the characters peculiar to that script as of the shared ones; a model
        reading the other script is least sure exactly there. Traditional when chi_tra's
        lead on its peculiar characters reaches TRADITIONAL_LEAD (`script_lead`)."""
        band = densest_band(page.image)
        local = page.uneven_light
        simplified = self._data(band, "chi_sim", page.number, source, page.dpi, local=local)
        traditional = self._data(band, "chi_tra", page.number, source, page.dpi, local=local)
        lead = script_lead(simplified, traditional)
        return "traditional" if lead >= TRADITIONAL_LEAD else "simplified"

    def _data(
        self,
        image: Image.Image,
        lang: str,
        number: int,
        source: str,
        dpi: float = 300,
        psm: int = PSM_AUTO,
        local: bool = False,
        second: bool = False,
    ) -> dict[str, Any]:
        """Tesseract's word data for one image, read within the timeout in page segmentation
        mode psm, thresholded pixel by pixel where local (`LOCAL_THRESHOLDING`): in this
        process where libtesseract is found (see `libtesseract`), else by the command.
        second: the image is a sheet cut from a page read already, given time as its pixels
        ask (`second_reading_timeout`), not a page's."""
        require_tesseract(lang)
        method = LOCAL_THRESHOLDING if local else PAGE_THRESHOLDING
        timed = second_reading_timeout if second else call_timeout
        timeout = timed(self.timeout, image.size)

        def read() -> dict[str, Any]:
            if not libtesseract.available():
                return self._command_data(image, lang, number, source, dpi, timeout, psm, method)
            try:
                return libtesseract.word_data(as_read(image), lang, dpi, timeout, psm, method)
            except libtesseract.TesseractFailed as e:
                raise OcrError(source, number, f"tesseract failed or timed out: {e}") from e

        # The automatic mode and thresholding key a call as before they could be told:
        # tapes stay valid.
        mode: tuple[int, ...] = () if psm == PSM_AUTO else (psm,)
        if local:
            mode = (*mode, method)
        options = (lang, round(dpi, 2), image.mode, image.size, *mode)
        return engine_call("tesseract", tesseract_version, options, image.tobytes, read)

    def orientation(self, page: PageImage, *, source: str) -> int:
        """The turn (degrees counter-clockwise: 0, 90, 180 or 270) that sets a page's text
        upright, where tesseract's orientation model tells it surely (`OSD_SURE`), read at
        ORIENTATION_DPI; 0 where it does not, or where its model is not installed."""
        if not models_installed(OSD_MODEL):
            return 0
        factor = min(1.0, ORIENTATION_DPI / page.dpi)
        image = scaled(page.image, factor)
        dpi = page.dpi * factor

        def read() -> list[float]:
            if not libtesseract.available():
                return list(self._command_orientation(image, dpi))
            try:
                return list(libtesseract.orientation(as_read(image), dpi))
            except libtesseract.TesseractFailed:
                return [0, 0.0]  # the model would not load: the page stays as it stands

        options = (round(dpi, 2), image.mode, image.size)
        turn, sure = engine_call("tesseract-osd", tesseract_version, options, image.tobytes, read)
        return int(turn) if sure >= OSD_SURE else 0

    def _command_orientation(self, image: Image.Image, dpi: float) -> tuple[int, float]:
        """`libtesseract.orientation`, by the command."""
        import pytesseract

        with tempfile.TemporaryDirectory(prefix="bulletin-ingest-") as folder:
            path = Path(folder) / "image.tif"
            save_for_tesseract(image, path, dpi)
            try:
                found = pytesseract.image_to_osd(
                    str(path), output_type=pytesseract.Output.DICT, timeout=self.timeout
                )
            except (RuntimeError, pytesseract.TesseractError):
                return 0, 0.0  # too little text to tell
        return int(found["orientation"]), float(found["orientation_conf"])

    def _command_data(
        self,
        image: Image.Image,
        lang: str,
        number: int,
        source: str,
        dpi: float,
        timeout: float,
        psm: int = PSM_AUTO,
        method: int = 0,
    ) -> dict[str, Any]:
        """Tesseract's word data for one image from the command within timeout seconds,
        handed an uncompressed TIFF carrying the resolution (`save_for_tesseract`): its word
        rows, as the library in the process gives them."""
        import pytesseract

        try:
            with tempfile.TemporaryDirectory(prefix="bulletin-ingest-") as folder:
                path = Path(folder) / "image.tif"
                save_for_tesseract(image, path, dpi)
                return libtesseract.word_rows(
                    pytesseract.image_to_data(
                        str(path),
                        lang=lang,
                        config=f"--psm {psm} -c thresholding_method={method}",
                        output_type=pytesseract.Output.DICT,
                        timeout=timeout,
                    )
                )
        except RuntimeError as e:
            raise OcrError(source, number, f"tesseract failed or timed out: {e}") from e
        except pytesseract.TesseractError as e:
            raise OcrError(source, number, f"tesseract failed: {e.message}") from e


ORIENTATION_DPI = 150
"""A page's orientation is told from it at this resolution: its glyphs' shapes show
plainly, in a quarter of a 300 DPI page's pixels."""

OSD_SURE = 2.0
"""Tesseract's orientation model names a turn at this confidence (its own scale) or more;
less is a guess. The page read turned must be read surer too, so a low floor costs only
a reading."""


PAGE_THRESHOLDING = 0
LOCAL_THRESHOLDING = 2
"""Tesseract's thresholding methods: Otsu's, one threshold for the whole page (its default),
and Sauvola's, a threshold for each pixel from its neighbourhood, for a page lit unevenly
(`PageImage.uneven_light`), whose dim side a threshold for the whole page turns to blots."""

PAGE_GLYPH_PX = 36
"""A page is read scaled down until its body glyphs stand about this many pixels tall:
tesseract reads larger glyphs worse, and more slowly, for their pixels. Heads are read
again alone, at sizes of their own (`HEAD_HEIGHTS_PX`)."""

SCALE_AT_LEAST = 0.05
"""A page whose glyphs stand within this share of PAGE_GLYPH_PX is read as it is:
resampling it gains nothing."""


def reading_scale(glyph: float) -> float:
    """The factor a page whose body glyphs stand glyph pixels tall is scaled by to be read
    (`PAGE_GLYPH_PX`); 1 where they are no larger than that, or the page's glyph is
    unknown.

    >>> reading_scale(52), reading_scale(36.5), reading_scale(27), reading_scale(0)
    (0.6923076923076923, 1.0, 1.0, 1.0)
    """
    if glyph <= 0:
        return 1.0
    factor = PAGE_GLYPH_PX / glyph
    return factor if factor < 1 - SCALE_AT_LEAST else 1.0


def scaled(image: Image.Image, factor: float) -> Image.Image:
    """An image scaled by factor (as it is where that is 1), bilinearly: Pillow widens the
    filter with the scale, so every pixel a stroke darkens still counts, at half Lanczos's
    cost, and tesseract reads glyphs so softened no worse."""
    if factor == 1:
        return image
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.BILINEAR)


def data_at_scale(data: dict[str, Any], factor: float) -> dict[str, Any]:
    """Tesseract's word data with its boxes scaled by factor: words read in a scaled image
    put back in the page's pixels.

    >>> data = {"text": ["字"], "left": [10], "top": [20], "width": [36], "height": [36]}
    >>> data_at_scale(data, 1.5)
    {'text': ['字'], 'left': [15], 'top': [30], 'width': [54], 'height': [54]}
    """
    if factor == 1:
        return data
    moved = dict(data)
    for key in ("left", "top", "width", "height"):
        moved[key] = [round(v * factor) for v in data[key]]
    return moved


def turned(data: dict[str, Any], width: int) -> dict[str, Any]:
    """Tesseract's word data for a page of width pixels, its boxes moved to the page turned a
    quarter turn counter-clockwise: a column read top to bottom becomes a row read left to
    right, and the right-hand column the top row.

    >>> turned({"text": ["新"], "left": [900], "top": [100], "width": [40], "height": [45]}, 1000)
    {'text': ['新'], 'left': [100], 'top': [60], 'width': [45], 'height': [40]}
    """
    moved = dict(data)
    moved["left"] = list(data["top"])
    moved["top"] = [width - (left + w) for left, w in zip(data["left"], data["width"], strict=True)]
    moved["width"] = list(data["height"])
    moved["height"] = list(data["width"])
    return moved


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


def inked_image(image: Image.Image) -> Image.Image:
    """An image black where it holds ink (`ink_of`) and white elsewhere: a second opinion
    on what the engine read from the grey."""
    ink = ink_of(np.asarray(image.convert("L")))
    return Image.fromarray(np.where(ink, 0, 255).astype(np.uint8))


def as_read(image: Image.Image) -> Image.Image:
    """An image as tesseract reads it fastest: one bit a pixel where it is black and white
    only."""
    # Nothing to dither between black and white; dithering would cost 0.04 s a page.
    return image.convert("1", dither=Image.Dither.NONE) if is_bilevel(image) else image


def save_for_tesseract(image: Image.Image, path: Path, dpi: float) -> None:
    """An image written for the tesseract command as it reads it fastest (`as_read`): an
    uncompressed TIFF carrying its resolution. (pytesseract would write a PNG, and
    compressing a noisy 300 DPI page costs about a second, as long as tesseract takes to
    read it.)"""
    # "raw" said outright: Pillow would reuse a source TIFF's group4 setting.
    as_read(image).save(path, format="TIFF", compression="raw", dpi=(round(dpi), round(dpi)))


def is_bilevel(image: Image.Image) -> bool:
    """Whether a greyscale image holds only black and white (a bilevel scan): tesseract
    reads it a fifth faster handed over as one bit a pixel."""
    if image.mode != "L":
        return image.mode == "1"
    histogram = image.histogram()
    return sum(histogram[1:255]) == 0


LANGUAGE_NAME = regex.compile(r"[a-z_]+")
"""A line of `tesseract --list-langs` that names an installed language."""


@cache
def installed_models() -> tuple[Path | None, frozenset[str]]:
    """The folder tesseract reads its models from (None where it does not say) and the
    languages installed there, as `tesseract --list-langs` tells them, asked once a
    process."""
    import pytesseract

    command = [pytesseract.pytesseract.tesseract_cmd, "--list-langs"]
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except OSError as e:
        raise MissingDependencyError(tesseract_missing()) from e
    if result.returncode not in (0, 1):
        raise MissingDependencyError(tesseract_missing())
    listed = [line.strip() for line in result.stdout.decode("utf-8").splitlines()]
    # The list opens: List of available languages in "FOLDER" (N):
    heads = [line.split('"') for line in listed if line.startswith("List of")]
    folder = Path(heads[0][1]) if heads and len(heads[0]) > 2 else None
    return folder, frozenset(line for line in listed if LANGUAGE_NAME.fullmatch(line))


def installed_languages() -> frozenset[str]:
    """The languages tesseract has models for (`installed_models`)."""
    return installed_models()[1]


@cache
def model_characters(lang: str) -> frozenset[str]:
    """The characters lang's model can write: its recognizer's character set, read from
    its installed traineddata file (`unicharset_characters`); empty where the file cannot
    be found or read."""
    try:
        folder = installed_models()[0]
        if folder is None:
            return frozenset()
        return unicharset_characters((folder / f"{lang}.traineddata").read_bytes())
    except (MissingDependencyError, OSError, ValueError, UnicodeDecodeError):
        return frozenset()


LSTM_UNICHARSET = 21
"""The index of the recognizer's character set among a traineddata file's components."""

MOST_COMPONENTS = 64
"""A traineddata file lists fewer components than this (tesseract 5 knows 24): a file
whose count is larger is not one."""


def unicharset_characters(data: bytes) -> frozenset[str]:
    """The characters of the recognizer's character set in a traineddata file: a count of
    components, their offsets (-1 for one absent) and the components; the character set is
    text, a count and then a character a line, first on the line."""
    count = int.from_bytes(data[:4], "little")
    if not LSTM_UNICHARSET < count <= MOST_COMPONENTS:
        raise ValueError("not a traineddata file")
    offsets = [
        int.from_bytes(data[4 + 8 * i : 12 + 8 * i], "little", signed=True) for i in range(count)
    ]
    start = offsets[LSTM_UNICHARSET]
    if start < 0:
        return frozenset()
    end = min([o for o in offsets[LSTM_UNICHARSET + 1 :] if o > start] + [len(data)])
    rows = data[start:end].decode("utf-8").splitlines()[1:]
    return frozenset(row.split(" ")[0] for row in rows if row)


def tesseract_missing() -> str:
    """Why the tesseract command cannot be run, and what to do: not installed, or
    installed where PATH does not lead."""
    installed = [p for p in ("/usr/bin/tesseract", "/usr/local/bin/tesseract") if Path(p).exists()]
    if installed and shutil.which("tesseract") is None:
        return (
            f"tesseract is installed at {installed[0]} but not on PATH "
            f"({os.environ.get('PATH', '')}): add {Path(installed[0]).parent} to PATH"
        )
    return f"tesseract is not installed: {INSTALL_TESSERACT}"


def models_installed(*langs: str) -> bool:
    """Whether tesseract and all of the given models are installed."""
    try:
        return set(langs) <= installed_languages()
    except MissingDependencyError:
        return False


def vertical_models_installed() -> bool:
    """Whether tesseract and both its vertical models are installed."""
    return models_installed(*VERTICAL_LANGS.values())


@cache
def tesseract_version() -> str:
    """The version of the tesseract installed, as its command states it."""
    import pytesseract

    try:
        return str(pytesseract.get_tesseract_version())
    except (OSError, RuntimeError, pytesseract.TesseractNotFoundError):
        return "unknown"


def require_tesseract(lang: str) -> None:
    """A `MissingDependencyError` naming the package to install, unless tesseract and the
    language pack are installed."""
    if lang not in installed_languages():
        package = APT_PACKAGES.get(lang, "tesseract-ocr-" + lang)
        prefix = os.environ.get("TESSDATA_PREFIX")
        if prefix:
            raise MissingDependencyError(
                f"tesseract language pack {lang} is not in TESSDATA_PREFIX={prefix}, which "
                f"replaces tesseract's own model folder: put {lang}.traineddata there, or "
                f"unset TESSDATA_PREFIX (apt-get install {package} installs it in the default)"
            )
        raise MissingDependencyError(
            f"tesseract language pack {lang} is not installed: apt-get install {package}"
        )
