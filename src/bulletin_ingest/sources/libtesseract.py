"""Tesseract in this process, through the C API of the shared library the `tesseract`
command itself runs (libtesseract 5, Debian's `libtesseract5`).

The command line (pytesseract) starts a process and loads a model for every image: 0.1 s
and more each time, which on a bilevel page is a tenth of the reading, and which made every
extra reading (a band for script detection, a page read again) cost a page's start. Here
each model is loaded once per process and kept. The word data is the word rows of the
command's own TSV, taken from the same library with the same settings (automatic page
segmentation, the image's resolution), so the words come out the same as from `tesseract
IMAGE - tsv`; a test holds them to it. Where the library cannot be found, `available()` is
false and the command line serves.

(tesserocr binds the same API, but its wheels carry their own tesseract 5.5, whose readings
differ from the Debian tesseract the rest of the project is measured with; building it
against the system library needs a compiler and headers. A score of functions through
ctypes need neither.)
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from PIL import Image

PSM_AUTO = 3
"""Fully automatic page segmentation, the command line's default (the API's is one block)."""

PSM_OSD_ONLY = 0
"""Orientation and script detection only: no reading."""

PSM_BLOCK = 6
"""One block of lines: what a sheet of rows cut from a page is. (Automatic segmentation
finds no text at all in some sheets of one line of body type.)"""

MOST_SIDE_PX = 32767
"""The most pixels a side of an image tesseract reads: it counts them in 16 bits, and
refuses a larger image at once."""

RIL_BLOCK, RIL_PARA, RIL_TEXTLINE, RIL_WORD = 0, 1, 2, 3
"""Tesseract's page iterator levels."""
WORD_LEVEL = 5
"""The level of a word's row in tesseract's TSV."""

TSV_COLUMNS = (
    "level",
    "page_num",
    "block_num",
    "par_num",
    "line_num",
    "word_num",
    "left",
    "top",
    "width",
    "height",
    "conf",
    "text",
)

_SIGNATURES: dict[str, tuple[Any, list[Any]]] = {
    "TessVersion": (ctypes.c_char_p, []),
    "TessBaseAPICreate": (ctypes.c_void_p, []),
    "TessBaseAPIInit3": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]),
    "TessBaseAPISetPageSegMode": (None, [ctypes.c_void_p, ctypes.c_int]),
    "TessBaseAPISetVariable": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]),
    "TessBaseAPISetImage": (
        None,
        [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int],
    ),
    "TessBaseAPISetSourceResolution": (None, [ctypes.c_void_p, ctypes.c_int]),
    "TessBaseAPIRecognize": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_void_p]),
    "TessBaseAPIGetIterator": (ctypes.c_void_p, [ctypes.c_void_p]),
    "TessResultIteratorGetPageIterator": (ctypes.c_void_p, [ctypes.c_void_p]),
    "TessResultIteratorGetUTF8Text": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_int]),
    "TessResultIteratorConfidence": (ctypes.c_float, [ctypes.c_void_p, ctypes.c_int]),
    "TessResultIteratorNext": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int]),
    "TessResultIteratorDelete": (None, [ctypes.c_void_p]),
    "TessPageIteratorIsAtBeginningOf": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_int]),
    "TessPageIteratorBoundingBox": (
        ctypes.c_int,
        [ctypes.c_void_p, ctypes.c_int, *[ctypes.POINTER(ctypes.c_int)] * 4],
    ),
    "TessDeleteText": (None, [ctypes.c_void_p]),
    "TessBaseAPIClear": (None, [ctypes.c_void_p]),
    "TessBaseAPIEnd": (None, [ctypes.c_void_p]),
    "TessBaseAPIDelete": (None, [ctypes.c_void_p]),
    "TessMonitorCreate": (ctypes.c_void_p, []),
    "TessMonitorSetDeadlineMSecs": (None, [ctypes.c_void_p, ctypes.c_int]),
    "TessMonitorDelete": (None, [ctypes.c_void_p]),
    "TessBaseAPIDetectOrientationScript": (
        ctypes.c_int,
        [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_float),
            ctypes.POINTER(ctypes.c_char_p),
            ctypes.POINTER(ctypes.c_float),
        ],
    ),
}

OSD_MODEL = "osd"
"""Tesseract's orientation and script model (Debian's `tesseract-ocr-osd`, which the
`tesseract-ocr` package depends on)."""


class TesseractFailed(RuntimeError):
    """Tesseract could not load a model, or did not finish an image in time."""


@cache
def library() -> ctypes.CDLL | None:
    """libtesseract 5 with the functions used here declared, or None where it is missing."""
    names = [ctypes.util.find_library("tesseract"), "libtesseract.so.5", "libtesseract.5.dylib"]
    for name in filter(None, names):
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        try:
            for function, (restype, argtypes) in _SIGNATURES.items():
                getattr(lib, function).restype = restype
                getattr(lib, function).argtypes = argtypes
        except AttributeError:
            continue
        if lib.TessVersion().decode().startswith("5."):
            return lib
    return None


def available() -> bool:
    """Whether tesseract can be run in this process: the library is found, and this process
    is not a fork of one that ran it. (Tesseract runs its networks on OpenMP threads, and
    OpenMP does not survive a fork: the child's first reading would hang forever.)"""
    return library() is not None and _loaded_in in (None, os.getpid())


@dataclass(frozen=True)
class _Model:
    handle: int
    lock: threading.Lock


_models: dict[str, _Model] = {}
_models_lock = threading.Lock()
_loaded_in: int | None = None
"""The process that loaded the models (see `available`)."""


def _model(lang: str) -> _Model:
    """This process's tesseract instance for a language, loaded on first use."""
    global _loaded_in
    with _models_lock:
        _loaded_in = os.getpid()
        if lang not in _models:
            lib = library()
            assert lib is not None
            handle = lib.TessBaseAPICreate()
            if lib.TessBaseAPIInit3(handle, None, lang.encode()) != 0:
                lib.TessBaseAPIDelete(handle)
                raise TesseractFailed(f"tesseract could not load the language model {lang}")
            # Its messages (`Detected 93 diacritics`) are not ours to print.
            lib.TessBaseAPISetVariable(handle, b"debug_file", os.devnull.encode())
            _models[lang] = _Model(handle, threading.Lock())
        return _models[lang]


@atexit.register
def _release() -> None:
    """Models ended before the process ends (else tesseract warns of leaks on exit). A
    process that loaded none has nothing to end, and does not look for the library."""
    if _loaded_in == os.getpid() and _models and (lib := library()) is not None:
        for model in _models.values():
            lib.TessBaseAPIEnd(model.handle)
            lib.TessBaseAPIDelete(model.handle)
    _models.clear()


def pixels(image: Image.Image) -> tuple[bytes, int, int]:
    """An image's pixels as tesseract takes them: bytes, bytes per pixel (0 for one bit a
    pixel, packed, most significant bit first, 1 for white, as Pillow packs mode "1"), and
    bytes per line."""
    if image.mode == "1":
        return image.tobytes(), 0, (image.width + 7) // 8
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    depth = len(image.getbands())
    return image.tobytes(), depth, image.width * depth


def word_data(
    image: Image.Image,
    lang: str,
    dpi: float,
    timeout: float,
    psm: int = PSM_AUTO,
    thresholding: int = 0,
) -> dict[str, list[Any]]:
    """Tesseract's word data for one image, its word rows as pytesseract's `image_to_data`
    gives them (a dict of columns, page 1), read within timeout seconds in page
    segmentation mode psm, binarized by tesseract's thresholding method."""
    lib = library()
    assert lib is not None and available()
    if max(image.size) > MOST_SIDE_PX:
        raise TesseractFailed(
            f"the image is {image.width}x{image.height} pixels; tesseract reads up to "
            f"{MOST_SIDE_PX} a side"
        )
    model = _model(lang)
    data, depth, stride = pixels(image)
    with model.lock:
        lib.TessBaseAPISetPageSegMode(model.handle, psm)
        lib.TessBaseAPISetVariable(model.handle, b"thresholding_method", str(thresholding).encode())
        lib.TessBaseAPISetImage(model.handle, data, image.width, image.height, depth, stride)
        lib.TessBaseAPISetSourceResolution(model.handle, round(dpi))
        monitor = lib.TessMonitorCreate()
        start = time.monotonic()
        try:
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, round(timeout * 1000)))
            if lib.TessBaseAPIRecognize(model.handle, monitor) != 0:
                if time.monotonic() - start < timeout:
                    raise TesseractFailed(
                        f"tesseract could not read the image ({image.width}x{image.height} pixels)"
                    )
                raise TesseractFailed(f"tesseract did not finish within {timeout:g} s")
            return recognized_words(lib, model.handle)
        finally:
            lib.TessMonitorDelete(monitor)
            lib.TessBaseAPIClear(model.handle)


def orientation(image: Image.Image, dpi: float) -> tuple[int, float]:
    """How far (degrees counter-clockwise: 0, 90, 180 or 270) tesseract's orientation model
    finds the text of an image turned, and how sure it is (its own scale; 0 where it found
    too little text to tell)."""
    lib = library()
    assert lib is not None and available()
    model = _model(OSD_MODEL)
    data, depth, stride = pixels(image)
    degrees, sure = ctypes.c_int(), ctypes.c_float()
    script, script_sure = ctypes.c_char_p(), ctypes.c_float()
    with model.lock:
        lib.TessBaseAPISetPageSegMode(model.handle, PSM_OSD_ONLY)
        lib.TessBaseAPISetImage(model.handle, data, image.width, image.height, depth, stride)
        lib.TessBaseAPISetSourceResolution(model.handle, round(dpi))
        try:
            found = lib.TessBaseAPIDetectOrientationScript(
                model.handle,
                ctypes.byref(degrees),
                ctypes.byref(sure),
                ctypes.byref(script),
                ctypes.byref(script_sure),
            )
        finally:
            lib.TessBaseAPIClear(model.handle)
    return (degrees.value, float(sure.value)) if found else (0, 0.0)


def word_rows(data: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The rows of tesseract's word data that hold words: its TSV has rows for the page, its
    blocks, paragraphs and lines too, which hold no text."""
    words = [i for i, level in enumerate(data["level"]) if level == WORD_LEVEL]
    return {name: [column[i] for i in words] for name, column in data.items()}


def no_words() -> dict[str, list[Any]]:
    """Word data that holds no word: every column of tesseract's TSV, empty."""
    return {name: [] for name in TSV_COLUMNS}


def recognized_words(lib: ctypes.CDLL, handle: int) -> dict[str, list[Any]]:
    """The word rows of the TSV tesseract would print for what it has just recognized, as
    pytesseract parses them (every number an int, a confidence cut to whole points), taken
    word by word from its result iterator: the same words, numbered the same way, in a
    third of the time the TSV text takes to write and parse."""
    columns = no_words()
    iterator = lib.TessBaseAPIGetIterator(handle)
    if not iterator:
        return columns
    layout = lib.TessResultIteratorGetPageIterator(iterator)
    left, top, right, bottom = (ctypes.c_int() for _ in range(4))
    block = paragraph = line = word = 0
    try:
        while True:
            text = lib.TessResultIteratorGetUTF8Text(iterator, RIL_WORD)
            if text:  # none where the iterator stands on a picture or an empty block
                try:
                    found = ctypes.string_at(text).decode("utf-8")
                finally:
                    lib.TessDeleteText(text)
                if lib.TessPageIteratorIsAtBeginningOf(layout, RIL_BLOCK):
                    block, paragraph, line, word = block + 1, 0, 0, 0
                if lib.TessPageIteratorIsAtBeginningOf(layout, RIL_PARA):
                    paragraph, line, word = paragraph + 1, 0, 0
                if lib.TessPageIteratorIsAtBeginningOf(layout, RIL_TEXTLINE):
                    line, word = line + 1, 0
                word += 1
                lib.TessPageIteratorBoundingBox(
                    layout,
                    RIL_WORD,
                    ctypes.byref(left),
                    ctypes.byref(top),
                    ctypes.byref(right),
                    ctypes.byref(bottom),
                )
                # The TSV prints the confidence to six decimals; pytesseract cuts that.
                confidence = int(float(f"{lib.TessResultIteratorConfidence(iterator, RIL_WORD):f}"))
                row = (
                    *(WORD_LEVEL, 1, block, paragraph, line, word),
                    *(left.value, top.value, right.value - left.value, bottom.value - top.value),
                    *(confidence, found),
                )
                for name, value in zip(TSV_COLUMNS, row, strict=True):
                    columns[name].append(value)
            if not lib.TessResultIteratorNext(iterator, RIL_WORD):
                return columns
    finally:
        lib.TessResultIteratorDelete(iterator)
