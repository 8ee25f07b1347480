"""Layout on pages drawn from lines: the conventions of print the layout zoo showed failing
(wrapped titles, articles side by side, running heads at the foot, heads spanning columns,
captions set centred, a masthead with its issue box left of the name or a name no larger
than a title)."""

from __future__ import annotations

from dataclasses import replace

import pytest
import regex

from bulletin_ingest import IngestConfig
from bulletin_ingest.chars import HANGING_MARKS
from bulletin_ingest.layout import (
    _box,
    block_of,
    cut_at_gutters,
    gutters,
    is_centred,
    is_kicker_of,
    one_cut_per_gap,
    runs_through,
    slabs,
    wide_gaps,
)
from bulletin_ingest.model import ILLEGIBLE, Bulletin, Document, Line, Page, Word
from bulletin_ingest.pipeline import bulletin_from_document
from bulletin_ingest.sources.lines import COLUMN_READ, EM_PER_INK, glyph_size

BODY = 10.0
PITCH = 16.0
SENTENCES = (
    "社区食堂正式开业以来，每天为两百多位老人提供午餐和晚餐服务。",
    "食堂由镇政府投资建设，设有就餐区、备餐区和配送中心，可同时容纳一百余人。",
    "志愿者们分成六个小组，沿河岸捡拾塑料袋和饮料瓶等垃圾，共清理垃圾约三百公斤。",
    "参加活动的中学生说，透过亲身参与，他更明白减少废物和干净回收的重要。",
)


def line(text: str, x0: float, top: float, size: float = BODY, origin: str = "pdf-text") -> Line:
    return Line(text, 1, 0, (x0, top, x0 + size * len(text), top + size), size, None, origin)


def column(text: str, x0: float, top: float, chars: int = 16, **kw) -> list[Line]:
    """text set in a column chars glyphs wide, its first line indented two glyphs."""
    text = "\u3000\u3000" + text
    pieces = [text[i : i + chars] for i in range(0, len(text), chars)]
    lines = []
    for n, piece in enumerate(pieces):
        left = x0 + 2 * BODY if n == 0 else x0
        lines.append(line(piece.lstrip("\u3000"), left, top + n * PITCH, **kw))
    return lines


def read(*lines: Line) -> Bulletin:
    page = Page(1, tuple(lines), 595.0, 842.0, "pdf-text")
    return bulletin_from_document(Document("t.pdf", "0", "pdf-text", (page,)), IngestConfig())


def body_text(bulletin: Bulletin) -> str:
    return "".join(a.text.replace("\n", "") for a in bulletin.articles)


def test_a_title_wrapped_onto_a_second_line_is_one_title() -> None:
    bulletin = read(
        line("新泾镇召开加强基层治理体系和", 50, 100, 20),
        line("治理能力建设推进会", 50, 127, 20),
        *column(SENTENCES[0] + SENTENCES[1], 50, 170, chars=30),
    )
    assert [a.title for a in bulletin.articles] == [
        "新泾镇召开加强基层治理体系和治理能力建设推进会"
    ]


def test_a_kicker_centred_over_its_title_under_the_issue_line_is_its_kicker() -> None:
    """Two articles side by side under a masthead whose issue line stands left: each
    kicker is centred over its title, and the first is no paragraph under the issue line."""
    kickers = ("邻里守望 情暖安亭", "听民声 汇民意 解民忧")
    titles = ("社区食堂正式开业", "河道清理志愿活动")
    bulletin = read(
        line("2023年9月21日 第31期", 47, 48, 9.5),
        line("川沙周报", 428, 47, 32),
        *[line(k, x - 14 * len(k) / 2, 109, 14) for k, x in zip(kickers, (159, 437), strict=True)],
        *[line(t, x - 26 * len(t) / 2, 136, 26) for t, x in zip(titles, (159, 437), strict=True)],
        *column(SENTENCES[0] + SENTENCES[1], 39, 180, chars=17, size=14),
        *column(SENTENCES[2] + SENTENCES[3], 317, 180, chars=17, size=14),
    )
    heads = [(a.kicker, a.title) for a in bulletin.articles]
    assert heads == list(zip(kickers, titles, strict=True))


def test_articles_side_by_side_are_read_one_after_the_other() -> None:
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        line("河道清理志愿活动", 320, 100, 18),
        *column(SENTENCES[0] + SENTENCES[1], 50, 140),
        *column(SENTENCES[2] + SENTENCES[3], 320, 140),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业", "河道清理志愿活动"]
    assert [a.text for a in bulletin.articles] == [
        SENTENCES[0] + SENTENCES[1],
        SENTENCES[2] + SENTENCES[3],
    ]


def test_articles_side_by_side_part_though_one_column_seems_to_run_on_into_the_next() -> None:
    """OCR lost the left article's last glyphs, so its last line fills its column and ends
    no sentence; the right article's title wraps onto a short line, and its text opens with
    a byline. Neither that line of the title nor the byline is text running on."""
    left = (SENTENCES[0] + SENTENCES[1])[: 16 * 4 - 2]
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        line("河道清理志愿者", 320, 100, 18),
        line("活动", 320, 122, 18),
        *column(left, 50, 160),
        line("记者 马伟", 320, 160, 9),
        *column(SENTENCES[2] + SENTENCES[3], 320, 180),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业", "河道清理志愿者活动"]
    assert bulletin.articles[0].text == left
    assert bulletin.articles[1].text == SENTENCES[2] + SENTENCES[3]


def test_a_subtitle_set_as_large_as_a_head_leaves_articles_side_by_side_apart() -> None:
    """Two articles side by side, each over two columns; the left title has a subtitle
    set a third larger than the body (large enough to cut the page as a head), with no
    dash to lead it, under a gap wider than a body line's pitch. The row of titles is no
    band of its own read across as one head."""
    subtitle = "六十周岁以上老人个人缴费标准为每人每年九十五元"
    left, right = SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3]
    bulletin = read(
        line("共同守护家门口的绿水清波", 50, 60, 20),
        line("针对小区停车难问题", 320, 60, 20),
        line(subtitle[:15], 50, 98, 13.5),
        line(subtitle[15:], 50, 116, 13.5),
        *column(left[:40], 50, 150, chars=11),
        *column(left[40:], 170, 150, chars=11),
        *column(right[:40], 320, 150, chars=11),
        *column(right[40:], 440, 150, chars=11),
    )
    heads = [(a.title, a.subtitle) for a in bulletin.articles]
    assert heads == [("共同守护家门口的绿水清波", subtitle), ("针对小区停车难问题", None)]


def test_a_subtitle_wider_than_its_short_title_leaves_articles_side_by_side_apart() -> None:
    """Three articles side by side, one column each; the first title, short, has a
    subtitle led by the dash that runs wider than it, a gap wider than a line's pitch under
    it. Each title keeps its own text."""
    third = SENTENCES[1] + SENTENCES[0]
    bulletin = read(
        line("绿水清波", 50, 60, 20),
        line("停车难题", 230, 60, 20),
        line("长者食堂", 410, 60, 20),
        line("——河道志愿者在行动", 50, 98, 13.5),
        *column(SENTENCES[0] + SENTENCES[1], 50, 130, chars=15),
        *column(SENTENCES[2] + SENTENCES[3], 230, 130, chars=15),
        *column(third, 410, 130, chars=15),
    )
    assert [(a.title, a.subtitle) for a in bulletin.articles] == [
        ("绿水清波", "——河道志愿者在行动"),
        ("停车难题", None),
        ("长者食堂", None),
    ]
    assert bulletin.articles[2].text == third


def test_a_note_at_the_pages_foot_starting_in_the_gutter_joins_no_column() -> None:
    """Two articles side by side, and far below them an imprint line that starts in their
    gutter and runs across it: no column runs on into it past the blank between, so it
    takes no gutter from the articles above."""
    left = SENTENCES[0] + SENTENCES[1] + SENTENCES[3]
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 20),
        line("河道清理志愿活动", 320, 60, 20),
        *column(left, 50, 100, chars=22),
        *column(SENTENCES[2], 320, 100, chars=22),
        line("本刊编辑部编印", 276, 700, 10),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业", "河道清理志愿活动"]
    assert [a.text for a in bulletin.articles] == [left, SENTENCES[2]]


def test_a_column_going_on_under_its_photo_over_the_next_head_stays_with_its_article() -> None:
    """Two articles side by side; the left one's second column stops over a photo and goes
    on under it, past a gap across the page, beside the next section's kicker and less than
    a line's pitch over it. The lines under the photo are the left article's."""
    left = SENTENCES[0] + SENTENCES[1]
    under = left[53:]
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 20),
        line("河道清理志愿活动", 320, 60, 20),
        *column(left[:31], 50, 100, chars=11),
        line(left[31:42], 170, 100),
        line(left[42:53], 170, 116),
        *[line(under[i : i + 11], 170, 250 + 16 * (i // 11)) for i in range(0, len(under), 11)],
        *column(SENTENCES[2] + SENTENCES[3], 320, 100, chars=22),
        line("邻里守望 情暖社区", 50, 288, 12),
        line("长者食堂迎来首批食客", 50, 306, 20),
        *column(SENTENCES[3], 50, 340, chars=45),
    )
    assert [a.title for a in bulletin.articles] == [
        "社区食堂正式开业",
        "河道清理志愿活动",
        "长者食堂迎来首批食客",
    ]
    assert [a.text for a in bulletin.articles] == [left, SENTENCES[2] + SENTENCES[3], SENTENCES[3]]


def _headed(name_size: float) -> Bulletin:
    """An article whose title stands over a subtitle with no dash and a name set alone
    (its credit's cue, `文／`, lost), over two columns."""
    return read(
        line("社区食堂正式开业", 150, 100, 24),
        line("区议会公布明年社区重点工作", 185, 140, 16),
        line("高勇", 282, 166, name_size),
        *column(SENTENCES[0] + SENTENCES[1], 50, 200, chars=16, size=14),
        *column(SENTENCES[2] + SENTENCES[3], 300, 200, chars=16, size=14),
    )


def test_a_name_alone_under_a_title_and_its_subtitle_is_the_byline() -> None:
    (article,) = _headed(16).articles
    assert (article.subtitle, article.byline) == ("区议会公布明年社区重点工作", "高勇")
    assert article.text.startswith(SENTENCES[0])


def test_a_line_under_a_title_before_its_text_is_no_kicker_of_the_head_under_it() -> None:
    """The name under the subtitle is set large enough to pass for a title; the subtitle
    over it is still the first title's, which has no text yet: no title is left bare."""
    (article,) = _headed(19).articles
    assert (article.title, article.subtitle) == ("社区食堂正式开业", "区议会公布明年社区重点工作")
    assert article.kicker is None


def test_a_date_read_apart_from_the_issue_number_beside_it_is_the_masthead_s() -> None:
    """The masthead's name went unread; its issue line came in two pieces on one row, the
    date alone and the issue number a phrase space after it. The date is the masthead's
    too, no title of an article without text."""
    bulletin = read(
        line("2024年2月10日", 47, 91, 11),
        line("第3期（总第205期）", 128, 92, 10.5),
        line("社区食堂正式开业", 50, 130, 20),
        *column(SENTENCES[0] + SENTENCES[1], 50, 170, chars=30),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]
    assert {(b.text, b.role) for b in bulletin.boilerplate} >= {("2024年2月10日", "masthead")}


def test_a_slogan_right_over_the_issue_line_is_the_masthead_s() -> None:
    """The masthead's name went unread; its slogan stands centred right over its issue
    line. The slogan is the masthead's, no title of an article without text."""
    bulletin = read(
        line("服务居民 共建家园", 255, 91, 10),
        line("2022年5月27日 第12期", 241, 106, 10),
        line("社区食堂正式开业", 50, 140, 20),
        *column(SENTENCES[0] + SENTENCES[1], 50, 180, chars=30),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]
    assert ("服务居民 共建家园", "masthead") in {(b.text, b.role) for b in bulletin.boilerplate}


def test_a_byline_under_a_title_whose_box_ran_tall_is_no_line_of_the_title() -> None:
    """OCR gave a byline under a title a box nearly as tall as the title's; its width per
    glyph shows its size, and it is no second line of the title."""
    title = line("百余名居民代表参加", 200, 100, 20, origin="ocr-tesseract")
    byline = Line("记者何强军", 1, 0, (262, 122, 317, 140), 11.0, None, "ocr-tesseract")
    bulletin = read(
        title,
        byline,
        *column(SENTENCES[0] + SENTENCES[1], 50, 160, chars=30, origin="ocr-tesseract"),
    )
    (article,) = bulletin.articles
    assert article.title == "百余名居民代表参加"
    assert "何强军" in (article.byline or "")


def test_a_line_the_engine_mostly_doubted_is_no_head_cutting_the_columns() -> None:
    """The engine read a line of the middle column as a word it could not read, its box
    tall: measured 20 points, it would pass for a head and cut the three columns across, so
    that their first lines were read row by row."""
    texts = [SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3], SENTENCES[1]]
    cols = [
        column(text, 50 + n * 12 * BODY, 140, chars=10, origin="ocr-tesseract")
        for n, text in enumerate(texts)
    ]
    x0, top = cols[1][3].bbox[0], cols[1][3].bbox[1]  # type: ignore[index]
    words = (
        Word("oo", (x0, top - 4, x0 + 7 * BODY, top + BODY + 6), None, 0.0, True),
        Word(" 1234", (x0 + 7.5 * BODY, top, x0 + 9 * BODY, top + BODY), None, 0.59, True),
        Word("报", (x0 + 9 * BODY, top, x0 + 10 * BODY, top + BODY), None, 0.9, False),
    )
    box = (x0, top - 4, x0 + 10 * BODY, top + BODY + 6)
    cols[1][3] = Line("oo 1234报", 1, 0, box, 20.0, 0.5, "ocr-tesseract", words)
    title = line("社区食堂正式开业", 50, 100, 20, origin="ocr-tesseract")
    bulletin = read(title, *cols[0], *cols[1], *cols[2])
    first_lines = "".join(line.text for line in cols[1][:3])
    assert texts[0] + first_lines in body_text(bulletin)


def test_a_running_head_at_the_foot_beside_the_page_number_is_boilerplate() -> None:
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        *column(SENTENCES[0], 50, 140),
        line("泗泾简讯　2022年7月22日", 50, 800, 9),
        line("- 2 -", 520, 800, 10),
    )
    roles = {item.text: item.role for item in bulletin.boilerplate}
    assert roles["泗泾简讯2022年7月22日"] == "running-header"
    assert "泗泾" not in body_text(bulletin)


def test_a_subtitle_across_the_columns_leaves_them_read_column_by_column() -> None:
    left, right = SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3]
    bulletin = read(
        line("社区志愿服务队榜上有名", 120, 100, 20),
        line("——社区志愿者代表参加会议并", 160, 126, 12.5),
        line("发言", 225, 142, 12.5),
        line("通讯员 王明华", 190, 160, 9),
        *column(left, 50, 184),
        *column(right[:-1], 230, 184, chars=16),
    )
    (article,) = bulletin.articles
    assert article.subtitle == "——社区志愿者代表参加会议并发言"
    assert article.text.replace("\n", "").startswith(left)


def test_a_subtitles_last_glyph_wrapped_into_the_gutter_does_not_close_it() -> None:
    left, right = SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3]
    bulletin = read(
        line("社区志愿服务队榜上有名", 120, 100, 20),
        line("——社区志愿者代表参加会议并发", 137.5, 126, 11),
        line("言", 214.5, 140, 11),  # centred, so in the gutter between the columns
        *column(left, 50, 166),
        *column(right[:-1], 230, 166, chars=16),
    )
    (article,) = bulletin.articles
    assert article.subtitle == "——社区志愿者代表参加会议并发言"
    assert article.text.replace("\n", "").startswith(left)


CAPTION = "志愿者们在社区广场上合影留念和交流"
"""Nearly as wide as its column: it starts less than a glyph in from the column's edge."""


def test_a_caption_centred_over_its_photo_is_kept_out_of_the_text() -> None:
    ocr = {"origin": "ocr-tesseract"}
    text = SENTENCES[0] + SENTENCES[1]
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18, **ocr),
        *column(text[:40], 50, 100, **ocr),
        line(CAPTION, 50 + (160 - 8.5 * len(CAPTION)) / 2, 150, 8.5, **ocr),
        *[line(p, 50, 280 + n * PITCH, **ocr) for n, p in enumerate([text[40:56], text[56:]])],
        *column(SENTENCES[2] * 5, 240, 100, **ocr),
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == [CAPTION]
    assert "合影" not in article.text


@pytest.mark.parametrize("confidence", [0.0, 0.9])
def test_the_edge_of_a_photo_read_as_a_line_leaves_the_photo_its_place(confidence: float) -> None:
    """OCR reads the edge of a photo now and then as a line of tiny glyphs it cannot read
    (`REED` at 0.0), right under the caption set over the photo: that is no type, so the
    caption still stands over a blank, and is kept out of the text; the line is set aside.
    A line so small read surely is type, and is not set aside."""
    ocr = {"origin": "ocr-tesseract"}
    text = SENTENCES[0] + SENTENCES[1]
    caption = "党员代表在舞台上挥手致意"
    edge = replace(line("REED", 90, 166, 3.5, **ocr), confidence=confidence)
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18, **ocr),
        *column(text[:40], 50, 100, **ocr),
        line(caption, 50 + (160 - 9 * len(caption)) / 2, 150, 9, **ocr),
        edge,
        *[line(p, 50, 280 + n * PITCH, **ocr) for n, p in enumerate([text[40:56], text[56:]])],
        *column(SENTENCES[2] * 5, 240, 100, **ocr),
    )
    set_aside = [b.text for b in bulletin.boilerplate if b.role == "other"]
    if confidence < ILLEGIBLE:
        (article,) = bulletin.articles
        assert [c.text for c in article.captions] == [caption]
        assert "挥手" not in article.text
        assert set_aside == ["REED"]
    else:
        assert set_aside == []


def test_a_paragraph_opening_over_a_photo_is_text_though_its_glyphs_measure_small() -> None:
    """Over a photo set into a column, a paragraph opens: its first line set in, the next
    back at the column's edge. OCR measures its glyphs small (a Latin word in it), but a
    caption is never set as a paragraph opens: it is text, running on under the photo."""
    ocr = {"origin": "ocr-tesseract"}
    opening = ["图书馆阅览区已实现无线网络全覆", "盖，读者还可以通过社区小程序在"]
    rest = ["线预约座位和借阅图书，十分方便。"]
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18, **ocr),
        *column(SENTENCES[0], 50, 100, **ocr),
        line(opening[0], 70, 100 + 3 * PITCH, 9.3, **ocr),
        line(opening[1], 50, 100 + 4 * PITCH, 9.0, **ocr),
        *[line(p, 50, 300 + n * PITCH, **ocr) for n, p in enumerate(rest)],
        *column(SENTENCES[2] * 5, 240, 100, **ocr),
    )
    (article,) = bulletin.articles
    assert article.captions == ()
    assert "".join(opening + rest) in article.text.replace("\n", "")


def test_a_caption_centred_on_two_lines_over_its_photo_is_one_caption() -> None:
    text = SENTENCES[0] + SENTENCES[1]
    first, last = "党员代表在活动现场挥手", "致意"
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18),
        *column(text[:40], 50, 100),
        line(first, 130 - 7 * len(first) / 2, 150, 7),
        line(last, 130 - 7 * len(last) / 2, 159, 7),
        *[line(p, 50, 280 + n * PITCH) for n, p in enumerate([text[40:56], text[56:]])],
        *column(SENTENCES[2] * 5, 240, 100),
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == [first + last]
    assert "挥手" not in article.text


def test_a_caption_of_two_lines_under_a_photo_filling_a_column_is_a_column_of_its_own() -> None:
    """Between two columns of text, a column that a photo fills holds only its caption,
    smaller than the body: the caption's two lines stacked there are that column's, with a
    gutter either side; one such line alone (a caption's last, under a photo wider than its
    column) is not."""
    left, right = SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3]
    first, last = "图为嘉宾们在舞台上表演", "节目"
    text = [*column(left * 2, 50, 100, chars=12), *column(right * 2, 280, 100, chars=12)]
    caption = [line(first, 225 - 3.5 * len(first), 150, 7), line(last, 218, 159, 7)]
    assert len(gutters([_box(x) for x in [*text, *caption]], BODY)) == 2
    assert len(gutters([_box(x) for x in [*text, caption[1]]], BODY)) == 1


def test_a_caption_a_text_layer_sets_smaller_over_a_photo_mid_sentence_is_kept_out() -> None:
    """The caption stands where the next line of the unfinished text above would, but a text
    layer states its size, smaller than the body's: it is no line of that text."""
    text = SENTENCES[0] + SENTENCES[1]
    caption = "居民们在河岸边表演节目"
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18),
        *column(text[:44], 50, 100),
        line(caption, 59, 100 + 3 * PITCH, 8.3),
        *[line(p, 50, 280 + n * PITCH) for n, p in enumerate([text[44:60], text[60:]])],
        *column(SENTENCES[2] * 5, 240, 100),
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == [caption]
    assert text in article.text.replace("\n", "")


def test_a_subtitle_set_larger_than_the_body_wrapped_onto_a_centred_line_is_one() -> None:
    first, last = "——作品请于6月10日前送至", "镇文化中心"
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 20),
        line(first, 50, 90, 12.8),
        line(last, 130 - 12.8 * len(last) / 2, 106, 12.8),
        *column(SENTENCES[0] + SENTENCES[1], 50, 130),
    )
    (article,) = bulletin.articles
    assert article.subtitle == first + last


def test_a_blocks_size_is_that_of_most_of_its_characters() -> None:
    """OCR gives a short line its ink's height for its size, larger than its advance: the
    two-glyph last line of a caption does not make the caption body-sized."""
    caption = (line("居民们在会议室里表演", 317, 304, 10.0), line("节目", 357, 318, 11.5))
    assert block_of(caption).size == 10.0


def test_a_masthead_whose_issue_box_stands_left_of_its_name_is_boilerplate() -> None:
    bulletin = read(
        line("2023年4月1日　第50期", 50, 40, 9),
        line("金山社区报", 380, 44, 30),
        line("社区食堂正式开业", 50, 120, 18),
        *column(SENTENCES[0] + SENTENCES[1], 50, 160, chars=30),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]
    assert {item.text: item.role for item in bulletin.boilerplate}["金山社区报"] == "masthead"


@pytest.mark.parametrize(
    ("masthead", "pieces"),
    [
        # The date at the left end of the issue line's row, the number at the right, read
        # as two blocks: the date starts no article.
        (
            (
                line("2023年4月1日", 50, 40, 9),
                line("第50期", 140, 40, 9),
                line("金山社区报", 380, 48, 30),
            ),
            ("2023年4月1日", "第50期"),
        ),
        # A name of four glyphs read as two pieces on its row, the last glyph's box taller:
        # neither piece is long enough for a head.
        (
            (
                line("屯门通", 232, 42, 32),
                Line("讯", 1, 0, (333, 40, 366, 78), 34.0, None, "pdf-text"),
                line("共建共治共享", 267, 85, 10),
                line("2022年3月17日　第43期", 241, 103, 9),
            ),
            ("屯门通", "讯"),
        ),
    ],
)
def test_a_masthead_read_in_pieces_on_a_row_is_all_masthead(
    masthead: tuple[Line, ...], pieces: tuple[str, str]
) -> None:
    bulletin = read(
        *masthead,
        line("社区食堂正式开业", 50, 150, 18),
        *column(SENTENCES[0] + SENTENCES[1], 50, 190, chars=30),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]
    roles = {item.text: item.role for item in bulletin.boilerplate}
    assert roles[pieces[0]] == roles[pieces[1]] == "masthead"


def test_a_masthead_name_no_larger_than_a_title_is_told_by_standing_above_its_issue_line() -> None:
    heads = (
        line("金山社区报", 50, 40, 17),
        line("2023年4月1日　第50期", 50, 66, 9),
        line("社区食堂正式开业", 50, 120, 17),
    )
    bulletin = read(*heads, *column(SENTENCES[0] + SENTENCES[1], 50, 160, chars=30))
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]
    assert {item.text: item.role for item in bulletin.boilerplate}["金山社区报"] == "masthead"
    # Issue line first, a title-sized line under it: that is the first article's title.
    bulletin = read(*heads[1:], *column(SENTENCES[0] + SENTENCES[1], 50, 160, chars=30))
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]


def test_a_large_first_title_under_an_issue_line_whose_name_is_lost_starts_an_article() -> None:
    """OCR may lose a masthead's name (read into its issue line); the title standing well
    below the issue line is still the first article's, however large; a name set beside
    an issue box reaches little lower than the box."""
    text = SENTENCES[0] + SENTENCES[1]
    bulletin = read(
        line("2023年4月1日　第50期", 50, 40, 9),
        line("社区食堂正式开业", 120, 100, 2 * BODY),
        *column(text, 50, 150, chars=30),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]
    bulletin = read(
        line("2023年4月1日　第50期", 50, 40, 9),
        line("金山社区报", 380, 52, 30),
        line("社区食堂正式开业", 120, 110, 2 * BODY),
        *column(text, 50, 160, chars=30),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]
    assert {item.text: item.role for item in bulletin.boilerplate}["金山社区报"] == "masthead"


def test_a_mark_ocr_read_in_a_titles_phrase_space_is_the_space_again() -> None:
    """A title is whole: a quote in it that pairs with none quotes nothing (specks in its
    phrase space read as a mark); a text layer states its marks and keeps them."""
    title = "全力办好群众身边事”浦发银行代表陈哈萌"
    for origin, expected in (
        ("ocr-tesseract", "全力办好群众身边事 浦发银行代表陈哈萌"),
        ("pdf-text", title),
    ):
        bulletin = read(
            line(title, 50, 100, 18, origin=origin),
            *column(SENTENCES[0] + SENTENCES[1], 50, 140, chars=30, origin=origin),
        )
        assert [a.title for a in bulletin.articles] == [expected]
    quoted = "“悦读青浦”暑期阅读活动启动"
    bulletin = read(
        line(quoted, 50, 100, 18, origin="ocr-tesseract"),
        *column(SENTENCES[0], 50, 140, chars=30, origin="ocr-tesseract"),
    )
    assert [a.title for a in bulletin.articles] == [quoted]


def test_a_running_head_read_with_other_marks_in_its_space_is_one_running_head() -> None:
    """OCR reads the specks in a running head's phrase space as a different mark on each
    page: by its letters it repeats, and is the running head on both pages."""
    heads = ("周浦月刊“2022年2月8日", "周浦月刊，2022年2月8日")
    pages = tuple(
        Page(
            n,
            (
                line(head, 50, 30, 9, origin="ocr-tesseract"),
                line(f"第{n}版标题开业", 50, 80, 18, origin="ocr-tesseract"),
                *column(SENTENCES[n], 50, 120, chars=30, origin="ocr-tesseract"),
            ),
            595.0,
            842.0,
            "ocr-tesseract",
        )
        for n, head in enumerate(heads, start=1)
    )
    pages = tuple(
        replace(p, lines=tuple(replace(x, page=p.number) for x in p.lines)) for p in pages
    )
    bulletin = bulletin_from_document(Document("t.pdf", "0", "pdf-scanned", pages), IngestConfig())
    roles = {item.text: item.role for item in bulletin.boilerplate}
    assert roles.get(heads[1]) == "running-header"
    assert heads[1] not in body_text(bulletin)


def test_a_kicker_that_opens_two_pages_is_no_running_head() -> None:
    """Sections that open two pages may share a kicker, set right above each title: a line
    that leads a head is the head's, however often it repeats at the pages' tops; a line
    repeated there that stands off the text under it is the running head."""
    kicker, running = "關愛長者　共建社區", "羅店週報"
    pages = tuple(
        Page(
            n,
            (
                line(running, 50, 12, 9, origin="ocr-tesseract"),
                line(kicker, 50, 40, 10, origin="ocr-tesseract"),
                line(f"第{n}版標題開業", 50, 53, 18, origin="ocr-tesseract"),
                *column(SENTENCES[n], 50, 90, chars=30, origin="ocr-tesseract"),
            ),
            595.0,
            842.0,
            "ocr-tesseract",
        )
        for n in (1, 2)
    )
    pages = tuple(
        replace(p, lines=tuple(replace(x, page=p.number) for x in p.lines)) for p in pages
    )
    bulletin = bulletin_from_document(Document("t.pdf", "0", "pdf-scanned", pages), IngestConfig())
    roles = {item.text: item.role for item in bulletin.boilerplate}
    assert roles.get(running) == "running-header"
    assert kicker not in roles
    assert [a.kicker for a in bulletin.articles] == [kicker, kicker]


def test_a_caption_under_a_photo_across_a_one_column_article_is_kept_out() -> None:
    text = SENTENCES[0] + SENTENCES[1]
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18),
        *column(text[:46], 50, 100, chars=30),
        line("居民们在食堂合影", 200, 260, 8.5),  # the photo stands from 140 to 250
        *[line(p, 50, 280 + n * PITCH, 10) for n, p in enumerate([text[46:76], text[76:]])],
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == ["居民们在食堂合影"]
    assert article.text.replace("\n", "") == text


@pytest.mark.parametrize(("first_size", "last_size"), [(7.7, 7.7), (8.2, 9.0)])
def test_a_caption_of_two_small_lines_over_a_photo_mid_sentence_is_kept_out(
    first_size: float, last_size: float
) -> None:
    """OCR's sizes only: a caption of two lines (the first spaced out to its column's
    width, the second centred at the caption's leading), measured under the body's size,
    stands where the next line of the unfinished text above would, over its photo. Two
    lines so measured are type of another kind, not one short line the engine misjudged;
    and a short last line of a few glyphs, which OCR measures loosely, may come out as
    large as the body while the first is well under it: the two, of one size, are one
    caption."""
    ocr = {"origin": "ocr-tesseract"}
    text = SENTENCES[0] + SENTENCES[1]
    first, last = "老人们在会议室里表", "演节目"
    top = 100 + 3 * PITCH
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18, **ocr),
        *column(text[:44], 50, 100, **ocr),
        replace(line(first, 57, top, first_size, **ocr), bbox=(57, top, 207, top + first_size)),
        line(last, 130 - last_size * len(last) / 2, top + 1.4 * first_size, last_size, **ocr),
        *[line(p, 50, 280 + n * PITCH, **ocr) for n, p in enumerate([text[44:60], text[60:]])],
        *column(SENTENCES[2] * 5, 240, 100, **ocr),
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == [first + last]
    assert text in article.text.replace("\n", "")


def test_a_caption_of_two_lines_under_a_photo_a_little_smaller_than_the_body_is_one() -> None:
    """OCR's sizes only: under a photo, a caption's first line filling the column and its
    last centred under it, both measured within the body's size as OCR's tolerance goes
    but under a caption's share of it (`CAPTION_SIZE_RATIO`): type of another kind, one
    caption, not a caption and a line of text."""
    ocr = {"origin": "ocr-tesseract"}
    text = SENTENCES[0] + SENTENCES[1]
    first, last = "图为老人们在会议室里表演", "节目"
    top = 100 + 3 * PITCH + 120
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18, **ocr),
        *column(text[:30], 50, 100, **ocr),
        replace(line(first, 52, top, 8.9, **ocr), bbox=(52, top, 208, top + 8.9)),
        line(last, 130 - 9.0 * len(last) / 2, top + 1.4 * 8.9, 9.0, **ocr),
        *[line(p, 50, top + 40 + n * PITCH, **ocr) for n, p in enumerate([text[30:46], text[46:]])],
        *column(SENTENCES[2] * 5, 240, 100, **ocr),
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == [first + last]
    assert "节目" not in article.text


def test_a_page_label_whose_digit_ocr_misread_is_no_text() -> None:
    """`第]版` centred under a column's foot is the page's label, its digit misread by OCR;
    it is boilerplate, not text."""
    ocr = {"origin": "ocr-tesseract"}
    text = SENTENCES[0] + SENTENCES[1]
    foot = 100 + 6 * PITCH
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18, **ocr),
        *column(text[:80], 50, 100, chars=10, **ocr),
        line("第]版", 100 - 9 * 1.5, foot + 40, 9.0, **ocr),
    )
    assert "版" not in bulletin.articles[0].text
    assert "第]版" in [b.text for b in bulletin.boilerplate]


def test_a_caption_under_a_photo_right_over_the_text_running_on_is_kept_out() -> None:
    """Under a photo, a caption in glyphs a little smaller than the body's (within what OCR's
    sizes vary by, but past a caption's share) stands a line's pitch over the text that runs
    on under it: it is a block of its own, the photo's caption, not that text's first line.
    In the body's own glyphs, it would be that text's first line."""
    ocr = {"origin": "ocr-tesseract"}
    text = SENTENCES[0] + SENTENCES[1]
    caption = "居民们在食堂里认真听讲"

    def page(size: float) -> Bulletin:
        return read(
            line("社区食堂正式开业", 50, 60, 18, **ocr),
            *column(text[:44], 50, 100, **ocr),
            line(caption, 52, 260, size, **ocr),  # the photo stands from 150 to 250
            *[
                line(p, 50, 260 + (n + 1) * PITCH, **ocr)
                for n, p in enumerate([text[44:60], text[60:]])
            ],
            *column(SENTENCES[2] * 5, 240, 100, **ocr),
        )

    (article,) = page(0.87 * BODY).articles
    assert [c.text for c in article.captions] == [caption]
    assert text in article.text.replace("\n", "")
    (article,) = page(BODY).articles
    assert not article.captions


def test_a_line_at_the_column_edge_under_a_caption_set_in_does_not_continue_it() -> None:
    """A caption set in under its photo, read by OCR in a size near the body's, with the
    column's last full line right under it: that line goes on with the text above the photo."""
    ocr = {"origin": "ocr-tesseract"}
    text = SENTENCES[0] + SENTENCES[1]
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18, **ocr),
        *column(text[:47], 50, 100, **ocr),
        line("居民们在食堂合影", 110, 260, 9, **ocr),  # the photo stands from 160 to 250
        line(text[47:63], 50, 272, **ocr),
        *column(SENTENCES[2] * 5, 240, 100, **ocr),
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == ["居民们在食堂合影"]
    assert article.text.replace("\n", "").startswith(text[:63])


def test_a_one_line_paragraph_and_the_indented_line_under_it_are_two_paragraphs() -> None:
    """A paragraph of one line, indented as every paragraph's first line is, ends its
    sentence at the column's edge; the next paragraph's first line under it is indented by
    the same two glyphs. They are two paragraphs, not two lines of a passage set in."""
    one = "方案将试行三个月再作出调整。"
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18),
        line(one, 50 + 2 * BODY, 100),
        *column(SENTENCES[1], 50, 100 + PITCH),
    )
    (article,) = bulletin.articles
    assert [block.text for block in article.body] == [one, SENTENCES[1]]


def test_a_kicker_at_the_foot_of_a_column_opens_the_section_under_it() -> None:
    """Two articles side by side, the right one shorter; under the left one's foot, nearer
    the title across the page below than the text above, a kicker introduces that title:
    it is no part of the left article, nor a head of the right one."""
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 20),
        *column(SENTENCES[0] + SENTENCES[1], 50, 135, chars=14),
        line("河道清理志愿活动", 250, 100, 20),
        *column(SENTENCES[3], 250, 135, chars=14),
        line("凝心聚力共治共享", 50, 233, 12),
        line("以实际行动贯彻落实党的二十大精神", 50, 263, 20),
        *column(SENTENCES[2], 50, 300, chars=30),
    )
    heads = [(a.kicker, a.title) for a in bulletin.articles]
    assert heads == [
        (None, "社区食堂正式开业"),
        (None, "河道清理志愿活动"),
        ("凝心聚力共治共享", "以实际行动贯彻落实党的二十大精神"),
    ]
    assert body_text(bulletin) == SENTENCES[0] + SENTENCES[1] + SENTENCES[3] + SENTENCES[2]


def test_a_phrase_space_in_a_face_whose_ink_is_short_of_its_em_is_no_gutter() -> None:
    """A kicker's phrase space (an ideographic space, ink to ink a little over an em) in a
    face whose glyphs ink less of their em than a sans does: measured against the line's
    ink height it would pass for a gutter; against its em it does not. A gap half as wide
    again still parts two columns; where the engine's box starts short of its glyph's ink,
    the paper shows the gap is not that wide. An engine whose boxes span the em tells the
    em by the line's height."""

    def kicker(second: float, ink: float | None = None) -> Line:
        words = (
            Word("邻里守望", (228.5, 51.1, 292.3, 66.5)),
            Word("温暖同行", (second, 51.6, second + 57.3, 66.0)),
        )
        box = (228.5, 51.6, second + 57.3, 66.0)
        blanks = ((292.5, (ink or second) - 2),)
        return Line("邻里守望 温暖同行", 1, 0, box, 18.0, 0.9, "ocr-tesseract", words, blanks)

    assert wide_gaps(kicker(310.1)) == []
    assert wide_gaps(kicker(320.0)) == [306.15]
    assert wide_gaps(kicker(320.0, ink=308.0)) == []
    # RapidOCR's boxes span the em: its line's height is the em, whatever the advance
    spanning = replace(kicker(310.1), origin="ocr-rapidocr", bbox=(228.5, 52.0, 367.4, 66.0))
    assert [round(cut, 1) for cut in wide_gaps(spanning)] == [301.2]


def test_a_kicker_little_smaller_than_its_title_a_head_leading_above_it_is_its_kicker() -> None:
    """Measured sizes vary a few percent: a kicker whose glyphs measure only a little
    smaller than its title's, set farther above it than a head's own lines stand, is no
    line of the title."""
    bulletin = read(
        line("文明社区幸福家园", 50, 100, 11.5),
        line("嘉定区公布优秀志愿服务团队名单", 50, 123.5, 13.4),
        *column(SENTENCES[0] + SENTENCES[1], 50, 150, chars=30),
    )
    (article,) = bulletin.articles
    assert (article.kicker, article.title) == ("文明社区幸福家园", "嘉定区公布优秀志愿服务团队名单")


def test_a_kicker_in_body_glyphs_over_a_large_title_keeps_its_title_s_leading() -> None:
    """The space over a head is set by its own leading: a kicker in body glyphs stands
    farther above a large title than one and a half of its own glyphs."""
    bulletin = read(
        line("共建共治共享", 50, 100, BODY),
        line("家住天山五村的陈阿姨今年七十八岁", 50, 126, 22),
        *column(SENTENCES[0] + SENTENCES[1], 50, 160, chars=30),
    )
    (article,) = bulletin.articles
    assert (article.kicker, article.title) == ("共建共治共享", "家住天山五村的陈阿姨今年七十八岁")


def test_a_title_wrapped_above_a_caption_is_no_kicker() -> None:
    text = SENTENCES[0] + SENTENCES[1]
    bulletin = read(
        line("新泾镇召开加强基层治理体系和", 120, 60, 20),
        line("治理能力建设推进会", 170, 87, 20),
        line("居民们在食堂合影", 200, 260, 8.5),  # under a photo across the columns
        *column(text, 50, 290, chars=30),
    )
    (article,) = bulletin.articles
    assert (article.kicker, article.title) == (
        None,
        "新泾镇召开加强基层治理体系和治理能力建设推进会",
    )


def test_a_bar_ocr_read_from_a_rule_beside_a_title_is_no_part_of_it() -> None:
    """A box's edge or a rule beside a title comes out of OCR as `|` at its end; a printed
    title neither opens nor closes with one, and a text layer keeps what it states."""
    for origin, expected in (
        ("ocr-tesseract", "参与居民超过1.2万人次"),
        ("pdf-text", "| 参与居民超过1.2万人次"),
    ):
        bulletin = read(
            line("| 参与居民超过1.2万人次", 50, 100, 18, origin=origin),
            *column(SENTENCES[0] + SENTENCES[1], 50, 140, chars=30, origin=origin),
        )
        assert [a.title for a in bulletin.articles] == [expected]


def test_a_title_ocr_cut_at_its_phrase_space_is_one_title_unless_a_gutter_is_under_it() -> None:
    title = (line("社区食堂正式开业", 50, 100, 18), line("河道清理志愿活动", 212, 100, 18))
    bulletin = read(*title, *column(SENTENCES[0] + SENTENCES[1], 50, 140, chars=30))
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业河道清理志愿活动"]
    # The same space over the gutter between two columns parts the titles of two articles.
    bulletin = read(
        *title,
        *column(SENTENCES[0] + SENTENCES[1], 50, 140, chars=15),
        *column(SENTENCES[2] + SENTENCES[3], 212, 140, chars=15),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业", "河道清理志愿活动"]


def test_a_title_set_full_and_justified_wrapping_onto_a_second_line_is_one_title() -> None:
    """Its phrase space stretched to two glyphs: more than a phrase space, less than one
    with the glyph that did not fit."""
    row = (line("社区食堂正式开业", 50, 100, 18), line("河道清理志愿", 230, 100, 18))
    text = column(SENTENCES[0] + SENTENCES[1], 50, 160, chars=30)
    bulletin = read(*row, line("活动启动", 50, 124, 18), *text)
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业河道清理志愿活动启动"]
    # A row that does not wrap was not set full: its space was set so wide.
    bulletin = read(*row, *text)
    assert "社区食堂正式开业河道清理志愿" not in [a.title for a in bulletin.articles]


def test_a_centred_title_wrapped_under_both_of_its_phrases_is_one_title() -> None:
    """A title's first line parted by a phrase space, a photo under the title: its second
    line stands centred under both phrases, so they are one head. Wrapped under the right
    phrase alone, over columns of their own, the two are heads side by side."""
    row = (line("社区食堂正式开业", 50, 100, 18), line("河道清理志愿活动启动仪式", 214, 100, 18))
    text = column(SENTENCES[0] + SENTENCES[1], 50, 300, chars=38)
    bulletin = read(*row, line("举行", 222, 124, 18), *text)
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业河道清理志愿活动启动仪式举行"]
    apart = (*column(SENTENCES[0], 50, 300, chars=8), *column(SENTENCES[2], 214, 300, chars=21))
    bulletin = read(*row, line("举行", 304, 124, 18), *apart)
    assert "社区食堂正式开业" in [a.title for a in bulletin.articles]


def test_a_title_over_a_photo_parted_by_a_phrase_space_is_one_title() -> None:
    """A title set flush left over a photo, its two phrases a little over an em apart: no
    text of its own stands under either phrase (only the photo's caption, set smaller), so
    they are not heads side by side."""
    bulletin = read(
        line("镇党委书记强调", 50, 100, 16),
        line("义工们为长者送上月饼", 50 + 7 * 16 + 20, 100, 16),
        line("图为嘉宾们在舞台上交流心得", 240, 260, 8),
        *column(SENTENCES[0] + SENTENCES[1], 50, 450, chars=38),
    )
    assert bulletin.articles[0].title == "镇党委书记强调义工们为长者送上月饼"


def test_a_title_phrase_opening_with_a_quote_stands_farther_from_the_first() -> None:
    """The second phrase of a title over a photo opens with a quotation mark, whose ink
    fills the right of its cell: its box starts most of a glyph after the phrase space, 1.6
    glyphs from the first phrase in all. Still one title."""
    bulletin = read(
        line("志愿者代表张凤岐", 50, 100, 18),
        line("“悦读青浦”暑期阅读活动启动", 50 + 8 * 18 + 1.6 * 18, 100, 18),
        line("图为嘉宾们在舞台上交流心得", 240, 260, 8),
        *column(SENTENCES[0] + SENTENCES[1], 50, 450, chars=38),
    )
    assert bulletin.articles[0].title == "志愿者代表张凤岐“悦读青浦”暑期阅读活动启动"


def test_a_titles_phrase_space_over_the_gutter_of_its_own_columns_keeps_it_whole() -> None:
    """The text under the title runs on from the left column's last line, full and
    unfinished, into the right column's first, at the column's edge: one article, whose
    title's space happens to stand over its gutter."""
    text = (SENTENCES[0] + SENTENCES[1]) * 2
    right = [line(text[58 + 15 * n : 73 + 15 * n], 212, 140 + n * PITCH) for n in range(4)]
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        line("河道清理志愿活动", 212, 100, 18),
        *column(text[:58], 50, 140, chars=15),
        *right,
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业河道清理志愿活动"]
    assert body_text(bulletin) == text[:118]


def ocr_line(text: str, x0: float, top: float, size: float) -> Line:
    """A line as OCR reads it: its box trimmed to the ink, its size from its advance when it
    is long enough, else from its ink's height (`glyph_size`)."""
    ink = 0.85 * size
    measured = size if len(text) >= 6 else glyph_size(text, size * len(text), ink)
    box = (x0, top, x0 + size * len(text), top + ink)
    return Line(text, 1, 0, box, measured, 0.95, "ocr-rapidocr")


def test_a_title_ocr_cut_into_a_short_piece_and_wrapped_short_is_one_title() -> None:
    bulletin = read(
        ocr_line("社区食堂正式开业", 50, 100, 20),
        ocr_line("志愿", 230, 100, 20),  # after a phrase space: too short to be a head alone
        ocr_line("服务启动", 50, 124, 20),  # wrapped: its size is its ink's height
        *column(SENTENCES[0] + SENTENCES[1], 50, 160, chars=30),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业志愿服务启动"]


def test_a_titles_short_last_line_boxed_shorter_than_the_title_ends_the_title() -> None:
    """OCR boxes a short line by its ink, and a few glyphs may stand shorter than the
    title's tallest (`场活动` under `亲子故事会…30多`, boxed 13.2 against 15.9): the size is
    the em that ink holds, and the line is the title's last."""
    text = "亲子故事会和科普讲座等30多"
    title = Line(text, 1, 0, (43, 125, 259, 140.9), 16.9, 0.95, "ocr-tesseract")
    rest = Line(
        "场活动",
        1,
        0,
        (43, 148, 90.5, 161.2),
        glyph_size("场活动", 47.5, 13.2, EM_PER_INK),
        0.95,
        "ocr-tesseract",
    )
    bulletin = read(title, rest, *column(SENTENCES[0] + SENTENCES[1], 43, 190, chars=20))
    assert [a.title for a in bulletin.articles] == ["亲子故事会和科普讲座等30多场活动"]


def test_a_subtitle_across_a_titles_phrase_space_over_a_gutter_keeps_the_title_whole() -> None:
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        line("河道清理志愿活动", 212, 100, 18),
        line("——镇领导班子成员", 140, 126, 14),  # centred under both pieces
        *column(SENTENCES[0] + SENTENCES[1], 50, 160, chars=15),
        *column(SENTENCES[2] + SENTENCES[3], 212, 160, chars=15),
    )
    assert bulletin.articles[0].title == "社区食堂正式开业河道清理志愿活动"


def test_a_paragraph_in_a_narrow_column_naming_a_qr_account_is_prose() -> None:
    opening = "食堂每周一在门口公告栏和新泾发布公众号上"
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        *column(opening, 50, 140, chars=8),
        *column(SENTENCES[0], 50, 140 + 3 * PITCH, chars=8),
    )
    assert not bulletin.boilerplate
    assert opening in bulletin.articles[0].text


def test_a_masthead_name_beside_its_issue_box_is_told_from_a_larger_first_title() -> None:
    bulletin = read(
        line("2023年4月1日　第50期", 50, 44, 9),
        line("金山社区报", 400, 36, 17),
        line("社区食堂正式开业", 50, 120, 20),
        *column(SENTENCES[0] + SENTENCES[1], 50, 160, chars=30),
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]
    assert {item.text: item.role for item in bulletin.boilerplate}["金山社区报"] == "masthead"


def test_a_masthead_name_whose_top_rows_an_issue_box_barely_reaches_is_the_masthead() -> None:
    """An issue box set level with the top of a tall name overlaps its rows by less than
    half its own height: it still stands beside the name, which is read after the first
    column's article and is no title of the second."""
    OCR = "ocr-tesseract"
    bulletin = read(
        line("2024年7月23日　第41期", 50, 53.6, 7.2, origin=OCR),
        line("马陆社区报", 393, 57.6, 30.6, origin=OCR),
        line("书香夏阳", 130, 113, 13.7, origin=OCR),
        line("信报箱和健身器材等设", 50, 140, 22, origin=OCR),
        line("施", 150, 167, 22, origin=OCR),
        *column(SENTENCES[0] + SENTENCES[1], 50, 200, chars=16, size=13, origin=OCR),
        line("屏山文物径自1993年", 332, 118, 22, origin=OCR),
        line("开放以来", 390, 145, 22, origin=OCR),
        *column(SENTENCES[2] + SENTENCES[3], 322, 200, chars=16, size=13, origin=OCR),
    )
    assert [a.title for a in bulletin.articles] == [
        "信报箱和健身器材等设施",
        "屏山文物径自1993年开放以来",
    ]
    assert {item.text: item.role for item in bulletin.boilerplate}["马陆社区报"] == "masthead"


def test_a_sentence_broken_at_the_foot_of_a_one_line_column_is_no_head() -> None:
    """A short article set over three narrow columns, the first two holding one line each:
    those lines, short and unpunctuated at their ends, are prose going on unindented."""
    text = SENTENCES[2]
    bulletin = read(
        line("社区志愿者清理河道", 50, 100, 18),
        line(text[:6], 50 + 2 * BODY, 140),
        line(text[6:14], 150, 140),
        *[line(text[i : i + 8], 250, 140 + n * PITCH) for n, i in enumerate(range(14, 38, 8))],
    )
    (article,) = bulletin.articles
    assert (article.title, article.subtitle) == ("社区志愿者清理河道", None)
    assert [block.role for block in article.body] == ["paragraph"]
    assert article.text == text


def test_a_vertical_slogan_of_single_glyphs_is_one_line_set_aside() -> None:
    """A text layer gives a vertical slogan as one line per glyph; read as lines, its first
    glyph, above the masthead's name, became the first article's title."""
    slogan = "文明社区幸福家园"
    for shift in (0.0, 1.0):  # read off a scan, each glyph's left edge is where its ink is
        glyphs = [
            line(glyph, 500 + shift * (n % 3 - 1), 30 + 11 * n, 9) for n, glyph in enumerate(slogan)
        ]
        bulletin = read(
            *glyphs,
            line("金山社区报", 50, 36, 24),
            line("2023年4月1日　第50期", 50, 70, 9),
            line("社区食堂正式开业", 50, 130, 20),
            *column(SENTENCES[0] + SENTENCES[1], 50, 170, chars=30),
        )
        assert [a.title for a in bulletin.articles] == ["社区食堂正式开业"]
        assert {item.text: item.role for item in bulletin.boilerplate}[slogan] == "slogan"


def test_text_below_articles_side_by_side_goes_on_with_the_one_above_it() -> None:
    """Below a photo, one of two articles side by side goes on where the other has ended:
    text without a head of its own continues the article above it, not the last one read."""
    rest = column(SENTENCES[3], 50, 140 + 12 * PITCH)
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        line("河道清理志愿活动", 320, 100, 18),
        *column(SENTENCES[0] + SENTENCES[1], 50, 140),
        *column(SENTENCES[2], 320, 140),
        *rest,
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业", "河道清理志愿活动"]
    assert [a.text.replace("\n", "") for a in bulletin.articles] == [
        SENTENCES[0] + SENTENCES[1] + SENTENCES[3],
        SENTENCES[2],
    ]


def test_a_head_over_one_column_under_articles_side_by_side_starts_an_article_across_both() -> None:
    """Under two articles side by side, less than a blank line below the left one, a kicker
    and a head set over the left column only; blank paper beside them, and the head's text
    runs in both columns, starting level: the right column's lines below are its article's,
    not the foot of the article above them."""
    left = (SENTENCES[0] + SENTENCES[1])[: 4 * 16 - 2]  # four full lines
    text = SENTENCES[3] + SENTENCES[0]
    pieces = [text[i : i + 16] for i in range(0, len(text), 16)]
    half = (len(pieces) + 1) // 2
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        line("河道清理志愿活动", 320, 100, 18),
        *column(left, 50, 140),
        *column(SENTENCES[2], 320, 140),
        line("服务居民 共建家园", 50, 210, 12),
        line("垃圾分类示范小区", 50, 228, 18),
        *[line(p, 50, 262 + n * PITCH) for n, p in enumerate(pieces[:half])],
        *[line(p, 320, 262 + n * PITCH) for n, p in enumerate(pieces[half:])],
    )
    assert [(a.kicker, a.title) for a in bulletin.articles] == [
        (None, "社区食堂正式开业"),
        (None, "河道清理志愿活动"),
        ("服务居民 共建家园", "垃圾分类示范小区"),
    ]
    assert [a.text.replace("\n", "") for a in bulletin.articles] == [left, SENTENCES[2], text]


def test_a_kicker_stands_within_its_heads_leading_however_small_the_body() -> None:
    """The space over a head is set by the head's own leading: a kicker a head's glyph and
    a half above a large title is its kicker on a page of small body type too."""
    kicker = _box(line("服务居民 共建家园", 50, 100, 11))
    title = _box(line("社区食堂正式开业", 50, 127, 20))
    assert is_kicker_of(kicker, title, 9.0)
    assert not is_kicker_of(kicker, _box(line("社区食堂正式开业", 50, 160, 20)), 9.0)


def test_a_title_whose_last_glyph_ocr_followed_with_a_comma_is_a_title_without_it() -> None:
    """A line set large and long enough for its width to tell its size is a head, whatever
    mark OCR read after its last glyph; the head loses the comma, which no head ends on. A
    short line ending a sentence in a box drawn tall stays prose."""
    bulletin = read(
        line("进一步擦亮基层治理的新泾名片，", 50, 100, 18, origin="ocr-tesseract"),
        *column(SENTENCES[0] + SENTENCES[1], 50, 140, origin="ocr-tesseract"),
    )
    assert [a.title for a in bulletin.articles] == ["进一步擦亮基层治理的新泾名片"]
    tall = replace(line("万人次。", 50, 100 + 3 * PITCH, 18), size=18.0)
    bulletin = read(
        *column(SENTENCES[0], 50, 100), tall, *column(SENTENCES[1], 50, 100 + 5 * PITCH)
    )
    assert [a.title for a in bulletin.articles] == [None]


def test_columns_run_on_through_photos_set_in_single_columns() -> None:
    """Photos set in single columns at different heights leave a gap across the page, but
    each column stops above its own photo at its own height: each column is read down
    through its photo, not the page's top half first."""
    pieces, lines = columns_beside_photos()
    (article,) = read(line("社区食堂正式开业", 50, 100, 18), *lines).articles
    assert article.text.replace("\n", "") == "".join(pieces)


def columns_beside_photos() -> tuple[list[str], list[Line]]:
    """Two columns, each stopped by a photo of its own at its own height: their text in
    reading order, and their lines."""
    text = "".join(SENTENCES) * 2
    pieces = [text[i : i + 16] for i in range(0, 14 * 16, 16)]
    left = [*[140 + n * PITCH for n in range(4)], *[140 + (n + 10) * PITCH for n in range(3)]]
    right = [*[140 + n * PITCH for n in range(2)], *[140 + (n + 10) * PITCH for n in range(5)]]
    places = [(50, top) for top in left] + [(230, top) for top in right]
    return pieces, [line(p, x0, top) for p, (x0, top) in zip(pieces, places, strict=True)]


def test_columns_run_on_through_photos_under_a_title_and_byline_set_across_them() -> None:
    """What is set across the columns above them (a centred title, its byline) is no part of
    the columns that run on through the photos."""
    pieces, lines = columns_beside_photos()
    bulletin = read(
        line("社区食堂正式开业迎来首批老人", 94, 90, 18),
        line("通讯员 王明华", 185, 118, 9),
        *lines,
    )
    assert bulletin.articles[0].text.replace("\n", "") == "".join(pieces)


def test_a_note_below_the_columns_not_at_a_columns_edge_does_not_run_them_on() -> None:
    text = "".join(SENTENCES) * 2
    pieces = [text[i : i + 16] for i in range(0, 6 * 16, 16)]
    places = [(50, 140 + n * PITCH) for n in range(4)] + [(230, 140 + n * PITCH) for n in range(2)]
    columns = [_box(line(p, x0, top)) for p, (x0, top) in zip(pieces, places, strict=True)]
    below = 140 + 12 * PITCH
    assert runs_through(columns, [_box(line(pieces[0], 230, below))], BODY)
    assert not runs_through(columns, [_box(line("本刊编辑部编印", 280, below, 9))], BODY)
    # One line of the column above starting left of its edge (a page photographed askew, a
    # mark read in the gutter) does not move the edge.
    right = [_box(line(p, 230, 140 + n * PITCH)) for n, p in enumerate(pieces)]
    askew = [*columns[:4], *right[:5], _box(line(pieces[5], 216, 140 + 5 * PITCH))]
    assert runs_through(askew, [_box(line(pieces[0], 230, below))], BODY)


def test_a_photo_across_the_columns_still_parts_the_text_above_from_below() -> None:
    """One photo across both columns stops them on one baseline: the text above it is read
    across its columns before the text below."""
    text = "".join(SENTENCES) * 2
    pieces = [text[i : i + 16] for i in range(0, 12 * 16, 16)]
    rows = [140 + n * PITCH for n in range(3)], [140 + (n + 10) * PITCH for n in range(3)]
    places = [(x0, top) for half in rows for x0 in (50, 230) for top in half]
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        *[line(piece, x0, top) for piece, (x0, top) in zip(pieces, places, strict=True)],
    )
    (article,) = bulletin.articles
    assert article.text.replace("\n", "") == "".join(pieces)


def test_a_printed_phrase_space_is_no_gutter_but_an_empty_em_is() -> None:
    def row(right: str) -> Line:
        words = (
            Word("代表共同上台启动", (50, 100, 210, 120), 20),
            Word(right, (232, 100, 292, 120), 20),
        )
        return Line(
            "".join(w.text for w in words), 1, 0, (50, 100, 290, 120), 20, None, "pdf-text", words
        )

    assert [line.text for line in cut_at_gutters([row(" 镇城市")])] == ["代表共同上台启动 镇城市"]
    assert [line.text for line in cut_at_gutters([row("镇城市")])] == ["代表共同上台启动", "镇城市"]


def test_a_column_of_two_lines_under_a_photo_is_a_column_of_its_own() -> None:
    """Three columns; a photo fills the middle one but for its last two lines. Few lines
    cover the middle column's strip, but they lie wholly inside it: they are a column's
    text, with a gutter either side, not lines crossing one gutter."""
    text = "".join(SENTENCES) * 2
    pieces = [text[i : i + 16] for i in range(0, 22 * 16, 16)]
    places = [
        *[(50, 140 + n * PITCH) for n in range(10)],
        *[(230, 140 + (n + 8) * PITCH + 5) for n in range(2)],
        *[(410, 140 + n * PITCH) for n in range(10)],
    ]
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 18),
        *[line(piece, x0, top) for piece, (x0, top) in zip(pieces, places, strict=True)],
    )
    (article,) = bulletin.articles
    assert article.text.replace("\n", "") == "".join(pieces)


def read_line(text: str, x0: float, top: float, doubtful: str = "", space: float = 2) -> Line:
    """A line as OCR reads it: one word a character, a space for a blank space glyphs wide,
    each character's box its ink; the characters of doubtful are doubted."""
    words, x = [], x0
    for char in text:
        if char != " ":
            box = (x, top, x + BODY, top + BODY)
            words.append(
                Word(char, box, None, 0.95 if char not in doubtful else 0.4, char in doubtful)
            )
        x += BODY if char != " " else space * BODY
    return Line(text, 1, 0, (x0, top, x, top + BODY), BODY, 0.95, "ocr-rapidocr", tuple(words))


def rows_read_across(count: int, top: float) -> list[Line]:
    """count rows of two columns, 12 glyphs wide with a gutter of two, from top down, each
    read across the gutter as one line."""
    return [
        read_line(SENTENCES[n][:12] + " " + SENTENCES[n][12:24], 50, top + n * PITCH)
        for n in range(count)
    ]


def two_columns_read_across(first: str, second: str) -> list[Line]:
    """Four rows of two columns, 12 glyphs wide with a gutter of two; the engine read the
    second row across the gutter as one line, from `first` and `second`."""
    rows = rows_read_across(4, 100)
    apart = [
        replace(piece, words=())
        for row in rows
        for piece in (
            replace(row, text=row.text.split()[0], bbox=(50, row.bbox[1], 170, row.bbox[3])),
            replace(row, text=row.text.split()[1], bbox=(190, row.bbox[1], 310, row.bbox[3])),
        )
    ]
    return [*apart[:2], read_line(first + " " + second, 50, 100 + 4 * PITCH, "、"), *apart[4:]]


def test_a_line_read_across_a_gutter_its_neighbours_leave_open_is_cut_there() -> None:
    lines = two_columns_read_across("社区食堂正式开业以来，每", "志愿者们分成六个小组，沿")
    cut = [line for line in cut_at_gutters(lines) if line.bbox[1] == 100 + 4 * PITCH]
    assert [line.text for line in cut] == ["社区食堂正式开业以来，每", "志愿者们分成六个小组，沿"]
    assert [line.bbox[0] for line in cut] == [50, 190]


def test_a_line_read_across_a_gutter_under_a_subtitle_set_across_it_is_cut_there() -> None:
    """A subtitle centred over a short section's two columns covers their gutter above the
    first row; the columns' rows below leave it open, and the first row, read across the
    gutter, is cut there all the same."""
    subtitle = read_line("推动在职党员和社区党员形成合力", 110, 100)
    text = "社区食堂正式开业以来，每 志愿者们分成六个小组，沿"
    first = read_line(text, 50, 100 + PITCH, space=1)
    below = [
        replace(row, text=part, bbox=(x0, row.bbox[1], x0 + 120, row.bbox[3]), words=())
        for row in rows_read_across(2, 100 + 2 * PITCH)
        for part, x0 in zip(row.text.split(), (50, 180), strict=True)
    ]
    cut = [
        line for line in cut_at_gutters([subtitle, first, *below]) if line.bbox[1] == first.bbox[1]
    ]
    assert [line.text for line in cut] == ["社区食堂正式开业以来，每", "志愿者们分成六个小组，沿"]


def test_a_line_over_inked_paper_where_its_neighbours_leave_a_strip_open_is_not_cut() -> None:
    """The rows around leave a gutter's strip open, and the engine's boxes for a row
    between them part there by an em; where the page shows blank paper in that gap the row
    runs across the gutter and is cut, and where it shows ink (glyphs the engine lost or
    boxed short) the row is set across it, whatever its neighbours show."""
    lines = two_columns_read_across("社区食堂正式开业以来，每", "志愿者们分成六个小组，沿")
    text = "社区食堂正式开业以来，每 志愿者们分成六个小组，沿"
    row = read_line(text, 50, 100 + 4 * PITCH, space=1)
    gap = (row.words[11].bbox[2], row.words[12].bbox[0])
    for blanks, pieces in (((gap,), 2), ((), 1)):
        read = replace(row, origin="ocr-tesseract", blanks=blanks)
        cut = cut_at_gutters([*lines[:2], read, *lines[3:]])
        assert len([line for line in cut if line.bbox[1] == read.bbox[1]]) == pieces


def test_a_doubtful_mark_at_a_gutter_and_a_closer_starting_a_column_are_what_ocr_read_there() -> (
    None
):
    lines = two_columns_read_across("社区食堂正式开业以来，、", "”志愿者们分成六个小组，")
    cut = [line for line in cut_at_gutters(lines) if line.bbox[1] == 100 + 4 * PITCH]
    assert [line.text for line in cut] == ["社区食堂正式开业以来，", "志愿者们分成六个小组，"]


def test_a_read_line_no_neighbour_shows_a_gutter_in_is_one_line() -> None:
    """Its letters stand an em apart at one place: a phrase space, or a gutter no line
    around shows; either way no cut."""
    alone = read_line("社区食堂正式开业以来，每 志愿者们分成六个小组，沿", 50, 100, space=1)
    assert [line.text for line in cut_at_gutters([alone])] == [alone.text]


def test_a_strip_between_a_byline_above_and_a_short_line_below_is_no_gutter() -> None:
    """A paragraph's line under a byline centred over the text and over the short last
    line of the paragraph: the strip the two leave open between them lies on no row of
    either, and columns' lines stand level. The line is one line."""
    byline = read_line("本报记者杨强", 184, 100)
    line = read_line("咨询电话五九五七一二三四，嘉定区公布二〇二三年度优秀", 50, 100 + PITCH)
    last = read_line("好人志愿服务队榜上有名", 50, 100 + 2 * PITCH)
    cut = cut_at_gutters([byline, line, last])
    assert line.text in [piece.text for piece in cut]


def test_a_read_line_whose_letters_stand_a_gutter_apart_is_cut_alone() -> None:
    """Two ems of blank paper between letters: no line of type spaces its characters so,
    whatever the lines around show (tesseract read across the gutter)."""
    alone = read_line("社区食堂正式开业以来，每 志愿者们分成六个小组，沿", 50, 100)
    gap = (alone.words[11].bbox[2], alone.words[12].bbox[0])
    cut = cut_at_gutters([replace(alone, origin="ocr-tesseract", blanks=(gap,))])
    assert [line.text for line in cut] == alone.text.split()


def section_read_across(top: float, right_start: str) -> list[Line]:
    """Two rows of a short section, two columns of 12 glyphs with a gutter of 1.1 glyphs,
    each read across the gutter as one line whose right half starts with right_start (a
    space the engine read in the gutter, or a mark): the page shows the gutter blank."""
    rows = []
    for n in range(2):
        line = read_line(
            SENTENCES[n][:12] + " " + SENTENCES[n][12:24], 50, top + n * PITCH, space=1.1
        )
        first = line.words[12]
        words = (
            *line.words[:12],
            replace(first, text=right_start[n] + first.text),
            *line.words[13:],
        )
        gutter = (line.words[11].bbox[2], first.bbox[0])
        rows.append(replace(line, words=words, origin="ocr-tesseract", blanks=(gutter,)))
    return rows


def test_a_short_sections_lines_part_at_the_pages_column_gutter() -> None:
    """Two rows of a short section under a head, each read across a gutter a little wider
    than a glyph: too narrow to tell from a space by itself. Where both rows' blank paper
    ends, three lines of the page's columns above start: a page is set on one grid of
    columns. Without those columns, the two rows still show the gutter level, and no line
    of their size runs across it near them: a short section's gutter. A line running
    across it a row above makes them a paragraph's, whose marks' blank cells may stand
    level: each row is then one line."""
    section = section_read_across(100 + 6 * PITCH, (" ", "“"))
    right = 50 + 13.1 * BODY
    columns = [
        replace(read_line(SENTENCES[2][n : n + 12], x, 100 + n * PITCH), origin="ocr-tesseract")
        for n in range(3)
        for x in (50, right)
    ]
    cut = [line.text for line in cut_at_gutters([*columns, *section])][len(columns) :]
    assert cut == [
        SENTENCES[0][:12],
        SENTENCES[0][12:24],
        SENTENCES[1][:12],
        "“" + SENTENCES[1][12:24],
    ]
    alone = [line.text for line in cut_at_gutters(section)]
    assert alone == cut
    above = replace(
        read_line(SENTENCES[3][:25], 50, 100 + 5 * PITCH), origin="ocr-tesseract", blanks=()
    )
    in_paragraph = [line.text for line in cut_at_gutters([above, *section])][1:]
    assert in_paragraph == [line.text for line in section]


def test_a_paragraphs_indented_first_line_read_across_a_gutter_is_cut_there() -> None:
    """A paragraph opens on a column's first row, indented two glyphs, and the engine read
    it across a gutter a little wider than a glyph into the next column's line. On the row
    below, the first column's short last line starts at the column's edge, left of the
    indent, and the next column's line where the gutter's blank paper ends: two columns,
    each going on under its own start."""
    first = read_line(SENTENCES[0][:10] + " " + SENTENCES[1][:12], 50 + 2 * BODY, 100, space=1.1)
    gutter = (first.words[9].bbox[2], first.words[10].bbox[0])
    first = replace(first, origin="ocr-tesseract", blanks=(gutter,))
    short = replace(read_line(SENTENCES[2][:6], 50, 100 + PITCH), origin="ocr-tesseract")
    right = replace(read_line(SENTENCES[1][12:24], gutter[1], 100 + PITCH), origin="ocr-tesseract")
    cut = [line.text for line in cut_at_gutters([first, short, right])]
    assert cut[:2] == [SENTENCES[0][:10], SENTENCES[1][:12]]


def test_a_mark_at_a_gutters_edge_is_left_no_piece_alone() -> None:
    """The neighbours' strips put a cut before a comma at a gutter's edge, the page's grid
    one after it: the comma goes with the words before it, an opening quote with those
    after it, and no piece is a mark alone."""

    def w(text: str, left: float, right: float) -> Word:
        return Word(text, (left, 0, right, 10))

    closing = [w("垃圾", 0, 20), w("，", 21, 24), w("人人", 35, 55)]
    assert one_cut_per_gap(closing, [20.5, 30]) == [30]
    opening = [w("垃圾", 0, 20), w("“", 31, 34), w("人人", 35, 55)]
    assert one_cut_per_gap(opening, [25, 34.5]) == [25]
    letters = [w("垃圾", 0, 20), w("人", 21, 30), w("人人", 35, 55)]
    assert one_cut_per_gap(letters, [20.5, 32]) == [20.5, 32]


def test_a_piece_cut_at_a_gutter_ends_where_its_ink_does() -> None:
    """Two rows of a short section, two columns with a gutter 1.7 glyphs wide, each read
    across it. On the second row the engine boxed the left column's last glyph most of a
    glyph into the gutter, as far as the first row's right column starts: measured by that
    box, the gutter closes and the columns are read row by row across. The page shows the
    gutter blank from the glyph's ink on, and the piece ends there."""
    rows = []
    for n in range(2):
        read = read_line(SENTENCES[n][:12] + " " + SENTENCES[n][12:24], 50, 100 + n * PITCH)
        left, right = read.words[11], read.words[12]
        gutter = (left.bbox[2], right.bbox[0])
        words = list(read.words)
        if n == 1:
            words[11] = replace(left, bbox=(left.bbox[0], 116, left.bbox[2] + 9, 126))
        rows.append(replace(read, words=tuple(words), origin="ocr-tesseract", blanks=(gutter,)))
    pieces = cut_at_gutters(rows)
    assert [line.text for line in pieces] == [
        SENTENCES[0][:12],
        SENTENCES[0][12:24],
        SENTENCES[1][:12],
        SENTENCES[1][12:24],
    ]
    ends = [line.bbox[2] for line in pieces]
    assert ends[0] == ends[2] == 50 + 12 * BODY
    assert gutters([_box(line) for line in pieces], BODY), "the columns' gutter is open"


def test_a_line_read_across_parts_where_the_next_row_starts_two_columns() -> None:
    """A row read across a gutter a little wider than a glyph, after a comma (whose cell is
    mostly blank), the row under it read as two lines: one short, under the row's start,
    one under the end of its blank paper. Two columns: the row parts between them. With
    the row under it starting under its start alone, it does not."""
    text = "食堂由镇政府投资建设，" + " " + SENTENCES[2][:12]
    across = replace(
        read_line(text, 50, 100, space=1.1), origin="ocr-tesseract", blanks=((160, 171),)
    )
    short = replace(read_line("近日嘉定区", 50, 100 + PITCH), origin="ocr-tesseract")
    right = replace(read_line(SENTENCES[3][:12], 171, 100 + PITCH), origin="ocr-tesseract")
    cut = [piece.text for piece in cut_at_gutters([across, short, right])]
    assert cut[:2] == ["食堂由镇政府投资建设，", SENTENCES[2][:12]]
    alone = [piece.text for piece in cut_at_gutters([across, short])]
    assert alone[0] == across.text


def test_a_gap_between_read_boxes_over_inked_paper_is_no_gutter() -> None:
    """Tesseract lost glyphs in the middle of a line (or boxed them short) and left a gap
    two ems wide between its boxes; the page shows ink there, no blank paper. A gutter is
    blank: the line is one line."""
    line = read_line("社区食堂正式开业以来，每 志愿者们分成六个小组，沿", 50, 100)
    inked = replace(line, origin="ocr-tesseract", blanks=())
    assert [piece.text for piece in cut_at_gutters([inked])] == [line.text]


def test_a_piece_cut_from_a_read_line_stands_where_its_own_words_do() -> None:
    """A caption beside a column's line, smaller and lower, read with it as one line: cut
    off, the caption stands at its own words' height, not at the line's, nor at the
    height of a box the engine drew two lines tall."""
    body = read_line("社区食堂正式开业以来，每", 50, 100)
    caption = [
        replace(w, bbox=(w.bbox[0] + 200, 104, w.bbox[0] + 200 + 7, 111))
        for w in read_line("居民在食堂用餐", 50, 100).words
    ]
    caption = [replace(w, bbox=(w.bbox[0] - i * 3, *w.bbox[1:])) for i, w in enumerate(caption)]
    tall = caption[2].bbox
    caption[2] = replace(caption[2], bbox=(tall[0], 92, tall[2], tall[3]))  # an outsized box
    line = replace(body, text=body.text + caption[0].text, words=(*body.words, *caption))
    cut = cut_at_gutters([line])
    assert [piece.text for piece in cut] == [body.text, "居民在食堂用餐"]
    assert cut[1].bbox[1] == 104 and cut[1].bbox[3] == 111


def with_doubtful_mark(line: Line, at: int, mark: str, start: float, end: float) -> Line:
    """The line with a doubtful mark read before its word at, from start to end glyphs
    past the word before."""
    x = line.words[at - 1].bbox[2]
    box = (x + start * BODY, line.bbox[1], x + end * BODY, line.bbox[3])
    words = (*line.words[:at], Word(mark, box, None, 0.4, True), *line.words[at:])
    return replace(line, words=words)


def test_a_line_read_from_one_column_alone_keeps_its_marks_and_gaps() -> None:
    """Tesseract read the line from one column of a composite, alone: it crosses no gutter,
    so a comma read poorly, standing apart, is punctuation, and the gap it stands in is
    its cell."""
    line = read_line("居民自治 在各小区推行定时定点投放", 50, 100, space=1.8)
    line = replace(with_doubtful_mark(line, 4, "，", 0.7, 0.85), origin=COLUMN_READ)
    cut = cut_at_gutters([line])
    assert len(cut) == 1 and [w.text for w in cut[0].words][3:6] == ["治", "，", "在"]


def test_a_doubtful_dash_leading_a_read_line_stays() -> None:
    """A dash set two ems wide before a subtitle, read as one doubtful mark standing apart
    from the first letter: at the line's end there is no gutter beyond it, and it stays."""
    line = read_line("—居民也可以在留言簿上写下自己的意见建议", 50, 100, "—")
    dash, *rest = line.words
    rest = [
        replace(w, bbox=(w.bbox[0] + BODY, w.bbox[1], w.bbox[2] + BODY, w.bbox[3])) for w in rest
    ]
    line = replace(line, words=(dash, *rest))
    assert [piece.text for piece in cut_at_gutters([line])] == [line.text]


def test_a_doubtful_mark_standing_alone_in_a_gutter_is_dropped() -> None:
    """What an engine reads into a gutter is a lone, doubtful mark; punctuation hugs the
    character it follows. In the middle of the gutter, it would hide the gutter's width."""
    line = read_line("社区食堂正式开业以来每 志愿者们分成六个小组", 50, 100, space=3)
    line = with_doubtful_mark(line, 11, "。", 1.25, 1.75)
    assert [piece.text for piece in cut_at_gutters([line])] == [
        "社区食堂正式开业以来每",
        "志愿者们分成六个小组",
    ]


def test_a_doubtful_opening_mark_at_a_gutters_edge_is_dropped() -> None:
    """An opening mark goes with the text after it, and no line of type ends with one: read
    hugging the last letter of a column, with the gutter after it, it is what the engine
    made of the blank, and it would hide the gutter's width."""
    line = read_line("社区食堂正式开业以来每 志愿者们分成六个小组", 50, 100, space=1.6)
    line = with_doubtful_mark(line, 11, "“", 0, 0.5)
    assert [piece.text for piece in cut_at_gutters([line])] == [
        "社区食堂正式开业以来每",
        "志愿者们分成六个小组",
    ]
    # Hugging the word after it, it opens that word's quotation: it stays.
    line = read_line("社区食堂正式开业以来每 志愿者们分成六个小组", 50, 100, space=1.6)
    kept = with_doubtful_mark(line, 11, "“", 1.1, 1.5)
    assert "“" in [word.text for piece in cut_at_gutters([kept]) for word in piece.words]


def with_mark_ink(line: Line, at: int) -> Line:
    """The line with the ink of its closing mark at index at filling the third of its cell
    next to the text it closes, as a Chinese mark's does."""
    word = line.words[at]
    x0, top, x1, bottom = word.bbox
    box = (x0, top, x0 + (x1 - x0) / 3, bottom)
    return replace(line, words=(*line.words[:at], replace(word, bbox=box), *line.words[at + 1 :]))


def test_marks_set_one_above_the_other_make_no_gutter() -> None:
    """Set on one grid, a column's marks stand one above the other now and then, and the
    blank of each mark's cell lines up down the column: that is no gutter, and a line is
    not cut there, its comma lost."""
    rows = ["以上盈。港花园居民区书记", "杨红说，小区有一支四十多", "的绿色、管家志愿者队伍"]
    lines = [with_mark_ink(read_line(text, 50, 100 + n * PITCH), 3) for n, text in enumerate(rows)]
    cut = cut_at_gutters(lines)
    assert [line.text for line in cut] == rows


def test_marks_one_above_the_other_make_no_gutter_where_the_engine_parted_a_row_at_one() -> None:
    """The engine read the row under a comma as two lines, parted at a stop set under the
    comma: the blank of the stop's cell lies between two lines, not inside one, and is
    still no gutter; the line with the comma is not cut there."""
    above = with_mark_ink(read_line("由陈大文先生主持，义工们为长者送上月", 50, 100), 8)
    stop = with_mark_ink(read_line("并表演粤曲和魔术。", 50, 100 + PITCH), 8)
    after = read_line("今年八十二岁的李婆", 50 + 9 * BODY, 100 + PITCH)
    below = read_line("加中心的节日活动", 50, 100 + 2 * PITCH)
    cut = cut_at_gutters([above, stop, after, below])
    assert [line.text for line in cut] == [above.text, stop.text, after.text, below.text]


def test_a_line_is_cut_where_the_page_shows_a_gutter_its_boxes_hide() -> None:
    """Tesseract read a speck in the gutter as a mark and put it in the next column's first
    word, so its boxes leave no gap; the page shows blank paper wider than any space a line
    of type prints. A space of one glyph (a phrase space, side bearings and all) is no
    gutter."""

    def with_speck(space: float) -> Line:
        line = read_line("社区食堂正式开业以来每 志愿者们分成六个小组", 50, 100, space=space)
        before, after = line.words[10], line.words[11]
        speck = replace(after, text="。" + after.text, bbox=(before.bbox[2] + 3, *after.bbox[1:]))
        words = (*line.words[:11], speck, *line.words[12:])
        blank = (before.bbox[2], after.bbox[0])
        return replace(line, words=words, origin="ocr-tesseract", blanks=(blank,))

    assert [piece.text for piece in cut_at_gutters([with_speck(1.75)])] == [
        "社区食堂正式开业以来每",
        "志愿者们分成六个小组",
    ]
    assert len(cut_at_gutters([with_speck(1.2)])) == 1


def test_lines_read_across_one_gutter_one_over_the_other_are_both_cut() -> None:
    """The last two rows of two columns, both read across their gutter. Each shows the
    other the gutter (its words part there), and each line's own letters stand a gutter
    apart: both are cut."""
    rows = rows_read_across(2, 100)
    cut = cut_at_gutters(rows)
    assert [line.text for line in cut] == [part for row in rows for part in row.text.split()]


def test_one_neighbour_parted_after_a_mark_cuts_no_line_set_solid() -> None:
    """A line of one column under another whose comma leaves a blank as wide as a narrow
    gutter: one line's blank is no gutter where the line's own letters stand solid."""
    above = read_line("社区食堂正式开业以来， 每天为两百多位老人", 50, 100)
    line = read_line("食堂由镇政府投资建设设有就餐区备餐区和配送中心", 50, 100 + PITCH)
    assert [piece.text for piece in cut_at_gutters([above, line])][-1] == line.text


def test_a_line_whose_letters_run_solid_across_a_gutter_is_set_across_the_columns() -> None:
    """A subtitle read over two columns: their lines leave the gutter open, but its own
    letters run on solid across it. It is one line, not two columns' lines."""
    rows = rows_read_across(3, 130)
    subtitle = read_line("位于天山五村的新泾镇首家社区长者食堂正式开业", 80, 118)
    cut = cut_at_gutters([subtitle, *rows])
    assert cut[0].text == subtitle.text


def with_sliver_boxes(line: Line) -> Line:
    """The line with each character's box a sliver three points wide inside its cell, as an
    engine that places characters where it read them may give."""
    words = tuple(
        replace(w, bbox=(w.bbox[0] + 3, w.bbox[1], w.bbox[0] + 6, w.bbox[3])) for w in line.words
    )
    return replace(line, words=words)


def test_slivers_for_boxes_show_no_gutter() -> None:
    """An engine that places each character where it read it may give slivers for boxes:
    the gaps between them are no blank paper, so the line shows no gutter to its
    neighbour, which stays one line."""
    text = SENTENCES[1][:24]
    slivers = with_sliver_boxes(read_line(text, 50, 100 + PITCH))
    line = read_line(SENTENCES[0][:12] + " " + SENTENCES[0][12:24], 50, 100, space=1.1)
    below = read_line(SENTENCES[2][:24], 50, 100 + 2 * PITCH)
    cut = cut_at_gutters([line, slivers, below])
    assert [piece.text for piece in cut] == [line.text, text, below.text]


def test_holes_that_lines_of_one_column_leave_near_its_edge_are_no_gutter() -> None:
    """Two lines of a column each leave a hole after a mark a few glyphs before the column's
    edge, one over the other: the words beyond it are no column (`MIN_COLUMN`), and the
    line between them, its boxes slivers that show nothing, stays whole."""
    holed = [
        read_line(SENTENCES[n][:11] + " " + SENTENCES[n][11:13], 50, top, space=0.6)
        for n, top in ((0, 100), (2, 100 + 2 * PITCH))
    ]
    middle = with_sliver_boxes(read_line(SENTENCES[1][:14], 50, 100 + PITCH))
    cut = cut_at_gutters([holed[0], middle, holed[1]])
    assert middle.text in [line.text for line in cut]


def test_a_wide_line_above_shows_nothing_of_the_gutters_under_it() -> None:
    """A line read across two columns at their top, a line of its type across both above
    it: that line shows nothing of the columns' gutter, and the line is still cut where
    the columns' lines under it leave it open."""
    above = read_line("社区食堂正式开业以来每天为两百多位老人提供午餐和晚餐服务", 50, 102)
    rows = two_columns_read_across("社区食堂正式开业以来，每", "志愿者们分成六个小组，沿")
    merged = next(line for line in rows if line.bbox[1] == 100 + 4 * PITCH)
    words = tuple(replace(w, bbox=(w.bbox[0], 118, w.bbox[2], 128)) for w in merged.words)
    top = replace(merged, bbox=(merged.bbox[0], 118, merged.bbox[2], 128), words=words)
    under = [line for line in rows if line.bbox[1] == 100 + 2 * PITCH]
    cut = [line.text for line in cut_at_gutters([above, top, *under]) if line.bbox[1] == 118]
    assert cut == ["社区食堂正式开业以来，每", "志愿者们分成六个小组，沿"]


def test_a_short_article_in_three_columns_of_two_lines_is_read_column_by_column() -> None:
    rows = [
        # A column's first line, indented, ends in a comma whose cell reaches into the gutter.
        [
            ("据了解，本届邻里节从九月中旬开始，", 65.6, 214.1),
            ("宴、邻里跳蚤市场和亲子运动会等活动，", 218.4, 380.4),
            ("车城社区联合安亭消防救援站开展高层", 389.1, 542.1),
        ],
        [
            ("持续一个月，期间各居民区开展了百家", 47.6, 200.6),
            ("参与居民超过一万二千人次。十月九日，汽", 218.4, 371.4),
            ("住宅消防安全演练，二百余名居民参加。", 389.1, 546.6),
        ],
    ]
    bulletin = read(
        line("一是要全面夯实基层基础", 190, 200, 19.6),
        *(
            Line(text, 1, 0, (x0, 250 + 16 * n, x1, 259 + 16 * n), 9.0, None, "pdf-text")
            for n, row in enumerate(rows)
            for text, x0, x1 in row
        ),
    )
    columns = ["".join(row[n][0] for row in rows) for n in range(3)]
    assert body_text(bulletin) == "".join(columns), "read across the columns, row by row"


def test_a_short_article_in_three_columns_of_one_row_under_its_title_is_read_left_to_right() -> (
    None
):
    """Each column holds a line or two; the middle one, right under the centred title,
    crosses the gutters its neighbours leave, yet a line with another beside it on its row
    is a column's own, set across none."""
    columns = ["五月十八日晚，虹桥新城居", "民区在睦邻中心召开垃圾分", "类新规专题说明会，一百五"]
    bulletin = read(
        line("集体企业党组织书记会议", 212, 680, 19.7),
        *(
            line(text, x0, top)
            for text, x0, top in zip(columns, (68, 224, 397), (721, 720.5, 721), strict=True)
        ),
        line("十余名居民代表参加。", 397, 737),
    )
    assert body_text(bulletin) == "".join(columns) + "十余名居民代表参加。"


def test_a_subtitle_and_byline_centred_under_their_title_stay_out_of_one_line_columns() -> None:
    bulletin = read(
        line("社区志愿服务队榜上有名", 187.5, 100, 20),
        line("——志愿者代表发言", 250, 130, 12),
        line("通讯员 王明华", 266.5, 150, 9),
        line("社区食堂正式开业以来，每天", 70, 170),
        line("为两百多位老人提供午餐和晚", 230, 170),
        line("餐服务。", 410, 170),
    )
    (article,) = bulletin.articles
    assert article.subtitle == "——志愿者代表发言"
    assert body_text(bulletin) == "社区食堂正式开业以来，每天为两百多位老人提供午餐和晚餐服务。"


def test_columns_of_one_line_each_beside_a_full_one_are_read_one_by_one() -> None:
    firsts = ["请符合条件的居", "民携带身份证和户口", "簿，到所在居民区或", "村委会办理登记手续。"]
    last = [
        "六十周岁以上老人个人",
        "缴费标准为每人每年",
        "五百九十五元，十八周",
        "岁以下的中小学生和婴",
        "幼儿为每人每年二百元。",
    ]
    bulletin = read(
        line("今年八十二岁的李婆婆每年都会参加中心的节日活动", 48, 151, 16),
        line("——区委组织部相关科室负责人应邀出席", 48, 179, 10.4),
        *(line(text, 66 if n == 0 else 48 + 103 * n, 199, 9) for n, text in enumerate(firsts)),
        *(line(text, 460, 199 + 14.5 * n, 9) for n, text in enumerate(last)),
    )
    (article,) = bulletin.articles
    assert article.subtitle == "——区委组织部相关科室负责人应邀出席"
    assert body_text(bulletin) == "".join(firsts + last)


def test_a_glyph_alone_at_a_columns_edge_under_an_indented_line_is_not_a_column() -> None:
    text = SENTENCES[0] + SENTENCES[1]
    opening = column(text[:15], 50, 140)  # a paragraph's first line and its last glyph
    bulletin = read(
        line("社区志愿服务队榜上有名", 120, 100, 20),
        *opening,
        *column(text[15:], 50, 140 + 5 * PITCH),
        *column(SENTENCES[2] + SENTENCES[3], 230, 140),
    )
    assert body_text(bulletin).startswith(text)


def test_a_caption_over_a_photo_at_a_columns_foot_is_kept_out_while_the_next_runs_on() -> None:
    text = SENTENCES[0] + SENTENCES[1]
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18),
        *column(text[:46], 50, 100),  # ends mid-sentence; the column's last line is the photo's
        # Wrapped: its first line as wide as the column, its last glyph centred under it.
        line("党员代表和志愿者们在社区广场上表演节", 51.5, 100 + 3 * PITCH, 8.5),
        line("目", 125.75, 100 + 3 * PITCH + 12, 8.5),
        *column(text[46:] + SENTENCES[2] * 4, 240, 100),
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == ["党员代表和志愿者们在社区广场上表演节目"]
    assert body_text(bulletin).startswith(text)


def test_a_masthead_name_set_right_of_its_issue_box_over_articles_side_by_side() -> None:
    left, right = SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3]
    bulletin = read(
        line("2023年12月5日 第6期", 50, 50, 9.5),
        line("罗店简讯", 425, 50, 32),
        line("希望更多居民加入", 42, 114, 26),
        line("到志愿服务的队伍", 42, 146, 26),
        *column(left, 42, 190),
        line("民意诉求收集平台", 320, 114, 26),
        *column(right, 320, 160),
    )
    assert [a.title for a in bulletin.articles] == [
        "希望更多居民加入到志愿服务的队伍",
        "民意诉求收集平台",
    ]
    assert body_text(bulletin) == left + right


def test_a_head_over_another_across_a_gap_is_cut_from_it_but_not_from_its_text() -> None:
    name = _box(line("屯门社区报", 405, 38, 32))
    title = _box(line("以前自己做饭买菜不方便", 30, 100, 19))
    text = _box(line(SENTENCES[0][:20], 30, 100))
    gap = 20.0  # the gap under the name, 30 points, is wider
    assert [len(part) for part in slabs([name, title], gap, BODY)] == [1, 1]
    assert [len(part) for part in slabs([name, text], gap, BODY)] == [2]


def test_a_hole_between_a_short_last_line_and_a_caption_is_no_gutter() -> None:
    band = [
        line("居民们在展板前挥手致意", 104, 437, 11),
        line("推出乐龄学堂和健康检查日等服", 41, 460, 13),
        line("务，鼓励长者积极参与社区生活。", 41, 479, 13),
        line("孩子们在展板前合影留念", 371, 476, 11),  # under a photo, set in
        line("咨询电话：五九五七一二三四。", 67, 498, 13),
        line("于五月底前将需要维修的项目汇总后报", 308, 498, 13),
        line("从七月一日起，夏阳街道社区卫生", 67, 517, 13),
        line("管办。", 308, 517, 13),  # the column's short last line
    ]
    (cut,) = gutters([_box(b) for b in band], 13)
    assert 275 < cut < 308


def placed(text: str, x0: float, x1: float, top: float, size: float = 9.0) -> Line:
    """A text-layer line of text spanning x0 to x1."""
    return Line(text, 1, 0, (x0, top, x1, top + size), size, None, "pdf-text")


def test_an_article_under_its_photo_beside_another_goes_on_past_the_heads_cut() -> None:
    right = ["代表们走访了镇域", "以及今年以来经济", "会事业、交通出行"]
    bulletin = read(
        placed("悦读青浦暑期阅读活动启动", 66, 257, 362, 13.6),
        placed("不少居民早早来到食堂门口排队", 339, 529, 362, 13.6),
        placed("——推进为民办实事的力度", 95, 228, 388, 11.1),
        *(
            placed(text, 307 + 88 * n, 379 + 88 * n, 388 + 13 * k)
            for n, text in enumerate(right)
            for k in range(6)
        ),
        placed("图为社区工作人员在活", 201, 281, 466, 8),
        placed("动现场认真听讲", 201, 257, 477, 8),
        # The left article's columns, under its photo, reach past the middle of the
        # strip between the heads above.
        *(placed("请各居民区于五月底前将需", 35, 156, 502 + 13 * k) for k in range(4)),
        *(placed("邀请区内二百多位长者欢度", 166, 297, 502 + 13 * k) for k in range(4)),
    )
    first, second = bulletin.articles
    assert first.title == "悦读青浦暑期阅读活动启动"
    assert "请各居民区" in first.text and "请各居民区" not in second.text


def test_columns_run_on_through_photos_when_a_comma_hangs_into_the_gutter_below_them() -> None:
    pieces, lines = columns_beside_photos()
    under = 4  # the left column's first line under its photo
    pieces[under] = pieces[under][:15] + "，"
    x0, top, *_ = lines[under].bbox or (0, 0, 0, 0)
    lines[under] = placed(pieces[under], x0, x0 + 17.6 * BODY, top, BODY)
    (article,) = read(line("社区食堂正式开业", 50, 100, 18), *lines).articles
    assert article.text.replace("\n", "") == "".join(pieces)


def test_articles_side_by_side_right_under_a_centred_masthead_are_read_one_by_one() -> None:
    left, right = SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3]
    bulletin = read(
        line("川沙简讯", 230, 42, 34),
        line("2024年3月17日 第13期", 208, 109, 10.5),
        line("扩大接待群众的参与面", 42, 128, 20),  # less than a line pitch under the masthead
        *column(left, 42, 160),
        line("沿河岸捡拾塑料袋", 325, 128, 20),
        *column(right, 325, 160),
    )
    assert [a.title for a in bulletin.articles] == ["扩大接待群众的参与面", "沿河岸捡拾塑料袋"]
    assert body_text(bulletin) == left + right


def test_a_caption_beside_a_photos_foot_under_nothing_but_its_side_is_kept_out() -> None:
    """A photo under the title fills the left of the page; its caption stands right of its
    foot, in smaller glyphs, with no text above it but the photo's side."""
    left, right = SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3]
    caption = "孩子们在广场上交流心得"
    bulletin = read(
        line("居民不只是追求小区的外在", 50, 60, 22),
        line("——不断创新工作方式", 50, 90, 12.5),
        line(caption, 372, 175, 8.5),  # the photo stands from 110 to 184, left of it
        *column(left, 50, 200, chars=22),
        *column(right, 290, 200, chars=22),
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == [caption]
    assert body_text(bulletin) == left + right


def test_a_caption_over_a_photo_wider_than_the_last_line_under_it_is_kept_out() -> None:
    """A photo across a one-column article, its caption centred over it: under the caption
    nothing but the photo, then a short last line set at the left edge."""
    text = SENTENCES[0] + SENTENCES[1]
    caption = "孩子们在活动现场交流心得"
    bulletin = read(
        line("社区食堂正式开业", 50, 60, 18),
        line(text[:50], 50, 100),
        line(caption, 300 - 8.5 * len(caption) / 2, 120, 8.5),
        line(text[50:], 50, 250),  # the photo stands from 135 to 240
    )
    (article,) = bulletin.articles
    assert [c.text for c in article.captions] == [caption]
    assert article.text.replace("\n", "") == text


def layer_row(pieces: list[tuple[str, float]], top: float) -> Line:
    """A row as a text layer gives it, across columns: a word for each run of characters
    and each mark, every glyph a body size wide; pieces are (text, left edge)."""
    words = []
    for text, x in pieces:
        for run in regex.findall(rf"[{HANGING_MARKS}]|[^{HANGING_MARKS}]+", text):
            words.append(Word(run, (x, top, x + BODY * len(run), top + BODY), BODY))
            x += BODY * len(run)
    box = (words[0].bbox[0], top, words[-1].bbox[2], top + BODY)
    return Line("".join(w.text for w in words), 1, 0, box, BODY, None, "pdf-text", tuple(words))


def test_a_closing_mark_hanging_to_the_next_columns_edge_parts_its_line_there() -> None:
    """Two columns of thirteen glyphs, two apart; one line of the left runs on a glyph and
    hangs its closing quote to where the right column starts. The neighbouring rows leave
    the gutter open; the line is cut at it."""
    left = [
        "开业当天不少居民早早来到食",
        "堂门口排队家住天山五村的陈",
        "阿姨今年七十八岁她告诉记者",
    ]
    right = [
        "模式每天供应早中晚三餐其中",
        "午餐提供荤素搭配的套餐每份",
        "十二元至十五元社保卡还可享",
    ]
    over, after = "食堂实行中央厨房加社区配送站”", "动不便的独居老人可以通过电"
    rows = [
        layer_row([(a, 50), (b, 200)], 100 + n * PITCH)
        for n, (a, b) in enumerate(zip(left, right, strict=True))
    ]
    rows.append(layer_row([(over + after, 50)], 100 + 3 * PITCH))
    assert [line.text for line in cut_at_gutters(rows)][-2:] == [over, after]


def test_a_paragraphs_last_glyph_under_indented_first_lines_is_no_column() -> None:
    """In the left column, a paragraph ends on one glyph under its indented first line and
    over the next paragraph's; that paragraph's second line runs across the strip the
    indents leave. The strip is no gutter: the column is read line by line."""
    first, last = "希望政府加强对全区物业的督管", "理。"
    second = "十月十四日晚，安亭镇第五届邻里节文艺汇演在镇文体中心举行。"
    right = SENTENCES[2] + SENTENCES[3]
    bulletin = read(
        line("悦读青浦暑期阅读活动启动", 50, 60, 20),
        line(first, 70, 100),
        line(last, 50, 100 + PITCH),
        line(second[:14], 70, 100 + 2 * PITCH),
        line(second[14:], 50, 100 + 3 * PITCH),
        *[line(right[16 * n : 16 * n + 16], 230, 100 + n * PITCH) for n in range(4)],
    )
    assert body_text(bulletin) == first + last + second + right[:64]


def test_a_two_line_paragraph_indented_over_its_short_last_line_is_one_column() -> None:
    """A paragraph of two lines under its title: the first set in, the last a glyph and a
    full stop at the left edge. No row has text on both sides of the strip between them."""
    text = SENTENCES[1]
    bulletin = read(
        line("元朗区议会召开全体会议", 50, 60, 20),
        line(text[:-2], 70, 100),
        line(text[-2:], 50, 100 + PITCH),
    )
    assert body_text(bulletin) == text


def test_articles_side_by_side_part_where_the_right_ones_second_column_stands_under_a_photo() -> (
    None
):
    """The right article's title spans its first column only; a photo tops its second. The
    gutter between its columns runs through the whole slab like the one between the two
    articles, but the part right of it has no head: it is the article's further column."""
    left, right = SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3]
    bulletin = read(
        line("社区食堂正式开业", 50, 100, 14),
        *column(left, 50, 130, chars=10),
        line("河道清理志愿活动", 300, 100, 14),
        *column(right[:50], 300, 130, chars=10),
        *[line(right[50 + 10 * n : 60 + 10 * n], 420, 200 + n * PITCH) for n in range(4)],
    )
    assert [a.title for a in bulletin.articles] == ["社区食堂正式开业", "河道清理志愿活动"]
    assert body_text(bulletin) == left + right[:90]


def test_a_comma_under_an_indented_first_line_does_not_part_its_line() -> None:
    """In the right column a line's comma is set solid against the next glyph, where the
    indented first lines above and below it start, and another comma stands under it. The
    lines left of it end in the left column, far from the comma's: no column's edge is
    there, and the line stays whole."""
    left = [
        "开业当天不少居民早早来到食",
        "堂门口排队家住天山五村的陈",
        "阿姨今年七十八岁她告诉记者",
        "以前自己做饭买菜不方便现在",
    ]
    right = [
        "屏山文物径自开放以",
        "来，一直深受市民和游客欢迎。",
        "本区于暑假期间举办",
        "解，本届邻里节从九月中旬开",
    ]
    rows = [
        layer_row([(a, 50), (b, 250 if n % 2 == 0 else 230)], 100 + n * PITCH)
        for n, (a, b) in enumerate(zip(left, right, strict=True))
    ]
    assert right[1] in [line.text for line in cut_at_gutters(rows)]


def test_lines_read_across_a_gutter_that_hanging_marks_bridge_are_cut_at_the_columns_gutter() -> (
    None
):
    """Two columns, each row read apart but the last two: there a pause mark hangs into the
    gutter at the end of the left column's line, and OCR read the row across as one line.
    Neither of the two shows the other the gutter; the columns above them do, and the
    lines are cut where their own words part at it."""
    text = "".join(c for c in "".join(SENTENCES) * 3 if c not in "，。、")  # no row starts on one
    left = [text[12 * n : 12 * n + 12] for n in range(12)]
    right = [text[144 + 12 * n : 156 + 12 * n] for n in range(12)]
    lines = [line("社区食堂正式开业", 50, 60, 20)]
    for n in range(12):
        top = 100 + n * PITCH
        if n < 10:
            lines += [read_line(left[n], 50, top), read_line(right[n], 184, top)]
        else:
            lines.append(read_line(left[n] + "、 " + right[n], 50, top, space=0.4))
    bulletin = read(*lines)
    assert body_text(bulletin) == "".join(left[:10]) + left[10] + "、" + left[11] + "、" + "".join(
        right
    )


def test_pieces_of_a_line_cut_apart_are_read_left_to_right_whatever_their_tops() -> None:
    """OCR cuts a column's line in two, and the right piece may stand a hair higher than the
    left: along a row the pieces read left to right, not by which top is higher."""
    text = SENTENCES[0] + SENTENCES[1]
    lines = column(text, 50, 200, chars=16, origin="ocr-tesseract")
    third = lines[2]
    left = replace(third, text=third.text[:7], bbox=(50, 232.4, 120, 242.4))
    right = replace(third, text=third.text[7:], bbox=(120, 232.0, 210, 242.0))
    bulletin = read(*lines[:2], right, left, *lines[3:])
    assert body_text(bulletin) == text


def test_the_cell_of_a_comma_the_engine_doubted_is_no_gutter() -> None:
    """Tesseract doubted a comma inside a line, set half a glyph from the letters either
    side, as a speck in a gutter would stand; taken out as a stray mark, its cell and the
    bearings around it leave a gap wider than a gutter's least. A mark's cell is mostly
    blank, so that gap must be as much wider as one after a sure mark."""
    text = "工作计划包括改善"
    words = [
        *(Word(c, (12 * n, 100, 12 * n + 11, 111)) for n, c in enumerate(text[:4])),
        Word(",", (53.5, 106, 55.6, 109), confidence=0.08, doubtful=True),
        *(Word(c, (62 + 12 * n, 100, 62 + 12 * n + 11, 111)) for n, c in enumerate(text[4:])),
    ]
    read = Line(
        "工作计划,包括改善",
        1,
        0,
        (0, 100, 109, 111),
        11.5,
        0.9,
        "ocr-tesseract",
        words=tuple(words),
    )
    assert [line.text for line in cut_at_gutters([read])] == ["工作计划,包括改善"]


def test_a_subtitle_opening_with_a_dash_as_ocr_reads_it_is_no_line_of_the_title() -> None:
    """A subtitle set right under its title, almost as large: OCR reads its Chinese dash as
    two strokes of `一`, and it opens no line of the title all the same."""
    bulletin = read(
        ocr_line("推动辖区在职党员常态化融入社区网格治理", 36, 100, 20),
        ocr_line("一一信报箱和健身器材等设施", 37, 129, 17.5),
        *column(SENTENCES[0] + SENTENCES[1], 36, 170, chars=30),
    )
    assert [(a.title, a.subtitle) for a in bulletin.articles] == [
        ("推动辖区在职党员常态化融入社区网格治理", "——信报箱和健身器材等设施")
    ]


def test_a_running_heads_date_or_issue_misread_in_small_type_still_marks_it() -> None:
    """OCR reads a digit of a running head's small type as a mark at times (`第5]期`, a
    month as `？`): the line is still the running head, and a masthead's issue line."""
    from bulletin_ingest.layout import ISSUE_NUMBER_RE, is_running_head

    assert is_running_head("曹杨月刊”2023年？月12日")
    assert is_running_head("2023年8月26日第5]期") and ISSUE_NUMBER_RE.search("第5]期")
    assert not is_running_head("2023年底，全镇推行垃圾分类。")
    assert not ISSUE_NUMBER_RE.search("第一期工程")


def column_read(*words: tuple[str, float, float], blanks: tuple[tuple[float, float], ...]) -> Line:
    """A line tesseract read from what the page's regions took for one column."""
    boxed = tuple(Word(text, (x0, 100.0, x1, 110.0)) for text, x0, x1 in words)
    box = (boxed[0].bbox[0], 100.0, boxed[-1].bbox[2], 110.0)
    text = "".join(word.text for word in boxed)
    return Line(text, 1, 0, box, 10.0, 0.9, COLUMN_READ, boxed, blanks)


def test_a_line_read_from_one_column_is_cut_where_its_letters_stand_a_gutter_apart() -> None:
    """The page's regions may take two narrow columns for one: letters farther apart than
    a gutter still part them, whatever the engine read on the blank paper between them;
    marks set between two phrases, inked, fill their cells and part nothing."""
    gutter = column_read(("更希望居民区及", 0, 70), ("据了解本届", 100, 150), blanks=((72, 98),))
    assert [line.text for line in cut_at_gutters([gutter])] == ["更希望居民区及", "据了解本届"]
    unseen = replace(gutter, origin=COLUMN_READ, blanks=((72, 80), (90, 98)))
    assert [line.text for line in cut_at_gutters([unseen])] == ["更希望居民区及", "据了解本届"]
    phantom = column_read(
        ("更希望居民区及", 0, 70), ("。。", 78, 90), ("据了解本届", 100, 150), blanks=((72, 98),)
    )
    assert [line.text for line in cut_at_gutters([phantom])][1:] == ["据了解本届"]
    quoted = column_read(
        ("打造了新泾“水脉", 0, 80), ("”（", 80, 100), ("苏河小泾", 100, 140), blanks=((83, 97),)
    )
    assert [line.text for line in cut_at_gutters([quoted])] == ["打造了新泾“水脉”（苏河小泾"]


def test_a_title_s_short_last_line_read_with_the_next_column_s_line_is_kept() -> None:
    """Tesseract reads a wrapped title's short last line as one line with the body line
    beside it across the gutter, and doubts one of its large glyphs: the piece cut off at
    the gutter holds letters it is sure of, and is text, not specks in the gutter."""
    words = (
        Word("与来自社区的居民", (50.0, 100.0, 130.0, 110.0), None, 0.92),
        Word(" 户口", (160.0, 96.0, 192.0, 112.0), None, 0.88),
        Word("簿", (192.0, 96.0, 208.0, 112.0), None, 0.0, True),
    )
    read = Line(
        "与来自社区的居民 户口簿",
        1,
        0,
        (50.0, 96.0, 208.0, 112.0),
        10.0,
        0.6,
        "ocr-tesseract",
        words,
        ((130.5, 159.5),),
    )
    assert [line.text for line in cut_at_gutters([read])] == ["与来自社区的居民", "户口簿"]


def test_a_title_line_whose_box_runs_past_its_glyphs_still_wraps_onto_the_next() -> None:
    """OCR ran the first line's box below its glyphs, over the second line's top: the two
    lines still stand a head's leading apart, a glyph under the first one's top, and are
    one title, not a title and a subtitle."""
    first = line("镇城市运行管理中心", 50, 100, 24, origin="ocr-tesseract")
    tall = replace(first, bbox=(50.0, 100.0, 50.0 + 24 * 9, 144.0))
    bulletin = read(
        tall,
        line("主任单松雷", 50, 136, 24, origin="ocr-tesseract"),
        *column(SENTENCES[0] + SENTENCES[1], 50, 180, chars=30, origin="ocr-tesseract"),
    )
    (article,) = bulletin.articles
    assert (article.title, article.subtitle) == ("镇城市运行管理中心主任单松雷", None)


def test_a_column_s_only_line_spaced_out_wide_goes_on_in_the_next_column() -> None:
    """An article set in narrow columns a line deep: its first column's only line, spaced
    out to fill the measure, measures larger than the body's glyphs; the text goes on in
    the next column on its row, so it is prose, not a heading."""
    bulletin = read(
        line("区议会就发展计划征询意见", 50, 60, 20),
        line("区议会欢迎居民就", 70, 100, 11.2),
        line("计划提出意见，意见", 170, 100),
        line("可于月底前提交。", 270, 100),
        line("社区食堂正式开业", 50, 140, 20),
        *column(SENTENCES[0] + SENTENCES[1] + SENTENCES[2], 50, 175, chars=30),
    )
    first = bulletin.articles[0]
    assert first.title == "区议会就发展计划征询意见"
    assert first.text.replace("\n", "") == "区议会欢迎居民就计划提出意见，意见可于月底前提交。"


def test_articles_side_by_side_part_where_a_titles_last_glyph_wrapped_over_a_gap() -> None:
    """The left title wrapped its last glyph onto a line of its own; its subtitle stands more
    than a line's pitch under it, and photos under both heads leave a gap above the
    columns. The glyph is the head's, so the subtitle goes with the heads above it, and
    each article is read whole under its own head."""
    left, right = SENTENCES[0] + SENTENCES[1], SENTENCES[2] + SENTENCES[3]
    bulletin = read(
        line("共同守护家门口的绿水清", 50, 100, 18),
        line("波", 50, 122, 18),
        line("——六十周岁以上老人缴费标准", 50, 162, 12),
        line("针对小区停车难问题", 320, 100, 18),
        *column(left, 50, 300),
        *column(right, 320, 300),
    )
    titles = [a.title for a in bulletin.articles]
    assert titles == ["共同守护家门口的绿水清波", "针对小区停车难问题"]
    assert [a.text for a in bulletin.articles] == [left, right]


def test_a_caption_under_a_photo_carries_no_text_on_into_the_article_beside_it() -> None:
    """Left, a kicker and a title over a photo, the photo's caption under it ending no
    sentence and filling its width; right, a title level with the kicker, a phone line
    under it at its column's edge. The caption, smaller than the body, runs on into
    nothing: the two are articles side by side, the kicker with its own title."""
    right = SENTENCES[2] + SENTENCES[3]
    bulletin = read(
        line("邻里守望 温暖同行", 53, 303, 10),
        line("导赏员以中英双语介绍邓氏宗", 55, 326, 16),
        line("祠", 55, 348, 16),
        line("嘉宾们在活动现场表演节目", 116, 386, 8),
        line("紧扣学习贯彻党的二十大精神", 319, 303, 16),
        line("咨询电话：", 338, 417, 10),
        line("59571234。", 440, 417, 10),
        *column(right, 319, 496, chars=14),
        *column(SENTENCES[0] + SENTENCES[1], 53, 496, chars=14),
    )
    heads = [(a.kicker, a.title) for a in bulletin.articles]
    assert heads[0] == ("邻里守望 温暖同行", "导赏员以中英双语介绍邓氏宗祠")
    assert heads[1][1] == "紧扣学习贯彻党的二十大精神"


def test_a_head_read_in_two_pieces_at_an_opening_quote_over_a_gutter_parts_no_articles() -> None:
    """A centred title read in two pieces where an opening quote starts its second part:
    the quote's ink stands in the right of its cell, so the blank between the pieces is
    most of a glyph, and it lies over the gutter of the article's two columns. A head's
    glyphs set beside a mark part no articles: one title over two columns."""
    size = 19.6
    first = line("安亭镇举办第五届", 132, 100, size)
    second = line("“邻里节”文艺汇演", 132 + 8 * size + 11, 100, size)
    body = [
        *column(SENTENCES[0], 130, 140),
        *column(SENTENCES[1], 305, 140),
    ]
    bulletin = read(first, second, *body)
    assert [a.title for a in bulletin.articles] == ["安亭镇举办第五届“邻里节”文艺汇演"]


def test_a_line_opening_with_a_quotation_at_its_columns_edge_is_not_centred() -> None:
    """A column's last line opening with a quotation mark: its ink starts half a glyph in,
    inside the mark's cell, but its cells stand at the column's edge, so it is no centred
    caption. The same glyphs set in by a glyph and more on each side are centred."""
    size, left, right = 10.6, 254.5, 341.6
    quoted = Line("“绿色管家”志", 1, 0, (260.2, 289.0, 326.4, 298.7), size)
    assert not is_centred(_box(quoted), left, right, size)
    set_in = Line("绿色管家志愿服务", 1, 0, (268.0, 289.0, 328.0, 298.7), size)
    assert is_centred(_box(set_in), left, right, size)


@pytest.mark.parametrize("read_by", ["ocr-tesseract", "pdf-text"])
def test_a_row_cut_in_two_within_its_column_is_one_line_where_ocr_cut_it(read_by: str) -> None:
    """OCR may cut a line at the blank two marks' cells leave (`，“`); in its column, with
    no gutter there in the lines around it, the rest of the row is no paragraph set in. A
    text layer states its pieces (a form's fields side by side): they stay apart."""
    lines = column(SENTENCES[0] + SENTENCES[1], 50, 140, origin=read_by)
    row = lines[2]
    first, rest = row.text[:6], row.text[6:]
    top = row.bbox[1]
    cut = [line(first, 50, top, origin=read_by), line(rest, 50 + 7 * BODY, top, origin=read_by)]
    title = line("社区食堂正式开业", 50, 100, 18, origin=read_by)
    bulletin = read(title, *lines[:2], *cut, *lines[3:])
    (article,) = bulletin.articles
    assert ("\n" in article.text) == (read_by == "pdf-text")
    assert article.text.replace("\n", "") == SENTENCES[0] + SENTENCES[1]


def test_a_line_that_opens_with_a_pause_mark_keeps_it() -> None:
    """A page set without the rule that keeps closing marks off a line's start breaks a
    line before a pause at times: the mark, read without doubt, takes the line's first
    cell and stays. One read doubted, and a quote, go as before: what the engine read at a
    column's edge."""
    (kept,) = cut_at_gutters([read_line("、器乐和情景剧等多种形式", 50, 100)])
    assert kept.text == "、器乐和情景剧等多种形式"
    for text, doubtful in (("、器乐和情景剧等多种形式", "、"), ("”器乐和情景剧等多种形式", "")):
        (cut,) = cut_at_gutters([read_line(text, 50, 100, doubtful)])
        assert cut.text == "器乐和情景剧等多种形式"


def test_a_mark_after_a_gutter_a_line_is_cut_at_goes() -> None:
    """A cut falls in a gap, and a mark's blank cell widens the gap after it: a mark that
    starts the piece after a cut stands at the gap's edge, not at a line's start."""
    lines = two_columns_read_across("社区食堂正式开业以来，每", "，志愿者们分成六个小组")
    cut = [line for line in cut_at_gutters(lines) if line.bbox[1] == 100 + 4 * PITCH]
    assert [line.text for line in cut] == ["社区食堂正式开业以来，每", "志愿者们分成六个小组"]


def test_a_gutter_rapidocrs_meeting_boxes_hide_is_found_in_the_paper() -> None:
    """RapidOCR boxes a line's characters edge to edge, across a gutter an em wide too; the
    blank paper measured across each line shows the gutter, and the lines are cut there."""
    text = "新泾镇社区长者食堂开业老人们在食堂用餐"

    def read(top: float) -> Line:
        words = tuple(Word(c, (10 * n, top, 10 * n + 10, top + 10)) for n, c in enumerate(text))
        return Line(
            text,
            1,
            int(top),
            (0, top, 190, top + 10),
            10,
            origin="ocr-rapidocr",
            words=words,
            blanks=((87, 97),),
            paper_seen=True,
        )

    cut = cut_at_gutters([read(top) for top in (0, 14, 28)])
    assert [line.text for line in cut] == [text[:9], text[9:]] * 3
