"""The process RapidOCR reads pages in, apart from the one that asked: onnxruntime cannot be
stopped inside a run, so a page not read within the time limit is ended with this process.

Run as `python -m bulletin_ingest.sources.rapid_child`: page images (numpy arrays) come
pickled on standard input, one reply for each goes pickled to standard output, the first
reply says the engine is ready (with its max_side_len) or missing."""

from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Any, BinaryIO

from ..errors import MissingDependencyError
from ..lifetime import end_with_parent
from .rapid import rapid_items, rapidocr_engine


def send(stream: BinaryIO, reply: tuple[str, Any]) -> None:
    pickle.dump(reply, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the process that asked
    end_with_parent()
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # what the engine prints goes to standard error, not among the replies
    try:
        engine = rapidocr_engine()
    except MissingDependencyError as e:
        send(replies, ("missing", str(e)))
        return
    send(replies, ("ready", engine.max_side_len))
    requests = sys.stdin.buffer
    while True:
        try:
            array = pickle.load(requests)
        except EOFError:
            return
        try:
            output = engine(array, use_cls=False, return_word_box=True, return_single_char_box=True)
            send(replies, ("read", rapid_items(output)))
        except Exception as e:  # onnxruntime raises many kinds; the asking process reports it
            send(replies, ("failed", f"{type(e).__name__}: {e}"))


if __name__ == "__main__":
    main()
