"""Simplified and traditional script: unification of stray characters, and conversion to a
requested target, through OpenCC. Which characters belong to which script is named in
`bulletin_ingest.chars`."""

from __future__ import annotations

from collections.abc import Callable

from ..chars import HAN_RE, converter, is_simplified_only, is_traditional_only
from ..errors import ConfigError

_CONVERSIONS = {
    ("simplified", "traditional"): "s2t",
    ("simplified", "taiwan"): "s2tw",
    ("simplified", "hongkong"): "s2hk",
    ("traditional", "simplified"): "t2s",
    ("traditional", "taiwan"): "t2tw",
    ("traditional", "hongkong"): "t2hk",
}


def unify_to_simplified(text: str) -> str:
    """Turn stray traditional characters in simplified text into their simplified forms.

    >>> unify_to_simplified("新泾鎮召开會议，著名的乾隆")
    '新泾镇召开会议，著名的乾隆'
    """
    if not any(is_traditional_only(c) for c in set(HAN_RE.findall(text))):
        return text
    return across_breaks(text, converter("t2s").convert)


def unify_to_traditional(text: str) -> str:
    """Turn stray simplified characters in traditional text into their traditional forms,
    as the words they stand in read them: a character alone has no one traditional form
    (`里` stays in `鄰里`, is `裏` in `裏面`; `发` is `髮` in `头发`). Every other character
    stays as it is, so regional forms (`台`, `着`) stay.

    >>> unify_to_traditional("新界北区舉行會議，台北")
    '新界北區舉行會議，台北'
    >>> unify_to_traditional("本屆鄰里節，她的头发")
    '本屆鄰里節，她的頭髮'
    >>> unify_to_traditional("本屆鄰\\n里節，她的头发")
    '本屆鄰\\n里節，她的頭髮'
    """
    if not any(is_simplified_only(c) for c in set(HAN_RE.findall(text))):
        return text
    in_words = across_breaks(text, lambda t: converter("s2t").convert(converter("t2s").convert(t)))
    if len(in_words) != len(text):
        in_words = "".join(converter("s2t").convert(c) for c in text)
    return "".join(
        new if is_simplified_only(old) else old for old, new in zip(text, in_words, strict=True)
    )


def across_breaks(text: str, convert: Callable[[str], str]) -> str:
    """text converted as its words read, with its line breaks taken out (a word may break
    across two lines) and put back where they were; as converted whole where the conversion
    changed its length.

    >>> across_breaks("樓道\\n里的", lambda t: t.replace("道里", "道裏"))
    '樓道\\n裏的'
    """
    kept = [i for i, c in enumerate(text) if c != "\n"]
    converted = convert("".join(text[i] for i in kept))
    if len(converted) != len(kept):
        return convert(text)
    result = list(text)
    for i, c in zip(kept, converted, strict=True):
        result[i] = c
    return "".join(result)


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
    return across_breaks(text, converter(name).convert)
