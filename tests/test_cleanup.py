from __future__ import annotations

import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bulletin_ingest import IngestConfig, fix_and_explain, fix_text
from bulletin_ingest.chars import han_chars
from bulletin_ingest.cleanup import FIXES, clean_blocks, fix_catalogue
from bulletin_ingest.model import Block, Line


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("新泾镇开展 2022 年第二次活动", "新泾镇开展2022年第二次活动"),
        ("交通出行等共 50 条意见建议", "交通出行等共50条意见建议"),
        ("听民声 汇民意 解民忧", "听民声 汇民意 解民忧"),
        ("凝心聚力 共治共享", "凝心聚力 共治共享"),
        ("自 / 家 / 门 / 口 / 这 / 点 / 事", "自家门口这点事"),
        ("新 泾 镇", "新泾镇"),
        ("近日,新泾镇组织开展了活动", "近日，新泾镇组织开展了活动"),
        ("镇党委书记卞晓清强调:一是要", "镇党委书记卞晓清强调：一是要"),
        ("“水脉”(苏河小泾冷、水环境科普)", "“水脉”（苏河小泾冷、水环境科普）"),
        ("你好吗?好!", "你好吗？好！"),
        ("会议于11:30开始,共3.5万元", "会议于11:30开始，共3.5万元"),
        ("共1,000人", "共1,000人"),
        ("详见 https://www.example.cn/a?b=1 网页", "详见 https://www.example.cn/a?b=1 网页"),
        ("邮箱 xinjing@example.com 联系", "邮箱 xinjing@example.com 联系"),
        ('延续"线上+线下"模式', "延续“线上+线下”模式"),
        ("２０２２年ＡＢＣ", "2022年ABC"),
        ("新\u200b泾\u200d镇", "新泾镇"),
        ("近日，，新泾镇。。", "近日，新泾镇。"),
        ("他说……好——", "他说……好——"),
        (
            "The meeting, held at 9:30 (room 2), ended.",
            "The meeting, held at 9:30 (room 2), ended.",
        ),
        ("Hong Kong 新 界", "Hong Kong 新界"),
        ("增长 12 %", "增长12%"),
        ("合办[社区清洁日|，推出【乐龄学堂」", "合办「社区清洁日」，推出「乐龄学堂」"),
        ("打造“水脉”〈苏河小泾冷、水环境科普)", "打造“水脉”（苏河小泾冷、水环境科普）"),
        ("【通知】请见[注]和〈说明〉", "【通知】请见[注]和〈说明〉"),
        ("西郊“爱心点亮希望\"代表，“悦读青浦'活动", "西郊“爱心点亮希望”代表，“悦读青浦”活动"),
        ("他说“it's fine”", "他说“it's fine”"),
        ("陈大文先生\n(Mr Chan Tai-man)\n主持", "陈大文先生\n（Mr Chan Tai-man）\n主持"),
        ("爱心点亮希望)6大项目", "爱心点亮希望）6大项目"),
        ("see (a) and b) here", "see (a) and b) here"),
        ("生活充实了很多。，下一步，。镇人大", "生活充实了很多，下一步，镇人大"),
        ("活动结束。“好！”他说……。", "活动结束。“好！”他说……。"),
        ("掌声阵阵。\n目前 全街道\n居民区", "掌声阵阵。\n目前全街道\n居民区"),
        ("文 / 王明平", "文／王明平"),
        ("时速60km/h，占1/2", "时速60km/h，占1/2"),
    ],
)
def test_fix_text_examples(before: str, after: str) -> None:
    assert fix_text(before) == after


def test_stray_traditional_unified_to_simplified_only_when_dominant() -> None:
    assert fix_text("新泾鎮召开会议，大家积极参与讨论") == "新泾镇召开会议，大家积极参与讨论"
    assert fix_text("新界北區舉行會議，居民积極參與") == "新界北區舉行會議，居民積極參與"


def test_script_unification_can_be_switched_off() -> None:
    config = IngestConfig(unify_script=False)
    assert fix_text("新泾鎮召开会议", config) == "新泾鎮召开会议"


@pytest.mark.parametrize(
    ("target", "after"),
    [
        ("traditional", "新涇鎮召開會議"),
        ("taiwan", "新涇鎮召開會議"),
        ("hongkong", "新涇鎮召開會議"),
        ("simplified", "新泾镇召开会议"),
    ],
)
def test_conversion_only_when_asked(target: str, after: str) -> None:
    assert fix_text("新泾镇召开会议") == "新泾镇召开会议"
    assert fix_text("新泾镇召开会议", IngestConfig(target_script=target)) == after


def test_explain_names_each_fix_that_changed_something() -> None:
    text, steps = fix_and_explain("近日,新泾镇开展了 2022 年活动")
    assert text == "近日，新泾镇开展了2022年活动"
    assert {s.name: s.changes for s in steps} == {
        "remove_inter_han_spaces": 1,
        "halfwidth_punct_to_fullwidth": 1,
    }
    assert fix_and_explain(text)[1] == ()


def test_every_fix_has_a_catalogue_example_that_holds() -> None:
    names = [entry[0] for entry in fix_catalogue()]
    assert names == [fix.name for fix in FIXES] + ["convert_script"]


CHINESE = st.text(
    alphabet=st.sampled_from(
        [
            *"新泾镇召开会议人大代表居民區鎮會议",
            *"，。、：；？！“”（）《》 ,:;?!()\"'0123456789ab.\n/",
            *"〈〉「」[]【】『』|",
            *["\u3000", "\u200b", "２", "Ａ", "　"],
        ]
    ),
    max_size=80,
)


@settings(max_examples=3000, deadline=None)
@given(CHINESE)
@example("“。,人“")  # a quote's mending read a stop that a later fix drops
@example("“人''人'")  # the mended quote's closing half leaves a straight pair to curl
@example("()\n 。")  # a parenthesis judged by the mark past a line break and a space
@example("0:：00")  # a time's colon read twice, in both widths
def test_fix_text_is_idempotent(text: str) -> None:
    once = fix_text(text)
    assert fix_text(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_fix_text_never_raises(text: str) -> None:
    assert isinstance(fix_text(text), str)


ENGLISH = st.lists(
    st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=10),
    min_size=1,
    max_size=12,
).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", ", ", ": ", "; ", "? ", "! ", ". ", " (", ") ", ' "', '" ']),
        min_size=len(words) - 1,
        max_size=len(words) - 1,
    ).map(lambda seps: "".join(w + s for w, s in zip(words, [*seps, ""], strict=True)))
)


@settings(max_examples=300, deadline=None)
@given(ENGLISH)
def test_ascii_english_prose_is_left_alone(text: str) -> None:
    assert fix_text(text) == text


@settings(max_examples=300, deadline=None)
@given(CHINESE)
def test_no_fix_adds_drops_or_reorders_han(text: str) -> None:
    config = IngestConfig(unify_script=False)
    assert han_chars(fix_text(text, config)) == han_chars(text)


def test_straight_quotes_around_curled_ones_stay_as_they_are() -> None:
    # Hypothesis found: curling the inner pair made the outer pair curl on a second pass.
    for text in ("''b人''", '""b人""'):
        once = fix_text(text)
        assert fix_text(once) == once


def one_line_block(text: str, origin: str) -> Block:
    """A block of one line of text, read by origin (an OCR engine, or a PDF's text layer)."""
    line = Line(text, 1, 0, (0, 0, 100, 10), 10, origin=origin)
    return Block(raw=text, text=text, page=1, lines=(line,))


def test_two_strokes_opening_a_block_read_by_ocr_are_the_dash_a_text_layers_stay() -> None:
    """OCR reads a subtitle's dash as two strokes of `一`; a text layer states what is
    printed, and a column of it may open mid-sentence with `一一` (one by one)."""
    read, layer = (
        one_line_block("一一居民区召开专题说明会", "ocr-tesseract"),
        one_line_block("一一作了解答。", "pdf-text"),
    )
    (fixed_read, fixed_layer), totals = clean_blocks((read, layer), IngestConfig())
    assert fixed_read.text == "——居民区召开专题说明会"
    assert fixed_layer.text == "一一作了解答。"
    assert dict(totals)["opening_strokes_to_dash"] == 1
    assert fix_text("工作人员\n一一作了解答") == "工作人员\n一一作了解答"


def test_old_forms_read_by_ocr_take_the_modern_form_a_text_layers_stay() -> None:
    """An engine writes `爲` and `衆` for the `為` and `眾` that modern print, Taiwan's and
    Hong Kong's alike, sets; a stray simplified `为` takes the modern form too, not OpenCC's;
    a text layer states what is printed; forms that differ by region (`户`) stay."""
    text = "驗收組專家認爲，大衆住户为社區"
    read, layer = one_line_block(text, "ocr-rapidocr"), one_line_block(text, "pdf-text")
    config = IngestConfig(script="traditional")
    (fixed_read, fixed_layer), _ = clean_blocks((read, layer), config)
    assert fixed_read.text == "驗收組專家認為，大眾住户為社區"
    assert fixed_layer.text == "驗收組專家認爲，大衆住户為社區"


def test_brackets_of_two_kinds_are_mended_in_what_ocr_read_a_text_layer_stays() -> None:
    """OCR reads a corner bracket's thin stroke as a bar; a text layer states what is
    printed."""
    text = "合办[社区清洁日|"
    read, layer = one_line_block(text, "ocr-tesseract"), one_line_block(text, "pdf-text")
    (fixed_read, fixed_layer), totals = clean_blocks((read, layer), IngestConfig())
    assert (fixed_read.text, fixed_layer.text) == ("合办「社区清洁日」", "合办[社区清洁日|")
    assert dict(totals)["mend_mismatched_brackets"] == 2  # both halves


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("榜单“安亭好人“上有名", "榜单“安亭好人”上有名"),  # an opening quote closing a phrase
        ("“新泾记忆群“与“两街一水”", "“新泾记忆群”与“两街一水”"),
        ("“绿色管家\n志愿者队伍“每天值守", "“绿色管家\n志愿者队伍”每天值守"),  # across a line
        ("“绿色管家“悦读青浦”活动", "“绿色管家“悦读青浦”活动"),  # the next quote's opening
        ("她说：“子女工作忙。“活动", "她说：“子女工作忙。“活动"),  # a quoted sentence
    ],
)
def test_an_opening_quote_read_for_a_closing_one_is_turned(read: str, printed: str) -> None:
    """A quote closes before the next opens; OCR reads a face's closing quote as the
    opening one now and then."""
    assert fix_text(read) == printed


def test_radicals_a_pdf_font_maps_its_glyphs_to_are_read_as_characters() -> None:
    """`⼀` (Kangxi radical one) and `⻓` (C-simplified radical long) look as `一` and `长`
    do; in text they are those characters, also in a text layer, and in traditional text
    the traditional form."""
    text, steps = fix_and_explain("第⼀次⻓者会议在中⼼举⾏")
    assert text == "第一次长者会议在中心举行"
    assert ("radicals_to_ideographs", 4) in [(step.name, step.changes) for step in steps]
    config = IngestConfig(script="traditional")
    assert fix_and_explain("⻓者中⼼⻔⼝", config, read=False)[0] == "長者中心門口"
