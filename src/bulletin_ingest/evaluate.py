"""Scoring a record against its gold: character error rates, titles and kickers found,
article split, captions kept out of bodies, boilerplate leaked into them.

Gold files come in two forms (see samples/README.md): a record gold lists the expected
articles and boilerplate of a text sample; a layout gold describes pages, sections and body
items, from which the renderer makes page images and PDFs and from which the expected
record is derived here.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

from .errors import InputFileError
from .model import Bulletin

TITLE_MATCH_CER = 0.1
"""A predicted title matches a gold title when its CER against it is at most this."""

PRESENT_RATIO = 90
"""A caption or boilerplate line counts as present in a body when the best-matching stretch
of the body scores at least this (rapidfuzz partial_ratio, 0-100): a stray OCR error does not
hide a leak."""

MIN_LEAK_CHARS = 4
"""Boilerplate shorter than this (page numbers) is not searched for in bodies: it would be
found by chance."""

_WHITESPACE_RE = regex.compile(r"\s+")
_FOLD_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "「": '"',
        "」": '"',
        "‘": "'",
        "’": "'",
        "『": '"',
        "』": '"',
        "。": ".",
        "、": ",",
    }
)


@dataclass(frozen=True)
class GoldArticle:
    """One article as the gold expects it."""

    title: str | None
    body: tuple[tuple[str, str], ...]
    kicker: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    captions: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.body)


@dataclass(frozen=True)
class Gold:
    """A gold bulletin: expected articles and boilerplate, and the text of its pages in
    reading order (what a plain-text baseline is scored against)."""

    name: str
    script: str
    articles: tuple[GoldArticle, ...]
    boilerplate: tuple[tuple[str, str], ...]
    page_text: str
    source: str | None = None
    layout: Mapping[str, Any] | None = None


def load_gold(path: str | Path, pages: Sequence[int] | None = None) -> Gold:
    """Read a gold file of either form; pages (1-based) keeps only those pages of a layout
    gold, to score an input that holds only some of them (one page image)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise InputFileError(path, f"not a readable gold file ({e})") from e
    if data.get("gold_version") != 1:
        raise InputFileError(path, "gold_version must be 1")
    if "pages" in data:
        if pages is not None:
            data = {**data, "pages": [data["pages"][n - 1] for n in pages]}
        return gold_from_layout(data)
    return gold_from_record(data)


def first_pages(gold: Gold, count: int) -> Gold:
    """A layout gold cut to its first count pages, to score an input that holds only those
    (a page image of a longer bulletin); other golds as they are."""
    if gold.layout is None or count >= len(gold.layout["pages"]):
        return gold
    return gold_from_layout({**gold.layout, "pages": gold.layout["pages"][:count]})


def gold_from_record(data: Mapping[str, Any]) -> Gold:
    """A record gold: articles and boilerplate as listed."""
    articles = tuple(
        GoldArticle(
            title=a.get("title"),
            body=tuple((b["role"], b["text"]) for b in a.get("body", ())),
            kicker=a.get("kicker"),
            subtitle=a.get("subtitle"),
            byline=a.get("byline"),
            captions=tuple(a.get("captions", ())),
            dates=tuple(a.get("dates", ())),
        )
        for a in data["articles"]
    )
    boilerplate = tuple((b["text"], b["role"]) for b in data.get("boilerplate", ()))
    page_text = "\n".join(
        [*(text for text, _ in boilerplate), *(full_article_text(a) for a in articles)]
    )
    return Gold(
        Path(data["source"]).stem,
        data["script"],
        articles,
        boilerplate,
        page_text,
        source=data["source"],
    )


def gold_from_layout(data: Mapping[str, Any]) -> Gold:
    """A layout gold: the expected record derived from its pages and sections."""
    order: list[str] = []
    heads: dict[str, Mapping[str, Any]] = {}
    bodies: dict[str, list[tuple[str, str]]] = {}
    captions: dict[str, list[str]] = {}
    boilerplate: list[tuple[str, str]] = []
    page_lines: list[str] = []
    for page in data["pages"]:
        page_boilerplate = page_boilerplate_items(page)
        boilerplate.extend(page_boilerplate)
        page_lines.extend(text for text, role in page_boilerplate if role != "page-number")
        for section in page["sections"]:
            key = section["article"]
            if key not in heads:
                order.append(key)
                heads[key] = section.get("head", {})
                bodies[key], captions[key] = [], []
                head = heads[key]
                page_lines.extend(
                    head[k] for k in ("kicker", "title", "subtitle", "byline") if head.get(k)
                )
            if section.get("figure"):
                captions[key].append(section["figure"]["caption"])
                page_lines.append(section["figure"]["caption"])
            for item in section["body"]:
                page_lines.append(item.get("p") or item.get("h") or item.get("caption", ""))
                if "photo" in item:
                    captions[key].append(item["caption"])
                elif "h" in item:
                    bodies[key].append(("heading", item["h"]))
                elif item.get("join") and bodies[key]:
                    role, text = bodies[key][-1]
                    bodies[key][-1] = (role, text + item["p"])
                else:
                    bodies[key].append(("paragraph", item["p"]))
        if page.get("page_number"):
            page_lines.append(page["page_number"])
    articles = tuple(
        GoldArticle(
            title=heads[key].get("title"),
            body=tuple(bodies[key]),
            kicker=heads[key].get("kicker"),
            subtitle=heads[key].get("subtitle"),
            byline=heads[key].get("byline"),
            captions=tuple(captions[key]),
            dates=tuple(heads[key].get("dates", ())),
        )
        for key in order
    )
    return Gold(
        data["name"],
        data["script"],
        articles,
        tuple(boilerplate),
        "\n".join(page_lines),
        layout=data,
    )


def page_boilerplate_items(page: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(text, role) of what a layout page sets aside, in reading order."""
    items = [(line, "masthead") for line in page.get("masthead", ())]
    if page.get("header"):
        items.append((page["header"], "running-header"))
    items += [(item["text"], item["role"]) for item in page.get("top", ())]
    for section in page["sections"]:
        if section.get("jump_from"):
            items.append((section["jump_from"], "other"))
        if section.get("jump"):
            items.append((section["jump"], "other"))
    items += [(item["text"], item["role"]) for item in page.get("bottom", ())]
    if page.get("page_number"):
        items.append((page["page_number"], "page-number"))
    return items


def full_article_text(article: GoldArticle) -> str:
    heads = [article.kicker, article.title, article.subtitle, article.byline]
    return "\n".join([*(h for h in heads if h), article.text, *article.captions])


def strip_whitespace(text: str) -> str:
    return _WHITESPACE_RE.sub("", text)


def fold_punctuation(text: str) -> str:
    """Full-width punctuation and Chinese quotes folded to ASCII, so that only OCR errors
    remain when two texts differ in punctuation width alone.

    >>> fold_punctuation("近日，他说：“好。”")
    '近日,他说:"好."'
    """
    return unicodedata.normalize("NFKC", text).translate(_FOLD_QUOTES)


def cer(predicted: str, gold: str) -> float:
    """Character error rate: edits from gold to predicted, per gold character.

    >>> cer("新泾镇", "新泾镇"), cer("新经镇", "新泾镇"), round(cer("", "新泾镇"), 2)
    (0.0, 0.3333333333333333, 1.0)
    """
    if not gold:
        return 0.0 if not predicted else 1.0
    return Levenshtein.distance(predicted, gold) / len(gold)


@dataclass(frozen=True)
class Scores:
    """The metrics of one prediction against its gold (or a total over several)."""

    name: str
    gold_chars: int
    body_edits: int
    body_edits_no_space: int
    body_edits_folded: int
    no_space_chars: int
    titles_found: int
    titles_total: int
    kickers_found: int
    kickers_total: int
    split_matched: int
    split_predicted_chars: int
    split_gold_chars: int
    articles_predicted: int
    articles_gold: int
    captions_kept_out: int
    captions_total: int
    boilerplate_leaked: int
    boilerplate_total: int

    @property
    def body_cer(self) -> float:
        return self.body_edits / self.gold_chars if self.gold_chars else 0.0

    @property
    def body_cer_no_space(self) -> float:
        return self.body_edits_no_space / self.no_space_chars if self.no_space_chars else 0.0

    @property
    def body_cer_folded(self) -> float:
        return self.body_edits_folded / self.no_space_chars if self.no_space_chars else 0.0

    @property
    def title_share(self) -> float:
        return self.titles_found / self.titles_total if self.titles_total else 1.0

    @property
    def kicker_share(self) -> float:
        return self.kickers_found / self.kickers_total if self.kickers_total else 1.0

    @property
    def split_precision(self) -> float:
        return (
            self.split_matched / self.split_predicted_chars if self.split_predicted_chars else 0.0
        )

    @property
    def split_recall(self) -> float:
        return self.split_matched / self.split_gold_chars if self.split_gold_chars else 0.0

    @property
    def split_f1(self) -> float:
        p, r = self.split_precision, self.split_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def caption_share(self) -> float:
        return self.captions_kept_out / self.captions_total if self.captions_total else 1.0

    @property
    def leak_share(self) -> float:
        return self.boilerplate_leaked / self.boilerplate_total if self.boilerplate_total else 0.0

    def metrics(self) -> dict[str, float | int]:
        """The headline metrics, rounded, for tables, floors and `--json`."""
        return {
            "body_cer": round(self.body_cer, 4),
            "body_cer_no_space": round(self.body_cer_no_space, 4),
            "body_cer_folded": round(self.body_cer_folded, 4),
            "titles_found": round(self.title_share, 4),
            "kickers_found": round(self.kicker_share, 4),
            "split_precision": round(self.split_precision, 4),
            "split_recall": round(self.split_recall, 4),
            "split_f1": round(self.split_f1, 4),
            "articles_predicted": self.articles_predicted,
            "articles_gold": self.articles_gold,
            "captions_kept_out": round(self.caption_share, 4),
            "boilerplate_leaked": round(self.leak_share, 4),
        }


def score(gold: Gold, bulletin: Bulletin, name: str | None = None) -> Scores:
    """Score a predicted record against its gold."""
    gold_body = "\n".join(article.text for article in gold.articles)
    predicted_body = "\n".join(article.text for article in bulletin.articles)
    gold_flat, predicted_flat = strip_whitespace(gold_body), strip_whitespace(predicted_body)
    titles = [a.title for a in bulletin.articles if a.title]
    kickers = [a.kicker for a in bulletin.articles if a.kicker]
    gold_titles = [a.title for a in gold.articles if a.title]
    gold_kickers = [a.kicker for a in gold.articles if a.kicker]
    gold_texts = [strip_whitespace(f"{a.title or ''}{a.text}") for a in gold.articles]
    predicted_texts = [strip_whitespace(f"{a.title or ''}{a.text}") for a in bulletin.articles]
    captions = [c for a in gold.articles for c in a.captions]
    leaks = [
        text
        for text, role in gold.boilerplate
        if role != "page-number" and len(strip_whitespace(text)) >= MIN_LEAK_CHARS
    ]
    return Scores(
        name=name or gold.name,
        gold_chars=len(gold_body),
        body_edits=Levenshtein.distance(predicted_body, gold_body),
        body_edits_no_space=Levenshtein.distance(predicted_flat, gold_flat),
        body_edits_folded=Levenshtein.distance(
            fold_punctuation(predicted_flat), fold_punctuation(gold_flat)
        ),
        no_space_chars=len(gold_flat),
        titles_found=sum(found_among(t, titles) for t in gold_titles),
        titles_total=len(gold_titles),
        kickers_found=sum(found_among(k, kickers) for k in gold_kickers),
        kickers_total=len(gold_kickers),
        split_matched=matched_characters(gold_texts, predicted_texts),
        split_predicted_chars=sum(map(len, predicted_texts)),
        split_gold_chars=sum(map(len, gold_texts)),
        articles_predicted=len(bulletin.articles),
        articles_gold=len(gold.articles),
        captions_kept_out=sum(not present_in(c, predicted_flat) for c in captions),
        captions_total=len(captions),
        boilerplate_leaked=sum(present_in(text, predicted_flat) for text in leaks),
        boilerplate_total=len(leaks),
    )


def found_among(gold: str, predicted: Sequence[str]) -> bool:
    """Whether some predicted head matches the gold one within TITLE_MATCH_CER."""
    target = strip_whitespace(gold)
    return any(cer(strip_whitespace(p), target) <= TITLE_MATCH_CER for p in predicted)


def present_in(text: str, body: str) -> bool:
    """Whether text (or a near copy of it) stands somewhere in body."""
    needle = strip_whitespace(text)
    return bool(needle) and fuzz.partial_ratio(needle, body) >= PRESENT_RATIO


def matched_characters(gold: Sequence[str], predicted: Sequence[str]) -> int:
    """Characters of gold articles that sit in the predicted article matched to them.

    Each gold article is matched to the predicted article holding most of its characters
    (longest common subsequence); a predicted article counts for one gold article only, the
    one it holds most of. A merge therefore loses the smaller article (recall), and a split
    leaves a predicted part unmatched (precision).

    >>> matched_characters(["甲乙丙", "丁戊"], ["甲乙丙", "丁戊"])
    5
    >>> matched_characters(["甲乙丙", "丁戊"], ["甲乙丙丁戊"])
    3
    """
    overlap = [[LCSseq.similarity(g, p) for p in predicted] for g in gold]
    claims: dict[int, int] = {}
    for row in overlap:
        if not row:
            continue
        best = max(range(len(row)), key=row.__getitem__)
        claims[best] = max(claims.get(best, 0), row[best])
    return sum(claims.values())


def total(scores: Sequence[Scores], name: str = "TOTAL") -> Scores:
    """The scores of several bulletins added up (rates weighted by their counts)."""
    fields = {
        key: sum(getattr(s, key) for s in scores)
        for key in Scores.__dataclass_fields__
        if key != "name"
    }
    return Scores(name=name, **fields)


def plain_text_cer(gold: Gold, text: str) -> float:
    """CER of a plain-text baseline (raw OCR, a PDF's extract_text) against the gold's
    page text, both without whitespace: what a reader of that text gets, heads,
    boilerplate and captions included."""
    return cer(strip_whitespace(text), strip_whitespace(gold.page_text))


def order_free_error(predicted: str, gold: str) -> float:
    """Character errors with reading order aside: the larger of the characters missing and
    the characters extra, as multisets, per gold character (whitespace ignored, punctuation
    width folded). It shows what OCR got wrong apart from what order got wrong.

    >>> order_free_error("乙甲丙", "甲乙丙"), round(order_free_error("甲乙丁", "甲乙丙"), 3)
    (0.0, 0.333)
    """
    want = Counter(fold_punctuation(strip_whitespace(gold)))
    have = Counter(fold_punctuation(strip_whitespace(predicted)))
    total_chars = sum(want.values())
    if not total_chars:
        return 0.0
    return max(sum((want - have).values()), sum((have - want).values())) / total_chars


def record_text(bulletin: Bulletin) -> str:
    """A record's text in the order a plain-text baseline would give it: boilerplate of the
    first page, then each article whole (heads, body, captions), then the rest."""
    first = [b.text for b in bulletin.boilerplate if b.page == 1]
    rest = [b.text for b in bulletin.boilerplate if b.page != 1]
    articles = []
    for article in bulletin.articles:
        heads = [article.kicker, article.title, article.subtitle, article.byline]
        articles.append(
            "\n".join([*(h for h in heads if h), article.text, *(c.text for c in article.captions)])
        )
    return "\n".join([*first, *articles, *rest])


METRIC_COLUMNS = (
    ("body CER", "body_cer", "{:.2%}"),
    ("no-space", "body_cer_no_space", "{:.2%}"),
    ("folded", "body_cer_folded", "{:.2%}"),
    ("titles", "titles_found", "{:.0%}"),
    ("kickers", "kickers_found", "{:.0%}"),
    ("split F1", "split_f1", "{:.3f}"),
    ("articles", None, None),
    ("captions out", "captions_kept_out", "{:.0%}"),
    ("bp leaked", "boilerplate_leaked", "{:.0%}"),
)


def format_table(rows: Sequence[Scores]) -> str:
    """A plain-text table, one row a bulletin."""
    header = ["bulletin", *(title for title, _, _ in METRIC_COLUMNS)]
    lines = [header]
    for row in rows:
        metrics = row.metrics()
        cells = [row.name]
        for _, key, fmt in METRIC_COLUMNS:
            if key is None or fmt is None:
                cells.append(f"{row.articles_predicted}/{row.articles_gold}")
            else:
                cells.append(fmt.format(metrics[key]))
        lines.append(cells)
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )
