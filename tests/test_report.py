"""The HTML report, opened in a real browser (Debian's chromium, headless): every page and
article is there, hovering a piece of text lights its box, and the boxes are drawn."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from bulletin_ingest.cli import main

from .conftest import SEED, generated

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def browser(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    pdf = generated() / "yuenlong-tongxun-36.digital.pdf"
    assert main(["convert", str(SEED), str(pdf), "-o", str(folder / "out"), "-j", "1"]) == 0
    assert main(["report", str(folder / "out"), "-o", str(folder / "report.html")]) == 0
    return folder / "report.html"


def test_the_report_shows_every_page_and_article_and_lights_a_box_on_hover(report: Path) -> None:
    dom = browser("--dump-dom", f"{report.as_uri()}#check-hover").stdout
    assert 'data-hover="lit"' in dom
    assert dom.count("<img ") == 2  # the PDF's two pages; the text record has none
    assert dom.count("<section") == 2
    assert len(re.findall(r"<article>", dom)) >= 2 + 4  # articles, once on each of their pages
    assert "Set aside" in dom
    assert 'src="data:image/jpeg;base64,' in dom  # self-contained


def test_the_report_draws_the_boxes_over_the_pages(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = browser(
        "--hide-scrollbars",
        "--window-size=1400,5000",
        "--virtual-time-budget=5000",
        f"--screenshot={shot}",
        report.as_uri(),
    )
    assert shot.exists(), result.stderr
    pixels = np.asarray(Image.open(shot).convert("RGB")).astype(int)
    red, green, blue = pixels[..., 0], pixels[..., 1], pixels[..., 2]
    title_red = int(((red > 180) & (green < 60) & (blue < 70)).sum())
    assert title_red > 200  # the titles' boxes, outlined in red
