"""The scorer on hand-made predictions whose right answers are known."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bulletin_ingest.cli import main
from bulletin_ingest.evaluate import Gold, GoldArticle, load_gold, score, total
from bulletin_ingest.model import Article, BodyBlock, Boilerplate, Bulletin, Caption, SourceInfo

from .conftest import SAMPLES

GOLD = Gold(
    name="hand",
    script="simplified",
    articles=(
        GoldArticle(
            "长者食堂开业",
            (("paragraph", "食堂今天开业。"), ("paragraph", "老人们很高兴。")),
            kicker="服务 群众",
            captions=("老人用餐",),
        ),
        GoldArticle("志愿者清理河道", (("paragraph", "志愿者清理垃圾。"),)),
    ),
    boilerplate=(("扫描二维码关注", "qr-prompt"), ("2", "page-number")),
    page_text="",
)


def article(gold: GoldArticle, n: int) -> Article:
    return Article(
        id=f"a{n}",
        title=gold.title,
        kicker=gold.kicker,
        pages=(1,),
        body=tuple(BodyBlock(role, text, 1) for role, text in gold.body),
        captions=tuple(Caption(c, 1) for c in gold.captions),
    )


def bulletin(*articles: Article) -> Bulletin:
    return Bulletin(
        source=SourceInfo("x", "0" * 64, "text", 1),
        script="simplified",
        articles=articles,
        boilerplate=tuple(Boilerplate(t, r, 1) for t, r in GOLD.boilerplate),
    )


PERFECT = bulletin(*(article(a, n) for n, a in enumerate(GOLD.articles, 1)))


def test_perfect_prediction_scores_zero_and_one() -> None:
    metrics = score(GOLD, PERFECT).metrics()
    assert metrics["body_cer"] == 0.0 and metrics["body_cer_no_space"] == 0.0
    for key in (
        "titles_found",
        "kickers_found",
        "split_precision",
        "split_recall",
        "split_f1",
        "captions_kept_out",
    ):
        assert metrics[key] == 1.0
    assert metrics["boilerplate_leaked"] == 0.0
    assert (metrics["articles_predicted"], metrics["articles_gold"]) == (2, 2)


def test_swapped_articles_cost_body_cer_but_not_the_split() -> None:
    swapped = bulletin(*reversed(PERFECT.articles))
    metrics = score(GOLD, swapped).metrics()
    assert metrics["body_cer"] > 0
    assert metrics["split_f1"] == 1.0
    assert metrics["titles_found"] == 1.0


def test_merged_articles_lose_the_smaller_one_from_recall() -> None:
    first, second = PERFECT.articles
    merged = replace(
        first, body=(*first.body, BodyBlock("paragraph", second.title, 1), *second.body)
    )
    metrics = score(GOLD, bulletin(merged)).metrics()
    gold_first = len("长者食堂开业食堂今天开业。老人们很高兴。")
    gold_second = len("志愿者清理河道志愿者清理垃圾。")
    assert metrics["split_recall"] == round(gold_first / (gold_first + gold_second), 4)
    assert metrics["split_precision"] == round(gold_first / (gold_first + gold_second), 4)
    assert metrics["articles_predicted"] == 1
    assert metrics["titles_found"] == 0.5


def test_split_article_leaves_a_part_unmatched() -> None:
    first, second = PERFECT.articles
    head = replace(first, body=first.body[:1])
    tail = replace(first, id="a3", title=None, body=first.body[1:])
    metrics = score(GOLD, bulletin(head, tail, second)).metrics()
    assert metrics["split_recall"] < 1.0  # the tail's characters sit outside the match
    assert metrics["split_precision"] < 1.0
    assert metrics["articles_predicted"] == 3


def test_caption_left_in_the_body_moves_the_caption_share_by_one() -> None:
    first, second = PERFECT.articles
    with_caption = replace(
        first,
        captions=(),
        body=(first.body[0], BodyBlock("paragraph", "老人用餐", 1), first.body[1]),
    )
    metrics = score(GOLD, bulletin(with_caption, second)).metrics()
    assert metrics["captions_kept_out"] == 0.0
    assert metrics["body_cer"] > 0


def test_boilerplate_in_a_body_counts_as_leaked() -> None:
    first, second = PERFECT.articles
    leaky = replace(first, body=(BodyBlock("paragraph", "扫描二维码关注", 1), *first.body))
    metrics = score(GOLD, bulletin(leaky, second)).metrics()
    assert metrics["boilerplate_leaked"] == 1.0  # the page number is too short to search


def test_ocr_errors_and_punctuation_width_show_apart() -> None:
    first, second = PERFECT.articles
    ascii_punct = replace(first, body=(BodyBlock("paragraph", "食堂今天开业.", 1), first.body[1]))
    metrics = score(GOLD, bulletin(ascii_punct, second)).metrics()
    assert metrics["body_cer_no_space"] > 0
    assert metrics["body_cer_folded"] == 0.0


def test_total_weights_by_counts() -> None:
    one = score(GOLD, PERFECT)
    bad = score(GOLD, bulletin())
    both = total([one, bad]).metrics()
    assert both["titles_found"] == 0.5
    assert both["body_cer"] == 0.5


def test_layout_gold_derives_joined_paragraphs_captions_and_jumps() -> None:
    gold = load_gold(SAMPLES / "gold" / "xinjing-jianxun-2023-05.gold.json")
    canteen = gold.articles[0]
    assert canteen.title == "新泾镇首家社区长者食堂正式开业"
    assert "80周岁以上的老人凭社保卡还可享受" in canteen.text
    assert canteen.captions == ("老人们在长者食堂用餐",)
    assert ("heading", "食堂菜单每周更新") in canteen.body
    roles = dict(gold.boilerplate)
    assert roles["（下转第2版）"] == "other" and roles["新泾简讯"] == "masthead"


def test_eval_cli_pairs_records_by_name(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    assert (
        main(["convert", str(SAMPLES / "xinjing-bulletin-ocr.txt"), "-o", str(out), "-j", "1"]) == 0
    )
    capsys.readouterr()
    gold = SAMPLES / "gold" / "xinjing-bulletin-ocr.gold.json"
    assert main(["eval", str(gold), "--pred", str(out), "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["xinjing-bulletin-ocr"]["body_cer"] == 0.0


def test_eval_refuses_a_file_that_is_not_a_record(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "x.json"
    bad.write_text("[]")
    gold = SAMPLES / "gold" / "xinjing-bulletin-ocr.gold.json"
    assert main(["eval", str(gold), "--pred", str(bad)]) == 3
    assert "not a bulletin-ingest JSON record" in capsys.readouterr().err


@pytest.mark.parametrize(
    "name",
    [
        "xinjing-jianxun-2023-05",
        "yuenlong-tongxun-36",
        "xiayang-shequbao-2023-07",
        "anting-jianbao-2023-10",
    ],
)
def test_gold_bulletins_meet_the_corpus_brief(name: str) -> None:
    gold = load_gold(SAMPLES / "gold" / f"{name}.gold.json")
    assert 3 <= len(gold.articles) <= 6
    assert 2 <= len(gold.layout["pages"]) <= 4


def test_a_shorter_record_is_scored_against_the_golds_first_pages() -> None:
    from bulletin_ingest.evaluate import first_pages

    gold = load_gold(SAMPLES / "gold" / "anting-jianbao-2023-10.gold.json")
    page_one = first_pages(gold, 1)
    assert [a.title for a in page_one.articles] == [
        "安亭镇举办第五届“邻里节”文艺汇演",
        "汽车城社区开展消防安全演练",
    ]
    assert first_pages(gold, 5) is gold
