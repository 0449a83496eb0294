"""Slow work off the GUI thread: a job runs in the thread pool and reports back with
signals; the window shows a progress bar and a Cancel button and never freezes."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class JobSignals(QObject):
    progress = Signal(int, str)
    #: No argument: the result is on ``Job.result``. Passing Python objects through a
    #: queued signal crashed PySide6 here (a refcount error at the receiving end).
    done = Signal()
    failed = Signal(str)


class Job:
    """``work(report)`` runs in a worker thread; ``report(percent, text)`` updates the
    progress bar. A cancelled job's result is discarded when it arrives.

    A plain Python thread, not QThreadPool: PDFium (the preview's renderer) crashed the
    interpreter when called from a pool thread here, and is fine from a Python thread.
    The signals are queued to the window's thread either way."""

    def __init__(self, work: Callable[[Callable[[int, str], None]], Any]):
        self.work = work
        self.signals = JobSignals()
        self.cancelled = threading.Event()
        self.thread: threading.Thread | None = None
        self.result: Any = None

    def cancel(self) -> None:
        self.cancelled.set()

    def run(self) -> None:
        def report(percent: int, text: str = "") -> None:
            if not self.cancelled.is_set():
                self.signals.progress.emit(percent, text)

        try:
            result = self.work(report)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never swallowed
            if not self.cancelled.is_set():
                message = str(exc) if isinstance(exc, _clerks_errors()) \
                    else f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
                self.signals.failed.emit(message)
            return
        if not self.cancelled.is_set():
            self.result = result
            self.signals.done.emit()


def _clerks_errors() -> tuple[type[BaseException], ...]:
    """Refusals whose message is written for the clerk: shown as they are. Anything else
    is a fault, shown with its kind and where it happened."""
    from db.register import NotFoundError, StaleEditError
    from governance.errors import UserError
    from governance.lifecycle import RuleViolation

    return (UserError, RuleViolation, StaleEditError, NotFoundError, ValueError, OSError)


def start(job: Job) -> Job:
    job.thread = threading.Thread(target=job.run, name="decision-desk-job", daemon=True)
    job.thread.start()
    return job
