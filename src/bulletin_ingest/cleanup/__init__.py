"""OCR-artifact repair: an ordered registry of pure fixes, `fix_text` and `fix_and_explain`.

Each fix solves one problem (see `fixes.py`); a step is reported only when the fix changed
something. Fixing twice gives the same text.
"""

from __future__ import annotations

import doctest
from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import partial

import regex

from ..chars import HAN, detect_script
from ..config import IngestConfig
from ..model import Block, from_text_layer
from . import fixes, script

HAN_SPLIT_RE = regex.compile(f"([{HAN}])")

__all__ = [
    "FIXES",
    "Fix",
    "FixStep",
    "clean_blocks",
    "fix_and_explain",
    "fix_catalogue",
    "fix_text",
]


@dataclass(frozen=True)
class Fix:
    """A registry entry: the fix, and when the config asks for it. A fix that mends what an
    engine misreads (`misread`) leaves a text layer's text alone: a layer states the
    characters as printed."""

    name: str
    function: Callable[[str], str]
    applies: Callable[[IngestConfig], bool] = lambda config: True
    misread: bool = False


@dataclass(frozen=True)
class FixStep:
    """One fix that changed the text, and at how many places."""

    name: str
    changes: int


FIXES: tuple[Fix, ...] = (
    Fix("remove_invisible_chars", fixes.remove_invisible_chars),
    Fix("radicals_to_ideographs", fixes.radicals_to_ideographs),
    Fix("fullwidth_alnum_to_halfwidth", fixes.fullwidth_alnum_to_halfwidth),
    Fix("join_letter_spaced_runs", fixes.join_letter_spaced_runs),
    Fix("curl_quotes_around_chinese", fixes.curl_quotes_around_chinese),
    Fix("mend_mismatched_brackets", fixes.mend_mismatched_brackets, misread=True),
    Fix("curl_quotes_around_chinese", fixes.curl_quotes_around_chinese),
    Fix("halfwidth_punct_to_fullwidth", fixes.halfwidth_punct_to_fullwidth),
    Fix("halfwidth_slash_to_fullwidth", fixes.halfwidth_slash_to_fullwidth),
    Fix("remove_inter_han_spaces", fixes.remove_inter_han_spaces),
    Fix("collapse_doubled_punctuation", fixes.collapse_doubled_punctuation),
    Fix("drop_stop_beside_pause", fixes.drop_stop_beside_pause, misread=True),
    Fix("one_in_word_to_letter_l", fixes.one_in_word_to_letter_l, misread=True),
    Fix("leading_dash_to_chinese_dash", fixes.leading_dash_to_chinese_dash),
    Fix("opening_strokes_to_dash", fixes.opening_strokes_to_dash, misread=True),
    Fix(
        "unify_to_simplified",
        script.unify_to_simplified,
        lambda c: c.unify_script and c.script == "simplified",
    ),
    Fix(
        "unify_to_traditional",
        script.unify_to_traditional,
        lambda c: c.unify_script and c.script == "traditional",
    ),
    Fix(
        "old_forms_to_modern",
        script.in_modern_forms,
        lambda c: c.unify_script and c.script == "traditional",
        misread=True,
    ),
)
"""The fixes in the order they run. Each later fix reads the context the earlier ones
settled: quotes and brackets before the marks beside them (straight quotes curled again
once brackets are mended: a straight quote taken as a curly one's closing half leaves the
straight quote after it to pair anew), punctuation (which looks past
spaces) before spacing (which depends on it), doubled marks once spaces between them are
gone, script last."""


def resolve_script(text: str, config: IngestConfig) -> IngestConfig:
    """The config with `script` decided: kept when given, detected from text when "auto"
    (and left "auto" when the text does not tell)."""
    if config.script != "auto":
        return config
    detected = detect_script(text)
    return config if detected is None else config.with_script(detected)


def active_fixes(config: IngestConfig, read: bool = True) -> tuple[Fix, ...]:
    """The fixes a resolved config asks for, conversion to a target script included; those
    that mend misreadings only where the text was read off an image (read)."""
    chosen = tuple(fix for fix in FIXES if fix.applies(config) and (read or not fix.misread))
    if config.target_script is None:
        return chosen
    source = config.script
    if source == "auto":
        source = "traditional" if config.target_script == "simplified" else "simplified"
    convert = partial(script.convert_script, source=source, target=config.target_script)
    return (*chosen, Fix("convert_script", convert))


def fix_text(text: str, config: IngestConfig | None = None) -> str:
    """Repair the OCR artifacts of text.

    >>> fix_text("近日,新泾镇组织开展了 2022 年第二次活动")
    '近日，新泾镇组织开展了2022年第二次活动'
    """
    config = resolve_script(text, config or IngestConfig())
    for fix in active_fixes(config):
        text = fix.function(text)
    return text


def fix_and_explain(
    text: str, config: IngestConfig | None = None, *, read: bool = True
) -> tuple[str, tuple[FixStep, ...]]:
    """Repair text as `fix_text` does and say which fixes changed it, at how many places.
    read: the text was read off an image (OCR), not taken from a PDF's text layer.

    >>> text, steps = fix_and_explain("共 50 条,")
    >>> text, [(step.name, step.changes) for step in steps]
    ('共50条，', [('halfwidth_punct_to_fullwidth', 1), ('remove_inter_han_spaces', 1)])
    """
    config = resolve_script(text, config or IngestConfig())
    steps = []
    for fix in active_fixes(config, read):
        fixed = fix.function(text)
        if fixed != text:
            steps.append(FixStep(fix.name, count_changes(text, fixed)))
            text = fixed
    return text, tuple(steps)


def count_changes(before: str, after: str) -> int:
    """Number of places where after differs from before. Fixes keep the Han characters in
    place, so they anchor the comparison: a place is one Han character or one stretch
    between two of them. Where the Han count changed (a phrase converted by OpenCC), the
    places are found by difflib instead.

    >>> count_changes("共 50 条,近日", "共50条，近日")
    2
    """
    old, new = HAN_SPLIT_RE.split(before), HAN_SPLIT_RE.split(after)
    if len(old) == len(new):
        return sum(a != b for a, b in zip(old, new, strict=True))
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    return sum(tag != "equal" for tag, *_ in opcodes)


def fix_catalogue() -> list[tuple[str, str, str, str]]:
    """(name, summary, before, after) for every fix, from the first doctest of its function,
    so the catalogue in the docs is never written twice."""
    entries: list[tuple[str, Callable[..., str]]] = [(fix.name, fix.function) for fix in FIXES]
    entries.append(("convert_script", script.convert_script))
    catalogue = []
    for name, function in entries:
        doc = function.__doc__ or ""
        summary = " ".join(doc.split("\n\n")[0].split())
        example = doctest.DocTestParser().get_examples(doc)[0]
        catalogue.append((name, summary, example.source.strip(), example.want.strip()))
    return catalogue


def clean_blocks(
    blocks: tuple[Block, ...], config: IngestConfig
) -> tuple[tuple[Block, ...], tuple[tuple[str, int], ...]]:
    """Fix the text of every block (raw stays as it was) and total the changes per fix,
    every registered fix listed, zero where it changed nothing."""
    totals = dict.fromkeys((fix.name for fix in FIXES), 0)
    cleaned = []
    for block in blocks:
        read = not from_text_layer(block.lines)
        text, steps = fix_and_explain(block.raw, config, read=read)
        for step in steps:
            totals[step.name] = totals.get(step.name, 0) + step.changes
        cleaned.append(replace(block, text=text))
    return tuple(cleaned), tuple(totals.items())
