"""Character classes, named once, for every room of the flow: sources, layout, cleanup and
structure all ask what a character is (Han, a hanging mark, peculiar to one script), so the
classes live beside `model`, `config` and `errors` rather than in one room. Patterns are
`regex` fragments for use inside `[...]`; the script classes ask OpenCC.

Every carve-out (a character left out of or added to a class on purpose) has a comment.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Literal

import opencc
import regex

HAN = r"\p{Han}"
"""Han (CJK ideographs), including the extension blocks and compatibility ideographs."""

CJK_PUNCT = r"，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—·～"
"""Full-width punctuation of Chinese text. `·` (middle dot, as in foreign names) and `～`
(range, 3～5) belong here because they sit between Han without spaces."""

FULLWIDTH_PUNCT = "，。、；：？！（）《》〈〉【】「」『』〔〕"
"""Punctuation that is full-width by nature and carries its own spacing, so a space beside
it is never meant. Curly quotes, `…` and `—` are left out: English text uses them too."""

HANGING_MARKS = "，。、；：？！”’）》」』"
"""Marks that end a stretch of text and that typesetters let hang past a column's right
edge: a line's ink may end in the gutter, and nothing follows one closely but the next
column."""

OPENING_MARKS = "“‘（《「『"
"""Marks that open a stretch of text; one may stand before a column's left edge, and OCR
puts stray ones in gutters."""

SENTENCE_END = "。！？!?…；："
"""Marks after which a paragraph may end. `；` and `：` close a clause that a list or a
quotation follows on its own line, so a block ending with them is complete."""

CLOSERS = "”’」』）》】"
"""Closing quotes and brackets that may follow a sentence end (`……。”`)."""

PAIRED_MARKS = ("（）", "()", "《》", "「」", "『』", "“”", "【】", "〔〕")
"""Brackets and quotes, each opener with its closer."""


def leaves_open(text: str) -> bool:
    """Whether text opens a bracket or quote that it does not close: running text broken
    off inside a phrase (`陈大文先生（Mr.`), never a whole head.

    >>> leaves_open("活动由中心主任陈大文先生（Mr."), leaves_open("《上海市生活垃圾管理条例》")
    (True, False)
    """
    return any(text.count(pair[0]) > text.count(pair[1]) for pair in PAIRED_MARKS)


PAUSE_MARKS = "，、,"
"""Marks that break a sentence off mid-clause: a paragraph never ends on one."""


def breaks_off(text: str) -> bool:
    """Whether text ends on a pause (`PAUSE_MARKS`): a sentence broken off mid-clause, which
    the next text of its article carries on.

    >>> breaks_off("近日，嘉定区公布优秀志愿服务团队名单，"), breaks_off("共50条意见建议。")
    (True, False)
    """
    return text.rstrip()[-1:] in PAUSE_MARKS


PROSE_MARKS = "，。；？！"
"""Marks of running prose: a line with any is content, never boilerplate."""


def has_prose_marks(text: str) -> bool:
    """Whether text holds a mark of running prose (`PROSE_MARKS`).

    >>> has_prose_marks("2024年4月起，全镇推行"), has_prose_marks("金山卫快讯　2024年4月")
    (True, False)
    """
    return any(mark in text for mark in PROSE_MARKS)


CLAUSE_PUNCT = "，。；：？！、"
"""Punctuation that only running prose has; a line with any is not a title."""

UNIT_SIGNS = "%‰℃°"
"""Signs that follow a number without a space in Chinese text. `°` is degrees."""

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
"""Zero-width space, non-joiner, joiner, word joiner, BOM / zero-width no-break space and
soft hyphen: never meant to be seen, often left by PDF text layers and OCR tools."""

UNSEEN_RE = regex.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{INVISIBLE}]")
"""What a reader never sees: the invisible characters and the control characters (tabs and
newlines aside)."""

SPACE = " \t\u00a0\u3000"
"""Horizontal spaces, including the no-break space and the ideographic (full-width) space.
Newlines are not spaces here: they mark line ends that structure decides about."""

HAN_RE = regex.compile(rf"[{HAN}]")

DASHES = "-‐‑‒–—―─"
"""The dashes, hyphens and rules OCR reads the Chinese dash, or a cell of it, as."""

SWUNG_DASHES = "~～"
"""Marks OCR reads a cell of the Chinese dash as beside `一` in the other: alone, at a
line's opening, they are as likely a speck of a noisy scan."""

LEADING_DASH_RE = regex.compile(
    rf"^([{SPACE}]*)(?:[{DASHES}{SWUNG_DASHES}]一|一[{DASHES}]|[{DASHES}]{{1,3}})[{SPACE}]*"
    rf"(?=[{HAN}“‘「『《（])",
    flags=regex.MULTILINE,
)
"""A dash opening a line of Chinese: the Chinese dash (a subtitle's `——`, a speaker's), which
OCR reads as one dash, a hyphen or a rule, or as one of those (or a swung dash) and `一`, a
stroke a cell (the next `一` is text: `-一一起` is `——一起`)."""

OPENING_STROKES_RE = regex.compile(rf"\A([{SPACE}]*)((?:一一)+)[{SPACE}]*(?=[{HAN}\d“‘「『《（])")
"""Strokes of `一` in pairs opening a block of Chinese: the Chinese dash as OCR reads it too
(`一一` for one by one follows the subject it distributes, and opens no paragraph)."""


def opens_with_dash(text: str) -> bool:
    """Whether text opens with the Chinese dash, as read by OCR (`LEADING_DASH_RE`,
    `OPENING_STROKES_RE`): a subtitle's opening, never the next line of a title.

    >>> opens_with_dash("一一信报箱和健身器材等设施"), opens_with_dash("-居民区召开说明会")
    (True, True)
    >>> opens_with_dash("一起撸起袖子加油干"), opens_with_dash("2023年")
    (False, False)
    """
    return bool(LEADING_DASH_RE.match(text) or OPENING_STROKES_RE.match(text))


FLAT_HAN = "一"
"""Han characters whose ink stands a stroke tall, not a glyph's height: the numeral one."""


def count_han(text: str) -> int:
    """Number of Han characters in text.

    >>> count_han("2022年第2次 meeting")
    3
    """
    return len(HAN_RE.findall(text))


def em_count(text: str) -> float:
    """How many ems text takes: Han and full-width marks one each, ASCII about half.

    >>> em_count("5000人次。")
    5.2
    """
    glyphs = "".join(text.split())
    ascii_glyphs = len(glyphs.encode("ascii", "ignore"))
    return round(0.55 * ascii_glyphs + (len(glyphs) - ascii_glyphs), 2)


def han_chars(text: str) -> str:
    """Only the Han characters of text, in order.

    >>> han_chars("近日，新泾镇 2022 年")
    '近日新泾镇年'
    """
    return "".join(HAN_RE.findall(text))


LIST_ITEM_RE = regex.compile(
    r"\s*(?:[●•◆◇■□▲△▶►★☆◎▪※]"
    r"|[一二三四五六七八九十]{1,3}、|[（(](?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]"
    r"|\d{1,2}[、．.](?!\s*\d)|[①-⑳⑴-⒇])(?=\s*\S)"
)
"""What a list's item opens on: a bullet, or its number (`一、`, `（二）`, `3.`, `①`), with
the item's text after it (a figure's point and decimals, `3.` | `5万元`, open none)."""


LIST_LEADS = "：:；;"
"""Marks a line ends on before a list's next item: the colon that introduces the list, the
semicolon that closes an item."""


def leads_to_a_list_item(text: str) -> bool:
    """Whether a line ends where a list's next item may open: a sentence's end, or the
    colon or semicolon before an item (`LIST_LEADS`).

    >>> leads_to_a_list_item("现将有关事项提示如下："), leads_to_a_list_item("携带身份证到")
    (True, False)
    """
    return ends_paragraph(text) or text.rstrip()[-1:] in tuple(LIST_LEADS)


def opens_list_item(text: str) -> bool:
    """Whether a line opens as an item of a list does: on a bullet or an item's number.

    >>> opens_list_item("二、社区食堂延长营业时间"), opens_list_item("●　书法班每周三开课")
    (True, True)
    >>> opens_list_item("1.5万元用于改造"), opens_list_item("3. 5万元"), opens_list_item("3.")
    (False, False, False)
    """
    return LIST_ITEM_RE.match(text) is not None


def item_opens_after(line: str, before: str, before_short: bool) -> bool:
    """Whether a line opens a list's item (`opens_list_item`) where one may open: under a
    short line, or under one ending where an item may follow (`leads_to_a_list_item`:
    `如下：`).

    >>> item_opens_after("二、开放时间", "现将有关事项提示如下：", False)
    True
    >>> item_opens_after("二、开放时间", "携带身份证到", False)
    False
    """
    return opens_list_item(line) and (before_short or leads_to_a_list_item(before))


PARAGRAPH_END = "。！？!?…"
"""Marks after which a line may be a paragraph's last: a sentence's end, not a clause's."""


def ends_paragraph(text: str) -> bool:
    """Whether a line ends where a paragraph may end (a full stop, perhaps inside quotes;
    an English full stop after a word).

    >>> ends_paragraph("真是办到了我们心坎上。”"), ends_paragraph("咨询电话：")
    (True, False)
    >>> ends_paragraph("the history of Hong Kong.”"), ends_paragraph("共3.")
    (True, False)
    """
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and (stripped[-1] in PARAGRAPH_END or _english_stop(stripped))


def _english_stop(text: str) -> bool:
    return text.endswith(".") and text[-2:-1].isascii() and text[-2:-1].isalpha()


def ends_sentence(text: str) -> bool:
    """Whether text ends at a sentence boundary (a final mark, perhaps inside quotes).

    >>> ends_sentence("共50条意见建议。")
    True
    >>> ends_sentence("他说：“好。”")
    True
    >>> ends_sentence("利用好“家站点”")
    False
    """
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and (stripped[-1] in SENTENCE_END or _english_stop(stripped))


ASCII_WORD_END_RE = regex.compile(r"[A-Za-z0-9][.,;:!?)]?$")
"""A Latin word's end, with the point that may close it: Latin text breaks at its spaces,
and a space follows a word's point (`Mr.` | `Chan`) as it follows the word."""
ASCII_WORD_START_RE = regex.compile(r"^[A-Za-z0-9]")


def join_text(left: str, right: str) -> str:
    """Join two pieces of one paragraph: no space in Chinese, one between Latin words.
    Digits meeting digits are one number broken (`3.` | `5万元`, `3,` | `500`).

    >>> join_text("交通出行等共", "50条意见"), join_text("Shanghai", "Daily")
    ('交通出行等共50条意见', 'Shanghai Daily')
    >>> join_text("陈大文先生（Mr.", "Chan Tai-man）"), join_text("投入3.", "5万元")
    ('陈大文先生（Mr. Chan Tai-man）', '投入3.5万元')
    """
    left, right = left.rstrip(), right.lstrip()
    word_end = ASCII_WORD_END_RE.search(left)
    latin_meets_latin = word_end and ASCII_WORD_START_RE.search(right)
    if latin_meets_latin and not (word_end[0][0].isdigit() and right[0].isdigit()):
        return f"{left} {right}"
    return left + right


NOT_HEAD_ENDS = "。；：，、,;"
"""Marks a head never ends with: a full stop ends prose, a comma breaks a sentence off."""


@cache
def converter(name: str) -> opencc.OpenCC:
    """The OpenCC converter of that name (`t2s`, `s2t`, `s2tw`, …), loaded once."""
    return opencc.OpenCC(f"{name}.json")


SCRIPT_FORMS = ("s2t", "s2tw", "s2hk", "t2s")
"""The conversions whose results a cue must also hold: a cue is a fact of print, whichever
script the text is set in, and the output may be converted before structure reads it."""


def in_every_script(chars: str) -> str:
    """chars with the forms of every other script standard added, each character once.

    >>> in_every_script("为这的")
    '为这的爲這為'
    """
    forms = [chars, *(converter(name).convert(chars) for name in SCRIPT_FORMS)]
    return "".join(dict.fromkeys("".join(forms)))


DANGLING_ENDS = in_every_script(
    "为的和与及在对把将被从向以于之而并或是让使给由同跟按据因其这那各每"
)
"""Prepositions, conjunctions and particles that a headline never ends on: a short line
ending with one is a sentence broken off, not a head. `了` and `吗` are left out (a headline
may end `来了`), and so is `等` (`…等50人`)."""


@cache
def is_traditional_only(char: str) -> bool:
    """A character that simplified text would not use (its simplified form differs).

    >>> is_traditional_only("鎮"), is_traditional_only("镇"), is_traditional_only("人")
    (True, False, False)
    """
    return converter("t2s").convert(char) != char


@cache
def is_simplified_only(char: str) -> bool:
    """A character that no traditional standard (generic, Taiwan, Hong Kong) would use.

    >>> is_simplified_only("镇"), is_simplified_only("鎮"), is_simplified_only("台")
    (True, False, False)
    """
    return all(converter(name).convert(char) != char for name in ("s2t", "s2tw", "s2hk"))


def detect_script(text: str) -> Literal["simplified", "traditional"] | None:
    """The dominant script of text, or None when nothing tells them apart.

    >>> detect_script("新泾镇召开会议"), detect_script("新界北區舉行會議"), detect_script("人口")
    ('simplified', 'traditional', None)
    """
    simplified, traditional = script_counts(text)
    if simplified == traditional:
        return None
    return "simplified" if simplified > traditional else "traditional"


def script_counts(text: str) -> tuple[int, int]:
    """How many Han characters of text are peculiar to simplified script, and how many to
    traditional.

    >>> script_counts("新泾镇舉行會議")  # 泾 镇 | 舉 會 議
    (2, 3)
    """
    simplified = traditional = 0
    for char, count in Counter(HAN_RE.findall(text)).items():
        simplified += count * is_simplified_only(char)
        traditional += count * is_traditional_only(char)
    return simplified, traditional


DECISIVE_CHARS = 10
"""Characters peculiar to one script that a reading must hold, three times as many as of the
other, to settle the script: RapidOCR's reading of a simplified journal page held 90 against
0; of a vertical 1939 newspaper, which it cannot read, 5 against 3."""


def decisive_script(text: str) -> str | None:
    """The script text shows beyond doubt, or None (`detect_script` takes any majority).

    >>> decisive_script("新泾镇召开会议，镇长说，这项工作进展顺利")
    'simplified'
    >>> decisive_script("新泾镇召开會議") is None
    True
    """
    simplified, traditional = script_counts(text)
    high, low = max(simplified, traditional), min(simplified, traditional)
    if high < DECISIVE_CHARS or high < 3 * low:
        return None
    return "simplified" if simplified > traditional else "traditional"
