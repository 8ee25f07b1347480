"""Marks read by their ink: an engine's full stop or comma checked against the shape the
page shows where it read it.

A small face blurs `，` and `。` into one another for a recognizer, and the two decide where
sentences end. Their shapes differ in every typeface: a full stop is a ring, round, with
paper inside it; a comma is a solid head with a tail, taller than wide. Where a reading
puts one of them, and the mark's own ink stands there, that ink says which it is.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..chars import em_count
from ..model import Line
from .regions import SPECK, ink_of, runs

FULL_STOP, COMMA = "。", "，"
READ_BY_SHAPE = "，。,"
"""The marks whose reading the ink can settle: the full stop and the comma, full-width or
ASCII (a Chinese model reads a comma of Han text as `,` too)."""

MARK_SPAN = 0.55
"""A punctuation mark's ink spans less than this share of a glyph's size either way; a Han
character's spans most of it."""

MARK_LEAST = 0.12
"""Ink spanning less than this share of a glyph either way is a speck, no mark."""

MARK_REACH = 0.5
"""A mark's ink lies within this many glyphs of where the reading places it (its share of
its word's box)."""

TAIL_ASPECT = 1.3
"""A comma's ink stands at least this much taller than wide (its tail under its head); a
full stop's ring is as wide as tall."""

COMMA_HEAD = 0.15
"""A comma's head is at least this share of a glyph wide; narrower ink is the end of a
stroke, which is solid and tall too."""


def encloses_paper(ink: np.ndarray) -> bool:
    """Whether ink (a mask) closes round paper that its edge does not reach, SPECK pixels or
    more of it: a ring.

    >>> ring = np.ones((5, 5), bool)
    >>> ring[1:4, 1:4] = False
    >>> encloses_paper(ring), encloses_paper(np.ones((5, 5), bool))
    (True, False)
    """
    paper = ~ink
    reached = np.zeros_like(paper)
    reached[[0, -1], :] = paper[[0, -1], :]
    reached[:, [0, -1]] = paper[:, [0, -1]]
    while True:
        grown = reached.copy()
        grown[1:, :] |= reached[:-1, :]
        grown[:-1, :] |= reached[1:, :]
        grown[:, 1:] |= reached[:, :-1]
        grown[:, :-1] |= reached[:, 1:]
        grown &= paper
        if (grown == reached).all():
            break
        reached = grown
    return int((paper & ~reached).sum()) >= SPECK


def mark_by_shape(ink: np.ndarray, glyph: float) -> str | None:
    """The mark a small patch of ink (a mask cut to the ink) is by its shape: a full stop
    where it is a round ring, a comma where it is solid, taller than wide and with a head
    (`TAIL_ASPECT`, `COMMA_HEAD`; glyph: the glyph size in pixels); None where it is
    neither plainly.

    >>> ring = np.ones((6, 6), bool)
    >>> ring[2:4, 2:4] = False
    >>> comma = np.ones((9, 5), bool)
    >>> comma[6:, 3:] = False
    >>> mark_by_shape(ring, 40), mark_by_shape(comma, 30), mark_by_shape(comma[:, :2], 30)
    ('。', '，', None)
    """
    tall, wide = ink.shape
    if encloses_paper(ink):
        return FULL_STOP if tall < TAIL_ASPECT * wide else None
    if tall >= TAIL_ASPECT * wide and wide >= COMMA_HEAD * glyph and tail_leans_left(ink):
        return COMMA
    return None


def tail_leans_left(ink: np.ndarray) -> bool:
    """Whether ink's lowest quarter lies left of its upper half, as a comma's tail runs
    down to the left from its head; a glyph's dot (`丶`) and the enumeration comma `、`
    run down to the right.

    >>> comma = np.array([[1, 1, 1], [1, 1, 1], [0, 1, 1], [0, 1, 0], [1, 0, 0]], bool)
    >>> tail_leans_left(comma), tail_leans_left(comma[:, ::-1])
    (True, False)
    """
    columns = np.arange(ink.shape[1])
    tall = ink.shape[0]
    upper, lowest = ink[: tall // 2], ink[tall - max(1, tall // 4) :]
    return bool((lowest * columns).sum() / lowest.sum() < (upper * columns).sum() / upper.sum())


def small_inks(ink: np.ndarray, glyph: float) -> list[tuple[float, np.ndarray]]:
    """The runs of inked columns of a line's band (a mask) small enough to be a mark
    (`MARK_SPAN`, `MARK_LEAST`; glyph in pixels) that reach below the band's middle, each as
    its middle column and its ink cut to it. Full stops and commas sit low in the cell, or
    in its middle in a traditional face; a quote's strokes, shaped as commas, sit high."""
    found = []
    for start, end in runs(np.asarray(ink.any(axis=0))):
        piece = ink[:, start:end]
        rows = np.nonzero(piece.any(axis=1))[0]
        top, bottom = int(rows[0]), int(rows[-1]) + 1
        spans = (end - start, bottom - top)
        if bottom <= ink.shape[0] / 2:
            continue
        if max(spans) < MARK_SPAN * glyph and max(spans) >= MARK_LEAST * glyph:
            found.append(((start + end) / 2, piece[top:bottom]))
    return found


def mark_places(line: Line) -> list[tuple[int, int, float]]:
    """Where a line's reading puts each full stop and comma: (word, offset in the word,
    x in points), the x at the mark's share of its word's box by ems (`em_count`)."""
    places = []
    for n, word in enumerate(line.words):
        total = em_count(word.text)
        if not total:
            continue
        before = 0.0
        for i, char in enumerate(word.text):
            ems = em_count(char)
            if char in READ_BY_SHAPE:
                share = (before + ems / 2) / total
                places.append((n, i, word.bbox[0] + share * (word.bbox[2] - word.bbox[0])))
            before += ems
    return places


def with_marks_by_shape(line: Line, grey: np.ndarray, dpi: float) -> Line:
    """The line with each full stop or comma it reads as the other set right, where the
    mark's ink stands within MARK_REACH of its place and its shape is plain
    (`mark_by_shape`); an ASCII comma becomes a full stop only so, as cleanup makes it a
    full-width comma anyway."""
    if line.bbox is None or not line.size or not any(c in READ_BY_SHAPE for c in line.text):
        return line
    if "".join(word.text for word in line.words) != line.text:
        return line
    scale = dpi / 72
    glyph = line.size * scale
    x0, top, x1, bottom = line.bbox
    left = max(0, round((x0 - MARK_REACH * line.size) * scale))
    right = min(grey.shape[1], round((x1 + MARK_REACH * line.size) * scale))
    band = grey[max(0, round(top * scale)) : round(bottom * scale), left:right]
    if band.size == 0:
        return line
    inks = [((left + middle) / scale, piece) for middle, piece in small_inks(ink_of(band), glyph)]
    words = list(line.words)
    for n, i, x in mark_places(line):
        near = min(inks, key=lambda ink: abs(ink[0] - x), default=None)
        if near is None or abs(near[0] - x) > MARK_REACH * line.size:
            continue
        shape = mark_by_shape(near[1], glyph)
        read = words[n].text[i]
        if shape is None or shape == read or (read == "," and shape == COMMA):
            continue
        text = words[n].text
        words[n] = replace(words[n], text=text[:i] + shape + text[i + 1 :])
    if words == list(line.words):
        return line
    return replace(line, words=tuple(words), text="".join(word.text for word in words))


def marks_by_shape(lines: tuple[Line, ...], grey: np.ndarray, dpi: float) -> tuple[Line, ...]:
    """Every line with its full stops and commas read by their shape (`with_marks_by_shape`)."""
    return tuple(with_marks_by_shape(line, grey, dpi) for line in lines)
