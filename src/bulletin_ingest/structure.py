"""Structure: roles for cleaned blocks, paragraphs rejoined, articles assembled.

Roles come from text cues (and, where the source has geometry, from glyph size): boilerplate,
kicker, title, subtitle, byline, heading, caption, paragraph. A paragraph that does not end a
sentence continues in the next body block, across lines, blank lines, pages and any caption
that interrupts it. Articles start at titles.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import regex

from .chars import (
    ASCII_WORD_END_RE,
    ASCII_WORD_START_RE,
    CLAUSE_PUNCT,
    DANGLING_ENDS,
    HAN,
    NOT_HEAD_ENDS,
    breaks_off,
    count_han,
    em_count,
    ends_paragraph,
    ends_sentence,
    has_prose_marks,
    item_opens_after,
    join_text,
    leaves_open,
    opens_list_item,
)
from .cleanup.fixes import (
    closing_pause_dropped,
    edge_bars_dropped,
    is_phrase_line,
    join_letter_spaced_runs,
    stray_marks_to_phrase_space,
)
from .config import IngestConfig
from .layout import (
    CAPTION_SIZE_RATIO,
    HEAD_LEADING,
    ISSUE_NUMBER,
    KICKER_GAP,
    PARAGRAPH_INDENT,
    cell_span,
    ends_as_prose,
    ends_short,
    is_page_number,
    same_row,
    same_size,
    share_a_row,
    short_centred_under,
    span_overlap,
)
from .model import (
    HEAD_ROLES,
    ILLEGIBLE,
    Article,
    BBox,
    Block,
    BodyBlock,
    BodyRole,
    Boilerplate,
    BoilerplateRole,
    Caption,
    Head,
    Line,
    commonest_size,
    from_text_layer,
    mean_confidence,
    size_of_most,
    union_bbox,
)

QR_PROMPT_RE = regex.compile(
    r"二维码|二維碼|扫码|掃碼|扫一扫|掃一掃|关注“|關注「|關注“|(?:公众号|公眾號)\W*$"
)
"""A call to scan or follow, or a line that names the account (`官方微信公众号`); an
account named inside prose (`在“新泾发布”公众号上公布`) is no prompt."""
PUBLISHER_RE = regex.compile(
    r"联合出版|聯合出版|主办|主辦|承办|承辦|协办|協辦|编印|編印|出版单位|出版單位|编辑部|編輯部"
    r"|准印证|准印證|内部资料|內部資料|免费赠阅|免費贈閱|投稿邮箱|投稿郵箱"
)
MASTHEAD_RE = regex.compile(rf"{ISSUE_NUMBER}|总第|總第")
BYLINE_RE = regex.compile(
    r"^[（(]?(?:本报|本報)?(?:记者|記者|通讯员|通訊員|供稿|撰稿|文[／/]|图[／/]|圖[／/]|摄影|攝影"
    r"|来源|來源|文字|图片|圖片|作者)[：:／/\s]?"
    r"|^[文图圖]\s*[一人丨|lI1%]\s*\p{Han}{2,3}$"
)
"""A credit's cue, or the writer's or photographer's slash as OCR reads it at times (`一`,
`人`, `丨`, `|`, `l`, `I`, `1`, `%`) between `文` or `图` and a name alone on its line."""
CREDIT_UNDER_HEAD_RE = regex.compile(r"^[文图圖]\s*\S?\s*\p{Han}{2,3}$")
"""`文` or `图` and a name, with whatever one glyph, or none, OCR made of the thin slash
between them: a credit where it stands right under an article's head, before its text."""
REPORTER_CREDIT_RE = regex.compile(
    r"^[（(]?(?:本报|本報)?(?:记者|記者|通讯员|通訊員)[：:\s]*\p{Han}{2,4}(?:[\s、]+\p{Han}{2,4})*[）)]?$"
)
"""A reporter's credit: the role and names alone (`本报记者张静明`, `通讯员 徐娟`), as no line
of a head or of prose reads."""
NAME_ALONE_RE = regex.compile(r"^\p{Han}{2,3}$")
"""A Chinese name alone on its line: a credit where it stands under an article's title and
subtitle, before its text, as nothing else does."""
CAPTION_CUE_RE = regex.compile(r"^(?:图为|圖為|▲|△|图：|圖：|图片：|圖片：)|[（(](?:摄|攝)[)）]$")
JUMP_RE = regex.compile(r"[（(](?:下转|下轉|上接|转|轉)第?\s*\d+\s*[版页頁][)）]$")
JUMP_LINE_RE = regex.compile(
    r"[（(〈《<［\[]\s*(下转|下轉|转|轉|上接)\s*第?\s*[\d\]lI|]+\s*[版页頁]\s*[)）〉》>］\]]"
)
"""A jump line; OCR reads the page number's `1` as `]`, `l`, `I` or `|`, and the brackets
as `〈〉`, `《》`, `<>` or `[]`, now and then."""
RESUME_WORDS = ("上接",)
FULL_DATE_RE = regex.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
MONTH_DAY_RE = regex.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
YEAR_RE = regex.compile(r"((?:19|20)\d{2})\s*年")

LATIN_WORDS_RE = regex.compile(r"[“\"']?\p{Latin}{2,}(?:[\s,.]+\p{Latin}{2,})+[.,;:!?’”\"']*")
"""Two or more Latin words: a Chinese model reads them with little confidence even when it
reads them right (`Of Hong Kong,` at 0.43), so they are not taken for illegible noise."""

TITLE_MAX_CHARS = 48
"""Longest block (without spaces) that may be a title, kicker, subtitle or heading."""

SHORT_LINE_RATIO = 0.8
"""A line shorter than this share of its block's longest line, ending a sentence, ends a
paragraph (the classic last-line-of-paragraph cue)."""

TITLE_SIZE_RATIO = 1.25
"""A block whose glyphs are this much larger than the body's is a title or heading."""

ARTICLE_TITLE_RATIO = 1.35
"""A head this much larger than the body starts an article; smaller heads are headings."""

MASTHEAD_RATIO = 1.9
"""A line on the first page this much larger than the body, above the issue line, is the
bulletin's name (masthead)."""


def boilerplate_role(block: Block) -> BoilerplateRole | None:
    """The boilerplate role of a block, or None when it is content.

    >>> from bulletin_ingest.model import Block
    >>> boilerplate_role(Block("扫描二维码", "扫描二维码", 1, ()))
    'qr-prompt'
    >>> boilerplate_role(Block("自 / 家 / 门 / 口", "自家门口", 1, ()))
    'slogan'
    """
    if block.role is not None:
        return block.role
    text = block.text
    if JUMP_LINE_RE.fullmatch(text.strip()):
        return "other"
    illegible = block.confidence is not None and block.confidence < ILLEGIBLE
    if is_short(text) and illegible and not LATIN_WORDS_RE.fullmatch(text.strip()):
        return "other"
    if not is_short(text) or has_prose_marks(text) or opens_paragraph(block):
        return None
    if QR_PROMPT_RE.search(text):
        return "qr-prompt"
    if PUBLISHER_RE.search(text):
        return "publisher"
    if MASTHEAD_RE.search(text) and not ends_sentence(text):
        return "masthead"
    if is_page_number(text):
        return "page-number"
    if _is_letter_spaced(block.raw):
        return "slogan"
    return None


def opens_paragraph(block: Block) -> bool:
    """Whether a block is set as a paragraph opens: its first line indented and the next
    back at the column's edge. Running prose, however short its lines in a narrow column
    and whatever it names (`公众号`), is no furniture of the page."""
    return block.indented and len(block.lines) >= 2 and not block.centred


def _is_letter_spaced(raw: str) -> bool:
    return all(
        join_letter_spaced_runs(line) != line and not regex.search(rf"[{HAN}]{{2}}", line)
        for line in raw.split("\n")
    )


def is_byline(text: str) -> bool:
    """Whether a line credits an article's writer or photographer: short, led by a credit's
    cue, and no prose (`摄影作品，题材不限` is a sentence that starts with the word).

    >>> is_byline("摄影 张三"), is_byline("摄影作品，题材不限，反映社区生活的作品优先。")
    (True, False)
    """
    return bool(BYLINE_RE.search(text)) and is_short(text) and not has_prose_marks(text)


def is_short(text: str) -> bool:
    """Whether text is short enough to be a title-like line."""
    return len("".join(text.split())) <= TITLE_MAX_CHARS


def is_title_like(block: Block, body_size: float | None) -> bool:
    """A block that reads as a head rather than prose: short, not ending a sentence with a
    full stop nor broken off after a preposition or inside brackets, with at most one
    comma, not indented unless led by the Chinese dash (a subtitle, which may also end on
    any word); or set in glyphs much larger than the body's. With geometry, a block of two
    or more lines set smaller than a title's glyphs (`TITLE_SIZE_RATIO`) is prose: heads in
    body glyphs (headings, kickers) take one line, but for a subtitle led by the Chinese
    dash, which may wrap. Marks alone say nothing, and are no head however large (a bar or
    a frame's edge read as marks)."""
    text = " ".join(block.text.split("\n"))
    # A subtitle led by the Chinese dash is often set indented, as a paragraph is.
    dash_led = is_dash_led(text)
    larger = _larger_than_body(block, body_size)
    ends = ends_as_prose(text) if larger else text[-1:] in NOT_HEAD_ENDS
    if (block.indented and not dash_led) or ends:
        return False
    if not any(char.isalnum() for char in text):
        return False
    if larger and len(text) <= 2 * TITLE_MAX_CHARS:
        return True  # prose is never set larger: a mark it leaves open is a misread space
    if leaves_open(text):
        return False
    if block.size is not None and not larger and len(block.lines) >= 2 and not dash_led:
        return False
    if not is_short(text) or (text[-1:] in DANGLING_ENDS and not dash_led):
        return False
    return sum(text.count(p) for p in CLAUSE_PUNCT if p not in "、：！？") <= 1


def is_dash_led(text: str) -> bool:
    """Whether text opens with the Chinese dash, as a subtitle does (`——记…`) and a
    paragraph does not."""
    return text.startswith("——")


def _larger_than_body(block: Block, body_size: float | None) -> bool:
    return (
        block.size is not None
        and body_size is not None
        and block.size >= TITLE_SIZE_RATIO * body_size
    )


def _smaller_than_body(block: Block, body_size: float | None) -> bool:
    """Whether a block's glyphs are set smaller than a caption's share of the body's
    (`CAPTION_SIZE_RATIO`)."""
    return (
        block.size is not None
        and body_size is not None
        and block.size < CAPTION_SIZE_RATIO * body_size
    )


def _beside_figure(block: Block) -> bool:
    """Whether a tall blank stands beside a block, in its column or across the page: a
    figure's."""
    return block.near_figure or block.figure_gap


def body_glyph_size(blocks: Sequence[Block]) -> float | None:
    """The glyph size most characters are set in: the body's."""
    return commonest_size((block.size, len(block.text)) for block in blocks)


def is_complete(text: str) -> bool:
    """Whether a paragraph ends where a sentence ends (or at a jump to another page).

    >>> is_complete("共50条意见建议。"), is_complete("单松"), is_complete("（下转第4版）")
    (True, False, True)
    """
    return ends_sentence(text) or bool(JUMP_RE.search(text.rstrip()))


def split_paragraphs(lines: Sequence[str]) -> list[list[str]]:
    """Split a block's lines into paragraphs: a sentence-ending line clearly shorter than
    the block's longest line closes a paragraph, and a line opening a list's item where
    one may open (`item_opens_after`) opens one. Lines are measured in ems (`em_count`), not
    characters: a full line holding figures or Latin holds more of them than one of Han.

    >>> full, ended = "至9:00和18:00至20:00，大件垃", "改造，增设了洗手池和照明设施。"
    >>> [len(p) for p in split_paragraphs([full, ended, "不少居民在说明会上", "解答。", "居民"])]
    [4, 1]
    """
    longest = max((em_count(line) for line in lines), default=0)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if paragraphs[-1]:
            before = paragraphs[-1][-1]
            if item_opens_after(line, before, em_count(before) < SHORT_LINE_RATIO * longest):
                paragraphs.append([])
        paragraphs[-1].append(line)
        if ends_paragraph(line) and em_count(line) < SHORT_LINE_RATIO * longest:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def joined(lines: Sequence[str]) -> str:
    """The lines of one paragraph joined into its text."""
    text = ""
    for line in lines:
        text = join_text(text, line.strip()) if text else line.strip()
    return text


def find_year(texts: Sequence[str]) -> int | None:
    """The year a bulletin speaks of most, to date `11月28日`.

    >>> find_year(["2022年第二次活动", "11月28日", "2022年"])
    2022
    """
    years = Counter(int(m[1]) for text in texts for m in YEAR_RE.finditer(text))
    return years.most_common(1)[0][0] if years else None


def find_dates(text: str, year: int | None) -> list[str]:
    """ISO dates in text; a month and day take the bulletin's year when it is known.

    >>> find_dates("2023年5月6日开幕，11月28日上午召开", 2022)
    ['2023-05-06', '2022-11-28']
    """
    found: list[tuple[int, str]] = []
    for m in FULL_DATE_RE.finditer(text):
        found.append((m.start(), _iso(int(m[1]), int(m[2]), int(m[3]))))
    if year is not None:
        for m in MONTH_DAY_RE.finditer(text):
            found.append((m.start(), _iso(year, int(m[1]), int(m[2]))))
    dates = [date for _, date in sorted(found) if date]
    return list(dict.fromkeys(dates))


def _iso(year: int, month: int, day: int) -> str:
    if 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


@dataclass
class _Draft:
    """An article under assembly (mutable while the blocks are walked, frozen at the end)."""

    title: Block | None = None
    kicker: Block | None = None
    subtitle: Block | None = None
    byline: Block | None = None
    body: list[tuple[BodyRole, str, list[Block]]] = field(default_factory=list)
    captions: list[Block] = field(default_factory=list)

    def continues_in(self, block: Block) -> bool:
        """Whether block carries on the last paragraph. With geometry, indentation tells: an
        unindented block continues a paragraph that has not reached its full stop (even
        after `：`, as when a quotation starts the next column); a paragraph broken off on a
        pause (`breaks_off`) is continued by the next block however it stands (a block
        taken wider than its column shows its first line set in). Text alone has only the
        punctuation. A block opening a list's item (`opens_list_item`) carries on nothing:
        each item is a paragraph of its own."""
        if not self.body or self.body[-1][0] != "paragraph" or opens_list_item(block.text):
            return False
        previous = self.body[-1][1]
        if block.bbox is not None:
            ended = ends_paragraph(previous) and ends_short(self.body[-1][2][-1])
            return (not block.indented or breaks_off(previous)) and not ended
        return not is_complete(previous)

    def credit_under_head(self, text: str) -> bool:
        """Whether text is a credit set right under the article's head, before its text
        (`CREDIT_UNDER_HEAD_RE`): there a line of a glyph and a name is one, where in the
        text it may be a phrase (`文化活动`); and under a title and its subtitle, a name
        alone (`NAME_ALONE_RE`: OCR may lose a credit's cue, `文／`, whole)."""
        if self.title is None or self.body:
            return False
        named = self.subtitle is not None and bool(NAME_ALONE_RE.match(text))
        return named or bool(CREDIT_UNDER_HEAD_RE.match(text))

    def bare_title_over(self, block: Block) -> Block | None:
        """The article's title, where block stands under it (`_stands_under`) while the
        article has neither subtitle nor text: where its subtitle would stand."""
        if self.title is None or self.body or self.subtitle is not None:
            return None
        return self.title if _stands_under(block, self.title) else None

    def last_paragraph_open(self) -> bool:
        return (
            bool(self.body)
            and self.body[-1][0] == "paragraph"
            and not is_complete(self.body[-1][1])
        )

    def latin_phrase_open(self, text: str) -> bool:
        """Whether text carries on a Latin phrase the last paragraph left open (`…learn about
        the history` | `of Hong Kong.`): its glyph size says nothing then, since capitals and
        descenders make a line of Latin read larger than one of Han characters. A line
        mostly of Han characters is measured by them (a title opening with a number)."""
        if not self.last_paragraph_open():
            return False
        previous = self.body[-1][1].rstrip()
        latin = sum(c.isascii() and c.isalpha() for c in text) > count_han(text)
        return (
            latin
            and bool(ASCII_WORD_END_RE.search(previous))
            and bool(ASCII_WORD_START_RE.search(text))
        )

    def add_prose(self, block: Block) -> None:
        """Add a block of prose, paragraph by paragraph (`split_paragraphs`)."""
        for lines in split_paragraphs(_lines(block)):
            self.add_paragraph(joined(lines), block)

    def add_paragraph(self, text: str, block: Block) -> None:
        if self.continues_in(block):
            role, previous, blocks = self.body[-1]
            self.body[-1] = (role, join_text(previous, text), [*blocks, block])
        else:
            self.body.append(("paragraph", text, [block]))


def build_articles(
    blocks: Sequence[Block], config: IngestConfig
) -> tuple[tuple[Article, ...], tuple[Boilerplate, ...]]:
    """Assign every block a role and assemble the articles and the boilerplate."""
    body_size = body_glyph_size(blocks)
    mastheads = masthead_indexes(blocks, body_size)
    roles = [
        "masthead" if index in mastheads else boilerplate_role(block)
        for index, block in enumerate(blocks)
    ]
    masthead = [block for block, role in zip(blocks, roles, strict=True) if role == "masthead"]
    boilerplate: list[Boilerplate] = []
    content: list[Block] = []
    for block, found in zip(blocks, roles, strict=True):
        piece = found is None and any(
            piece_of_masthead(block, line, body_size) for line in masthead
        )
        role: BoilerplateRole | None = "masthead" if piece else found
        if role is not None:
            boilerplate.extend(
                Boilerplate(line, role, block.page, box)
                for line, box in zip(_lines(block), line_boxes(block), strict=True)
            )
        if role is None or _is_jump(block):  # a jump is set aside yet steers the assembly
            content.extend(credit_apart(block))
    drafts = _assemble(content, body_size, config)
    year = find_year([block.text for block in blocks])
    articles = tuple(_freeze(draft, f"a{n}", year) for n, draft in enumerate(drafts, start=1))
    return articles, tuple(boilerplate)


def credit_apart(block: Block) -> list[Block]:
    """The block, its last line apart where that is a reporter's credit
    (`REPORTER_CREDIT_RE`): set under a head in type close to its size, the credit may
    reach structure as the head's last line, yet it is the article's byline."""
    lines, read = _lines(block), read_lines(block)
    if read is None or len(lines) < 2 or not REPORTER_CREDIT_RE.match(lines[-1]):
        return [block]
    return [
        part_of(block, lines[:-1], tuple(read[:-1])),
        part_of(block, lines[-1:], tuple(read[-1:])),
    ]


def part_of(block: Block, texts: Sequence[str], lines: tuple[Line, ...]) -> Block:
    """A block of some of a block's lines (its text lines texts, read as lines), placed as it
    was."""
    return replace(
        block,
        raw="\n".join(line.text for line in lines),
        text="\n".join(texts),
        lines=lines,
        bbox=union_bbox(line.bbox for line in lines),
        size=size_of_most(lines),
        confidence=mean_confidence(line.confidence for line in lines),
    )


def piece_of_masthead(block: Block, line: Block, body_size: float | None) -> bool:
    """Whether block is a piece of a masthead, one of whose lines (line) was found: short,
    no prose, on that line's row less than a column's gap (`COLUMN_GAP`) beside it (a date
    read apart from the issue number after it), or right over it, closer than its own
    height (a slogan between a name OCR lost and the issue line)."""
    if block.page != line.page or block.bbox is None or line.bbox is None or not body_size:
        return False
    if _is_prose(block):
        return False
    apart = max(line.bbox[0] - block.bbox[2], block.bbox[0] - line.bbox[2])
    beside = same_row(block, line) and apart < COLUMN_GAP * body_size
    height = block.bbox[3] - block.bbox[1]
    over = (
        0 <= line.bbox[1] - block.bbox[3] < height
        and span_overlap((block.bbox[0], block.bbox[2]), (line.bbox[0], line.bbox[2])) > 0
    )
    return beside or over


NAME_REACH = 2.0
"""A bulletin's name stands within this many of its own glyph heights above its issue
line."""

ABOVE_SLACK = 0.5
"""A block ending within this many of a line's glyph heights below its top still stands
above it: OCR boxes of lines set close overlap by that much."""

MASTHEAD_REACH = 3
"""The issue line stands within this many blocks of the bulletin's name: under it, or
before it where an issue box is set left of the name."""


def masthead_indexes(blocks: Sequence[Block], body_size: float | None) -> set[int]:
    """The bulletin's name on its first page, its issue line (`第5期`) and the lines between
    them that are no prose (OCR may have broken the masthead up). The name is found by
    where it stands (`sets_name_of`) wherever the reading order put it (a name set right of
    its issue box stands above no column and may be read late), or else as a block much
    larger than the body among the first that does not stand below the issue line."""
    if body_size is None:
        return set()
    for end, issue in enumerate(blocks[: 2 * MASTHEAD_REACH + 1]):
        if issue.page != 1 or not MASTHEAD_RE.search(issue.text):
            continue
        names = [
            n
            for n, block in enumerate(blocks)
            if n != end and block.page == 1 and sets_name_of(block, issue, body_size)
        ]
        if names:
            name = max(names, key=lambda n: blocks[n].size or 0)
            return _masthead(blocks, name, end, body_size)
    for index, block in enumerate(blocks[: MASTHEAD_REACH + 1]):
        if block.page != 1 or block.size is None or block.size < MASTHEAD_RATIO * body_size:
            continue
        nearest = sorted(_near(blocks, index), key=lambda n: abs(n - index))
        for end in nearest:
            if (
                end != index
                and blocks[end].page == 1
                and MASTHEAD_RE.search(blocks[end].text)
                and not stands_below(block, blocks[end])
            ):
                return _masthead(blocks, index, end, body_size)
    return set()


def _near(blocks: Sequence[Block], index: int) -> range:
    """The indexes of the blocks read within MASTHEAD_REACH of block index."""
    return range(max(0, index - MASTHEAD_REACH), min(len(blocks), index + MASTHEAD_REACH + 1))


def _masthead(blocks: Sequence[Block], name: int, issue: int, body_size: float) -> set[int]:
    """The masthead's blocks, given its name and its issue line: those two, the blocks
    between them that are no prose, and the pieces of the name's row and the issue line's."""
    return {
        name,
        issue,
        *_masthead_between(blocks, name, issue),
        *_on_name_row(blocks, name, body_size),
        *_on_issue_row(blocks, issue),
    }


def _on_name_row(blocks: Sequence[Block], name: int, body_size: float) -> set[int]:
    """The blocks read near the name (`MASTHEAD_REACH`) on its row, within one of its glyphs
    of it and set as large as a title, no prose: OCR reads a name of few glyphs in pieces
    (`屯門通` `訊`), each too short to be taken for a head, so layout leaves them apart."""
    box, size = blocks[name].bbox, blocks[name].size
    if box is None or size is None:
        return set()
    return {
        n
        for n in _near(blocks, name)
        if blocks[n].page == blocks[name].page
        and (other := blocks[n].bbox) is not None
        and share_a_row((box[1], box[3]), (other[1], other[3]))
        and span_overlap((box[0], box[2]), (other[0], other[2])) >= -size
        and (blocks[n].size or 0) >= ARTICLE_TITLE_RATIO * body_size
        and not _is_prose(blocks[n])
    }


def _masthead_between(blocks: Sequence[Block], name: int, issue: int) -> set[int]:
    """The blocks read between a masthead's name and issue line, where the two are read
    close together and none of those between is prose: a masthead holds none, and prose
    read between them is an article's (the name, set right of its issue box, read after
    the first column's article)."""
    between = range(min(name, issue) + 1, max(name, issue))
    if abs(name - issue) > MASTHEAD_REACH or any(_is_prose(blocks[n]) for n in between):
        return set()
    return set(between)


def _on_issue_row(blocks: Sequence[Block], issue: int) -> set[int]:
    """The blocks read near the issue line (`MASTHEAD_REACH`) that stand level with it, top
    and bottom within half its height, and are no prose: an issue line is often set in
    pieces across its row, the date at one end and the number at the other."""
    row = blocks[issue].bbox
    if row is None:
        return set()
    slack = (row[3] - row[1]) / 2
    return {
        n
        for n in _near(blocks, issue)
        if blocks[n].page == 1
        and (box := blocks[n].bbox) is not None
        and abs(box[1] - row[1]) <= slack
        and abs(box[3] - row[3]) <= slack
        and not _is_prose(blocks[n])
    }


def sets_name_of(block: Block, issue: Block, body_size: float) -> bool:
    """Whether a block is the name of the bulletin whose issue line is given: set larger
    than the body, and right above the issue line or beside it, their rows overlapping
    however little (an issue box is set level with the name's top, middle or foot). A name
    stands above or beside its issue line; the first title stands below it."""
    if block.size is None or block.bbox is None or issue.bbox is None:
        return False
    if block.size < ARTICLE_TITLE_RATIO * body_size:
        return False
    beside = span_overlap((block.bbox[1], block.bbox[3]), (issue.bbox[1], issue.bbox[3])) > 0
    gap = issue.bbox[1] - block.bbox[3]
    above = -ABOVE_SLACK * (issue.size or body_size) <= gap <= NAME_REACH * block.size
    return beside or above


def stands_below(block: Block, issue: Block) -> bool:
    """Whether a block stands below an issue line, its top lower than the line's foot by
    more than ABOVE_SLACK of its own glyph height: the first title does; a name stands
    above its issue line or beside it, reaching at most that little lower than an issue
    box set left of it."""
    if block.bbox is None or issue.bbox is None or block.size is None:
        return False
    return block.bbox[1] - issue.bbox[3] > ABOVE_SLACK * block.size


def _is_prose(block: Block) -> bool:
    return not is_short(block.text) or has_prose_marks(block.text)


def _lines(block: Block) -> list[str]:
    return [line for line in block.text.split("\n") if line.strip()]


def line_boxes(block: Block) -> list[BBox | None]:
    """The box of each of a block's text lines (`_lines`): its own where the block's lines
    are still one to one with those the source read, the block's where cleanup joined some."""
    read = read_lines(block)
    if read is not None:
        return [line.bbox for line in read]
    return [block.bbox] * len(_lines(block))


def read_lines(block: Block) -> list[Line] | None:
    """The lines the source read of a block, one to each of its text lines (`_lines`), or
    None where cleanup joined some."""
    read = [line for line in block.lines if line.text.strip()]
    return read if len(read) == len(_lines(block)) else None


def _is_jump(block: Block) -> bool:
    return bool(JUMP_LINE_RE.fullmatch(block.text.strip()))


def _sits_on(block: Block, title: Block) -> bool:
    """Whether block is set just above title (`KICKER_GAP`, in the title's glyphs: the
    space over a head is set by its own leading) in smaller glyphs: a kicker introduces its
    title in smaller type. Glyphs of another size (`_set_larger`) tell; so do slightly
    smaller ones farther than a head's leading apart (`HEAD_LEADING`), as no line of the
    title's own stands."""
    if block.bbox is None or title.bbox is None or block.size is None or title.size is None:
        return False
    gap = title.bbox[1] - block.bbox[3]
    apart = title.size > block.size and gap >= HEAD_LEADING * title.size
    return (
        block.page == title.page
        and (_set_larger(title, block) or apart)
        and 0 <= gap <= KICKER_GAP * title.size
    )


UNDER_TITLE = 0.5
"""A subtitle stands at least this share of one of its glyphs under its title, however the
two are aligned; a head across the page may reach a few points under a title's corner."""


def _stands_under(block: Block, title: Block) -> bool:
    """Whether block stands under title, as its subtitle does (`UNDER_TITLE`): lower on its
    page, and under the title's width. A head beside a title (the next column's title on its
    row), or across the page from it (the bulletin's name in a corner over the first title),
    is none of its. Where either has no box, nothing says otherwise."""
    if block.bbox is None or title.bbox is None or block.size is None:
        return True
    across = min(block.bbox[2], title.bbox[2]) - max(block.bbox[0], title.bbox[0])
    return (
        block.page == title.page
        and block.bbox[1] >= title.bbox[3] - ABOVE_SLACK * block.size
        and across >= UNDER_TITLE * block.size
    )


COLUMN_GAP = 2.0
"""The next column's line stands at least this many body glyphs past the end of a line on
its row: a phrase space, or the gap between a date and an issue number, is narrower."""


def _opens_columns(
    block: Block, content: Sequence[Block], title: Block, body_size: float | None
) -> bool:
    """Whether block, under title, is the first line of its columns rather than a subtitle:
    on its row, a gutter away (`COLUMN_GAP`), stands text no larger than the body that
    opens the next column under the same title: under the title's width, or past its end
    with nothing over it up to the title (`_opens_under`; a flush-left title may be shorter
    than its columns). A subtitle has its row to itself; one led by the Chinese dash is a
    subtitle wherever it stands."""
    if block.bbox is None or title.bbox is None or body_size is None or is_dash_led(block.text):
        return False
    row = (block.lines[0].bbox or block.bbox) if block.lines else block.bbox
    middle = (row[1] + row[3]) / 2
    return any(
        other.page == block.page
        and other.bbox is not None
        and other.bbox[1] <= middle <= other.bbox[3]
        and block.bbox[2] + COLUMN_GAP * body_size <= other.bbox[0]
        and (other.bbox[0] < title.bbox[2] or _opens_under(other, title, content))
        and not _larger_than_body(other, body_size)
        for other in content
    )


def _opens_under(block: Block, title: Block, content: Sequence[Block]) -> bool:
    """Whether nothing stands over block from the title's top down, across its width: it
    opens a column under that title, past the title's end. A line of an article beside has
    its own title over it."""
    assert block.bbox is not None and title.bbox is not None
    return not any(
        other is not block
        and other.page == block.page
        and other.bbox is not None
        and other.bbox[3] > title.bbox[1]
        and other.bbox[1] < block.bbox[1]
        and other.bbox[0] < block.bbox[2]
        and other.bbox[2] > block.bbox[0]
        for other in content
    )


def _set_larger(block: Block, other: Block) -> bool:
    """Whether block's glyphs are of another size than other's, and larger: a kicker
    introduces its title in smaller type, never larger (what stands under a title in
    smaller type is its subtitle)."""
    if block.size is None or other.size is None:
        return False
    return block.size > other.size and not same_size(block.size, other.size)


def _may_interrupt(block: Block, body_size: float | None) -> bool:
    """Whether a head-like block inside an open sentence can be a caption set into the
    column: without geometry, yes; with it, only in glyphs smaller or larger than the
    body's or beside a figure. A line in body glyphs there is prose whose next line OCR
    moved (a lost first character makes it look indented)."""
    if block.size is None or body_size is None or block.near_figure:
        return True
    return not _in_body_glyphs(block, body_size)


def _is_caption(block: Block, text: str, body_size: float | None, carries_on: bool = False) -> bool:
    """A short line with a caption's cue, or beside a figure in smaller glyphs (a tall gap
    beside it in its column or across the page), unless it is the next line of the text
    above it (`_next_line_of`) or one of a row of columns (`in_row_of_columns`), both
    carries_on, or shaped as a paragraph opens (`set_in_over_its_lines`: its glyphs measure
    small where OCR read a Latin word in it)."""
    if not is_short(text):
        return False
    if CAPTION_CUE_RE.search(text):
        return True
    return (
        _beside_figure(block)
        and _smaller_than_body(block, body_size)
        and not ends_sentence(text)
        and not carries_on
        and not set_in_over_its_lines(block, body_size)
    )


def set_in_over_its_lines(block: Block, body_size: float | None) -> bool:
    """Whether a block of two or more lines is shaped as a paragraph opens: its first line
    set in by a glyph or more from the next and reaching as far right as any. A caption's
    lines stand flush with each other or centred, never so; how far in from its column a
    block stands says nothing, as a caption beside a photo stands in from the text."""
    boxes = [line.bbox for line in block.lines if line.bbox is not None]
    if len(boxes) < 2 or body_size is None:
        return False
    first, second = boxes[0], boxes[1]
    right = max(box[2] for box in boxes)
    return first[0] - second[0] >= body_size and first[2] >= right - body_size


def _next_line_of(
    block: Block, previous: Block, body_size: float | None, reach: float | None
) -> bool:
    """Whether block stands where the next line of previous would: not in large type, on the
    same page, at the same left edge, at most reach below it (`next_line_reach`), not
    centred nor wrapped so (`wraps_centred`) nor a caption short of the measure
    (`caption_short_of_measure`), previous unfinished. Such a line carries the text on
    whatever glyph size OCR measured: OCR that reads a character too many makes a short
    line's glyphs look smaller than they are (`以上的老人和凭`). A size a text layer states
    is exact, and a smaller one there is another kind of text (a caption)."""
    if block.bbox is None or previous.bbox is None or block.centred:
        return False
    if body_size is None or reach is None or wraps_centred(block, body_size):
        return False
    return (
        block.page == previous.page
        and not stated_smaller(block, previous)
        and not _larger_than_body(block, body_size)
        and not _set_smaller_throughout(block, body_size)
        and under_its_start(block, previous, body_size)
        and 0 <= block.bbox[1] - previous.bbox[3] <= reach
        and not ends_paragraph(previous.text)
        and not caption_short_of_measure(block, previous, body_size)
    )


def wraps_centred(block: Block, body_size: float) -> bool:
    """Whether a block of two or more lines ends on a short line centred under its first
    (`short_centred_under`): a caption or head wrapped as centred type, however nearly its first
    line fills the column."""
    boxes = [line.bbox for line in block.lines if line.bbox is not None]
    if len(boxes) < 2:
        return False
    first, last = boxes[0], boxes[-1]
    return short_centred_under((last[0], last[2]), (first[0], first[2]), body_size)


MEASURE_SLACK = 0.25
"""A line of justified text fills its column's measure within this share of a body glyph
at either edge; a paragraph's last line ends short of it, but starts at its edge."""


def caption_short_of_measure(block: Block, previous: Block, body_size: float) -> bool:
    """Whether block, beside a figure and set smaller than the body (`CAPTION_SIZE_RATIO`),
    stands in from both edges of the lines above it (`MEASURE_SLACK`), measured from its
    cells (`cell_span`): it cannot be the next line of their text, which would fill the
    measure or end short of it at its edge only, so it is a caption set under them (over
    its figure) however near."""
    assert block.bbox is not None and previous.bbox is not None
    if block.size is None or not _beside_figure(block):
        return False
    if not _smaller_than_body(block, body_size):
        return False
    start, end = cell_span(block.bbox[0], block.bbox[2], block.text, block.size)
    slack = MEASURE_SLACK * body_size
    return start - previous.bbox[0] >= slack and previous.bbox[2] - end >= slack


def under_its_start(block: Block, previous: Block, body_size: float) -> bool:
    """Whether block starts at previous's left edge (within a glyph), or, where previous
    is a paragraph's first line (indented, not centred), at its column's edge,
    PARAGRAPH_INDENT glyphs left of it: where the next line of previous would start."""
    assert block.bbox is not None and previous.bbox is not None
    offset = previous.bbox[0] - block.bbox[0]
    if previous.indented and not previous.centred and len(previous.lines) == 1:
        offset -= PARAGRAPH_INDENT * body_size
    return abs(offset) <= body_size


LEVEL_SLACK = 0.25
"""Lines of one row of columns stand level within this share of a body glyph, top and foot:
they are set on one baseline. A caption beside text stands where its figure ends."""

ROW_REACH = 4.0
"""A column's line stands at most this many body glyphs from the next column's on its row:
a gutter is narrower; what stands farther off is across a figure or a column of its own."""


def in_row_of_columns(block: Block, on_page: Sequence[Block], body_size: float | None) -> bool:
    """Whether a one-line block stands level with a line of text no larger than the body on
    each side, each a gutter away (`ROW_REACH`, and a paragraph's indent), with text right
    over it (`_text_over`): a line of a row set in columns, which an article's text runs
    across (a short article in narrow columns), not a caption, however OCR measured its
    glyphs. A caption may stand level with the rows beside its photo, but under the photo.
    on_page: the blocks of block's page."""
    if body_size is None or block.bbox is None or len(block.lines) != 1:
        return False
    box = block.bbox
    level = [
        line.bbox
        for other in on_page
        if other is not block and not _larger_than_body(other, body_size)
        for line in other.lines
        if line.bbox is not None
        and abs(line.bbox[1] - box[1]) <= LEVEL_SLACK * body_size
        and abs(line.bbox[3] - box[3]) <= LEVEL_SLACK * body_size
    ]
    reach = (ROW_REACH + PARAGRAPH_INDENT) * body_size
    left = any(0 <= box[0] - other[2] <= reach for other in level)
    right = any(0 <= other[0] - box[2] <= reach for other in level)
    return left and right and _text_over(block, on_page, body_size)


OVER_REACH = 2.0
"""Text stands at most this many body glyphs over a line that runs on under it, a row's
leading or a head's space below it; a photo over a caption is taller."""


def _text_over(block: Block, on_page: Sequence[Block], body_size: float) -> bool:
    """Whether a line of text stands right over block (`OVER_REACH`), across its width: it
    is no caption under a photo. on_page: the blocks of block's page."""
    assert block.bbox is not None
    box = block.bbox
    return any(
        line.bbox is not None
        and line.bbox[0] < box[2]
        and line.bbox[2] > box[0]
        and 0 <= box[1] - line.bbox[3] <= OVER_REACH * body_size
        for other in on_page
        if other is not block
        for line in other.lines
    )


NEXT_LINE_REACH = 1.5
"""A line stands at most this many of the body's blanks between lines under the line before
it: OCR boxes a line of short glyphs lower than its neighbours."""


def next_line_reach(blocks: Sequence[Block], body_size: float | None) -> float | None:
    """How far under a line its next line may stand: a glyph, or more where the body is
    loosely leaded, NEXT_LINE_REACH times the blank it leaves between lines (the median over
    the lines of blocks in the body's glyphs)."""
    if body_size is None:
        return None
    blanks = [
        below.bbox[1] - above.bbox[3]
        for block in blocks
        if _in_body_glyphs(block, body_size)
        for above, below in itertools.pairwise(block.lines)
        if above.bbox is not None and below.bbox is not None and below.bbox[1] > above.bbox[3]
    ]
    if not blanks:
        return body_size
    return max(body_size, NEXT_LINE_REACH * statistics.median(blanks))


def stated_smaller(block: Block, previous: Block) -> bool:
    """Whether a text layer states block's glyphs smaller than previous's."""
    stated = from_text_layer((*block.lines, *previous.lines))
    sizes = block.size, previous.size
    return (
        stated
        and sizes[0] is not None
        and sizes[1] is not None
        and sizes[0] < sizes[1]
        and not same_size(sizes[0], sizes[1], exact=True)
    )


def _assemble(
    content: Sequence[Block], body_size: float | None, config: IngestConfig
) -> list[_Draft]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    kicker: Block | None = None
    jumped: list[_Draft] = []
    following = _next_content(content)
    prose_after = _next_prose(content, body_size)
    reach = next_line_reach(content, body_size)
    on_page: dict[int, list[Block]] = {}
    for each in content:
        on_page.setdefault(each.page, []).append(each)
    heads = [
        not _is_jump(b)
        and is_title_like(b, body_size)
        and not runs_on(b, content[n] if n is not None else None, body_size)
        for b, n in zip(content, prose_after, strict=True)
    ]
    for i, block in enumerate(content):
        if _is_jump(block):
            if any(word in block.text for word in RESUME_WORDS):
                current = jumped.pop(0) if jumped else current
            elif current is not None:
                jumped.append(current)
            continue
        nxt = following[i]
        next_title = nxt is not None and heads[nxt]
        next_body = nxt is not None and not heads[nxt]
        text = joined(_lines(block))
        carries_on = (
            i > 0 and _next_line_of(block, content[i - 1], body_size, reach)
        ) or in_row_of_columns(block, on_page[block.page], body_size)
        introduces_title = (
            nxt is not None
            and next_title
            and (_is_phrases(block) or _sits_on(block, content[nxt]))
            and not _set_larger(block, content[nxt])
        )
        bare = current.bare_title_over(block) if current else None
        if (
            current
            and current.byline is None
            and (is_byline(text) or current.credit_under_head(text))
        ):
            current.byline = block
        elif _is_caption(block, text, body_size, carries_on):
            current = current or _new(drafts)
            current.captions.append(block)
        elif not heads[i] or (
            current
            and current.last_paragraph_open()
            and (
                (not _may_interrupt(block, body_size) and not introduces_title)
                or current.latin_phrase_open(text)
                or carries_on
            )
        ):
            current = current or _new(drafts)
            # A kicker stands right over its title: one that prose follows instead is text.
            if kicker is not None:
                current.add_prose(kicker)
                kicker = None
            current.add_prose(block)
        elif kicker is not None:
            current = _new(drafts, title=block, kicker=kicker)
            kicker = None
        elif (
            current
            and current.last_paragraph_open()
            and next_body
            and not (_starts_article(block, body_size, config) and block.size is not None)
        ):
            current.captions.append(block)
        # A title never goes without text: a line right under it, before its text, is its
        # own (its subtitle), not the kicker of a head under that line.
        elif introduces_title and not (bare and _set_larger(bare, block)):
            kicker = block
        elif current and bare and not _set_larger(block, bare):
            if _opens_columns(block, content, bare, body_size):
                current.add_prose(block)
            else:
                current.subtitle = block
        elif (
            current is None
            or _starts_article(block, body_size, config)
            or _has_subtitle(block, content[nxt] if nxt is not None else None, body_size)
            or (next_body and _changes_measure(i, content, body_size))
        ):
            current = _new(drafts, title=block)
        else:
            current.body.append(("heading", text, [block]))
    if kicker is not None:
        _new(drafts, title=kicker)
    return drafts


def _has_subtitle(block: Block, following: Block | None, body_size: float | None) -> bool:
    """Whether a head larger than the body has a subtitle under it, a dash-led line set no
    larger than it: only an article's title carries one, never a heading inside a body."""
    return (
        following is not None
        and _larger_than_body(block, body_size)
        and is_dash_led(following.text)
        and not _set_larger(following, block)
    )


MEASURE_CHANGE = 2.0
"""An article's columns keep one measure: text under a head set this many body glyphs
narrower or wider than the text above it is another article's."""


def _changes_measure(index: int, content: Sequence[Block], body_size: float | None) -> bool:
    """Whether a head larger than the body stands between text of two measures on its page
    (`MEASURE_CHANGE`), the last two blocks of column text above it against the first two
    under it: a heading goes on in its article's columns, a title opens columns of its own.
    (Asked of a head with text right under it: one over another head is a kicker.)"""
    head = content[index]
    if body_size is None or not _larger_than_body(head, body_size):
        return False

    def measure(blocks: Sequence[Block]) -> float | None:
        widths = [b.bbox[2] - b.bbox[0] for b in blocks if b.bbox is not None]
        return max(widths, default=None)

    text = [
        n
        for n, b in enumerate(content)
        if b.page == head.page and len(b.lines) > 1 and _in_body_glyphs(b, body_size)
    ]
    above = measure([content[n] for n in text if n < index][-2:])
    below = measure([content[n] for n in text if n > index][:2])
    return (
        above is not None and below is not None and abs(above - below) > MEASURE_CHANGE * body_size
    )


def runs_on(block: Block, following: Block | None, body_size: float | None) -> bool:
    """Whether a head-like line in the body's glyphs is prose going on in the next block:
    a head is followed by a paragraph, whose first line is indented, so a sentence that
    goes on unindented in body glyphs was only broken at the foot of a column. A line led
    by the Chinese dash opens no sentence's continuation: it is a subtitle."""
    if following is None or body_size is None or block.centred or following.centred:
        return False
    if is_dash_led(block.text):
        return False
    prose_size = _in_body_glyphs(block, body_size) or (
        _goes_on_beside(block, following) and not _larger_than_body(block, body_size)
    )
    return (
        prose_size
        and _in_body_glyphs(following, body_size)
        and not following.indented
        and not ends_sentence(block.text)
    )


def _goes_on_beside(block: Block, following: Block) -> bool:
    """Whether the next block opens on block's row, right of it: block is a column's only
    line there, as in an article set in narrow columns a line or two deep, whose lines
    are spaced out to fill their measure and measure larger than the body's glyphs."""
    if block.bbox is None or not following.lines or following.lines[0].bbox is None:
        return False
    first = following.lines[0].bbox
    return (
        block.page == following.page
        and first[0] >= block.bbox[2]
        and share_a_row((block.bbox[1], block.bbox[3]), (first[1], first[3]))
    )


def _set_smaller_throughout(block: Block, body_size: float) -> bool:
    """Whether every line of a block of two or more is set smaller than a caption's share of
    the body (`CAPTION_SIZE_RATIO`): a size so measured line after line is no engine's
    slip over one short line, but type of another kind."""
    sizes = [line.size for line in block.lines]
    return len(sizes) > 1 and all(
        size is not None and size < CAPTION_SIZE_RATIO * body_size for size in sizes
    )


def _in_body_glyphs(block: Block, body_size: float) -> bool:
    """Whether a block is set in the body's glyphs, within what sets a caption apart."""
    return (
        block.size is not None
        and abs(block.size - body_size) <= (1 - CAPTION_SIZE_RATIO) * body_size
    )


def _is_phrases(block: Block) -> bool:
    """Whether every line of a block is a row of phrases (a kicker); the lines of a title
    wrapped in two are no phrases of one row."""
    return all(is_phrase_line(line) for line in _lines(block))


def _next_prose(content: Sequence[Block], body_size: float | None) -> list[int | None]:
    """For each block, the index of the next block that may carry its sentence on: not a
    jump marker, nor a block in type smaller than the body's (a photo's caption, set into
    the column where the text breaks for the photo)."""

    def carries(block: Block) -> bool:
        smaller = (
            body_size is not None
            and block.size is not None
            and block.size < body_size
            and not _in_body_glyphs(block, body_size)
        )
        return not _is_jump(block) and not smaller

    return _next_where(content, carries)


def _next_content(content: Sequence[Block]) -> list[int | None]:
    """For each block, the index of the next block that is not a jump marker."""
    return _next_where(content, lambda block: not _is_jump(block))


def _next_where(content: Sequence[Block], counts: Callable[[Block], bool]) -> list[int | None]:
    """For each block, the index of the next block after it that counts, or None."""
    result: list[int | None] = [None] * len(content)
    upcoming: int | None = None
    for i in range(len(content) - 1, -1, -1):
        result[i] = upcoming
        if counts(content[i]):
            upcoming = i
    return result


def _new(
    drafts: list[_Draft], *, title: Block | None = None, kicker: Block | None = None
) -> _Draft:
    drafts.append(_Draft(title=title, kicker=kicker))
    return drafts[-1]


def _starts_article(block: Block, body_size: float | None, config: IngestConfig) -> bool:
    """Whether a head-like block opens an article: set large enough, or, in text alone, long
    enough, and not opening on a list's number (an item, or a section's heading)."""
    if block.size is not None and body_size is not None:
        return block.size >= ARTICLE_TITLE_RATIO * body_size
    text = joined(_lines(block))
    return len(text) >= config.title_min_chars and not opens_list_item(text)


def _freeze(draft: _Draft, article_id: str, year: int | None) -> Article:
    body = tuple(_body_block(role, text, blocks) for role, text, blocks in draft.body)
    captions = tuple(Caption(_head(b), b.page, b.bbox) for b in draft.captions)
    heads_in_order = (draft.kicker, draft.title, draft.subtitle, draft.byline)
    heads = [b for b in heads_in_order if b]
    used = [*heads, *(b for _, _, blocks in draft.body for b in blocks), *draft.captions]
    title_text = _head(draft.title) if draft.title else ""
    dates = find_dates("\n".join([title_text, *(block.text for block in body)]), year)
    return Article(
        id=article_id,
        title=_head(draft.title) if draft.title else None,
        body=body,
        pages=tuple(sorted({b.page for b in used})),
        kicker=_head(draft.kicker) if draft.kicker else None,
        subtitle=_head(draft.subtitle) if draft.subtitle else None,
        byline=_head(draft.byline) if draft.byline else None,
        captions=captions,
        dates=tuple(dates),
        heads=tuple(
            Head(role, _head(block), block.page, block.bbox)
            for role, block in zip(HEAD_ROLES, heads_in_order, strict=True)
            if block
        ),
    )


def _head(block: Block) -> str:
    """A head's text: lines of a kicker keep their phrase spaces, others are joined. Read
    off an image, its phrase spaces lose the marks OCR read from specks in them, and its
    ends the bars it read from a rule beside it."""
    lines = _lines(block)
    text = lines[0] if len(lines) == 1 else joined(lines)
    if from_text_layer(block.lines):
        return text
    return closing_pause_dropped(edge_bars_dropped(stray_marks_to_phrase_space(text)))


def _body_block(role: BodyRole, text: str, blocks: list[Block]) -> BodyBlock:
    first = blocks[0]
    bbox = union_bbox(b.bbox for b in blocks if b.page == first.page)
    return BodyBlock(role, text, first.page, bbox, mean_confidence(b.confidence for b in blocks))
