"""An HTML report of records for people to check them: each page's picture with the blocks
read from it outlined in their role's colour, beside the articles read from that page;
hovering a piece of text lights up its box. Boilerplate and warnings are listed. One
self-contained file: pictures, style and script are inside it."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable, Iterable, Sequence

from PIL import Image

from .export import BOILERPLATE_COLOUR, ROLE_COLOURS, Piece, pieces_of
from .model import Bulletin, PageSize

PICTURE_QUALITY = 70
"""JPEG quality of the embedded page pictures: text stays legible, a page stays near 100 kB."""


def html_report(
    records: Sequence[Bulletin], picture: Callable[[Bulletin, int], Image.Image | None]
) -> str:
    """The report of records; picture(record, page) is the page as a person sees it, or
    None where its file is not at hand (the boxes are drawn on a blank page then)."""
    sections = [
        record_section(record, f"r{n}", picture) for n, record in enumerate(records, start=1)
    ]
    contents = "".join(
        f'<li><a href="#r{n}">{html.escape(r.source.path)}</a> ({len(r.articles)} articles)</li>'
        for n, r in enumerate(records, start=1)
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        "<title>bulletin-ingest report</title>"
        f"<style>{STYLE}</style></head><body>"
        f'<h1>bulletin-ingest report</h1><ol class="contents">{contents}</ol>'
        f"{''.join(sections)}<script>{SCRIPT}</script></body></html>\n"
    )


def record_section(
    record: Bulletin, prefix: str, picture: Callable[[Bulletin, int], Image.Image | None]
) -> str:
    """One record: its source, warnings, each page beside what was read from it, and what
    was set aside."""
    pieces = pieces_of(record, prefix)
    titles = {a.id: a.title or "(untitled)" for a in record.articles}
    parts = [
        f'<section class="record" id="{prefix}"><h2>{html.escape(record.source.path)}</h2>',
        f'<p class="meta">{record.source.kind}, {record.source.page_count} pages, '
        f"{record.script}, {len(record.articles)} articles</p>",
    ]
    if record.warnings:
        items = "".join(f"<li>{html.escape(w)}</li>" for w in record.warnings)
        parts.append(f'<div class="warnings"><h3>Warnings</h3><ul>{items}</ul></div>')
    sizes = {size.number: size for size in record.pages}
    numbers = sorted({p.page for p in pieces} | set(sizes))
    for number in numbers:
        on_page = [p for p in pieces if p.page == number]
        size = sizes.get(number)
        page_view = page_html(record, number, size, on_page, picture) if size else ""
        parts.append(
            f'<div class="page-row"><div class="page-col">{page_view}</div>'
            f'<div class="text-col"><h3>Page {number}</h3>'
            f"{articles_html(on_page, titles)}</div></div>"
        )
    aside = [p for p in pieces if p.article is None]
    if aside:
        items = "".join(
            f'<li data-box="{p.key}"><span class="role">{p.role}</span> '
            f"p.{p.page}: {html.escape(p.text)}</li>"
            for p in aside
        )
        parts.append(
            f'<details class="aside" open><summary>Set aside ({len(aside)})</summary>'
            f"<ul>{items}</ul></details>"
        )
    parts.append("</section>")
    return "".join(parts)


def articles_html(pieces: Iterable[Piece], titles: dict[str, str]) -> str:
    """The text of the articles on one page, article by article, each piece hoverable."""
    out: list[str] = []
    current = None
    for piece in pieces:
        if piece.article is None:
            continue
        if piece.article != current:
            if current is not None:
                out.append("</article>")
            current = piece.article
            out.append(
                f"<article><h4>{html.escape(piece.article)} · "
                f"{html.escape(titles.get(piece.article, ''))}</h4>"
            )
        tag = "p" if piece.role in ("paragraph", "heading", "caption") else "div"
        out.append(
            f'<{tag} class="piece role-{piece.role}" data-box="{piece.key}">'
            f'<span class="role">{piece.role}</span> {html.escape(piece.text)}</{tag}>'
        )
    if current is not None:
        out.append("</article>")
    return "".join(out)


def page_html(
    record: Bulletin,
    number: int,
    size: PageSize,
    pieces: Sequence[Piece],
    picture: Callable[[Bulletin, int], Image.Image | None],
) -> str:
    """The page's picture with a box for every piece on it, placed in shares of the page
    so that it scales with the picture."""
    if not size.width or not size.height:
        return ""
    image = picture(record, number)
    if image is not None and size.turn:
        image = image.rotate(size.turn, expand=True)  # the boxes' frame: see docs/record.md
    img = (
        f'<img alt="page {number}" src="{data_url(image)}">'
        if image is not None
        else '<div class="blank">page picture not at hand</div>'
    )
    boxes = "".join(
        box_html(piece, size.width, size.height) for piece in pieces if piece.bbox is not None
    )
    ratio = f"{size.width:.1f} / {size.height:.1f}"
    return f'<div class="page" style="aspect-ratio: {ratio}">{img}{boxes}</div>'


def box_html(piece: Piece, width: float, height: float) -> str:
    assert piece.bbox is not None
    x0, top, x1, bottom = piece.bbox
    colour = ROLE_COLOURS.get(piece.role, BOILERPLATE_COLOUR)
    style = (
        f"left:{100 * x0 / width:.2f}%;top:{100 * top / height:.2f}%;"
        f"width:{100 * (x1 - x0) / width:.2f}%;height:{100 * (bottom - top) / height:.2f}%;"
        f"border-color:rgb{colour}"
    )
    label = " ".join(part for part in (piece.article or "", piece.role) if part)
    return f'<div class="box" id="{piece.key}" title="{html.escape(label)}" style="{style}"></div>'


def data_url(image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=PICTURE_QUALITY)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


STYLE = """
body{font-family:sans-serif;margin:1.5em;color:#222}
.page-row{display:flex;gap:1.5em;align-items:flex-start;margin:1em 0 2em}
.page-col{flex:0 0 48%}.text-col{flex:1;min-width:0}
.page{position:relative;width:100%;background:#fff;box-shadow:0 0 4px #999}
.page img{position:absolute;inset:0;width:100%;height:100%}
.page .blank{position:absolute;inset:0;display:grid;place-items:center;color:#999}
.box{position:absolute;border:2px solid;box-sizing:border-box}
.box.lit{background:rgba(255,220,0,.45);outline:3px solid #fc0}
.piece{margin:.3em 0;padding:.1em .3em;border-radius:3px}
.piece:hover,.aside li:hover{background:#fff3b0}
.role{font-size:.75em;color:#777;margin-right:.3em}
.role-title,.role-kicker,.role-subtitle,.role-byline{font-weight:bold}
.warnings{background:#fff4e5;padding:.5em 1em;border-left:4px solid #e67800}
.meta{color:#555}
"""

SCRIPT = """
document.querySelectorAll('[data-box]').forEach(function (piece) {
  var box = document.getElementById(piece.dataset.box);
  if (!box) return;
  piece.addEventListener('mouseenter', function () { box.classList.add('lit'); });
  piece.addEventListener('mouseleave', function () { box.classList.remove('lit'); });
});
if (location.hash === '#check-hover') {
  var piece = Array.prototype.find.call(
    document.querySelectorAll('.piece[data-box]'),
    function (p) { return document.getElementById(p.dataset.box); });
  var box = document.getElementById(piece.dataset.box);
  piece.dispatchEvent(new MouseEvent('mouseenter'));
  document.body.dataset.hover = box.classList.contains('lit') ? 'lit' : 'dark';
}
"""
"""Hovering a piece of text lights up its box. Opened at #check-hover, the page hovers its
first piece itself and says on <body data-hover> whether the box lit (for tests)."""
