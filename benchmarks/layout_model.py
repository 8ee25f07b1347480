"""Would a learned layout model's regions mend the records? For every block of the record of
a zoo page (title, other head, caption, body block, boilerplate), the class of the
`rapid-layout` PP-PicoDet CDLA region that covers most of it, tallied by the block's gold
role and by whether the pipeline got that role right.

The question for issue 10, item 3: where the pipeline is wrong, does the model say the
right thing (what it could fix), and where the pipeline is right, does it say something else
(what it could break)? rapid-layout is no dependency of the package; install it to run this:

    pip install rapid-layout
    python benchmarks/layout_model.py --zoo dev --kind scan300
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bulletin_ingest import IngestConfig, ingest
from bulletin_ingest.evaluate import load_gold, strip_whitespace
from bulletin_ingest.model import BBox, Bulletin
from bulletin_ingest.sources import page_picture

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))
from zoo import DEFAULT_OUT, zoo_golds  # noqa: E402

COVER = 0.5
"""A block is in the region that covers at least this share of its box."""

Region = tuple[tuple[float, float, float, float], str]


def region_class(regions: Sequence[Region], bbox: BBox, scale: float) -> str:
    """The class of the region covering most of bbox (in page units), or `none`."""
    x0, top, x1, bottom = (v * scale for v in bbox)
    area = max((x1 - x0) * (bottom - top), 1.0)
    best, cover = "none", 0.0
    for (rx0, rtop, rx1, rbottom), name in regions:
        width = max(0.0, min(x1, rx1) - max(x0, rx0))
        height = max(0.0, min(bottom, rbottom) - max(top, rtop))
        if width * height / area > cover:
            best, cover = name, width * height / area
    return best if cover >= COVER else "none"


def same_text(a: str, b: str) -> bool:
    """Whether two texts are one, allowing a piece of at least half the other."""
    return bool(a and b) and (
        (a in b and len(a) >= 0.5 * len(b)) or (b in a and len(b) >= 0.8 * len(a))
    )


def blocks_of(bulletin: Bulletin) -> list[tuple[str, str, int, BBox | None]]:
    """(predicted role, text, page, box) of every block of a record."""
    items = []
    for article in bulletin.articles:
        items += [
            ("title" if h.role == "title" else "head", h.text, h.page, h.bbox)
            for h in article.heads
        ]
        items += [("caption", c.text, c.page, c.bbox) for c in article.captions]
        items += [("body", b.text, b.page, b.bbox) for b in article.body]
    items += [("boilerplate", b.text, b.page, b.bbox) for b in bulletin.boilerplate]
    return items


def tally(path: Path, gold_path: Path, engine) -> Counter:
    gold = load_gold(gold_path)
    roles = {
        "title": [strip_whitespace(a.title) for a in gold.articles if a.title],
        "caption": [strip_whitespace(c) for a in gold.articles for c in a.captions],
        "boilerplate": [strip_whitespace(text) for text, _ in gold.boilerplate],
    }
    bulletin = ingest(path, IngestConfig())
    regions: dict[int, tuple[list[Region], float]] = {}
    for page in bulletin.pages:
        picture = page_picture(path, page.number)
        found = engine(np.asarray(picture))
        boxes = [tuple(map(float, box)) for box in found.boxes]
        regions[page.number] = (
            list(zip(boxes, found.class_names, strict=True)),
            picture.width / page.width,
        )
    counts: Counter = Counter()
    for predicted, text, page, bbox in blocks_of(bulletin):
        if bbox is None:
            continue
        flat = strip_whitespace(text)
        truth = next(
            (role for role, texts in roles.items() if any(same_text(flat, t) for t in texts)),
            "body",
        )
        # kickers, subtitles and bylines are labelled body here: the gold role of a head
        # other than the title is not asked
        right = predicted == truth or (truth == "body" and predicted in ("body", "head"))
        on_page, scale = regions[page]
        counts[(truth, right, region_class(on_page, bbox, scale))] += 1
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zoo", choices=("dev", "test"), default="dev")
    parser.add_argument("--kind", default="scan300", help="render: scan300, scan200, photo, tif")
    args = parser.parse_args(argv)
    from rapid_layout import RapidLayout

    engine = RapidLayout(model_type="pp_layout_cdla", conf_thresh=0.3)
    counts: Counter = Counter()
    for gold_path in zoo_golds(DEFAULT_OUT, args.zoo):
        stem = gold_path.name.removesuffix(".gold.json")
        for path in sorted(DEFAULT_OUT.glob(f"{stem}.{args.kind}.*")):
            counts += tally(path, gold_path, engine)
            print(path.name, file=sys.stderr, flush=True)
    print("| gold role | pipeline | region class | blocks |\n|---|---|---|---|")
    for (truth, right, name), n in sorted(counts.items()):
        print(f"| {truth} | {'right' if right else 'wrong'} | {name} | {n} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
