"""PDFs: the text layer through pdfplumber where it is usable, OCR where it is not.

Each page's layer is scored (no text, `(cid:…)` runs, private-use or replacement
characters, a page-sized scan with hardly any text on it); a page that fails goes to OCR.
An image-only page's embedded scan is taken as it is; other pages are rendered in memory
with pypdfium2.
"""

from __future__ import annotations

import logging
import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException
from PIL import Image

from ..chars import HANGING_MARKS, OPENING_MARKS
from ..config import IngestConfig
from ..digest import file_sha256
from ..errors import InputFileError, raised_inside
from ..model import Document, Line, Page, Word, union_bbox
from ..pagestore import PageStore
from .images import PageImage, prepare, quarter_turned, within_budget
from .ocr import VERTICAL_TURN, PageReader, Recognizer, page_reader, turned_note, vertical_note

WORD_GAP = 1.5
"""Characters more than this many points apart are separate words; a mark is a word of its
own, since one may hang across a gutter into the next column."""

log = logging.getLogger(__name__)

LINE_TOLERANCE = 0.4
"""Words whose tops differ by less than this share of their size sit on one line."""

MIN_LAYER_CHARS = 20
BAD_CHAR_SHARE = 0.05
SCAN_COVER = 0.9
"""An image covering this share of the page is a scan of it."""


def layer_problem(page: Any, text: str) -> str | None:
    """Why a page's text layer cannot be used, or None when it can."""
    if len(text.strip()) < MIN_LAYER_CHARS and _scan_image(page) is not None:
        return "page is a scan with no text layer"
    if not text.strip():
        return "no text layer"
    if "(cid:" in text:
        return "text layer has unmapped glyphs (cid)"
    visible = [c for c in text if not c.isspace()]
    bad = sum(c == "\ufffd" or "\ue000" <= c <= "\uf8ff" for c in visible)
    if bad > BAD_CHAR_SHARE * len(visible):
        return "text layer has private-use or replacement characters"
    return None


EARLIER_OCR = "text layer is an earlier OCR's, laid invisible under the page's scan"
NOTE_ON_SCAN = "text layer holds only a note laid on the page's scan"

NOTE_COVER = 0.02
"""A text layer whose glyphs cover less than this share of a page-sized scan is a note laid
on it (an archive's stamp, a download line), not the page's text: a page of print, even a
last page half empty, covers several times more."""


def note_on_scan(page: Any) -> bool:
    """Whether a page's text layer covers too little of the page to be its text
    (`NOTE_COVER`): the page's text is in its scan."""
    glyphs = sum(
        float(char["x1"] - char["x0"]) * float(char["bottom"] - char["top"])
        for char in page.chars
        if not char["text"].isspace()
    )
    return glyphs < NOTE_COVER * float(page.width * page.height)


def laid_by_earlier_ocr(page: pdfium.PdfPage) -> bool:
    """Whether most of a page's text is drawn invisible (render mode 3): the layer an OCR
    program lays under a page's scan so that the scan can be searched (OCRmyPDF,
    tesseract's PDF, a scanner's "searchable PDF"). Its words are that program's reading,
    each set in its own box and size, no line of print."""
    texts = list(page.get_objects(filter=(pdfium_raw.FPDF_PAGEOBJ_TEXT,)))
    hidden = sum(
        pdfium_raw.FPDFTextObj_GetTextRenderMode(text.raw)
        == pdfium_raw.FPDF_TEXTRENDERMODE_INVISIBLE
        for text in texts
    )
    return hidden * 2 > len(texts)


def _scan_image(page: Any) -> dict[str, Any] | None:
    area = float(page.width * page.height)
    for image in page.images:
        w = float(image["x1"] - image["x0"])
        h = float(image["bottom"] - image["top"])
        if w * h >= SCAN_COVER * area:
            return image
    return None


def layer_lines(page: Any, number: int, columns_as_rows: bool = False) -> tuple[Line, ...]:
    """The text layer as lines: the words on one baseline, left to right, each with its box
    and size. A row may run across columns; layout cuts it at their gutters.
    columns_as_rows: the page is turned so that its vertical columns are rows, its glyphs
    on their side, which are read along the row as upright ones are."""
    # Not split on fontname: subset fonts change name every 256 glyphs (`X-0`, `X-1`).
    along = {"line_dir_rotated": "ttb", "char_dir_rotated": "ltr"} if columns_as_rows else {}
    words = page.extract_words(
        x_tolerance=WORD_GAP,
        y_tolerance=2,
        keep_blank_chars=False,
        use_text_flow=False,
        split_at_punctuation=HANGING_MARKS + OPENING_MARKS,
        extra_attrs=["size"],
        **along,
    )
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        size = float(word["size"])
        if rows and abs(float(rows[-1][0]["top"]) - float(word["top"])) < LINE_TOLERANCE * size:
            rows[-1].append(word)
        else:
            rows.append([word])
    blanks = [char for char in page.chars if char["text"].isspace()]
    lines = [
        _line(sorted(row, key=lambda w: w["x0"]), _on_row(blanks, row), number) for row in rows
    ]
    lines.sort(key=lambda line: (line.bbox[1], line.bbox[0]))  # type: ignore[index]
    return tuple(replace(line, row=row) for row, line in enumerate(lines))


def _line(words: Sequence[dict[str, Any]], blanks: Sequence[dict[str, Any]], number: int) -> Line:
    pieces = tuple(
        Word(
            f" {w['text']}" if i and _spaced(words[i - 1], w, blanks) else str(w["text"]),
            (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])),
            float(w["size"]),
        )
        for i, w in enumerate(words)
    )
    return Line(
        text="".join(word.text for word in pieces),
        page=number,
        row=0,
        bbox=union_bbox(word.bbox for word in pieces),
        size=round(statistics.median(float(w["size"]) for w in words), 2),
        origin="pdf-text",
        words=pieces,
    )


def _on_row(
    blanks: Sequence[dict[str, Any]], row: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The blanks standing level with a row of words, so that each gap is checked against
    its own row's blanks, not the page's."""
    top = min(float(w["top"]) for w in row)
    bottom = max(float(w["bottom"]) for w in row)
    return [b for b in blanks if float(b["top"]) < bottom and float(b["bottom"]) > top]


def _spaced(left: dict[str, Any], right: dict[str, Any], blanks: Sequence[dict[str, Any]]) -> bool:
    """Whether the layer prints a space (a blank character) between two words of a row."""
    return any(
        float(left["x1"]) - WORD_GAP <= float(blank["x0"])
        and float(blank["x1"]) <= float(right["x0"]) + WORD_GAP
        and float(blank["top"]) < float(right["bottom"])
        and float(blank["bottom"]) > float(right["top"])
        for blank in blanks
    )


def page_image(
    document: pdfium.PdfDocument,
    index: int,
    dpi: int,
    max_pixels: int = IngestConfig.max_page_pixels,
    drawn: bool = False,
) -> PageImage:
    """The page as an image: its embedded scan as it is when it has one, else rendered at
    dpi, or as near it as max_pixels allows (a page of a few hundred bytes may state a size
    of metres). drawn: rendered whatever it holds, at its scan's resolution where it has
    one, so that text laid over the scan is read with it."""
    page = document[index]
    width, height = page.get_size()
    for obj in page.get_objects(filter=(pdfium_raw.FPDF_PAGEOBJ_IMAGE,), max_depth=1):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= SCAN_COVER * width * height:
            if drawn:
                dpi = round(max(obj.get_px_size()) * 72 / max(right - left, top - bottom))
                break
            image = as_placed(obj.get_bitmap(render=False).to_pil(), obj.get_matrix().get())
            dpi = image.width * 72 / (right - left)
            image = quarter_turned(image, -page.get_rotation())  # /Rotate turns clockwise
            return prepare(image, index + 1, dpi, max_pixels=max_pixels)
    scale = min(dpi / 72, within_budget(width, height, max_pixels))
    image = page.render(scale=scale, grayscale=True).to_pil()
    return prepare(image, index + 1, scale * 72, max_pixels=max_pixels)


def as_placed(image: Image.Image, matrix: tuple[float, ...]) -> Image.Image:
    """A page's embedded scan as its placement (matrix: a, b, c, d, e, f, from the image's
    unit square to the page) draws it on the page: turned by the quarter turn its width runs
    along (counter-clockwise), mirrored top to bottom where the placement flips it. A
    scanner's or a converter's program may store a scan turned or flipped and draw it
    upright.

    >>> image = Image.new("L", (4, 2))
    >>> as_placed(image, (4, 0, 0, 2, 0, 0)).size, as_placed(image, (0, 4, -2, 0, 2, 0)).size
    ((4, 2), (2, 4))
    """
    a, b, c, d = matrix[:4]
    if a * d - b * c < 0:
        image = image.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    return quarter_turned(image, round(math.degrees(math.atan2(b, a)) / 90) * 90)


def page_picture_of_pdf(path: Path, number: int, dpi: int) -> Image.Image:
    """Page `number` (from 1) rendered in colour at dpi; a page the file lacks, or a file
    pdfium cannot open, is an `InputFileError`."""
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        raise InputFileError(path, f"not a PDF pdfium can read ({e})") from e
    try:
        if not 1 <= number <= len(document):
            raise InputFileError(path, f"has no page {number} (it has {len(document)})")
        return document[number - 1].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        document.close()


def read_pdf(path: Path, config: IngestConfig, recognizer: Recognizer | None = None) -> Document:
    """Read a PDF page by page, each from its text layer or by OCR."""
    if is_blank(path):
        raise InputFileError(path, "file is empty")
    reader = page_reader(config, str(path), recognizer)
    pages = PageStore()
    rendered: pdfium.PdfDocument | None = None
    scanned = False
    try:
        with pdfplumber.open(path) as pdf:
            for index, plumbed in enumerate(pdf.pages):
                if not config.wants_page(index + 1):
                    continue
                if len(pages) % PARSED_AT_ONCE == 0:
                    forget_parsed(pdf)
                plumbed, turn = upright_layer(plumbed)
                plumbed, turn, columns_as_rows = rows_of_columns(plumbed, turn)
                page = plumbed.dedupe_chars(tolerance=1)
                problem = layer_problem(page, "".join(char["text"] for char in page.chars))
                over_scan = problem is None and _scan_image(page) is not None
                drawn = over_scan and note_on_scan(page)
                if drawn:
                    problem = NOTE_ON_SCAN
                elif over_scan and config.redo_ocr:
                    rendered = rendered or pdfium.PdfDocument(path)
                    problem = EARLIER_OCR if laid_by_earlier_ocr(rendered[index]) else None
                if problem is None:
                    log.info("%s: page %d: read from its text layer", path, index + 1)
                    pages.append(layer_page(page, turn, columns_as_rows))
                else:
                    rendered = rendered or pdfium.PdfDocument(path)
                    scanned = True
                    pages.append(ocr_page(rendered, index + 1, problem, reader, config, drawn))
                # pdfplumber keeps every page's parsed objects until told: only lines go on.
                page.close()
                plumbed.close()
    except Exception as e:
        refused = isinstance(e, PDFSyntaxError | PdfminerException | pdfium.PdfiumError)
        if not (refused or raised_inside(e, PARSERS)):
            raise
        raise InputFileError(path, pdf_problem(e)) from e
    if not pages:
        raise InputFileError(path, config.no_pages_reason())
    kind = "pdf-scanned" if scanned else "pdf-text"
    return Document(str(path), file_sha256(path), kind, pages)


PARSED_AT_ONCE = 32
"""Pages read between two clearings of the parser's caches: pdfminer keeps every object and
font it has parsed until the file is closed, and a volume assembled from many issues brings
new fonts every few pages; cleared, the parser holds those of the pages at hand, and parses
the shared ones again once per run of pages."""


def forget_parsed(pdf: pdfplumber.PDF) -> None:
    """Let go of the fonts and objects the parser has kept from the pages read so far: it
    parses again from the file whatever a later page refers to."""
    pdf.rsrcmgr = PDFResourceManager()
    cached = getattr(pdf.doc, "_cached_objs", None)
    if isinstance(cached, dict):
        cached.clear()


def layer_page(page: Any, turn: int = 0, columns_as_rows: bool = False) -> Page:
    """A page read from its text layer, in the frame turned by turn degrees counter-clockwise
    from the page as the file shows it (`upright_layer`, `rows_of_columns`)."""
    number = page.page_number
    lines = layer_lines(page, number, columns_as_rows)
    notes = (vertical_note(number),) if columns_as_rows else ()
    if turn != (VERTICAL_TURN if columns_as_rows else 0):
        notes = (turned_note(number, "text", turn), *notes)
    return Page(number, lines, float(page.width), float(page.height), "pdf-text", notes, turn)


STEP_REACH = 1.6
"""A glyph set after another stands within this many of its sizes: the next glyph of its
line, whatever the spacing; the next line stands farther, past its leading."""

STEP_SLACK = 0.3
"""Glyphs of one line stand level (across) or aligned (down) within this share of their
size."""


def glyphs_run_down(chars: Sequence[dict[str, Any]]) -> bool:
    """Whether most glyphs of a layer, in the order it sets them, are followed by one right
    under them rather than right of them: the page is set in vertical columns."""
    down = across = 0
    shown = [char for char in chars if not char["text"].isspace()]
    for first, then in pairwise(shown):
        size = float(first["size"]) or 1.0
        dx, dy = float(then["x0"] - first["x0"]), float(then["top"] - first["top"])
        if abs(dy) <= STEP_SLACK * size and 0 < dx <= STEP_REACH * size:
            across += 1
        elif abs(dx) <= STEP_SLACK * size and 0 < dy <= STEP_REACH * size:
            down += 1
    return down * 2 > len(shown) and down > across


def glyph_turn(chars: Sequence[dict[str, Any]]) -> int:
    """The quarter turn, in degrees counter-clockwise, that sets most of a page's glyphs
    upright as the page shows them: 0 where they stand so, 90 where they lie turned
    clockwise (upright text on a page whose `/Rotate` turns it, or text drawn turned)."""
    turns = Counter(
        round(-math.degrees(math.atan2(char["matrix"][1], char["matrix"][0])) / 90) * 90 % 360
        for char in chars
        if not char["text"].isspace()
    )
    if not turns:
        return 0
    turn, count = turns.most_common(1)[0]
    return turn if count * 2 > turns.total() else 0


def upright_layer(page: Any) -> tuple[Any, int]:
    """A page of the text layer in the frame where most of its glyphs stand upright
    (`glyph_turn`), and the turn from the page as shown to that frame: lines of print run
    across the frame their glyphs stand upright in, whichever way the page is shown."""
    turn = glyph_turn(page.chars)
    return (turned_layer(page, turn), turn) if turn else (page, 0)


def rows_of_columns(page: Any, turn: int) -> tuple[Any, int, bool]:
    """A page of the upright text layer (turned by turn from the page as shown) set in
    vertical columns (`glyphs_run_down`), turned a further quarter turn counter-clockwise
    (`VERTICAL_TURN`): each column a row, the right-hand one at the top, as a vertical page
    read by OCR stands. The page, its turn, and whether it was so turned."""
    if not glyphs_run_down(page.chars):
        return page, turn, False
    return turned_layer(page, VERTICAL_TURN), (turn + VERTICAL_TURN) % 360, True


def turned_layer(page: Any, turn: int) -> Any:
    """A page of the text layer as pdfplumber gives it in the frame turned by turn degrees
    counter-clockwise from the frame it stands in now: the page's rotation, which the
    parser lays every object out by, told anew."""
    shown = page.page_obj
    shown.rotate = (shown.rotate - turn) % 360
    shown.attrs["Rotate"] = shown.rotate
    return pdfplumber.page.Page(page.pdf, shown, page.page_number, page.initial_doctop)


def ocr_page(
    document: pdfium.PdfDocument,
    number: int,
    problem: str,
    reader: PageReader,
    config: IngestConfig,
    drawn: bool = False,
) -> Page:
    """A page whose text layer fails, read by OCR from its image (`page_image`, drawn), with
    a note of why."""
    log.info("%s: page %d: %s; read by OCR", reader.source, number, problem)
    image = page_image(document, number - 1, config.ocr_dpi, config.max_page_pixels, drawn)
    return _with_warning(reader.read(image), f"page {number}: {problem}; read by OCR")


BLANK_PROBE = 1 << 16
"""Bytes looked at to tell a file of nothing but blanks: one larger is no PDF either, and
the parser says so."""


def is_blank(path: Path) -> bool:
    """Whether a file holds nothing, or only blanks, as far as its first bytes tell."""
    with path.open("rb") as stream:
        head = stream.read(BLANK_PROBE)
    return not head.strip() and len(head) < BLANK_PROBE


PARSERS = ("pdfminer", "pdfplumber", "pypdfium2")
"""The libraries that parse a PDF for us: on a damaged file they raise errors of every kind
(a box of names, an object that is None), and the file is at fault."""


def pdf_problem(error: Exception) -> str:
    """What is wrong with a PDF the readers refused, in words: pdfminer wraps its own
    error, and a locked file's names no cause of its own."""
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
        return "PDF is locked with a password; open it without one to convert it"
    detail = f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
    return f"not a readable PDF ({detail})"


def _with_warning(page: Page, note: str) -> Page:
    return replace(page, warnings=(note, *page.warnings))
