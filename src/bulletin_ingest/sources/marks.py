"""Marks read by their ink: an engine's full stop, comma, colon or corner bracket checked
against the shape the page shows where it read it.

A small face blurs `，` and `。` into one another for a recognizer, and the two decide where
sentences end. Their shapes differ in every typeface: a full stop is a ring, round, with
paper inside it; a comma is a solid head with a tail, taller than wide. Where a reading
puts one of them, and the mark's own ink stands there, that ink says which it is. So too
a colon (two dots) and a semicolon (a comma under a dot), and the corner brackets `「」`,
which a model for simplified text, where they are rare, reads as `“`, `[`, `1` or `，`:
each is a stroke down and an arm across, the arm at its top and the stem at its left for
`「`, the arm at its foot and the stem at its right for `」`. And the solidus of a writer's
credit (`文／王明平`), which the model misreads as a glyph it doubts (`了`, `二`): one thin
straight stroke rising to the right, alone in its cell. And the curly quotes, which the
engine passes over now and then (`“安亭好人的品牌` for `“安亭好人”的品牌`) or reads as a
full stop: two small strokes side by side, high in the line, alone in their columns. And a
paragraph's closing full stop that the engine boxed into the line's last word and read as
nothing, or as a letter `o`. And a pause or stop read where the line shows no mark's ink
at all, which is doubted.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace
from typing import Any

import cv2
import numpy as np

from ..chars import count_han, em_count
from ..model import Line, Word
from .regions import SPECK, ink_of, runs

FULL_STOP, COMMA = "。", "，"
OPENING_CORNER, CLOSING_CORNER = "「", "」"
OPENING_QUOTE, CLOSING_QUOTE = "“", "”"
QUOTES_READ = "“”‘’\"'"
"""What a reading may hold for a curly quote: either, a single quote, or an ASCII quote,
which cleanup curls."""

QUOTE_ALIKE = 1.5
"""A quote's two strokes are one shape twice: neither is this many times as tall or as
wide as the other, where specks and a glyph's strokes pair at random."""

QUOTE_REACH = 1.0
"""A quote read without its partner on the line may have the partner standing up to this
many glyphs past the line's box: tesseract boxes a line from its first letter."""

QUOTE_SET = 0.25
"""Ems a curly quote's ink stands off the middle of its cell: a full-width face sets a
quote in the half of its cell next to the words it quotes."""
READ_BY_SHAPE = "，。,"
"""The marks whose reading the ink can settle: the full stop and the comma, full-width or
ASCII (a Chinese model reads a comma of Han text as `,` too)."""

READ_AS_RING = "oO"
"""Letters a full stop's ring is read as: standing alone among Han characters, not in a
Latin word, such a letter is the full stop where its ink is a ring."""

END_MARK_WIDE = 0.33
"""A full stop's ring is under this share of a glyph wide (0.24 to 0.30 in the faces
measured); the part of a glyph that encloses paper at its right (`口` of `和`) is wider."""

END_MARK_APART = 0.07
"""A mark in its own cell stands at least this share of a glyph from the ink of the glyph
before it (the two cells' side bearings); a glyph's parts stand closer."""

COLON, SEMICOLON = "：", "；"
ASCII_STACKED = {COLON: ":", SEMICOLON: ";"}
READ_STACKED = "：；:;"
"""The marks of two pieces one over the other: a colon's are two dots, a semicolon's a dot
over a comma."""

ENUMERATION_COMMA = "、"

INKED_MARKS = READ_BY_SHAPE + READ_STACKED + ENUMERATION_COMMA
"""The marks whose ink stands low in the line, small, where they are read: one read as a
word alone where the line shows no such ink is doubted, as what the engine made of a
speck or of a mark of the column beside it. `、` is not told from a glyph's dot by its
shape, so its reading stays as it is."""

MARK_SPAN = 0.55
"""A punctuation mark's ink spans less than this share of a glyph's size either way; a Han
character's spans most of it."""

STACKED_SPAN = 0.8
"""A colon or semicolon, two pieces one over the other, stands less than this share of a
glyph's size tall (and is as narrow as the other marks)."""

MARK_LEAST = 0.12
"""Ink spanning less than this share of a glyph either way is a speck, no mark."""

MARK_REACH = 0.5
"""A mark's ink lies within this many glyphs of where the reading places it (its share of
its word's box)."""

TAIL_ASPECT = 1.3
"""A comma's ink stands at least this much taller than wide (its tail under its head); a
full stop's ring is as wide as tall."""

CORNER_SPAN = (0.4, 0.85)
"""A corner bracket stands between these shares of a glyph's size tall: taller than a
mark's stroke, shorter than a Han character; and narrower than MARK_SPAN. The shortest
faces (WenQuanYi Micro Hei) set it half as tall as their Han glyphs, which a scan's
threshold trims by a pixel or so at either end."""

CORNER_ARM = 0.8
"""A corner bracket's arm runs across at least this share of its ink's width."""

ARM_ROWS = 1.5
"""A corner bracket's arm takes at most this many times its stem's width in rows: one
stroke, which a scan blurs into a row or so more."""

STEM_STRAIGHT = 2.0
"""A corner bracket's stem is one straight stroke: the columns it covers, top to foot,
span less than this many times its rows' own ink, where a bending stroke wanders wider."""

COMMA_HEAD = 0.15
"""A comma's head is at least this share of a glyph wide; narrower ink is the end of a
stroke, which is solid and tall too."""

SLASH = "/"
"""The solidus as a slash is read: ASCII, which cleanup sets full-width between Chinese
characters (`文／王明平`) and leaves between digits or letters (`1/2`)."""

SLASHES = SLASH + "／"
"""The solidus as a reading may hold it: a solidus the ink shows within a glyph of one is
that one, boxed off its ink."""

SLASH_TALL = 0.6
"""A solidus stands at least this share of a glyph tall: it rises through its cell."""

SLASH_STROKE = 0.2
"""Each row of a solidus's ink spans less than this share of a glyph: one stroke, whose
middle keeps within half of it of one straight line."""

SLASH_LEAN = (0.2, 1.5)
"""A solidus leans between these many pixels right for each pixel up (about 45 degrees in
a full-width face): a figure `1` or a bar stands upright, a dash lies flat."""

SLASH_CELL = 0.8
"""This share of a glyph's cell about a solidus holds no other ink: the stroke stands alone
in its cell, where a Han character's falling stroke shares it with the character's other
strokes (`八`)."""


def encloses_paper(ink: np.ndarray) -> bool:
    """Whether ink (a mask) closes round paper that its edge does not reach, SPECK pixels or
    more of it: a ring.

    >>> ring = np.ones((5, 5), bool)
    >>> ring[1:4, 1:4] = False
    >>> encloses_paper(ring), encloses_paper(np.ones((5, 5), bool))
    (True, False)
    """
    _, labels = cv2.connectedComponents((~ink).astype(np.uint8), connectivity=4)
    edge = np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])
    enclosed = (labels > 0) & ~np.isin(labels, edge)
    return int(enclosed.sum()) >= SPECK


def without_specks(ink: np.ndarray, glyph: float) -> np.ndarray:
    """A mark's ink (a mask cut to the ink) less the specks beside it (`MARK_LEAST`), cut
    to what is left: a speck under a full stop's ring stretches it into no shape at all.

    >>> ring = np.ones((6, 6), bool)
    >>> ring[2:4, 2:4] = False
    >>> specked = np.vstack([ring, np.zeros((2, 6), bool), np.eye(1, 6, 2, dtype=bool)])
    >>> without_specks(specked, 30).shape, without_specks(specked[6:], 30).shape
    ((6, 6), (3, 6))
    """
    labels, stats = pieces_of(ink)
    kept = [n for n in range(1, len(stats)) if stats[n][2:4].max() >= MARK_LEAST * glyph]
    if not kept:
        return ink
    mask = np.isin(labels, kept)
    rows, columns = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
    return mask[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]


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


def stacked_by_shape(ink: np.ndarray, glyph: float) -> str | None:
    """The mark of two pieces one over the other that a small patch of ink (a mask cut to
    the ink) is: a semicolon where the lower piece is a comma's head and tail (taller than
    wide and than the dot over it, `TAIL_ASPECT`, its tail leaning left), a colon where it
    is a dot like the upper one; None where the ink is not two pieces, or neither plainly.

    >>> dot, comma = np.ones((4, 4), bool), np.ones((8, 4), bool)
    >>> comma[5:, 2:] = False
    >>> gap = np.zeros((3, 4), bool)
    >>> colon, semicolon = np.vstack([dot, gap, dot]), np.vstack([dot, gap, comma])
    >>> stacked_by_shape(colon, 20), stacked_by_shape(semicolon, 20), stacked_by_shape(comma, 20)
    ('：', '；', None)
    """
    pieces = runs(np.asarray(ink.any(axis=1)))
    if len(pieces) != 2:
        return None
    upper, lower = (_cut_to_ink(ink[start:end]) for start, end in pieces)
    if any(not MARK_LEAST * glyph <= max(p.shape) < MARK_SPAN * glyph for p in (upper, lower)):
        return None
    if upper.shape[0] >= TAIL_ASPECT * upper.shape[1]:
        return None
    if lower.shape[0] >= TAIL_ASPECT * upper.shape[0]:
        tailed = lower.shape[0] >= TAIL_ASPECT * lower.shape[1] and tail_leans_left(lower)
        return SEMICOLON if tailed else None
    return COLON


def _cut_to_ink(ink: np.ndarray) -> np.ndarray:
    columns = np.nonzero(ink.any(axis=0))[0]
    return ink[:, columns[0] : columns[-1] + 1]


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


def band_inks(ink: np.ndarray) -> list[tuple[float, int, int, np.ndarray]]:
    """The runs of inked columns of a line's band (a mask): each as its middle column, the
    top and bottom row of its ink in the band, and its ink cut to it."""
    found = []
    for start, end in runs(np.asarray(ink.any(axis=0))):
        piece = ink[:, start:end]
        rows = np.nonzero(piece.any(axis=1))[0]
        top, bottom = int(rows[0]), int(rows[-1]) + 1
        found.append(((start + end) / 2, top, bottom, piece[top:bottom]))
    return found


def is_small_mark(
    ink: tuple[float, int, int, np.ndarray], band: int, glyph: float, tallest: float = MARK_SPAN
) -> bool:
    """Whether a run of a line's band (`band_inks`; band its height, glyph the glyph size,
    in pixels) is small enough to be a mark (`MARK_SPAN` wide, tallest tall, `MARK_LEAST`)
    and reaches below the band's middle: full stops and commas sit low in the cell, or in
    its middle in a traditional face; a quote's strokes, shaped as commas, sit high."""
    _, _, bottom, piece = ink
    tall, wide = piece.shape
    return is_mark_sized(bottom, tall, wide, band, glyph, tallest)


def is_mark_sized(
    bottom: int, tall: int, wide: int, band: int, glyph: float, tallest: float = MARK_SPAN
) -> bool:
    """Whether ink tall by wide pixels, its foot at bottom in a line's band (band its height,
    glyph the glyph size, in pixels), is a mark's by its size and place (`is_small_mark`)."""
    return (
        bottom > band / 2
        and max(tall, wide) >= MARK_LEAST * glyph
        and wide < MARK_SPAN * glyph
        and tall < tallest * glyph
    )


def shows_mark(stats: np.ndarray, x: float, reach: float, band: int, glyph: float) -> bool:
    """Whether a connected piece of a line's band's ink (`pieces_of`) within reach of column
    x is a mark's: small (`MARK_LEAST`, `MARK_SPAN`; glyph the glyph size in pixels) and
    reaching below the band's middle (band its height), as `is_small_mark` asks of a run of
    columns, whose ink may take in a stroke above the mark.

    >>> stats = np.array([[0, 0, 100, 30, 0], [50, 20, 6, 8, 40]])
    >>> shows_mark(stats, 52, 15, 30, 30), shows_mark(stats, 90, 15, 30, 30)
    (True, False)
    """
    return any(
        abs(left + wide / 2 - x) <= reach and is_mark_sized(top + tall, tall, wide, band, glyph)
        for left, top, wide, tall in (map(int, piece[:4]) for piece in stats[1:])
    )


def corner_by_shape(
    piece: np.ndarray, rows: tuple[int, int], band: int, glyph: float
) -> str | None:
    """The corner bracket a piece of ink is (a mask cut to one connected piece of a line's
    band; rows its top and bottom in the band, band its height, glyph the glyph size, in
    pixels), by its size (`CORNER_SPAN`), its shape (an arm across one end, `CORNER_ARM`,
    and a stem down one side) and its place (`「` hangs from the top of the line, `」`
    stands on its foot); None where it is no corner bracket.

    >>> opening = np.zeros((20, 8), bool)
    >>> opening[:2, :], opening[:, :2] = True, True
    >>> high, low = (0, 20), (10, 30)
    >>> corner_by_shape(opening, high, 30, 30), corner_by_shape(opening[::-1, ::-1], low, 30, 30)
    ('「', '」')
    >>> corner_by_shape(opening, low, 30, 30), corner_by_shape(opening[:, ::-1], high, 30, 30)
    (None, None)
    """
    tall, wide = piece.shape
    top, bottom = rows
    if not is_corner_sized(tall, wide, glyph):
        return None
    half = tall // 2
    if top <= band / 4:
        arm = _arm_rows(piece[half:])
        if _arm_and_stem(piece[:arm], piece[arm:], left=True):
            return OPENING_CORNER
    if bottom >= 3 * band / 4:
        arm = _arm_rows(piece[:half])
        if _arm_and_stem(piece[-arm:], piece[:-arm], left=False):
            return CLOSING_CORNER
    return None


def is_corner_sized(tall: Any, wide: Any, glyph: float) -> Any:
    """Whether ink tall by wide pixels is a corner bracket's size (`CORNER_SPAN`, narrower
    than `MARK_SPAN`; glyph the glyph size in pixels): for one piece, or for arrays of them
    at once."""
    least, most = CORNER_SPAN
    return (
        (least * glyph <= tall) & (tall < most * glyph) & (wide >= 3) & (wide < MARK_SPAN * glyph)
    )


def _arm_rows(stem: np.ndarray) -> int:
    """How many rows a corner bracket's arm may take (`ARM_ROWS`), by the ink of its stem's
    rows: the arm is one stroke, as thick as the stem."""
    inked = stem.sum(axis=1)
    return max(1, math.ceil(ARM_ROWS * float(np.median(inked[inked > 0]))))


def pieces_of(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The connected pieces of ink of a line's band (a mask), as opencv finds them: each
    pixel's piece (0 for paper), and each piece's box and area (`cv2.CC_STAT_*`) by its
    number (0 the paper's)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    return labels, stats


def corners(labels: np.ndarray, stats: np.ndarray, glyph: float) -> list[tuple[float, str]]:
    """The corner brackets among a line's band's connected pieces of ink (`pieces_of`;
    glyph the glyph size in pixels), each as its middle column and its bracket
    (`corner_by_shape`), with paper where its cell is open (`open_cell`): a bracket stands
    close to the glyph beside it, within the columns of its overhang at a small size."""
    found = []
    sized = is_corner_sized(stats[:, 3], stats[:, 2], glyph)
    for n in (int(k) + 1 for k in np.flatnonzero(sized[1:])):
        x, y, wide, tall = (int(v) for v in stats[n][:4])
        piece = labels[y : y + tall, x : x + wide] == n
        corner = corner_by_shape(piece, (y, y + tall), labels.shape[0], glyph)
        if corner and open_cell(labels, n, corner):
            found.append((x + wide / 2, corner))
    return found


def open_cell(labels: np.ndarray, n: int, corner: str) -> bool:
    """Whether the part of a corner bracket's cell it leaves open (below `「`, above `」`)
    is paper across most of the bracket's columns (`labels` a line's band's pieces, n the
    bracket's): a glyph's hooked stroke (`刂` of `前`) has the glyph's other strokes there,
    while a neighbour's overhang reaches into a column or two at most."""
    rows, columns = np.nonzero(labels == n)
    left, right = int(columns.min()), int(columns.max()) + 1
    cell = labels[rows.max() + 1 :] if corner == OPENING_CORNER else labels[: rows.min()]
    inked = (cell[:, left:right] > 0).any(axis=0)
    return bool(inked.sum() < (right - left) / 2)


def alone_in_columns(
    labels: np.ndarray,
    stats: np.ndarray,
    pieces: tuple[int, ...],
    columns: tuple[int, int],
    glyph: float,
) -> bool:
    """Whether the given pieces of ink (`pieces_of`) are the only ink across the given
    columns of labels' rows, specks aside (`MARK_LEAST`; glyph the glyph size in pixels): a
    mark stands alone in its cell, where a glyph's stroke shares it with the glyph's other
    strokes."""
    others = [o for o in np.unique(labels[:, columns[0] : columns[1]]) if o not in (0, *pieces)]
    return all(stats[o][2:4].max() < MARK_LEAST * glyph for o in others)


def slash_by_shape(piece: np.ndarray, glyph: float) -> bool:
    """Whether a piece of ink (a mask cut to one connected piece of a line's band; glyph
    the glyph size in pixels) is a solidus: one thin straight stroke (`SLASH_STROKE`)
    through most of the cell's height (`SLASH_TALL`), rising to the right (`SLASH_LEAN`).

    >>> slash = np.zeros((20, 10), bool)
    >>> for row in range(20):
    ...     slash[row, 9 - row // 2 : 11 - row // 2] = True
    >>> slash_by_shape(slash, 24), slash_by_shape(slash[:, ::-1], 24), slash_by_shape(slash, 40)
    (True, False, False)
    >>> slash_by_shape(np.ones((20, 3), bool), 24)
    False
    """
    if piece.shape[0] < SLASH_TALL * glyph:
        return False
    if not piece.any(axis=1).all():
        return False
    first = piece.argmax(axis=1)
    last = piece.shape[1] - 1 - piece[:, ::-1].argmax(axis=1)
    if (last - first + 1 >= SLASH_STROKE * glyph).any():
        return False
    middles = (first + last) / 2
    down = np.arange(piece.shape[0])
    lean, at = np.polyfit(down, middles, 1)
    straight = np.abs(middles - (lean * down + at)).max() <= SLASH_STROKE * glyph / 2
    least, most = SLASH_LEAN
    return bool(straight and least <= -lean <= most)


def slashes(labels: np.ndarray, stats: np.ndarray, glyph: float) -> list[float]:
    """The middle columns of the solidi among a line's band's connected pieces of ink
    (`pieces_of`; glyph the glyph size in pixels): pieces shaped as one (`slash_by_shape`:
    tall, and with the ink of a thin stroke), alone in their cell but for specks
    (`SLASH_CELL`, `MARK_LEAST`)."""
    found = []
    wides, talls, areas = stats[:, 2], stats[:, 3], stats[:, 4]
    sized = (
        (talls >= SLASH_TALL * glyph)
        & (areas < talls * SLASH_STROKE * glyph)
        & (wides >= SLASH_LEAN[0] * (talls - 1))  # else too upright to lean as one
    )
    for n in (int(k) + 1 for k in np.flatnonzero(sized[1:])):
        x, y, wide, tall = (int(v) for v in stats[n][:4])
        if not slash_by_shape(labels[y : y + tall, x : x + wide] == n, glyph):
            continue
        middle = x + wide / 2
        half = SLASH_CELL * glyph / 2
        cell = (max(0, round(middle - half)), round(middle + half))
        if alone_in_columns(labels, stats, (n,), cell, glyph):
            found.append(middle)
    return found


def quote_by_shape(pair: np.ndarray) -> str:
    """The curly quote a pair of strokes is by its ink (a mask cut to it): `”`'s strokes
    hang from their heads, as commas do, `“`'s rise to theirs."""
    half = pair.shape[0] // 2
    upper, lower = pair[:half].sum(), pair[pair.shape[0] - half :].sum()
    return CLOSING_QUOTE if upper > lower else OPENING_QUOTE


def quotes(
    labels: np.ndarray, stats: np.ndarray, rows: tuple[int, int], glyph: float
) -> list[tuple[float, str]]:
    """The curly quotes among the connected pieces of ink about a line (`pieces_of`; rows:
    the line's top and bottom among them; glyph the glyph size in pixels), each as its
    middle column and its quote (`quote_by_shape`): two small strokes side by side
    (`MARK_LEAST`, `MARK_SPAN`, the pair within MARK_SPAN too), whole within the upper half
    of the line, with no other ink in their columns on the line: a glyph's two strokes at
    its top (`关`) stand over the rest of the glyph, and the strokes of a larger glyph that
    a line's box cuts run on past it."""
    top, bottom = rows
    span = stats[:, 2:4].max(axis=1)
    chosen = (
        (MARK_LEAST * glyph <= span)
        & (span < MARK_SPAN * glyph)
        & (stats[:, 1] >= top - MARK_LEAST * glyph)
        & (stats[:, 1] + stats[:, 3] <= (top + bottom) / 2)
    )
    small = sorted((int(stats[n][0]), n) for n in (int(k) + 1 for k in np.flatnonzero(chosen[1:])))
    line = labels[top:bottom]
    found = []
    for (_, a), (_, b) in itertools.pairwise(small):
        xa, ya, wa, ta = (int(v) for v in stats[a][:4])
        xb, yb, wb, tb = (int(v) for v in stats[b][:4])
        left, right = xa, max(xa + wa, xb + wb)
        if xb < xa + wa or right - left >= MARK_SPAN * glyph:
            continue
        if min(ya + ta, yb + tb) <= max(ya, yb):
            continue
        if max(ta, tb) >= QUOTE_ALIKE * min(ta, tb) or max(wa, wb) >= QUOTE_ALIKE * min(wa, wb):
            continue
        if not alone_in_columns(line, stats, (a, b), (left, right), glyph):
            continue
        high, low = min(ya, yb), max(ya + ta, yb + tb)
        pair = np.isin(labels[high:low, left:right], (a, b))
        found.append(((left + right) / 2, quote_by_shape(pair)))
    return found


def _arm_and_stem(arm: np.ndarray, rest: np.ndarray, left: bool) -> bool:
    """Whether a row of an arm runs across the ink (`CORNER_ARM`) and the rest is one
    straight stroke (`STEM_STRAIGHT`) in one half of it, the left or the right: a digit's
    or a glyph's stroke that ends in such an arm bends, and the strokes of `%` cross its
    rows without one running across."""
    wide = arm.shape[1]
    across = arm.sum(axis=1).max() >= CORNER_ARM * wide
    stem = np.nonzero(rest.any(axis=0))[0]
    if not across or stem.size == 0:
        return False
    rows = rest.sum(axis=1)
    if stem.size >= STEM_STRAIGHT * float(np.median(rows[rows > 0])):
        return False
    return bool(stem.max() < wide / 2) if left else bool(stem.min() >= wide / 2)


OVERWIDE = 1.5
"""A word boxed this many times as wide as its glyphs set solid holds paper past them: a mark
read in its ASCII form (`1` for `」`) stands in a full-width cell, which widens a word of
letters by a fraction of a glyph."""


def char_places(line: Line) -> list[tuple[int, int, float]]:
    """Where a line's reading puts each of its characters: (word, offset in the word, x in
    points), the x at the character's share of its word's box by ems (`em_count`). A word
    boxed far wider than its glyphs set solid at the line's size (`OVERWIDE`) holds them
    from its left edge: tesseract boxes a short line's first word across the whole line at
    times.

    >>> words = (Word("文", (0, 0, 40, 10)), Word("一", (14, 0, 20, 10), doubtful=True))
    >>> line = Line("文一", 1, 0, (0, 0, 40, 10), 10, words=words)
    >>> [round(x, 1) for _, _, x in char_places(line)]
    [5.0, 17.0]
    """
    places = []
    for n, word in enumerate(line.words):
        total = em_count(word.text)
        if not total:
            continue
        width = word.bbox[2] - word.bbox[0]
        if line.size and width > OVERWIDE * total * line.size:
            width = total * line.size
        before = 0.0
        for i, char in enumerate(word.text):
            ems = em_count(char)
            if ems:
                share = (before + ems / 2) / total
                places.append((n, i, word.bbox[0] + share * width))
            before += ems
    return places


def nearest(x: float, places: list[tuple[int, int, float]], reach: float) -> tuple[int, int] | None:
    """The (word, offset) of the place nearest x, where within reach of it."""
    near = min(places, key=lambda place: abs(place[2] - x), default=None)
    return None if near is None or abs(near[2] - x) > reach else near[:2]


def with_marks_by_shape(line: Line, grey: np.ndarray, dpi: float) -> Line:
    """The line with each full stop or comma it reads as the other set right, and each
    colon or semicolon, where the mark's ink stands within MARK_REACH of its place and its
    shape is plain (`mark_by_shape`, `stacked_by_shape`; an ASCII comma becomes a full
    stop only, as cleanup makes it a full-width comma anyway, and an ASCII colon or
    semicolon stays ASCII, for cleanup to judge), and with the corner brackets its ink shows
    (`corner_by_shape`, `corners`) in place of the nearest mark, or letter or digit standing
    alone, it read within MARK_REACH (`read_for_mark`; tesseract boxes the glyph beside a
    bracket over the bracket's ink at times), and the solidi it shows (`slashes`) where it
    read a glyph it doubts, or, between two of its characters, nothing, unless it read a
    solidus within a glyph of it (`SLASHES`), and the curly quotes it shows more than it read
    (`with_quotes`) on a line that reads Han characters. A letter `o` standing alone is
    checked as a full stop is (`READ_AS_RING`), and a full stop or comma boxed into the
    line's end and read as nothing is put in (`with_end_mark`). A pause or stop read as a
    word alone where the line shows no mark's ink is doubted (`INKED_MARKS`, `shows_mark`):
    layout then takes it for what the engine read at a column's edge. A line that carries no
    words (a head read again alone) is taken as one word over its box: a head's glyphs
    are set solid, each at its share of the box."""
    if line.bbox is None or not line.size:
        return line
    if not line.words and line.text.strip():
        whole = Word(line.text, line.bbox, None, line.confidence)
        marked = with_marks_by_shape(replace(line, words=(whole,)), grey, dpi)
        return line if marked.text == line.text else replace(line, text=marked.text)
    if "".join(word.text for word in line.words) != line.text:
        return line
    scale = dpi / 72
    glyph = line.size * scale
    x0, top, x1, bottom = line.bbox
    size = line.size

    def columns(beside: float) -> tuple[int, int]:
        """The page's columns from the given glyphs before the line's box to as many after."""
        return (
            max(0, round((x0 - beside * size) * scale)),
            min(grey.shape[1], round((x1 + beside * size) * scale)),
        )

    left, right = columns(MARK_REACH)
    band = grey[max(0, round(top * scale)) : round(bottom * scale), left:right]
    if band.size == 0:
        return line
    tall = band.shape[0]
    ink = ink_of(band)
    inks = band_inks(ink)
    places = char_places(line)
    reach = MARK_REACH * line.size
    words = list(line.words)

    def placed(tallest: float) -> list[tuple[float, np.ndarray]]:
        return [
            ((left + ink[0]) / scale, ink[3])
            for ink in inks
            if is_small_mark(ink, tall, glyph, tallest)
        ]

    small, stacked = placed(MARK_SPAN), placed(STACKED_SPAN)
    labels, stats = pieces_of(ink)
    phantoms: list[tuple[int, int]] = []
    for n, i, x in places:
        read = words[n].text[i]
        ring = read in READ_AS_RING and read_for_mark(words[n].text, i)
        if read not in INKED_MARKS and not ring:
            continue
        near = min(
            stacked if read in READ_STACKED else small,
            key=lambda ink: abs(ink[0] - x),
            default=None,
        )
        if near is None or abs(near[0] - x) > reach:
            alone = words[n].text == read and not ring
            inked = shows_mark(stats, x * scale - left, reach * scale, tall, glyph)
            if alone and not inked:
                words[n] = replace(words[n], doubtful=True)
            elif not inked and stop_read_before_a_quote(words[n], i):
                phantoms.append((n, i))
            continue
        if read == ENUMERATION_COMMA:
            continue
        shape = reread(read, without_specks(near[1], glyph), glyph)
        if shape is not None and shape != read:
            words[n] = _with_char(words[n], i, shape)
    misread = [place for place in places if read_for_mark(words[place[0]].text, place[1])]
    for middle, corner in corners(labels, stats, glyph):
        at = nearest((left + middle) / scale, misread, reach)
        if at is not None:
            words[at[0]] = _with_char(words[at[0]], at[1], corner)
    passed_over = []
    read_slashes = [x for n, i, x in places if words[n].text[i] in SLASHES]
    for middle in slashes(labels, stats, glyph):
        x = (left + middle) / scale
        at = nearest(x, places, reach)
        if at is None:
            if not any(abs(read - x) <= line.size for read in read_slashes):
                passed_over.append(x)
        elif words[at[0]].doubtful:
            words[at[0]] = _with_char(words[at[0]], at[1], SLASH)
    for x in sorted(passed_over, reverse=True):
        after = next((place for place in places if place[2] > x), None)
        if after is not None and places[0][2] < x:
            n, i = after[:2]
            words[n] = _with_char_put_in(words[n], i, SLASH)
    # Places stand as read only where no solidus went in; a reading with no Han character
    # quotes nothing in Chinese (a photograph's texture read as letters). The line's own
    # band shows every quote the rows about it show, and more: strokes of a larger glyph
    # its box cuts, which only the rows about it tell apart. A quote read without its
    # partner is reason enough to look.
    unpaired = line.text.count(OPENING_QUOTE) != line.text.count(CLOSING_QUOTE)
    shown = unpaired or quotes(labels, stats, (0, tall), glyph)
    if not passed_over and count_han(line.text) and shown:
        across = columns(QUOTE_REACH if unpaired else MARK_REACH)
        found = quotes_about(line, grey, scale, across)
        marks = [x for x, _ in small]
        words = with_quotes(words, places, found, marks, line.size)
    inside = [ink for ink in inks if (left + ink[0]) / scale <= x1]
    if len(inside) > 1 and words and count_han(words[-1].text[-1:]):
        words = with_end_mark(words, inside[-2], inside[-1], tall, glyph)
    for n, i in sorted(phantoms, reverse=True):
        if words[n].text[i : i + 1] == FULL_STOP:
            words[n] = _with_char(words[n], i, "")
    if words == list(line.words):
        return line
    return replace(line, words=tuple(words), text="".join(word.text for word in words))


def stop_read_before_a_quote(word: Word, i: int) -> bool:
    """Whether the character at i of a word is a full stop right before a closing quote, in
    a word of marks alone that the engine doubts: where the line shows no mark's ink at the
    stop's place, the engine wrote the stop its language model puts before a quote's close
    (`水脈”` read `水脈。”`), and there is none.

    >>> w = lambda text, doubtful=True: Word(text, (0, 0, 20, 10), doubtful=doubtful)
    >>> stop_read_before_a_quote(w("。”"), 0), stop_read_before_a_quote(w("。”", False), 0)
    (True, False)
    >>> stop_read_before_a_quote(w("，”"), 0), stop_read_before_a_quote(w("脈。”"), 1)
    (False, False)
    """
    text = word.text
    return (
        word.doubtful
        and text[i : i + 2] == FULL_STOP + CLOSING_QUOTE
        and not any(c.isalnum() for c in text)
    )


def with_end_mark(
    words: list[Word],
    before: tuple[float, int, int, np.ndarray],
    ink: tuple[float, int, int, np.ndarray],
    band: int,
    glyph: float,
) -> list[Word]:
    """The words, read to a Han character, with the full stop or comma that the last ink
    within the line's box is (`band_inks`; before: the ink before it), plainly by its
    shape (`is_small_mark`, `mark_by_shape`), narrow (`END_MARK_WIDE`) and apart from the
    glyph before it (`END_MARK_APART`): tesseract boxes such a mark into the line and reads
    none at times. Ink past the box may be the next column's."""
    wide = ink[3].shape[1]
    gap = (ink[0] - wide / 2) - (before[0] + before[3].shape[1] / 2)
    if wide >= END_MARK_WIDE * glyph or gap < END_MARK_APART * glyph:
        return words
    if not is_small_mark(ink, band, glyph):
        return words
    mark = mark_by_shape(without_specks(ink[3], glyph), glyph)
    if mark is None:
        return words
    return [*words[:-1], replace(words[-1], text=words[-1].text + mark)]


def quotes_about(
    line: Line, grey: np.ndarray, scale: float, across: tuple[int, int]
) -> list[tuple[float, str]]:
    """The curly quotes the ink of a line shows (`quotes`), each as its x in points and its
    quote, among the pieces of ink across the given columns of the page, and half a glyph
    above and below the line (`MARK_REACH`), so that a glyph the line's box cuts shows
    whole."""
    assert line.bbox is not None and line.size
    margin = round(MARK_REACH * line.size * scale)
    top = max(0, round(line.bbox[1] * scale) - margin)
    bottom = round(line.bbox[3] * scale) + margin
    area = grey[top:bottom, across[0] : across[1]]
    if area.size == 0:
        return []
    labels, stats = pieces_of(ink_of(area))
    rows = (round(line.bbox[1] * scale) - top, round(line.bbox[3] * scale) - top)
    found = quotes(labels, stats, rows, line.size * scale)
    return [((across[0] + middle) / scale, quote) for middle, quote in found]


def with_quotes(
    words: list[Word],
    places: list[tuple[int, int, float]],
    found: list[tuple[float, str]],
    marks: list[float],
    size: float,
) -> list[Word]:
    """The words with the curly quotes the ink shows (`quotes`; x in points) that the
    reading lacks: as many as the ink shows more than the reading holds, those farthest
    from a quote read. Each is the quote the reading's quotes beside it call for
    (`quote_between`), and goes for the full stop or comma read within a glyph of it where
    no mark's ink stands by that (marks: x of the small marks' ink), else into its cell
    (`QUOTE_SET`), before the first character placed right of the cell's middle. places:
    where the reading put each character (`char_places`)."""
    words = list(words)
    read = [(px, words[n].text[i]) for n, i, px in places if words[n].text[i] in QUOTES_READ]
    if len(found) <= len(read):
        return words
    by_distance = sorted(found, key=lambda f: min(abs(f[0] - px) for px, _ in read) if read else 0)
    missing = by_distance[len(read) :]
    for x, shape in sorted(missing, reverse=True):
        quote = quote_between(read, x, shape)
        misread = [
            (abs(px - x), n, i)
            for n, i, px in places
            if abs(px - x) <= size
            and words[n].text[i] in READ_BY_SHAPE
            and not any(abs(m - px) <= MARK_REACH * size for m in marks)
        ]
        if misread:
            _, n, i = min(misread)
            words[n] = _with_char(words[n], i, quote)
            continue
        cell = x + (QUOTE_SET if quote == CLOSING_QUOTE else -QUOTE_SET) * size
        after = next((place for place in places if place[2] > cell), None)
        n, i = after[:2] if after else (len(words) - 1, len(words[-1].text))
        words[n] = _with_char_put_in(words[n], i, quote)
    return words


def quote_between(read: list[tuple[float, str]], x: float, shape: str) -> str:
    """The curly quote at x on a line whose reading holds these quotes (x, quote): quotes
    open and close in turn, so it closes the one read before it where that opens, opens
    where that closes, and else is the other of the one read after it; where no curly
    quote is read beside it, the one its shape shows.

    >>> quote_between([(10, "“")], 30, "“"), quote_between([(50, "”")], 30, "”")
    ('”', '“')
    >>> quote_between([], 30, "”")
    '”'
    """
    curly = (OPENING_QUOTE, CLOSING_QUOTE)
    before = [q for px, q in read if px < x and q in curly]
    after = [q for px, q in read if px > x and q in curly]
    if before:
        return CLOSING_QUOTE if before[-1] == OPENING_QUOTE else OPENING_QUOTE
    if after:
        return OPENING_QUOTE if after[0] == CLOSING_QUOTE else CLOSING_QUOTE
    return shape


def reread(read: str, ink: np.ndarray, glyph: float) -> str | None:
    """The mark read as read, told by the shape of its ink (`mark_by_shape`,
    `stacked_by_shape`; glyph the glyph size in pixels): an ASCII comma may become a full
    stop only, as cleanup makes it a full-width comma anyway; an ASCII colon or semicolon
    stays ASCII, for cleanup to judge; None where the shape is not plain.

    >>> ring = np.ones((6, 6), bool)
    >>> ring[2:4, 2:4] = False
    >>> reread("，", ring, 40), reread(",", ring, 40), reread("：", ring, 40)
    ('。', '。', None)
    """
    if read in READ_STACKED:
        shape = stacked_by_shape(ink, glyph)
        return ASCII_STACKED[shape] if shape is not None and read.isascii() else shape
    shape = mark_by_shape(ink, glyph)
    return None if read.isascii() and shape != FULL_STOP else shape


def read_for_mark(text: str, i: int) -> bool:
    """Whether the character at i of a word's text may be a mark misread (a corner bracket,
    a full stop's ring): no Han character, and no letter or digit of a Latin word or a
    number (`J` of `Jason`).

    >>> read_for_mark("学堂，和", 2), read_for_mark("Jason", 0), read_for_mark("和5健康", 1)
    (True, False, True)
    >>> read_for_mark("学堂", 1)
    False
    """
    char = text[i]
    if count_han(char):
        return False
    if not (char.isascii() and char.isalnum()):
        return True
    beside = text[max(0, i - 1) : i] + text[i + 1 : i + 2]
    return not any(c.isascii() and c.isalnum() for c in beside)


def _with_char(word: Word, i: int, char: str) -> Word:
    return replace(word, text=word.text[:i] + char + word.text[i + 1 :])


def _with_char_put_in(word: Word, i: int, char: str) -> Word:
    return replace(word, text=word.text[:i] + char + word.text[i:])


def marks_by_shape(lines: tuple[Line, ...], grey: np.ndarray, dpi: float) -> tuple[Line, ...]:
    """Every line with its full stops, commas, colons, semicolons, corner brackets, solidi
    and curly quotes read by their shape (`with_marks_by_shape`)."""
    return tuple(with_marks_by_shape(line, grey, dpi) for line in lines)
