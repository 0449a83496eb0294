"""How the window runs a use case: :func:`run` for a quick one, on the GUI thread, and
for slow work, off it, after Anki's ``aqt.operations``: a :class:`QueryOp`
reads (the Today screen's consistency check, a document built for the preview), a
:class:`CollectionOp` changes the register (signing) and hands the
:class:`~governance.desk.Changes` it made to the window, which refreshes what they touch.

The function runs on a worker thread with a desk of its own (``desk.for_worker()``: a
store's connection belongs to one thread), closed when it returns. It is given a
:class:`Progress` to report with and to ask whether to go on; its result (or its
failure) is delivered on the GUI thread. Cancel discards whatever comes back; signing
asks ``progress.proceed`` before it keeps anything, so a cancelled signing undoes all.

A :class:`~governance.errors.UserError` is a refusal written for the clerk: its message is
shown as it is, where the clerk acted. This module is the one place the window catches
it (:func:`run` for quick work, :class:`_Operation` for slow). Anything else is a fault:
written to the log with its traceback and shown as a fault in Decision Desk (in the
background, by the operation; on the GUI thread, by the crash handler, ``ui.app``).

A refusal is also told to whoever watches for them (:func:`watch_refusals`): the window
hears there that the connection to a shared register was lost, wherever the clerk was.
A failure that is not a :class:`~governance.errors.UserError` is first offered to the
register's adapter (:func:`explain_failures_with`, given by the window from the
composition root): a read in the background meeting a server that has gone is the
register's condition, said as such, not a fault.

The thread is a plain :class:`threading.Thread`, not Qt's pool: PDFium (the preview's
renderer) crashed the interpreter when called from a QThreadPool thread here. Results
never travel through a queued signal's arguments (PySide6 mishandled the reference
count at the receiving end): the signal says "done" and the result is read from the op.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from governance.desk import Changes, Desk, Done
from governance.errors import UserError
from ui.logs import log_file_path

log = logging.getLogger(__name__)

T = TypeVar("T")

#: The operations running, kept alive until they finish (a caller may drop its own
#: reference as soon as it has started one).
_RUNNING: set[_Operation] = set()
#: Operations delivered whose worker thread has not yet quite ended (the queued "done" can
#: be delivered while the worker is still returning from emitting it): kept alive until
#: it has, so their signals' object is never freed (by the garbage collector, on the GUI
#: thread) under a thread still using it.
_ENDING: list[_Operation] = []


def as_of(desk: Desk, day: dt.date | None) -> Desk:
    """``desk`` working as if today were ``day`` (the window's "as if" mode, the tests);
    ``desk`` itself when no day is given. Background work keeps the day."""
    if day is None:
        return desk
    return dataclasses.replace(desk, clock=lambda: day)


@dataclass(frozen=True)
class Failure:
    """Why an operation did not succeed: ``fault`` False for a refusal the clerk can act
    on (the message is the use case's own), True for a fault in Decision Desk."""

    message: str
    fault: bool = False
    #: The refusal itself (None for a fault).
    error: UserError | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return self.message


#: Who hears every refusal the window is given (weak references: a window that is gone
#: stops hearing).
_WATCHERS: list[weakref.WeakMethod] = []
#: The readings of a failure that is not a UserError by the register's adapter (weak
#: references to the windows' methods).
_EXPLAIN: list[weakref.WeakMethod] = []


def watch_refusals(method: Callable[[UserError], Any]) -> None:
    """Call ``method`` (a bound method, held weakly) with every refusal a use case run by
    :func:`run` or an operation meets, on the GUI thread, after it has been shown."""
    _WATCHERS.append(weakref.WeakMethod(method))


def unwatch_refusals(method: Callable[[UserError], Any]) -> None:
    _WATCHERS[:] = [w for w in _WATCHERS if w() is not None and w() != method]


def _tell(refusal: UserError) -> None:
    for watcher in list(_WATCHERS):
        method = watcher()
        if method is None:
            _WATCHERS.remove(watcher)
        else:
            method(refusal)


def explain_failures_with(method: Callable[[BaseException], UserError | None]) -> None:
    """``method`` (a bound method, held weakly) says whether a failure that is not a
    UserError is the register's condition (``Registers.explain``, through the
    composition root), or None; with nobody to say, every such failure is a fault."""
    _EXPLAIN.append(weakref.WeakMethod(method))


def unexplain_failures(method: Callable[[BaseException], UserError | None]) -> None:
    _EXPLAIN[:] = [w for w in _EXPLAIN if w() is not None and w() != method]


def explained(exc: BaseException) -> UserError | None:
    """``exc`` as a refusal the clerk can act on, when it is one or the register's adapter
    says it is the register's condition (a server gone); None: a fault."""
    if isinstance(exc, UserError):
        return exc
    for reference in list(_EXPLAIN):
        explain = reference()
        if explain is None:
            continue
        try:
            refusal = explain(exc)
        except Exception:  # noqa: BLE001 - a fault it stays
            log.warning("could not explain a failure", exc_info=True)
            continue
        if refusal is not None:
            return refusal
    return None


def fault_message(exc: BaseException) -> str:
    """What the window says about a fault: what happened, that it is not the clerk's
    doing, and where the details are."""
    where = log_file_path()
    details = f"the details are in {where}" if where else "the details are in the log"
    return (f"this is a fault in Decision Desk, not something you did"
            f" ({type(exc).__name__}: {exc}); {details}")


class Progress:
    """Given to an operation's function: ``progress(percent, text)`` reports (nothing is
    reported once cancelled); ``progress.proceed()`` is False once the clerk cancelled."""

    def __init__(self, report: Callable[[int, str], None], cancelled: threading.Event):
        self._report = report
        self._cancelled = cancelled

    def __call__(self, percent: int, text: str = "") -> None:
        if not self._cancelled.is_set():
            self._report(percent, text)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def proceed(self) -> bool:
        return not self._cancelled.is_set()


class _Signals(QObject):
    """Lives on the GUI thread; emitted from the worker, so its slots run on the GUI
    thread (a queued connection)."""

    progress = Signal(int, str)
    #: No arguments: the outcome is on the operation (see the module's note).
    finished = Signal()

    def __init__(self, on_progress: Callable[[int, str], None],
                 on_finished: Callable[[], None], on_cancel: Callable[[], None]):
        super().__init__()
        self._on_progress = on_progress
        self._on_finished = on_finished
        self._on_cancel = on_cancel
        self.progress.connect(self._progressed)
        self.finished.connect(self._finish)

    @Slot(int, str)
    def _progressed(self, percent: int, text: str) -> None:
        self._on_progress(percent, text)

    @Slot()
    def _finish(self) -> None:
        self._on_finished()

    @Slot()
    def cancel(self) -> None:
        self._on_cancel()


class _Operation(Generic[T]):
    """What both kinds share: run ``op(desk, progress)`` on a worker thread, deliver the
    outcome on the GUI thread."""

    #: Whether a success is delivered although the clerk cancelled: a change made before
    #: the work saw the cancel is made, and the window must show it.
    _kept_anyway = False

    def __init__(self, parent: QObject | None, desk: Desk,
                 op: Callable[[Desk, Progress], T]):
        self.parent = parent
        self.desk = desk
        self.op = op
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[Failure], Any] | None = None
        self._progress: Callable[[int, str], Any] | None = None
        self._signals = _Signals(self._progressed, self._finished, self.cancel)
        self._cancel = threading.Event()
        self._outcome: tuple[bool, Any] | None = None
        self.thread: threading.Thread | None = None
        self.name = getattr(op, "__name__", "operation")

    # --- building it, Anki's way ----------------------------------------------------------

    def success(self, fn: Callable[[T], Any]) -> _Operation[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[Failure], Any]) -> _Operation[T]:
        """Called with the :class:`Failure` instead of showing it in a message box."""
        self._failure = fn
        return self

    def with_progress(self, fn: Callable[[int, str], Any]) -> _Operation[T]:
        """``fn(percent, text)`` on the GUI thread as the work reports it."""
        self._progress = fn
        return self

    # --- running it -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self in _RUNNING

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run_in_background(self) -> _Operation[T]:
        if isinstance(self.parent, QObject):  # gone before the work ends: nobody to tell
            self.parent.destroyed.connect(self._signals.cancel)
        _RUNNING.add(self)
        self.thread = threading.Thread(target=self._run, name=f"decision-desk-{self.name}",
                                       daemon=True)
        self.thread.start()
        return self

    def cancel(self) -> None:
        """Stop waiting: whatever the work gives back is discarded."""
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread ends (tests, scripts); True if it did."""
        if self.thread is not None:
            self.thread.join(timeout)
            return not self.thread.is_alive()
        return True

    def _emit(self, signal: Any, *args: Any) -> None:
        """Tell the GUI thread, if there is still one to tell: when the window has closed
        (the application quitting) the signals' object is gone, and nobody is waiting."""
        try:
            signal.emit(*args)
        except RuntimeError:
            if not self._cancel.is_set():
                raise

    def _run(self) -> None:
        progress = Progress(lambda percent, text: self._emit(self._signals.progress, percent,
                                                             text), self._cancel)
        try:
            worker = self.desk.for_worker()
        except Exception as exc:  # noqa: BLE001 - said on the GUI thread
            self._outcome = (False, self._failed(exc))
            self._emit(self._signals.finished)
            return
        try:
            self._outcome = (True, self.op(worker, progress))
        except Exception as exc:  # noqa: BLE001 - said on the GUI thread
            self._outcome = (False, self._failed(exc))
        finally:
            try:
                self.desk.close_worker(worker)
            except Exception:  # noqa: BLE001 - the work's outcome matters more
                log.warning("could not close the worker's register", exc_info=True)
        self._emit(self._signals.finished)

    def _progressed(self, percent: int, text: str) -> None:
        if self._progress is not None and not self._cancel.is_set():
            self._progress(percent, text)

    def _failed(self, exc: Exception) -> Failure:
        refusal = explained(exc)
        if refusal is not None:
            if refusal is not exc:
                log.info("%s: %s", self.name, refusal, exc_info=exc)
            return Failure(str(refusal), error=refusal)
        if self._cancel.is_set():  # stopped (the window closing): nobody waits for it
            log.info("%s stopped after it was cancelled: %s", self.name, exc)
            return Failure(fault_message(exc), fault=False)
        log.error("%s failed with a fault", self.name, exc_info=exc)
        return Failure(fault_message(exc), fault=True)

    def _finished(self) -> None:
        _ENDING[:] = [op for op in _ENDING if op.thread is not None and op.thread.is_alive()]
        if self.thread is not None and self.thread.is_alive():
            _ENDING.append(self)
        _RUNNING.discard(self)
        outcome, self._outcome = self._outcome, None
        if outcome is None:
            return
        ok, value = outcome
        if self._cancel.is_set() and not (ok and self._kept_anyway):
            return  # cancelled: the clerk was told when they cancelled
        if isinstance(self.parent, QObject) and not shiboken6.isValid(self.parent):
            return  # the screen that asked is gone
        if ok:
            self._succeeded(value)
        elif self._failure is not None:
            self._failure(value)
        else:
            show_failure(self.parent, value)
        if not ok and value.error is not None:
            _tell(value.error)

    def _succeeded(self, value: T) -> None:
        if self._success is not None:
            self._success(value)


class QueryOp(_Operation[T]):
    """A read in the background: ``op(desk, progress)`` returns what ``success`` is
    given."""

    def __init__(self, parent: QObject | None, desk: Desk, op: Callable[[Desk, Progress], T],
                 success: Callable[[T], Any] | None = None):
        super().__init__(parent, desk, op)
        self._success = success


class CollectionOp(_Operation[Done]):
    """A change in the background: ``op(desk, progress)`` runs a use case and returns its
    :class:`~governance.desk.Done`. Its changes go to ``changed`` (the screen's signal to
    the window) before ``success`` is given the Done. Cancel stops it if the use case
    asks ``progress.proceed()`` in time (nothing is then changed); a change that was made
    all the same (the cancel came after it was kept) is delivered: it happened."""

    _kept_anyway = True

    def __init__(self, parent: QObject | None, desk: Desk,
                 op: Callable[[Desk, Progress], Done],
                 changed: Callable[[Changes], Any] | None = None):
        super().__init__(parent, desk, op)
        self._changed = changed

    def _succeeded(self, value: Done) -> None:
        if self._changed is not None and value.changes:
            self._changed(value.changes)
        super()._succeeded(value)


#: Where a quick use case's outcome is shown: ``say(text, refusal)``, ``refusal`` the
#: :class:`~governance.errors.UserError` when it was refused (None when it was done).
Say = Callable[[str, UserError | None], Any]


def sentence(text: str) -> str:
    """A use case's clause ("the agenda cannot be published ...") as a sentence, e.g. for
    a button's tooltip: a capital first, a full stop last."""
    if not text:
        return text
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def done_text(done: Done) -> str:
    """What a use case said: its sentence, then its notes (what the command line prints
    as "note: ..." beside it), each on a line of its own."""
    return "\n".join([done.message, *(f"Note: {sentence(note)}" for note in done.notes)])


def run(action: Callable[[], T], where: QLabel | Say, *, refused: str = "",
        changed: Callable[[Changes], Any] | None = None,
        on_done: Callable[[T], Any] | None = None, say_done: bool = True) -> T | None:
    """Run a quick use case on the GUI thread, the one way the window does it.

    Refused (a :class:`~governance.errors.UserError`): its sentence, after ``refused``
    ("Not attached: "), is shown ``where`` the clerk acted (a label, or a screen's
    ``say``), and None is returned. Done: a :class:`~governance.desk.Done`'s changes go to
    ``changed`` (the screen's ``changed`` signal, which reaches
    ``MainWindow.apply_changes``), its sentence and notes are shown ``where`` (unless
    ``say_done`` is False), then ``on_done`` is given what the use case returned, which
    is returned. A failure the register's adapter explains (:func:`explained`: the server
    gone) is a refusal too. Anything else raised is a fault: not caught here, it reaches
    the crash handler."""
    try:
        result = action()
    except Exception as exc:
        refusal = explained(exc)
        if refusal is None:
            raise
        if refusal is not exc:
            log.info("refused: %s", refusal, exc_info=exc)
        _say(where, f"{refused}{refusal}", refusal)
        _tell(refusal)
        return None
    if isinstance(result, Done):
        if changed is not None and result.changes:
            changed(result.changes)
        if say_done:
            _say(where, done_text(result), None)
    if on_done is not None:
        on_done(result)
    return result


def _say(where: QLabel | Say, text: str, refusal: UserError | None) -> None:
    if isinstance(where, QLabel):
        where.setText(text)
    else:
        where(text, refusal)


def show_failure(parent: Any, failure: Failure) -> None:
    """A failure nobody else shows, in a message box."""
    widget = parent if isinstance(parent, QWidget) else None
    if failure.fault:
        QMessageBox.critical(widget, "Decision Desk", failure.message[:1].upper()
                             + failure.message[1:])
    else:
        QMessageBox.warning(widget, "Decision Desk", failure.message[:1].upper()
                            + failure.message[1:])


def any_running() -> bool:
    """Whether any operation is still working in the background."""
    return bool(_RUNNING)


def stop_all(timeout: float) -> bool:
    """Cancel every operation still working and wait up to ``timeout`` seconds in all for
    their threads to end (the window closing: their registers are about to close). True
    if every one ended."""
    deadline = time.monotonic() + timeout
    running = list(_RUNNING)
    for op in running:
        op.cancel()
    for op in running:
        op.wait(max(0.0, deadline - time.monotonic()))
        _RUNNING.discard(op)
    return not any(op.thread is not None and op.thread.is_alive() for op in running)
