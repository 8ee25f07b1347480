"""Simplified and traditional script: unification of stray characters, and conversion to a
requested target, through OpenCC. Which characters belong to which script is named in
`bulletin_ingest.chars`."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

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
    (`里` stays in `鄰里`, is `裏` in `裏面`; `发` is `髮` in `头发`); each in the form
    modern print uses (`modern_form`: `为` is `為`, not OpenCC's `爲`). Every other
    character stays as it is, so regional forms (`台`, `着`) stay.

    >>> unify_to_traditional("新界北区舉行會議，台北")
    '新界北區舉行會議，台北'
    >>> unify_to_traditional("我們为大众服務")
    '我們為大眾服務'
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
        modern_form(new) if is_simplified_only(old) else old
        for old, new in zip(text, in_words, strict=True)
    )


@cache
def modern_form(char: str) -> str:
    """A traditional character in the form that modern print uses, where OpenCC's Taiwan and
    Hong Kong variant tables agree on one other than OpenCC's own standard form (`爲` is
    `為`, `衆` is `眾`); any other character as it is (`户` and `戶` differ by region).

    >>> [modern_form(c) for c in "爲衆户裏a"]
    ['為', '眾', '户', '裏', 'a']
    """
    taiwan, hongkong = converter("t2tw").convert(char), converter("t2hk").convert(char)
    return taiwan if taiwan == hongkong and len(taiwan) == 1 else char


def in_modern_forms(text: str) -> str:
    """Traditional text with each character in the form modern print uses (`modern_form`):
    an engine writes `爲` for a printed `為` now and then, as the two differ by a stroke or
    two, and an engine's reading says nothing of which form the page prints.

    >>> in_modern_forms("驗收組專家認爲，大衆")
    '驗收組專家認為，大眾'
    """
    return "".join(modern_form(char) for char in text)


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
