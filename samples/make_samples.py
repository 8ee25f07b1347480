"""Render the layout golds in samples/gold/ into the inputs the pipeline reads.

    python samples/make_samples.py [--out samples/generated] [--only NAME]

For each gold whose `render.variants` asks for them, deterministically (seeded by the gold):

- `NAME.scan300.pdf`: image-only "scanned" PDF at 300 DPI — serif CJK body, bold sans titles,
  gray photo boxes with captions, then scanner effects (slight rotation, noise, mild blur,
  JPEG compression); `NAME.p1.png` is its first page as a PNG.
- `NAME.scan200.pdf`: the same at 200 DPI.
- `NAME.photo.pdf`: pages that look photographed: uneven lighting, a larger tilt, softer focus.
- `NAME.tif`: a multi-page bilevel TIFF (CCITT group 4), as office scanners write them.
- `NAME.digital.pdf`: a born-digital PDF with a real text layer (embedded TrueType CJK fonts);
  where the gold says `fake_bold`, titles are drawn twice, slightly offset, as some
  publishing tools do.

Fonts come from Debian's fonts-noto-cjk, fonts-wqy-microhei and fonts-arphic-uming.
Nothing here is imported by the library: it is the corpus's build script.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
GOLD_DIR = HERE / "gold"
DEFAULT_OUT = HERE / "generated"

PAGE_W, PAGE_H = 595.3, 841.9  # A4 in points

NOTO = Path("/usr/share/fonts/opentype/noto")
ARPHIC = Path("/usr/share/fonts/truetype/arphic")
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
CWTEX = Path("/usr/share/fonts/truetype/cwtex")
NOTO_INDEX = {"simplified": 2, "traditional": 3}
ARPHIC_INDEX = {"simplified": 0, "traditional": 2}


@dataclass(frozen=True)
class Face:
    """A typeface: the font file and face index drawn into page images, and the TrueType
    font embedded in born-digital PDFs (reportlab embeds TrueType outlines only)."""

    image: Path
    image_index: dict[str, int]
    pdf: Path
    pdf_index: dict[str, int]


FACES = {
    "serif": Face(
        NOTO / "NotoSerifCJK-Regular.ttc",
        NOTO_INDEX,
        ARPHIC / "uming.ttc",
        {"simplified": 0, "traditional": 1},
    ),
    "sans-bold": Face(
        NOTO / "NotoSansCJK-Bold.ttc", NOTO_INDEX, WQY, {"simplified": 0, "traditional": 0}
    ),
    "serif-bold": Face(
        NOTO / "NotoSerifCJK-Bold.ttc", NOTO_INDEX, ARPHIC / "uming.ttc", ARPHIC_INDEX
    ),
    "sans": Face(
        NOTO / "NotoSansCJK-Regular.ttc", NOTO_INDEX, WQY, {"simplified": 0, "traditional": 0}
    ),
    "ming": Face(ARPHIC / "uming.ttc", ARPHIC_INDEX, ARPHIC / "uming.ttc", ARPHIC_INDEX),
    "kai": Face(ARPHIC / "ukai.ttc", ARPHIC_INDEX, ARPHIC / "ukai.ttc", ARPHIC_INDEX),
    "hei": Face(WQY, {"simplified": 0, "traditional": 0}, WQY, {"simplified": 0, "traditional": 0}),
    "fangsong": Face(
        CWTEX / "cwfs.ttf", {"traditional": 0}, CWTEX / "cwfs.ttf", {"traditional": 0}
    ),
}
"""Faces by name. fangsong (cwTeX) has traditional glyphs only."""


def faces_for(script: str) -> list[str]:
    """The faces that can set text of script and are installed."""
    return [
        name
        for name, face in FACES.items()
        if script in face.image_index and face.image.exists() and face.pdf.exists()
    ]


@dataclass(frozen=True)
class Style:
    """A bulletin's typography and measures, in points. The defaults are the corpus's house
    style; the layout zoo varies every one."""

    body_face: str = "serif"
    head_face: str = "sans-bold"
    body_size: float = 12.0
    leading: float = 1.75
    margin: float = 42.0
    gutter: float = 16.0
    title_size: float = 20.0
    title_align: str = "left"
    kicker_size: float = 12.0
    subtitle_size: float = 13.0
    byline_size: float = 10.0
    caption_size: float = 9.5
    masthead: str = "banner"

    @property
    def bottom_limit(self) -> float:
        return PAGE_H - 64.0


NO_LINE_START = set("，。、；：？！”’）》」』…%,.;:?!)")
NO_LINE_END = set("“‘（《「『(")


@dataclass(frozen=True)
class Run:
    """One line of text on a page: top-left corner and size in points."""

    text: str
    x: float
    y: float
    size: float
    font: str


@dataclass(frozen=True)
class Rect:
    """A filled rectangle in points: a photo (gray), a QR code (pattern) or a rule (black)."""

    x: float
    y: float
    w: float
    h: float
    kind: str


@dataclass
class PageLayout:
    runs: list[Run] = field(default_factory=list)
    rects: list[Rect] = field(default_factory=list)


@cache
def measuring_font(face: str, script: str) -> ImageFont.FreeTypeFont:
    return drawing_font(face, script, 100)


def text_width(text: str, size: float, style: str, script: str) -> float:
    return measuring_font(style, script).getlength(text) * size / 100


def tokens(text: str) -> Iterator[str]:
    """Characters, except that a Latin word or number stays whole."""
    word = ""
    for char in text:
        if char.isascii() and (char.isalnum() or char in "-.'"):
            word += char
            continue
        if word:
            yield word
            word = ""
        yield char
    if word:
        yield word


def wrap(
    text: str, width: float, size: float, style: str, script: str, indent: float = 0.0
) -> list[str]:
    """Break text into lines no wider than width, keeping closing marks off a line's start
    and opening marks off its end."""
    lines: list[str] = []
    line, used, limit = "", 0.0, width - indent
    for token in tokens(text):
        w = text_width(token, size, style, script)
        if line and used + w > limit and token not in NO_LINE_START:
            carry = ""
            while line and line[-1] in NO_LINE_END:
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line, used, limit = carry, text_width(carry, size, style, script), width
            if token == " ":
                continue
        line += token
        used += w
    if line.strip():
        lines.append(line.rstrip())
    return lines


@dataclass
class Item:
    """Something in a column's flow: a line of text, or a photo with its caption."""

    height: float
    runs: list[tuple[str, float, float, float, str]]  # text, dx, dy, size, face
    rects: list[tuple[Any, ...]] = field(default_factory=list)  # dx, w, h, kind[, dy]


def body_items(section: dict[str, Any], width: float, script: str, style: Style) -> list[Item]:
    size, face = style.body_size, style.body_face
    lead = size * style.leading
    items: list[Item] = []
    if section.get("jump_from"):
        items.append(_line_item(section["jump_from"], 0.0, 10.0, face, lead))
    for entry in section["body"]:
        if "p" in entry:
            indent = 0.0 if entry.get("join") else 2 * size
            for n, line in enumerate(wrap(entry["p"], width, size, face, script, indent)):
                items.append(_line_item(line, indent if n == 0 else 0.0, size, face, lead))
        elif "h" in entry:
            # a sub-heading wraps within its column, as every line of the column does
            lines = wrap(entry["h"], width, size + 0.5, style.head_face, script)
            for n, line in enumerate(lines):
                first, last = n == 0, n == len(lines) - 1
                height = lead * (1.4 if last else 1.05)
                items.append(
                    _line_item(
                        line, 0.0, size + 0.5, style.head_face, height, top=lead * 0.35 * first
                    )
                )
        elif "photo" in entry:
            items.append(photo_item(entry, width, script, style))
    if section.get("jump"):
        w = text_width(section["jump"], 10.0, face, script)
        items.append(_line_item(section["jump"], width - w, 10.0, face, lead))
    return items


def photo_item(entry: dict[str, Any], width: float, script: str, style: Style) -> Item:
    """A photo `entry["photo"]` body lines tall across the column, its caption centred below
    it, or above it where `caption_pos` says so; a long caption wraps."""
    box = entry["photo"] * style.body_size * style.leading
    size = style.caption_size
    lines = wrap(entry["caption"], width - 8, size, style.body_face, script)
    pitch = size * 1.4
    text_h = (len(lines) - 1) * pitch
    above = entry.get("caption_pos") == "above"
    photo_top = text_h + size * 2.2 if above else 0.0
    caption_top = 0.0 if above else box + 6
    runs = []
    for n, line in enumerate(lines):
        w = text_width(line, size, style.body_face, script)
        runs.append(
            (line, max(0.0, (width - w) / 2), caption_top + n * pitch, size, style.body_face)
        )
    return Item(
        height=box + size * 2.6 + text_h,
        runs=runs,
        rects=[(4.0, width - 8.0, box - 4, "photo", photo_top)],
    )


def _line_item(
    text: str, dx: float, size: float, style: str, height: float, top: float = 0.0
) -> Item:
    return Item(height=height + top, runs=[(text, dx, top, size, style)])


def balance(items: list[Item], columns: int) -> list[list[Item]]:
    """Fill the columns in order, each to about an equal share of the height."""
    total = sum(item.height for item in items)
    target = total / columns
    filled: list[list[Item]] = [[]]
    height = 0.0
    for item in items:
        if filled[-1] and height + item.height > target + 2 and len(filled) < columns:
            filled.append([])
            height = 0.0
        filled[-1].append(item)
        height += item.height
    return filled


HEAD_PARTS = (
    ("kicker", "kicker_size", "body", 6),
    ("title", "title_size", "head", 8),
    ("subtitle", "subtitle_size", "body", 6),
    ("byline", "byline_size", "body", 6),
)
"""A section's head, top to bottom: (key, size field of Style, face, gap after it)."""


def place_section(
    out: PageLayout,
    section: dict[str, Any],
    x0: float,
    full: float,
    y: float,
    script: str,
    style: Style,
) -> float:
    """Place one section (head, spanning figure, body in columns) in the strip from x0 full
    points wide, from y down; returns where it ends."""
    top = y
    inset = style.body_size if section.get("box") else 0.0
    if inset:
        x0, full, y = x0 + inset, full - 2 * inset, y + inset
    head = section.get("head", {})
    for key, size_field, face_kind, gap in HEAD_PARTS:
        if head.get(key):
            size = getattr(style, size_field)
            face = style.head_face if face_kind == "head" else style.body_face
            for line in wrap(head[key], full, size, face, script):
                w = text_width(line, size, face, script)
                x = x0 + (full - w) / 2 if style.title_align == "centre" else x0
                out.runs.append(Run(line, x, y, size, face))
                y += size * 1.35
            y += gap
    if section.get("figure"):
        y = place_figure(out, section["figure"], x0, full, y, script, style)
    columns = section.get("columns", 1)
    width = (full - (columns - 1) * style.gutter) / columns
    deepest = y
    for n, column in enumerate(balance(body_items(section, width, script, style), columns)):
        x = x0 + n * (width + style.gutter)
        cy = y
        for item in column:
            for text, dx, dy, size, face in item.runs:
                out.runs.append(Run(text, x + dx, cy + dy, size, face))
            for dx, w, h, kind, *dy in item.rects:
                out.rects.append(Rect(x + dx, cy + 2 + (dy[0] if dy else 0.0), w, h, kind))
            cy += item.height
        deepest = max(deepest, cy)
    if inset:
        deepest += inset
        out.rects.append(Rect(x0 - inset, top, full + 2 * inset, deepest - top, "frame"))
    return deepest


def place_figure(
    out: PageLayout,
    figure: dict[str, Any],
    x0: float,
    full: float,
    y: float,
    script: str,
    style: Style,
) -> float:
    """A photo across the section's columns, its caption below, above or beside it."""
    height = figure["lines"] * style.body_size * style.leading
    size, face = style.caption_size, style.body_face
    pitch = size * 1.4
    position = figure.get("caption_pos", "below")
    if position == "beside":
        photo_w = full * 0.62
        lines = wrap(figure["caption"], full - photo_w - style.gutter, size, face, script)
        out.rects.append(Rect(x0, y, photo_w, height, "photo"))
        cy = y + height - len(lines) * pitch
        for n, line in enumerate(lines):
            out.runs.append(Run(line, x0 + photo_w + style.gutter, cy + n * pitch, size, face))
        return y + height + style.body_size * style.leading
    lines = wrap(figure["caption"], full, size, face, script)
    if position == "above":
        for line in lines:
            out.runs.append(
                Run(line, x0 + (full - text_width(line, size, face, script)) / 2, y, size, face)
            )
            y += pitch
        y += size * 0.5
        out.rects.append(Rect(x0, y, full, height, "photo"))
        return y + height + style.body_size * style.leading
    out.rects.append(Rect(x0, y, full, height, "photo"))
    y += height + size * 0.5
    for line in lines:
        out.runs.append(
            Run(line, x0 + (full - text_width(line, size, face, script)) / 2, y, size, face)
        )
        y += pitch
    return y + style.body_size * style.leading


def section_bands(sections: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Sections grouped into bands: a section marked `beside` stands to the right of the one
    before it, under no common head."""
    bands: list[list[dict[str, Any]]] = []
    for section in sections:
        if section.get("beside") and bands:
            bands[-1].append(section)
        else:
            bands.append([section])
    return bands


def place_masthead(out: PageLayout, lines: list[str], y: float, script: str, style: Style) -> float:
    """The bulletin's name and issue lines in the page's masthead design; returns where the
    content starts below it."""
    name, *rest = lines
    margin, face, head = style.margin, style.body_face, style.head_face
    full = PAGE_W - 2 * margin
    if style.masthead == "centred":
        size = 34.0
        out.runs.append(
            Run(name, margin + (full - text_width(name, size, head, script)) / 2, y, size, head)
        )
        y += size * 1.45
        for line in rest:
            out.runs.append(
                Run(line, margin + (full - text_width(line, 10.5, face, script)) / 2, y, 10.5, face)
            )
            y += 18
    elif style.masthead == "name-right":
        size = 32.0
        out.runs.append(
            Run(name, PAGE_W - margin - text_width(name, size, head, script), y + 4, size, head)
        )
        box_w = max(text_width(line, 9.5, face, script) for line in rest) + 16 if rest else 0
        if rest:
            out.rects.append(Rect(margin, y, box_w, 14 + 15 * len(rest), "frame"))
        for n, line in enumerate(rest):
            out.runs.append(Run(line, margin + 8, y + 8 + 15 * n, 9.5, face))
        y += max(size * 1.5, 14 + 15 * len(rest)) + 4
    elif style.masthead == "vertical-slogan":
        size = 30.0
        slogan, issue = (rest[0], rest[1:]) if rest else ("", [])
        out.runs.append(Run(name, margin, y, size, head))
        step, slogan_top = 13.0, y - 6
        for n, char in enumerate(slogan):
            out.runs.append(Run(char, PAGE_W - margin - 12, slogan_top + n * step, 11.0, face))
        y += 44
        for line in issue:
            out.runs.append(Run(line, margin, y, 10.5, face))
            y += 18
        y = max(y, slogan_top + len(slogan) * step)
    else:
        out.runs.append(Run(name, margin, y, 30.0, head))
        y += 44
        for line in rest:
            out.runs.append(Run(line, margin, y, 10.5, face))
            y += 18
    out.rects.append(Rect(margin, y + 2, full, 1.6, "rule"))
    return y + 16


def layout_page(page: dict[str, Any], script: str, name: str, style: Style = Style()) -> PageLayout:
    """Place every element of one gold page."""
    out = PageLayout()
    margin, face = style.margin, style.body_face
    full = PAGE_W - 2 * margin
    y = margin
    header_below = page.get("header_at") == "bottom"
    if page.get("header") and not header_below:
        out.runs.append(Run(page["header"], margin, 26, 9.0, face))
        out.rects.append(Rect(margin, 40, full, 0.8, "rule"))
        y = 54
    if page.get("masthead"):
        y = place_masthead(out, page["masthead"], y, script, style)
    for item in page.get("top", ()):
        size = 60.0
        out.rects.append(Rect(PAGE_W - margin - size, margin, size, size, "qr"))
        w = text_width(item["text"], 8.0, face, script)
        out.runs.append(Run(item["text"], PAGE_W - margin - w, margin + size + 4, 8.0, face))
        y = max(y, margin + size + 22)
    for band in section_bands(page["sections"]):
        shares = [section.get("share", 1.0) for section in band]
        room = full - (len(band) - 1) * 2 * style.gutter
        x, deepest = margin, y
        for section, share in zip(band, shares, strict=True):
            width = room * share / sum(shares)
            deepest = max(deepest, place_section(out, section, x, width, y, script, style))
            x += width + 2 * style.gutter
        y = deepest + 22
    bottom_y = PAGE_H - 58
    if page.get("header") and header_below:
        out.rects.append(Rect(margin, PAGE_H - 46, full, 0.8, "rule"))
        out.runs.append(Run(page["header"], margin, PAGE_H - 40, 9.0, face))
        bottom_y -= 6
    for item in page.get("bottom", ()):
        w = text_width(item["text"], 9.5, face, script)
        out.runs.append(Run(item["text"], (PAGE_W - w) / 2, bottom_y, 9.5, face))
        bottom_y -= 16
    if y > bottom_y + 10:
        raise ValueError(f"{name}: page content runs to {y:.0f}pt, past the page's end")
    if page.get("page_number"):
        w = text_width(page["page_number"], 10.0, face, script)
        number_x = PAGE_W - margin - w if header_below else (PAGE_W - w) / 2
        out.runs.append(
            Run(
                page["page_number"],
                number_x,
                PAGE_H - 36 if not header_below else PAGE_H - 40,
                10.0,
                face,
            )
        )
    return out


@cache
def drawing_font(face: str, script: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FACES[face].image), px, index=FACES[face].image_index[script])


def draw_page(layout: PageLayout, script: str, dpi: int, rng: np.random.Generator) -> Image.Image:
    """The clean page image at dpi, grayscale."""
    scale = dpi / 72
    image = Image.new("L", (round(PAGE_W * scale), round(PAGE_H * scale)), 255)
    draw = ImageDraw.Draw(image)
    for rect in layout.rects:
        box = [rect.x * scale, rect.y * scale, (rect.x + rect.w) * scale, (rect.y + rect.h) * scale]
        if rect.kind == "photo":
            draw.rectangle(box, fill=170)
            inner = [box[0] + 25, box[1] + 25, box[2] - 25, box[3] - 25]
            draw.ellipse(inner, fill=120)
        elif rect.kind == "qr":
            cells = 21
            cell = (box[2] - box[0]) / cells
            bits = rng.random((cells, cells)) > 0.5
            for i in range(cells):
                for j in range(cells):
                    if (
                        bits[i, j]
                        or (min(i, j) < 7 and max(i, j) < 7)
                        or (i < 7 and j > 13)
                        or (j < 7 and i > 13)
                    ):
                        draw.rectangle(
                            [
                                box[0] + j * cell,
                                box[1] + i * cell,
                                box[0] + (j + 1) * cell,
                                box[1] + (i + 1) * cell,
                            ],
                            fill=0,
                        )
        elif rect.kind == "frame":
            draw.rectangle(box, outline=0, width=max(1, round(0.8 * scale)))
        else:
            draw.rectangle(box, fill=0)
    for run in layout.runs:
        font = drawing_font(run.font, script, round(run.size * scale))
        draw.text((run.x * scale, run.y * scale), run.text, font=font, fill=0)
    return image


def scanner_effects(image: Image.Image, rng: np.random.Generator, *, photo: bool) -> Image.Image:
    """Tilt, blur, noise and JPEG compression; for photo, also uneven light and a larger
    tilt."""
    angle = float(rng.uniform(0.3, 1.5)) * (1 if rng.random() < 0.5 else -1)
    if photo:
        angle = float(np.sign(angle) * rng.uniform(1.5, 2.5))
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(0.9 if photo else 0.6))
    pixels = np.asarray(image, dtype=np.float32)
    if photo:
        h, w = pixels.shape
        yy, xx = np.mgrid[0:h, 0:w]
        light = 0.62 + 0.38 * (1 - ((xx / w - 0.2) ** 2 + (yy / h - 0.15) ** 2) / 1.3)
        pixels = pixels * np.clip(light, 0.55, 1.0) + 10
    pixels += rng.normal(0, 7, pixels.shape)
    specks = rng.random(pixels.shape) < 0.0004
    pixels[specks] = rng.uniform(0, 120, int(specks.sum()))
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70 if photo else 80)
    return Image.open(io.BytesIO(buffer.getvalue()))


def write_image_pdf(pages: list[Image.Image], path: Path, dpi: int) -> None:
    """An image-only PDF whose pages embed the JPEG scans as they are."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    for page in pages:
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=85, dpi=(dpi, dpi))
        buffer.seek(0)
        from reportlab.lib.utils import ImageReader

        pdf.drawImage(ImageReader(buffer), 0, 0, PAGE_W, PAGE_H)
        pdf.showPage()
    pdf.save()


def write_digital_pdf(layouts: list[PageLayout], script: str, path: Path, fake_bold: bool) -> None:
    """A born-digital PDF: real text in embedded TrueType CJK fonts at the layout's places."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    names = {}
    for face in {run.font for layout in layouts for run in layout.runs}:
        name = f"{face}-{script}"
        if name not in pdfmetrics.getRegisteredFontNames():
            file, index = FACES[face].pdf, FACES[face].pdf_index[script]
            pdfmetrics.registerFont(TTFont(name, str(file), subfontIndex=index))
        names[face] = name
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    for layout in layouts:
        for rect in layout.rects:
            if rect.kind == "frame":
                pdf.setStrokeGray(0)
                pdf.setLineWidth(0.8)
                pdf.rect(rect.x, PAGE_H - rect.y - rect.h, rect.w, rect.h, stroke=1, fill=0)
                continue
            pdf.setFillGray({"photo": 0.67, "qr": 0.2, "rule": 0.0}[rect.kind])
            pdf.rect(rect.x, PAGE_H - rect.y - rect.h, rect.w, rect.h, stroke=0, fill=1)
        pdf.setFillGray(0)
        for run in layout.runs:
            baseline = PAGE_H - run.y - run.size * 0.88
            pdf.setFont(names[run.font], run.size)
            pdf.drawString(run.x, baseline, run.text)
            if fake_bold and run.font.endswith("-bold"):
                pdf.drawString(run.x + 0.35, baseline, run.text)
        pdf.showPage()
    pdf.save()


def bilevel(image: Image.Image) -> Image.Image:
    return image.point(lambda v: 255 if v > 150 else 0).convert("1")


def render(gold_path: Path, out: Path) -> list[Path]:
    """Every variant the gold asks for; returns the files written."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    name, script = gold["name"], gold["script"]
    options = gold.get("render", {})
    seed = options.get("seed", 0)
    variants = options.get("variants", ["scan300", "digital"])
    style = Style(**options.get("style", {}))
    layouts = [layout_page(page, script, name, style) for page in gold["pages"]]
    written: list[Path] = []
    out.mkdir(parents=True, exist_ok=True)

    def scans(dpi: int, photo: bool, variant_seed: int) -> list[Image.Image]:
        rng = np.random.default_rng([seed, variant_seed])
        return [
            scanner_effects(draw_page(layout, script, dpi, rng), rng, photo=photo)
            for layout in layouts
        ]

    if "scan300" in variants or "tiff" in variants:
        pages = scans(300, False, 300)
        if "scan300" in variants:
            write_image_pdf(pages, out / f"{name}.scan300.pdf", 300)
            pages[0].save(out / f"{name}.p1.png", dpi=(300, 300), compress_level=1)
            written += [out / f"{name}.scan300.pdf", out / f"{name}.p1.png"]
        if "tiff" in variants:
            tiff = [bilevel(page) for page in pages]
            tiff[0].save(
                out / f"{name}.tif",
                save_all=True,
                append_images=tiff[1:],
                compression="group4",
                dpi=(300, 300),
            )
            written.append(out / f"{name}.tif")
    if "scan200" in variants:
        write_image_pdf(scans(200, False, 200), out / f"{name}.scan200.pdf", 200)
        written.append(out / f"{name}.scan200.pdf")
    if "photo" in variants:
        write_image_pdf(scans(300, True, 1), out / f"{name}.photo.pdf", 300)
        written.append(out / f"{name}.photo.pdf")
    if "digital" in variants:
        write_digital_pdf(
            layouts, script, out / f"{name}.digital.pdf", options.get("fake_bold", False)
        )
        written.append(out / f"{name}.digital.pdf")
    return written


def layout_golds() -> list[Path]:
    return sorted(
        p
        for p in GOLD_DIR.glob("*.gold.json")
        if "pages" in json.loads(p.read_text(encoding="utf-8"))
    )


def corpus_stamp() -> str:
    """A digest of everything the generated files depend on."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in layout_golds():
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_generated(out: Path = DEFAULT_OUT) -> Path:
    """Render the corpus into out unless it is already there for the current golds and
    script; returns out."""
    stamp = out / ".stamp"
    current = corpus_stamp()
    if stamp.exists() and stamp.read_text() == current:
        return out
    for path in layout_golds():
        render(path, out)
    stamp.write_text(current)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Render the layout golds into sample inputs.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", help="render only the gold with this name")
    args = parser.parse_args(argv)
    if args.only:
        for path in render(GOLD_DIR / f"{args.only}.gold.json", args.out):
            print(path)
        return 0
    ensure_generated(args.out)
    for path in sorted(args.out.iterdir()):
        if not path.name.startswith("."):
            print(f"{path}  ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
