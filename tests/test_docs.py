from __future__ import annotations

import contextlib
import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin_ingest.cleanup import fixes, script

from .conftest import ROOT, generated


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


DOCUMENTS = ("README.md", "docs/usage.md", "docs/fixes.md", "docs/pipeline.md", "docs/record.md")
BLOCK_RE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def code_blocks(document: str) -> list[tuple[str, str]]:
    """(language, code) of each fenced block of a document."""
    text = (ROOT / document).read_text(encoding="utf-8")
    return [(m.group(1), m.group(2)) for m in BLOCK_RE.finditer(text)]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_code_of_the_docs_runs(document: str, tmp_path: Path) -> None:
    """Every Python and shell block, in order, in a folder that sees the samples: doctests
    are checked, other Python runs as a script, each shell line must succeed. The set-up
    scripts (`scripts/…`) are what CI runs itself."""
    generated()
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "bin").symlink_to(Path(sys.executable).parent)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    ran = 0
    for language, code in code_blocks(document):
        if language == "python" and code.lstrip().startswith(">>>"):
            globs = {**vars(fixes), **vars(script)} if document == "docs/fixes.md" else {}
            test = doctest.DocTestParser().get_doctest(code, globs, document, document, 0)
            runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
            with contextlib.chdir(tmp_path):
                runner.run(test)
            assert not runner.failures, f"{document}: a doctest failed (see above)"
        elif language == "python":
            example = tmp_path / "example.py"
            example.write_text(code, encoding="utf-8")
            result = subprocess.run(
                [sys.executable, str(example)],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                env=env,
            )
            assert result.returncode == 0, f"{document}:\n{code}\n{result.stderr}"
        elif language == "sh":
            for line in code.splitlines():
                command = line.split("  #")[0].strip()
                if not command or command.startswith("scripts/"):
                    continue
                result = subprocess.run(
                    ["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True, env=env
                )
                assert result.returncode == 0, f"{document}: {command}\n{result.stderr}"
        else:
            continue
        ran += 1
    assert ran or document in ("docs/pipeline.md", "docs/record.md")
