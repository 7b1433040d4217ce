"""A batch rendered on a real distributed engine (dask.distributed) writes the same bytes
as a local run: tasks and results are plain picklable data, so any executor will do."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import render

from conftest import RECORD, SETTINGS, write_yaml

distributed = pytest.importorskip(
    "distributed",
    reason="the distributed extra is not installed (pip install 'giaoban[distributed]')",
)

pytestmark = pytest.mark.slow


def test_a_dask_cluster_renders_the_same_bytes_as_a_local_run(tmp_path: Path) -> None:
    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    for n in range(3):
        write_yaml(tmp_path / "records" / f"r{n}.yaml", dict(RECORD, id=f"r{n}"))
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                 dashboard_address=":0") as cluster,
        distributed.Client(cluster) as client,
    ):  # fmt: skip
        remote = render([tmp_path / "records"], docs=("tb", "bc"), out=tmp_path / "cluster",
                        executor=client.get_executor()).outputs  # fmt: skip
    local = render([tmp_path / "records"], docs=("tb", "bc"), out=tmp_path / "local").outputs
    assert len(remote) == len(local) == 12
    for output in local:
        assert output.path.read_bytes() == (tmp_path / "cluster" / output.path.name).read_bytes()


def test_the_command_renders_on_a_scheduler_by_its_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli.command import main

    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    write_yaml(tmp_path / "record.yaml", RECORD)
    with distributed.LocalCluster(n_workers=1, processes=True, dashboard_address=":0") as cluster:
        args = ["render", str(tmp_path / "record.yaml"), "--out", str(tmp_path / "out"),
                "--scheduler", cluster.scheduler_address, "-q"]  # fmt: skip
        assert main(args) == 0
    assert (tmp_path / "out" / "record.tb.pdf").is_file()


def test_a_long_digest_laid_out_in_parts_on_a_cluster_is_the_same_file(tmp_path: Path) -> None:
    import datetime as dt

    from synthetic import write_records

    from generator.api import digest

    write_yaml(tmp_path / "giaoban.yaml", SETTINGS)
    write_records(tmp_path / "records", 40, dt.date(2024, 7, 1), 91, seed=7)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                 dashboard_address=":0") as cluster,
        distributed.Client(cluster) as client,
    ):  # fmt: skip
        remote = digest([tmp_path / "records"], period="2024-Q3", formats=("pdf",),
                        out=tmp_path / "cluster", executor=client.get_executor())  # fmt: skip
    local = digest([tmp_path / "records"], period="2024-Q3", formats=("pdf",),
                   out=tmp_path / "local", jobs=2)  # fmt: skip
    joined = local.outputs[0].path.read_bytes()
    assert remote.outputs[0].path.read_bytes() == joined
    single = digest([tmp_path / "records"], period="2024-Q3", formats=("pdf",),
                    out=tmp_path / "single", parts=1)  # fmt: skip
    assert single.outputs[0].path.read_bytes() != joined  # it was laid out in parts
