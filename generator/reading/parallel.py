"""Running work on every core: forked processes that share what the parent already holds.

The build's two languages are independent, and so are the case files while they are read. A
forked process starts with the parent's memory, so it needs nothing sent to it: the validated
corpus, the compiled templates and the imported MkDocs are simply there. Only results travel
back, pickled through a pipe, and they are small (problems, warnings, timings) except when the
case files themselves are read in parallel.

Forking is only safe while the process has a single thread (a lock held by another thread would
stay held in the child forever), so with other threads running, or a single core, work runs
here, in order, and the results are the same.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on (a container's limit, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether starting work in a forked process is possible and safe here."""
    return (cores() > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


class WorkerError(Exception):
    """A forked worker failed with an exception that could not be sent back as itself."""


class Task(Generic[T]):
    """Work started in a forked process, or run at once where forking is not possible."""

    def __init__(self, function: Callable[..., T], *args: Any, fork: bool = True) -> None:
        self._process: Any = None
        self._connection: multiprocessing.connection.Connection | None = None
        self._outcome: tuple[bool, Any] | None = None
        self.forked = fork and can_fork()
        if not self.forked:
            try:
                self._outcome = (True, function(*args))
            except Exception as error:  # handed to result(), as a worker's would be
                self._outcome = (False, error)
            return
        receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)
        process = multiprocessing.get_context("fork").Process(
            target=_run, args=(sending, function, args), daemon=True)
        process.start()
        sending.close()
        self._process, self._connection = process, receiving

    def cancel(self) -> None:
        """Stop the work if it is still running (another part of the job failed)."""
        if self._outcome is None and self._process is not None:
            self._process.terminate()
            self._process.join()
            if self._connection is not None:
                self._connection.close()
            self._outcome = (False, WorkerError("cancelled"))

    def result(self) -> T:
        """Wait for the work; its return value, or its exception raised here."""
        if self._outcome is None and self._connection is not None:
            try:
                self._outcome = self._connection.recv()
            except EOFError:
                self._outcome = (False, WorkerError(
                    f"a worker process ended without a result (exit code "
                    f"{self._process.exitcode if self._process else '?'})"))
            except Exception as error:  # an exception that pickles but does not unpickle
                self._outcome = (False, WorkerError(f"a worker's result was unreadable: "
                                                    f"{error!r}"))
            finally:
                self._connection.close()
                self._process.join()
        if self._outcome is None:
            raise WorkerError("the task has no result")
        succeeded, value = self._outcome
        if not succeeded:
            raise value
        result: T = value
        return result


def _run(connection: multiprocessing.connection.Connection, function: Callable[..., Any],
         args: tuple[Any, ...]) -> None:
    """The worker's side: run, send the outcome, and leave without running the parent's
    clean-up (temporary folders and the like belong to the parent)."""
    try:
        outcome: tuple[bool, Any] = (True, function(*args))
    except BaseException as error:  # everything goes back to the parent, even SystemExit
        outcome = (False, error)
    try:
        connection.send(outcome)
    except Exception:  # the result or exception would not pickle
        connection.send((False, WorkerError("".join(traceback.format_exception(outcome[1]))
                                            if not outcome[0] else traceback.format_exc())))
    finally:
        connection.close()
        os._exit(0)


def fork_map(function: Callable[[list[Any]], T], items: list[Any], min_chunk: int = 1
             ) -> list[T]:
    """`function` over `items` split into one slice per core (at least `min_chunk` items
    each); the results in order. The parent works on the first slice itself."""
    count = max(1, min(cores(), len(items) // max(1, min_chunk)))
    if count == 1 or not can_fork():
        return [function(items)]
    size = -(-len(items) // count)
    slices = [items[start:start + size] for start in range(0, len(items), size)]
    tasks = [Task(function, part) for part in slices[1:]]
    first = function(slices[0])
    return [first, *(task.result() for task in tasks)]
