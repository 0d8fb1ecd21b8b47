"""Cleaning on a Dask cluster that is already running (the optional extra `clipclean[dask]`).

clipclean only connects: the cluster is started the usual ways (`dask scheduler` and
`dask worker`, dask-jobqueue on Slurm or PBS, dask-kubernetes), with clipclean installed on
every worker. In ordered mode (`clipclean clean --cluster ADDRESS`) the client reads the
inputs and sends them to the workers a few at a time, as `--jobs` sends them to worker
processes (`pipeline.parallel`); the workers clean them and send back the stories; the
client judges near-duplicates in input order, so the output is byte for byte that of
`--jobs 1`. Cleaning is pure, so when a worker is lost mid-run the scheduler simply runs its
tasks again on another one.
"""

from __future__ import annotations

from concurrent.futures import Executor
from typing import Any

import clipclean

CONNECT_SECONDS = 5.0
"""How long to wait for the scheduler, and then for a first worker, before giving up."""


class ClusterUnavailable(Exception):
    """The cluster cannot be used: Dask is not installed, or the scheduler or its workers are
    out of reach, or they run another version of clipclean."""


class Cluster:
    """A connection to a Dask scheduler, and an executor over its workers' threads."""

    def __init__(self, address: str, timeout: float = CONNECT_SECONDS) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ClusterUnavailable("needs Dask distributed: pip install 'clipclean[dask]'") from None
        try:
            self.client: Any = Client(address, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:
            why = _first_line(exc)
            raise ClusterUnavailable(f"cannot reach a Dask scheduler at {address}: {why}") from None
        try:
            self.client.wait_for_workers(1, timeout=timeout)
            versions: dict[str, str] = self.client.run(_version)
        except (OSError, TimeoutError) as exc:
            self.close()
            why = _first_line(exc)
            raise ClusterUnavailable(f"the scheduler at {address} has no worker: {why}") from None
        ours = clipclean.__version__
        other = sorted((worker, version) for worker, version in versions.items() if version != ours)
        if other:
            self.close()
            worker, version = other[0]
            raise ClusterUnavailable(
                f"worker {worker} runs clipclean {version}, this client {ours}: "
                "install the same version on every worker"
            )

    def slots(self) -> int:
        """Tasks the cluster runs at once: its workers' threads, now."""
        threads: dict[str, int] = self.client.nthreads()
        return max(1, sum(threads.values()))

    def executor(self) -> Executor:
        """A `concurrent.futures` executor whose tasks run on the workers (never cached: the
        same inputs cleaned twice are two tasks)."""
        executor: Executor = self.client.get_executor(pure=False)
        return executor

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _version() -> str:
    import clipclean

    return clipclean.__version__


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
