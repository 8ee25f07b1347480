"""Small page images drawn for the tests, with text we know."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
LINES = ["新泾镇首家社区长者食堂正式开业", "食堂每天供应早中晚三餐", "老人们在食堂用餐"]


def small_page(lines: list[str] = LINES, *, index: int = 2, size: int = 50) -> Image.Image:
    """Lines of text at about 12pt at 300 DPI on a small white page."""
    font = ImageFont.truetype(SERIF, size, index=index)
    image = Image.new("L", (1000, 120 + 90 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((60, 60 + 90 * n), line, font=font, fill=0)
    return image


TEXT = (
    "九月九日上午天水围北多个团体合办社区清洁日超过一百名义工参与清洁天水围公园及附近街道"
    "活动共收集垃圾约二百八十公斤其中可回收物料占三成参加活动的中学生说透过亲身参与他更明"
    "白减少废物和干净回收的重要活动期间环保团体亦设置摊位向居民示范如何正确分类回收塑胶纸"
)


def column_page(
    columns: int = 3,
    rows: int = 6,
    *,
    gutter: int = 67,
    title: str | None = None,
    size: int = 50,
) -> Image.Image:
    """A section of justified columns of body text (about 12pt at 300 DPI), gutters gutter
    pixels wide (67 is 16pt), under an optional title in glyphs twice the body's."""
    font = ImageFont.truetype(SERIF, size, index=2)
    per_line = 8
    width = 120 + max(
        columns * per_line * size + (columns - 1) * gutter, len(title or "") * 2 * size
    )
    top = 60 + (2 * size + 60 if title else 0)
    image = Image.new("L", (width, top + rows * int(1.75 * size) + 60), 255)
    draw = ImageDraw.Draw(image)
    if title:
        draw.text((60, 60), title, font=ImageFont.truetype(SERIF, 2 * size, index=2), fill=0)
    chars = iter(TEXT * 4)
    for c in range(columns):
        x = 60 + c * (per_line * size + gutter)
        for r in range(rows):
            line = "".join(next(chars) for _ in range(per_line))
            draw.text((x, top + r * int(1.75 * size)), line, font=font, fill=0)
    return image


def vertical_page(columns: int = 3, rows: int = 8, *, size: int = 50) -> Image.Image:
    """Columns of body text set vertically (about 12pt at 300 DPI), read top to bottom and
    right to left: column c holds TEXT[c * rows : (c + 1) * rows]."""
    font = ImageFont.truetype(SERIF, size, index=2)
    pitch = int(1.75 * size)
    image = Image.new("L", (120 + columns * pitch, 120 + rows * int(1.1 * size)), 255)
    draw = ImageDraw.Draw(image)
    for c in range(columns):
        x = image.width - 60 - (c + 1) * pitch + (pitch - size) // 2
        for r, char in enumerate(TEXT[c * rows : (c + 1) * rows]):
            draw.text((x, 60 + r * int(1.1 * size)), char, font=font, fill=0)
    return image
