"""Layout: a document's lines grouped into `Block`s in reading order.

Plain text has no geometry: consecutive non-blank lines form a block. Lines that stand at
the top or bottom of a page and repeat across pages are running headers; a bare number
there is a page number.

Pages with geometry (PDF text layers, OCR) have their lines cut where a source read across
a column gutter, then are cut into bands by head lines (glyphs much larger than the
body's), each band into columns at its gutters, and each column into blocks at indents,
sentence ends, size changes and gaps. Columns are read left to right, bands top to bottom.
A block under or over a tall gap in its column (a photo) is marked `near_figure`, so
structure can tell captions.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import regex

from .chars import (
    HAN_RE,
    HANGING_MARKS,
    NOT_HEAD_ENDS,
    OPENING_MARKS,
    em_count,
    ends_paragraph,
    has_prose_marks,
    item_opens_after,
    opens_with_dash,
)
from .model import (
    ILLEGIBLE,
    BBox,
    Block,
    BoilerplateRole,
    Document,
    Line,
    Page,
    Word,
    commonest_size,
    from_text_layer,
    joined_line,
    mean_confidence,
    size_of_most,
    stands_between,
    sure_length,
    union_bbox,
)
from .pagestore import PageStore
from .sources.lines import (
    CLOSING_AS_READ,
    COLUMN_READ,
    MARK_BEARINGS,
    MARK_BLANK_SHORT,
    MIN_EMS_FOR_WIDTH,
    blanks_wider_than_spaces,
    em_per_height,
    ends_on_closer,
    is_noise_line,
    is_overlapped,
    is_read,
    line_of_words,
    marks_at_space,
    sees_paper,
    size_beside,
    words_between,
)
from .sources.regions import PHRASE_SPACE

PAGE_NUMBER_RE = regex.compile(
    r"(?:第\s*)?\d{1,3}\s*[版页頁]|第\s*[^\p{Han}\s]{1,2}\s*[版页頁]"
    r"|[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}(?:\s*/\s*\d{1,3})?"
)
"""A page's number alone on its line; within `第…版` OCR may read the digits as a mark or a
letter (`第]版`), and nothing but a page number is so set."""


def is_page_number(text: str) -> bool:
    """Whether a line is nothing but a page number.

    >>> is_page_number("- 3 -"), is_page_number("第4版"), is_page_number("2022年")
    (True, True, False)
    >>> is_page_number("第]版"), is_page_number("第三版"), is_page_number("第 ? 页")
    (True, False, True)
    """
    return bool(PAGE_NUMBER_RE.fullmatch(text.strip()))


def group_text_lines(lines: Sequence[Line]) -> list[tuple[Line, ...]]:
    """Consecutive lines (no blank line between) form one group."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and line.row == groups[-1][-1].row + 1:
            groups[-1].append(line)
        else:
            groups.append([line])
    return [tuple(group) for group in groups]


def block_of(lines: tuple[Line, ...], role: BoilerplateRole | None = None) -> Block:
    """A block of lines, with its raw text, page, bbox, glyph size (that of most of its
    characters: a short line's size, from OCR, is its ink's height) and mean confidence."""
    raw = "\n".join(line.text for line in lines)
    return Block(
        raw=raw,
        text=raw,
        page=lines[0].page,
        lines=lines,
        bbox=union_bbox(line.bbox for line in lines),
        size=size_of_most(lines),
        confidence=mean_confidence(line.confidence for line in lines),
        role=role,
    )


def repeated_edge_lines(groups_by_page: Sequence[Sequence[tuple[Line, ...]]]) -> set[str]:
    """Texts that stand first or last on at least two pages (running headers, footers),
    by their letters (`_digitless`), so that `第3期` and `第4期` count as one."""
    if len(groups_by_page) < 2:
        return set()
    seen: Counter[str] = Counter()
    for groups in groups_by_page:
        edges = {_digitless(line.text) for group in _edge_groups(groups) for line in group}
        seen.update(edges)
    return {text for text, count in seen.items() if count >= 2 and text}


def _edge_groups(groups: Sequence[tuple[Line, ...]]) -> Iterable[tuple[Line, ...]]:
    return [*groups[:1], *groups[1:][-1:]]


def _digitless(text: str) -> str:
    """A line's letters, its numbers each as one sign: a running head repeats with another
    issue or page number, and OCR reads the marks and spaces of its phrase spaces
    differently from page to page (`周浦月刊“2022年2月8日`, `周浦月刊，2022年2月8日`)."""
    return regex.sub(r"\d+", "#", regex.sub(r"[^\p{L}\p{N}]+", "", text))


def mark_edge_roles(
    blocks: list[Block], repeated: set[str], first: Block | None, last: Block | None
) -> list[Block]:
    """Set the role of page-edge blocks: page numbers and repeated running headers."""
    marked = []
    for block in blocks:
        at_edge = block is first or block is last
        if at_edge and is_page_number(block.raw):
            block = replace(block, role="page-number")
        elif (
            at_edge and block.raw and all(_digitless(line.text) in repeated for line in block.lines)
        ):
            block = replace(block, role="running-header")
        marked.append(block)
    return marked


def layout_document(document: Document) -> tuple[Block, ...]:
    """All blocks of a document in reading order."""
    if any(line.bbox is not None for page in document.pages for line in page.lines):
        return layout_geometric(document)
    groups_by_page = [group_text_lines(page.lines) for page in document.pages]
    repeated = repeated_edge_lines(groups_by_page)
    blocks: list[Block] = []
    for groups in groups_by_page:
        page_blocks = [block_of(group) for group in groups]
        if page_blocks:
            page_blocks = mark_edge_roles(page_blocks, repeated, page_blocks[0], page_blocks[-1])
        blocks.extend(page_blocks)
    return tuple(blocks)


HEADER_BAND = 0.065
"""Lines ending within this share of the page height from its top are running-header
candidates; lines starting within it from the bottom, footer candidates."""

HEAD_SIZE_RATIO = 1.3
"""A line whose glyphs are this much larger than the body's is a head: it cuts the page into
bands (a title spans the columns of its section)."""

GUTTER_MIN = 0.8
"""An empty vertical strip at least this many body glyphs wide separates columns."""

INDENT = 1.2
"""A line starting this many body glyphs right of its column's left edge opens a
paragraph."""

PARAGRAPH_INDENT = 2.0
"""A paragraph's first line is set in this many glyphs from its column's edge."""

FIGURE_GAP = 2.5
"""A vertical gap of this many body line-heights in a column holds a figure (or a photo)."""


@dataclass(frozen=True)
class _Box:
    """A line and its box, unpacked for the geometry below."""

    line: Line
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def body_size(pages: Iterable[Page]) -> float:
    """The glyph size most characters of the pages are set in."""
    sized = ((line.size, len(line.text)) for page in pages for line in page.lines)
    return commonest_size(sized) or 10.0


def layout_geometric(document: Document) -> tuple[Block, ...]:
    """Blocks of pages with geometry, page by page, in reading order. The document's body
    size and its running heads are what one page needs of the others: each page is taken
    in turn for them, then again for its blocks."""
    pages = PageStore(replace(p, lines=cut_at_gutters(p.lines)) for p in document.pages)
    size = body_size(pages)
    repeated = _repeated_texts(
        [[box.line for box in _edge_lines(p)[0]] for p in set_across(pages, size)]
    )
    blocks: list[Block] = []
    for page in pages:
        found = vertical_stacks(page.lines, size)
        page = without(page, found)
        edges = [line for line in page.lines if is_picture_edge(line, size)]
        page = without(page, [edges])
        top, bottom = _edge_lines(page)
        every = [_box(line) for line in page.lines if line.bbox]
        header, footer = (edge_blocks(band, repeated, size, every) for band in (top, bottom))
        edge_ids = {id(line) for block in (*header, *footer) for line in block.lines}
        boxes = [box for box in every if id(box.line) not in edge_ids]
        laid = [
            *header,
            *(block_of((vertical_line(stack),), "slogan") for stack in found),
            *page_blocks(boxes, size),
            *(block_of((line,), "other") for line in edges),
            *footer,
        ]
        blocks.extend(wordless(block) for block in laid)
    return tuple(blocks)


PICTURE_EDGE = 0.5
"""Glyphs standing under this share of the body's size, in a line OCR could not read, are no
type: the engine has read the edge of a photo or a rule."""


def is_picture_edge(line: Line, size: float) -> bool:
    """Whether OCR made a line of the edge of a picture: it stands far smaller than the body
    and could not be read. Such a line says nothing of where text stands, so the blank it
    stands in stays a photo's place (see `beside_gap`); it is set aside as `other`."""
    small = line.size is not None and line.size < PICTURE_EDGE * size
    return small and line.confidence is not None and line.confidence < ILLEGIBLE


def set_across(pages: Iterable[Page], size: float) -> Iterator[Page]:
    """The pages without their vertical stacks: their lines set across the page."""
    return (without(page, vertical_stacks(page.lines, size)) for page in pages)


def wordless(block: Block) -> Block:
    """A laid-out block without its lines' words and blanks: they were for finding the
    page's geometry, and past layout only the lines' text and boxes are read."""
    return replace(block, lines=tuple(replace(line, words=(), blanks=()) for line in block.lines))


CLEAR_GUTTER = 1.0
"""Words on one baseline farther apart than this share of their glyph size, with no space
printed between them, stand in different columns: a line of type sets its characters
solid."""

SPACE = 1.0
"""The widest space a line of type prints between its words (an ideographic space): a gap
holding a printed space is a gutter only when wider than a gutter and this together."""

MARK_GAP = 0.1
"""A full-width closing mark carries its own blank inside its cell, so a gap wider than
this share of the glyph size after one is a gutter too."""

SOLID = 0.05
"""Cells that abut within this share of the glyph size are set solid, as one line's are;
only a wider gap, or a mark's cell overlapping the next (hanging across a narrow gutter),
asks the neighbouring lines."""

NEIGHBOUR_REACH = 4.0
"""Lines whose middles lie within this many glyph sizes of a line's are its neighbours (the
two lines above and below at the widest leading): their words show the gutters it may run
across."""

MIN_NEIGHBOURS = 2
"""A gutter is open in at least this many neighbouring lines, not a hole that a few lines
happen to leave at one place (commas set one above the other)."""

OPEN_GUTTER = 0.5
"""A strip the neighbouring lines leave open between their words is a gutter when at least
this share of the glyph size wide: narrower holes are spaces between their words."""


def cut_at_gutters(lines: Sequence[Line]) -> tuple[Line, ...]:
    """Lines cut where they run across a column gutter. A source reads along a baseline,
    through columns whose lines stand level. A gap between a line's words is a gutter where
    it is wider than a line of type spaces its words, or where the neighbouring lines of its
    size leave it open with words on both sides: a mark hanging past its column's edge
    narrows a gutter to a sliver on its own line, not on the others. A line OCR read is cut
    where its letters stand further apart than any space (`cut_wide_gaps`), then where the
    strips its neighbours leave open cross it (`cut_read_line`)."""
    cut: list[Line] = []
    pieces = [piece for line in lines for piece in cut_wide_gaps(line)]
    found = {id(line) for line in lines}
    lines = [p for p in pieces if id(p) in found or not is_read_noise(p, pieces)]
    runs = runs_of_rows([line for line in lines if is_read(line)])
    edges = column_edges(lines)
    for line in lines:
        if line.words and line.bbox is not None and is_read(line):
            neighbours = [r for key, r in runs.items() if key != id(line)]
            cut.extend(cut_read_line(line, neighbours, grid_gutters(line, lines, edges)))
            continue
        if len(line.words) < 2 or line.bbox is None or not line.size:
            cut.append(line)
            continue
        near = neighbour_rows(line, lines)
        words = line.words
        starts = [
            i for i in range(1, len(words)) if is_gutter(words[i - 1], words[i], line.size, near)
        ]
        cut.extend(
            line_of_words(line, words[a:b]) for a, b in itertools.pairwise([0, *starts, len(words)])
        )
    return tuple(cut)


READ_TALLER = 1.3
"""A read line this many times taller than another is a head over it, not its neighbour."""

READ_REACH = 3.0
"""Read lines whose middles lie within this many line heights of a line's are its
neighbours."""

READ_SAME_HEIGHT = 0.2
"""Read lines of one type differ in height by less than this share of it."""

READ_NARROWER = 0.8
"""A neighbour with a run of words this share of a read line's width or wider is set
across the columns the line may cross (a title, a line of another section): it shows
nothing of their gutters, open or closed."""


def cut_wide_gaps(line: Line) -> list[Line]:
    """A read line less its stray marks (`without_stray_marks`) where it is cut beside
    them, cut where its letters stand further apart than a line of type sets them
    (`wide_gaps`, a stray mark's cell counted as a mark's): each piece then shows
    its neighbours where its column ends. Other lines as they are. A line read from one
    column (`COLUMN_READ`) is cut only between letters (`between_letters`): there a mark
    standing apart is punctuation read poorly, but letters a gutter apart still stand in
    two columns the page's regions took for one."""
    if not line.words or line.bbox is None or not is_read(line):
        return [line]
    if line.origin == COLUMN_READ:
        return cut_line_at(line, between_letters(line, wide_gaps(line)), apart=True)
    kept = without_stray_marks(line)
    strays = [word for word in line.words if word not in kept]
    if not strays:
        return cut_line_at(line, wide_gaps(line), apart=True)
    closing = [word.bbox for word in strays if not is_opening_mark(word)]
    cuts = wide_gaps(line_of_words(line, kept, apart=True), closing)
    noise = [word for word in strays if any(in_gap_of(word, kept, cut) for cut in cuts)]
    if noise:
        line = line_of_words(line, [word for word in line.words if word not in noise], apart=True)
    return cut_line_at(line, cuts, apart=True)


def between_letters(line: Line, cuts: Sequence[float]) -> list[float]:
    """The cuts that stand between two letters still further apart than a gutter's em
    (`READ_GUTTER`), by their boxes or by the blank paper at the cut, when every mark the
    engine read between them on ink (`on_paper`) takes an em of its own: marks set between
    two phrases (`”（`) leave their cells blank, and make no gutter. A closing mark before
    the cut, or an opening one after it, counts as a letter less the blank of its cell
    (`MARK_BLANK_SHORT`): a sentence's full stop ends a column's line as its last letter
    would.

    >>> w = lambda t, a, b: Word(t, (a, 0, b, 10))
    >>> line = lambda x: Line("证书。图为党员", 1, 0, (0, 0, x + 40, 10), 10, origin=COLUMN_READ,
    ...     words=(w("证书", 0, 20), w("。", 21, 24), w("图为党员", x, x + 40)))
    >>> between_letters(line(60), [42.0]), between_letters(line(36), [30.0])
    ([42.0], [])
    >>> junk = Line("悦读青”万元", 1, 0, (0, 0, 80, 10), 10, origin=COLUMN_READ,
    ...     words=(w("悦读青", 0, 30), w("”万元", 50, 80)))
    >>> between_letters(junk, [40.0])
    [40.0]
    """
    if line.bbox is None:
        return []
    words = line.words
    kept = []
    for cut in cuts:
        before = [w for w in words if w.bbox[2] <= cut]
        after = [w for w in words if w.bbox[0] >= cut]
        inside = [w for w in words if w not in before and w not in after]
        if not before or not after:
            continue
        left = max(before, key=lambda w: w.bbox[2])
        right = min(after, key=lambda w: w.bbox[0])
        # No line of type ends on an opening mark or starts on a closing one: such a mark
        # next to the cut is what the engine read into the gutter.
        last = left.text.strip().rstrip(OPENING_MARKS)[-1:]
        first = right.text.strip().lstrip(HANGING_MARKS)[:1]
        if not (last.isalnum() or last in HANGING_MARKS):
            continue
        if not (first.isalnum() or first in OPENING_MARKS):
            continue
        blanks = (last in HANGING_MARKS) + (first in OPENING_MARKS)
        paper = [end - start for start, end in line.blanks if start <= cut <= end]
        gap = max([right.bbox[0] - left.bbox[2], *paper])
        em = gap_em(line, gap)
        marks = sum(len(w.text.strip()) for w in inside if is_marks(w) and not on_paper(w, line))
        if gap - (marks + MARK_BLANK_SHORT * blanks) * em > READ_GUTTER * em:
            kept.append(cut)
    return kept


def is_marks(word: Word) -> bool:
    """Whether a word holds marks alone, no letter."""
    text = word.text.strip()
    return bool(text) and not any(c.isalnum() for c in text)


def on_paper(word: Word, line: Line) -> bool:
    """Whether a word's box lies on blank paper (`Line.blanks`): no ink there, whatever the
    engine read."""
    return any(start <= word.bbox[0] and word.bbox[2] <= end for start, end in line.blanks)


def is_opening_mark(word: Word) -> bool:
    """Whether a word is opening marks alone, whose cells' blank stands before their ink."""
    text = word.text.strip()
    return bool(text) and all(c in OPENING_MARKS for c in text)


def is_closing_mark(word: Word) -> bool:
    """Whether a word is closing marks alone, whose cells' blank stands after their ink."""
    text = word.text.strip()
    return bool(text) and all(c in HANGING_MARKS for c in text)


def in_gap_of(mark: Word, words: Sequence[Word], x: float) -> bool:
    """Whether x lies in the gap a mark stands in between the nearest of words either side
    of it: a stray mark is gutter noise only where a gutter is found beside it; elsewhere it
    is punctuation the engine doubted."""
    left = max((w.bbox[2] for w in words if w.bbox[2] <= mark.bbox[0]), default=mark.bbox[0])
    right = min((w.bbox[0] for w in words if w.bbox[0] >= mark.bbox[2]), default=mark.bbox[2])
    return left <= x <= right


def is_read_noise(piece: Line, lines: Sequence[Line]) -> bool:
    """Whether a piece cut from a read line is what the engine made of specks in a gutter
    or read twice, by the page reader's own tests (`is_noise_line`, `is_overlapped`): cut
    from a line, it was no line of its own when the reader looked. A piece holding letters
    the engine is sure of is text, however doubtful the rest: a wrapped title's short last
    line read with the next column's line (`户口` and a doubted `簿`)."""
    sure = any(not w.doubtful and not is_marks(w) for w in piece.words)
    return (is_noise_line(piece) and not sure) or is_overlapped(piece, lines)


ReadRuns = tuple[list[BBox], float | None]
"""A read line's runs of words (`ink_runs`) and its glyph size."""


def cut_read_line(
    line: Line, neighbours: Sequence[ReadRuns], grid: Sequence[float] = ()
) -> list[Line]:
    """An OCR line cut where it crosses a column gutter that the read lines around it leave
    open (an engine reads along a baseline across a narrow gutter; its boxes are trimmed to
    the ink, so a narrow gap between its words says little), or one of the page's column
    gutters (grid, `grid_gutters`). neighbours are the runs of words of the page's other
    read lines and their sizes."""
    if len(line.words) < 2:
        return [line]
    cuts = read_gutters(line, neighbours)
    assert line.bbox is not None
    reach = OPEN_GUTTER * (line.bbox[3] - line.bbox[1])
    cuts += [x for x in grid if all(abs(x - cut) > reach for cut in cuts)]
    return cut_line_at(line, one_cut_per_gap(line.words, sorted(cuts)))


def one_cut_per_gap(words: Sequence[Word], cuts: list[float]) -> list[float]:
    """The cuts, less one of any two that hold only marks between them: two ways of
    finding one gutter put a cut either side of a mark standing at its edge, which would be
    left a piece alone; an opening mark goes with the words after it, any other with
    those before.

    >>> w = lambda t, a, b: Word(t, (a, 0, b, 10))
    >>> one_cut_per_gap([w("垃圾", 0, 20), w(",", 21, 24), w("人人", 35, 55)], [20.5, 30])
    [30]
    """
    kept = list(cuts)
    for low, high in itertools.pairwise(cuts):
        between = [w for w in words if low < (w.bbox[0] + w.bbox[2]) / 2 < high]
        if between and all(is_marks(w) for w in between):
            gone = high if all(is_opening_mark(w) for w in between) else low
            kept = [cut for cut in kept if cut != gone]
    return kept


Edge = tuple[float, float, float, float]
"""Where a read line starts (a column's left edge, or an indent), its top and bottom, and
its glyph size."""


def column_edges(lines: Sequence[Line]) -> list[Edge]:
    """Where each read line of the page starts (`Edge`)."""
    return [
        (ln.bbox[0], ln.bbox[1], ln.bbox[3], ln.size)
        for ln in lines
        if is_read(ln) and ln.bbox is not None and ln.size
    ]


def grid_gutters(line: Line, lines: Sequence[Line], edges: Sequence[Edge]) -> list[float]:
    """The middles of the stretches of blank paper across a read line that part it on the
    page's grid of columns (`parts_on_grid`): a page is set on one grid, so the lines of a
    short section, too few to show a gutter of their own, still part at the grid's, where
    the page shows it blank."""
    if line.bbox is None or not line.size or not sees_paper(line):
        return []
    wide = [blank for blank in line.blanks if blank[1] - blank[0] > CLEAR_GUTTER * line.size]
    if not wide:
        return []
    reach = READ_REACH * (line.bbox[3] - line.bbox[1])
    rows = [
        other
        for other in lines
        if other is not line
        and other.bbox is not None
        and other.size
        and sees_paper(other)
        and same_size(other.size, line.size)
    ]
    around = [other for other in rows if 0 < row_distance(line, other) <= reach]
    return [
        (blank[0] + blank[1]) / 2
        for blank in wide
        if parts_on_grid(line, blank, edges, around, rows)
    ]


def row_distance(line: Line, other: Line) -> float:
    """How far apart two lines' middles stand, down the page."""
    assert line.bbox is not None and other.bbox is not None
    return abs((other.bbox[1] + other.bbox[3]) / 2 - (line.bbox[1] + line.bbox[3]) / 2)


def parts_on_grid(
    line: Line,
    blank: tuple[float, float],
    edges: Sequence[Edge],
    around: Sequence[Line],
    rows: Sequence[Line] = (),
) -> bool:
    """Whether a stretch of blank paper wider than a space (`CLEAR_GUTTER`) across a read
    line, between its words, ends where at least MIN_NEIGHBOURS lines of its size on other
    rows start (within ALIGNED: a column's left edge), as blank paper across one of the
    lines around it (of its size, within READ_REACH) does too, or where a row around it
    starts two columns there (`wraps_in_columns`), or where the rows around show it as a
    short section's gutter (`opens_a_short_section`; rows: the page's other lines of the
    line's size). A space inside a line stands at a column's edge in one line, not in
    two."""
    assert line.bbox is not None and line.size
    middles = [(w.bbox[0] + w.bbox[2]) / 2 for w in line.words]
    if not middles or not min(middles) < blank[0] < blank[1] < max(middles):
        return False
    aligned = ALIGNED * line.size
    row = (line.bbox[1], line.bbox[3])
    starting = sum(
        abs(x - blank[1]) <= aligned
        and same_size(size, line.size)
        and not share_a_row((top, bottom), row)
        for x, top, bottom, size in edges
    )
    beside = any(
        level_blanks(blank, other, line) for line_around in around for other in line_around.blanks
    )
    return (
        (starting >= MIN_NEIGHBOURS and beside)
        or opens_a_short_section(line, blank, around, rows)
        or wraps_in_columns(line, blank, around)
    )


def opens_a_short_section(
    line: Line, blank: tuple[float, float], around: Sequence[Line], rows: Sequence[Line]
) -> bool:
    """Whether a stretch of blank paper wider than a space across a read line, a column's
    width from either end of it (`between_columns`), is as wide across MIN_NEIGHBOURS lines
    of the rows around it (the line's among them), ending level (within ALIGNED), and open
    in every line of its size that runs across it within READ_REACH of those: a short
    section's gutter, too few rows deep to show the page's grid. The blank cells of marks
    in a paragraph, set on one grid, may stand level in two of its lines, but the lines
    around them run across."""
    assert line.bbox is not None and line.size
    wide = CLEAR_GUTTER * line.size
    agreeing = [
        line,
        *(
            other
            for other in around
            if any(level_blanks(blank, b, line) and b[1] - b[0] > wide for b in other.blanks)
        ),
    ]
    if len(agreeing) < MIN_NEIGHBOURS or not between_columns(line, blank):
        return False
    least = OPEN_GUTTER * (line.bbox[3] - line.bbox[1])
    reach = READ_REACH * (line.bbox[3] - line.bbox[1])
    return not any(
        other.bbox is not None
        and other.bbox[0] < blank[0] < blank[1] < other.bbox[2]
        and not any(span_overlap(blank, b) >= least for b in other.blanks)
        and any(row_distance(other, agreed) <= reach for agreed in agreeing)
        for other in rows
    )


def level_blanks(blank: tuple[float, float], other: tuple[float, float], line: Line) -> bool:
    """Whether another line's stretch of blank paper overlaps one across line by OPEN_GUTTER
    of its height and ends level with it (within ALIGNED): the same gutter, on another row."""
    assert line.bbox is not None and line.size
    return (
        span_overlap(blank, other) >= OPEN_GUTTER * (line.bbox[3] - line.bbox[1])
        and abs(other[1] - blank[1]) <= ALIGNED * line.size
    )


def between_columns(line: Line, blank: tuple[float, float]) -> bool:
    """Whether a line runs on for a column's width (`MIN_COLUMN`) either side of a
    stretch of blank paper across it: as a gutter leaves it, not a few marks' blank cells
    near the line's end."""
    assert line.bbox is not None and line.size
    column = MIN_COLUMN * line.size
    return blank[0] - line.bbox[0] >= column and line.bbox[2] - blank[1] >= column


def wraps_in_columns(line: Line, blank: tuple[float, float], around: Sequence[Line]) -> bool:
    """Whether two lines of a row next to a line start flush under its start (or a
    paragraph's indent left of it, `PARAGRAPH_INDENT`: the line may open a paragraph) and
    under the end of a stretch of blank paper across it: two columns, whose lines the line
    read across, each going on under its own start."""
    assert line.bbox is not None and line.size
    aligned = ALIGNED * line.size
    indent = PARAGRAPH_INDENT * line.size + aligned
    under_start = [o for o in around if o.bbox and -aligned <= line.bbox[0] - o.bbox[0] <= indent]
    under_blank = [o for o in around if o.bbox and abs(o.bbox[0] - blank[1]) <= aligned]
    return any(
        share_a_row((a.bbox[1], a.bbox[3]), (b.bbox[1], b.bbox[3]))
        for a in under_start
        for b in under_blank
        if a.bbox and b.bbox
    )


def cut_line_at(line: Line, cuts: Sequence[float], *, apart: bool = False) -> list[Line]:
    """A read line cut at these x positions (each piece standing apart from the rest, or
    not: `line_of_words`). A doubtful mark at either end of a piece is what the engine read
    into the gutter, and a closing mark starting one is what it read at a column's edge,
    unless the line opens with it (`opens_line`)."""
    parts = words_between(line.words, cuts)
    if cuts:
        size = line.size or (line.bbox[3] - line.bbox[1] if line.bbox else 0.0)
        parts = [without_doubtful_ends(part, size) for part in parts]
        parts = with_hanging_marks_kept(parts, size)
    pieces = [
        without_leading_closers(part, line.size if k == 0 else None)
        for k, part in enumerate(parts)
        if part
    ]
    return [line_of_words(line, piece, apart=apart) for piece in pieces]


def with_hanging_marks_kept(parts: list[list[Word]], size: float) -> list[list[Word]]:
    """Parts of a cut line, a pause or stop mark (`LINE_OPENING_MARKS`) that starts a part
    moved to the end of the part before, where the engine is sure of it, read it as a word
    of marks alone, and it sets against that part's last letter (`sets_against`): a
    typesetter hangs such a mark after its letter at a column's edge, and the cut fell
    before it; the mark is no gutter noise to drop with a part's leading closers. A mark
    the engine read into the next letter's word it took for that word's.

    >>> w = lambda t, a, b: Word(t, (a, 0, b, 10))
    >>> kept = lambda *parts: with_hanging_marks_kept(list(parts), 10)
    >>> parts = kept([w("10日", 0, 20)], [w("，“", 20, 40), w("悦", 40, 50)])
    >>> [[(x.text, x.bbox[0], x.bbox[2]) for x in part] for part in parts]
    [[('10日', 0, 20), ('，', 20, 30.0)], [('“', 30.0, 40), ('悦', 40, 50)]]
    >>> texts = lambda parts: [[x.text for x in part] for part in parts]
    >>> texts(kept([w("10日", 0, 20)], [w("，", 32, 35), w("悦", 36, 46)]))
    [['10日'], ['，', '悦']]
    >>> texts(kept([w("日", 0, 10)], [w("，悦", 10, 30)]))
    [['日'], ['，悦']]
    """
    kept = [list(part) for part in parts]
    for before, part in itertools.pairwise(kept):
        if not before or not part or part[0].doubtful or not is_marks(part[0]):
            continue
        first = part[0].text.strip()
        rest = first.lstrip(LINE_OPENING_MARKS)
        marks = first[: len(first) - len(rest)]
        if not marks:
            continue
        x0, y0, x1, y1 = part[0].bbox
        edge = x0 + len(marks) / len(first) * (x1 - x0)
        mark = replace(part[0], text=marks, bbox=(x0, y0, edge, y1))
        if not sets_against(before[-1], mark, size):
            continue
        before.append(mark)
        del part[0]
        if rest:
            part.insert(0, replace(mark, text=rest, bbox=(edge, y0, x1, y1)))
    return kept


READ_GUTTER = 1.2
"""A read line's words farther apart than this many ems stand in different columns: the
engine's boxes are trimmed to the ink and jitter, so only a gap past an em counts (a
kicker's phrase space, an ideographic space, is about an em ink to ink). The em is the
line's height, or, where the engine trims its boxes to the ink, its glyph size where the
face inks less of its em than that (a Kai kicker); boxes that span the em (RapidOCR's)
say it by their height, where a justified line's wide spaces would swell its advance."""

READ_MARK_BLANK = 0.4
"""After a mark, whose cell is mostly blank, a read gap must be this many line heights
wider to count: a colon inside a line leaves more blank after it than a letter does."""


def wide_gaps(line: Line, marks: Sequence[BBox] = ()) -> list[float]:
    """The middles of the gaps between a read line's words wider than a line of type spaces
    its characters (`READ_GUTTER`, `READ_MARK_BLANK` after a mark, or where one of marks
    stood: closing marks the engine doubted, taken out as strays, whose cells are as blank
    after their ink): such a gap is a gutter whatever the lines around show. Only between
    boxes that could hold their characters (`plausible_box`): beside a sliver, a gap says
    nothing of the paper. Where the source saw the paper, its blank stretches say more than
    the boxes: a gap is no wider than the blank paper in it (`paper_width`), so one holding
    none is no gutter, and one the boxes hide is (`blank_gutters`).

    >>> w = lambda t, a, b: Word(t, (a, 0, b, 10))
    >>> line = lambda x: Line("真是办老人", 1, 0, (0, 0, 85, 10), 10,
    ...                       words=(w("真是办", 0, 30), w("老人", x, x + 20)))
    >>> wide_gaps(line(45)), wide_gaps(line(38))
    ([37.5], [])
    """
    if line.bbox is None:
        return []
    height = line.bbox[3] - line.bbox[1]
    words = sorted(line.words, key=lambda w: w.bbox[0])
    cuts = []
    for before, after in itertools.pairwise(words):
        low, high = before.bbox[2], after.bbox[0]
        gap = min(high - low, paper_width(line, low, high))
        held = any(low <= (m[0] + m[2]) / 2 <= high for m in marks)
        if not before.text.strip()[-1:].isalnum() or held:
            gap -= READ_MARK_BLANK * height
        plausible = plausible_box(before, height) and plausible_box(after, height)
        if gap > READ_GUTTER * gap_em(line, gap) and plausible:
            cuts.append((low + high) / 2)
    return sorted(cuts + blank_gutters(line, cuts))


def gap_em(line: Line, gap: float) -> float:
    """The em a gap gap wide across a read line is measured in (`READ_GUTTER`): the line's
    height, or, where the engine trims its boxes to the ink, its glyph size beside the gap
    where that is larger."""
    assert line.bbox is not None
    height = line.bbox[3] - line.bbox[1]
    return max(height, size_beside(line, gap)) if sees_paper(line) else height


def paper_between(line: Line, low: float, high: float) -> bool:
    """Whether blank paper stands between x positions low and high across a read line,
    where its source saw the page (`sees_paper`): a gutter is blank, and a gap between the
    engine's boxes over inked paper is where it lost glyphs or boxed them short.

    >>> line = Line("落地见效", 1, 0, (0, 0, 54, 10), 10, origin="ocr-tesseract")
    >>> paper_between(line, 20, 34), paper_between(replace(line, blanks=((22, 32),)), 20, 34)
    (False, True)
    """
    return not sees_paper(line) or paper_width(line, low, high) > 0


def paper_width(line: Line, low: float, high: float) -> float:
    """How much blank paper stands between x positions low and high across a read line
    (its stretches there together: a speck may part a gutter's), where its source saw the
    page (`sees_paper`); elsewhere the gap itself. An engine's box may start short of its
    glyph's ink, and leave a gap wider than the paper does.

    >>> line = Line("邻里守望温暖", 1, 0, (0, 0, 80, 10), 10, origin="ocr-tesseract")
    >>> paper_width(line, 40, 60), paper_width(replace(line, blanks=((40, 47),)), 40, 60)
    (0.0, 7.0)
    >>> paper_width(replace(line, blanks=((40, 44), (50, 58))), 40, 60)
    12.0
    """
    if not sees_paper(line):
        return high - low
    return sum((end - start for start, end in line.blanks if low <= (start + end) / 2 <= high), 0.0)


def blank_gutters(line: Line, cuts: Sequence[float]) -> list[float]:
    """The middles of the stretches of blank paper across a read line wider than any space
    (`blanks_wider_than_spaces`) with no cut in them yet: the page shows a gutter there,
    whatever the engine made of the specks in it or where it put its boxes.

    >>> words = (Word("救援站", (0, 0, 30, 10)), Word("。加", (38, 0, 58, 10)))
    >>> line = Line("救援站。加", 1, 0, (0, 0, 58, 10), 10, words=words, blanks=((30, 48),))
    >>> blank_gutters(line, []), blank_gutters(replace(line, blanks=((30, 44),)), [])
    ([39.0], [])
    """
    return [
        (start + end) / 2
        for start, end in blanks_wider_than_spaces(line)
        if not any(start <= cut <= end for cut in cuts)
    ]


READ_MARK_BOX = 0.2
"""A read mark's box spans at least this share of its line's height (a letter's, half)."""


def plausible_box(word: Word, height: float) -> bool:
    """Whether a read word's box is as wide as its characters need in a line this tall
    (half of it for each Han character, `READ_MARK_BOX` for any other): an engine now and
    then gives a word a box a sliver wide, leaving a false gap beside it.

    >>> plausible_box(Word("範疇", (347, 0, 349, 11)), 11)
    False
    """
    text = word.text.strip()
    han = sum(1 for c in text if not c.isascii() and c.isalnum())
    other = len(text) - han
    return word.bbox[2] - word.bbox[0] >= (0.5 * han + READ_MARK_BOX * other) * height


def ink_runs(line: Line) -> list[BBox]:
    """The boxes of a read line's runs of words, parted where they leave open a strip as
    wide as a gutter may be (`OPEN_GUTTER`) besides the blank of a mark's cell
    (`MARK_BLANK_SHORT`, `marks_at_space`): a neighbour read across a gutter too still
    shows it, and marks set one above the other in a column leave no strip open. A line
    whose boxes do not fit its letters is one run (`fitting_boxes`); one whose source saw
    the page is parted by its blank paper (`runs_between_blanks`).

    >>> w = lambda a, b: Word("字", (a, 0, b, 10))
    >>> ink_runs(Line("字字字", 1, 0, (0, 0, 60, 10), 10, words=(w(0, 10), w(10, 20), w(50, 60))))
    [(0, 0, 20, 10), (50, 0, 60, 10)]
    """
    if line.bbox is None or not fitting_boxes(line):
        return [line.bbox] if line.bbox else []
    if sees_paper(line):
        return runs_between_blanks(line)
    top, bottom = line.bbox[1], line.bbox[3]
    runs: list[BBox] = []
    blank = MARK_BLANK_SHORT * (line.size or bottom - top)
    before = ""
    for word in sorted(line.words, key=lambda w: w.bbox[0]):
        gap = word.bbox[0] - runs[-1][2] if runs else 0.0
        gap -= blank * marks_at_space(before, word.text)
        if runs and gap < OPEN_GUTTER * (bottom - top):
            runs[-1] = (runs[-1][0], top, max(runs[-1][2], word.bbox[2]), bottom)
        else:
            runs.append((word.bbox[0], top, word.bbox[2], bottom))
        before = word.text
    return runs


def runs_of_rows(lines: Sequence[Line]) -> dict[int, ReadRuns]:
    """Each read line's runs of words (`ink_runs`) and its glyph size, its last run reaching
    on over the next line of its row and size where the engine parted the two by less than
    a gutter (`OPEN_GUTTER`) besides the blank of a mark's cell (`marks_at_space`): the
    paper, not how the engine grouped its words, says where a row's runs end, and marks set
    one above the other leave no strip open whichever lines hold them.

    >>> w = lambda t, a, b: Word(t, (a, 0, b, 10))
    >>> left = Line("节目。", 1, 0, (0, 0, 30, 10), 10, words=(w("节目。", 0, 30),))
    >>> right = lambda x: Line("今年", 1, 0, (x, 0, x + 20, 10), 10, words=(w("今年", x, x + 20),))
    >>> runs = runs_of_rows([left, right(35)])
    >>> runs[id(left)]
    ([(0, 0, 55, 10)], 10)
    >>> runs_of_rows([left, right(45)])[id(left)]
    ([(0, 0, 30, 10)], 10)
    """
    runs = {id(line): (ink_runs(line), line.size) for line in lines}
    for line in lines:
        own, size = runs[id(line)]
        if line.bbox is None or not own:
            continue
        _, top, right, bottom = line.bbox
        height = bottom - top
        after = [
            other
            for other in lines
            if other.bbox is not None
            and other.bbox[0] >= right
            and share_a_row((top, bottom), (other.bbox[1], other.bbox[3]))
            and (other.size is None or size is None or same_size(other.size, size))
        ]
        if not after:
            continue
        beside = min(after, key=lambda other: other.bbox[0] if other.bbox else right)
        assert beside.bbox is not None
        blank = MARK_BLANK_SHORT * (size or height) * marks_at_space(line.text, beside.text)
        theirs = runs[id(beside)][0]
        if theirs and beside.bbox[0] - right - blank < OPEN_GUTTER * height:
            last = own[-1]
            own[-1] = (last[0], last[1], max(last[2], theirs[0][2]), last[3])
    return runs


def runs_between_blanks(line: Line) -> list[BBox]:
    """`ink_runs` of a line whose source saw the page: parted at the blank paper that runs
    across its band (`Line.blanks`), as wide as a gutter may be besides the blank of a
    mark's cell, and bounded by that paper, not by the engine's boxes, which meet or
    overlap across a narrow gutter.

    >>> w = lambda t, a, b: Word(t, (a, 0, b, 10))
    >>> words = (w("水脉", 0, 20), w("”", 20, 28), w("目会", 28, 60))
    >>> line = Line("水脉”目会", 1, 0, (0, 0, 60, 10), 10, words=words, paper_seen=True)
    >>> runs_between_blanks(replace(line, blanks=((23, 35),)))
    [(0, 0, 23, 10), (35, 0, 60, 10)]
    >>> runs_between_blanks(replace(line, blanks=((23, 31),)))  # the quote's own blank
    [(0, 0, 60, 10)]
    """
    assert line.bbox is not None
    left, top, right, bottom = line.bbox
    blank = MARK_BLANK_SHORT * (line.size or bottom - top)
    words = sorted(line.words, key=lambda w: w.bbox[0])
    runs: list[BBox] = []
    start = left
    for low, high in sorted(line.blanks):
        if low <= left or high >= right:
            continue
        middle = (low + high) / 2
        before = "".join(w.text for w in words if (w.bbox[0] + w.bbox[2]) / 2 < middle)
        after = "".join(w.text for w in words if (w.bbox[0] + w.bbox[2]) / 2 >= middle)
        if high - low - blank * marks_at_space(before, after) >= OPEN_GUTTER * (bottom - top):
            runs.append((start, top, low, bottom))
            start = high
    runs.append((start, top, right, bottom))
    return runs


LINE_OPENING_MARKS = "，。、；：,"
"""The closing marks a page set without the rule that keeps them off a line's start may
open a line with: the pause and stop marks. Tesseract's lines set across doubt one read
where the page shows no mark's ink (`sources.marks`), RapidOCR's one it reads unsurely
(`RAPID_MARK_CONFIDENCE`); a vertical column's are not checked."""

OPENING_MARK_REACH = 1.0
"""A mark that opens a line stands within this many glyphs of the letter after it, in the
line's first cell; a mark read across a gutter stands a gutter off."""


def opens_line(mark: Word, after: Word, size: float) -> bool:
    """Whether a word is a line's opening mark (`LINE_OPENING_MARKS`), read without doubt and
    standing within a cell of the word after it (`OPENING_MARK_REACH`; size the glyph size):
    where a page breaks a line before a pause or a stop, the mark takes the line's first
    cell.

    >>> w = lambda t, a, b, d=False: Word(t, (a, 0, b, 10), doubtful=d)
    >>> after, far = w("器", 10, 20), w("器", 18, 28)
    >>> opens_line(w("、", 0, 3), after, 10), opens_line(w("、", 0, 3, True), after, 10)
    (True, False)
    >>> opens_line(w("”", 0, 3), after, 10), opens_line(w("、", 0, 3), far, 10)
    (False, False)
    """
    if mark.doubtful or mark.text.strip() not in tuple(LINE_OPENING_MARKS):
        return False
    return after.bbox[0] - mark.bbox[2] < OPENING_MARK_REACH * size


def without_leading_closers(words: list[Word], size: float | None = None) -> list[Word]:
    """Words less the closing marks they start with, but a mark the line opens with where
    the glyph size is given (`opens_line`).

    >>> w = lambda t, a, b: Word(t, (a, 0, b, 10))
    >>> [(x.text, x.bbox[0]) for x in without_leading_closers([w("”加", 0, 20), w("。", 20, 30)])]
    [('加', 10.0), ('。', 20)]
    """
    if size and len(words) > 1 and opens_line(words[0], words[1], size):
        return words
    while len(words) > 1 and all(c in HANGING_MARKS for c in words[0].text.strip()):
        words = words[1:]
    first = words[0].text.strip()
    rest = first.lstrip(HANGING_MARKS)
    if not rest or rest == first:
        return words
    x0, y0, x1, y1 = words[0].bbox
    left = x0 + (len(first) - len(rest)) / len(first) * (x1 - x0)
    return [replace(words[0], text=rest, bbox=(left, y0, x1, y1)), *words[1:]]


def without_stray_marks(line: Line) -> list[Word]:
    """A read line's words less its doubtful marks that stand apart from the text they
    would go with (`OPEN_GUTTER` of its height): what an engine reads into a gutter, where
    punctuation hugs its text. An opening mark goes with the word after it (no line of type
    ends with one), any other mark with the words either side. A mark at either end of the
    line has a gutter on one side only, and may be the line's own (a dash set two ems wide,
    read as one): it stays.

    >>> w = lambda t, a, b, d=False: Word(t, (a, 0, b, 10), doubtful=d)
    >>> words = (w("名志", 0, 20), w("。", 30, 35, True), w("约350", 45, 75))
    >>> line = Line("名志。约350", 1, 0, (0, 0, 75, 10), 10, words=words)
    >>> [x.text for x in without_stray_marks(line)]
    ['名志', '约350']
    >>> words = (w("居民参", 0, 30), w("“", 30, 36, True), w("指导", 50, 70))
    >>> line = Line("居民参“指导", 1, 0, (0, 0, 70, 10), 10, words=words)
    >>> [x.text for x in without_stray_marks(line)]
    ['居民参', '指导']
    """
    words = sorted(line.words, key=lambda w: w.bbox[0])
    apart = OPEN_GUTTER * (line.bbox[3] - line.bbox[1] if line.bbox else 0)
    return [
        word
        for before, word, after in zip([None, *words[:-1]], words, [*words[1:], None], strict=True)
        if not (
            is_doubtful_mark(word)
            and before is not None
            and after is not None
            and after.bbox[0] - word.bbox[2] >= apart
            and (is_opening_mark(word) or word.bbox[0] - before.bbox[2] >= apart)
        )
    ]


def without_doubtful_ends(words: list[Word], size: float) -> list[Word]:
    """Words less the doubtful marks they start or end with, but for a closing mark set
    against the letter before it (`sets_against`): that is the line's own punctuation,
    ending it at its column's edge, where gutter noise stands apart.

    >>> w = lambda t, a, b, d=False: Word(t, (a, 0, b, 10), doubtful=d)
    >>> [x.text for x in without_doubtful_ends([w("户口簿", 0, 30), w("，", 32, 34, True)], 10)]
    ['户口簿', '，']
    >>> [x.text for x in without_doubtful_ends([w("户口簿", 0, 30), w("，", 38, 40, True)], 10)]
    ['户口簿']
    """
    while len(words) > 1 and is_doubtful_mark(words[0]):
        words = words[1:]
    while (
        len(words) > 1
        and is_doubtful_mark(words[-1])
        and not sets_against(words[-2], words[-1], size)
    ):
        words = words[:-1]
    return words


def sets_against(letter: Word, mark: Word, size: float) -> bool:
    """Whether mark is a closing mark whose ink starts within MARK_BEARINGS of a glyph of
    size after letter's, as a typesetter sets punctuation after its letter; after a closing
    quote or bracket (`CLOSERS_AS_READ`), past the blank of that one's cell too
    (`MARK_BLANK_SHORT`).

    >>> w = lambda t, a, b: Word(t, (a, 0, b, 10))
    >>> after = lambda before, x: sets_against(w(before, 0, 10), w("、", x, x + 3), 10)
    >>> after("普", 14), after("普", 19), after(")", 19), after("“", 12)
    (True, False, True, False)
    """
    text = mark.text.strip()
    closer = ends_on_closer(letter.text)
    reach = (MARK_BEARINGS + MARK_BLANK_SHORT * closer) * size
    return (
        (letter.text.strip()[-1:].isalnum() or closer)
        and bool(text)
        and all(c in CLOSING_AS_READ for c in text)
        and mark.bbox[0] - letter.bbox[2] <= reach
    )


def is_doubtful_mark(word: Word) -> bool:
    return word.doubtful and not any(c.isalnum() for c in word.text)


def read_gutters(line: Line, neighbours: Sequence[ReadRuns]) -> list[float]:
    """Where a read line crosses a column gap that the lines around it leave open: the
    middles of strips inside it that no run of words of a neighbouring line of its height
    and size covers, and that such runs bound on both sides, as columns' edges do, with a
    column's width of words beyond (`MIN_COLUMN`: not a few words after a mark), a pair of
    them standing level on one row (`stand_level`), in at least
    MIN_NEIGHBOURS lines (or in one, where the line's own letters stand further apart
    there than a line of type sets them: `letters_gap`). Where its letters stand solid
    across the strip, the line is set across the columns (a subtitle), and is not cut. A
    line across which a taller one (a title) stands is no neighbour: it belongs to another
    section, whose columns may differ; so is a line in type of another size (a subtitle over
    columns is not theirs). Where the page shows ink across the strip on the line itself
    (`paper_between`), the line is set across it, whatever its neighbours show. The lines
    above it and those below it are judged apart as well: a line set across the columns
    (a subtitle, a caption) on one side covers a strip that the columns' lines on the
    other side leave open.

    >>> row = lambda top, size=10: ([(0, top, 45, top + 10), (55, top, 100, top + 10)], size)
    >>> line = Line("新泾镇社区", 1, 0, (0, 0, 100, 10), 10)
    >>> read_gutters(line, [row(15), row(30)]), read_gutters(line, [row(15), row(30, 13)])
    ([50.0], [])
    >>> across = ([(20, -15, 75, -5)], 10)
    >>> read_gutters(line, [across, row(15), row(30)])
    [50.0]
    """
    box = line.bbox
    assert box is not None
    height = box[3] - box[1]
    middle = (box[1] + box[3]) / 2
    tall = [b for runs, _ in neighbours for b in runs if (b[3] - b[1]) > READ_TALLER * height]
    width = box[2] - box[0]
    near = [
        [
            b
            for b in runs
            if abs((b[1] + b[3]) / 2 - middle) <= READ_REACH * height
            and abs((b[3] - b[1]) - height) <= READ_SAME_HEIGHT * height
            and b[2] > box[0]
            and b[0] < box[2]
            and not any(stands_between(t, b, box) for t in tall)
        ]
        for runs, size in neighbours
        if all(b[2] - b[0] < READ_NARROWER * width for b in runs)
        and (size is None or line.size is None or same_size(size, line.size))
    ]
    above = [runs for runs in near if runs and runs[0][3] <= box[1]]
    below = [runs for runs in near if runs and runs[0][1] >= box[3]]
    cuts: list[float] = []
    for side in (near, below, above):
        for low, high in gutters_left_open(line, side):
            if not any(low <= cut <= high for cut in cuts):
                cuts.append((low + high) / 2)
    return sorted(cuts)


def gutters_left_open(line: Line, near: Sequence[Sequence[BBox]]) -> list[tuple[float, float]]:
    """The strips inside a read line that the given neighbouring lines' runs of words leave
    open and bound as columns' edges do (`read_gutters`)."""
    box = line.bbox
    assert box is not None
    height = box[3] - box[1]
    boxes = [b for runs in near for b in runs]
    edge = OPEN_GUTTER * height
    column = MIN_COLUMN * (line.size or height)
    cuts = []
    for low, high in open_runs(box[0] + height, box[2] - height, boxes, edge):
        left = [
            r
            for r in near
            if any(abs(b[2] - low) <= edge for b in r) and low - min(b[0] for b in r) >= column
        ]
        right = [
            r
            for r in near
            if any(abs(b[0] - high) <= edge for b in r) and max(b[2] for b in r) - high >= column
        ]
        bounding = len({id(r) for r in left + right})
        x = (low + high) / 2
        apart = letters_gap(line, x)
        if apart is not None and apart < edge:
            continue  # its letters stand solid across the strip: set across the columns
        clear = apart is not None and line.size is not None and apart > CLEAR_GUTTER * line.size
        level = any(stand_level(a, b) for a in left for b in right)
        if level and (bounding >= MIN_NEIGHBOURS or clear) and paper_between(line, low, high):
            cuts.append((low, high))
    return cuts


def stand_level(left: Sequence[BBox], right: Sequence[BBox]) -> bool:
    """Whether the words of a line bounding a strip on its left and those of a line
    bounding it on its right share a row (or are one line's): columns' lines stand level,
    where the short last line of a paragraph and a centred byline over it do not."""
    if left is right:
        return True
    a, b = union_bbox(left), union_bbox(right)
    return a is not None and b is not None and share_a_row((a[1], a[3]), (b[1], b[3]))


FITTING_BOX = 0.5
"""A letter's box, as OCR gives it, spans at least this share of its glyph size: an engine
that places characters by where it read them may give slivers, and the gaps beside those
are no blank paper."""


def fitting_boxes(line: Line) -> bool:
    """Whether a line's words have boxes as wide as their letters need (`FITTING_BOX`), so
    the gaps between them are blank paper.

    >>> w = lambda a, b: Word("字", (a, 0, b, 10))
    >>> line = Line("字字", 1, 0, (0, 0, 30, 10), 10, words=(w(0, 9), w(20, 30)))
    >>> fitting_boxes(line), fitting_boxes(replace(line, words=(w(0, 3), w(20, 30))))
    (True, False)
    """
    if not line.words or not line.size:
        return False
    return all(
        word.bbox[2] - word.bbox[0] >= FITTING_BOX * em_count(letters) * line.size
        for word in line.words
        if (letters := "".join(c for c in word.text if c.isalnum()))
    )


def letters_gap(line: Line, x: float) -> float | None:
    """How far apart a line's words either side of x stand (a word centred on x counts on
    the left) where both are letters with no space printed between and the line's boxes
    fit its letters, else None: a mark's box, as OCR finds it, says too little of where its
    ink lies, and so does a sliver's. Where the source saw the page, the blank paper
    between the two letters counts where it is wider than their boxes' gap.

    >>> words = (Word("环", (0, 0, 10, 10)), Word("余", (25, 0, 35, 10)))
    >>> letters_gap(Line("环余", 1, 0, (0, 0, 35, 10), 10, words=words), 18)
    15
    >>> solid = tuple(Word(t, (a, 0, b, 10)) for t, a, b in (("共", 0, 10), ("建", 10.5, 21),
    ...                                                        ("家", 20.6, 31)))
    >>> round(letters_gap(Line("共建家", 1, 0, (0, 0, 31, 10), 10, words=solid), 15.75), 1)
    -0.4
    """
    left = [w for w in line.words if (w.bbox[0] + w.bbox[2]) / 2 <= x]
    right = [w for w in line.words if (w.bbox[0] + w.bbox[2]) / 2 > x]
    if not left or not right or not fitting_boxes(line):
        return None
    before = max(left, key=lambda w: w.bbox[2])
    after = min(right, key=lambda w: w.bbox[0])
    letters = before.text.strip()[-1:].isalnum() and after.text.strip()[:1].isalnum()
    if not letters or after.text.startswith(" "):
        return None
    gap = after.bbox[0] - before.bbox[2]
    if sees_paper(line):
        # Boxes that meet across a gutter (RapidOCR's) hide the paper between them.
        middles = (before.bbox[0] + before.bbox[2]) / 2, (after.bbox[0] + after.bbox[2]) / 2
        gap = max(gap, paper_width(line, *middles))
    return gap


def open_runs(
    start: float, end: float, boxes: Sequence[BBox], min_width: float
) -> list[tuple[float, float]]:
    """The runs from start to end, at least min_width wide, that no box covers.

    >>> open_runs(0, 100, [(10, 0, 40, 1), (30, 0, 60, 1)], 20)
    [(60, 100)]
    """
    runs, reached = [], start
    for x0, _, x1, _ in sorted(boxes):
        if min(x0, end) - reached >= min_width:
            runs.append((reached, min(x0, end)))
        reached = max(reached, x1)
    if end - reached >= min_width:
        runs.append((reached, end))
    return runs


Spans = list[tuple[float, float]]


def neighbour_rows(line: Line, lines: Sequence[Line]) -> list[Spans]:
    """Where the ink of each line near `line` and set in its size runs across, none of them
    across a larger line (a title) from it: those lines may have other columns."""
    assert line.bbox is not None and line.size
    middle = (line.bbox[1] + line.bbox[3]) / 2
    tall = [o.bbox for o in lines if o.bbox and o.size and o.size > HEAD_SIZE_RATIO * line.size]
    return [
        [ink_span(word) for word in other.words]
        for other in lines
        if other is not line
        and other.words
        and other.bbox is not None
        and other.size
        and same_size(other.size, line.size, exact=from_text_layer((other, line)))
        and abs((other.bbox[1] + other.bbox[3]) / 2 - middle) <= NEIGHBOUR_REACH * line.size
        and not any(stands_between(t, other.bbox, line.bbox) for t in tall)
    ]


def is_gutter(left: Word, right: Word, size: float, near: Sequence[Spans]) -> bool:
    """Whether the gap between two neighbouring words of a line is a column gutter.

    >>> w = lambda t, a, b: Word(t, (a, 0, b, 10))
    >>> rows = [[(0, 90), (100, 190)]] * 3
    >>> is_gutter(w("說", 80, 90), w("文", 92, 102), 10, rows)
    True
    >>> is_gutter(w("說", 80, 90), w("文", 92, 102), 10, rows[:1])
    False
    >>> is_gutter(w("說", 80, 90), w("文", 90, 100), 10, rows)  # set solid
    False
    >>> is_gutter(w("說，", 70, 90), w("文", 93, 103), 10, [])
    True
    >>> is_gutter(w("、", 100, 112), w("動", 101.8, 113.8), 12, [[(0, 95), (101.8, 200)]] * 2)
    True
    """
    gap = right.bbox[0] - left.bbox[2]
    if right.text.startswith(" "):
        return gap > (CLEAR_GUTTER + SPACE) * size
    if gap > CLEAR_GUTTER * size:
        return True
    if left.text.strip()[-1:] in HANGING_MARKS and gap > MARK_GAP * size:
        return True
    if abs(gap) <= SOLID * size:
        return hangs_to_next_column(left, right, size, near)
    low, high = ink_span(left)[1], ink_span(right)[0]
    if high <= low and left.text.strip()[-1:] in HANGING_MARKS:
        low = left.bbox[0]  # the next word starts on the mark's ink: the text ended before it
    if high <= low:
        return False
    return sum(opens_across(row, low, high, size) for row in near) >= MIN_NEIGHBOURS


HANGING_DEPTH = 2.0
"""A line hangs at most this many marks past its column's edge (a closing quote and a
comma: no line may start with either)."""


def hangs_to_next_column(left: Word, right: Word, size: float, near: Sequence[Spans]) -> bool:
    """Whether a closing mark set solid against the next word is one hanging past its
    column's edge to the next column's: the next word is no mark, and the neighbouring
    lines end where the mark's column does (within HANGING_DEPTH glyphs of its cell, before
    its ink) and leave open a strip as wide as a glyph up to where the next word starts,
    flush with it as a text layer sets a column's lines, and none of them runs into it.
    Inside a column a mark's own blank is all that parts it from the next character, marks
    set one above the other leave no more, the column's lines run through it where others
    start indented, and those indented lines start after a gap from the column to the left,
    whose lines end far from the mark.

    >>> rows = [[(216, 372), (390.9, 547)], [(216, 377), (390.9, 547)]]
    >>> w = lambda t, a, b: Word(t, (a, 0, b, 12))
    >>> hangs_to_next_column(w("”", 378.4, 390.4), w("动", 390.9, 402.9), 12, rows)
    True
    >>> commas = [[(216, 377), (384, 547)]] * 2
    >>> hangs_to_next_column(w("”", 378.4, 390.4), w("动", 390.9, 402.9), 12, commas)
    False
    """
    if left.text.strip()[-1:] not in HANGING_MARKS or right.text.strip()[:1] in HANGING_MARKS:
        return False
    low, high = ink_span(left)[1], right.bbox[0]
    opened = sum(
        any(
            start - end >= CLEAR_GUTTER * size
            and left.bbox[0] - HANGING_DEPTH * size <= end < low
            and abs(start - high) <= SOLID * size
            for (_, end), (start, _) in itertools.pairwise(sorted(row))
        )
        for row in near
    )
    crossed = any(a < high and b > low for row in near for a, b in row)
    return opened >= MIN_NEIGHBOURS and not crossed


ALIGNED = 1.0
"""The lines of one column start within this share of the glyph size of each other: flush
at its left edge, wherever each ends (short, ragged, or past a hanging mark)."""


def opens_across(row: Spans, low: float, high: float, size: float) -> bool:
    """Whether a line's ink leaves open, where the strip from low to high lies, a gap as a
    gutter does: at least OPEN_GUTTER wide, its ink ending before the strip's right edge
    (within ALIGNED past its left one) and starting again within ALIGNED of its right
    edge, as the next column's lines start (a line starting indented shows nothing).

    >>> opens_across([(50, 150), (150, 154), (159, 259)], 150, 159, 10)
    True
    >>> opens_across([(50, 130), (159, 259)], 150, 159, 10)
    True
    >>> opens_across([(50, 130), (175, 259)], 150, 159, 10)
    False
    """
    spans = sorted(row)
    return any(
        start - end >= OPEN_GUTTER * size
        and end < high
        and start > low
        and end - low <= ALIGNED * size
        and abs(start - high) <= ALIGNED * size
        for (_, end), (start, _) in itertools.pairwise(spans)
    )


MARK_INK = 0.4
"""A full-width mark's ink fills about this share of its cell, on the side of the text it
goes with: a closing mark hanging past its column's edge may overlap the next column's cell."""


def ink_span(word: Word) -> tuple[float, float]:
    """Where a word's ink runs across: a word of closing marks only in the left part of its
    box, one of opening marks only in the right part.

    >>> ink_span(Word("、", (100, 0, 110, 10))), ink_span(Word("“", (100, 0, 110, 10)))
    ((100, 104.0), (106.0, 110))
    """
    x0, _, x1, _ = word.bbox
    if is_closing_mark(word):
        return x0, x0 + MARK_INK * (x1 - x0)
    if is_opening_mark(word):
        return x1 - MARK_INK * (x1 - x0), x1
    return x0, x1


STACK_LEADING = 0.6
"""Glyphs of one vertical line stand less than this share of their size apart, one under
the other (as the lines of one head do, HEAD_LEADING)."""

STACK_ALIGN = 0.3
"""and their left edges differ by less than this share of it."""


def vertical_stacks(lines: Sequence[Line], size: float) -> list[list[Line]]:
    """Runs of lines of one Han glyph each, set one under the other at one left edge: a line
    of vertical text on a page set across (a slogan beside a masthead, a label), which read
    as lines they are glyphs each standing alone. Only those in body glyphs or smaller: a
    larger vertical line is a head, and is left to the head rules."""
    glyphs = sorted(
        (
            line
            for line in lines
            if line.bbox is not None
            and HAN_RE.fullmatch(line.text.strip())
            and (line.size or size) < HEAD_SIZE_RATIO * size
        ),
        key=lambda line: (line.bbox[1], line.bbox[0]),  # type: ignore[index]
    )
    stacks: list[list[Line]] = []
    for line in glyphs:
        x0, top = line.bbox[0], line.bbox[1]  # type: ignore[index]
        glyph = line.size or size
        for stack in stacks:
            last = stack[-1].bbox
            if (
                abs(last[0] - x0) <= STACK_ALIGN * glyph  # type: ignore[index]
                and 0 <= top - last[3] <= STACK_LEADING * glyph  # type: ignore[index]
            ):
                stack.append(line)
                break
        else:
            stacks.append([line])
    return [stack for stack in stacks if len(stack) >= 2]


def without(page: Page, stacks: Sequence[Sequence[Line]]) -> Page:
    """The page without the lines of its vertical stacks."""
    stacked = {id(line) for stack in stacks for line in stack}
    return replace(page, lines=tuple(line for line in page.lines if id(line) not in stacked))


def vertical_line(stack: Sequence[Line]) -> Line:
    """A stack of glyphs as one line, read top to bottom."""
    return replace(
        stack[0],
        text="".join(line.text.strip() for line in stack),
        bbox=union_bbox(line.bbox for line in stack),
        confidence=mean_confidence(line.confidence for line in stack),
    )


def _box(line: Line) -> _Box:
    x0, top, x1, bottom = line.bbox  # type: ignore[misc]
    return _Box(line, x0, top, x1, bottom)


def _edge_lines(page: Page) -> tuple[list[_Box], list[_Box]]:
    """Lines in the page's header and footer bands."""
    height = page.height
    if not height:
        return [], []
    boxes = [_box(line) for line in page.lines if line.bbox]
    top = [b for b in boxes if b.bottom <= HEADER_BAND * height]
    bottom = [b for b in boxes if b.top >= (1 - HEADER_BAND) * height]
    if not top:
        top = numbered_row(boxes, lambda b: b.top, height)
    if not bottom:
        bottom = numbered_row(boxes, lambda b: height - b.bottom, height)
    return top, bottom


NUMBERED_ROW_REACH = 0.12
"""A page's first (or last) row of text, within this share of its height from the edge, is
its header (or footer) when it holds a page number: a journal's running head can sit lower
than HEADER_BAND."""


def numbered_row(boxes: list[_Box], depth: Callable[[_Box], float], height: float) -> list[_Box]:
    """The row of lines nearest an edge (depth measures from it), when that row lies within
    NUMBERED_ROW_REACH of the edge and holds a page number; else nothing."""
    if not boxes:
        return []
    edge = min(boxes, key=depth)
    row = [b for b in boxes if share_a_row((b.top, b.bottom), (edge.top, edge.bottom))]
    if depth(edge) > NUMBERED_ROW_REACH * height or not any(
        is_page_number(b.line.text) for b in row
    ):
        return []
    return row


def span_overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How far two spans (from left to right, or from top to bottom) overlap; negative, the
    gap between them."""
    return min(a[1], b[1]) - max(a[0], b[0])


def share_a_row(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two spans from top to bottom share a row: they overlap for half the shorter
    one's height."""
    return span_overlap(a, b) >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _repeated_texts(lines_by_page: Sequence[Sequence[Line]]) -> set[str]:
    seen: Counter[str] = Counter()
    for lines in lines_by_page:
        seen.update({_digitless(line.text) for line in lines})
    return {text for text, count in seen.items() if count >= 2 and text}


def _edge_block(box: _Box, repeated: set[str]) -> Block:
    text = box.line.text
    role: BoilerplateRole | None
    if is_page_number(text):
        role = "page-number"
    elif _digitless(text) in repeated or is_running_head(text):
        role = "running-header"
    else:
        role = None
    return block_of((box.line,), role)


KICKER_GAP = 1.0
"""A kicker stands within this many body sizes above its title; a running head stands
further off the text under it."""


def leads_a_head(box: _Box, boxes: Sequence[_Box], size: float) -> bool:
    """Whether a line stands right above a head: the nearest line under it that shares its
    span is set HEAD_SIZE_RATIO times the body or larger, within KICKER_GAP. A kicker so
    leads its title, and sections that open pages may share one (`關愛長者 共建社區`);
    a running head stands off the page's text."""
    under = [
        b
        for b in boxes
        if b is not box and b.top >= box.bottom and span_overlap((b.x0, b.x1), (box.x0, box.x1)) > 0
    ]
    if not under:
        return False
    nearest = min(under, key=lambda b: b.top)
    close = nearest.top - box.bottom <= KICKER_GAP * size
    return close and (nearest.line.size or 0.0) >= HEAD_SIZE_RATIO * size


def edge_blocks(
    band: list[_Box], repeated: set[str], size: float, boxes: Sequence[_Box]
) -> list[Block]:
    """The header (or footer) blocks of a page's edge band: its lines that prove running
    heads, page numbers or their pieces. A line there that proves none is content, laid out
    with the rest of the page (a title at the top of a page); so is a line that leads a
    head (`leads_a_head`), unless it names the page, the issue or the date. boxes are all
    the page's lines."""
    band = [
        box
        for box in band
        if is_page_number(box.line.text)
        or is_running_head(box.line.text)
        or not leads_a_head(box, boxes, size)
    ]
    blocks = header_blocks([_edge_block(box, repeated) for box in band], size)
    return [block for block in blocks if block.role]


def header_blocks(blocks: list[Block], size: float) -> list[Block]:
    """The blocks of a page's header (or footer) band; where one is a running header, the
    others in the band are its pieces (OCR splits a header at its wide spaces: `夏阳社区报`
    `第7期`). Lines of body size or smaller on a page number's row are the running head it
    numbers, on a single page too (a journal's `?期  杜鑫乐等：数据中心网络的流量控制  7`)."""
    numbers = [block for block in blocks if block.role == "page-number"]
    blocks = [
        replace(block, role="running-header")
        if block.role is None
        and (block.size or 0) < HEAD_SIZE_RATIO * size
        and any(same_row(block, number) for number in numbers)
        else block
        for block in blocks
    ]
    if not any(block.role == "running-header" for block in blocks):
        return blocks
    return [block if block.role else replace(block, role="running-header") for block in blocks]


def same_row(a: Block, b: Block) -> bool:
    """Whether two blocks share a row (`share_a_row`)."""
    if a.bbox is None or b.bbox is None:
        return False
    return share_a_row((a.bbox[1], a.bbox[3]), (b.bbox[1], b.bbox[3]))


READ_NUMBER = r"\d+(?:[^\w\s]\d*)?"
"""A number as OCR reads it in small type: digits, among or after which may stand one mark
it made of a digit (`第5]期`); a letter or a character is no misread digit."""

ISSUE_NUMBER = rf"第\s*{READ_NUMBER}\s*[期其]"
"""An issue number (`第36期`): a line at the page's head carrying one is a running header;
structure takes it as the masthead's mark. OCR of a photographed page reads `期` as `其`
without its `月`; `第10其` means nothing else."""
ISSUE_NUMBER_RE = regex.compile(ISSUE_NUMBER)

RUNNING_HEAD_RE = regex.compile(
    rf"{ISSUE_NUMBER}|\d{{4}}\s*年\s*(?:{READ_NUMBER}|[^\w\s])\s*月|第\s*\d+\s*[版页頁]"
)
"""What a running head carries: the issue, the date (year and month) or the page."""


def is_running_head(text: str) -> bool:
    """Whether a line at a page's top or foot is its running head: it names the issue, the
    date or the page, and is no prose, or ends with them (OCR reads the wide space between
    a running head's name and its date as a comma at times; prose runs on past a date).

    >>> is_running_head("金山卫快讯　2024年4月22日"), is_running_head("2024年4月起，全镇推行。")
    (True, False)
    >>> is_running_head("高桥通讯，2022年3月2日")
    True
    >>> is_running_head("曹杨月刊”2023年？月12日"), is_running_head("2023年8月26日第5]期")
    (True, True)
    """
    found = list(RUNNING_HEAD_RE.finditer(text))
    if not found:
        return False
    ends = bool(RUNNING_HEAD_END_RE.fullmatch(text[found[-1].end() :]))
    return ends or not has_prose_marks(text)


RUNNING_HEAD_END_RE = regex.compile(r"\s*(?:\d{1,2}\s*日)?\s*")
"""What may follow a running head's date or issue to the end of the line: the day."""


def page_blocks(boxes: list[_Box], size: float) -> list[Block]:
    """One page's content lines as blocks in reading order: region by region, each read
    whole before the next; each marked where a tall gap lies beside it on the page."""
    if not boxes:
        return []
    pitch = line_pitch(boxes, size)
    blocks = [
        block for region in regions(boxes, size, pitch) for block in region_blocks(region, size)
    ]
    tall = FIGURE_GAP * pitch
    return [replace(block, figure_gap=beside_gap(block, boxes, tall)) for block in blocks]


def beside_gap(block: Block, boxes: list[_Box], tall: float) -> bool:
    """Whether a tall stretch with no text lies right above or right below a block, across
    its width, on the page: a photo's place, or the foot of a short column. Measured on the
    page, a gap the page was cut at counts for the lines on either side of it. With no text
    above the block across its width the stretch runs up to the top of the page's text, and
    with none below down to its foot: a caption set beside a photo, or over one wider than
    the last line under it."""
    if block.bbox is None:
        return False
    x0, top, x1, bottom = block.bbox
    own = {id(line) for line in block.lines}
    across = [
        b for b in boxes if id(b.line) not in own and span_overlap((b.x0, b.x1), (x0, x1)) > 0
    ]
    above = [b.bottom for b in across if b.bottom <= top] or [min(b.top for b in boxes)]
    below = [b.top for b in across if b.top >= bottom] or [max(b.bottom for b in boxes)]
    return top - max(above) >= tall or min(below) - bottom >= tall


SECTION_GAP = 1.0
"""A gap across the whole page at least this many body line pitches tall (more than a blank
line) parts what is above it from what is below: text within a column never leaves one."""


def regions(boxes: list[_Box], size: float, pitch: float) -> list[list[_Box]]:
    """The page cut into regions in reading order: first into slabs at gaps across its
    width, then each slab at gutters that run through all of its height where every part
    has a head of its own and text under it. Articles set side by side are two regions,
    each read whole, left to right; a head is never cut from the text under it, and a short
    title over the first columns of its article does not cut the article. pitch is the
    page's body line pitch (`line_pitch`)."""
    result: list[list[_Box]] = []
    side_by_side: list[list[_Box]] = []  # the regions the last cuts opened
    cuts: list[float] = []
    found = cut_above_spanning_heads(
        joined_through_photos(slabs(boxes, SECTION_GAP * pitch, size), size), size
    )
    queue = list(found)
    while queue:
        whole = queue.pop(0)
        banner, slab, clear = set_above_articles(whole, queue[0] if queue else [], size)
        if banner:
            side_by_side = []
            result.append(banner)
        if clear:
            parts = parts_at(slab, clear)
            cuts, side_by_side = clear, parts
            result.extend(parts)
        elif side_by_side and continues_cuts(slab, cuts, size):
            for region, part in zip(side_by_side, parts_at(slab, cuts), strict=True):
                region.extend(part)
        elif side_by_side and (run_on := running_on_over_head(slab, cuts, size)):
            for region, part in zip(side_by_side, parts_at(run_on, cuts), strict=True):
                region.extend(part)
            carried = {id(box) for box in run_on}
            queue.insert(0, [box for box in slab if id(box) not in carried])
        else:
            side_by_side = []
            result.append(slab)
    return result


def running_on_over_head(slab: list[_Box], cuts: list[float], size: float) -> list[_Box]:
    """The lines of a slab that carry on the columns of articles side by side above it
    (cut at cuts) over its first head: in body type, higher than that head, neither flush
    with it nor centred over it (a kicker is), and crossing no cut. A column interrupted by
    a photo goes on under it, below a gap across the page, beside the next section's kicker
    and over its title. Empty where the slab has no head, or nothing carries on."""
    heads = [box for box in slab if is_head(box, size)]
    if not heads:
        return []
    head = min(heads, key=lambda box: box.top)
    above = [
        box
        for box in slab
        if box.bottom <= head.top and in_body_size(box, size) and not stands_over(box, head, size)
    ]
    return above if above and continues_cuts(above, cuts, size) else []


def cut_above_spanning_heads(found: list[list[_Box]], size: float) -> list[list[_Box]]:
    """The slabs, each cut above a head whose article runs on across the articles side by
    side above it (`spanning_head_top`): where the gap above a section is narrower than a
    blank line, the gutter of the columns above runs on through it, and the section would
    otherwise be read as the foot of both articles."""
    result: list[list[_Box]] = []
    queue = list(found)
    while queue:
        slab = queue.pop(0)
        following = queue[0] if queue else []
        clear = articles_side_by_side(slab, following, size)
        top = spanning_head_top(slab, clear, size) if clear else None
        if top is None:
            result.append(slab)
            continue
        queue[:0] = [
            [box for box in slab if box.top < top],
            [box for box in slab if box.top >= top],
        ]
    return result


def spanning_head_top(slab: list[_Box], cuts: list[float], size: float) -> float | None:
    """The top (its kicker's, if it has one) of a head below the top of its part of a slab
    cut at cuts, with blank paper beside it in every other part and text there starting
    level with one of the head's first two lines of text (`LEVEL`): the columns of one
    article start on one baseline under its head, which is set over the first of them only.
    None where no head stands so."""
    parts = parts_at(slab, cuts)
    for n, part in enumerate(parts):
        others = [other for m, other in enumerate(parts) if m != n]
        if not part or not all(others):
            continue
        for head in sorted((b for b in part if is_head(b, size)), key=lambda b: b.top):
            top = min([head.top] + [b.top for b in part if is_kicker_of(b, head, size)])
            text = sorted(b.top for b in part if b.top >= head.bottom and not is_head(b, size))[:2]
            if (
                text
                and text_above(part, top, size)
                and all(level_below(other, top, text, size) for other in others)
            ):
                return top
    return None


def text_above(part: list[_Box], top: float, size: float) -> bool:
    """Whether a part holds lines of text, no head, wholly above top: an article ends there."""
    return any(b.bottom <= top and not is_head(b, size) for b in part)


def level_below(part: list[_Box], top: float, starts: list[float], size: float) -> bool:
    """Whether a part holds text above top (`text_above`), nothing from top down to its
    first line below, and that line, no head, starts level with one of starts."""
    below = [b for b in part if b.bottom > top]
    if not below or not text_above(part, top, size):
        return False
    first = min(below, key=lambda b: b.top)
    return (
        first.top > top
        and not is_head(first, size)
        and any(abs(first.top - start) <= LEVEL * size for start in starts)
    )


def set_above_articles(
    slab: list[_Box], following: list[_Box], size: float
) -> tuple[list[_Box], list[_Box], list[float]]:
    """The top rows of a slab set across articles side by side under them (a masthead less
    than a line's pitch above the first page's first two articles), the rest of the slab,
    and the cuts that part the rest into those articles (`articles_side_by_side`). Nothing
    above where the slab parts as it is, or where no rows above a head cross every cut of
    what is under them."""
    clear = articles_side_by_side(slab, following, size)
    if clear:
        return [], slab, clear
    for top in sorted({box.top for box in slab if is_head(box, size)}):
        above = [box for box in slab if box.bottom <= top]
        rest = [box for box in slab if box.bottom > top]
        clear = articles_side_by_side(rest, following, size) if above else []
        if clear and all(any(b.x0 < cut < b.x1 for b in above) for cut in clear):
            return above, rest, clear
    return [], slab, []


def articles_side_by_side(slab: list[_Box], following: list[_Box], size: float) -> list[float]:
    """The gutters that part a slab into articles set side by side, or none. Each part holds
    a head and text under it; or the text under a head starts in the slab below, past a
    photo set under the head, and then the gutters are those the two slabs leave open
    together (a head may be narrower than its article's columns)."""
    cuts = [cut for cut in gutters(slab, size, crossing=0) if not parts_a_head(cut, slab, size)]
    clear = headed_cuts(slab, between_articles(slab, cuts, size), size)
    parts = split_at_x(slab, clear)
    if len(parts) > 1 and all(is_article(part, size) for part in parts):
        return clear
    if not following or not continues_cuts(following, [], size):
        return []
    clear = between_articles(slab + following, gutters(slab + following, size, crossing=0), size)
    parts, below = parts_at(slab, clear), parts_at(following, clear)
    headed = [
        is_article(part, size) or (any(is_head(box, size) for box in part) and bool(under))
        for part, under in zip(parts, below, strict=True)
    ]
    return clear if len(parts) > 1 and all(headed) else []


def parts_a_head(cut: float, boxes: list[_Box], size: float) -> bool:
    """Whether x = cut passes between two pieces of one head (`pieces_of_one_line`): a
    head's glyphs set solid, or beside a mark, part no articles, whatever gutter lies under
    them."""
    heads = [box for box in boxes if is_head(box, size)]
    return any(
        left.x1 <= cut <= right.x0 and pieces_of_one_line(left, right)
        for left in heads
        for right in heads
    )


def headed_cuts(boxes: list[_Box], cuts: list[float], size: float) -> list[float]:
    """The cuts with an article right of them (`is_article`): a part without a head of its
    own is a further column of the article left of it (its columns beside its photo)."""
    parts = parts_at(boxes, cuts)
    return [cut for cut, part in zip(cuts, parts[1:], strict=True) if is_article(part, size)]


def between_articles(boxes: list[_Box], cuts: list[float], size: float) -> list[float]:
    """The cuts that no text runs on across (`runs_on_across`)."""
    parts = parts_at(boxes, cuts)
    return [
        cut
        for cut, (left, right) in zip(cuts, itertools.pairwise(parts), strict=True)
        if not runs_on_across(left, right, size)
    ]


def runs_on_across(left: list[_Box], right: list[_Box], size: float) -> bool:
    """Whether the text of one part of a slab runs on into the part right of it: the left
    part's last line fills its column and ends mid-sentence, and the right part's first line
    starts at its column's edge, no paragraph's first. Articles side by side each end their
    text at a sentence's end (or short, in a jump line or a byline), and the next starts a
    paragraph; a head's phrase space over the gutter of its own columns parts nothing. The
    right part's first line fills its column too, or ends a paragraph: a short line ending
    no sentence (a byline) carries nothing on, however the left part ends; nor does a line
    in other type than the body's (a caption under a photo)."""
    before, after = columns_of(left, size), columns_of(right, size)
    if not before or not after:
        return False
    last_column, first_column = columns(before, size)[-1], columns(after, size)[0]
    last, first = last_column[-1], first_column[0]
    return (
        in_body_size(last, size)
        and not ends_paragraph(last.line.text)
        and fills_column(last, last_column, size)
        and not is_set_in(first, left_edge(first_column), size)
        and (fills_column(first, first_column, size) or ends_paragraph(first.line.text))
    )


def fills_column(box: _Box, column: list[_Box], size: float) -> bool:
    """Whether a line reaches its column's right edge, within a glyph (a stop that ends it
    inks the left of its cell)."""
    return box.x1 >= right_edge(column) - size


def is_article(boxes: list[_Box], size: float) -> bool:
    """Whether boxes hold a head and text under it: a part of a slab that can be read as an
    article of its own (a masthead's name beside an issue box is a head alone)."""
    heads = [box for box in boxes if is_head(box, size)]
    top = min((box.top for box in heads), default=None)
    return top is not None and any(not is_head(box, size) and box.top > top for box in boxes)


def continues_cuts(slab: list[_Box], cuts: list[float], size: float) -> bool:
    """Whether the articles side by side above go on down this slab (below a gap across the
    page, as photos at one height make, or as the foot of one of them does where the other
    ends higher): it has no head of its own and no line runs across their cuts, past a
    gutter's width on either side (a cut stands where the heads above leave most room, and
    the columns of an article under its photo may reach a little past it). Text without a
    head goes on with the article above it."""
    reach = GUTTER_MIN * size
    crossed = any(box.x0 < cut - reach and box.x1 > cut + reach for box in slab for cut in cuts)
    headed = any(is_head(box, size) for box in slab)
    return not crossed and not headed


def parts_at(boxes: list[_Box], cuts: list[float]) -> list[list[_Box]]:
    """Boxes split at x positions into exactly len(cuts) + 1 parts, left to right."""
    parts: list[list[_Box]] = [[] for _ in range(len(cuts) + 1)]
    for box in boxes:
        parts[sum(box.center > cut for cut in cuts)].append(box)
    return parts


def slabs(boxes: list[_Box], gap: float, size: float) -> list[list[_Box]]:
    """Boxes cut where nothing stands across the page for gap points, except under a head
    (its rest wrapped onto a line of its own too, `whole_heads`) over its text or its
    subtitle (`subtitle_of`), or over a head a line introduces (`introduces`): a head over
    another (a masthead's name over the first titles) is cut from it."""
    parts: list[list[_Box]] = [[]]
    lowest: _Box | None = None
    opened = 0.0  # the gap above the last slab's first line
    ordered = sorted(boxes, key=lambda b: b.top)
    heads = {id(box) for box in whole_heads(ordered, size)}
    for box in ordered:
        under_head = lowest is not None and id(lowest) in heads and id(box) not in heads
        space = box.top - lowest.bottom if lowest is not None else 0.0
        if (
            lowest is not None
            and space >= gap
            and not under_head
            and not (id(box) in heads and subtitle_of(heads_over(box, parts[-1], heads), box))
            and not (len(parts[-1]) == 1 and introduces(parts[-1][0], box, opened, space, size))
        ):
            parts.append([])
            opened = space
        parts[-1].append(box)
        if lowest is None or box.bottom > lowest.bottom:
            lowest = box
    return parts


def heads_over(box: _Box, boxes: Sequence[_Box], heads: set[int]) -> list[_Box]:
    """The heads among boxes (heads: their ids) that share some of box's width."""
    return [
        head
        for head in boxes
        if id(head) in heads and span_overlap((head.x0, head.x1), (box.x0, box.x1)) > 0
    ]


def subtitle_of(title: Sequence[_Box], box: _Box) -> bool:
    """Whether a head under the lines of another (title: the heads over it, none beside
    another) is its subtitle: set in smaller type than its last line, no farther under it
    than one of that line's glyphs, flush with its left edge or centred under it; it may
    run wider than a short title. A masthead's name is cut from the first titles under it
    (`slabs`); a title is not cut from its subtitle, which would leave a row of titles
    over articles side by side a band of its own, read across as one head."""
    if not title or any(
        a is not b and share_a_row((a.top, a.bottom), (b.top, b.bottom))
        for a in title
        for b in title
    ):
        return False
    last = max(title, key=lambda head: head.bottom)
    head_size, box_size = last.line.size or 0.0, box.line.size or 0.0
    left, right = min(head.x0 for head in title), max(head.x1 for head in title)
    return (
        box_size < head_size
        and not same_size(box_size, head_size)
        and 0 <= box.top - last.bottom <= head_size
        and (
            abs(box.x0 - left) <= box_size
            or abs(box.center - (left + right) / 2) <= ALIGNED * box_size
        )
    )


def introduces(line: _Box, head: _Box, above: float, below: float, size: float) -> bool:
    """Whether a line standing alone between two gaps across the page is a kicker of the
    head under it: it stands nearer the head than the text above it, flush with the head's
    left edge or centred over it (`stands_over`), in type no smaller than the body's (a
    caption under a photo is smaller). Set at the foot of a column, it opens the next
    section, not the column's article."""
    return (
        is_head(head, size)
        and not is_head(line, size)
        and below < above
        and stands_over(line, head, size)
        and (in_body_size(line, size) or (line.line.size or size) > size)
    )


def split_at_x(boxes: list[_Box], cuts: list[float]) -> list[list[_Box]]:
    """Boxes split at x positions, left to right, leaving out empty parts."""
    return [part for part in parts_at(boxes, cuts) if part]


def line_pitch(boxes: list[_Box], size: float) -> float:
    """The page's body line pitch: the commonest step from a body line's top to the top of
    the line under it in its column."""
    body = [b for b in boxes if same_size(b.line.size or size, size)]
    steps = []
    for box in body:
        below = [
            b.top - box.top
            for b in body
            if 0 < b.top - box.top < 3 * size and span_overlap((b.x0, b.x1), (box.x0, box.x1)) > 0
        ]
        if below:
            steps.append(min(below))
    return statistics.median(steps) if steps else 1.5 * size


def region_blocks(boxes: list[_Box], size: float) -> list[Block]:
    """One region's lines as blocks in reading order: band by band, column by column."""
    blocks: list[Block] = []
    above: float | None = None  # where the band above ends: a photo may fill the space under it
    over: list[_Box] = []  # the last head above
    for band, is_head in bands(boxes, size):
        band_top = min(box.top for box in band) if above is None else above
        above = max(box.bottom for box in band)
        if is_head:
            rows = head_pieces(band, boxes, size)
            blocks.append(block_of(tuple(joined_line([b.line for b in row]) for row in rows)))
            over = band
            continue
        spanning, band = spanning_lines(band, size, over)
        for head in wrapped_heads(head_pieces(spanning, boxes, size)):
            lines = tuple(joined_line([b.line for b in row]) for row in head)
            centred = all(centred_over(_box(line), band, size) for line in lines)
            blocks.append(replace(block_of(lines), centred=centred))
        if spanning:  # the columns start under what is set across them
            band_top = max(band_top, *(box.bottom for box in spanning))
        band_bottom = max((box.bottom for box in band), default=band_top)
        for n, column in enumerate(columns(band, size)):
            blocks.extend(
                replace(block, column=n)
                for block in column_blocks(column, size, (band_top, band_bottom))
            )
    return blocks


def spanning_lines(
    band: list[_Box], size: float, head: Sequence[_Box] = ()
) -> tuple[list[_Box], list[_Box]]:
    """The lines at a band's top that cross the gutters of the lines under them, or stand
    centred over their columns (a subtitle, a byline set across the columns under their
    title; the short last line of a wrapped one too), and the rest of the band. Left in,
    they would close the gutters they cross, and the columns would be read line by line
    across. head is the head right above the band: a line of another size than the body,
    centred under it, is set across the columns under it, however short they are. A line
    with another beside it on its row is a column's own (a short article's columns of one
    row each), set across none."""
    ordered = sorted(band, key=lambda b: b.top)
    spanning: list[_Box] = []
    while len(ordered) > 1:
        first, rest = ordered[0], ordered[1:]
        if any(stands_beside(first, box) for box in rest):
            break
        wrapped = bool(spanning) and continues_head([spanning[-1]], [first])
        text = column_text(below_line(first, rest), size)
        cuts = gutters(text, size)
        crosses = any(ink_crosses(first, cut, size) for cut in cuts)
        centred = centred_above(first, rest, size) or (
            not in_body_size(first, size) and centred_under(first, head, rest, size)
        )
        if not wrapped and not crosses and not (cuts and centred):
            break
        spanning.append(first)
        ordered = rest
    return spanning, ordered


def stands_beside(line: _Box, other: _Box) -> bool:
    """Whether other stands on line's row, left or right of it."""
    level = share_a_row((line.top, line.bottom), (other.top, other.bottom))
    return level and span_overlap((line.x0, line.x1), (other.x0, other.x1)) <= 0


def column_text(boxes: list[_Box], size: float) -> list[_Box]:
    """The lines that show the columns' gutters: all but those of another size than the
    body's set above every body line (a byline or a second subtitle across short columns
    would close their gutters; a caption among the columns shows one)."""
    top = min((box.top for box in boxes if in_body_size(box, size)), default=None)
    return [box for box in boxes if top is None or box.bottom > top or in_body_size(box, size)]


def below_line(line: _Box, rest: list[_Box]) -> list[_Box]:
    """The lines under line, less its own next line: the last glyphs of a subtitle wrapped
    across the columns may fall in their gutter, and would close it."""
    return [box for box in rest if not continues_head([line], [box])] or rest


def centred_above(line: _Box, rest: list[_Box], size: float) -> bool:
    """Whether a line stands above all the others, centred on their width: set over the
    columns (a subtitle centred under its title), not a column's first line, however short."""
    return all(b.top >= line.bottom for b in rest) and centred_over(line, rest, size)


def centred_under(line: _Box, head: Sequence[_Box], rest: list[_Box], size: float) -> bool:
    """Whether a line stands above all the others, centred under head."""
    if not head or any(b.top < line.bottom for b in rest):
        return False
    middle = (min(b.x0 for b in head) + max(b.x1 for b in head)) / 2
    return abs(line.center - middle) <= ALIGNED * size


def centred_over(line: _Box, rest: list[_Box], size: float) -> bool:
    """Whether a line stands centred on the width of the lines under it. The first column's
    first line may open a paragraph an indent in from the edge."""
    if not rest:
        return False
    left, right = min(b.x0 for b in rest), max(b.x1 for b in rest)
    return is_centred(line, left, right, size, skew=CENTRED_SKEW + INDENT)


MIN_HEAD_CHARS = 4
"""A head has at least this many characters; a shorter line's glyph size, from OCR boxes
alone, is too unsteady to cut the page by (a paragraph's last line `万人次。`)."""


def is_head(box: _Box, size: float) -> bool:
    """A line set much larger than the body: a title, which spans its section's columns.
    (A wide line in body glyphs stays in its band: gutters tolerate a line crossing them.)"""
    text = "".join(box.line.text.split())
    aside = text[:1] in "(（" and text[-1:] in ")）"  # `（下转第2版）`, never a title
    prose = ends_as_prose(text)
    long_enough = len(text) >= MIN_HEAD_CHARS
    return (
        long_enough
        and not aside
        and not prose
        and not mostly_doubted(box.line)
        and (box.line.size or 0) >= HEAD_SIZE_RATIO * size
    )


def ends_as_prose(text: str) -> bool:
    """Whether a line ends on a mark no head ends with (`NOT_HEAD_ENDS`) and is too short
    for its width to tell its glyph size (`MIN_EMS_FOR_WIDTH`): a paragraph's last line
    (`万人次。`) in a box OCR drew tall. A longer line set large is a head whatever mark OCR
    read at its end (a speck after its last glyph read as `，`)."""
    return text[-1:] in NOT_HEAD_ENDS and em_count(text) < MIN_EMS_FOR_WIDTH


def mostly_doubted(line: Line) -> bool:
    """Whether the engine doubted most of a line's characters: its box then spans ink it
    could not read (a smudge, a picture's edge), and its size says nothing of its type.
    A head the engine read again alone carries no words, and is not asked."""
    read = sum(len("".join(word.text.split())) for word in line.words)
    return sure_length(line) < read / 2


def bands(boxes: list[_Box], size: float) -> list[tuple[list[_Box], bool]]:
    """The page cut at head lines: (lines, is_head) from top to bottom. A line just above a
    head (a kicker) goes with it, and so does the rest of a head, however short, wrapped
    onto a line of its own (`汇演`) or cut off on its row (`志愿`)."""
    ordered = sorted(boxes, key=lambda b: (b.top, b.x0))
    heads = whole_heads(ordered, size)
    for head in list(heads):
        for box in ordered:
            if box not in heads and is_kicker_of(box, head, size):
                heads.append(box)
    result: list[tuple[list[_Box], bool]] = []
    rest = [b for b in ordered if b not in heads]
    for wrapped in wrapped_heads(head_pieces(heads, ordered, size)):
        top = min(b.top for row in wrapped for b in row)
        above = [b for b in rest if (b.top + b.bottom) / 2 < top]
        if above:
            result.extend((part, False) for part in split_at_gaps(above, size))
            rest = [b for b in rest if b not in above]
        result.append(([b for row in wrapped for b in row], True))
    if rest:
        result.extend((part, False) for part in split_at_gaps(rest, size))
    return result


def whole_heads(ordered: list[_Box], size: float) -> list[_Box]:
    """The heads among lines (top to bottom), each with its rest, however short, wrapped
    onto a line of its own (`汇演`) or cut off on its row (`志愿`)."""
    heads = [b for b in ordered if is_head(b, size)]
    for head in heads:  # grows as pieces are found, so a third line follows a second
        heads += [b for b in ordered if b not in heads and rest_of_head(head, b, ordered, size)]
    return heads


KICKER_GAP = 1.5
"""A kicker stands at most this many glyphs above its title: a line's leading, never the
gap that parts two sections."""


def is_kicker_of(box: _Box, head: _Box, size: float) -> bool:
    """Whether a line stands just above a head (`KICKER_GAP` of the head's glyphs: the space
    over a head is set by its own leading), flush with its left edge or centred over it: a
    kicker (引题) introducing it."""
    above = 0 <= head.top - box.bottom <= KICKER_GAP * max(size, head.line.size or 0)
    return above and stands_over(box, head, size)


def stands_over(box: _Box, head: _Box, size: float) -> bool:
    """Whether a line is set flush with a head's left edge or centred over it, as a kicker
    is."""
    flush = box.x0 <= head.x0 + size
    centred = abs(box.center - head.center) <= ALIGNED * size
    return flush or centred


def rest_of_head(head: _Box, box: _Box, boxes: Sequence[_Box], size: float) -> bool:
    """Whether box is more of head's type: its next line, or a piece of its row."""
    if continues_head([head], [box]):
        return True
    return same_type([head], [box]) and (
        one_head_line(head, box, boxes, size) or one_head_line(box, head, boxes, size)
    )


HEAD_PIECE_GAP = 0.4
"""Heads on one row less than this share of their glyph size apart (or overlapping) are
pieces of one head: OCR cuts a line of large type where a glyph's box runs tall
(`夏阳街道` `三个小区通` `过垃圾分类示范验收`). Titles of two columns side by side stand a
gutter apart, a whole body glyph or more."""


def head_pieces(heads: list[_Box], under: Sequence[_Box], size: float) -> list[list[_Box]]:
    """Heads grouped into the lines they are pieces of (`one_head_line`), each group left to
    right, groups top to bottom."""
    groups: list[list[_Box]] = []
    for head in sorted(heads, key=lambda b: b.x0):
        for group in groups:
            if one_head_line(group[-1], head, under, size):
                group.append(head)
                break
        else:
            groups.append([head])
    return sorted(groups, key=lambda group: min(b.top for b in group))


def one_head_line(left: _Box, right: _Box, under: Sequence[_Box], size: float) -> bool:
    """Whether right carries on the line of large type that left ends: on its row, less than
    HEAD_PIECE_GAP apart (`pieces_of_one_line`), or, in the same type, up to a PHRASE_SPACE
    apart where text runs on under the space (`spans_under`), or across the gutter under it
    (`runs_on_across`): a space over a gutter parts the heads of two articles. The space
    is measured in glyph sizes, not in box heights: OCR trims the boxes to the ink."""
    if not share_a_row((left.top, left.bottom), (right.top, right.bottom)):
        return False
    if pieces_of_one_line(left, right):
        return True
    height = max(left.bottom - left.top, right.bottom - right.top)
    gap = right.x0 - left.x1
    em = max(left.line.size or 0, right.line.size or 0, height)
    space = PHRASE_SPACE + (JUSTIFIED_STRETCH if wraps_under(left, under, em) else 0.0)
    space += MARK_BLANK_SHORT * marks_at_space(left.line.text, right.line.text)
    bottom = max(left.bottom, right.bottom)
    return (
        gap <= space * em
        and same_type([left], [right])
        and (
            spans_under((left.x1, right.x0), bottom, under)
            or runs_on_under((left.x1, right.x0), bottom, under, size)
            or wraps_centred_under(left, right, under, em)
            or over_picture_only(bottom, under, size)
        )
    )


def pieces_of_one_line(left: _Box, right: _Box) -> bool:
    """Whether right, on left's row, stands less than HEAD_PIECE_GAP of their height past
    it, widened by the blank that a mark's cell leaves beside its ink where one stands
    between them (`marks_at_space`): one line OCR cut in two, set solid."""
    if not share_a_row((left.top, left.bottom), (right.top, right.bottom)):
        return False
    height = max(left.bottom - left.top, right.bottom - right.top)
    marks = marks_at_space(left.line.text, right.line.text)
    return right.x0 - left.x1 <= (HEAD_PIECE_GAP + MARK_BLANK_SHORT * marks) * height


def over_picture_only(bottom: float, under: Sequence[_Box], size: float) -> bool:
    """Whether no line below `bottom` is set in the body's size or larger (at most a
    caption, set smaller): a head over a photo. Heads side by side each stand over text of
    their own."""
    return not any(
        box.top >= bottom and (in_body_size(box, size) or (box.line.size or 0) > size)
        for box in under
    )


def wraps_centred_under(left: _Box, right: _Box, under: Sequence[_Box], em: float) -> bool:
    """Whether the next line of right's head (`continues_head`) stands centred under left
    and right together, and not under right alone: a centred head wrapped onto a second
    line, its first line parted by a phrase space. Two heads side by side each wrap under
    their own."""
    middle = (left.x0 + right.x1) / 2
    return any(
        continues_head([right], [box])
        and abs(box.center - middle) <= ALIGNED * em
        and abs(box.center - right.center) > ALIGNED * em
        for box in under
    )


JUSTIFIED_STRETCH = 1.0
"""A head line set full to its measure wraps the glyph that did not fit; justified, its
phrase space stretches by less than that glyph."""


def wraps_under(head: _Box, boxes: Sequence[_Box], em: float) -> bool:
    """Whether a head's line runs on (`continues_head`) onto a line flush with it: the
    head's line was set full."""
    return any(
        abs(box.x0 - head.x0) <= ALIGNED * em and continues_head([head], [box]) for box in boxes
    )


def spans_under(gap: tuple[float, float], bottom: float, boxes: Sequence[_Box]) -> bool:
    """Whether some line below `bottom` runs across the whole of a gap (a subtitle centred
    under a title, a line of the column under it): no gutter is there."""
    return any(b.top >= bottom and b.x0 < gap[0] and b.x1 > gap[1] for b in boxes)


def runs_on_under(
    gap: tuple[float, float], bottom: float, boxes: Sequence[_Box], size: float
) -> bool:
    """Whether the text below `bottom` runs on from the left of a gap to its right
    (`runs_on_across`)."""
    below = [box for box in boxes if box.top >= bottom]
    left, right = parts_at(below, [(gap[0] + gap[1]) / 2])
    return runs_on_across(left, right, size)


HEAD_LEADING = 0.6
"""Lines of one head stand less than this share of their glyph size apart, one under the
other: a head's leading is tighter than the space that sets it off from what surrounds it."""

SAME_SIZE = 0.15
"""Glyph sizes read off a page image that differ by less than this share of the larger are
one size: OCR boxes vary a size by a few percent."""

SAME_SIZE_EXACT = 0.02
"""Sizes a text layer states are exact: a caption a point smaller than the body is another
size there."""


def same_size(a: float, b: float, exact: bool = False) -> bool:
    return abs(a - b) <= (SAME_SIZE_EXACT if exact else SAME_SIZE) * max(a, b)


def in_body_size(box: _Box, size: float) -> bool:
    """Whether a line is set in the body's glyph size (exactly, where a text layer states
    its size)."""
    return same_size(box.line.size or size, size, stated_sizes(box))


def stated_sizes(*boxes: _Box) -> bool:
    """Whether every box's size is stated by a text layer, not measured on an image."""
    return from_text_layer(box.line for box in boxes)


def wrapped_heads(rows: list[list[_Box]]) -> list[list[list[_Box]]]:
    """Head rows grouped into heads, top to bottom: a row set in the same size right under
    a head's last row, overlapping it across, is that head wrapped onto another line (a
    long title, centred or flush left)."""
    heads: list[list[list[_Box]]] = []
    for row in rows:
        for head in heads:
            if continues_head(head[-1], row):
                head.append(row)
                break
        else:
            heads.append([row])
    return heads


def continues_head(above: list[_Box], below: list[_Box]) -> bool:
    """Whether row below is the next line of the head whose last row is above. A row that
    opens with the Chinese dash opens a subtitle (`opens_with_dash`), however close in size
    and place. The rows stand a head's leading apart from the bottom of the box above, or
    from a glyph of its size under its top: OCR runs a box past the glyphs at times (a
    smudge or the line below read into it), and the two lines of a title then seem to
    overlap."""
    size_above = joined_line([b.line for b in above]).size
    if not size_above or not same_type(above, below) or opens_with_dash(_text(below)):
        return False
    top = min(b.top for b in below)
    bottom = max(b.bottom for b in above)
    bottoms = (bottom, min(bottom, min(b.top for b in above) + size_above))
    leading = any(
        -SAME_SIZE * size_above <= top - end <= HEAD_LEADING * size_above for end in bottoms
    )
    overlap = span_overlap(
        (min(b.x0 for b in above), max(b.x1 for b in above)),
        (min(b.x0 for b in below), max(b.x1 for b in below)),
    )
    return leading and overlap > 0


def same_type(a: list[_Box], b: list[_Box]) -> bool:
    """Whether two rows are set in one type: their glyph sizes agree, or, where OCR had too
    few characters to take a row's size from its advance and took it from its height (the
    em that holds, `em_per_height`), their heights do. A short row whose advance made its
    size smaller than that (a byline whose box ran tall) was measured by its advance, and
    its height tells nothing."""
    size_a = joined_line([x.line for x in a]).size
    size_b = joined_line([x.line for x in b]).size
    if not size_a or not size_b:
        return False
    if same_size(size_a, size_b):
        return True
    short = [
        (row, size)
        for row, size in ((a, size_a), (b, size_b))
        if em_count(_text(row)) < MIN_EMS_FOR_WIDTH
    ]
    by_height = bool(short) and all(
        same_size(size, em_per_height(row[0].line.origin) * _height(row)) for row, size in short
    )
    return not stated_sizes(*a, *b) and by_height and same_size(_height(a), _height(b))


def _text(row: list[_Box]) -> str:
    return "".join(x.line.text for x in row)


def _height(row: list[_Box]) -> float:
    return max(x.bottom - x.top for x in row)


def split_at_gaps(band: list[_Box], size: float) -> list[list[_Box]]:
    """A band cut where nothing stands across its whole width for FIGURE_GAP lines (a line
    alone at the foot of the page is not part of the columns above it)."""
    parts: list[list[_Box]] = [[]]
    reach = None
    for box in sorted(band, key=lambda b: b.top):
        if reach is not None and box.top - reach >= FIGURE_GAP * 1.5 * size:
            parts.append([])
        parts[-1].append(box)
        reach = box.bottom if reach is None else max(reach, box.bottom)
    return joined_through_photos(parts, size)


LEVEL = 0.75
"""Columns that one photo across them stops (or starts) end within this many body glyphs
of each other: on one baseline."""


def joined_through_photos(parts: list[list[_Box]], size: float) -> list[list[_Box]]:
    """Parts cut at gaps across the page, each joined to the one above it where its columns
    run on through the gap (`runs_through`)."""
    joined: list[list[_Box]] = []
    for part in parts:
        if joined and runs_through(joined[-1], part, size):
            joined[-1] = joined[-1] + part
        else:
            joined.append(part)
    return joined


def runs_through(above: list[_Box], below: list[_Box], size: float) -> bool:
    """Whether the columns above a gap across the page go on below it: the gap is photos set
    in single columns at different heights. One photo across the columns stops every column
    on one baseline and starts them on one; photos in single columns leave their ends or
    their starts uneven. The part below has no head, and the two together keep every gutter
    of each, which no line below crosses (a column may be empty on one side: it ended above,
    or a photo fills it)."""
    if any(is_head(box, size) for box in below):
        return False
    above = columns_of(above, size)
    if not above:
        return False
    cuts = gutters(above + below, size)
    kept = len(cuts) >= max(len(gutters(above, size)), len(gutters(below, size)))
    crossed = any(ink_crosses(box, cut, size) for box in below for cut in cuts)
    if not cuts or not kept or crossed:
        return False
    pairs = list(zip(parts_at(above, cuts), parts_at(below, cuts), strict=True))
    if not all(keeps_edge(a, b, size) for a, b in pairs if a and b):
        return False
    ends = [max(box.bottom for box in column) for column, _ in pairs if column]
    starts = [min(box.top for box in column) for _, column in pairs if column]
    return max(ends) - min(ends) > LEVEL * size or max(starts) - min(starts) > LEVEL * size


def keeps_edge(above: list[_Box], below: list[_Box], size: float) -> bool:
    """Whether a column's lines below a gap start at its left edge above (`left_edge`), or
    left of it by no more than a paragraph's indent (the lines above may all open
    paragraphs) and a gutter: a column runs on at its edge, where a line set apart (a
    centred note at the page's foot, starting in the gutter) does not."""
    shift = left_edge(below) - left_edge(above)
    return -(PARAGRAPH_INDENT + GUTTER_MIN) * size <= shift < INDENT * size


def left_edge(column: list[_Box]) -> float:
    """Where most of a column's lines start: indents, and a line OCR read on past the
    gutter, are the exceptions."""
    return _quantile([box.x0 for box in column], 0.25)


def right_edge(column: list[_Box]) -> float:
    """Where most of a column's lines end: marks hanging into the gutter, and short last
    lines, are the exceptions."""
    return _quantile([box.x1 for box in column], 0.75)


def columns_of(part: list[_Box], size: float) -> list[_Box]:
    """The lines of a part that stand in its columns: those under its last head (and the
    rest of that head, wrapped onto a short line of its own), less the lines set across the
    columns at their top (a subtitle, a byline)."""
    heads = whole_heads(sorted(part, key=lambda b: (b.top, b.x0)), size)
    floor = max((box.bottom for box in heads), default=None)
    under = [box for box in part if floor is None or box.top >= floor]
    return spanning_lines(under, size)[1] if under else []


GUTTER_CROSSING = 0.1
"""Share of a band's lines that may reach into a gutter (hanging punctuation, a caption
wider than its column, two columns' lines OCR read as one) without closing it."""

MIN_LINES_FOR_CROSSING = 8
"""A band of at least this many lines keeps its gutter even when one line crosses it."""


def gutters(band: list[_Box], size: float, crossing: float | None = None) -> list[float]:
    """The x positions between columns: in vertical strips at least GUTTER_MIN body glyphs
    wide that hardly any line of the band covers and that have text on both sides, the
    middle of what the fewest lines cover. Where so few lines cover the band's edge that the
    strip runs from there (columns of a line each, under a subtitle), only the clear strips
    between the lines lying within it are gutters: a line crossing one is its column's.
    crossing, when given, is how many lines may cover a gutter (by default, a share of the
    band's lines: GUTTER_CROSSING)."""
    left = int(min(b.x0 for b in band))
    right = int(max(b.x1 for b in band)) + 1
    coverage = [0] * (right - left)
    for box in band:
        for x in range(int(_ink_left(box, size)) - left, int(_ink_right(box, size)) - left):
            coverage[x] += 1
    allowed = crossing
    if allowed is None:
        allowed = max(GUTTER_CROSSING * len(band), 1 if len(band) >= MIN_LINES_FOR_CROSSING else 0)
    cuts: list[float] = []
    start = None
    for x, count in enumerate([*coverage, allowed + 1]):  # the last strip ends at the edge
        if count <= allowed and start is None:
            start = x
        elif count > allowed and start is not None:
            at_edge = start == 0 or x == len(coverage)
            for a, b in open_between(left + start, left + x, band, size):
                if a <= left or b >= right or b - a < GUTTER_MIN * size:
                    continue  # text on one side only, or too narrow
                if at_edge and min(coverage[int(a) - left : int(b) - left]) > 0:
                    continue
                cut = left + least_covered_middle(coverage, int(a) - left, int(b) - left)
                if not columns_either_side(cut, (a, b), band, size):
                    continue
                if is_indent(cut, band, size):
                    continue
                if crossing is not None or crossed_by_few(cut, (a, b), band, size):
                    cuts.append(cut)
            start = None
    return cuts


def columns_either_side(
    cut: float, strip: tuple[float, float], band: list[_Box], size: float
) -> bool:
    """Whether the lines that reach a strip from either side show a column there, some line
    at least MIN_COLUMN glyphs wide, where any line runs across it: a paragraph's last glyph
    or two, under the indented first lines of the paragraphs around it and beside a line of
    their column crossing, leave a strip as wide as a gutter, the indent. A strip no line
    crosses parts columns however short their lines (a one-glyph last line in a column of
    its own)."""
    near = reaching(strip, band, size)
    if not any(ink_crosses(box, cut, size) for box in near):
        return True
    return all(
        any(_ink_right(box, size) - _ink_left(box, size) >= MIN_COLUMN * size for box in side)
        for side in beside(cut, near, size)
    )


def is_indent(cut: float, band: list[_Box], size: float) -> bool:
    """Whether a strip at cut is a paragraph's indent, not a gutter: every line left of it
    is the next line down of one right of it (a paragraph's short last line under its
    indented first), and no row has text on both sides, as columns side by side do."""
    left, right = beside(cut, band, size)
    level = any(share_a_row((a.top, a.bottom), (b.top, b.bottom)) for a in left for b in right)
    under = all(any(0 <= a.top - b.bottom <= size for b in right) for a in left)
    return bool(left) and under and not level


MIN_COLUMN = 3.0
"""A column of text is at least this many body glyphs wide."""


def crossed_by_few(cut: float, strip: tuple[float, float], band: list[_Box], size: float) -> bool:
    """Whether fewer than half the lines that reach a strip run across it at cut, and more
    than twice as many stand beside it (both sides together) as cross it. The band may let
    a share of its lines cross a gutter (GUTTER_CROSSING), but three lines of a column under
    a photo, crossing where two others end, are that column, not lines reaching into a
    gutter; and a line running on between a short last line and a caption set in crosses a
    hole in its column."""
    near = reaching(strip, band, size)
    across = sum(ink_crosses(box, cut, size) for box in near)
    left, right = beside(cut, near, size)
    return 2 * across < len(near) and len(left) + len(right) > 2 * across


def beside(cut: float, boxes: list[_Box], size: float) -> tuple[list[_Box], list[_Box]]:
    """The lines whose text ends left of x = cut, and those whose text starts right of it
    (`_ink_left`, `_ink_right`); lines across it are in neither."""
    left = [box for box in boxes if _ink_right(box, size) <= cut]
    return left, [box for box in boxes if _ink_left(box, size) >= cut]


def reaching(strip: tuple[float, float], band: list[_Box], size: float) -> list[_Box]:
    """The lines whose ink reaches within a gutter's width of a strip, from either side or
    across it."""
    reach = GUTTER_MIN * size
    return [
        box
        for box in band
        if _ink_right(box, size) >= strip[0] - reach and _ink_left(box, size) <= strip[1] + reach
    ]


def least_covered_middle(coverage: Sequence[int], start: int, end: int) -> float:
    """The middle of the widest stretch from start to end that the fewest lines cover: where
    a line reaches into a gutter from one side (a caption wider than its column, a line
    read on past its column's edge), the gutter lies beside it, not under it."""
    fewest = min(coverage[start:end])
    best, at = (start, start), None
    for x in range(start, end + 1):
        low = x < end and coverage[x] == fewest
        if low and at is None:
            at = x
        elif not low and at is not None:
            if x - at > best[1] - best[0]:
                best = (at, x)
            at = None
    return (best[0] + best[1]) / 2


def open_between(
    start: float, end: float, band: list[_Box], size: float
) -> list[tuple[float, float]]:
    """The strip from start to end, which few lines cover, less what body lines lying
    wholly inside it cover: those are a sparse column's text (two lines under a photo), not
    lines reaching into a gutter or across it, and a gutter may lie on either side of them.
    One smaller line there (a caption's last, centred under a photo wider than its column)
    is no column; smaller lines stacked there (a caption of its own, under a photo that
    fills a column) are."""
    within = [box for box in band if _ink_left(box, size) >= start and _ink_right(box, size) <= end]
    smaller = [box for box in within if not same_size(box.line.size or size, size)]
    inside = sorted(
        (_ink_left(box, size), _ink_right(box, size))
        for box in within
        if box not in smaller or is_stacked(box, smaller)
    )
    runs, at = [], start
    for x0, x1 in inside:
        if x0 > at:
            runs.append((at, x0))
        at = max(at, x1)
    if at < end:
        runs.append((at, end))
    return runs


def is_stacked(box: _Box, boxes: Sequence[_Box]) -> bool:
    """Whether another of boxes stands over or under box, overlapping it across."""
    return any(
        other is not box
        and not share_a_row((box.top, box.bottom), (other.top, other.bottom))
        and span_overlap((box.x0, box.x1), (other.x0, other.x1)) > 0
        for other in boxes
    )


def _ink_right(box: _Box, size: float) -> float:
    """Where a line's text ends, not counting a mark hanging into the gutter."""
    hangs = box.line.text.rstrip()[-1:] in HANGING_MARKS
    return box.x1 - 0.8 * (box.line.size or size) if hangs else box.x1


def ink_crosses(box: _Box, cut: float, size: float) -> bool:
    """Whether a line's text runs across x = cut (`_ink_left`, `_ink_right`)."""
    return _ink_left(box, size) < cut < _ink_right(box, size)


def _ink_left(box: _Box, size: float) -> float:
    """Where a line's text starts, not counting an opening mark before the column's edge."""
    opens = box.line.text.lstrip()[:1] in OPENING_MARKS
    return box.x0 + 1.5 * (box.line.size or size) if opens else box.x0


def columns(band: list[_Box], size: float) -> list[list[_Box]]:
    """A band's lines split at its gutters, left to right, each top to bottom."""
    cuts = gutters(band, size)
    parts = split_at_x(cut_across_gutters(band, cuts, size), cuts)
    return [top_down(column) for column in parts]


def top_down(column: list[_Box]) -> list[_Box]:
    """A column's lines in reading order: top to bottom, and left to right along a row. An
    engine cuts a line into pieces that stand a hair higher or lower than one another."""
    rows: list[list[_Box]] = []
    for box in sorted(column, key=lambda b: b.top):
        if rows and share_a_row((rows[-1][0].top, rows[-1][0].bottom), (box.top, box.bottom)):
            rows[-1].append(box)
        else:
            rows.append([box])
    return [box for row in rows for box in sorted(row, key=lambda b: b.x0)]


def cut_across_gutters(band: list[_Box], cuts: list[float], size: float) -> list[_Box]:
    """The band's lines, a read line that runs across one of its gutters cut where its own
    words part there (`word_gap_at`): a column's last line and the next column's, read as
    one where marks hanging into the gutter on this line and the one above it left no
    neighbour to show the gutter when lines were cut (`cut_at_gutters`)."""
    result: list[_Box] = []
    for box in band:
        at = [gap for cut in cuts if (gap := word_gap_at(box, cut, size)) is not None]
        if at:
            result.extend(_box(piece) for piece in cut_line_at(box.line, at))
        else:
            result.append(box)
    return result


def word_gap_at(box: _Box, cut: float, size: float) -> float | None:
    """The middle of the gap between two of a line's words, their inks at least OPEN_GUTTER
    apart, where a read line runs across a gutter at cut (within a glyph of the gap), or
    None. A text layer's lines were cut at their gutters from their words alone."""
    if not is_read(box.line) or not ink_crosses(box, cut, size):
        return None
    for left, right in itertools.pairwise(box.line.words):
        low, high = ink_span(left)[1], ink_span(right)[0]
        if high - low >= OPEN_GUTTER * size and low - size <= cut <= high + size:
            return (low + high) / 2
    return None


CAPTION_SIZE_RATIO = 0.92
"""A caption is set smaller than this share of the body: a short line beside a figure so
much smaller than the text it meets is its caption, however OCR's measured sizes vary."""


def caption_over_text(caption: _Box, box: _Box, size: float) -> bool:
    """Whether a line under a figure is its caption and box, under it, the text running on:
    box is in the body's glyphs and the caption set smaller than a caption's share of them."""
    return in_body_size(box, size) and (caption.line.size or size) < CAPTION_SIZE_RATIO * (
        box.line.size or size
    )


def short_centred_under(line: tuple[float, float], over: tuple[float, float], size: float) -> bool:
    """Whether a line (its left and right ends) stands centred under the one over it
    (`ALIGNED`) and short of it (`SHORT_OF_EDGE`): the last line of a caption or head
    wrapped as centred type. Text runs on from its column's edge."""
    shorter = (over[1] - over[0]) - (line[1] - line[0]) >= SHORT_OF_EDGE * size
    return shorter and abs((line[0] + line[1]) - (over[0] + over[1])) / 2 <= ALIGNED * size


def caption_over_figure(lines: list[_Box], size: float, tall_gap: float, foot: float) -> int:
    """How many lines, from lines[1], make a caption set over a figure right under lines[0],
    a line of the text; 0 where they make none. They stand a glyph apart at most, over a
    tall gap (tall_gap; or the band's foot, foot), with no full stop (a paragraph's short
    last line ends on one, and measures small). Each is set smaller than a caption's share
    of the body, the first of the text over it too (`caption_over_text`), but a short last
    line centred under the first: a wrapped caption's, whose few glyphs measure loosely.
    OCR's sizes vary too much for a caption a little smaller than the body to be another
    size by `same_size`; the figure under it says what it is."""
    text, first = lines[0], lines[1]
    if first.top - text.bottom > size or not caption_over_text(first, text, size):
        return 0
    run = [first]
    for line in lines[2:]:
        if line.top - run[-1].bottom > size:
            break
        run.append(line)
    below = lines[len(run) + 1].top if len(run) + 1 < len(lines) else foot
    if below - run[-1].bottom < tall_gap or any(ends_paragraph(b.line.text) for b in run):
        return 0

    def small(box: _Box) -> bool:
        return (box.line.size or size) < CAPTION_SIZE_RATIO * size

    last = run[-1]
    wrapped = len(run) > 1 and short_centred_under((last.x0, last.x1), (first.x0, first.x1), size)
    return len(run) if all(map(small, run[:-1])) and (small(last) or wrapped) else 0


def rows_joined(column: list[_Box], size: float) -> list[_Box]:
    """A column's lines with the pieces of one read row joined, left to right: a line OCR
    read standing level with the one before it in the column, of its size, and starting
    where that one ends, is the rest of its row, cut at a blank that the column's gutters
    show was none (the cells of two marks, `，“`, between phrases). A text layer states its
    pieces: side by side on a row they are a form's fields, set apart on purpose."""
    joined: list[_Box] = []
    for box in column:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and is_read(previous.line)
            and is_read(box.line)
            and share_a_row((previous.top, previous.bottom), (box.top, box.bottom))
            and box.x0 >= previous.x1 - SOLID * size
            and same_size(box.line.size or size, previous.line.size or size)
        ):
            joined[-1] = _box(joined_line([previous.line, box.line]))
        else:
            joined.append(box)
    return joined


def column_blocks(column: list[_Box], size: float, band: tuple[float, float]) -> list[Block]:
    """A column's lines grouped into blocks: a new block at an indent, after a short line
    that ends a sentence, at a change of glyph size, across a gap, and under a caption that
    opens a group under a figure (`caption_over_text`). A block next to a tall gap is near a
    figure: counted from the band's top (band: its top and bottom) for the column's first
    block, and to its bottom for the last (a caption over a photo at the column's foot,
    while the columns beside it run on). The pieces of one row are one line
    (`rows_joined`); a caption's wrapped last line stays with it (`caption_tail`), and so
    do the lines of a caption over a figure (`caption_over_figure`)."""
    column = rows_joined(column, size)
    left = left_edge(column)
    right = right_edge(column)
    line_height = _line_height(column, size)
    tall_gap = FIGURE_GAP * line_height
    groups: list[list[_Box]] = []
    gaps_before: list[float] = []

    def under_figure(n: int) -> bool:
        return gaps_before[n] >= tall_gap or (n == 0 and groups[0][0].top - band[0] >= tall_gap)

    previous: _Box | None = None
    caption_lines = 0
    for n, box in enumerate(column):
        gap = box.top - previous.bottom if previous else 0.0
        if caption_lines or (previous is not None and caption_tail(previous, box, gap, size)):
            groups[-1].append(box)
            caption_lines = max(caption_lines - 1, 0)
            previous = box
            continue
        caption = caption_over_figure(column[n - 1 :], size, tall_gap, band[1]) if n else 0
        if (
            previous is None
            or _breaks(previous, box, gap, left, right, size, line_height)
            or (
                len(groups[-1]) == 1
                and under_figure(len(groups) - 1)
                and caption_over_text(previous, box, size)
            )
            or caption
        ):
            groups.append([box])
            gaps_before.append(gap)
            caption_lines = max(caption - 1, 0)
        else:
            groups[-1].append(box)
        previous = box
    blocks = []
    for n, group in enumerate(groups):
        gap_after = gaps_before[n + 1] if n + 1 < len(groups) else 0.0
        near = (
            under_figure(n)
            or gap_after >= tall_gap
            or (n == len(groups) - 1 and band[1] - group[-1].bottom >= tall_gap)
        )
        indented = is_set_in(group[0], left, size)
        centred = all(is_centred(b, left, right, size) for b in group)
        blocks.append(
            replace(
                block_of(tuple(b.line for b in group)),
                near_figure=near,
                indented=indented,
                centred=centred,
            )
        )
    return blocks


CENTRED_INSET = 0.5
"""A centred line stands at least this many body glyphs in from both edges of its column."""

CENTRED_SKEW = 1.0
"""and its two insets differ by at most this many body glyphs."""


def is_centred(
    box: _Box, left: float, right: float, size: float, skew: float = CENTRED_SKEW
) -> bool:
    """Whether a line stands centred between a column's edges without filling it, its two
    insets differing by at most skew body glyphs, measured from its cells (`cell_span`)."""
    x0, x1 = cell_span(box.x0, box.x1, box.line.text, size)
    inset_left, inset_right = x0 - left, right - x1
    return (
        min(inset_left, inset_right) >= CENTRED_INSET * size
        and abs(inset_left - inset_right) <= skew * size
    )


def cell_span(x0: float, x1: float, text: str, size: float) -> tuple[float, float]:
    """Where the cells of a line of text whose ink runs from x0 to x1 start and end: an
    opening mark's ink stands in the right of its cell and a closing mark's or stop's in
    the left (`MARK_BLANK_SHORT`), so a line opening with a quotation stands at its
    column's edge though its ink starts inside it."""
    text = text.strip()
    blank = MARK_BLANK_SHORT * size
    start = x0 - blank if text[:1] in OPENING_MARKS else x0
    end = x1 + blank if text[-1:] in HANGING_MARKS else x1
    return start, end


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _line_height(column: list[_Box], size: float) -> float:
    steps = [b.top - a.top for a, b in itertools.pairwise(column) if 0 < b.top - a.top < 3 * size]
    return statistics.median(steps) if steps else 1.5 * size


def caption_tail(previous: _Box, box: _Box, gap: float, size: float) -> bool:
    """Whether box is the short last line of a caption wrapped from previous: previous set
    smaller than a caption's share of the body (`CAPTION_SIZE_RATIO`), open (no full
    stop), box right under it (a glyph of it at most), centred under it and short of it
    (`short_centred_under`), no larger than the body nor set smaller than previous.
    A line of a few glyphs measures loosely, as large as the body's at times, while text
    under a line runs on from its column's edge."""
    previous_size, this_size = previous.line.size or size, box.line.size or size
    return (
        is_read(previous.line)
        and previous_size < CAPTION_SIZE_RATIO * size
        and not ends_paragraph(previous.line.text)
        and 0 <= gap <= previous_size
        and short_centred_under((box.x0, box.x1), (previous.x0, previous.x1), size)
        and (same_size(this_size, previous_size) or previous_size < this_size <= size)
    )


def _breaks(
    previous: _Box,
    box: _Box,
    gap: float,
    left: float,
    right: float,
    size: float,
    line_height: float,
) -> bool:
    """Whether box starts a new block under previous: at a change of size or of centring,
    across a gap, at an indent, after a short line ending a paragraph. Lines set in from
    the column's edge by one amount (a caption beside a photo, a quotation), or centred on
    one axis (a caption of two lines), are one block, not a paragraph opening at each; so
    is a centred line under a full one whose sentence it ends, at a head's leading
    (`HEAD_LEADING`), the two in a type other than the body's (`of_another_type`): a
    centred caption or subtitle wrapped onto a second line. A line at the column's edge
    under one that stands apart (`stands_apart`) starts a block of its own, and so does a
    line opening a list's item where one may open (`item_opens_after`)."""
    previous_size = previous.line.size or size
    this_size = box.line.size or size
    if not same_size(this_size, previous_size, stated_sizes(previous, box)):
        return True
    short = previous.x1 < right - SHORT_OF_EDGE * size
    previous_centred, centred = (is_centred(b, left, right, size) for b in (previous, box))
    wraps = (
        of_another_type(previous, box, size)
        and centred
        and gap <= HEAD_LEADING * previous_size
        and not (previous_centred or short or ends_paragraph(previous.line.text))
    )
    if previous_centred != centred and not wraps:
        return True
    if gap > line_height:
        return True
    indented = is_set_in(box, left, size)
    set_in = indented and (
        (
            is_set_in(previous, left, size)
            and abs(box.x0 - previous.x0) <= ALIGNED * size
            and not opens_after_a_paragraph(previous, box, left, size)
        )
        or (previous_centred and centred and abs(box.center - previous.center) <= ALIGNED * size)
    )
    if indented and not set_in and not wraps:
        return True
    if short and stands_apart(previous, left, size) and not indented:
        return True
    if item_opens_after(box.line.text, previous.line.text, short):
        return True
    return short and ends_paragraph(previous.line.text)


def opens_after_a_paragraph(previous: _Box, box: _Box, left: float, size: float) -> bool:
    """Whether a line set in by a paragraph's indent (`PARAGRAPH_INDENT`, within `ALIGNED`)
    follows one that ends a paragraph: a one-line paragraph, indented as every paragraph's
    first line is, and the next paragraph's first line, not two lines of a passage set in
    by one amount."""
    indent = abs(box.x0 - left - PARAGRAPH_INDENT * size) <= ALIGNED * size
    return indent and ends_paragraph(previous.line.text)


def of_another_type(previous: _Box, box: _Box, size: float) -> bool:
    """Whether two lines of one size are set in a type other than the body's: either
    outside the body's size, or both under a caption's share of it (`CAPTION_SIZE_RATIO`).
    The pair is judged, not one line: a short line's measured size alone is loose."""
    pair = (previous, box)
    return not all(in_body_size(b, size) for b in pair) or all(
        (b.line.size or size) < CAPTION_SIZE_RATIO * size for b in pair
    )


SHORT_OF_EDGE = 1.5
"""A line ending more than this many body glyphs before its column's right edge ends short:
running text fills its column to the edge but for a paragraph's last line."""


def ends_short(block: Block) -> bool:
    """Whether a block's last line ends short of the block's right edge (`SHORT_OF_EDGE`
    glyphs of its type), as a paragraph's last line does; so taken where the block has one
    line, which shows no edge. A full stop ending a full line may end its sentence only:
    the paragraph runs on where the next column's first line is not indented.

    >>> block = lambda x1: block_of(tuple(Line("社区", 1, 0, (0, y, x, y + 10), 10)
    ...                                   for x, y in ((200, 0), (x1, 15))))
    >>> ends_short(block(120)), ends_short(block(195))
    (True, False)
    """
    if block.bbox is None or len(block.lines) < 2 or block.lines[-1].bbox is None:
        return True
    size = block.size or block.lines[-1].size or 0.0
    return block.lines[-1].bbox[2] < block.bbox[2] - SHORT_OF_EDGE * size


def stands_apart(box: _Box, left: float, size: float) -> bool:
    """Whether a line that ends short of its column's right edge stands apart from running
    text: set in from the left edge, and not ending a sentence. Running text sets in only a
    paragraph's first line, which runs on to the column's edge unless it ends the paragraph;
    a line so set is a caption or a label, and a line at the column's edge under it does not
    continue it."""
    return is_set_in(box, left, size) and not ends_paragraph(box.line.text)


def is_set_in(box: _Box, left: float, size: float) -> bool:
    """Whether a line starts an indent or more in from its column's left edge."""
    return box.x0 - left >= INDENT * size
