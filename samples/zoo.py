"""The layout zoo: seeded bulletins of varied design, to measure on pages the pipeline was
not written for.

    python samples/zoo.py [--count 160] [--first 1] [--out samples/generated/zoo] [--jobs 2]

Each seed makes one bulletin of one to three pages, as a layout gold (the form of
`samples/gold/`, see samples/README.md) and its renders. What varies, by the conventions
real bulletins and newspapers use:

- typography: body 9-14 pt in a serif, sans, Ming, Kai, Hei or (traditional) FangSong face,
  titles 1.4-2.2 times the body in a bold or plain face, centred or flush left, leading
  and gutters;
- page design: a masthead as a banner, centred with a slogan under it, the name right
  with an issue box left, or a vertical slogan beside the name; running heads at the top
  or the foot of later pages; page numbers as `2`, `- 2 -` or `第2版`;
- sections: 1-5 columns, articles side by side under no common head, boxed sidebars,
  kickers (引题), subtitles, bylines, sub-headings, titles long enough to wrap, photos in a
  column with the caption below or above, photos spanning the columns with the caption
  below, above or beside.

Text comes from the corpus's own bulletins, re-flowed: their sentences, heads and captions
shuffled into new articles (traditional bulletins take the traditional bulletin's text and
the simplified ones' in OpenCC's Taiwan forms).

Every bulletin is rendered born-digital and as one kind of scan (300 DPI, 200 DPI,
photographed or bilevel TIFF, by seed), so every kind is measured in both splits. A third
of the seeds form the **test** split (measure only), the rest **dev** (look at, tune on).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import make_samples
import regex
from make_samples import FACES, PAGE_W, Style, faces_for, layout_page, text_width, wrap

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "generated" / "zoo"
DEFAULT_COUNT = 160
SCAN_VARIANTS = ("scan300", "scan200", "photo", "tiff")

PLACES = (
    "新泾", "江桥", "华漕", "马陆", "朱家角", "金山卫", "泗泾", "罗店", "高桥", "川沙",
    "龙华", "曹杨", "真如", "七宝", "梅陇", "周浦", "惠南", "沙田", "屯门", "大埔",
)  # fmt: skip
KINDS = ("简讯", "社区报", "通讯", "快讯", "周报", "月刊", "报", "家园")
SLOGANS = ("服务居民 共建家园", "邻里守望 温暖同行", "共建共治共享", "文明社区 幸福家园")
CAPTION_WORDS = (
    ("居民们", "志愿者们", "老人们", "孩子们", "社区工作人员", "党员代表", "参赛选手", "嘉宾们"),
    ("在活动现场", "在广场上", "在会议室里", "在展板前", "在河岸边", "在舞台上"),
    ("合影留念", "认真听讲", "踊跃发言", "表演节目", "挥手致意", "参观展览", "交流心得"),
)
"""Caption words: subject, place, action; no sentence of the corpus says these."""
BYLINE_ROLES = ("记者", "通讯员", "文／", "本报记者")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "明华丽强军平芳敏静伟磊洋勇艳杰娟涛超霞"


def split_of(seed: int) -> str:
    """The split a seed belongs to: a third of the seeds are held out for testing."""
    return "test" if seed % 3 == 0 else "dev"


@cache
def text_pool(script: str) -> dict[str, tuple[str, ...]]:
    """Sentences, heads, captions and kickers of the corpus's bulletins in script."""
    pool: dict[str, list[str]] = {"sentence": [], "head": [], "caption": [], "kicker": []}
    # captions of the corpus are left out: its bodies say the same words
    for path in sorted((HERE / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for text, kind in _gold_texts(gold):
            if gold["script"] != script:
                text = _convert(text, script)
            if kind == "p":
                pool["sentence"] += [
                    s for s in regex.findall(r"[^。！？]+[。！？]", text) if len(s) > 6
                ]
            else:
                pool[kind].append(text)
    pool["head"] += [clause for sentence in pool["sentence"] for clause in _clauses(sentence)]
    return {kind: tuple(dict.fromkeys(texts)) for kind, texts in pool.items()}


def _gold_texts(gold: dict[str, Any]) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    articles = gold.get("articles", [])
    sections = [s for page in gold.get("pages", []) for s in page["sections"]]
    for head in [a for a in articles] + [s.get("head", {}) for s in sections]:
        texts += [(head[k], "head") for k in ("title", "subtitle") if head.get(k)]
        texts += [(head["kicker"], "kicker")] if head.get("kicker") else []
    for article in articles:
        texts += [(b["text"], "p" if b["role"] == "paragraph" else "head") for b in article["body"]]
        texts += [(c, "caption") for c in article.get("captions", [])]
    for section in sections:
        for item in section["body"]:
            if "p" in item:
                texts.append((item["p"], "p"))
            elif "h" in item:
                texts.append((item["h"], "head"))
            elif "caption" in item:
                texts.append((item["caption"], "caption"))
    return texts


def _clauses(sentence: str) -> list[str]:
    """Clauses of a sentence long enough to stand as a head."""
    parts = regex.split(r"[，。！？；：、“”「」（）()]", sentence)
    return [
        p
        for p in parts
        if 8 <= len(p) <= 26
        and not regex.search(r"[A-Za-z]", p)
        and len(regex.findall(r"\p{Han}", p)) >= 0.6 * len(p)
    ]


@cache
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


def _convert(text: str, script: str) -> str:
    return _converter("s2tw" if script == "traditional" else "t2s").convert(text)


@cache
def usable_faces(script: str) -> tuple[str, ...]:
    """The installed faces whose fonts have a glyph for every character the zoo may set in
    script: a missing glyph is dropped from a PDF's text layer and drawn as a box in a
    scan, and the page would no longer say what its gold says."""
    from reportlab.pdfbase.ttfonts import TTFont

    pool = text_pool(script)
    words = "".join("".join(w) for w in (*CAPTION_WORDS, PLACES, KINDS, SLOGANS, BYLINE_ROLES))
    extra = _convert(
        words + SURNAMES + GIVEN + "图为扫描二维码关注我们本刊编辑部编印年月日第期版总", script
    )
    chars = {c for texts in pool.values() for text in texts for c in text} | set(extra)
    chars = {c for c in chars if ord(c) > 0x2E00}
    usable = []
    for name in faces_for(script):
        face = FACES[name]
        font = TTFont(f"{name}-{script}-check", str(face.pdf), subfontIndex=face.pdf_index[script])
        if all(ord(c) in font.face.charToGlyph for c in chars):
            usable.append(name)
    return tuple(usable)


def random_style(rng: random.Random, script: str) -> Style:
    """Typography and measures for one bulletin."""
    faces = usable_faces(script)
    body_size = rng.choice((9.0, 10.0, 10.5, 11.0, 12.0, 13.0, 14.0))
    heads = [f for f in faces if f.endswith("-bold") or f in ("hei", "kai")]
    return Style(
        body_face=rng.choice([f for f in faces if not f.endswith("-bold")]),
        head_face=rng.choice(heads),
        body_size=body_size,
        leading=rng.uniform(1.45, 1.9),
        margin=rng.uniform(30.0, 54.0),
        gutter=body_size * rng.uniform(1.0, 2.2),
        title_size=round(body_size * rng.uniform(1.4, 2.2), 1),
        title_align=rng.choice(("left", "centre")),
        kicker_size=body_size * rng.uniform(1.0, 1.2),
        subtitle_size=body_size * rng.uniform(1.05, 1.3),
        byline_size=body_size * rng.uniform(0.8, 0.95),
        caption_size=body_size * rng.uniform(0.75, 0.9),
        masthead=rng.choice(("banner", "centred", "name-right", "vertical-slogan")),
    )


class Writer:
    """Draws text for one bulletin from the pool, never the same sentence twice in a row."""

    def __init__(self, rng: random.Random, script: str) -> None:
        self.rng = rng
        self.script = script
        self.pool = text_pool(script)

    def local(self, text: str) -> str:
        return _convert(text, self.script) if self.script == "traditional" else text

    def paragraph(self, sentences: int) -> str:
        start = self.rng.randrange(len(self.pool["sentence"]))
        chosen = [
            self.pool["sentence"][(start + n) % len(self.pool["sentence"])]
            for n in range(sentences)
        ]
        return "".join(chosen)

    def head(self, longer: bool = False) -> str:
        text = self.rng.choice(self.pool["head"])
        if longer:
            text += "　" + self.rng.choice(self.pool["head"])
        return text

    def caption(self) -> str:
        """A photo's caption, in words no sentence of the pool holds: a caption found in a
        body must have been read into it."""
        words = [self.rng.choice(part) for part in CAPTION_WORDS]
        lead = self.local("图为") if self.rng.random() < 0.4 else ""
        return lead + self.local("".join(words))

    def kicker(self) -> str:
        if self.pool["kicker"] and self.rng.random() < 0.5:
            return self.rng.choice(self.pool["kicker"])
        return self.local(self.rng.choice(SLOGANS))

    def byline(self) -> str:
        role = self.rng.choice(BYLINE_ROLES)
        name = self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice((1, 2))))
        return self.local(f"{role}{'' if role.endswith('／') else ' '}{name}")


def random_section(
    rng: random.Random, writer: Writer, key: str, style: Style, width: float, paragraphs: int
) -> dict[str, Any]:
    """One article's section, width points wide."""
    fits = [n for n in range(1, 6) if (width - (n - 1) * style.gutter) / n >= 8 * style.body_size]
    columns = rng.choice(fits)
    head: dict[str, str] = {"title": writer.head(longer=rng.random() < 0.15)}
    if rng.random() < 0.25:
        head["kicker"] = writer.kicker()
    if rng.random() < 0.2:
        head["subtitle"] = "——" + writer.head()
    if rng.random() < 0.2:
        head["byline"] = writer.byline()
    body: list[dict[str, Any]] = []
    for n in range(paragraphs):
        text = writer.paragraph(rng.choice((1, 2, 3, 4)))
        if n and rng.random() < 0.15:
            body.append({"h": writer.head()})
        if rng.random() < 0.15 and len(text) > 40:
            cut = rng.randrange(15, len(text) - 15)
            caption_pos = rng.choice(("below", "below", "above"))
            photo = {"photo": rng.choice((4, 5, 6, 7)), "caption": writer.caption()}
            if caption_pos == "above":
                photo["caption_pos"] = "above"
            body += [{"p": text[:cut]}, photo, {"p": text[cut:], "join": True}]
        else:
            body.append({"p": text})
    section: dict[str, Any] = {"article": key, "columns": columns, "head": head, "body": body}
    if columns >= 2 and rng.random() < 0.2:
        section["figure"] = {
            "lines": rng.choice((5, 6, 8)),
            "caption": writer.caption(),
            "caption_pos": rng.choice(("below", "above", "beside")),
        }
    return section


def masthead_lines(rng: random.Random, writer: Writer, style: Style, issue: int) -> list[str]:
    name = writer.local(rng.choice(PLACES) + rng.choice(KINDS))
    year, month = rng.choice((2022, 2023, 2024)), rng.randrange(1, 13)
    issue_line = writer.local(f"{year}年{month}月{rng.randrange(1, 29)}日　第{issue}期")
    if rng.random() < 0.4:
        issue_line += writer.local(f"（总第{issue + rng.randrange(50, 300)}期）")
    if style.masthead in ("centred", "vertical-slogan"):
        slogan = writer.local(rng.choice(SLOGANS))
        if style.masthead == "vertical-slogan":
            slogan = slogan.replace(" ", "")
        return [name, slogan, issue_line]
    return [name, issue_line]


def page_number(rng_choice: str, number: int, writer: Writer) -> str:
    return {"plain": str(number), "dashed": f"- {number} -", "edition": f"第{number}版"}[
        rng_choice
    ].replace("第", writer.local("第"))


def zoo_gold(seed: int) -> dict[str, Any]:
    """The layout gold of zoo bulletin seed."""
    rng = random.Random(seed)
    script = "traditional" if rng.random() < 0.3 else "simplified"
    style = random_style(rng, script)
    writer = Writer(rng, script)
    name = f"zoo-{seed:04d}"
    issue = rng.randrange(1, 60)
    masthead = masthead_lines(rng, writer, style, issue)
    number_form = rng.choice(("plain", "dashed", "edition"))
    header_at = rng.choice(("top", "bottom", None))
    pages: list[dict[str, Any]] = []
    articles = 0
    page_count = rng.choice((1, 2, 2, 2, 3))
    for number in range(1, page_count + 1):
        page: dict[str, Any] = {"sections": []}
        if number == 1:
            page["masthead"] = masthead
            if style.masthead == "banner" and rng.random() < 0.5:
                page["top"] = [{"role": "qr-prompt", "text": writer.local("扫描二维码 关注我们")}]
        elif header_at:
            page["header"] = f"{masthead[0]}　{masthead[-1].split('　')[0]}"
            page["header_at"] = header_at
        if number > 1 or rng.random() < 0.5:
            page["page_number"] = page_number(number_form, number, writer)
        if number == page_count and rng.random() < 0.3:
            page["bottom"] = [{"role": "publisher", "text": writer.local("本刊编辑部 编印")}]
        articles = fill_page(rng, writer, page, style, script, name, articles)
        pages.append(page)
    variant = SCAN_VARIANTS[seed % len(SCAN_VARIANTS)]
    return {
        "gold_version": 1,
        "name": name,
        "script": script,
        "split": split_of(seed),
        "render": {
            "seed": seed,
            "variants": [variant, "digital"],
            "style": style.__dict__,
        },
        "features": features(pages, style, script),
        "pages": pages,
    }


def fill_page(
    rng: random.Random,
    writer: Writer,
    page: dict[str, Any],
    style: Style,
    script: str,
    name: str,
    articles: int,
) -> int:
    """Add sections to page while they fit; returns the articles made so far."""
    full = PAGE_W - 2 * style.margin
    failures = 0
    while failures < 3:
        beside = rng.random() < 0.2
        count = 2 if beside else 1
        width = (full - 2 * style.gutter) / 2 if beside else full
        paragraphs = rng.choice((1, 2, 3, 4)) if failures == 0 else 1
        new = [
            random_section(rng, writer, f"a{articles + n + 1}", style, width, paragraphs)
            for n in range(count)
        ]
        if beside:
            new[1]["beside"] = True
        if not beside and new[0]["columns"] == 1 and rng.random() < 0.3:
            new[0]["box"] = True
        page["sections"] += new
        try:
            layout_page(page, script, name, style)
        except ValueError:
            del page["sections"][-count:]
            failures += 1
            continue
        articles += count
    return articles


def features(pages: list[dict[str, Any]], style: Style, script: str) -> list[str]:
    """What a bulletin shows, to report the metrics by: its layout's conventions and the
    failure classes they stand for."""
    found = {script, f"masthead-{style.masthead}", f"title-{style.title_align}"}
    found.add(f"face-{style.body_face}")
    found.add("body-small" if style.body_size <= 10.5 else "body-large")
    for page in pages:
        if page.get("header"):
            found.add(f"running-head-{page['header_at']}")
        for section in page["sections"]:
            columns = section["columns"]
            found.add(f"columns-{columns}")
            head = section["head"]
            found.update(key for key in ("kicker", "subtitle", "byline") if head.get(key))
            width = _section_width(page, section, style)
            if text_width(head["title"], style.title_size, style.head_face, script) > width:
                found.add("wrapped-title")
            if section.get("beside"):
                found.add("side-by-side")
            if section.get("box"):
                found.add("sidebar")
            if section.get("figure"):
                found.add(f"figure-caption-{section['figure']['caption_pos']}")
            for item in section["body"]:
                if "photo" in item:
                    found.add(f"photo-caption-{item.get('caption_pos', 'below')}")
                if "h" in item:
                    found.add("sub-heading")
            lines = sum(
                len(wrap(item["p"], width / columns, style.body_size, style.body_face, script))
                for item in section["body"]
                if "p" in item
            )
            if columns >= 3 and lines <= 3 * columns * 2:
                found.add("short-narrow-columns")
    return sorted(found)


def _section_width(page: dict[str, Any], section: dict[str, Any], style: Style) -> float:
    full = PAGE_W - 2 * style.margin
    index = page["sections"].index(section)
    beside = section.get("beside") or (
        index + 1 < len(page["sections"]) and page["sections"][index + 1].get("beside")
    )
    return (full - 2 * style.gutter) / 2 if beside else full


def write_zoo(seed: int, out: Path) -> list[Path]:
    """Write zoo bulletin seed's gold and renders into out; returns the files written."""
    gold = zoo_gold(seed)
    gold_path = out / f"{gold['name']}.gold.json"
    out.mkdir(parents=True, exist_ok=True)
    gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return [gold_path, *make_samples.render(gold_path, out)]


def zoo_stamp(seeds: range) -> str:
    import hashlib

    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(make_samples.__file__).read_bytes())
    # Zoos from seed 1 keep the stamp of when the count was all there was to say.
    digest.update(str(len(seeds)).encode() if seeds.start == 1 else str(seeds).encode())
    return digest.hexdigest()


def zoo_seeds(count: int = DEFAULT_COUNT, first: int = 1) -> range:
    """The seeds of a zoo of count bulletins from seed first on."""
    return range(first, first + count)


def zoo_dir(seeds: range) -> Path:
    """Where a zoo of these seeds is rendered: the default zoo's own place, else one named
    for the seeds (`zoo-161-400`), so a larger zoo never replaces the default one."""
    if seeds == zoo_seeds():
        return DEFAULT_OUT
    return DEFAULT_OUT.parent / f"zoo-{seeds.start}-{seeds.stop - 1}"


def ensure_zoo(seeds: range | None = None, out: Path | None = None, jobs: int = 2) -> Path:
    """Render the zoo of these seeds (by default the 160 from seed 1) into out (by default
    `zoo_dir`) unless it is there already for this generator; returns out."""
    seeds = seeds or zoo_seeds()
    out = out or zoo_dir(seeds)
    stamp = out / ".stamp"
    current = zoo_stamp(seeds)
    if stamp.exists() and stamp.read_text() == current:
        return out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if not old.name.startswith("."):
            old.unlink()
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(write_zoo, seeds, [out] * len(seeds)))
    stamp.write_text(current)
    return out


def zoo_golds(out: Path = DEFAULT_OUT, split: str | None = None) -> list[Path]:
    """The zoo's gold files in out, of one split or all."""
    golds = sorted(out.glob("zoo-*.gold.json"))
    if split is None:
        return golds
    return [p for p in golds if json.loads(p.read_text(encoding="utf-8"))["split"] == split]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Render the layout zoo.")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="bulletins")
    parser.add_argument("--first", type=int, default=1, help="the first bulletin's seed")
    parser.add_argument("--out", type=Path, help="where to render (default: by the seeds)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, help="write only this bulletin")
    args = parser.parse_args(argv)
    seeds = zoo_seeds(args.count, args.first)
    out = args.out or zoo_dir(seeds)
    if args.seed is not None:
        for path in write_zoo(args.seed, out):
            print(path)
        return 0
    ensure_zoo(seeds, out, args.jobs)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in zoo_golds(out)]
    for split in ("dev", "test"):
        chosen = [g for g in golds if g["split"] == split]
        pages = sum(len(g["pages"]) for g in chosen)
        print(f"{split}: {len(chosen)} bulletins, {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
