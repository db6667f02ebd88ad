"""Where tasks run: in this process, in a process pool (one per core), or on Dask.

Each executor yields results in completion order and keeps only a bounded number of
tasks in flight, so a run over 100,000 figures never holds them all in memory.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, TypeVar

from pfocr.errors import InputError

__all__ = ["run_dask", "run_inline", "run_pool"]

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


def run_inline(fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[tuple[T, R]]:
    """Run tasks one after another in this process.

    :param fn: the work function
    :param tasks: the tasks
    :yields: ``(task, result)``
    """
    for task in tasks:
        yield task, fn(task)


def run_pool(fn: Callable[[T], R], tasks: Iterable[T], workers: int) -> Iterator[tuple[T, R]]:
    """Run tasks in a pool of worker processes, at most ``2 * workers`` in flight.

    Workers are forked, so state set in this process before the call (the loaded
    lexicon) is shared copy-on-write instead of loaded again by every worker.

    :param fn: the work function (picklable, module level)
    :param tasks: the tasks
    :param workers: number of processes
    :yields: ``(task, result)`` in completion order
    """
    context = multiprocessing.get_context("fork")
    pending: dict[Future[R], T] = {}
    it = iter(tasks)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            for task in it:
                pending[pool.submit(fn, task)] = task
                if len(pending) >= 2 * workers:
                    break
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    task = pending.pop(fut)
                    yield task, fut.result()
                    nxt = next(it, None)
                    if nxt is not None:
                        pending[pool.submit(fn, nxt)] = nxt
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise


def run_dask(
    fn: Callable[[T], R],
    tasks: Iterable[T],
    address: str,
    window: int = 64,
    on_error: Callable[[T, BaseException], R] | None = None,
    retries: int = 1,
) -> Iterator[tuple[T, R]]:
    """Run tasks on a Dask cluster (``local`` starts a local cluster of processes).

    A task whose worker dies is run again on another worker by the scheduler (up to its
    ``allowed-failures``, 3 by default); a task that raises is retried ``retries`` times.
    A task that still fails is given to ``on_error`` (the run goes on) or, without it,
    ends the run.

    :param fn: the work function (picklable)
    :param tasks: the tasks
    :param address: scheduler address (``tcp://host:8786``) or ``local``
    :param window: tasks in flight at most
    :param on_error: turns a task's final failure into its result
    :param retries: times a task that raised is run again
    :yields: ``(task, result)`` in completion order
    :raises InputError: when Dask is not installed or the scheduler cannot be reached
    """
    try:
        # distributed has no complete type hints; use it as an untyped module
        dd: Any = importlib.import_module("distributed")
    except ImportError as exc:
        raise InputError("--dask needs Dask: pip install 'pfocr[dask]'") from exc
    Client, LocalCluster, as_completed = dd.Client, dd.LocalCluster, dd.as_completed
    cluster: Any = None
    try:
        if address == "local":
            cluster = LocalCluster(threads_per_worker=1, dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout="30s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise InputError(f"cannot reach Dask scheduler {address}: {exc}") from exc
    try:
        it = iter(tasks)
        futures: dict[Any, T] = {}
        for task in it:
            futures[client.submit(fn, task, pure=False, retries=retries)] = task
            if len(futures) >= window:
                break
        queue = as_completed(list(futures))
        for fut in queue:
            task = futures.pop(fut)
            try:
                result = fut.result()
            except Exception as exc:  # KilledWorker, or the task's own error after retries
                if on_error is None:
                    raise
                logger.warning("task failed on the cluster: %s", exc)
                result = on_error(task, exc)
            yield task, result
            nxt = next(it, None)
            if nxt is not None:
                new = client.submit(fn, nxt, pure=False, retries=retries)
                futures[new] = nxt
                queue.add(new)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
