"""A helper process's life tied to its parent's: a batch's workers and an OCR engine's
process must not run on, orphaned, after the process that needs them has gone."""

from __future__ import annotations

import logging
import os
import signal
import sys

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1
"""Linux's prctl option that sends a process a signal when its parent dies."""


def end_with_parent(parent: int | None = None) -> None:
    """Have Linux end this process when its parent ends, however it ends (SIGKILL too).
    parent, when given, is the process that started this one: where it has already ended,
    before this process could ask to end with it, this process ends now."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        log.debug("this system cannot end a helper process with its parent")
    if parent is not None and os.getppid() != parent:
        os._exit(0)
