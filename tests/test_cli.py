from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from bulletin_ingest import IngestConfig
from bulletin_ingest.cli import main

from .conftest import SEED, generated


def test_convert_writes_one_output_per_input(tmp_path: Path, capsys) -> None:
    code = main(["convert", str(SEED), "-o", str(tmp_path / "out"), "-j", "1"])
    assert code == 0
    record = json.loads((tmp_path / "out" / "xinjing-bulletin-ocr.json").read_text("utf-8"))
    assert len(record["articles"]) == 2
    assert "1 converted" in capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["json", "jsonl", "md", "txt"])
def test_convert_formats(tmp_path: Path, fmt: str) -> None:
    assert main(["convert", str(SEED), "-o", str(tmp_path), "--format", fmt, "-j", "1"]) == 0
    assert (tmp_path / f"xinjing-bulletin-ocr.{fmt}").read_text("utf-8").strip()


def test_one_bad_file_is_reported_and_the_rest_convert(tmp_path: Path, capsys) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    (inputs / "b.txt").write_bytes(b"")
    (inputs / "c.txt").write_text("社区文化节开幕\n\n居民踊跃参加。\n", "utf-8")
    code = main(["convert", str(inputs), "-o", str(tmp_path / "out"), "-j", "2"])
    out = capsys.readouterr().out
    assert code == 3
    assert "b.txt: file is empty" in out
    assert (tmp_path / "out" / "a.json").exists() and (tmp_path / "out" / "c.json").exists()
    assert not (tmp_path / "out" / "b.json").exists()


def test_rerun_skips_what_is_up_to_date_and_redoes_what_changed(tmp_path: Path, capsys) -> None:
    source = tmp_path / "a.txt"
    source.write_text(SEED.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    assert main(["convert", str(source), "-o", str(out), "-j", "1"]) == 0
    capsys.readouterr()
    assert main(["convert", str(source), "-o", str(out), "-j", "1"]) == 0
    assert "0 converted, 1 up to date" in capsys.readouterr().out
    source.write_text("社区文化节开幕\n\n居民踊跃参加。\n", "utf-8")
    assert main(["convert", str(source), "-o", str(out), "-j", "1"]) == 0
    assert "1 converted" in capsys.readouterr().out
    assert main(["convert", str(source), "-o", str(out), "-j", "1", "--to", "traditional"]) == 0
    assert "1 converted" in capsys.readouterr().out
    assert "社區文化節" in (out / "a.json").read_text("utf-8")


def test_same_stem_inputs_do_not_overwrite_each_other(tmp_path: Path) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "issue.txt").write_text(f"{folder}社区文化节开幕\n\n居民参加。\n")
    assert (
        main(
            [
                "convert",
                str(tmp_path / "x"),
                str(tmp_path / "y"),
                "-o",
                str(tmp_path / "out"),
                "-j",
                "1",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "out").glob("[!.]*.json")) == [
        "issue.txt-2.json",
        "issue.txt.json",
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["convert", "MISSING.txt", "-o", "OUT"], 3, "MISSING.txt: no such file"),
        (["convert", "EMPTYDIR", "-o", "OUT"], 3, "folder holds no supported input files"),
        (["fix", "MISSING.txt"], 3, "MISSING.txt"),
    ],
)
def test_bad_input_gives_one_line_and_an_exit_code(tmp_path: Path, args, code, message) -> None:
    (tmp_path / "EMPTYDIR").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "bulletin_ingest", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == code
    assert message in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_an_empty_folder_among_the_inputs_fails_alone(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    source = tmp_path / "a.txt"
    source.write_text("社区食堂开业\n\n食堂每天为老人提供午餐和晚餐服务。\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["convert", str(tmp_path / "empty"), str(source), "-o", str(out), "-j", "1"])
    assert code == 3
    assert "empty: folder holds no supported input files" in capsys.readouterr().out
    assert [p.name for p in out.glob("[!.]*")] == ["a.json"]


def test_a_file_name_that_is_not_utf8_converts(tmp_path: Path) -> None:
    """Python keeps such a name's bytes as lone surrogates, which no UTF-8 writer takes."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.path.join(os.fsencode(folder), b"\xb9\xfa.txt")
    with open(name, "wb") as stream:
        stream.write("社区食堂开业\n\n食堂每天为老人提供午餐和晚餐服务。\n".encode())
    out = tmp_path / "out"
    assert main(["convert", str(folder), "-o", str(out), "-j", "1"]) == 0
    (written,) = out.glob("[!.]*.json")
    assert json.loads(written.read_text(encoding="utf-8"))["source"]["path"].endswith(
        "\\xb9\\xfa.txt"
    )


def test_an_output_folder_that_is_a_file_is_an_option_error(tmp_path: Path, capsys) -> None:
    source = tmp_path / "a.txt"
    source.write_text("社区食堂开业\n\n食堂每天为老人提供午餐。\n", encoding="utf-8")
    (tmp_path / "taken").write_text("a file", encoding="utf-8")
    assert main(["convert", str(source), "-o", str(tmp_path / "taken"), "-j", "1"]) == 2
    assert "taken: a file stands in its place" in capsys.readouterr().err
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "a file"


def test_fix_reads_stdin_and_explains() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bulletin_ingest", "fix", "--explain"],
        input="近日,新泾镇开展了 2022 年活动".encode(),
        capture_output=True,
        check=True,
    )
    assert result.stdout.decode() == "近日，新泾镇开展了2022年活动"
    assert "remove_inter_han_spaces: 1" in result.stderr.decode()


def test_fix_file_and_catalogue(tmp_path: Path, capsys) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes("共 50 条".encode("gb18030"))
    assert main(["fix", str(path)]) == 0
    assert capsys.readouterr().out == "共50条"
    assert main(["fix", "--list"]) == 0
    assert "remove_inter_han_spaces" in capsys.readouterr().out


def test_batch_workers_share_the_cores_unless_a_limit_is_set(monkeypatch) -> None:
    from bulletin_ingest import batch
    from bulletin_ingest.sources import rapid

    monkeypatch.setattr(batch.os, "cpu_count", lambda: 4)
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    batch.share_cores(2)
    assert rapid.thread_limit() == 2  # RapidOCR obeys what tesseract obeys
    monkeypatch.setenv("OMP_THREAD_LIMIT", "3")
    batch.share_cores(2)
    assert rapid.thread_limit() == 3  # the user's limit stands
    monkeypatch.setenv("OMP_THREAD_LIMIT", "many")
    assert rapid.thread_limit() == 0  # not a limit: the engine's default


def test_an_output_never_overwrites_its_input(tmp_path: Path, capsys) -> None:
    source = tmp_path / "b.txt"
    source.write_text(SEED.read_text("utf-8"), "utf-8")
    original = source.read_bytes()
    code = main(["convert", str(source), "-o", str(tmp_path), "--format", "txt", "-j", "1"])
    assert code == 3
    assert "would overwrite an input" in capsys.readouterr().out
    assert source.read_bytes() == original


def test_an_output_folder_inside_the_inputs_is_not_read_back(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(SEED.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        assert main(["convert", str(tmp_path), "-o", str(out), "--format", "txt", "-j", "1"]) == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["a.txt"]


def test_a_page_read_as_nothing_but_boilerplate_is_reported_unread(tmp_path: Path, capsys) -> None:
    source = tmp_path / "qr.txt"
    source.write_text("扫描二维码 关注我们\n\n本刊编辑部 编印\n\n- 1 -\n", "utf-8")
    code = main(["convert", str(source), "-o", str(tmp_path / "out"), "-j", "1"])
    out = capsys.readouterr().out
    assert code == 6
    assert "UNREAD" in out and "page 1" in out and "with unread pages" in out
    record = json.loads((tmp_path / "out" / "qr.json").read_text("utf-8"))
    assert record["unread_pages"] == [1] and record["articles"] == []
    assert any("nothing read as articles" in w for w in record["warnings"])


def test_a_document_read_as_nothing_at_all_is_reported_unread() -> None:
    from bulletin_ingest.model import Document, Page
    from bulletin_ingest.pipeline import bulletin_from_document

    found_nothing = ("page 1: OCR found no text",)
    document = Document("t.png", "0", "image", (Page(1, (), 595.0, 842.0, "ocr", found_nothing),))
    bulletin = bulletin_from_document(document, IngestConfig())
    assert bulletin.unread_pages == (1,) and not bulletin.articles
    assert bulletin.warnings == found_nothing  # the source's reason, not a set-aside one


def test_a_cover_of_furniture_alone_is_not_unread(tmp_path: Path, capsys) -> None:
    # the seed's first page holds its masthead, QR prompt and slogan, and no article
    assert main(["convert", str(SEED), "-o", str(tmp_path), "-j", "1"]) == 0
    assert "UNREAD" not in capsys.readouterr().out
    assert (
        json.loads((tmp_path / "xinjing-bulletin-ocr.json").read_text("utf-8"))["unread_pages"]
        == []
    )


def test_a_page_ocr_read_with_very_low_confidence_is_reported_unread() -> None:
    from bulletin_ingest.model import Document, Line, Page
    from bulletin_ingest.pipeline import bulletin_from_document

    def page(number: int, confidence: float) -> Page:
        lines = tuple(
            Line(
                "居民们在社区广场上参加活动，气氛热烈。",
                number,
                n,
                (50, 100 + 16 * n, 250, 110 + 16 * n),
                10.0,
                confidence,
                "ocr-tesseract",
            )
            for n in range(8)
        )
        return Page(number, lines, 595.0, 842.0, "ocr-tesseract")

    document = Document("t.png", "0", "image", (page(1, 0.92), page(2, 0.31)))
    bulletin = bulletin_from_document(document, IngestConfig())
    assert bulletin.unread_pages == (2,)
    assert any("page 2: not read" in w for w in bulletin.warnings)


def test_show_draws_the_blocks_of_a_page_over_it(tmp_path: Path, capsys) -> None:
    from PIL import Image

    from bulletin_ingest import ingest
    from bulletin_ingest.export import ROLE_COLOURS
    from bulletin_ingest.sources import PICTURE_DPI

    pdf = generated() / "xinjing-jianxun-2023-05.digital.pdf"
    out = tmp_path / "page.png"
    assert main(["show", str(pdf), "--page", "1", "-o", str(out)]) == 0
    view = Image.open(out).convert("RGB")
    record = ingest(pdf)
    page = record.pages[0]
    assert view.width == pytest.approx(page.width * PICTURE_DPI / 72, abs=2)
    title = next(head for head in record.articles[0].heads if head.role == "title")
    scale = view.width / page.width
    x0, _, x1, bottom = (round(v * scale) for v in title.bbox)
    edge = [view.getpixel((x, bottom)) for x in range(x0 + 40, x1 - 5)]  # clear of the label
    assert edge.count(ROLE_COLOURS["title"]) > len(edge) / 2  # the title's box, in its colour

    record_path = tmp_path / "record.json"
    record_path.write_text(json.dumps(record.to_dict(), ensure_ascii=False), encoding="utf-8")
    again = tmp_path / "again.png"
    args = ["show", str(pdf), "--record", str(record_path), "-o", str(again)]
    assert main(args) == 0
    assert Image.open(again).convert("RGB").tobytes() == view.tobytes()  # the record alone

    assert main(["show", str(pdf), "--page", "9", "-o", str(out)]) == 3
    assert "no drawable page 9" in capsys.readouterr().err


def test_show_of_text_input_says_it_has_nothing_to_draw(capsys) -> None:
    assert main(["show", str(SEED), "-o", "unused.png"]) == 3
    assert "no drawable page 1" in capsys.readouterr().err


def test_an_input_named_like_the_manifest_does_not_replace_it(tmp_path: Path) -> None:
    odd = tmp_path / ".bulletin-ingest-manifest.txt"
    odd.write_text(SEED.read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    assert main(["convert", str(odd), str(SEED), "-o", str(out), "-j", "1"]) == 0
    manifest = json.loads((out / ".bulletin-ingest-manifest.json").read_text("utf-8"))
    assert sorted(manifest) == [".bulletin-ingest-manifest-input.json", "xinjing-bulletin-ocr.json"]


def test_a_manifest_that_cannot_be_written_costs_only_the_resume(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out"
    (out / ".bulletin-ingest-manifest.json").mkdir(parents=True)
    other = tmp_path / "other.txt"
    other.write_text("社区文化节开幕\n\n居民踊跃参加。\n", "utf-8")
    assert main(["convert", str(SEED), str(other), "-o", str(out), "-j", "1"]) == 0
    assert "2 converted" in capsys.readouterr().out
    assert (out / "xinjing-bulletin-ocr.json").exists() and (out / "other.json").exists()


def test_batches_into_one_folder_at_once_keep_each_others_manifest_entries(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from bulletin_ingest.batch import convert_many, load_manifest

    groups = []
    for group in "ab":
        files = []
        for n in range(6):
            path = tmp_path / group / f"{group}{n}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(f"社区第{n}次活动\n\n居民{group}踊跃参加了活动。\n", "utf-8")
            files.append(path)
        groups.append(files)
    out = tmp_path / "out"
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda files: convert_many(files, out), groups))
    assert len(load_manifest(out)) == 12


def test_workers_end_with_their_batch(tmp_path: Path) -> None:
    import signal
    import time

    scans = [
        generated() / f"{name}.scan300.pdf"
        for name in ("anting-jianbao-2023-10", "xinjing-jianxun-2023-05")
    ]
    batch = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bulletin_ingest",
            "convert",
            *map(str, scans),
            "-o",
            str(tmp_path / "out"),
            "-j",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    workers: list[int] = []
    for _ in range(100):
        time.sleep(0.2)
        children = Path(f"/proc/{batch.pid}/task/{batch.pid}/children")
        workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
        if len(workers) >= 2:
            break
    assert workers, "the batch started no workers"
    batch.send_signal(signal.SIGTERM)
    assert batch.wait(timeout=60) == 143
    time.sleep(1)
    alive = [
        pid
        for pid in workers
        if Path(f"/proc/{pid}").exists()
        and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]
    ]
    assert alive == []


def test_an_interrupted_batch_stops_a_worker_its_pool_had_not_recorded() -> None:
    import time

    from bulletin_ingest import batch

    before = multiprocessing.Process(target=time.sleep, args=(60,))
    before.start()
    earlier = batch.children()
    pool = batch.default_executor(2, 2)
    assert isinstance(pool, ProcessPoolExecutor)
    # A child of the batch's that no pool has in its table: an interrupt came between a
    # worker's start and its entry there.
    unrecorded = multiprocessing.Process(target=time.sleep, args=(60,))
    try:
        pool.submit(os.getpid).result(timeout=60)
        unrecorded.start()
        batch.stop_workers(earlier)
        unrecorded.join(timeout=30)
        assert not unrecorded.is_alive()
        assert before.is_alive()  # not the batch's
    finally:
        pool.shutdown(cancel_futures=True)
        for process in (before, unrecorded):
            process.kill()
            process.join()


def test_a_worker_told_to_stop_before_its_set_up_has_run_still_stops() -> None:
    # The batch's SIGTERM handler, inherited by a forked worker, and a start slow enough
    # for the stop to come while the worker is still in the fork's own set-up. The pool's
    # own thread may reap a worker that ended, so its exit code is waited for, not joined.
    code = (
        "import multiprocessing, os, signal, time\n"
        "from bulletin_ingest import batch\n"
        "def stop(signum, frame):\n"
        "    raise KeyboardInterrupt\n"
        "signal.signal(signal.SIGTERM, stop)\n"
        "os.register_at_fork(after_in_child=lambda: time.sleep(2))\n"
        "pool = batch.default_executor(2, 2)\n"
        "pool.submit(os.getpid)\n"
        "workers = multiprocessing.active_children()\n"
        "for worker in workers:\n"
        "    worker.terminate()\n"
        "deadline = time.monotonic() + 20\n"
        "while any(w.exitcode is None for w in workers) and time.monotonic() < deadline:\n"
        "    time.sleep(0.05)\n"
        "print(sorted(str(worker.exitcode) for worker in workers), flush=True)\n"
        "for worker in workers:\n"
        "    worker.kill()\n"
        "os._exit(0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == str([str(-signal.SIGTERM)] * 2), run.stdout + run.stderr


def test_a_worker_whose_parent_ended_before_it_started_ends_at_once() -> None:
    code = (
        "from bulletin_ingest.lifetime import end_with_parent\n"
        "end_with_parent(parent=-1)\n"
        "print('ran on')"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout) == (0, "")


def test_a_bug_on_one_input_is_an_internal_error_of_its_own_exit_code(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    import bulletin_ingest.batch as batch_module

    def broken(source, config):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(batch_module, "ingest", broken)
    assert main(["convert", str(SEED), "-o", str(tmp_path), "-j", "1"]) == 70
    assert "internal error: ZeroDivisionError: a bug" in capsys.readouterr().out
