"""Sweeps on a real Dask LocalCluster (processes, 2 workers, 1 thread each, no dashboard):
the same tables as a serial sweep, also when a worker is killed in the middle."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

import hybridsim
from sweep_support import SMALL_FAILED, SMALL_RUNS, assert_same_tables, reference, small_spec

pytestmark = pytest.mark.cluster
__all__ = ["reference"]


def test_local_cluster_gives_the_same_tables(reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = hybridsim.sweep(
        small_spec(), out, executor="dask", workers=2, batch_size=2, progress=False
    )
    assert (result.ran, result.failed, result.complete) == (SMALL_RUNS, SMALL_FAILED, True)
    assert result.executor == "dask"
    assert_same_tables(out, reference)


def test_a_lost_dask_worker_is_survived(tmp_path: Path) -> None:
    """kill -9 of a worker of a running cluster (reached by address, as on SLURM or K8s)."""
    from distributed import Client, LocalCluster

    spec = small_spec(replications=6)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
            host="127.0.0.1",
        ) as cluster,
        Client(cluster) as client,  # as in a notebook: the sweep shares this client
    ):  # fmt: skip
        client.run(lambda: __import__("hybridsim.api"))  # warm the workers up
        pids = list(client.run(os.getpid).values())
        out = tmp_path / "out"
        killed: list[int] = []

        def kill_one() -> None:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if list((out / "parts").glob("runs-*")):
                    os.kill(pids[0], signal.SIGKILL)
                    killed.append(pids[0])
                    return
                time.sleep(0.005)

        thread = threading.Thread(target=kill_one, daemon=True)
        thread.start()
        result = hybridsim.sweep(
            spec, out, scheduler=cluster.scheduler_address, batch_size=1, progress=False
        )
        thread.join()
    assert killed
    assert result.complete, result.lost_reason
    hybridsim.sweep(spec, tmp_path / "ref", executor="serial", progress=False)
    assert_same_tables(out, tmp_path / "ref")
