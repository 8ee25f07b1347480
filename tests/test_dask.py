"""Dask: `convert` and `ingest_many` on a two-worker LocalCluster give the records of a run on
one machine; the workers are sent the inputs' bytes and return records, which the client
writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from bulletin_ingest import Bulletin, InputFileError, ingest, ingest_many
from bulletin_ingest.cli import main

from .conftest import SEED, generated


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster


def inputs(folder: Path) -> list[str]:
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    return [str(SEED), str(generated() / "yuenlong-tongxun-36.digital.pdf"), str(empty)]


def test_convert_on_a_cluster_writes_what_a_local_run_writes(
    tmp_path: Path, cluster: LocalCluster, capsys
) -> None:
    files = inputs(tmp_path)
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["convert", *files, "-o", str(local), "-j", "1"]) == 3
    capsys.readouterr()
    address = cluster.scheduler_address
    assert main(["convert", *files, "-o", str(remote), "--scheduler", address]) == 3
    report = capsys.readouterr().out
    assert "empty.txt: file is empty" in report
    assert "2 converted, 0 up to date, 1 failed" in report
    for record in sorted(local.glob("*.json")):
        assert (remote / record.name).read_text("utf-8") == record.read_text("utf-8")
    assert main(["convert", *files, "-o", str(remote), "--scheduler", address]) == 3
    assert "0 converted, 2 up to date, 1 failed" in capsys.readouterr().out


def test_ingest_many_on_a_client_sends_bytes_and_names_them(
    tmp_path: Path, cluster: LocalCluster
) -> None:
    files = inputs(tmp_path)
    with Client(cluster) as client:
        outcomes = dict(ingest_many(files, executor=client.get_executor(), shared_files=False))
    assert isinstance(outcomes[files[2]], InputFileError)
    assert str(outcomes[files[2]]).startswith(files[2])
    record = outcomes[files[0]]
    assert isinstance(record, Bulletin)
    assert record.source.path == files[0]
    assert record.to_dict() == ingest(SEED).to_dict()


def test_no_scheduler_at_the_address_is_an_option_error(tmp_path: Path, capsys) -> None:
    args = ["convert", str(SEED), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9"]
    assert main(args) == 2
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in capsys.readouterr().err
