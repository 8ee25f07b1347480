"""RapidOCR 3 (PP-OCR models inside the rapidocr wheel, run by onnxruntime), the engine of
`auto`: lines, with character boxes where it gives them, in PDF points."""

from __future__ import annotations

import atexit
import json
import math
import os
import pickle
import queue
import statistics
import subprocess
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from importlib import metadata
from itertools import pairwise
from typing import Any

import numpy as np

from ..chars import decisive_script
from ..errors import MissingDependencyError, OcrError
from ..model import BBox, Line
from .images import PageImage
from .lines import (
    SLANTED,
    Word,
    dash_unread_before,
    glyph_lines,
    glyph_size,
    join_touching,
    leading_strokes,
    line_from_words,
    number_rows,
    read_down,
    size_over_glyphs,
    with_blanks,
    with_bullet_read,
    with_dash,
)
from .regions import blank_columns, densest_band, inked_runs
from .tape import engine_call

RAPID_BOX_TO_GLYPH = 0.8
"""RapidOCR's line boxes are padded: the glyphs fill about this share of their height."""


class RapidOCRRecognizer:
    """PP-OCR through rapidocr, a dependency of the package. Its one
    Chinese model reads both scripts; cleanup unifies the script afterwards.

    Its text-direction classifier is left out: pages reach it upright (EXIF orientation
    applied, skew found), and on the corpus the classifier took sound lines for upside
    down (a line of a notice, at 0.9995), turned them, and their reading was then dropped
    as garbage: one article of a scan and one of a photo each lost a line that way."""

    name = "rapidocr"

    def __init__(self, timeout: float = 120.0) -> None:
        if not rapidocr_available():
            raise MissingDependencyError(RAPIDOCR_MISSING)
        self.timeout = timeout
        self.engine = rapid_process()

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        # RapidOCR scales every page down to its max_side_len before reading; scaled first,
        # the page is straightened at a third of the cost.
        side = engine_call(
            "rapidocr", rapidocr_version, ("max_side_len",), bytes, self.max_side_len
        )
        page = page.reduced(side)
        array = padded_to_aspect(np.asarray(page.image.convert("RGB")), MAX_ASPECT)

        def run() -> list[tuple[Any, ...]]:
            try:
                return self.engine.read(array, self.timeout)
            except EngineFailed as e:
                raise OcrError(source, page.number, f"rapidocr {e}") from e

        options = ("read", array.shape)
        read = engine_call("rapidocr", rapidocr_version, options, array.tobytes, run, plain)
        return item_lines(read, page)

    def max_side_len(self) -> int:
        return self.engine.max_side_len()

    def detect_script(self, page: PageImage, *, source: str) -> str:
        return self.script_opinion(page, source=source) or "simplified"

    def script_opinion(self, page: PageImage, *, source: str) -> str | None:
        """The script of the page's densest band as RapidOCR's text shows it, or None when
        the text shows too little to tell (`decisive_script`)."""
        band = PageImage(page.number, densest_band(page.image), page.dpi)
        text = "".join(line.text for line in self.recognize(band, "simplified", source=source))
        return decisive_script(text)


def item_lines(items: Sequence[Sequence[Any]], page: PageImage) -> tuple[Line, ...]:
    """The lines of RapidOCR's items (`rapid_items`) on a page: from its characters' boxes
    where it gave them, a glyph a line where it read down the page (`read_down`), with the
    stretches of blank paper across them where the page is lit evenly (`with_blanks`: on a
    page lit unevenly, faint ink passes for paper) and their size measured without those
    at their spaces (`size_over_glyphs`). Items of one line that RapidOCR cut in two are
    joined again (`join_touching`), as tesseract's are: on a dark band, its boxes part a
    title where no space is printed."""
    lines: list[Line] = []
    segments: list[list[Word]] = []
    for item in items:
        if not str(item[1]).strip():
            continue
        if slant(item) > SLANT_MOST:
            lines.append(replace(_line(item, _item_box(item), page), origin=SLANTED))
            continue
        words = with_digit_spaces(with_latin_spaces(_rapid_words(item), page.grey), page.grey)
        if not words:
            lines.append(_line(item, _item_box(item), page))
        elif read_down(words):
            lines += glyph_lines(words, page, "ocr-rapidocr", doubt=RAPID_MARK_CONFIDENCE)
        else:
            segments.append(words)
    for words in join_touching(segments):
        line = line_from_words(
            words, page, "ocr-rapidocr", doubt=RAPID_MARK_CONFIDENCE, spaced=True
        )
        if not page.uneven_light:
            line = size_over_glyphs(with_blanks(line, page.grey, page.dpi))
        lines.append(with_bullet_read(with_dash_dropped(line, page), page))
    return number_rows(line for line in lines if line.text.strip())


SLANT_MOST = 10.0
"""Degrees a line of print may lean on a page straightened, a photograph's perspective
included; a watermark or a seal's text is set at a slant."""


def slant(item: Sequence[Any]) -> float:
    """How many degrees an item's box leans from level, by its top edge (RapidOCR's corners
    run clockwise from the top left)."""
    (x0, y0), (x1, y1) = item[0][0], item[0][1]
    return abs(math.degrees(math.atan2(y1 - y0, x1 - x0)))


DASH_PAST_STROKES = 0.5
"""A rule reaching this many glyphs past the cells of the strokes read over it is longer
than they are: the Chinese dash, two cells long, read as one stroke."""


def with_dash_dropped(line: Line, page: PageImage) -> Line:
    """The line led by the Chinese dash the page shows before its first letter
    (`dash_unread_before`), where RapidOCR read no stroke there or fewer strokes than the
    rule has cells (`DASH_PAST_STROKES`): it drops a subtitle's long thin rule at times, or
    reads it as one `一`, and with it goes the subtitle's cue. Strokes that fill the rule
    are its reading of that ink (`一一作了解答`, a line opening on text)."""
    start = dash_unread_before(line, page.grey, page.dpi)
    if start is None or not line.size:
        return line
    lead = leading_strokes(line)
    if lead:
        cells = (line.words[lead].bbox[0] - start * 72 / page.dpi) / line.size
        if cells <= lead + DASH_PAST_STROKES:
            return line
    return with_dash(line, start, page.dpi)


def _line(item: Sequence[Any], box: BBox, page: PageImage) -> Line:
    text, confidence = str(item[1]), float(item[2])
    scale = 72 / page.dpi
    height = (box[3] - box[1]) * RAPID_BOX_TO_GLYPH
    size = round(glyph_size(text, box[2] - box[0], height) * scale, 2)
    bbox = (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)
    return Line(text, page.number, 0, bbox, size, round(confidence, 4), "ocr-rapidocr")


class EngineFailed(Exception):
    """RapidOCR failed on a page, did not read it in time, or its process ended."""


ENGINE_START_LIMIT = 300.0
"""Seconds RapidOCR's process may take to load its models (a few, as a rule): one that has
not said it is ready by then is stuck."""


class RapidProcess:
    """RapidOCR in a process of its own (`rapid_child`), which reads one page at a time and is
    ended, with the page, when the page takes longer than its time limit: onnxruntime cannot
    be stopped inside a run. The next page starts a new one. Pages from several threads are
    read one after another."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._replies: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._max_side_len = 0
        self._lock = threading.Lock()

    def max_side_len(self) -> int:
        with self._lock:
            self._ensure_started()
            return self._max_side_len

    def read(self, array: np.ndarray, timeout: float) -> list[tuple[Any, ...]]:
        """RapidOCR's items for one page image (`rapid_items`), read within timeout seconds."""
        with self._lock:
            process = self._ensure_started()
            assert process.stdin is not None
            try:
                pickle.dump(array, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                process.stdin.flush()
            except OSError as e:
                self.stop()
                raise EngineFailed(f"process ended: {e}") from e
            kind, value = self._reply(timeout, f"did not finish within {timeout:g} s")
            if kind != "read":
                raise EngineFailed(f"failed: {value}")
            return list(value)

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None

    def _ensure_started(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bulletin_ingest.sources.rapid_child"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        self._replies = queue.Queue()
        threading.Thread(
            target=_relay, args=(self._process.stdout, self._replies), daemon=True
        ).start()
        kind, value = self._reply(ENGINE_START_LIMIT, "did not load its models")
        if kind == "missing":
            self.stop()
            raise MissingDependencyError(value)
        if kind != "ready":
            self.stop()
            raise EngineFailed(f"did not start: {value}")
        self._max_side_len = int(value)
        return self._process

    def _reply(self, timeout: float, late: str) -> tuple[str, Any]:
        try:
            return self._replies.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            raise EngineFailed(late) from None


def _relay(stream: Any, replies: queue.Queue[tuple[str, Any]]) -> None:
    """Pass each reply of RapidOCR's process on, then word that it has gone."""
    try:
        while True:
            replies.put(pickle.load(stream))
    except Exception:  # the end of the stream, however it came
        replies.put(("gone", "its process ended"))


@cache
def rapid_process() -> RapidProcess:
    """The one RapidOCR process of this process, ended when it exits."""
    engine = RapidProcess()
    atexit.register(engine.stop)
    return engine


MAX_ASPECT = 4.0
"""RapidOCR scales a page's shorter side up to its detector's minimum (736 px) before
anything else: a strip many times longer than wide would grow to hundreds of thousands of
pixels and take minutes, so a page is given at most this many times longer than wide,
padded with blank paper (a printed page is 1.4 times longer)."""


def padded_to_aspect(array: np.ndarray, aspect: float) -> np.ndarray:
    """An RGB page image padded with white on its right or at its foot, so that its longer
    side is at most aspect times its shorter; boxes read on it keep their coordinates."""
    height, width = array.shape[:2]
    padded_height = max(height, int(np.ceil(width / aspect)))
    padded_width = max(width, int(np.ceil(height / aspect)))
    if (padded_height, padded_width) == (height, width):
        return array
    paper = np.full((padded_height, padded_width, array.shape[2]), 255, dtype=array.dtype)
    paper[:height, :width] = array
    return paper


def plain(items: list[tuple[Any, ...]]) -> list[Any]:
    """RapidOCR's items as plain JSON data (numpy arrays and numbers as lists and floats)."""
    return json.loads(json.dumps(items, default=lambda value: np.asarray(value).tolist()))


@cache
def rapidocr_version() -> str:
    """The version of the rapidocr package installed."""
    try:
        return metadata.version("rapidocr")
    except metadata.PackageNotFoundError:
        return "unknown"


def rapid_items(output: Any) -> list[tuple[Any, ...]]:
    """RapidOCR's output as one item a line: its box's four corners, text, confidence and,
    where it gave them, its characters' boxes, the characters and their confidences."""
    if output is None or output.txts is None or output.boxes is None:
        return []
    words = output.word_results if len(output.word_results) == len(output.txts) else ()
    items: list[tuple[Any, ...]] = []
    for n, (box, text, score) in enumerate(
        zip(output.boxes, output.txts, output.scores, strict=True)
    ):
        line = [w for w in (words[n] if words else ()) if w and w[2] is not None]
        if line:
            chars, scores, boxes = zip(*line, strict=True)
            items.append((box, text, score, list(boxes), list(chars), list(scores)))
        else:
            items.append((box, text, score))
    return items


def _item_box(item: Sequence[Any]) -> BBox:
    xs = [p[0] for p in item[0]]
    ys = [p[1] for p in item[0]]
    return (min(xs), min(ys), max(xs), max(ys))


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


LATIN_SPACE = 0.2
"""Blank paper right across a line at least this share of its letters' height wide,
before a capital, is a word space: a word's letters stand closer, side bearings and all,
and a capital inside a word (`WeChat`) is set as tight as any letter."""


def latin_pair(before: Word, word: Word) -> bool:
    """Whether two characters read side by side are a Latin letter (or a word's closing
    point, `Mr.`) and a Latin capital, with no space read between them: where the page
    shows a space there, a new word starts, a name's (`Jason Wong`, `Mr. Chan`). Inside a
    word a scan may lose the thin stem of an `i` or an `l` and leave as much blank paper as
    a space; digits are set on one advance, and a narrow one (`1`) stands in as much.

    >>> w = lambda t: Word(t, 0, 0, 10, 10, 1.0)
    >>> latin_pair(w("n"), w("W")), latin_pair(w("."), w("C")), latin_pair(w("生"), w("J"))
    (True, True, False)
    >>> latin_pair(w("i"), w("l")), latin_pair(w("1"), w("0"))
    (False, False)
    """
    last, first = before.text[-1:], word.text[:1]
    return (last.isascii() and (last.isalpha() or last == ".")) and (
        first.isascii() and first.isupper()
    )


def closes_abbreviation(words: Sequence[Word], n: int) -> bool:
    """Whether word n opens a capitalised Latin word (`Chan`) right after a point that
    closes a word of small letters (`Mr.`): Latin type always sets a space there, and a
    point's own cell is as wide as a space, so the blank paper does not tell it. A point
    inside an abbreviation stands before a capital standing alone (`Ph.D.`).

    >>> w = lambda text: [Word(t, 0, 0, 10, 10, 1.0) for t in text]
    >>> closes_abbreviation(w("Mr.Chan"), 3), closes_abbreviation(w("Ph.D."), 3)
    (True, False)
    """
    if n < 2 or n + 1 >= len(words):
        return False
    before, point, first, second = (w.text for w in words[n - 2 : n + 2])
    return (
        point == "."
        and before.isascii()
        and before.islower()
        and len(first) == 1
        and first.isascii()
        and first.isupper()
        and second.isascii()
        and second.islower()
    )


def with_latin_spaces(words: list[Word], grey: np.ndarray) -> list[Word]:
    """Words with the space before a capitalised Latin word that the page shows and
    RapidOCR's text leaves out (`Jason Wong` read `JasonWong`, `latin_pair`): blank paper
    right across the two characters' band, between their middles, at least LATIN_SPACE of
    their height wide. grey: the page's grey levels, in the characters' pixels."""
    spaced = words[:1]
    for n, (before, word) in enumerate(pairwise(words), start=1):
        if closes_abbreviation(words, n):
            word = replace(word, text=" " + word.text)
        elif latin_pair(before, word):
            top = round(min(before.top, word.top))
            bottom = round(max(before.bottom, word.bottom))
            left = round((before.left + before.right) / 2)
            right = round((word.left + word.right) / 2)
            least = LATIN_SPACE * (bottom - top)
            blank = blank_columns(grey, (left, top, right, bottom))
            if any(end - start >= least for start, end in blank):
                word = replace(word, text=" " + word.text)
        spaced.append(word)
    return spaced


def digit_runs(words: Sequence[Word]) -> list[list[int]]:
    """The indexes of each run of Latin digits read one after another with no space
    between them, long enough to hold two groups (`DIGIT_GROUP`)."""
    found: list[list[int]] = []
    run: list[int] = []
    for n, word in enumerate(words):
        if len(word.text) == 1 and word.text.isascii() and word.text.isdigit():
            run.append(n)
            continue
        if len(run) >= DIGITS_MEASURED:
            found.append(run)
        run = [n] if word.text.strip().isascii() and word.text.strip().isdigit() else []
    if len(run) >= DIGITS_MEASURED:
        found.append(run)
    return found


DIGIT_GROUP = 3
"""The fewest digits a group parted by a space holds: numbers are grouped for reading in
threes and fours (a telephone number's `2478 1234`), never one or two apart."""

DIGITS_MEASURED = 2 * DIGIT_GROUP
"""The fewest digits in a run that may hold two groups: a shorter one is read whole."""

DIGIT_SPACE = 0.25
"""A space between two digits widens their advance by this share of it or more: a word
space is a fifth of an em or more and a digit's advance about half, while digits set
whole stand within a fifth of their advance of it (a narrow `1` set off its middle)."""


def inks_inside(grey: np.ndarray, box: tuple[int, int, int, int]) -> list[tuple[int, int]]:
    """The runs of inked columns (`inked_runs`) of the glyphs within a box of RapidOCR's
    characters, whole: its boxes meet, and cut a glyph at its edge now and then, so the
    ink is taken half an em either side, and a run whose middle stands outside the box is a
    neighbour's."""
    left, top, right, bottom = box
    reach = round((bottom - top) / 2)
    inks = inked_runs(grey, (max(0, left - reach), top, right + reach, bottom))
    return [(start, end) for start, end in inks if left <= (start + end) / 2 < right]


def with_digit_spaces(words: list[Word], grey: np.ndarray) -> list[Word]:
    """Words with the space between groups of digits that the page shows and RapidOCR's
    text leaves out (`2478 1234` read `24781234`). Digits are set on one advance, so the
    middles of their inks stand one advance apart, however narrow a glyph (`1`); where two
    stand further apart than the run's usual advance by DIGIT_SPACE of it, a space stands
    between two groups (`DIGIT_GROUP`). A run whose ink does not part into as many glyphs
    as it holds digits is left as read."""
    spaced = list(words)
    for run in digit_runs(words):
        top = round(min(words[n].top for n in run))
        bottom = round(max(words[n].bottom for n in run))
        box = (round(words[run[0]].left), top, round(words[run[-1]].right), bottom)
        inks = inks_inside(grey, box)
        if len(inks) != len(run):
            continue
        middles = [(start + end) / 2 for start, end in inks]
        advances = [b - a for a, b in pairwise(middles)]
        usual = statistics.median(advances)
        last = 0
        for k, advance in enumerate(advances, start=1):
            grouped = k - last >= DIGIT_GROUP and len(run) - k >= DIGIT_GROUP
            if grouped and advance - usual >= DIGIT_SPACE * usual:
                last = k
                word = spaced[run[k]]
                spaced[run[k]] = replace(word, text=" " + word.text)
    return spaced


RAPIDOCR_MISSING = (
    "the rapidocr engine is not installed: pip install rapidocr onnxruntime "
    "(dependencies of bulletin-ingest; where onnxruntime has no wheel for this "
    "platform, use --engine tesseract)"
)


@cache
def rapidocr_engine() -> Any:
    try:
        from rapidocr import RapidOCR
    except ImportError as e:
        raise MissingDependencyError(RAPIDOCR_MISSING) from e
    params: dict[str, Any] = {"Global.log_level": "error"}
    threads = thread_limit()
    if threads:
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
    return RapidOCR(params=params)


def thread_limit() -> int:
    """The threads an OCR engine may use in this process: OMP_THREAD_LIMIT, which tesseract
    (OpenMP) obeys and RapidOCR (onnxruntime, every core by default) is given here too; 0
    where it is unset or not a whole number above 0."""
    value = os.environ.get("OMP_THREAD_LIMIT", "")
    return int(value) if value.isdigit() and int(value) > 0 else 0


def rapidocr_available() -> bool:
    try:
        import onnxruntime  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True
