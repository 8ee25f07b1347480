"""Record what a real OCR engine returns for a scanned input, call by call, for the fast tests.

    python tools/record_ocr.py INPUT OUT.tape.json.gz [--engine tesseract|rapidocr] [--script S]
        [--add]

The tape holds every call the engine was given while the input was read (keyed by a hash
of the image it was handed and its options), the engine's raw output for each, the engines'
versions and the input's hash (see `bulletin_ingest.sources.tape`). Replayed, the whole
pipeline runs on the input but the engine: a change in what reaches the engine makes the
tape stale, and the test that replays it fails. --add keeps every call the tape at OUT
holds as it was recorded and makes only the calls it lacks (a change that hands the engine
something new, its other calls unchanged).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bulletin_ingest import IngestConfig
from bulletin_ingest.sources import read_document
from bulletin_ingest.sources.tape import Tape, recording


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--engine", default="tesseract")
    parser.add_argument("--script", default="auto")
    parser.add_argument("--add", action="store_true", help="keep the calls OUT holds")
    args = parser.parse_args(argv)
    kept = Tape.load(args.out) if args.add else None
    with recording(kept) as tape:
        document = read_document(args.input, IngestConfig(engine=args.engine, script=args.script))
    tape.save(args.out, args.input)
    lines = sum(len(page.lines) for page in document.pages)
    print(f"{args.out}: {len(document.pages)} pages, {len(tape.calls)} engine calls, {lines} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
