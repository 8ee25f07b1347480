from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_ingest import IngestConfig, ingest_text
from bulletin_ingest.chars import han_chars
from bulletin_ingest.layout import layout_geometric
from bulletin_ingest.model import Document, Line, Page
from bulletin_ingest.pipeline import bulletin_from_document
from bulletin_ingest.structure import is_byline

from .conftest import SEED

NO_UNIFY = IngestConfig(unify_script=False)


def page_of(lines: list[Line], origin: str = "ocr-tesseract"):
    """The bulletin of one A4 page of these lines, read by origin (a PDF's text layer, or
    an OCR engine off an image)."""
    page = Page(1, tuple(lines), 595.0, 842.0, origin)
    kind = "pdf" if origin == "pdf-text" else "image"
    return bulletin_from_document(Document("p", "0" * 64, kind, (page,)), IngestConfig())


def all_text(bulletin) -> str:
    parts = [item.text for item in bulletin.boilerplate]
    for article in bulletin.articles:
        parts += [article.kicker or "", article.title or "", article.subtitle or ""]
        parts += [article.byline or "", article.text]
        parts += [caption.text for caption in article.captions]
    return "\n".join(parts)


def test_seed_has_two_articles_with_kickers_and_titles(seed_bulletin) -> None:
    articles = seed_bulletin.articles
    assert [a.kicker for a in articles] == ["听民声 汇民意 解民忧", "凝心聚力 共治共享"]
    assert [a.title for a in articles] == [
        "新泾镇开展2022年第二次市、区人大代表集中联系社区活动",
        "新泾镇召开加强基层治理体系和治理能力现代化建设工作推进会",
    ]


def test_seed_sets_the_subheads_apart_from_paragraphs(seed_bulletin) -> None:
    second = seed_bulletin.articles[1]
    headings = [b.text for b in second.body if b.role == "heading"]
    captions = [c.text for c in second.captions]
    assert headings + captions == ["在职党员双向赋能项目启动", "“两街一水”滨水治理共同体项目发布"]
    paragraphs = [b.text for b in second.body if b.role == "paragraph"]
    assert not any("滨水治理共同体项目发布" in p and len(p) < 30 for p in paragraphs)


def test_seed_rejoins_sentences_broken_across_pages_and_captions(seed_bulletin) -> None:
    body = "\n".join(a.text for a in seed_bulletin.articles)
    for joined in ["单松雷", "居民区及老楼房", "共50条", "为实践载体", "立足人民城市理念"]:
        assert joined in body


def test_seed_chinese_text_has_no_ascii_punctuation(seed_bulletin) -> None:
    for article in seed_bulletin.articles:
        for text in [article.title, article.text]:
            assert not set(text) & set(",:;()?!")


def test_seed_boilerplate_is_set_aside(seed_bulletin) -> None:
    roles = {item.text: item.role for item in seed_bulletin.boilerplate}
    assert roles["扫描二维码"] == "qr-prompt"
    assert roles["官方微信公众号"] == "qr-prompt"
    assert roles["自家门口这点事"] == "slogan"
    assert roles["新泾镇党委、政府 联合出版"] == "publisher"
    body = "\n".join(a.text for a in seed_bulletin.articles)
    for text in roles:
        assert text not in body


def test_seed_dates_take_the_bulletins_year(seed_bulletin) -> None:
    assert seed_bulletin.articles[1].dates == ("2022-11-28",)


def test_every_han_character_of_the_seed_appears_exactly_once(seed_bulletin) -> None:
    source = SEED.read_text(encoding="utf-8")
    assert Counter(han_chars(all_text(seed_bulletin))) == Counter(han_chars(source))


def test_title_starts_article_and_short_head_between_paragraphs_is_a_heading() -> None:
    text = (
        "元朗区长者饭堂正式开业迎来首批用餐居民\n\n饭堂每日供应午餐。\n\n"
        "菜单公布\n\n每周一更新菜单。\n\n"
        "社区志愿者清理河道恢复小溪清澈面貌\n\n志愿者一早集合。\n"
    )
    bulletin = ingest_text(text)
    assert [a.title for a in bulletin.articles] == [
        "元朗区长者饭堂正式开业迎来首批用餐居民",
        "社区志愿者清理河道恢复小溪清澈面貌",
    ]
    assert [(b.role, b.text) for b in bulletin.articles[0].body] == [
        ("paragraph", "饭堂每日供应午餐。"),
        ("heading", "菜单公布"),
        ("paragraph", "每周一更新菜单。"),
    ]


def test_subtitle_and_byline() -> None:
    text = (
        "垃圾分类新规下月起实施居民需按时投放\n\n——街道召开专题说明会\n\n"
        "记者 王小明\n\n新规将于下月起实施。\n"
    )
    article = ingest_text(text).articles[0]
    assert article.subtitle == "——街道召开专题说明会"
    assert article.byline == "记者 王小明"
    assert article.text == "新规将于下月起实施。"


@pytest.mark.parametrize("read", ["文一何强娟", "文人何强娟", "文|何强娟", "文%何强娟"])
def test_a_byline_whose_slash_ocr_misread_is_still_a_byline(read: str) -> None:
    """OCR reads the slash of `文／何强娟` as `一`, `人`, `|` or `%` at times; alone on its
    line before a name, it is still the writer's credit, not the article's first words."""
    text = f"垃圾分类新规下月起实施居民需按时投放\n\n{read}\n\n新规将于下月起实施。\n"
    article = ingest_text(text).articles[0]
    assert article.byline is not None and article.byline.endswith("何强娟")
    assert article.text == "新规将于下月起实施。"


@pytest.mark.parametrize("read", ["文卫何强娟", "文了何强娟", "文何强娟"])
def test_a_credit_right_under_the_head_is_a_byline_whatever_ocr_made_of_its_slash(
    read: str,
) -> None:
    """The slash is a thin stroke, read as any glyph or none; right under the head, before
    the text, a line of `文`, one glyph and a name is the credit."""
    text = f"垃圾分类新规下月起实施居民需按时投放\n\n{read}\n\n新规将于下月起实施。\n"
    article = ingest_text(text).articles[0]
    assert article.byline == read
    assert article.text == "新规将于下月起实施。"


def test_a_short_line_of_wen_and_a_phrase_within_the_text_stays_text() -> None:
    text = (
        "垃圾分类新规下月起实施居民需按时投放\n\n新规将于下月起实施。\n\n"
        "文化活动\n\n居民踊跃参加。\n"
    )
    article = ingest_text(text).articles[0]
    assert article.byline is None
    assert "文化活动" in article.text


def test_a_line_opening_with_wen_and_running_on_is_no_byline() -> None:
    assert not is_byline("文化活动中心")
    assert not is_byline("文一是要全力推动责任落实")


def test_lines_of_one_block_split_into_paragraphs_at_short_sentence_ends() -> None:
    text = (
        "社区文化节在中心广场隆重开幕吸引众多居民\n\n"
        "本次文化节由街道主办，共有二十余个社区团队参加演出，现场\n"
        "气氛热烈。\n"
        "下午的活动以亲子游戏为主，许多家庭带着孩子一起参加了比\n"
        "赛。\n"
    )
    article = ingest_text(text).articles[0]
    assert [b.text for b in article.body] == [
        "本次文化节由街道主办，共有二十余个社区团队参加演出，现场气氛热烈。",
        "下午的活动以亲子游戏为主，许多家庭带着孩子一起参加了比赛。",
    ]


def test_running_headers_and_page_numbers_are_boilerplate() -> None:
    pages = [
        f"新泾简讯 第{n}期\n\n{body}\n\n- {n} -"
        for n, body in [
            (1, "社区志愿者清理河道恢复小溪清澈面貌\n\n志愿者一早集合，"),
            (2, "沿河清理垃圾。"),
        ]
    ]
    bulletin = ingest_text("\f".join(pages))
    roles = [(b.text, b.role) for b in bulletin.boilerplate]
    assert ("- 1 -", "page-number") in roles and ("- 2 -", "page-number") in roles
    assert {r for t, r in roles if t.startswith("新泾简讯")} <= {"masthead", "running-header"}
    assert bulletin.articles[0].text == "志愿者一早集合，沿河清理垃圾。"
    assert bulletin.articles[0].pages == (1, 2)


HAN = "新泾镇社区居民代表会议召开志愿者清理河道垃圾分类文化节长者饭堂开业街道"
LINE = st.text(
    alphabet=st.sampled_from(list(HAN + "，。、：“”（）,:()  0123456789ab")),
    min_size=1,
    max_size=60,
)
DOC = st.lists(
    st.tuples(LINE, st.sampled_from(["\n", "\n\n", "\n\n\n\n", "\f"])), min_size=1, max_size=25
).map(lambda parts: "".join(line + sep for line, sep in parts))


@settings(max_examples=200, deadline=None)
@given(DOC)
def test_every_han_character_appears_exactly_once_on_generated_text(text: str) -> None:
    if not text.strip():
        return
    bulletin = ingest_text(text, NO_UNIFY)
    assert Counter(han_chars(all_text(bulletin))) == Counter(han_chars(text))


def test_a_jump_line_whose_brackets_ocr_misread_is_still_a_jump() -> None:
    text = (
        "社区长者饭堂正式开业迎来首批用餐居民\n\n饭堂由镇政府投资建设，每日供应午餐和晚餐，"
        "来用餐的老人们\n\n《下转第2版)\n\f（上接第1版）\n\n都说价格实惠。\n"
    )
    bulletin = ingest_text(text)
    assert [a.text for a in bulletin.articles] == [
        "饭堂由镇政府投资建设，每日供应午餐和晚餐，来用餐的老人们都说价格实惠。"
    ]
    assert {b.text for b in bulletin.boilerplate} >= {"《下转第2版）", "（上接第1版）"}


def _journal_page(head_top: float, number: str) -> Document:
    """One A4 page: a running head row (a volume mark, the article's running title and a page
    number) head_top points from the top, then a column of body lines."""
    head = [("?期", 57, 90), ("杜鑫乐等：数据中心网络的流量控制", 191, 405), (number, 535, 541)]
    lines = [Line(text, 1, 0, (x0, head_top, x1, head_top + 9), 9.0) for text, x0, x1 in head]
    body = "式中F为当前窗口内包被标记的比例，表示当前拥塞程度占总拥塞程度的权重。"
    lines += [
        Line(body, 1, 0, (57, 90 + 14 * n, 290, 100 + 14 * n), 10.5, 0.95, "ocr-tesseract")
        for n in range(20)
    ]
    page = Page(1, tuple(lines), 595.0, 842.0, "ocr-tesseract")
    return Document("journal.png", "0" * 64, "image", (page,))


def test_a_journal_running_head_below_the_header_band_is_boilerplate_by_its_page_number() -> None:
    blocks = layout_geometric(_journal_page(50, "7"))
    roles = {block.text: block.role for block in blocks if block.page == 1}
    assert roles["?期"] == roles["杜鑫乐等：数据中心网络的流量控制"] == "running-header"
    assert roles["7"] == "page-number"
    unnumbered = layout_geometric(_journal_page(50, "研究现状"))  # no page number: no header
    assert all(block.role is None for block in unnumbered)


def test_pieces_of_a_title_that_ocr_cut_apart_are_one_title() -> None:
    # Tesseract cut a title where one glyph's box ran tall; that piece reads larger.
    pieces = [
        ("夏阳街道", (43, 130, 121, 149), 18.6),
        ("三个小区通", (123, 129, 222, 156), 26.6),
        ("过垃圾分类示范验收", (224, 131, 400, 149), 19.8),
    ]
    lines = [Line(t, 1, 0, box, size, 0.9, "ocr-tesseract") for t, box, size in pieces]
    body = "近年来，街道坚持党建引领、居民自治，在各小区推行垃圾分类，居民参与率达到九成。"
    lines += [
        Line(body, 1, 0, (43, 180 + 14 * n, 380, 192 + 14 * n), 12.0, 0.95, "ocr-tesseract")
        for n in range(12)
    ]
    bulletin = page_of(lines)
    assert [a.title for a in bulletin.articles] == ["夏阳街道三个小区通过垃圾分类示范验收"]
    # Titles of two columns side by side stay apart: a gutter stands between them.
    left, right = (
        Line("社区食堂开业", 1, 0, (43, 130, 160, 149), 19.0),
        Line("河道清理完成", 1, 0, (320, 130, 437, 149), 19.0),
    )
    columns = layout_geometric(
        Document("p.png", "0" * 64, "image", (Page(1, (left, right, *lines[3:]), 595.0, 842.0),))
    )
    assert {"社区食堂开业", "河道清理完成"} <= {block.text for block in columns}


def test_a_line_carrying_on_a_latin_phrase_is_prose_whatever_its_glyph_size() -> None:
    def line(text: str, top: float, size: float = 12.0, left: float = 43) -> Line:
        return Line(text, 1, 0, (left, top, left + size * len(text) * 0.8, top + size), size, 0.9)

    lines = [
        line("屏山文物徑導賞團反應熱烈", 60, 20.0),
        line("一位來自英國的參加者表示：“The Ping Shan Heritage Trail is one of", 100, left=67),
        line("the best places to learn about the history", 120),
        # Capitals and descenders make the short Latin line's box taller.
        line("Of Hong Kong.", 140, 15.4),
        *[
            line("主辦單位表示，由於反應熱烈，將於十月再加開4場導賞團。", 160 + 20 * n)
            for n in range(4)
        ],
    ]
    bulletin = page_of(lines)
    (article,) = bulletin.articles
    assert "history Of Hong Kong." in article.text and not article.captions


def column_line(
    text: str,
    top: float,
    size: float = 12.0,
    left: float = 43,
    right: float | None = None,
    origin: str = "text",
) -> Line:
    """A line of a column, one glyph size a character wide unless right says where it ends."""
    right = right if right is not None else left + size * len(text)
    return Line(text, 1, 0, (left, top, right, top + size), size, 0.9, origin)


def test_a_caption_set_over_its_photo_inside_a_paragraph_is_kept_out_of_it() -> None:
    """A photo set into a column mid-paragraph (the next column running on beside it), its
    caption right over it in smaller type, the caption's first line as wide as the column
    and its short last line centred under it: OCR measures the caption less than a size
    apart from the text over it, and the caption's first line stands where the paragraph's
    next line would. The photo under the caption says what it is: the caption is set apart
    and the paragraph runs on across the photo."""
    body = "社区志愿者代表、居民代表和物业公司负责人参加会议，共商小区停车难问题，"
    rows = [body[n : n + 12] for n in range(0, 36, 12)]
    lines = [
        column_line("小区召开居民议事会", 60, 20.0),
        *[column_line(row, 100 + 18 * n) for n, row in enumerate(rows)],
        column_line("居民们在会议室里认真听取发言", 154, 10.5, left=46, right=192),
        column_line("内容", 167, 11.5, left=109, right=130),  # two glyphs measure loosely
        # the photo, 100 pt tall, then the paragraph runs on
        column_line("会上形成了错时停车方案，", 280),
        column_line("居民们纷纷表示满意。", 298, right=163),
        # the next column runs on beside the photo
        *[column_line("物业公司将在小区入口增设指示", 100 + 18 * n, left=220) for n in range(12)],
    ]
    (article,) = page_of(lines).articles
    assert [caption.text for caption in article.captions] == ["居民们在会议室里认真听取发言内容"]
    assert "问题，会上形成了错时停车方案" in article.text


def test_a_wrapped_captions_short_last_line_stays_with_it_whatever_size_it_measures() -> None:
    """A caption under its photo, wrapped onto a short last line centred under it: two
    glyphs measure loosely, here as large as the body, and the line was taken for the text
    running on under the caption. Text under a line runs on from its column's edge; a
    line centred under a caption's, and short of it, is the caption's."""

    def line(text: str, top: float, size: float = 12.0, left: float = 43, right=None) -> Line:
        return column_line(text, top, size, left, right, origin="ocr-tesseract")

    lines = [
        line("小区召开居民议事会", 60, 20.0),
        line("社区志愿者代表、居民代表和", 100),
        line("物业公司负责人参加会议。", 118, right=187),
        # the photo, 100 pt tall, then its caption and the text
        line("图为孩子们在河岸边踊跃", 236, 9.5, left=63, right=168),
        line("发言", 248, 11.5, left=104, right=127),
        line("会上形成了错时停车方案，居", 272),
        line("民们纷纷表示满意。", 290, right=151),
        # the next column runs on beside the photo
        *[line("物业公司将在小区入口增设指示", 100 + 18 * n, left=220) for n in range(12)],
    ]
    (article,) = page_of(lines).articles
    assert [caption.text for caption in article.captions] == ["图为孩子们在河岸边踊跃发言"]
    assert "发言" not in article.text


def test_a_line_ending_on_a_latin_words_point_is_joined_to_the_next_by_a_space() -> None:
    """Latin text breaks at its spaces: a line ending `（Mr.` and the next opening `Chan`
    stood a space apart, while a number broken after its point is one number."""

    def line(text: str, top: float) -> Line:
        return Line(text, 1, 0, (43, top, 283, top + 12), 12.0, 0.9)

    lines = [
        Line("社区中心举办开放日", 1, 0, (43, 60, 259, 84), 24.0, 0.9),
        line("开放日由中心主任陈大文先生（Mr.", 100),
        line("Chan Tai-man）主持，居民区还投入3.", 120),
        line("5万元改造活动室，欢迎居民参加。", 140),
    ]
    (article,) = page_of(lines).articles
    assert "先生（Mr. Chan Tai-man）主持" in article.text
    assert "投入3.5万元" in article.text


def test_a_title_opening_with_a_number_after_a_paragraph_ending_in_digits_starts_an_article() -> (
    None
):
    """A paragraph left ending in a phone number (OCR lost its stop) and a title of Han
    characters opening with a number: the title's glyph size is measured by its Han
    characters, and it is no Latin phrase carried on."""

    def line(text: str, top: float, size: float = 12.0, left: float = 43) -> Line:
        return Line(text, 1, 0, (left, top, left + size * len(text), top + size), size, 0.9)

    body = "主辦單位表示，由於反應熱烈，將於十月再加開4場導賞團。"
    first = body + "歡迎市民踴躍參加活動，諮詢電話：59571234"
    rows = [first[:25], first[25:]]
    lines = [
        line("屏山文物徑導賞團反應熱烈", 60, 24.0),
        line(rows[0], 100, left=67),
        line(rows[1], 120),
        line("200餘名居民參加鄰里節", 160, 24.0),
        *[line(body, 200 + 20 * n, left=43 if n else 67) for n in range(3)],
    ]
    bulletin = page_of(lines)
    assert [a.title for a in bulletin.articles] == [
        "屏山文物徑導賞團反應熱烈",
        "200餘名居民參加鄰里節",
    ]
    assert bulletin.articles[0].text == first


def test_a_head_with_a_subtitle_under_it_is_a_title_though_set_small() -> None:
    """A head only a little larger than the body, with a dash-led subtitle under it: only an
    article's title carries a subtitle, and a new article starts there."""

    def line(text: str, top: float, size: float = 12.0, left: float = 43) -> Line:
        return Line(text, 1, 0, (left, top, left + size * len(text), top + size), size, 0.9)

    body = "主辦單位表示，由於反應熱烈，將於十月再加開4場導賞團。"
    lines = [
        line("屏山文物徑導賞團反應熱烈", 60, 24.0),
        *[line(body, 100 + 20 * n, left=43 if n else 67) for n in range(3)],
        line("信報箱和健身器材等設施", 170, 16.0, left=120),
        line("——實施社區黨員與在職黨員雙向賦能計劃", 195, 13.0, left=90),
        *[line(body, 225 + 20 * n, left=43 if n else 67) for n in range(3)],
    ]
    bulletin = page_of(lines)
    titles = [(a.title, a.subtitle) for a in bulletin.articles]
    assert titles == [
        ("屏山文物徑導賞團反應熱烈", None),
        ("信報箱和健身器材等設施", "——實施社區黨員與在職黨員雙向賦能計劃"),
    ]


def test_a_head_over_columns_of_another_measure_than_the_text_above_is_a_title() -> None:
    """A head only a little larger than the body, between text set across the page and text
    in two columns: a heading goes on in its article's columns, and this one opens columns
    of its own, so it is the next article's title."""

    def line(text: str, top: float, size: float = 12.0, left: float = 43) -> Line:
        return Line(text, 1, 0, (left, top, left + size * len(text), top + size), size, 0.9)

    def rows(text: str, chars: int) -> list[str]:
        text = "\u3000\u3000" + text
        return [text[i : i + chars].lstrip("\u3000") for i in range(0, len(text), chars)]

    wide = "主辦單位表示，由於反應熱烈，將於十月再加開四場導賞團，歡迎市民報名。" * 3
    narrow = "志願者們分成六個小組，沿河岸撿拾塑料袋和飲料瓶等垃圾，共清理垃圾約三百公斤。"
    lines = [line("屏山文物徑導賞團反應熱烈", 60, 24.0)]
    lines += [
        line(r, 100 + 20 * n, left=67 if n == 0 else 43) for n, r in enumerate(rows(wide, 30))
    ]
    top = 100 + 20 * len(rows(wide, 30)) + 16
    lines.append(line("鄰里節持續一個月", top, 16.0))
    for c in range(2):
        left = 43 + c * 192
        for n, r in enumerate(rows(narrow, 14)):
            lines.append(line(r, top + 36 + 20 * n, left=left + (24 if n == 0 else 0)))
    bulletin = page_of(lines)
    assert [a.title for a in bulletin.articles] == ["屏山文物徑導賞團反應熱烈", "鄰里節持續一個月"]
    assert bulletin.articles[1].text == narrow + "\n" + narrow


def test_latin_words_a_chinese_model_read_unsurely_are_not_illegible_noise() -> None:
    from bulletin_ingest.model import Block
    from bulletin_ingest.structure import boilerplate_role

    def block(text: str) -> Block:
        return Block(text, text, 1, (), confidence=0.43)

    assert boilerplate_role(block("OfHong Kong,")) is None
    assert boilerplate_role(block("KK")) == "other"
    assert boilerplate_role(block("Re=R Qd-2)")) == "other"


def left_line(
    text: str, top: float, size: float = 12.0, left: float = 43, origin: str = "ocr-rapidocr"
) -> Line:
    """A line of the page's left column: confidence from OCR, none from a text layer."""
    confidence = None if origin == "pdf-text" else 0.9
    box = (left, top, left + size * len(text), top + size)
    return Line(text, 1, 0, box, size, confidence, origin)


def subtitled(lines: list[Line], origin: str) -> tuple[str | None, str]:
    """The one article's subtitle and text on a page of these lines."""
    (article,) = page_of(lines, origin).articles
    return article.subtitle, article.text


def test_an_indented_line_led_by_a_dash_under_a_title_is_its_subtitle() -> None:
    body = "150余名居民代表参加，社区干部逐条解读新规内容"
    lines = [
        left_line("垃圾分类新规6月起实施", 60, 20.0),
        left_line("-居民区召开专题说明会", 90, 12.9, left=60),  # OCR read the dash as a hyphen
        left_line("5月18日晚，虹桥新城居民区在睦邻中心召开说明会，", 134, left=67),
        *[left_line(body, 154 + 20 * n) for n in range(3)],
    ]
    subtitle, text = subtitled(lines, "ocr-rapidocr")
    assert subtitle == "——居民区召开专题说明会"
    assert not text.startswith("——")


def test_a_dash_led_subtitle_over_text_not_indented_is_still_a_subtitle() -> None:
    """Running on unindented into the next block, or ending on a word that leaves a phrase
    open, marks a line of prose broken at a column's foot; a line led by the Chinese dash is
    a subtitle all the same."""
    body = "150余名居民代表参加，社区干部逐条解读新规内容"
    lines = [
        left_line("垃圾分类新规6月起实施", 60, 20.0, origin="pdf-text"),
        left_line("——更希望居民区及老楼房的", 90, 12.5, origin="pdf-text"),
        *[left_line(body, 124 + 20 * n, origin="pdf-text") for n in range(3)],
    ]
    subtitle, text = subtitled(lines, "pdf-text")
    assert subtitle == "——更希望居民区及老楼房的"
    assert not text.startswith("——")


def test_a_columns_first_line_beside_the_next_column_is_no_subtitle() -> None:
    """A short article in narrow columns a line or two deep: the first column's one line
    stands under the title like a subtitle, but the next column's line shares its row. A
    subtitle has its row to itself; this line opens the body. (Short lines spaced out to
    fill their measure are boxed larger than the body's glyphs.)"""
    lines = [
        left_line("暑期阅读活动在区图书馆启动", 60, 20.0),
        left_line("7月10日，悦读青浦暑期", 96, 13.5, left=67),
        left_line("阅读活动在区图书馆", 96, 13.5, left=262),
        left_line("启动，家长和孩子踊跃参加", 96, left=450),
        left_line("活动将持续到8月底。", 116, left=450),
    ]
    subtitle, text = subtitled(lines, "ocr-rapidocr")
    assert subtitle is None
    assert text.startswith("7月10日，悦读青浦暑期阅读活动")


def test_a_columns_first_line_beside_a_column_past_a_short_titles_end_is_no_subtitle() -> None:
    """A flush-left title shorter than its article's columns: the next column's line on the
    first column's row starts past the title's end, with nothing over it up to the title:
    it opens its column under that title, and the first column's line is the body's."""
    third = [
        "家长和孩子踊跃参加，",
        "活动将持续到八月底，",
        "其间每周举办两场亲",
        "子共读和一场讲座。",
    ]
    lines = [
        left_line("图书馆启动暑期活动", 60, 20.0),
        left_line("7月10日，悦读青浦暑期", 96, left=67),
        left_line("阅读活动在区图书馆启动，", 96, 13.3, left=250),  # spaced out: boxed larger
        *[left_line(text, 96 + 20 * n, left=420) for n, text in enumerate(third)],
    ]
    subtitle, text = subtitled(lines, "ocr-rapidocr")
    assert subtitle is None
    assert text.startswith("7月10日，悦读青浦暑期阅读活动")


def test_a_subtitle_read_in_two_pieces_at_its_phrase_space_is_still_a_subtitle() -> None:
    """OCR parts a line at a phrase space, a glyph wide: what stands beside a subtitle's
    first piece that close is the rest of it, not the next column."""
    body = "150余名居民代表参加，社区干部逐条解读新规内容，现场气氛热烈。"
    lines = [
        left_line("垃圾分类新规6月起实施", 60, 20.0),
        left_line("居民区召开", 92, 13.5),
        left_line("专题说明会", 92, 13.5, left=43 + 13.5 * 6),
        *[left_line(body, 130 + 20 * n, left=43 if n else 67) for n in range(3)],
    ]
    (article,) = [a for a in page_of(lines, "ocr-rapidocr").articles if a.text]
    assert article.subtitle == "居民区召开"


def test_a_head_in_larger_type_under_a_smaller_one_is_no_subtitle_of_it() -> None:
    """A subtitle is set smaller than its title: a short line in small type well above a
    title (a section's label) does not make the title its subtitle."""
    body = "150余名居民代表参加，社区干部逐条解读新规内容，现场气氛热烈。"
    lines = [
        left_line("社区动态", 104, 9.5, left=240),
        left_line("垃圾分类新规6月起实施", 140, 22.0),
        *[left_line(body, 180 + 20 * n, left=43 if n else 67) for n in range(3)],
    ]
    titled = [a for a in page_of(lines, "ocr-rapidocr").articles if a.text]
    assert [(a.title, a.subtitle) for a in titled] == [("垃圾分类新规6月起实施", None)]


def test_a_line_broken_off_inside_brackets_is_no_head() -> None:
    from bulletin_ingest.model import Block
    from bulletin_ingest.structure import is_title_like

    def block(text: str) -> Block:
        return Block(text, text, 1, (), size=12.0)

    assert not is_title_like(block("活动由中心主任陈大文先生（Mr."), 12.0)
    assert is_title_like(block("活动由中心主任陈大文先生（Mr. Chan）主持"), 12.0)


def test_a_head_set_large_is_a_head_whatever_mark_ocr_read_into_its_space() -> None:
    """Prose is never set larger than the body: a quote mark left open in a line of large
    type is OCR's reading of the ideographic space between its phrases."""
    from bulletin_ingest.model import Block
    from bulletin_ingest.structure import is_title_like

    text = "志愿者代表张凤岐“18周岁以下的中小学生和婴幼儿为每人每年200元"
    assert is_title_like(Block(text, text, 1, (), size=30.0), 14.0)
    assert not is_title_like(Block(text, text, 1, (), size=14.0), 14.0)


def test_marks_alone_are_no_head_however_large() -> None:
    """A head says something: a bar or a frame's edge read as marks, in large type, is
    none, while a head of a single glyph or number is."""
    from bulletin_ingest.model import Block
    from bulletin_ingest.structure import is_title_like

    for text, head in [("|", False), ("——", False), ("队", True), ("2", True)]:
        assert is_title_like(Block(text, text, 1, (), size=30.0), 12.0) is head


def test_an_issue_number_whose_qi_ocr_read_without_its_moon_still_marks_the_issue() -> None:
    from bulletin_ingest.layout import ISSUE_NUMBER_RE

    assert ISSUE_NUMBER_RE.search("2023年10月 第10其")
    assert ISSUE_NUMBER_RE.search("第36期") and not ISSUE_NUMBER_RE.search("其中第10位")


def test_the_last_line_of_a_column_beside_a_photo_carries_its_sentence_on() -> None:
    def line(text: str, top: float, size: float = 12.4, left: float = 43) -> Line:
        return Line(text, 1, 0, (left, top, left + 11.0 * len(text), top + 12), size, 0.9)

    lines = [
        line("新泾镇首家社区长者食堂正式开业", 60, 20.0),
        line("食堂实行中央厨房配送模式，每天供应", 100, left=67),
        line("三餐，午餐荤素搭配，每份12元。80周岁", 121),
        # OCR read one character too many, so the short line's glyphs look small;
        # below it a photo leaves the column empty.
        line("以上的老人和凭", 142, 10.4),
        line("社保卡还可享受每餐3元的补贴，行动不", 100, left=320),
        line("便的老人可以通过电话预约送餐上门。", 121, left=320),
    ]
    (article,) = page_of(lines).articles
    assert "80周岁以上的老人和凭社保卡" in article.text and not article.captions


def test_a_caption_right_under_the_text_over_its_photo_is_no_line_of_that_text() -> None:
    """A caption set over its photo, right under a column's unfinished line at the line
    pitch, smaller than the body and in from both edges of the measure, is a caption: the
    next line of the text would fill the measure."""

    def line(text: str, top: float, size: float = 12.0, left: float = 43) -> Line:
        return Line(text, 1, 0, (left, top, left + size * len(text), top + size), size, 0.9)

    lines = [
        line("新泾镇领导班子成员参加会议", 60, 20.0),
        line("新泾镇领导班子成员，各机关", 100, left=67),
        line("科室、中心、综合执法大队负责", 121),
        line("人，居民区在职党员代表，社区", 142),
        line("志愿者代表和居民代表共同参加", 163),
        line("孩子们在广场上挥手致意", 184, 9.6, left=49),
        # a photo leaves the column blank under the caption
        *[line(text, 100 + 21 * n, left=320) for n, text in enumerate(NEXT_COLUMN)],
        line("屏山文物径导赏团反应热烈", 360, 20.0),
        *[line("主办单位表示由于反应热烈将", 400 + 21 * n) for n in range(4)],
    ]
    article = page_of(lines).articles[0]
    assert "共同参加常规" in article.text and "挥手" not in article.text
    assert [caption.text for caption in article.captions] == ["孩子们在广场上挥手致意"]


def test_a_line_opening_with_a_quotation_stands_at_the_measures_edge_by_its_cell() -> None:
    """An opening mark's ink stands in the right of its cell: a column's line opening with
    one, its ink set in half a glyph, starts at the column's edge and may carry the text
    on; a line in from both edges by its cells may not."""
    from bulletin_ingest.model import Block
    from bulletin_ingest.structure import caption_short_of_measure

    above = Block("", "", 1, (), (43, 100, 211, 175), 12.0)

    def block(text: str, left: float) -> Block:
        box = (left, 184, left + 9.6 * len(text), 194)
        return Block(text, text, 1, (), box, 9.6, near_figure=True)

    assert not caption_short_of_measure(block("“颜值”改造，更", 49), above, 12.0)
    assert caption_short_of_measure(block("颜值改造，更", 49), above, 12.0)


NEXT_COLUMN = (
    "常规、肝肾功能和心电图",
    "等。中心全科医生介绍，",
    "体检报告会同步上传到居",
    "民的健康档案，方便居民",
    "随时查询自己的体检结果。",
)
"""The column a loosely leaded column's sentence runs on into."""


def test_the_next_line_of_a_loosely_leaded_column_carries_its_sentence_on() -> None:
    """Set with most of a glyph's height of blank between lines, a column's last line,
    which OCR measures small (a mark it skipped) and boxes a little low, is still the next
    line of the text above it, not a caption for the empty column beside it."""

    def line(text: str, top: float, size: float = 10.2, left: float = 54.0) -> Line:
        return left_line(text, top, size, left, origin="ocr-tesseract")

    lines = [
        line("新泾镇首家社区长者食堂正式开业", 40, 20.0),
        line("中心还为辖区65岁以", 80, left=75),
        line("上的老年人提供每年一次", 99),
        line("的免费体检项目包括血", 120, 8.6),
        *[line(text, 80 + 19 * n, left=180) for n, text in enumerate(NEXT_COLUMN)],
    ]
    (article,) = page_of(lines).articles
    assert "一次的免费体检项目包括血常规" in article.text and not article.captions


def test_the_line_under_a_paragraphs_indented_first_line_carries_its_sentence_on() -> None:
    """A paragraph's first line, set in two glyphs, then its next line at the column's
    edge, which OCR measures small (digits are narrow) beside the empty foot of the short
    column: it starts where the next line of the first one does, and carries the sentence
    on; no caption."""

    def line(text: str, top: float, size: float = 10.2, left: float = 54.0) -> Line:
        return left_line(text, top, size, left, origin="ocr-tesseract")

    lines = [
        line("新泾镇首家社区长者食堂正式开业", 40, 20.0),
        line("这支队伍成立于", 80, left=75),
        line("2015年，现有队员320名，常年开展", 99, 8.6),
        *[line(text, 80 + 19 * n, left=250) for n, text in enumerate(NEXT_COLUMN)],
    ]
    (article,) = page_of(lines).articles
    assert article.text.startswith("这支队伍成立于2015年，现有队员320名") and not article.captions


def test_a_head_beside_a_title_or_across_the_page_is_no_subtitle_of_it() -> None:
    """A subtitle stands under its title: the next column's title on the same row starts
    an article of its own, and so does a title under the bulletin's name set in the page's
    corner, which it reaches under by a few points only."""
    body = "150余名居民代表参加，社区干部逐条解读"
    beside = [
        left_line("垃圾分类新规实施", 60, 20.0),
        left_line("社区文化节开幕", 60, 20.0, left=330),
        *[left_line(body, 100 + 20 * n, 11.0) for n in range(3)],
        left_line("现场气氛热烈。", 160, 11.0),
        *[left_line(body, 100 + 20 * n, 11.0, left=330) for n in range(3)],
        left_line("现场气氛热烈。", 160, 11.0, left=330),
    ]
    articles = page_of(beside, "ocr-rapidocr").articles
    assert [(a.title, a.subtitle) for a in articles if a.text] == [
        ("垃圾分类新规实施", None),
        ("社区文化节开幕", None),
    ]
    corner = [
        left_line("龙华周报", 40, 34.0, left=430),
        left_line("盈港花园居民区书记说", 100, 25.0, left=187),
        *[left_line(body + "。", 150 + 20 * n, 11.0) for n in range(4)],
    ]
    articles = page_of(corner, "ocr-rapidocr").articles
    assert [a.title for a in articles if a.text] == ["盈港花园居民区书记说"]


def two_column_paragraph(last_left: str, indented: bool = False) -> list[str]:
    """The paragraphs of an article whose text runs from a left column, ending on
    last_left, into a right column whose first line is not indented (or is, two glyphs)."""
    left = [
        "五月十八日晚虹桥新城",
        "居民区在睦邻中心召开垃圾",
        "分类说明会一百五十余名居",
        last_left,
    ]
    right = ["社区干部逐条解读新规内容", "居民们纷纷表示会自觉做好", "垃圾分类。"]
    lines = [
        left_line("垃圾分类新规6月起实施", 60, 22.0),
        *[left_line(text, 110 + 20 * n, left=67 if n == 0 else 43) for n, text in enumerate(left)],
        *[
            left_line(text, 110 + 20 * n, left=244 if indented and n == 0 else 220)
            for n, text in enumerate(right)
        ],
    ]
    (article,) = page_of(lines, "ocr-rapidocr").articles
    return [b.text for b in article.body if b.role == "paragraph"]


def test_a_full_line_ending_a_sentence_at_a_columns_foot_runs_on_into_the_next_column() -> None:
    """A full stop at the end of a line that fills its column ends a sentence; the
    paragraph ends where its last line stops short, or the next line is indented. The
    next column's first line is not indented: one paragraph."""
    assert len(two_column_paragraph("民代表参加了说明会议。")) == 1
    assert len(two_column_paragraph("民代表参加说明会。")) == 2


def test_a_sentence_broken_off_on_a_comma_runs_on_into_a_block_set_in() -> None:
    """A paragraph never ends on a pause: the text after it carries the sentence on, even
    where its first line stands set in (a block OCR or layout took wider than its column
    shows its lines set in)."""
    assert len(two_column_paragraph("民代表参加说明会，", indented=True)) == 1
    assert len(two_column_paragraph("民代表参加说明会。", indented=True)) == 2


def short_article_in_columns(middle_size: float, photo_over_middle: bool) -> list[Line]:
    """A page: a short article whose one row runs across three narrow columns, OCR having
    measured its middle piece small, then an article of full lines; or, photo_over_middle,
    a row whose middle piece stands under a photo (a blank) instead of under the title."""

    def line(text: str, top: float, left: float, size: float = 12.0) -> Line:
        width = size * len(text)
        return Line(text, 1, 0, (left, top, left + width, top + size), size, 0.9, "ocr-tesseract")

    body = "主辦單位表示，由於反應熱烈，將於十月再加開4場導賞團。"
    row_top = 220 if photo_over_middle else 100
    return [
        line("共有約360名市民參加回收活動", 60, 120, 20.0),
        line("可回收物料佔三成，", row_top, 43),
        line("居民代表參加", row_top, 175, middle_size),
        line("垃圾分類宣傳活動。", row_top, 300),
        *([] if not photo_over_middle else [line(body[:9], 100 + 20 * n, 43) for n in range(5)]),
        *([] if not photo_over_middle else [line(body[:12], 100 + 20 * n, 300) for n in range(5)]),
        line("屏山文物徑導賞團反應熱烈", 300, 43, 20.0),
        *[line(body, 340 + 20 * n, 43) for n in range(10)],
    ]


def test_a_line_of_a_row_set_in_columns_is_text_however_small_ocr_measured_it() -> None:
    """A short article set in three narrow columns, one row deep: its middle piece stands
    level with text on both sides and right under the title, so it carries the text on,
    though OCR measured its glyphs small and a tall blank lies under the row."""
    bulletin = page_of(short_article_in_columns(9.5, photo_over_middle=False))
    first = bulletin.articles[0]
    assert "居民代表參加" in first.text and not first.captions


def test_a_caption_level_with_the_rows_beside_its_photo_stays_a_caption() -> None:
    """The same line under a photo (nothing over it but the blank the photo leaves), level
    with the text of the columns on each side, is the photo's caption."""
    bulletin = page_of(short_article_in_columns(9.5, photo_over_middle=True))
    captions = [c.text for a in bulletin.articles for c in a.captions]
    assert captions == ["居民代表參加"]


def solid_line(text: str, top: float, left: float = 43, size: float = 12.0) -> Line:
    """A line tesseract read, its glyphs set solid from left."""
    width = size * len(text)
    return Line(text, 1, 0, (left, top, left + width, top + size), size, 0.9, "ocr-tesseract")


def test_a_kicker_over_a_title_is_no_text_of_the_open_article_above() -> None:
    """The article above ends in an open sentence (OCR lost its last line); a row of phrases
    in body glyphs sits right over the next title. It introduces that title, as a kicker,
    and does not carry the open text on."""

    body = "主辦單位表示由於反應熱烈，將於十月再加開"
    lines = [
        solid_line("屏山文物徑導賞團反應熱烈", 60, size=20.0),
        *[solid_line(body, 100 + 18 * n) for n in range(8)],
        *[solid_line(body, 100 + 18 * n, left=310) for n in range(5)],
        solid_line("聚焦民生　服務群眾", 270),
        solid_line("鎮民政辦負責人王建華表示", 290, size=20.0),
        *[solid_line(body[:-1] + "。", 330 + 18 * n) for n in range(6)],
    ]
    bulletin = page_of(lines)
    assert [(a.kicker, a.title) for a in bulletin.articles] == [
        (None, "屏山文物徑導賞團反應熱烈"),
        ("聚焦民生　服務群眾", "鎮民政辦負責人王建華表示"),
    ]
    assert "聚焦" not in bulletin.articles[0].text


def test_a_short_line_that_prose_follows_is_no_kicker_of_a_title_further_on() -> None:
    """A paragraph ends at a column's foot one glyph short (`節日活`); its last glyph
    stands alone at the next column's top, over a short line and then text. The lone glyph
    looks like a kicker, but a kicker stands right over its title: what prose follows is
    text, and carries the open paragraph on. The next title takes no kicker."""

    body = "今年八十二歲的李婆婆每年都會參加中心的"
    lines = [
        solid_line("居民議事會商定小區停車新方案", 60, size=20.0),
        *[solid_line(body, 100 + 18 * n) for n in range(8)],
        solid_line("節日活", 100 + 18 * 8),
        solid_line("動", 100, left=310, size=8),
        solid_line("黨員代表在廣場上揮手致意", 118, left=310, size=10),
        *[
            solid_line("她說平時子女工作忙來到中心有朋友陪", 250 + 18 * n, left=310)
            for n in range(4)
        ],
        solid_line("預計參與居民超過五千人次", 400, size=20.0),
        *[solid_line(body[:-1] + "。", 440 + 18 * n) for n in range(6)],
    ]
    bulletin = page_of(lines)
    assert [(a.kicker, a.title) for a in bulletin.articles] == [
        (None, "居民議事會商定小區停車新方案"),
        (None, "預計參與居民超過五千人次"),
    ]
    assert "節日活動" in bulletin.articles[0].text


def test_a_reporters_credit_set_as_large_as_the_subtitle_over_it_is_the_byline() -> None:
    """The reporter's credit stands under the subtitle in type almost as large, at a head's
    leading, so layout takes it for the subtitle's next line. A role and a name alone is
    the byline, never a line of a head."""
    body = "今年八十二歲的李婆婆每年都會參加中心的節日活動。"
    lines = [
        solid_line("居民議事會商定小區停車新方案", 60, size=20.0),
        solid_line("——活動面向全區中小學生", 88, size=14.5),
        solid_line("本報記者張靜明", 108, size=14.0),
        *[solid_line(body, 140 + 18 * n) for n in range(6)],
    ]
    (article,) = page_of(lines).articles
    assert (article.title, article.subtitle, article.byline) == (
        "居民議事會商定小區停車新方案",
        "——活動面向全區中小學生",
        "本報記者張靜明",
    )
    assert article.text.startswith("今年")


def test_in_text_alone_a_list_s_items_are_paragraphs_not_articles() -> None:
    """A list's items open on their numbers: under the line that introduces them each is a
    paragraph (or, unfinished, a heading) of the article, never an article's title, however
    long."""
    intro = "为方便居民办事，现将本月有关事项提示如下："
    items = ["一、医保参保登记将于10月20日开始。", "二、社区食堂延长营业时间。"]
    text = "社区服务中心十月工作提示事项一览表\n\n" + "\n".join([intro, *items]) + "\n"
    (article,) = ingest_text(text).articles
    assert [block.text for block in article.body] == [intro, *items]
    headed = "\n\n".join(["社区服务中心十月工作提示事项一览表", intro, *items]).replace("。", "")
    (article,) = ingest_text(headed + "\n").articles
    assert [block.role for block in article.body] == ["paragraph", "heading", "heading"]
