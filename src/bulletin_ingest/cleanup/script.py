"""Simplified and traditional script: detection, unification of stray characters, and
conversion to a requested target, all through OpenCC."""

from __future__ import annotations

from collections import Counter
from functools import cache

import opencc

from ..errors import ConfigError
from .chars import HAN_RE

_CONVERSIONS = {
    ("simplified", "traditional"): "s2t",
    ("simplified", "taiwan"): "s2tw",
    ("simplified", "hongkong"): "s2hk",
    ("traditional", "simplified"): "t2s",
    ("traditional", "taiwan"): "t2tw",
    ("traditional", "hongkong"): "t2hk",
}


@cache
def _converter(name: str) -> opencc.OpenCC:
    return opencc.OpenCC(f"{name}.json")


@cache
def is_traditional_only(char: str) -> bool:
    """A character that simplified text would not use (its simplified form differs).

    >>> is_traditional_only("鎮"), is_traditional_only("镇"), is_traditional_only("人")
    (True, False, False)
    """
    return _converter("t2s").convert(char) != char


@cache
def is_simplified_only(char: str) -> bool:
    """A character that no traditional standard (generic, Taiwan, Hong Kong) would use.

    >>> is_simplified_only("镇"), is_simplified_only("鎮"), is_simplified_only("台")
    (True, False, False)
    """
    return all(_converter(name).convert(char) != char for name in ("s2t", "s2tw", "s2hk"))


def detect_script(text: str) -> str | None:
    """The dominant script of text, or None when nothing tells them apart.

    >>> detect_script("新泾镇召开会议"), detect_script("新界北區舉行會議"), detect_script("人口")
    ('simplified', 'traditional', None)
    """
    simplified = traditional = 0
    for char, count in Counter(HAN_RE.findall(text)).items():
        simplified += count * is_simplified_only(char)
        traditional += count * is_traditional_only(char)
    if simplified == traditional:
        return None
    return "simplified" if simplified > traditional else "traditional"


def unify_to_simplified(text: str) -> str:
    """Turn stray traditional characters in simplified text into their simplified forms.

    >>> unify_to_simplified("新泾鎮召开會议，著名的乾隆")
    '新泾镇召开会议，著名的乾隆'
    """
    if not any(is_traditional_only(c) for c in set(HAN_RE.findall(text))):
        return text
    return _converter("t2s").convert(text)


def unify_to_traditional(text: str) -> str:
    """Turn stray simplified characters in traditional text into their traditional forms,
    one character at a time so that regional forms (`台`, `着`) stay.

    >>> unify_to_traditional("新界北区舉行會議，台北")
    '新界北區舉行會議，台北'
    """
    convert = _converter("s2t").convert
    return "".join(convert(c) if is_simplified_only(c) else c for c in text)


def convert_script(text: str, source: str, target: str) -> str:
    """Convert text from its source script to a target script.

    >>> convert_script("新泾镇召开会议", "simplified", "traditional")
    '新涇鎮召開會議'
    >>> convert_script("新界北區舉行會議", "traditional", "simplified")
    '新界北区举行会议'
    """
    if source == target:
        return text
    try:
        name = _CONVERSIONS[(source, target)]
    except KeyError:
        raise ConfigError(f"cannot convert from {source!r} to {target!r}") from None
    return _converter(name).convert(text)
