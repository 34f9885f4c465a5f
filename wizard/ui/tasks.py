"""The one way the window runs anything slow: off the UI thread, with progress and cancel.

Every network or disk operation (verification, sign-in follow-ups, opening Setup, exports,
starting the demo org) goes through `TaskRunner.run`, so the window never freezes and every
operation looks and cancels the same way. Results come back to the UI thread as queued signals.

Cancel leaves a defined state at once: the task's ``on_cancel`` runs immediately and its result,
whenever the blocking call returns, is dropped. (A blocking HTTP call can't be interrupted
safely; abandoning its answer is what keeps the window's state consistent.)
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

#: Threads for I/O-bound work: a cancelled, still-running call must not block the next one.
MAX_THREADS = 8


class _Relay(QObject):
    """Carries a job's outcome from its worker thread to the UI thread (queued)."""

    returned = Signal(object)
    errored = Signal(object)
    progressed = Signal(str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, with_progress: bool) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay
        self._with_progress = with_progress

    def run(self) -> None:
        try:
            result = self._fn(self._emit_progress) if self._with_progress else self._fn()
        except BaseException as exc:  # reported to the UI thread, never lost
            self._emit("errored", exc)
            return
        self._emit("returned", result)

    def _emit_progress(self, text: str) -> None:
        self._emit("progressed", text)

    def _emit(self, name: str, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the window closed while this job ran: nobody listens
            getattr(self._relay, name).emit(value)


@dataclass(eq=False)
class Task:
    """One running operation, as the task bar shows it."""

    key: str
    label: str
    cancellable: bool
    started: float = field(default_factory=time.monotonic)
    progress: str = ""
    cancelled: bool = False
    done: bool = False
    on_cancel: Callable[[], None] | None = None
    relay: _Relay | None = field(default=None, repr=False)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


class TaskRunner(QObject):
    """Runs jobs on a private thread pool; one job per key (a new one replaces the old)."""

    changed = Signal()  # a task started, progressed, finished or was cancelled
    failed = Signal(str, object)  # label, exception: for jobs without their own error handler

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(MAX_THREADS)
        self._tasks: dict[str, Task] = {}

    def run(self, label: str, fn: Callable[..., Any], *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, on_cancel: Callable[[], None] | None = None,
            key: str | None = None, cancellable: bool = True, with_progress: bool = False) -> Task:
        """Start ``fn()`` (or ``fn(report)`` with ``with_progress``) on a worker thread."""
        key = key or label
        if key in self._tasks:
            self.cancel(key)
        relay = _Relay(self)
        task = Task(key=key, label=label, cancellable=cancellable, on_cancel=on_cancel, relay=relay)
        self._tasks[key] = task

        def returned(result: Any) -> None:
            if self._finish(task) and on_done is not None:
                on_done(result)

        def errored(exc: BaseException) -> None:
            if not self._finish(task):
                log.info("Dropped the error of a cancelled task %r: %s", label, type(exc).__name__)
                return
            if on_error is not None:
                on_error(exc)
            else:
                self.failed.emit(label, exc)

        def progressed(text: str) -> None:
            if not task.done:
                task.progress = text
                self.changed.emit()

        relay.returned.connect(returned)
        relay.errored.connect(errored)
        relay.progressed.connect(progressed)
        self._pool.start(_Job(fn, relay, with_progress))
        self.changed.emit()
        return task

    def _finish(self, task: Task) -> bool:
        """Mark a task done; False when it had been cancelled (its outcome is then dropped)."""
        if task.relay is not None:
            task.relay.deleteLater()
            task.relay = None
        if task.cancelled or task.done:
            return False
        task.done = True
        if self._tasks.get(task.key) is task:
            del self._tasks[task.key]
        self.changed.emit()
        return True

    def cancel(self, key: str | None = None) -> None:
        """Cancel one task (or every cancellable task); its on_cancel restores a defined state."""
        for task in [t for k, t in self._tasks.items() if key is None or k == key]:
            if key is None and not task.cancellable:
                continue
            task.cancelled = True
            del self._tasks[task.key]
            if task.on_cancel is not None:
                task.on_cancel()
        self.changed.emit()

    def active(self) -> list[Task]:
        return list(self._tasks.values())

    def is_running(self, key: str) -> bool:
        return key in self._tasks

    def wait_for_threads(self, msecs: int = 5000) -> bool:
        """Wait for worker threads (used when closing: no thread outlives the window)."""
        return self._pool.waitForDone(msecs)
