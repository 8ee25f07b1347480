"""The CLI and library behave as their peers do: lines as files finish, -q and -v, `-` for
standard input and output, --pages, --config, no traceback on a closed pipe; `ingest` of
bytes, file objects and PIL images; `ingest_many` as results finish."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image

import bulletin_ingest.batch as batch
from bulletin_ingest import IngestConfig, InputFileError, ingest, ingest_many
from bulletin_ingest.cli import build_parser, main

from .conftest import SEED, generated
from .pages import small_page

COMMAND = [sys.executable, "-m", "bulletin_ingest"]
OTHER = "社区文化节开幕\n\n居民踊跃参加文化节的各项活动。\n"


def two_texts(folder: Path) -> list[str]:
    folder.mkdir()
    (folder / "a.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    (folder / "b.txt").write_text(OTHER, "utf-8")
    return [str(folder / "a.txt"), str(folder / "b.txt")]


def test_a_line_is_printed_for_each_file_as_it_finishes(tmp_path: Path, monkeypatch, capsys):
    inputs = two_texts(tmp_path / "in")
    seen_before_second: list[str] = []
    convert = batch.convert_one

    def watched(job: batch.Job) -> batch.FileResult:
        if job.input.name == "b.txt":
            seen_before_second.append(capsys.readouterr().out)
        return convert(job)

    monkeypatch.setattr(batch, "convert_one", watched)
    assert main(["convert", *inputs, "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    assert seen_before_second and "ok  " in seen_before_second[0]
    assert "a.txt" in seen_before_second[0]


def test_quiet_prints_failures_and_the_summary_only(tmp_path: Path, capsys) -> None:
    inputs = two_texts(tmp_path / "in")
    (tmp_path / "in" / "c.txt").write_bytes(b"")
    code = main(
        [
            "convert",
            *inputs,
            str(tmp_path / "in" / "c.txt"),
            "-o",
            str(tmp_path / "o"),
            "-j",
            "1",
            "-q",
        ]
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 3
    assert [line for line in out if line.startswith("ok")] == []
    assert any("c.txt: file is empty" in line for line in out)
    assert out[-1].startswith("2 converted, 0 up to date, 1 failed")


def test_standard_input_to_standard_output() -> None:
    result = subprocess.run(
        [*COMMAND, "convert", "-", "-o", "-", "-j", "1"],
        input=SEED.read_bytes(),
        capture_output=True,
        check=True,
    )
    record = json.loads(result.stdout)
    assert len(record["articles"]) == 2
    assert "ok  - -> " in result.stderr.decode()
    assert "1 converted" in result.stderr.decode()


def test_a_closed_pipe_ends_quietly() -> None:
    reader = subprocess.Popen(
        [*COMMAND, "fix", "--list"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()
    code = reader.wait(timeout=60)
    assert "Traceback" not in reader.stderr.read().decode()
    assert code in (0, 141)  # 0 when all was written before the pipe closed


def test_pages_reads_only_the_pages_asked_for(tmp_path: Path) -> None:
    pdf = generated() / "yuenlong-tongxun-36.digital.pdf"
    assert main(["convert", str(pdf), "-o", str(tmp_path), "--pages", "2-", "-j", "1"]) == 0
    record = json.loads((tmp_path / "yuenlong-tongxun-36.digital.json").read_text("utf-8"))
    assert [page["number"] for page in record["pages"]] == [2]
    assert main(["convert", str(pdf), "-o", str(tmp_path / "x"), "--pages", "5-6"]) == 3


def test_options_come_from_a_config_file_and_the_command_line_overrides_it(
    tmp_path: Path, capsys
) -> None:
    toml = tmp_path / "options.toml"
    toml.write_text('target_script = "traditional"\ntitle_min_chars = 12\n', "utf-8")
    assert main(["convert", str(SEED), "-o", str(tmp_path / "a"), "--config", str(toml)]) == 0
    record = json.loads((tmp_path / "a" / "xinjing-bulletin-ocr.json").read_text("utf-8"))
    assert record["script"] == "traditional"
    args = [
        "convert",
        str(SEED),
        "-o",
        str(tmp_path / "b"),
        "--config",
        str(toml),
        "--to",
        "simplified",
    ]
    assert main(args) == 0
    record = json.loads((tmp_path / "b" / "xinjing-bulletin-ocr.json").read_text("utf-8"))
    assert record["script"] == "simplified"
    toml.write_text("colour = 1\n", "utf-8")
    assert main(["convert", str(SEED), "-o", str(tmp_path / "c"), "--config", str(toml)]) == 2
    assert "unknown option(s): colour" in capsys.readouterr().err


def test_every_option_has_help() -> None:
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in subparsers.choices.items():
        for action in command._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help"


def test_pdfminer_notes_stay_quiet_unless_asked_for(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "odd.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(300, 200))
    pdf._code.append("1 0 0 (one) 0 0 cm")  # a matrix pdfminer cannot read; it warns
    pdf.drawString(20, 100, "Community news of the month, read from a text layer.")
    pdf.save()
    out = tmp_path / "o"
    quiet = subprocess.run([*COMMAND, "convert", str(path), "-o", str(out)], capture_output=True)
    loud = subprocess.run(
        [*COMMAND, "convert", str(path), "-o", str(out), "--force", "-vv"], capture_output=True
    )
    assert "Cannot concatenate matrix" not in quiet.stderr.decode()
    assert "Cannot concatenate matrix" in loud.stderr.decode()


def test_ingest_takes_bytes_file_objects_and_images() -> None:
    from_path = ingest(SEED)
    for source in (SEED.read_bytes(), io.BytesIO(SEED.read_bytes())):
        bulletin = ingest(source)
        assert [a.title for a in bulletin.articles] == [a.title for a in from_path.articles]
    assert ingest(SEED.read_bytes()).source.path == "<bytes>"
    image = small_page()
    image.info["dpi"] = (300, 300)
    config = IngestConfig(engine="tesseract", script="simplified")
    text = "".join(a.text for a in ingest(image, config).articles)
    assert "食堂" in text
    with pytest.raises(InputFileError, match="<bytes>: file is empty"):
        ingest(b"   ")


def test_ingest_many_yields_each_result_or_its_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    sources = [SEED, empty, OTHER.encode()]
    for executor in (None, ThreadPoolExecutor(2)):
        results = dict(
            (str(source)[:40], outcome)
            for source, outcome in ingest_many(sources, executor=executor)
        )
        assert len(results) == 3
        assert isinstance(results[str(empty)[:40]], InputFileError)
        assert len(results[str(SEED)[:40]].articles) == 2
        assert results[str(OTHER.encode())[:40]].articles


def test_an_image_keeps_a_name_it_was_opened_with(tmp_path: Path) -> None:
    path = tmp_path / "page.png"
    small_page().save(path, dpi=(300, 300))
    with Image.open(path) as image:
        bulletin = ingest(image, IngestConfig(engine="tesseract", script="simplified"))
    assert bulletin.source.path == str(path)


def test_verbose_says_what_each_page_went_through(tmp_path: Path) -> None:
    pdf = generated() / "yuenlong-tongxun-36.digital.pdf"
    plain = subprocess.run(
        [*COMMAND, "convert", str(pdf), "-o", str(tmp_path / "a")],
        capture_output=True,
        text=True,
        check=True,
    )
    verbose = subprocess.run(
        [*COMMAND, "convert", str(pdf), "-o", str(tmp_path / "b"), "-v"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "page 2: read from its text layer" not in plain.stderr
    assert "page 2: read from its text layer" in verbose.stderr
    assert "2 pages, 4 articles" in verbose.stderr


def test_a_misspelt_option_value_fails_the_type_checker(tmp_path: Path) -> None:
    snippet = tmp_path / "use.py"
    snippet.write_text(
        'from bulletin_ingest import IngestConfig\nIngestConfig(engine="tesseractt")\n', "utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", str(snippet)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert 'Argument "engine" to "IngestConfig" has incompatible type' in result.stdout


def test_errors_cross_to_other_processes_whole() -> None:
    import pickle

    from bulletin_ingest import OcrError

    for error in (InputFileError("a.pdf", "file is empty"), OcrError("b.png", 2, "timed out")):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error)
        assert again.exit_code == error.exit_code


def test_content_named_for_its_file_takes_the_file_s_name_and_kind() -> None:
    bulletin = ingest(SEED.read_bytes(), name="news/seed.txt")
    assert bulletin.source.path == "news/seed.txt"
    with pytest.raises(InputFileError, match=r"^notes\.stamp: unsupported file type"):
        ingest(SEED.read_bytes(), name="notes.stamp")


def test_every_config_option_is_a_convert_option() -> None:
    from dataclasses import fields

    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    dests = {action.dest for action in subparsers.choices["convert"]._actions}
    wanted = {f.name for f in fields(IngestConfig)} - {"first_page", "last_page"}
    assert wanted <= dests and "pages" in dests
