"""OCR: the `Recognizer` protocol and its engines.

`TesseractRecognizer` reads words with pytesseract `image_to_data` (chi_sim, chi_tra, eng)
and builds lines from them; `RapidOCRRecognizer` (optional extra) reads lines with PP-OCR
models shipped in the rapidocr_onnxruntime wheel; `RecordedRecognizer` replays lines a real
engine produced, for fast tests. Every engine returns `Line`s in PDF points.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from PIL import Image

from ..cleanup.script import detect_script
from ..errors import MissingDependencyError, OcrError
from ..model import BBox, Line, Page
from .images import PageImage

TESSERACT_LANGS = {"simplified": "chi_sim", "traditional": "chi_tra"}
APT_PACKAGES = {
    "chi_sim": "tesseract-ocr-chi-sim",
    "chi_tra": "tesseract-ocr-chi-tra",
    "eng": "tesseract-ocr-eng",
}
INSTALL_TESSERACT = (
    "apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-tra tesseract-ocr-eng"
)

PHRASE_GAP = 1.0
"""A gap between two Han words at least this share of the glyph height is a printed space
(a kicker's phrase space). Tesseract's word boxes are loose: gaps of 0.6 occur inside
phrases, so only a gap of a whole character counts."""

LATIN_GAP = 0.15
"""A gap between two Latin or digit words at least this share of the line's height is a
word space."""

DETECT_BAND = 0.12
"""Share of the page height, around its densest text, that script detection reads."""

TRADITIONAL_MARGIN = 4.0
"""Tesseract's chi_tra reads simplified print almost as confidently as chi_sim does (each
model writes its own script whatever the page shows), so a page counts as traditional only
when chi_tra's mean word confidence beats chi_sim's by this many points. Measured on the
corpus's first pages: traditional +8.4; simplified -1.3 to -15.7."""


class Recognizer(Protocol):
    """An OCR engine: one prepared page image in, lines in PDF points out."""

    name: str

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        """Read one page in the given script ("simplified" or "traditional")."""
        ...

    def detect_script(self, page: PageImage, *, source: str) -> str:
        """The script of the text on a page."""
        ...


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
    """
    text = ""
    previous: Word | None = None
    for word in words:
        if previous is not None:
            gap = word.left - previous.right
            latin = _latin_edge(previous.text[-1]) and _latin_edge(word.text[0])
            if gap >= (LATIN_GAP if latin else PHRASE_GAP) * height:
                text += " "
        text += word.text
        previous = word
    return text


def _latin_edge(char: str) -> bool:
    return char.isascii() and char.isalnum()


def line_from_words(words: Sequence[Word], page: PageImage, origin: str) -> Line:
    """One `Line` in points from the words of one text line in pixels."""
    scale = 72 / page.dpi
    left = min(w.left for w in words)
    top = min(w.top for w in words)
    right = max(w.right for w in words)
    bottom = max(w.bottom for w in words)
    # Words' median height is the glyph size; the line's box is taller by its punctuation.
    height = statistics.median(w.bottom - w.top for w in words)
    bbox: BBox = (left * scale, top * scale, right * scale, bottom * scale)
    return Line(
        text=join_words(words, height),
        page=page.number,
        row=0,
        bbox=bbox,
        size=round(height * scale, 2),
        confidence=round(statistics.fmean(w.confidence for w in words), 4),
        origin=origin,
    )


def number_rows(lines: Iterable[Line]) -> tuple[Line, ...]:
    """Lines in top-to-bottom order, each with its position as row."""
    ordered = sorted(lines, key=lambda line: (line.bbox or (0, 0, 0, 0))[1])
    return tuple(
        Line(line.text, line.page, row, line.bbox, line.size, line.confidence, line.origin,
             line.font)
        for row, line in enumerate(ordered)
    )


def densest_band(image: Image.Image, share: float = DETECT_BAND) -> Image.Image:
    """The horizontal band of the page with the most ink: where body text is."""
    ink = (np.asarray(image.reduce(4)) < 128).sum(axis=1).astype(np.float64)
    window = max(1, int(len(ink) * share))
    sums = np.convolve(ink, np.ones(window), mode="valid")
    start = int(np.argmax(sums)) * 4
    return image.crop((0, start, image.width, min(image.height, start + window * 4)))


class TesseractRecognizer:
    """Tesseract 5 through pytesseract, words grouped into lines."""

    name = "tesseract"

    def __init__(self, timeout: float = 120.0) -> None:
        self.timeout = timeout

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        data = self._data(page.image, TESSERACT_LANGS[script], page.number, source)
        groups: dict[tuple[int, int, int], list[Word]] = {}
        for i, text in enumerate(data["text"]):
            if not text.strip() or float(data["conf"][i]) < 0:
                continue
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            groups.setdefault(key, []).append(Word(
                text.strip(), data["left"][i], data["top"][i],
                data["left"][i] + data["width"][i], data["top"][i] + data["height"][i],
                float(data["conf"][i]) / 100,
            ))
        lines = [line_from_words(words, page, "ocr-tesseract") for words in groups.values()]
        return number_rows(lines)

    def detect_script(self, page: PageImage, *, source: str) -> str:
        """Traditional when chi_tra reads the page's densest band clearly more confidently
        than chi_sim (TRADITIONAL_MARGIN), else simplified."""
        band = densest_band(page.image)
        scores = {}
        for script, lang in TESSERACT_LANGS.items():
            data = self._data(band, lang, page.number, source)
            confs = [float(c) for c, t in zip(data["conf"], data["text"], strict=True)
                     if t.strip() and float(c) >= 0]
            scores[script] = statistics.fmean(confs) if confs else 0.0
        margin = scores["traditional"] - scores["simplified"]
        return "traditional" if margin >= TRADITIONAL_MARGIN else "simplified"

    def _data(self, image: Image.Image, lang: str, number: int, source: str) -> dict[str, Any]:
        pytesseract = require_tesseract(lang)
        try:
            return pytesseract.image_to_data(
                image, lang=lang, output_type=pytesseract.Output.DICT, timeout=self.timeout
            )
        except RuntimeError as e:
            raise OcrError(source, number, f"tesseract failed or timed out: {e}") from e
        except pytesseract.TesseractError as e:
            raise OcrError(source, number, f"tesseract failed: {e.message}") from e


@cache
def installed_languages() -> frozenset[str]:
    import pytesseract

    try:
        return frozenset(pytesseract.get_languages(config=""))
    except pytesseract.TesseractNotFoundError as e:
        raise MissingDependencyError(f"tesseract is not installed: {INSTALL_TESSERACT}") from e


def require_tesseract(lang: str) -> Any:
    """pytesseract, once tesseract and the language pack are known to be installed."""
    import pytesseract

    if lang not in installed_languages():
        raise MissingDependencyError(
            f"tesseract language pack {lang} is not installed: apt-get install "
            f"{APT_PACKAGES.get(lang, 'tesseract-ocr-' + lang)}"
        )
    return pytesseract


class RapidOCRRecognizer:
    """PP-OCR through rapidocr_onnxruntime (pip install bulletin-ingest[rapidocr]). Its one
    Chinese model reads both scripts; cleanup unifies the script afterwards."""

    name = "rapidocr"

    def __init__(self) -> None:
        self.engine = rapidocr_engine()

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        try:
            result, _ = self.engine(np.asarray(page.image.convert("RGB")),
                                    return_word_box=True)
        except Exception as e:
            raise OcrError(source, page.number, f"rapidocr failed: {e}") from e
        lines = [self._line(item, page) for item in result or ()]
        return number_rows(line for line in lines if line.text.strip())

    def detect_script(self, page: PageImage, *, source: str) -> str:
        band = PageImage(page.number, densest_band(page.image), page.dpi)
        text = "".join(line.text for line in self.recognize(band, "simplified", source=source))
        return detect_script(text) or "simplified"

    @staticmethod
    def _line(item: Sequence[Any], page: PageImage) -> Line:
        points, text, confidence = item[0], item[1], float(item[2])
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        word_boxes = item[3] if len(item) > 3 else None
        words = _rapid_words(text, word_boxes, confidence)
        height = max(ys) - min(ys)
        if words:
            line = line_from_words(words, page, "ocr-rapidocr")
            return Line(line.text, page.number, 0, line.bbox,
                        round(height * 0.8 * 72 / page.dpi, 2), round(confidence, 4),
                        "ocr-rapidocr")
        scale = 72 / page.dpi
        return Line(text, page.number, 0,
                    (min(xs) * scale, min(ys) * scale, max(xs) * scale, max(ys) * scale),
                    round(height * 0.8 * scale, 2), round(confidence, 4), "ocr-rapidocr")


def _rapid_words(text: str, boxes: Any, confidence: float) -> list[Word]:
    """Per-character boxes, where RapidOCR gave them for every character of the line."""
    if not boxes or len(boxes) != len(text):
        return []
    words = []
    for char, box in zip(text, boxes, strict=True):
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        words.append(Word(char, min(xs), min(ys), max(xs), max(ys), confidence))
    return words


@cache
def rapidocr_engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as e:
        raise MissingDependencyError(
            "the rapidocr engine is not installed: pip install 'bulletin-ingest[rapidocr]'"
        ) from e
    return RapidOCR()


def rapidocr_available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


class RecordedRecognizer:
    """Replays the lines a real engine read from each page (see `record`), so that tests of
    layout and structure run in milliseconds on genuine OCR output."""

    def __init__(self, path: Path) -> None:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        self.name = f"recorded-{data['engine']}"
        self.script = data["script"]
        self.pages = {int(k): v for k, v in data["pages"].items()}

    def recognize(self, page: PageImage, script: str, *, source: str) -> tuple[Line, ...]:
        lines = [Line(text=item["text"], page=page.number, row=0, bbox=tuple(item["bbox"]),
                      size=item["size"], confidence=item["confidence"], origin=item["origin"])
                 for item in self.pages.get(page.number, ())]
        return number_rows(lines)

    def detect_script(self, page: PageImage, *, source: str) -> str:
        return self.script


def record(lines_by_page: dict[int, Sequence[Line]], engine: str, script: str) -> str:
    """The JSON that `RecordedRecognizer` replays."""
    pages = {
        str(number): [
            {"text": line.text, "bbox": [round(v, 2) for v in line.bbox or (0, 0, 0, 0)],
             "size": line.size, "confidence": line.confidence, "origin": line.origin}
            for line in lines
        ]
        for number, lines in lines_by_page.items()
    }
    return json.dumps({"engine": engine, "script": script, "pages": pages},
                      ensure_ascii=False, indent=0)


def make_recognizer(engine: str, timeout: float) -> Recognizer:
    """The recognizer an engine name stands for."""
    if engine == "rapidocr":
        return RapidOCRRecognizer()
    return TesseractRecognizer(timeout)


def engine_for(script: str, config_engine: str) -> str:
    """The engine that reads a script best, as measured on the corpus (docs/benchmarks.md):
    RapidOCR for simplified where it is installed, tesseract chi_tra for traditional."""
    if config_engine != "auto":
        return config_engine
    if script == "simplified" and rapidocr_available():
        return "rapidocr"
    return "tesseract"


class PageReader:
    """Reads the page images of one document: decides its script once (from the first page
    with text, unless configured) and the engine for that script, then reads every page."""

    def __init__(self, *, engine: str, script: str, timeout: float, min_confidence: float,
                 source: str) -> None:
        self.engine = engine
        self.script = None if script == "auto" else script
        self.timeout = timeout
        self.min_confidence = min_confidence
        self.source = source
        self._recognizers: dict[str, Recognizer] = {}

    def recognizer(self, engine: str) -> Recognizer:
        if engine not in self._recognizers:
            self._recognizers[engine] = make_recognizer(engine, self.timeout)
        return self._recognizers[engine]

    def detect(self, page: PageImage) -> str:
        detector = "rapidocr" if self.engine != "tesseract" and rapidocr_available() else (
            "tesseract")
        return self.recognizer(detector).detect_script(page, source=self.source)

    def read(self, page: PageImage) -> Page:
        if self.script is None:
            self.script = self.detect(page)
        engine = engine_for(self.script, self.engine)
        lines = self.recognizer(engine).recognize(page, self.script, source=self.source)
        width, height = page.size_points
        return Page(
            number=page.number, lines=lines, width=width, height=height,
            origin=f"ocr-{engine}", warnings=confidence_warnings(page.number, lines,
                                                                 self.min_confidence),
        )


def confidence_warnings(number: int, lines: Sequence[Line], floor: float) -> tuple[str, ...]:
    """A warning when a page's mean OCR confidence (weighted by characters) is below floor;
    also when OCR found no text at all."""
    if not lines:
        return (f"page {number}: OCR found no text",)
    weights = [(line.confidence or 0.0, len(line.text)) for line in lines]
    mean = sum(c * n for c, n in weights) / max(sum(n for _, n in weights), 1)
    if mean < floor:
        return (f"page {number}: OCR confidence {mean:.2f} below {floor:.2f}",)
    return ()
