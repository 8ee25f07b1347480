"""Record what a real OCR engine reads from a scanned input, for the fast tests.

    python tools/record_ocr.py INPUT OUT.json [--engine tesseract|rapidocr] [--script S]

The recording holds each page's size and lines (text, box in points, glyph size,
confidence); `RecordedRecognizer(OUT.json)` replays it, through `ingest(..., recognizer=…)`
or as a `Document` without any image.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bulletin_ingest import IngestConfig
from bulletin_ingest.chars import detect_script
from bulletin_ingest.sources import read_document
from bulletin_ingest.sources.ocr import record


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--engine", default="tesseract")
    parser.add_argument("--script", default="auto")
    args = parser.parse_args(argv)
    document = read_document(args.input, IngestConfig(engine=args.engine, script=args.script))
    text = "".join(line.text for page in document.pages for line in page.lines)
    script = args.script if args.script != "auto" else detect_script(text) or "simplified"
    args.out.write_text(record(document.pages, args.engine, script), encoding="utf-8")
    print(
        f"{args.out}: {len(document.pages)} pages, {sum(len(p.lines) for p in document.pages)} "
        "lines"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
