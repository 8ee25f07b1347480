"""Text set solid: a line of Han and full-width marks holds one glyph per em of its type.

Tesseract's language model reads a glyph into a blank now and then (`人民和群众` for
`人民群众`), doubting it. The line's box holds as many ems as were printed, so its advance
(width per glyph read, `glyph_size`) falls short of its column's type by one glyph's
share: the reading holds one glyph more than the line's width has room for.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import regex

from ..chars import CJK_PUNCT, HAN, HAN_RE, em_count
from ..model import Line
from .lines import MIN_EMS_FOR_WIDTH, is_read, line_of_words

SET_SOLID_RE = regex.compile(rf"[{HAN}{CJK_PUNCT}]+")

EXTRA_GLYPH = (0.75, 1.5)
"""Glyphs a reading holds beyond its line's width for one of them to have been read into a
blank: more than half a glyph over the slack a justified line's spacing leaves, and not two."""

NEIGHBOUR_EMS = 4.0
"""How far above or below a line, in its ems, the lines that show its column's type lie."""

LEAST_NEIGHBOURS = 2
"""Lines that must show a column's type before a line is measured against it."""

ONE_TYPE = 0.05
"""Lines whose inks' heights differ by less than this share are set in one type: OCR reads
one type's height to a few percent, and a caption is set a tenth smaller than the body, a
kicker larger. A line is measured against neighbours of its own type only."""


def set_solid(text: str) -> bool:
    """Whether text is all Han and full-width marks, each a glyph one em wide."""
    return bool(SET_SOLID_RE.fullmatch("".join(text.split())))


def column_size(line: Line, lines: Sequence[Line]) -> float | None:
    """The type of a line's column: the median size of the read lines above and below it
    that share most of its span, or None where too few do or where the line's ink is not
    as tall as theirs (`ONE_TYPE`): it is set in another type."""
    if line.bbox is None or line.size is None:
        return None
    left, top, right, bottom = line.bbox
    reach = NEIGHBOUR_EMS * line.size
    neighbours = [
        other
        for other in lines
        if other is not line
        and other.bbox is not None
        and other.size
        and is_read(other)
        and abs(other.bbox[1] - top) <= reach
        and min(right, other.bbox[2]) - max(left, other.bbox[0])
        > min(right - left, other.bbox[2] - other.bbox[0]) / 2
    ]
    if len(neighbours) < LEAST_NEIGHBOURS:
        return None
    height = statistics.median(other.bbox[3] - other.bbox[1] for other in neighbours if other.bbox)
    if abs(bottom - top - height) > ONE_TYPE * height:
        return None
    return statistics.median(other.size or 0.0 for other in neighbours)


def glyphs_over_width(line: Line, size: float) -> float:
    """How many glyphs more a set-solid line's reading holds than its width has ems of the
    given type."""
    assert line.size is not None
    return em_count(line.text) * (1 - line.size / size)


def doubted_single_glyph(line: Line) -> int | None:
    """The index of the word the engine was least sure of among the doubted words of one Han
    glyph, or None where it doubted none."""
    doubted = [
        (word.confidence or 0.0, i)
        for i, word in enumerate(line.words)
        if word.doubtful and HAN_RE.fullmatch(word.text.strip())
    ]
    return min(doubted)[1] if doubted else None


def without_glyph_read_in_blank(line: Line, lines: Sequence[Line]) -> Line:
    """A set-solid line whose reading holds one glyph more than its width has room for,
    without the single glyph the engine doubted most: the one it read into a blank. Only a
    line of MIN_EMS_FOR_WIDTH glyphs or more, whose size is measured by its width."""
    if not is_read(line) or line.size is None or not set_solid(line.text):
        return line
    invented = doubted_single_glyph(line)
    if invented is None or em_count(line.text) < MIN_EMS_FOR_WIDTH:
        return line
    size = column_size(line, lines)
    if size is None or not EXTRA_GLYPH[0] <= glyphs_over_width(line, size) < EXTRA_GLYPH[1]:
        return line
    return line_of_words(line, line.words[:invented] + line.words[invented + 1 :])


def without_glyphs_read_in_blanks(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """Every line, less a glyph read into a blank (`without_glyph_read_in_blank`), each
    measured against the lines as read."""
    return tuple(without_glyph_read_in_blank(line, lines) for line in lines)
