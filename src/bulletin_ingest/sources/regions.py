"""Text regions of a page image, found before OCR, so that an engine never reads across a
column gutter.

Tesseract's own page segmentation finds the columns of a two-column page, but on narrow
three-column sections it reads along a baseline through both gutters and merges lines of
different columns (and of different heights) into one; recognising such a merged line also
costs it characters. Finding the gutters in the ink is cheap: a recursive XY-cut over the
page at WORK_DPI, where a gutter is a white strip that runs the whole height of a block of
text rows and that the lines on both sides line up against. The page is then redrawn with
every gutter widened (a "composite"), which the engine reads in one call as it would the
page, and every word is moved back to where it stands on the page.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

WORK_DPI = 75
"""Resolution at which the ink is analysed: a body glyph is still a dozen pixels tall."""

PAPER_PERCENTILE = 90
"""The grey level this percentile of a stretch's pixels reach is its paper's tone: paper fills
most of any stretch of a page."""

INK_SHARE = 0.65
"""A pixel is ink when darker than this share of the page's paper tone."""

SPECK = 3
"""A row or column of the mask counts as inked only with this many ink pixels in it: a
scanner's specks, one or two pixels, neither join text rows nor close a gutter."""

GUTTER_GLYPHS = 1.1
"""A gutter is at least this many glyph heights wide; the widest space inside a line (a
kicker's phrase space) is about 0.7."""

MIN_ROWS = 4
"""Gutters are looked for in a block of this many text rows (or twice as many glyphs tall, a
photo beside text): in fewer, lines share a wide space by chance (but see FEW_ROWS)."""

HEAD_GLYPHS = 1.4
"""A run of rows this many body glyphs tall, beside a gutter, is a line of large type."""

HEAD_RUN_MOST = 3.0
"""A line of large type beside a gutter is at most this many body glyphs tall; a taller run
is a photo's edge."""

MIN_REACHING = 2
"""Runs of rows that must reach a gutter on at least one side."""

COLUMN_SHARE = 0.55
"""A region cut out by gutters is taken for a single column only when it is at most this
share of the page's text width; a wider one may still hold columns its few rows could not
prove (two columns of a three-column section below a title)."""

LINED_UP = 0.6
"""Share of the runs of rows near a gutter (within NEAR_GLYPHS) that must reach it."""

NEAR_GLYPHS = 3
"""How far from a white strip (in glyph heights) the text beside it is looked at: a line
ending short of a justified column's edge still ends within it."""

FEW_ROWS = 3
"""Fewer text rows than MIN_ROWS, down to this many (a short section under its head), prove
a gutter only where every row reaches it from both sides, as justified columns do."""

STROKE_ROWS = 2
"""A thin stroke has paper this many mask rows above and below it: a dash is a pixel or two
tall at WORK_DPI; a glyph, or the edge of a photographed page, runs taller."""

DASH_GLYPHS = 3.0
"""The longest dash, in glyph heights of its line: `——` is two ems, a little over two
glyph heights, whatever the size of its type."""

WIDEN_GLYPHS = 3.0
"""How much wider every gutter is drawn on the composite, in glyph heights."""


@dataclass(frozen=True)
class Region:
    """A rectangle of the page image (pixels) read as one; columnar when it is one column
    of a multi-column band."""

    left: int
    top: int
    right: int
    bottom: int
    columnar: bool


@dataclass(frozen=True)
class PageRegions:
    """A page's text regions, its body glyph height (pixels) and its paper tone."""

    regions: tuple[Region, ...]
    glyph: float
    paper: int = 255
    heads: tuple[tuple[int, int, int, int], ...] = ()
    """Boxes (pixels) of the rows set in large type: titles and mastheads."""
    rows: tuple[tuple[int, int, int, int], ...] = ()
    """Boxes (pixels) of the rows of each region as tall as a line of body type."""

    @property
    def columns_across(self) -> int:
        """The most column regions that stand side by side at one height of the page."""
        columns = [r for r in self.regions if r.columnar]
        return max(
            (
                sum(1 for other in columns if other.top < r.bottom and r.top < other.bottom)
                for r in columns
            ),
            default=0,
        )


@dataclass(frozen=True)
class Placement:
    """Where a region's box (with its margin) stands on the composite, and how far right of
    its place on the page."""

    left: int
    top: int
    right: int
    bottom: int
    shift: int


@dataclass(frozen=True)
class Composite:
    """A page redrawn with its gutters widened, and the way back to page positions."""

    image: Image.Image
    placements: tuple[Placement, ...]
    columnar: tuple[bool, ...]

    def region_at(self, x: float, y: float) -> int | None:
        """The index of the placed region holding composite point (x, y)."""
        for n, place in enumerate(self.placements):
            if place.left <= x < place.right and place.top <= y < place.bottom:
                return n
        return None


def runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of true values.

    >>> runs(np.array([0, 1, 1, 0, 1], dtype=bool))
    [(1, 3), (4, 5)]
    """
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    return list(
        zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True)
    )


def inked_columns(ink: np.ndarray, least: int = SPECK) -> np.ndarray:
    """Which columns of a stretch of the mask hold ink: least pixels or more (SPECK, unless
    a thinner mark is sought)."""
    return np.asarray(ink.sum(axis=0) >= least)


def inked_rows(ink: np.ndarray) -> np.ndarray:
    """Which rows of a stretch of the mask hold ink: SPECK pixels or more."""
    return np.asarray(ink.sum(axis=1) >= SPECK)


def ink_mask(image: Image.Image, dpi: float) -> tuple[np.ndarray, int]:
    """The page's ink at about WORK_DPI, and the reduction factor used."""
    factor = max(1, round(dpi / WORK_DPI))
    small = np.asarray(image.convert("L").reduce(factor))
    paper = paper_level(small)
    return small < INK_SHARE * paper, factor


def paper_tone(image: Image.Image) -> int:
    """The page's usual background grey: the median of a reduced copy (most of a page is
    paper)."""
    return int(np.median(np.asarray(image.convert("L").reduce(8))))


def glyph_height(ink: np.ndarray) -> float:
    """The body glyph height in mask pixels: the usual height of an inked row run within a
    narrow vertical strip, where the lines of one column do not blur together."""
    width = ink.shape[1]
    heights = [
        end - start
        for k in range(8)
        for start, end in runs(inked_rows(ink[:, k * width // 8 : (k + 1) * width // 8]))
    ]
    return float(np.median(heights)) if heights else 0.0


def gutters(ink: np.ndarray, glyph: float) -> list[tuple[int, int]]:
    """White column runs of a block of the mask, at least GUTTER_GLYPHS wide, that the text
    on both sides lines up against (`lined_up`)."""
    inked = without_stray_marks(ink, inked_columns(ink), glyph)
    xs = np.flatnonzero(inked)
    if len(xs) == 0:
        return []
    return [
        (start, end)
        for start, end in runs(~inked)
        if start > xs[0]
        and end <= xs[-1]
        and end - start >= GUTTER_GLYPHS * glyph
        and lined_up(
            alignment(ink[:, :start], glyph, at_right=True),
            alignment(ink[:, end:], glyph, at_right=False),
        )
        and not crosses_head(ink[:, :start], ink[:, end:], glyph)
    ]


STRAY_MARK = 0.5
"""A mark narrower and shorter than this many glyph heights in a white strip is a speck or
a mark hung into a gutter, not a column of text (nor a character of a line across it)."""


def without_stray_marks(ink: np.ndarray, inked: np.ndarray, glyph: float) -> np.ndarray:
    """The inked columns of a block of the mask, less the narrow runs of them whose ink is a
    mark's height at most (`STRAY_MARK`) and that stand in a gutter: beside a gutter's width
    of white, or apart from the ink on both sides. A scanner's speck, or a closing mark hung
    past its column's edge, leaves the gutter it stands in a gutter; a comma inside a line
    stands against the character before it, with only its cell's blank after it."""
    result = inked.copy()
    white = runs(~inked)
    starting = {a: b - a for a, b in white}  # the white run starting at a column, by width
    ending = {b: b - a for a, b in white}
    for start, end in runs(inked):
        if start == 0 or end == len(inked) or end - start >= STRAY_MARK * glyph:
            continue
        before, after = ending.get(start, 0), starting.get(end, 0)
        apart = min(before, after) >= STRAY_MARK * glyph
        rows = np.flatnonzero(ink[:, start:end].any(axis=1))
        short = rows[-1] - rows[0] < STRAY_MARK * glyph
        if short and (apart or max(before, after) >= GUTTER_GLYPHS * glyph):
            result[start:end] = False
    return result


def crosses_head(left: np.ndarray, right: np.ndarray, glyph: float) -> bool:
    """Whether a white strip runs beside a line of large type: a run of rows touching the
    strip, on either side, that is a head's height and stays so further out
    (`NEAR_GLYPHS`), beside any ink at its height on the other side — the rest of the head
    (whose phrase space or quotation mark left a column's width of white), or the lines of
    the next column, from which the head is then cut across first, on a row of its own. A
    photo's rounded edge may touch the strip a head's height, but grows further out."""
    left_heads = head_runs(*beside_strip(left, glyph, at_right=True), glyph)
    right_heads = head_runs(*beside_strip(right, glyph, at_right=False), glyph)
    return any(
        (a_head or b_head) and a[0] < b[1] and b[0] < a[1]
        for a, a_head in left_heads
        for b, b_head in right_heads
    )


def beside_strip(
    side: np.ndarray, glyph: float, *, at_right: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The columns of one side of a white strip within a glyph of it (its edge) and within
    NEAR_GLYPHS of it (the zone around the edge); at_right: the side lies left of the
    strip, so its right end touches it."""
    reach, near = max(1, round(glyph)), max(1, round(NEAR_GLYPHS * glyph))
    if at_right:
        return side[:, -reach:], side[:, -near:]
    return side[:, :reach], side[:, :near]


def head_runs(
    edge: np.ndarray, zone: np.ndarray, glyph: float
) -> list[tuple[tuple[int, int], bool]]:
    """The runs of rows inked in a strip at a gutter's edge, each with whether it is a line
    of large type: a head's height (`HEAD_GLYPHS` to `HEAD_RUN_MOST`), and no taller within
    the wider zone around it."""

    def head_high(run: tuple[int, int]) -> bool:
        return HEAD_GLYPHS * glyph <= run[1] - run[0] <= HEAD_RUN_MOST * glyph

    around = runs(zone.sum(axis=1) > 0)
    return [
        (run, head_high(run) and all(head_high(z) for z in around if z[0] <= run[0] < z[1]))
        for run in runs(edge.sum(axis=1) > 0)
    ]


def alignment(side: np.ndarray, glyph: float, *, at_right: bool) -> tuple[int, int]:
    """On one side of a white strip: how many runs of rows have ink near it (within
    NEAR_GLYPHS), and how many of those reach to within a glyph of it."""
    edge, zone = beside_strip(side, glyph, at_right=at_right)
    touching = edge.sum(axis=1) > 0
    stretches = [
        (start, end)
        for start, end in runs(inked_rows(zone))
        if end - start >= glyph / 3  # shorter is a speck, not a line
    ]
    return len(stretches), sum(1 for start, end in stretches if touching[start:end].any())


def lined_up(left: tuple[int, int], right: tuple[int, int]) -> bool:
    """Whether the text on both sides of a white strip lines up against it, as justified
    columns do: on each side most runs of rows near it reach it, and on one side at least
    MIN_REACHING do. Where lines merely happen to leave a space at the same place, few of
    them reach it; a photo set in from its column's edge is one run among many lines, and a
    side with one run only (a photo alone) has nothing to line up."""

    def side_ok(near: int, reaching: int) -> bool:
        return near <= 1 or reaching >= LINED_UP * near

    return side_ok(*left) and side_ok(*right) and max(left[1], right[1]) >= MIN_REACHING


Box = tuple[int, int, int, int]


def trimmed(ink: np.ndarray, box: Box) -> Box | None:
    """A box of the mask shrunk to the ink inside it, None when it holds none."""
    left, top, right, bottom = box
    part = ink[top:bottom, left:right]
    xs = np.flatnonzero(inked_columns(part))
    ys = np.flatnonzero(inked_rows(part))
    if not len(xs) or not len(ys):
        return None
    return (left + int(xs[0]), top + int(ys[0]), left + int(xs[-1]) + 1, top + int(ys[-1]) + 1)


def with_strokes(ink: np.ndarray, cut: Box, box: Box, glyph: float) -> Box:
    """A region of the mask (cut: trimmed to its ink, within box) widened to the thin
    strokes beside it in its rows: a subtitle's leading dash, a pixel tall at WORK_DPI, too
    faint to count as ink. A stroke is SPECK pixels or more side by side in one row, with
    paper STROKE_ROWS above and below, standing apart from the region's ink and within a
    dash's length of it (`DASH_GLYPHS` of its largest type); a rule runs on into that ink
    or further, and the edge of a photographed page is no thin stroke."""
    left, top, right, bottom = cut
    part = ink[top:bottom, box[0] : box[2]]
    above, below = np.zeros_like(part), np.zeros_like(part)
    above[STROKE_ROWS:], below[:-STROKE_ROWS] = part[:-STROKE_ROWS], part[STROKE_ROWS:]
    thin = part & ~above & ~below
    inner = (left - box[0], right - box[0])
    reach, dash = list(inner), DASH_GLYPHS * type_height(ink[top:bottom, left:right], glyph)
    outside = thin[:, : inner[0]].any(axis=1) | thin[:, inner[1] :].any(axis=1)
    for row in np.flatnonzero(outside):
        for start, end in runs(thin[row]):
            if end - start < SPECK:
                continue
            if inner[0] - dash <= start and end < inner[0]:
                reach[0] = min(reach[0], start)
            elif start > inner[1] and end <= inner[1] + dash:
                reach[1] = max(reach[1], end)
    return (box[0] + reach[0], top, box[0] + reach[1], bottom)


def type_height(ink: np.ndarray, glyph: float) -> float:
    """The height of the largest type in a stretch of the mask: its tallest row of ink no
    taller than a line of large type (`HEAD_ROW_GLYPHS`; a photo is no type), at least the
    body glyph."""
    tallest = HEAD_ROW_GLYPHS[1] * glyph
    heights = [end - start for start, end in runs(inked_rows(ink)) if end - start <= tallest]
    return max([glyph, *heights])


def xy_cut(ink: np.ndarray, box: Box, glyph: float) -> list[tuple[Box, bool]]:
    """A block of the mask as regions (box, columnar), by recursive XY-cut: a block whose
    rows have gutters running its whole height (`column_gutters`) is cut into columns; a
    block whose first row spans the gutters of the rows under it (their head) is cut under
    that row; any other block is cut at its widest white row gap, and put back together
    when neither half holds columns, so that one-column stretches stay whole. A region
    keeps the thin strokes beside its ink (`with_strokes`), which the cuts do not see."""
    cut = trimmed(ink, box)
    if cut is None:
        return []
    left, top, right, bottom = cut
    part = ink[top:bottom, left:right]
    rows = runs(inked_rows(part))
    found = column_gutters(part, rows, glyph)
    if found:
        edges = [0, *((start + end) // 2 for start, end in found), right - left]
        return [
            (region, True)
            for a, b in itertools.pairwise(edges)
            for region, _ in xy_cut(ink, (left + a, top, left + b, bottom), glyph)
        ]
    if len(rows) < 2:
        return [(with_strokes(ink, cut, box, glyph), False)]
    below = rows[1][0]
    under_first = column_gutters(part[below:], [(a - below, b - below) for a, b in rows[1:]], glyph)
    if spans_gutters(part[: rows[0][1]], under_first):
        split = (rows[0][1] + rows[1][0]) // 2
    else:
        # The widest gap; among equal ones the most central, so that the cuts halve the
        # block and recursion stays shallow however many rows a page has.
        middle = (bottom - top) / 2
        split = max(
            (b[0] - a[1], -abs((a[1] + b[0]) / 2 - middle), (a[1] + b[0]) // 2)
            for a, b in itertools.pairwise(rows)
        )[2]
    halves = xy_cut(ink, (left, top, right, top + split), glyph) + xy_cut(
        ink, (left, top + split, right, bottom), glyph
    )
    if any(columnar for _, columnar in halves):
        return halves
    return [(with_strokes(ink, cut, box, glyph), False)]


def spans_gutters(row: np.ndarray, found: Sequence[tuple[int, int]]) -> bool:
    """Whether a row of the mask has ink across any of these gutters."""
    return any(row[:, start:end].any() for start, end in found)


def column_gutters(
    part: np.ndarray, rows: Sequence[tuple[int, int]], glyph: float
) -> list[tuple[int, int]]:
    """The gutters running the whole height of a block of the mask (rows: its text rows):
    looked for in a block of MIN_ROWS text rows (or twice as many glyphs tall, a photo beside
    text); in one of FEW_ROWS, only those that every row reaches from both sides."""
    if len(rows) >= MIN_ROWS or part.shape[0] >= 2 * MIN_ROWS * glyph:
        return gutters(part, glyph)
    if len(rows) < FEW_ROWS:
        return []
    every = (len(rows), len(rows))
    return [
        (start, end)
        for start, end in gutters(part, glyph)
        if alignment(part[:, :start], glyph, at_right=True) == every
        and alignment(part[:, end:], glyph, at_right=False) == every
    ]


def text_regions(image: Image.Image, dpi: float, grey: np.ndarray | None = None) -> PageRegions:
    """The page's regions top to bottom: one-column stretches whole, multi-column bands cut
    into their columns; each trimmed to its ink, in page pixels. grey: the image's grey
    levels, where the caller holds them already."""
    ink, factor = ink_mask(image, dpi)
    glyph = glyph_height(ink)
    if glyph <= 0:
        return PageRegions((), 0.0, 255)
    cut = xy_cut(ink, (0, 0, ink.shape[1], ink.shape[0]), glyph)
    if not cut:
        return PageRegions((), glyph * factor, paper_tone(image))
    text_width = max(box[2] for box, _ in cut) - min(box[0] for box, _ in cut)
    regions = tuple(
        Region(
            left * factor,
            top * factor,
            right * factor,
            bottom * factor,
            columnar and right - left <= COLUMN_SHARE * text_width,
        )
        for (left, top, right, bottom), columnar in cut
    )
    grey = np.asarray(image) if grey is None else grey
    pieces = [
        (piece, framed_type(grey, piece, glyph * factor))
        for box, _ in cut
        for row in head_rows(ink, box, glyph)
        for piece in heads_apart(
            grey, (row[0] * factor, row[1] * factor, row[2] * factor, row[3] * factor)
        )
    ]
    heads = tuple(piece for piece, inner in pieces if inner is None)
    framed = tuple(inner for _, inner in pieces if inner is not None)
    rows = tuple(
        (row[0] * factor, row[1] * factor, row[2] * factor, row[3] * factor)
        for box, _ in cut
        for row in body_rows(ink, box, glyph)
    )
    return PageRegions(regions, glyph * factor, paper_tone(image), heads, rows + framed)


RULE_SHARE = 0.9
"""A row inked over this share of a row's width is a rule: no glyph's stroke runs on so
far."""

RULE_GLYPHS = 0.25
"""An inked strip at most this share of a body glyph wide, alone at the edge of a row, is a
stroke: a drawn box's side, or a glyph's first or last stroke."""


def framed_type(grey: np.ndarray, box: Box, glyph: float) -> Box | None:
    """The type inside a drawn box's sides, where a row of large type (page pixels; grey:
    the page's grey levels; glyph: the body glyph height in pixels) holds a stroke alone at
    each end (`RULE_GLYPHS`) and, between them, only type shorter than large type
    (`HEAD_ROW_GLYPHS`): an issue box beside a masthead's name, cut with the name's rows,
    whose sides made its piece seem large type. None where the row is no such box (a
    title's glyph that starts with a stroke stands as tall as the rest)."""
    left, top, right, bottom = box
    ink = ink_of(grey[top:bottom, left:right])
    if not ink.size:
        return None
    rules = ink.mean(axis=1) >= RULE_SHARE  # the box's top or bottom, where in the row
    rules[1:] |= rules[:-1].copy()  # with the grey rows at a rule's edges
    rules[:-1] |= rules[1:].copy()
    ink[rules] = False
    inked = ink.sum(axis=0) >= SPECK
    strips = runs(inked)
    if len(strips) < 3:
        return None
    first, last = strips[0], strips[-1]
    if max(first[1] - first[0], last[1] - last[0]) > RULE_GLYPHS * glyph:
        return None
    ys = np.flatnonzero(ink[:, first[1] : last[0]].sum(axis=1) >= SPECK)
    if not len(ys) or ys[-1] + 1 - ys[0] >= HEAD_ROW_GLYPHS[0] * glyph:
        return None
    inside = strips[1:-1]  # left to right
    return (left + inside[0][0], top + int(ys[0]), left + inside[-1][1], top + int(ys[-1]) + 1)


PHRASE_SPACE = 1.5
"""A head's phrases may stand a full-width space apart (`引起了观众的强烈共鸣　交通出行…`):
one glyph, with the side bearings OCR trims off the glyphs either side (up to a quarter
glyph each); an engine that finds text by its ink cuts the line there."""


HEAD_ROW_GLYPHS = (1.4, 4.5)
"""A row of a region this many body glyphs tall (least, most) is a line of large type; a
taller one is a photo."""


def head_rows(ink: np.ndarray, box: Box, glyph: float) -> list[Box]:
    """The rows of a region of the mask set in large type, each trimmed to its ink. A run
    of rows too tall for one line is looked into piece by piece where gutters part it:
    heads side by side, each over its own columns, wrap onto rows of their own, and their
    rows run together across the gutter. A row keeps the thin strokes beside its ink
    (`with_strokes`): a subtitle's leading dash."""
    left, top, right, bottom = box
    low, high = HEAD_ROW_GLYPHS
    found: list[Box | None] = []
    for start, end in runs(inked_rows(ink[top:bottom, left:right])):
        row = (left, top + start, right, top + end)
        if low * glyph <= end - start <= high * glyph:
            cut = trimmed(ink, row)
            found.append(cut and with_strokes(ink, cut, row, glyph))
        elif end - start > high * glyph:
            for piece in parts_between_gutters(ink, row, GUTTER_GLYPHS * glyph):
                found.extend(head_rows(ink, piece, glyph))
    return [row for row in found if row is not None]


BODY_ROW_GLYPHS = (0.6, HEAD_ROW_GLYPHS[0])
"""A row of a region this many body glyphs tall (least, most) is as tall as a line of body
type: a shorter one is a rule or specks, a taller one large type."""


STROKE_GAP = 0.5
"""Blank rows of the mask fewer than this many body glyphs tall may lie between one glyph's
strokes (`言`, `二`), its thinnest lost in the mask: a row of one or two glyphs shows them,
where a line's other glyphs fill them."""


def strokes_joined(found: Sequence[tuple[int, int]], glyph: float) -> list[tuple[int, int]]:
    """Runs of inked rows (start, end, in order), each too short for a row of body type
    (`BODY_ROW_GLYPHS`) taken together with the run beside it where less than
    `STROKE_GAP` glyphs of blank part them and the two stand no taller than such a row: the
    strokes of a glyph alone on its row (`言`), which a line's other glyphs join up. Two rows
    of body type are never joined.

    >>> strokes_joined([(0, 2), (5, 10), (14, 24), (26, 27), (40, 50)], 10)
    [(0, 10), (14, 27), (40, 50)]
    """
    low, high = BODY_ROW_GLYPHS
    joined: list[tuple[int, int]] = []
    for start, end in found:
        if joined:
            top, bottom = joined[-1]
            short = min(bottom - top, end - start) < low * glyph
            if short and start - bottom < STROKE_GAP * glyph and end - top < high * glyph:
                joined[-1] = (top, end)
                continue
        joined.append((start, end))
    return joined


def body_rows(ink: np.ndarray, box: Box, glyph: float) -> list[Box]:
    """The rows of a region of the mask as tall as a line of body type, each trimmed to its
    ink, its glyphs' strokes taken together (`strokes_joined`): a paragraph's last line may
    hold a glyph and its stop alone."""
    left, top, right, bottom = box
    low, high = BODY_ROW_GLYPHS
    found = []
    for start, end in strokes_joined(runs(inked_rows(ink[top:bottom, left:right])), glyph):
        if low * glyph <= end - start < high * glyph:
            found.append(trimmed(ink, (left, top + start, right, top + end)))
    return [row for row in found if row is not None]


def heads_apart(grey: np.ndarray, row: Box) -> list[Box]:
    """A row of large type (page pixels; grey: the page's grey levels) in the pieces that
    blank paper wider than any space parts (`PHRASE_SPACE` of the row's height): heads side
    by side, each read alone; a head's phrase space parts nothing."""
    return cut_at_blanks(row, blank_columns(grey, row), PHRASE_SPACE * (row[3] - row[1]))


def parts_between_gutters(ink: np.ndarray, box: Box, apart: float) -> list[Box]:
    """The pieces of a box of the mask that blank strips wider than apart (pixels) part,
    running its whole height; none where nothing parts it."""
    left, top, right, bottom = box
    inked = inked_columns(ink[top:bottom, left:right])
    blanks = [(left + start, left + end) for start, end in runs(~inked)]
    pieces = cut_at_blanks(box, blanks, apart)
    return pieces if len(pieces) > 1 else []


def cut_at_blanks(box: Box, blanks: Sequence[tuple[int, int]], wider: float) -> list[Box]:
    """A box in the pieces that its inner blank runs (x0, x1) wider than wider part."""
    left, top, right, bottom = box
    edges = [left]
    for start, end in blanks:
        if end - start > wider and left < start and end < right:
            edges.extend((start, end))
    edges.append(right)
    return [(a, top, b, bottom) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def blank_columns(grey: np.ndarray, box: Box) -> list[tuple[int, int]]:
    """The runs of columns (page pixels) of a box of the page (grey: its grey levels) that
    hold no ink (`blank_runs`): the blank paper between a row's glyphs, which an engine's
    boxes for what it read do not show."""
    left, top, right, bottom = box
    found = blank_runs(grey[top:bottom, left:right])
    return [(left + start, left + end) for start, end in found]


def inked_runs(grey: np.ndarray, box: Box) -> list[tuple[int, int]]:
    """The runs of columns (page pixels) of a box of the page that hold ink: those between
    its `blank_columns`."""
    left, top, right, bottom = box
    patch = grey[top:bottom, left:right]
    if patch.size == 0:
        return []
    return [(left + start, left + end) for start, end in runs(_inked_along(patch))]


def blank_runs(grey: np.ndarray) -> list[tuple[int, int]]:
    """The runs of columns of a stretch of the page (its grey levels) that hold no ink: no
    pixel darker than INK_SHARE of the stretch's own paper tone (`ink_of`), or only ink
    narrower than SPECK pixels (a scanner's speck, which an engine may read as a mark; a
    glyph's thinnest stroke set across, `一`, is a pixel or two tall but wider than that)."""
    if grey.size == 0:
        return []
    return runs(~_inked_along(grey))


def ink_of(grey: np.ndarray) -> np.ndarray:
    """The ink of a stretch of the page (its grey levels): the pixels darker than INK_SHARE
    of the stretch's own paper tone."""
    return np.asarray(grey < INK_SHARE * paper_level(grey))


def rule_ink(grey: np.ndarray) -> np.ndarray:
    """The ink of a stretch where a thin rule may lie (its grey levels): `ink_of`'s, and
    each pixel that darkens the paper, with the one under it, as much as one pixel of ink
    does. A rule a pixel thin, scaled down with its page, falls across two rows and is
    grey in both, lighter than ink in either."""
    paper = paper_level(grey)
    ink = np.asarray(grey < INK_SHARE * paper)
    deficit = np.maximum(paper - grey.astype(np.float32), 0.0)
    ink[:-1] |= deficit[:-1] + deficit[1:] >= (1 - INK_SHARE) * paper
    return ink


def paper_level(grey: np.ndarray) -> float:
    """The `PAPER_PERCENTILE` of a stretch's grey levels, as `np.percentile` gives it: paper
    fills most of any stretch, so its tone is found among the brightest levels. Where the
    levels about the percentile's rank are all one (they mostly are: the paper's tone),
    that level is the percentile, found by a partial sort without `np.percentile`'s
    interpolation, which costs more than the sort on a line's stretch.

    >>> stretch = np.array([[0, 0] + [200] * 26 + [255, 255]], np.uint8)
    >>> paper_level(stretch), paper_level(stretch[:, 1:3])
    (200.0, 180.0)
    """
    if grey.size < 4 or grey.dtype.kind not in "iu":
        return float(np.percentile(grey, PAPER_PERCENTILE))
    rank = int(PAPER_PERCENTILE / 100 * (grey.size - 1))
    around = [rank - 1, min(grey.size - 1, rank + 2)]
    low, high = np.partition(grey.ravel(), around)[around]
    return float(low) if low == high else float(np.percentile(grey, PAPER_PERCENTILE))


def _inked_along(grey: np.ndarray) -> np.ndarray:
    """Which columns of a stretch of the page hold ink (`ink_of`) in runs SPECK or more
    wide."""
    inked = np.asarray(ink_of(grey).any(axis=0))
    for start, end in runs(inked):
        if end - start < SPECK:
            inked[start:end] = False
    return inked


def compose(image: Image.Image, page_regions: PageRegions) -> Composite:
    """The page redrawn on a wider canvas of its paper tone, each region where it stands but
    moved right so that every gutter grows by WIDEN_GLYPHS: the engine then sees the page's
    layout as it is (titles over their columns, a photo beside its text), with gutters too
    wide to read across."""
    extra = max(8, round(WIDEN_GLYPHS * page_regions.glyph))
    margin = max(2, round(page_regions.glyph / 4))
    regions = page_regions.regions
    shifts = [0] * len(regions)
    for n in sorted(range(len(regions)), key=lambda k: regions[k].left):
        region = regions[n]
        shifts[n] = max(
            (
                shifts[k] + extra
                for k, other in enumerate(regions)
                if other.right <= region.left
                and other.top < region.bottom
                and region.top < other.bottom
            ),
            default=0,
        )
    width = image.width + max(shifts, default=0)
    canvas = Image.new("L", (width, image.height), page_regions.paper)
    placements = []
    for region, shift in zip(regions, shifts, strict=True):
        left, top = max(0, region.left - margin), max(0, region.top - margin)
        right = hanging_edge(region, regions, page_regions.glyph, image.width)
        bottom = min(image.height, region.bottom + margin)
        canvas.paste(image.crop((left, top, right, bottom)), (left + shift, top))
        placements.append(Placement(left + shift, top, right + shift, bottom, shift))
    return Composite(canvas, tuple(placements), tuple(r.columnar for r in regions))


HANGING_CELL = 1.0
"""A full-width mark set past a justified column's edge (hanging punctuation) fills at most
this many glyph cells beyond it."""


def hanging_edge(region: Region, regions: Sequence[Region], glyph: float, width: int) -> int:
    """Where a region is cut out on its right: a cell past its ink (`HANGING_CELL`), for the
    marks hung past its column's edge, which are too faint at WORK_DPI to count as the
    region's ink, but never past halfway to the region beside it.

    >>> a, b = Region(0, 0, 100, 50, True), Region(130, 0, 230, 50, True)
    >>> hanging_edge(a, [a, b], 20.0, 300), hanging_edge(b, [a, b], 20.0, 300)
    (115, 250)
    """
    beside = [
        other.left
        for other in regions
        if other.left >= region.right and other.top < region.bottom and region.top < other.bottom
    ]
    limit = (region.right + min(beside)) // 2 if beside else width
    return min(limit, region.right + round(HANGING_CELL * glyph))


DETECT_BAND = 0.12
"""Share of the page height, around its densest text, that script detection reads."""


def densest_band(image: Image.Image, share: float = DETECT_BAND) -> Image.Image:
    """The horizontal band of the page with the most ink: where body text is."""
    ink = (np.asarray(image.reduce(4)) < 128).sum(axis=1).astype(np.float64)
    window = max(1, int(len(ink) * share))
    sums = np.convolve(ink, np.ones(window), mode="valid")
    start = int(np.argmax(sums)) * 4
    return image.crop((0, start, image.width, min(image.height, start + window * 4)))


VERTICAL_RATIO = 1.2
"""A page is set in vertical columns when, across its text, rows are blank less than this
many times as often as columns are. Measured: 1.7 to 3.1 on the corpus's horizontal pages
and a real journal page, 0.83 and 0.94 on two real 1939-40 newspapers set mostly in
columns."""

ORIENTATION_STRIP_INCHES = 0.25


def text_orientation(image: Image.Image, dpi: float) -> str:
    """ "vertical" where the page's text runs down in columns, else "horizontal". Within a
    narrow strip across lines of text, the space between lines leaves many blank rows and
    the space between characters of a line few: which way the strips find more blank tells
    which way the lines run."""
    ink, factor = ink_mask(image, dpi)
    strip = max(2, round(dpi / factor * ORIENTATION_STRIP_INCHES))
    across_lines = blank_share(ink, strip)
    across_columns = blank_share(ink.T, strip)
    if across_lines == across_columns == 0:
        return "horizontal"
    return "vertical" if across_lines < VERTICAL_RATIO * across_columns else "horizontal"


def blank_share(ink: np.ndarray, strip: int) -> float:
    """The share of blank rows between the first and last inked row of each vertical strip
    strip pixels wide, over all strips (weighted by their inked extent)."""
    blank = extent = 0
    for left in range(0, ink.shape[1] - strip + 1, strip):
        rows = np.flatnonzero(ink[:, left : left + strip].sum(axis=1) >= 1)
        if len(rows) < 2:
            continue
        span = rows[-1] - rows[0] + 1
        blank += span - len(rows)
        extent += span
    return blank / extent if extent else 0.0
