from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_generated_docs_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_readme_opens_with_the_two_set_up_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("## ")]
    assert "scripts/convert-samples.sh" in head and "scripts/test.sh" in head
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
