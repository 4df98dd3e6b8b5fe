"""Where batches run: in this process, in a pool of local processes, or on a Dask cluster.

Every executor has one method, ``map_unordered(fn, tasks)``, yielding ``(task, result)`` as
batches finish, with at most a few batches in flight per worker (so memory does not grow with
the number of runs). A batch whose worker was lost yields a :class:`Lost` instead of a result:
its runs are left for ``--resume``, not recorded as failures of the model.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

EXECUTORS = ("serial", "processes", "dask")
PREFETCH = 2  # batches in flight per worker: one running, one waiting


@dataclass(frozen=True)
class Lost:
    """A batch that did not come back (its worker died or the cluster gave up on it)."""

    reason: str


class Executor(Protocol):
    workers: int

    def map_unordered(
        self, fn: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]
    ) -> Iterator[tuple[tuple[Any, ...], Any]]: ...

    def close(self) -> None: ...

    def abort(self) -> None: ...


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return max(os.cpu_count() or 1, 1)


class SerialExecutor:
    """Runs batches one after another in this process (debugging, notebooks, tiny sweeps)."""

    workers = 1

    def map_unordered(
        self, fn: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]
    ) -> Iterator[tuple[tuple[Any, ...], Any]]:
        for task in tasks:
            yield task, fn(*task)

    def close(self) -> None:
        return None

    def abort(self) -> None:
        return None


_NEVER_STARTED = (
    "worker processes died before finishing any batch; in a script, call hybridsim.sweep "
    'under `if __name__ == "__main__":` (worker processes import the script), or use '
    "executor='serial'"
)


class ProcessExecutor:
    """A pool of local worker processes.

    Why forkserver: workers fork from a small clean server that has already imported the model
    (fast start, no threads of ours copied into children); ``spawn`` where fork is unavailable.
    A pool that breaks (a worker killed by the OS) is rebuilt and its batches resubmitted.
    """

    def __init__(self, workers: int | None = None, max_restarts: int = 3) -> None:
        self.workers = workers or default_workers()
        self.max_restarts = max_restarts
        method = (
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        )
        self._context = multiprocessing.get_context(method)
        if method == "forkserver":
            self._context.set_forkserver_preload(["hybridsim.sweep.worker", "hybridsim.api"])
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        from .worker import init_process_worker

        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self._context,
            initializer=init_process_worker,
            initargs=(os.getpid(),),
        )

    def map_unordered(
        self, fn: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]
    ) -> Iterator[tuple[tuple[Any, ...], Any]]:
        self._pool = self._pool or self._new_pool()
        source = iter(tasks)
        pending: dict[Future, tuple[Any, ...]] = {}
        retry: list[tuple[Any, ...]] = []
        restarts = 0
        window = self.workers * PREFETCH

        def fill() -> bool:
            """Keep the window full; False when the pool turned out to be broken."""
            while len(pending) < window:
                task = retry.pop() if retry else next(source, None)
                if task is None:
                    return True
                try:
                    future = self._pool.submit(fn, *task)  # type: ignore[union-attr]
                except BrokenProcessPool:
                    retry.append(task)
                    return False
                pending[future] = task
            return True

        finished_any = False
        healthy = fill()
        while pending or not healthy:
            if healthy:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    task = pending.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        healthy = False
                        retry.append(task)
                        continue
                    finished_any = True
                    yield task, result
            if not healthy:
                # A worker died (killed, out of memory): rebuild the pool, run its batches again.
                retry.extend(pending.values())
                pending.clear()
                self._terminate()
                restarts += 1
                if restarts > self.max_restarts:
                    reason = "worker processes kept dying" if finished_any else _NEVER_STARTED
                    for task in (*retry, *source):
                        yield task, Lost(reason)
                    return
                self._pool = self._new_pool()
            healthy = fill()

    def _terminate(self) -> None:
        """Stop the pool now, killing batches in flight (their runs stay missing)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list(getattr(pool, "_processes", {}).values())
        for proc in processes:
            if proc.is_alive():
                proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def abort(self) -> None:
        """Stop at once (Ctrl-C): batches in flight are dropped and run again on resume."""
        self._terminate()


class DaskExecutor:
    """Batches as tasks on Dask distributed: a LocalCluster, or a running scheduler by address.

    A LocalCluster listens on 127.0.0.1 only and has no dashboard. With an address, the workers
    are whatever the cluster provides (dask-jobqueue on SLURM, the Dask Kubernetes operator...);
    they need hybridsim installed, and nothing else from this machine. Dask reruns a batch
    whose worker died on another worker; when it gives up, the batch is reported lost.
    """

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        import logging

        from distributed import Client, LocalCluster

        self._cluster = None
        self._own_client = True
        if scheduler:
            current = _current_client()
            if current is not None and current.scheduler.address == scheduler:
                # A notebook already talks to this cluster: share its client (two clients in
                # one process trip over each other's event loops).
                self._client, self._own_client = current, False
            else:
                self._client = Client(scheduler, timeout="30s")
        else:
            self._cluster = LocalCluster(
                n_workers=workers or default_workers(),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                # The scheduler still serves health checks over HTTP: on a free local port.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
        self.workers = self._threads() or workers or 1

    def _threads(self) -> int:
        return int(sum(self._client.nthreads().values()))

    def map_unordered(
        self, fn: Callable[..., Any], tasks: Iterable[tuple[Any, ...]]
    ) -> Iterator[tuple[tuple[Any, ...], Any]]:
        from distributed import as_completed

        source = iter(tasks)
        futures = as_completed()
        owner: dict[str, tuple[Any, ...]] = {}

        def submit(count: int) -> None:
            for _ in range(count):
                task = next(source, None)
                if task is None:
                    return
                future = self._client.submit(fn, *task, pure=False)
                owner[future.key] = task
                futures.add(future)

        submit(max(self.workers, 1) * PREFETCH)
        for finished, future in enumerate(futures, start=1):
            task = owner.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:
                result = Lost(f"{type(exc).__name__}: {exc}")
            future.release()
            yield task, result
            if finished % 16 == 0:  # the cluster may have grown or shrunk (adaptive scaling)
                self.workers = self._threads() or self.workers
            submit(max(self.workers * PREFETCH - futures.count(), 1))

    def close(self) -> None:
        if self._own_client:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def abort(self) -> None:
        self.close()


def _current_client() -> Any:
    from distributed import default_client

    try:
        return default_client()
    except ValueError:
        return None


def make_executor(
    kind: str, workers: int | None = None, scheduler: str | None = None
) -> SerialExecutor | ProcessExecutor | DaskExecutor:
    """The executor by name; an address means Dask."""
    if scheduler and kind != "dask":
        kind = "dask"
    if kind == "serial":
        return SerialExecutor()
    if kind == "processes":
        return ProcessExecutor(workers)
    if kind == "dask":
        return DaskExecutor(workers, scheduler)
    raise ValueError(f"unknown executor {kind!r}; choose one of {', '.join(EXECUTORS)}")
