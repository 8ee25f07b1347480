"""The bad-input matrix: each class of bad input, generated here, given to `convert` beside a
good file. Each must fail alone with its typed error's exit code, on a line naming the file
and the problem, and leave every input as it was and nothing written for it
(docs/usage.md lists the matrix)."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from bulletin_ingest.cli import main

GOOD = "社区食堂开业\n\n食堂每天为老人提供午餐和晚餐服务。\n"


def png_bytes(size: tuple[int, int] = (200, 100), mode: str = "L") -> bytes:
    stream = io.BytesIO()
    Image.new(mode, size, 255 if mode == "L" else 1).save(stream, "PNG")
    return stream.getvalue()


def pdf_bytes() -> bytes:
    stream = io.BytesIO()
    pdf = canvas.Canvas(stream)
    pdf.drawString(72, 720, "one page")
    pdf.save()
    return stream.getvalue()


def pdf_of_no_pages() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def locked_pdf() -> bytes:
    stream = io.BytesIO()
    pdf = canvas.Canvas(stream, encrypt="secret")
    pdf.drawString(72, 720, "locked")
    pdf.save()
    return stream.getvalue()


def bomb_png() -> bytes:
    """A PNG of a few kilobytes stating more pixels than Pillow will open."""
    stream = io.BytesIO()
    Image.new("1", (15000, 15000), 1).save(stream, "PNG")
    return stream.getvalue()


def write(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return [str(path)]

    return make


def missing(folder: Path) -> list[str]:
    return [str(folder / "gone.pdf")]


def empty_folder(folder: Path) -> list[str]:
    (folder / "nothing").mkdir()
    (folder / "nothing" / "notes.docx").write_bytes(b"PK\x03\x04")
    return [str(folder / "nothing")]


def link_loop(folder: Path) -> list[str]:
    os.symlink("loop.txt", folder / "loop.txt")
    return [str(folder / "loop.txt")]


def link_to_nothing(folder: Path) -> list[str]:
    os.symlink("elsewhere.txt", folder / "dangling.txt")
    return [str(folder / "dangling.txt")]


PDF = pdf_bytes()
PNG = png_bytes()

CASES: dict[str, tuple[Callable[[Path], list[str]], list[str], int, str]] = {
    # name: (make the bad input, extra options, exit code, what the line says)
    "missing file": (missing, [], 3, "gone.pdf: no such file"),
    "empty text": (write("empty.txt", b""), [], 3, "empty.txt: file is empty"),
    "empty PDF": (write("empty.pdf", b""), [], 3, "empty.pdf: file is empty"),
    "empty image": (write("empty.png", b""), [], 3, "empty.png: file is empty"),
    "truncated PDF": (write("cut.pdf", PDF[: len(PDF) // 2]), [], 3, "cut.pdf: not a readable PDF"),
    "PDF of garbage": (
        write("noise.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 2),
        [],
        3,
        "noise.pdf: not a readable PDF",
    ),
    "PDF of no pages": (write("none.pdf", pdf_of_no_pages()), [], 3, "none.pdf: has no pages"),
    "PDF locked with a password": (
        write("locked.pdf", locked_pdf()),
        [],
        3,
        "locked.pdf: PDF is locked with a password",
    ),
    "image renamed as PDF": (write("photo.pdf", PNG), [], 3, "photo.pdf: not a readable PDF"),
    "truncated image": (
        write("cut.png", PNG[: len(PNG) // 2]),
        [],
        3,
        "cut.png: damaged or truncated image",
    ),
    "image of garbage": (
        write("noise.png", bytes(range(256)) * 2),
        [],
        3,
        "noise.png: not an image Pillow can read",
    ),
    "decompression bomb": (
        write("bomb.png", bomb_png()),
        [],
        3,
        "bomb.png: image too large to read safely",
    ),
    "text of undecodable bytes": (
        write("binary.txt", bytes(range(128, 256)) * 8),
        [],
        3,
        "binary.txt: not UTF-8, GB18030, Big5 or BOM-marked Unicode text",
    ),
    "text of invisible characters": (
        write("blank.txt", "\u200b\u2060\ufeff\n\u3000\n"),
        [],
        3,
        "blank.txt: holds no text",
    ),
    "text over the size limit": (
        write("long.txt", GOOD * 10),
        ["--max-text-bytes", "100"],
        3,
        "long.txt: text of 720 bytes is over max_text_bytes (100)",
    ),
    "unsupported file type": (
        write("notes.docx", b"PK\x03\x04"),
        [],
        3,
        "notes.docx: unsupported file type .docx",
    ),
    "folder with no inputs": (empty_folder, [], 3, "nothing: folder holds no supported input"),
    "link in a loop": (link_loop, [], 3, "loop.txt: a link to no file"),
    "link to nothing": (link_to_nothing, [], 3, "dangling.txt: a link to no file"),
}


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder (links as their targets' names) and its content's hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path)] = "-> " + os.readlink(path)
        elif path.is_file():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_input_fails_alone_with_its_code_and_leaves_everything_as_it_was(
    tmp_path: Path, capsys, case: str
) -> None:
    make, options, code, message = CASES[case]
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = inputs / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad = make(inputs)
    before = snapshot(inputs)
    out = tmp_path / "out"
    exit_code = main(["convert", *bad, str(good), "-o", str(out), "-j", "1", *options])
    printed = capsys.readouterr()
    failed = [line for line in printed.out.splitlines() if line.startswith("FAILED")]
    assert exit_code == code, printed
    assert len(failed) == 1 and message in failed[0], printed
    assert "Traceback" not in printed.out + printed.err
    assert snapshot(inputs) == before
    written = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert written == ["good.json"]
