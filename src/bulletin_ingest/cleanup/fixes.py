"""One pure `str -> str` function per OCR artifact. Each is idempotent and never adds, drops
or reorders a Han character. The registry in `__init__.py` orders them.

The first doctest of each fix is its before/after example in `docs/fixes.md`.
"""

from __future__ import annotations

import unicodedata

import regex

from ..chars import (
    CJK_PUNCT,
    FULLWIDTH_PUNCT,
    HAN,
    HAN_RE,
    LEADING_DASH_RE,
    OPENING_STROKES_RE,
    PARAGRAPH_END,
    SPACE,
    UNIT_SIGNS,
    UNSEEN_RE,
    has_prose_marks,
)

_S = f"[{SPACE}]"
_HANLIKE = f"{HAN}{CJK_PUNCT}"

_FULLWIDTH_ALNUM_RE = regex.compile(r"[０-９Ａ-Ｚａ-ｚ]")
_FULLWIDTH_DECIMAL_RE = regex.compile(rf"(?<=\d){_S}*．{_S}*(?=\d)")
_FULLWIDTH_GROUP_RE = regex.compile(rf"(?<=\d){_S}*，{_S}*(?=\n?\d{{3}}(?!\d))")
_FULLWIDTH_TIME_RE = regex.compile(
    rf"(?<=(?<!\d)\d{{1,2}}){_S}*[:：]*：[:：]*{_S}*(?=\n?[0-5]\d(?!\d))"
)
_SPACED_RUN_RE = regex.compile(
    rf"(?<![{HAN}]){HAN}(?:{_S}+{HAN}(?![{HAN}])){{2,}}"
    rf"|(?<![{HAN}]){HAN}(?:{_S}*[/／|｜]{_S}*{HAN}(?![{HAN}])){{3,}}"
)
_RUN_SEPARATOR_RE = regex.compile(rf"{_S}*[/／|｜]{_S}*|{_S}+")
_HAN_SPACEHAN_RE = regex.compile(rf"(?<=[{_HANLIKE}]){_S}+(?=[{_HANLIKE}])")
_NUMBER = r"(?<![A-Za-z\d._/=&?#@+-])\d[\d.,:]*"
_HAN_SPACE_DIGIT_RE = regex.compile(
    rf"(?<=[{HAN}]){_S}+(?={_NUMBER}(?:[{SPACE}{_HANLIKE}{UNIT_SIGNS},:;?!()]|$))"
    rf"|(?<={_NUMBER}){_S}+(?=[{HAN}])"
)
"""A space between Han and a number standing on its own; a digit ending a Latin token
(`a?b=1`, `3D`) is not a number here."""
_FULLWIDTH_SPACE_RE = regex.compile(
    rf"{_S}+(?=[{FULLWIDTH_PUNCT}])|(?<=[{FULLWIDTH_PUNCT}]){_S}+(?=\S)"
)
_UNIT_SPACE_RE = regex.compile(rf"(?<=[{HAN}]{_S}*\d+(?:\.\d+)?){_S}+(?=[{UNIT_SIGNS}])")
_PHRASE_GROUP_RE = regex.compile(rf"[{HAN}、·“”《》]*[{HAN}][{HAN}、·“”《》]*")
_HALFWIDTH_MARK_RE = regex.compile(rf"{_S}*([,:;?!](?:{_S}*[,:;?!])*){_S}*")
_PAREN_RE = regex.compile(rf"{_S}*[(（]([^()（）\n]*(?:\n[^()（）\n]*)?)[)）]{_S}*")
"""A bracketed group, which may run across one line break (`先生(Mr Chan` | `Tai-man)主持`)."""
_DOUBLE_QUOTE_RE = regex.compile(r'"([^"“”\n]*)"')
_SINGLE_QUOTE_RE = regex.compile(r"(?<![A-Za-z])'([^'‘’\n]*)'(?![A-Za-z])")
_DOUBLED_PUNCT_RE = regex.compile(r"([，。、；：])\1+")
_BETWEEN_WORDS_RE = regex.compile(
    rf"(?<=[{HAN}\d])(?:\s*[“”]\s*|[|_]|(?<!\d)\.|\.(?!\d))(?=[{HAN}\d])"
)
"""A quote between two characters, right between them or beside a space, or an ASCII bar,
stop or underscore set right between them; a stop between two digits is a decimal point."""

_EDGE_BARS_RE = regex.compile(r"^[\s|]*\|\s*|\s*\|[\s|]*$")
"""Bars (and the spaces around them) opening or closing a text."""

_CLOSING_PAUSE_RE = regex.compile(r"[\s，、,]+$")
"""Commas and pauses (and the spaces around them) closing a text."""

PHRASE_LINE_MAX = 30
"""Longest line (without spaces) whose spaces between Han phrases may be meaningful."""


def remove_invisible_chars(text: str) -> str:
    r"""Remove zero-width and control characters (tabs and newlines stay).

    >>> remove_invisible_chars("新\u200b泾\x07镇")
    '新泾镇'
    """
    return UNSEEN_RE.sub("", text)


_KANGXI_RADICALS = range(0x2F00, 0x2FD6)
_SUPPLEMENT_RADICALS = "⺄⺊⺌⺗⺜⺝⺟⺠⺧⺩⺫⺬⻄⻅⻆⻉⻋⻓⻔⻘⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳"
_SUPPLEMENT_CHARACTERS = (
    "乙卜小心日月母民牛王目示西见角贝车长门青页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟"
)
RADICAL_CHARACTERS = {
    **{chr(code): unicodedata.normalize("NFKC", chr(code)) for code in _KANGXI_RADICALS},
    **dict(zip(_SUPPLEMENT_RADICALS, _SUPPLEMENT_CHARACTERS, strict=True)),
}
"""Radical code points and the characters they stand for (Unicode's equivalent unified
ideographs): every Kangxi radical, and those of the radicals supplement that are whole
characters in running text (C-simplified `⻓` for `长`); not the forms a radical takes
inside a character (`⻌`, `⻏`), which text never holds alone."""
_RADICAL_RE = regex.compile(f"[{''.join(RADICAL_CHARACTERS)}]")


def radicals_to_ideographs(text: str) -> str:
    """Turn radical code points into the characters they stand for: a PDF's font may map
    its glyph for `长` or `一` to the radical (`⻓`, `⼀`), which looks the same and is
    another character to every search and every reader after.

    >>> radicals_to_ideographs("⼀⾏⼈在⻓者中⼼")
    '一行人在长者中心'
    """
    return _RADICAL_RE.sub(lambda match: RADICAL_CHARACTERS[match[0]], text)


def fullwidth_alnum_to_halfwidth(text: str) -> str:
    """Turn full-width Latin letters and digits into ASCII; a full-width point between
    digits becomes `.`, a full-width comma before a group of three digits, a number's
    thousands separator, `,`, and a full-width colon between an hour and its minutes, a
    time's, `:`, one however many times OCR read it (the number may break across two
    lines at its mark). Spaces OCR put beside
    such a mark go with it, as they would beside any full-width mark (`remove_inter_han_spaces`
    runs later): the text comes out as a second pass would leave it.

    >>> fullwidth_alnum_to_halfwidth("２０２２年ＡＰＰ下载，３．５万元")
    '2022年APP下载，3.5万元'
    >>> fullwidth_alnum_to_halfwidth("开支约3，500万元，共1，2000人，约3，\\n500万元")
    '开支约3,500万元，共1，2000人，约3,\\n500万元'
    >>> fullwidth_alnum_to_halfwidth("每天7：00至9：\\n30开放；电话：2345：678")
    '每天7:00至9:\\n30开放；电话：2345：678'
    >>> fullwidth_alnum_to_halfwidth("0 ：00，3 ．5，0:：00")
    '0:00，3.5，0:00'
    """
    text = _FULLWIDTH_ALNUM_RE.sub(lambda m: chr(ord(m[0]) - 0xFEE0), text)
    text = _FULLWIDTH_TIME_RE.sub(":", text)
    return _FULLWIDTH_GROUP_RE.sub(",", _FULLWIDTH_DECIMAL_RE.sub(".", text))


def join_letter_spaced_runs(text: str) -> str:
    """Close up a run of single Han characters spaced or slashed apart for display.

    >>> join_letter_spaced_runs("自 / 家 / 门 / 口 / 这 / 点 / 事")
    '自家门口这点事'
    >>> join_letter_spaced_runs("新 泾 镇 欢迎您")
    '新泾镇 欢迎您'
    >>> join_letter_spaced_runs("听民声 汇民意 解民忧")
    '听民声 汇民意 解民忧'
    """
    return _SPACED_RUN_RE.sub(lambda m: _RUN_SEPARATOR_RE.sub("", m[0]), text)


BRACKET_KINDS: dict[str, frozenset[str]] = {
    half: frozenset(kinds.split())
    for half, kinds in {
        "(": "（）", "（": "（）", ")": "（）", "）": "（）",
        "〈": "〈〉 （）", "〉": "〈〉 （）",
        "「": "「」", "」": "「」", "|": "「」",
        "[": "[] 「」", "]": "[] 「」",
        "【": "【】 「」", "】": "【】",
        "『": "『』 「」", "』": "『』 「」",
        "“": "“”", "”": "“”", '"': "“”", "'": "‘’ “”",
    }.items()
}  # fmt: skip
"""The pairs of brackets (and quotes) a half read as this shape may belong to: OCR reads a
bracket as the look-alike its strokes allow (a corner's thin stroke as a bar or a square
bracket, a parenthesis as an angle bracket, a curly quote as a straight one), never as a
shape of another kind of stroke."""

_PARTNERS = frozenset(
    {*(f"{o}{c}" for o in "(（" for c in ")）"), "〈〉", "[]", "【】", "『』", "「」", "“”"}
)
_NOT_IN_GROUP = r"[^()（）〈〉「」\[\]【】『』|“”‘’\"'\n]"
_BRACKET_GROUP_RE = regex.compile(
    rf"([(（〈「\[【『“])({_NOT_IN_GROUP}*(?:\n{_NOT_IN_GROUP}*)?)"
    r"([)）〉」|\]】』”\"]|“(?![^“”]*”)|'(?![A-Za-z]))"
)


def mend_mismatched_brackets(text: str) -> str:
    """Give both halves of a bracketed or quoted Chinese phrase one kind where OCR read them
    as two: a printed pair is of one kind, so halves of different kinds name the kind that
    both their shapes allow (`BRACKET_KINDS`). A group without Han, or halves that allow no
    kind or more than one, stay as read. An opening quote that ends a phrase the same
    quote opened is its closing half, where no closing quote follows it and the phrase
    ends no sentence: a quote is closed before the next opens, and OCR reads a face's `”`
    as `“` now and then; a quoted sentence whose closing quote was lost and the next
    quote's opening are two quotes.

    >>> mend_mismatched_brackets("合办[社区清洁日|，打造“水脉”〈苏河小泾冷)，“悦读青浦'活动")
    '合办「社区清洁日」，打造“水脉”（苏河小泾冷），“悦读青浦”活动'
    >>> mend_mismatched_brackets("榜单“安亭好人“上有名，“新泾记忆群“与“两街一水”项目")
    '榜单“安亭好人”上有名，“新泾记忆群”与“两街一水”项目'
    >>> mend_mismatched_brackets("她说：“子女工作忙。“活动面向“全区”居民")
    '她说：“子女工作忙。“活动面向“全区”居民'
    >>> mend_mismatched_brackets("推出「乐龄学堂」和【通知】，[注]与〈X)")
    '推出「乐龄学堂」和【通知】，[注]与〈X)'
    """
    return _BRACKET_GROUP_RE.sub(_one_bracket_kind, text)


def _one_bracket_kind(match: regex.Match[str]) -> str:
    opening, content, closing = match[1], match[2], match[3]
    if closing == opening == "“" and ends_a_sentence(content):
        return match[0]
    kinds = BRACKET_KINDS[opening] & BRACKET_KINDS[closing]
    if opening + closing in _PARTNERS or len(kinds) != 1 or not HAN_RE.search(content):
        return match[0]
    (kind,) = kinds
    return f"{kind[0]}{content}{kind[1]}"


def ends_a_sentence(text: str) -> bool:
    """Whether text holds a sentence's end, read as the later fixes settle it: ASCII marks
    as the full-width ones they become beside Chinese, and a stop beside a pause as the
    pause (`drop_stop_beside_pause`), which ends nothing. So a quote's mending never waits
    for a second cleaning.

    >>> ends_a_sentence("子女工作忙。"), ends_a_sentence("。,人"), ends_a_sentence("好!")
    (True, False, True)
    """
    settled = drop_stop_beside_pause(text.translate(_FULLWIDTH_MARKS))
    return any(mark in settled for mark in PARAGRAPH_END)


def is_phrase_line(line: str) -> bool:
    """Whether a line is a short row of Han phrases whose spaces separate them (a kicker or
    slogan such as `听民声 汇民意 解民忧`), so the spaces are meant.

    >>> is_phrase_line("听民声 汇民意 解民忧")
    True
    >>> is_phrase_line("新泾镇开展 2022 年活动")
    False
    """
    groups = line.split()
    if len(groups) < 2 or sum(len(g) for g in groups) > PHRASE_LINE_MAX:
        return False
    return all(_PHRASE_GROUP_RE.fullmatch(g) and len(HAN_RE.findall(g)) >= 2 for g in groups)


def remove_inter_han_spaces(text: str) -> str:
    r"""Remove spaces OCR put between Han characters, between Han and digits, beside
    full-width punctuation and before a unit sign; Latin word spaces and the phrase spaces
    of a short title-like line stay, where its paragraph is no prose (`has_prose_marks`): a
    narrow column's lines are as short as a slogan.

    >>> remove_inter_han_spaces("新泾镇开展 2022 年第二次活动 共 50 条 ，增长 12 %")
    '新泾镇开展2022年第二次活动共50条，增长12%'
    >>> remove_inter_han_spaces("听民声 汇民意 解民忧")
    '听民声 汇民意 解民忧'
    >>> remove_inter_han_spaces("Hong Kong 新 界 North District")
    'Hong Kong 新界 North District'
    >>> remove_inter_han_spaces("听民声 汇民意\n\n掌声阵阵。\n目前 全街道\n居民区垃圾分类达标")
    '听民声 汇民意\n\n掌声阵阵。\n目前全街道\n居民区垃圾分类达标'
    """
    parts = _PARAGRAPH_BREAK_RE.split(text)
    return "".join(
        part if n % 2 else _remove_spaces_in_paragraph(part) for n, part in enumerate(parts)
    )


_PARAGRAPH_BREAK_RE = regex.compile(r"(\n\s*\n)")


def _remove_spaces_in_paragraph(paragraph: str) -> str:
    phrases = not has_prose_marks(paragraph)
    return "\n".join(_remove_spaces_in_line(line, phrases) for line in paragraph.split("\n"))


def _remove_spaces_in_line(line: str, phrases: bool) -> str:
    if not line.strip() or (phrases and is_phrase_line(line)):
        return line
    line = _HAN_SPACEHAN_RE.sub("", line)
    line = _HAN_SPACE_DIGIT_RE.sub("", line)
    line = _UNIT_SPACE_RE.sub("", line)
    return _FULLWIDTH_SPACE_RE.sub("", line)


def halfwidth_punct_to_fullwidth(text: str) -> str:
    r"""Turn ASCII `, : ; ? !` beside Chinese text into `，：；？！` and ASCII parentheses
    around or after Chinese into `（）`. Numbers (`1,000`, `11:30`, `3.5`), URLs and English
    sentences stay as they are.

    >>> halfwidth_punct_to_fullwidth("近日,新泾镇(长宁区)召开会议:11:30开始。详见 www.x.cn/?a=1")
    '近日，新泾镇（长宁区）召开会议：11:30开始。详见 www.x.cn/?a=1'
    >>> halfwidth_punct_to_fullwidth("Yes, we can (and did): 1,000 people!")
    'Yes, we can (and did): 1,000 people!'
    >>> halfwidth_punct_to_fullwidth("陳大文先生(Mr Chan\nTai-man)主持")
    '陳大文先生（Mr Chan\nTai-man）主持'
    >>> halfwidth_punct_to_fullwidth("陳大文先生\n(Mr Chan Tai-man)\n主持")
    '陳大文先生\n（Mr Chan Tai-man）\n主持'

    A parenthesis whose partner another block holds (a column or page breaks the group) is
    judged by the characters either side of it:

    >>> halfwidth_punct_to_fullwidth("爱心点亮希望)6大项目")
    '爱心点亮希望）6大项目'
    >>> halfwidth_punct_to_fullwidth("Tai-man)主持")
    'Tai-man）主持'
    """
    # A converted mark or bracket is context for the next one (`（)()`, `),`): repeat until
    # nothing changes; each round only turns ASCII marks full-width, so it ends.
    while (converted := _fullwidth_round(text)) != text:
        text = converted
    return text


_HAN_SLASH_RE = regex.compile(rf"(?<=[{HAN}]){_S}*/{_S}*(?=[{HAN}])")


def halfwidth_slash_to_fullwidth(text: str) -> str:
    """Turn an ASCII slash between Chinese characters into the full-width solidus `／` that
    Chinese type sets there (a writer's credit, `文／张三`; `男／女`), without the spaces OCR
    reads beside it. Between digits or Latin letters (`1/2`, `km/h`, a URL) it stays.

    >>> halfwidth_slash_to_fullwidth("文 / 王明平"), halfwidth_slash_to_fullwidth("每份12元/份")
    ('文／王明平', '每份12元／份')
    >>> halfwidth_slash_to_fullwidth("时速60km/h，比例1/2，见 www.x.cn/a")
    '时速60km/h，比例1/2，见 www.x.cn/a'
    """
    return _HAN_SLASH_RE.sub("／", text)


def _fullwidth_round(text: str) -> str:
    text = _PAREN_RE.sub(_fullwidth_parens, text)
    text = _lone_parens_fullwidth(text)
    return _HALFWIDTH_MARK_RE.sub(_fullwidth_mark, text)


def _lone_parens_fullwidth(text: str) -> str:
    """Turn full-width an ASCII parenthesis that pairs with none in the text and has Chinese
    beside it; one with a partner was judged with its group.

    >>> _lone_parens_fullwidth("先生(Mr Chan"), _lone_parens_fullwidth("see (a) and b)")
    ('先生（Mr Chan', 'see (a) and b)')
    """
    chars = list(text)
    for at in _unpaired_parens(text):
        before = text[:at].rstrip(f"{SPACE}\n")[-1:]
        after = text[at + 1 :].lstrip(f"{SPACE}\n")[:1]
        if _is_chinese_side(before, CLOSING_SIDE) or _is_chinese_side(after, OPENING_SIDE):
            chars[at] = "（" if text[at] == "(" else "）"
    return "".join(chars)


def _unpaired_parens(text: str) -> list[int]:
    """The positions of the ASCII parentheses in text that open or close no group."""
    opened: list[int] = []
    unpaired: list[int] = []
    for at, char in enumerate(text):
        if char in "(（":
            opened.append(at)
        elif char in ")）":
            if opened:
                opened.pop()
            else:
                unpaired.append(at)
    return sorted(at for at in (*opened, *unpaired) if text[at] in "()")


def _fullwidth_mark(match: regex.Match[str]) -> str:
    """A run of adjacent marks is judged as one, by what stands either side of it, so that
    converting one mark never changes the context of its neighbour."""
    text, marks = match.string, match[1]
    # The pattern takes the spaces before the marks, so the character before it is not one.
    before = text[match.start() - 1 : match.start()] if match.start() else ""
    after = text[match.end() :][:1]
    if marks in (",", ":") and before.isdigit() and after.isdigit():
        return match[0]
    if marks.endswith(":") and text.startswith("//", match.end(1)):
        return match[0]
    if _is_chinese_side(before, CLOSING_SIDE) or _is_chinese_side(after, OPENING_SIDE):
        return "".join(marks.split()).translate(_FULLWIDTH_MARKS)
    return match[0]


_FULLWIDTH_MARKS = str.maketrans(",:;?!", "，：；？！")


CLOSING_SIDE = f"{FULLWIDTH_PUNCT}”’…"
OPENING_SIDE = f"{FULLWIDTH_PUNCT}“‘"


def _is_chinese_side(char: str, punct: str) -> bool:
    return bool(char) and (bool(HAN_RE.match(char)) or char in punct)


def _fullwidth_parens(match: regex.Match[str]) -> str:
    content = match[1]
    whole = match[0]
    # ASCII marks just before are skipped: the mark fix, which runs next, judges them by
    # this same context.
    # A line break inside a block is where a line wrapped, no break of the sentence.
    window = match.string[max(0, match.start() - 32) : match.start()]
    before = window.rstrip(f"{SPACE}\n,:;?!")[-1:]
    after = match.string[match.end() :].lstrip(f"{SPACE}\n")[:1]
    halfwidth = "(" in whole or ")" in whole
    chinese = (
        HAN_RE.search(content)
        or _is_chinese_side(before, CLOSING_SIDE)
        or _is_chinese_side(after, OPENING_SIDE)
        or "（" in whole
        or "）" in whole
    )
    if not halfwidth or not chinese:
        return whole
    return f"（{content.strip(SPACE)}）"


def curl_quotes_around_chinese(text: str) -> str:
    """Turn straight quotes around text with Han characters into curly Chinese quotes.

    >>> curl_quotes_around_chinese('延续"线上+线下"模式, "it\\'s" fine, \\'家站点\\'')
    '延续“线上+线下”模式, "it\\'s" fine, ‘家站点’'
    """
    text = _DOUBLE_QUOTE_RE.sub(lambda m: f"“{m[1]}”" if HAN_RE.search(m[1]) else m[0], text)
    return _SINGLE_QUOTE_RE.sub(lambda m: f"‘{m[1]}’" if HAN_RE.search(m[1]) else m[0], text)


def collapse_doubled_punctuation(text: str) -> str:
    """Collapse a full-width comma, stop, enumeration comma, semicolon or colon that OCR
    read twice. `……` and `——` are single marks and stay.

    >>> collapse_doubled_punctuation("近日，，新泾镇。。他说……好——")
    '近日，新泾镇。他说……好——'
    """
    return _DOUBLED_PUNCT_RE.sub(r"\1", text)


_STOP_AND_PAUSE_RE = regex.compile(r"[，、；：。]*。[，、；：。]*")


def drop_stop_beside_pause(text: str) -> str:
    """Keep the pause of a stop and a pause set side by side, which print never does: a
    pause's head is a stop's dot, and OCR reading the glyph twice writes both.

    >>> drop_stop_beside_pause("一起做运动。，生活充实了很多，。下一步")
    '一起做运动，生活充实了很多，下一步'
    >>> drop_stop_beside_pause("活动结束。他说……。")
    '活动结束。他说……。'
    """
    return _STOP_AND_PAUSE_RE.sub(_pause_kept, text)


def _pause_kept(match: regex.Match[str]) -> str:
    pauses = match[0].replace("。", "")
    return pauses[:1] or match[0]


_LATIN_IN_CHINESE_RE = regex.compile(
    rf"(?<=[{_HANLIKE}]{_S}?)[A-Za-z0-9]+|[A-Za-z0-9]+(?={_S}?[{_HANLIKE}])"
)
_ONE_IN_WORD_RE = regex.compile(r"(?<=[a-z])1(?=[a-z])")


def one_in_word_to_letter_l(text: str) -> str:
    """Write `l` for a digit one read between two lower-case Latin letters of a word set in
    Chinese text (a name, a term): OCR takes the one for the letter, whose strokes are alike
    in most faces, and such a word holds no digit (`Emi1y`). A code in capitals (`A1B`)
    keeps its digit, and so does text with no Chinese beside it.

    >>> one_in_word_to_letter_l("中心全科医生Emi1y Zhang介绍，A1B2型号")
    '中心全科医生Emily Zhang介绍，A1B2型号'
    >>> one_in_word_to_letter_l("Emi1y a1a")
    'Emi1y a1a'
    """
    return _LATIN_IN_CHINESE_RE.sub(lambda m: _ONE_IN_WORD_RE.sub("l", m[0]), text)


def leading_dash_to_chinese_dash(text: str) -> str:
    r"""Make the dash that leads a line of Chinese (a subtitle's `——`, a speaker's) the
    Chinese dash, two em dashes, which OCR reads as one dash, a hyphen or a rule, or as one
    of those and `一`, one a cell (`LEADING_DASH_RE`). A dash inside a line stays as it is:
    `北京—上海` is a span, not a break.

    >>> leading_dash_to_chinese_dash("-居民区召开专题说明会\n北京—上海\n— 2023年")
    '——居民区召开专题说明会\n北京—上海\n— 2023年'
    >>> leading_dash_to_chinese_dash("-一居民区召开专题说明会\n-一一起撸起袖子加油干\n~一将于十月")
    '——居民区召开专题说明会\n——一起撸起袖子加油干\n——将于十月'
    """
    return LEADING_DASH_RE.sub(r"\1——", text)


def opening_strokes_to_dash(text: str) -> str:
    r"""Make the two strokes of `一` that open a block before Chinese text the Chinese dash,
    as which OCR reads a subtitle's `——`: `一一` (one by one) follows the subject it
    distributes, and opens no paragraph and no head. Only the block's opening changes: a
    printed line may wrap before `一一` (`工作人员` | `一一作了解答`).

    >>> opening_strokes_to_dash("一一居民区召开专题说明会\n工作人员\n一一作了解答")
    '——居民区召开专题说明会\n工作人员\n一一作了解答'
    >>> opening_strokes_to_dash("一一一一居民区召开专题说明会")
    '————居民区召开专题说明会'
    >>> opening_strokes_to_dash("一一200余名居民参加")
    '——200余名居民参加'
    """
    return OPENING_STROKES_RE.sub(lambda m: m[1] + "—" * len(m[2]), text)


def stray_marks_to_phrase_space(head: str) -> str:
    """A head's phrase space where OCR read specks in it as a mark: a head (a title, a
    kicker, a caption) is whole, so a quote in it that pairs with none quotes nothing (set
    between two characters, or beside the space between two phrases, where specks are
    read as a mark), and a bar, stop or underscore never stands between two Chinese
    characters. Only a mark between two characters changes; heads alone, since a paragraph
    may open or close a quotation that another column holds: structure applies it to the
    heads it finds, and it is no registered fix.

    >>> stray_marks_to_phrase_space("全力办好群众身边事”浦发银行代表陈哈萌")
    '全力办好群众身边事 浦发银行代表陈哈萌'
    >>> stray_marks_to_phrase_space("“安亭好人”志愿服务队|获评优秀团队")
    '“安亭好人”志愿服务队 获评优秀团队'
    >>> stray_marks_to_phrase_space("参与居民超过1.2万人次")
    '参与居民超过1.2万人次'
    >>> stray_marks_to_phrase_space("服务队将继续发挥志愿者的作用 ”天水围北多个团体合办")
    '服务队将继续发挥志愿者的作用 天水围北多个团体合办'
    >>> stray_marks_to_phrase_space("“悦读青浦” 暑期阅读活动启动")
    '“悦读青浦” 暑期阅读活动启动'
    """
    paired = _paired_quotes(head)

    def mended(found: regex.Match[str]) -> str:
        mark = found.start() + len(found[0]) - len(found[0].lstrip())
        return found[0] if mark in paired else " "

    return _BETWEEN_WORDS_RE.sub(mended, head)


def edge_bars_dropped(head: str) -> str:
    """A head without the bars OCR read at its ends from a rule or a box's edge beside it:
    a printed head neither opens nor closes with `|`. Heads alone, as
    `stray_marks_to_phrase_space`; a head of bars alone stays, with nothing to tell by.

    >>> edge_bars_dropped("| 参与居民超过1.2万人次"), edge_bars_dropped("服务居民 |")
    ('参与居民超过1.2万人次', '服务居民')
    >>> edge_bars_dropped("|")
    '|'
    """
    return _EDGE_BARS_RE.sub("", head) or head


def closing_pause_dropped(head: str) -> str:
    """A head without a pause OCR read at its end from a speck after its last glyph: a
    printed head never breaks off on a comma. Heads alone, as `edge_bars_dropped`.

    >>> closing_pause_dropped("进一步擦亮基层治理的新泾名片，"), closing_pause_dropped("，")
    ('进一步擦亮基层治理的新泾名片', '，')
    """
    return _CLOSING_PAUSE_RE.sub("", head) or head


def _paired_quotes(text: str) -> set[int]:
    """The positions of the double quotes in text that open or close a quotation."""
    opened: list[int] = []
    paired: set[int] = set()
    for at, char in enumerate(text):
        if char == "“":
            opened.append(at)
        elif char == "”" and opened:
            paired.update((opened.pop(), at))
    return paired
