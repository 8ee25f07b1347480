"""Layout: a document's lines grouped into `Block`s in reading order.

Plain text has no geometry: consecutive non-blank lines form a block. Lines that stand at
the top or bottom of a page and repeat across pages are running headers; a bare number
there is a page number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

import regex

from .model import Block, Document, Line, mean_confidence, union_bbox

PAGE_NUMBER_RE = regex.compile(
    r"(?:第\s*)?\d{1,3}\s*[版页頁]|[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3}(?:\s*/\s*\d{1,3})?"
)


def is_page_number(text: str) -> bool:
    """Whether a line is nothing but a page number.

    >>> is_page_number("- 3 -"), is_page_number("第4版"), is_page_number("2022年")
    (True, True, False)
    """
    return bool(PAGE_NUMBER_RE.fullmatch(text.strip()))


def group_text_lines(lines: Sequence[Line]) -> list[tuple[Line, ...]]:
    """Consecutive lines (no blank line between) form one group."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and line.row == groups[-1][-1].row + 1:
            groups[-1].append(line)
        else:
            groups.append([line])
    return [tuple(group) for group in groups]


def block_of(lines: tuple[Line, ...], role: str | None = None) -> Block:
    """A block of lines, with its raw text, page, bbox, glyph size and mean confidence."""
    raw = "\n".join(line.text for line in lines)
    sizes = sorted(line.size for line in lines if line.size is not None)
    return Block(
        raw=raw,
        text=raw,
        page=lines[0].page,
        lines=lines,
        bbox=union_bbox(line.bbox for line in lines),
        size=sizes[len(sizes) // 2] if sizes else None,
        confidence=mean_confidence(line.confidence for line in lines),
        role=role,
    )


def repeated_edge_lines(groups_by_page: Sequence[Sequence[tuple[Line, ...]]]) -> set[str]:
    """Texts that stand first or last on at least two pages (running headers, footers),
    ignoring digits so that `第3期` and `第4期` count as one."""
    if len(groups_by_page) < 2:
        return set()
    seen: Counter[str] = Counter()
    for groups in groups_by_page:
        edges = {_digitless(line.text) for group in _edge_groups(groups) for line in group}
        seen.update(edges)
    return {text for text, count in seen.items() if count >= 2 and text}


def _edge_groups(groups: Sequence[tuple[Line, ...]]) -> Iterable[tuple[Line, ...]]:
    return [*groups[:1], *groups[1:][-1:]]


def _digitless(text: str) -> str:
    return regex.sub(r"\d+", "#", text.strip())


def mark_edge_roles(
    blocks: list[Block], repeated: set[str], first: Block | None, last: Block | None
) -> list[Block]:
    """Set the role of page-edge blocks: page numbers and repeated running headers."""
    marked = []
    for block in blocks:
        at_edge = block is first or block is last
        if at_edge and is_page_number(block.raw):
            block = replace(block, role="page-number")
        elif (
            at_edge and block.raw and all(_digitless(line.text) in repeated for line in block.lines)
        ):
            block = replace(block, role="running-header")
        marked.append(block)
    return marked


def layout_document(document: Document) -> tuple[Block, ...]:
    """All blocks of a document in reading order."""
    groups_by_page = [group_text_lines(page.lines) for page in document.pages]
    repeated = repeated_edge_lines(groups_by_page)
    blocks: list[Block] = []
    for groups in groups_by_page:
        page_blocks = [block_of(group) for group in groups]
        if page_blocks:
            page_blocks = mark_edge_roles(page_blocks, repeated, page_blocks[0], page_blocks[-1])
        blocks.extend(page_blocks)
    return tuple(blocks)
