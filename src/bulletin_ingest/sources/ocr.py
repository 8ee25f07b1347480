"""OCR: the `Recognizer` protocol, and the `PageReader` that picks an engine for each page
and detects the script of a document.

The engines live beside it: `tesseract` (words from tesseract run in the process by
`libtesseract`, built into lines by `lines`) and `rapid` (RapidOCR, the engine of `auto`).
Every engine returns `Line`s in PDF points; what each engine call returned can be recorded
and replayed (`tape`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from ..chars import detect_script
from ..config import IngestConfig
from ..model import Line, Page, text_confidence
from .images import PageImage, turned_upright
from .lines import separate_noise
from .rapid import RapidOCRRecognizer, rapidocr_available
from .tesseract import (
    VERTICAL_PACKAGES,
    TesseractRecognizer,
    vertical_models_installed,
)

log = logging.getLogger(__name__)


class Recognizer(Protocol):
    """An OCR engine: one prepared page image in, lines in PDF points out."""

    name: str

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        """Read one page in the given script ("simplified" or "traditional")."""
        ...

    def detect_script(self, page: PageImage, *, source: str) -> str:
        """The script of the text on a page."""
        ...


def make_recognizer(engine: str, timeout: float) -> Recognizer:
    """The recognizer an engine name stands for."""
    if engine == "rapidocr":
        return RapidOCRRecognizer(timeout)
    return TesseractRecognizer(timeout)


SURE_ACROSS = 0.93
"""RapidOCR reads lines of print at 0.95 and above; read across a page set in columns, it
strings characters of neighbouring columns together, and reads them far less surely (0.77
and 0.86 on two real newspapers; docs/benchmarks.md)."""


VERTICAL_TURN = 90
"""A page set in vertical columns is read turned a quarter turn counter-clockwise, where
each column is a row and the right-hand column the top one (`PageImage.turned`)."""

ORIENTATION_DOUBT = 0.8
"""Below this mean confidence a page's reading may be of a scan fed sideways or upside
down, which the engine reads as garbage it is half sure of; a page of print read upright,
even a photograph, comes out surer."""


def reads_across(lines: Sequence[Line]) -> bool:
    """Whether an engine reading across a page read it sure of it: the page's lines do run
    across."""
    confidence = text_confidence(lines)
    return confidence is not None and confidence >= SURE_ACROSS


def engine_for(config_engine: str) -> str:
    """The engine that reads a page set across best, as measured end to end on the layout
    zoo's dev split and on the corpus (docs/benchmarks.md): RapidOCR, in either script,
    where it is installed (every install, unless onnxruntime has no wheel for the
    platform); tesseract otherwise."""
    if config_engine != "auto":
        return config_engine
    return "rapidocr" if rapidocr_available() else "tesseract"


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
        self._last_turn = 0
        """The turn the document's last page read stood at: a stack fed turned stands so."""

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
        """A page read (`_read_any_turn`), with a warning where it was scanned as a negative."""
        read = self._read_any_turn(page)
        if page.negative:
            return replace(read, warnings=(negative_note(page.number), *read.warnings))
        return read

    def _read_any_turn(self, page: PageImage) -> Page:
        """A page read as it stands; where that reading is doubtful (`ORIENTATION_DOUBT`)
        and tesseract's orientation model finds the page's text turned (a scan fed sideways
        or upside down), the page is read turned upright too, and the surer reading stands
        (the script is told anew for it). After a page that stood turned, the model is asked
        first, and a page it finds turned and that reads surely so is not read as it stands:
        a stack fed turned stands so throughout. So it is where the page's lines run down it
        (`_lines_run_down`). A recognizer given explicitly reads the page as it stands."""
        known = self.script
        readings: list[tuple[Page, str | None, int]] = []
        asked_first = self.given is None and (self._last_turn or self._lines_run_down(page))
        if asked_first and (turn := self._turn(page)):
            upright = self._read_upright(page, turn)
            if self._reads_upright(upright):
                self._last_turn = turn
                return upright
            readings.append((upright, self.script, turn))
            self.script = known
        found = self._read_as_set(page)
        readings.append((found, self.script, 0))
        doubted = len(readings) == 1 and self.given is None and not self._reads_upright(found)
        if doubted and (turn := self._turn(page)):
            self.script = known
            readings.append((self._read_upright(page, turn), self.script, turn))
        # Of readings equally sure, the one read first stands.
        best, self.script, self._last_turn = max(
            readings, key=lambda reading: text_confidence(reading[0].lines) or 0.0
        )
        return best

    def _lines_run_down(self, page: PageImage) -> bool:
        """Whether the page's ink shows its lines running down it (`PageImage.orientation`): it is
        set in vertical columns, or it stands turned a quarter turn, which only its glyphs
        tell apart (upright in vertical columns, on their side on a turned page). An engine
        reading the turned page as it stands reads glyph by glyph, and surely."""
        return page.orientation == "vertical"

    @staticmethod
    def _reads_upright(page: Page) -> bool:
        """Whether a page's reading is as sure as a page read upright (`ORIENTATION_DOUBT`)."""
        return (text_confidence(page.lines) or 0.0) >= ORIENTATION_DOUBT

    def _turn(self, page: PageImage) -> int:
        """The quarter turn that sets the page upright, by tesseract's orientation model."""
        tesseract = self.recognizer("tesseract")
        assert isinstance(tesseract, TesseractRecognizer)
        return tesseract.orientation(page, source=self.source)

    def _read_upright(self, page: PageImage, turn: int) -> Page:
        """A page read turned by turn degrees counter-clockwise, with a warning that says
        so."""
        upright = self._read_as_set(turned_upright(page, turn))
        note = turned_note(page.number, "scan", turn)
        return replace(
            upright, warnings=(note, *upright.warnings), turn=(turn + upright.turn) % 360
        )

    def _read_as_set(self, page: PageImage) -> Page:
        """A page read across, or in vertical columns where its ink shows them
        (`PageImage.orientation`)."""
        notes: tuple[str, ...] = ()
        lines: tuple[Line, ...] | None = None
        aside: tuple[Line, ...] = ()  # what each reading left out (`separate_noise`)
        engine = engine_for(self.engine)
        if (
            self.given is None
            and self.engine in ("auto", "tesseract")
            and page.orientation == "vertical"
        ):
            if engine == "rapidocr":
                # The ink's test errs on sparse pages of narrow columns; how surely RapidOCR,
                # which reads across, reads the page tells which way its lines run.
                rapid = self.recognizer("rapidocr")
                read = rapid.recognize(page, self.script or "simplified", source=self.source)
                lines, aside = separate_noise(read)
            if lines is None or not reads_across(lines):
                if self.engine == "tesseract" or vertical_models_installed():
                    known = self.script
                    down = self._read_vertical(page)
                    if engine != "tesseract" or self._sure(down.lines):
                        return down
                    # Only tesseract is at hand to check the ink's test: it reads the page
                    # across too (the script told anew), and the surer reading stands.
                    script, self.script = self.script, known
                    across = self._read_across(page, lines, aside, notes)
                    if surer(down.lines, across.lines):
                        self.script = script
                        return down
                    return across
                notes = (
                    f"page {page.number}: set in vertical columns but read across, for want "
                    f"of tesseract's vertical models: apt-get install {VERTICAL_PACKAGES}",
                )
        return self._read_across(page, lines, aside, notes)

    def _readings_undone(self) -> tuple[str, ...]:
        """Warnings of the second readings tesseract left undone in the page just read."""
        readers = (self.given, self._recognizers.get("tesseract"))
        return tuple(
            note
            for reader in dict.fromkeys(readers)
            if isinstance(reader, TesseractRecognizer)
            for note in reader.take_notes()
        )

    def _sure(self, lines: Sequence[Line]) -> bool:
        """Whether a page's reading is as sure as the page's floor asks."""
        return (text_confidence(lines) or 0.0) >= self.min_confidence

    def _read_across(
        self,
        page: PageImage,
        lines: tuple[Line, ...] | None,
        aside: tuple[Line, ...],
        notes: tuple[str, ...],
    ) -> Page:
        """A page read as set across, by the document's engine: lines, where RapidOCR read
        them already to check the page's orientation (and aside, what that reading left out)."""
        engine = engine_for(self.engine)
        if self.script is None and self.given is None and engine == "tesseract":
            tesseract = self.recognizer("tesseract")
            assert isinstance(tesseract, TesseractRecognizer)
            second = self._second_opinion if rapidocr_available() else None
            self.script, read = tesseract.recognize_detecting(
                page, source=self.source, second_opinion=second
            )
            lines, aside = separate_noise(read)
        elif self.script is None and self.given is None:
            # One model reads both scripts, and its text shows which the page is in.
            if lines is None:
                read = self.recognizer(engine).recognize(page, "simplified", source=self.source)
                lines, aside = separate_noise(read)
            self.script = detect_script("".join(line.text for line in lines)) or "simplified"
        elif self.script is None:
            assert self.given is not None
            self.script = self.given.detect_script(page, source=self.source)
        recognizer = self.given or self.recognizer(engine)
        engine = recognizer.name
        if lines is None:
            lines, aside = separate_noise(
                recognizer.recognize(page, self.script, source=self.source)
            )
        width, height = page.size_points
        log.info(
            "%s: page %d: %d lines read by %s (%s, confidence %.2f)",
            self.source,
            page.number,
            len(lines),
            engine,
            self.script,
            text_confidence(lines) or 0.0,
        )
        return Page(
            number=page.number,
            lines=lines,
            width=width,
            height=height,
            origin=f"ocr-{engine}",
            warnings=(
                *notes,
                *self._readings_undone(),
                *confidence_warnings(page.number, lines, self.min_confidence),
                *noise_warnings(page.number, aside),
            ),
        )

    def _read_vertical(self, page: PageImage) -> Page:
        """A page set in vertical columns, read by tesseract's vertical models (RapidOCR reads
        lines across the page only). Its lines' boxes, and its width and height, are those of
        the page turned a quarter turn counter-clockwise, where its columns are rows in
        reading order; a warning says so."""
        tesseract = self.recognizer("tesseract")
        assert isinstance(tesseract, TesseractRecognizer)
        if self.script is None:
            self.script, lines = tesseract.recognize_detecting(
                page, source=self.source, vertical=True
            )
        else:
            lines = tesseract.recognize_vertical(page, self.script, source=self.source)
        lines, aside = separate_noise(lines)
        width, height = page.size_points
        log.info(
            "%s: page %d: %d vertical lines read by tesseract (%s)",
            self.source,
            page.number,
            len(lines),
            self.script,
        )
        return Page(
            number=page.number,
            lines=lines,
            width=height,
            height=width,
            origin="ocr-tesseract",
            turn=VERTICAL_TURN,
            warnings=(
                vertical_note(page.number),
                *self._readings_undone(),
                *confidence_warnings(page.number, lines, self.min_confidence),
                *noise_warnings(page.number, aside),
            ),
        )


def vertical_note(number: int) -> str:
    """The warning that a page was read set in vertical columns, in the frame `VERTICAL_TURN`
    turns it to."""
    return (
        f"page {number}: set in vertical columns; its boxes are given in the page turned a "
        "quarter turn counter-clockwise"
    )


def turned_note(number: int, what: str, turn: int) -> str:
    """The warning that a page's what (its scan, its text) stood turned, and was read turned
    by turn degrees counter-clockwise."""
    return (
        f"page {number}: its {what} stands turned; read turned {turn} degrees "
        "counter-clockwise, and its boxes are given in the page so turned"
    )


def negative_note(number: int) -> str:
    """The warning that a page was scanned as a negative, and was read turned positive."""
    return f"page {number}: scanned as a negative (light print on dark paper); read as a positive"


def surer(first: Sequence[Line], second: Sequence[Line]) -> bool:
    """Whether the first reading of a page is at least as sure as the second."""
    return (text_confidence(first) or 0.0) >= (text_confidence(second) or 0.0)


def noise_warnings(number: int, aside: Sequence[Line]) -> tuple[str, ...]:
    """A warning that lists, with their text, the lines OCR read from graphics or read
    twice and that were left out of the page: every line read is accounted for."""
    if not aside:
        return ()
    texts = ", ".join(repr(line.text) for line in aside)
    return (
        f"page {number}: {len(aside)} lines read from graphics or read twice left out: {texts}",
    )


def confidence_warnings(number: int, lines: Sequence[Line], floor: float) -> tuple[str, ...]:
    """A warning when a page's mean OCR confidence (weighted by characters) is below floor;
    also when OCR found no text at all."""
    if not lines:
        return (f"page {number}: OCR found no text",)
    mean = text_confidence(lines) or 0.0
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
