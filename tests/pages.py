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
