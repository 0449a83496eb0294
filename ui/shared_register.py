"""The window on a team's shared register: opening one by its URL, hearing what other
officers change, and carrying on after the connection to the server was lost.

- :class:`SharedRegisterDialog` asks for the register's URL (libpq's form), never a
  password: libpq reads that from ``~/.pgpass`` (or ``PGPASSWORD``, or a service file).
- :class:`StoreInUse` is the store every desk the window holds (its screens', their
  panels', the "as if" copies) goes through: the window puts another store behind it (a
  register opened, a connection made again) and every screen works on it at once.
- :class:`ChangeListener` polls the register's change feed (a connection of its own) on
  a plain :class:`threading.Thread` and hands each batch to the GUI thread, where the
  window makes it :class:`~governance.desk.Changes` for ``MainWindow.apply_changes``.
- :class:`Reconnector` tries to open the register again every few seconds, in the
  background, until the server answers.

The window gets the store of a register it opens from the composition root (a
:class:`RegisterOpener`: ``main.py``'s launcher), never from the store adapters.

As in ``ui.operations``, results never travel through a queued signal's arguments: the
signal says "something arrived" and the window reads it from the object.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from governance.desk import Desk
from governance.errors import UserError
from governance.ports import ChangeFeed, Store

log = logging.getLogger(__name__)

#: How long one poll of the change feed waits for news: a change reaches the window
#: within this (and the listener stops within it when asked).
POLL_SECONDS = 0.25
#: How often the window tries to reach the server again after the connection was lost.
RETRY_SECONDS = 3.0
#: How many shared registers' URLs File ▸ Open shared register… offers.
RECENT = 5

LOST = "The connection to the shared register was lost; reconnecting…"
RECONNECTED = "Reconnected"
ANOTHER_OFFICER = "changed by another officer"


class _AnotherDesktop:
    """``MainWindow.apply_changes``' initiator for changes another desktop made."""

    def __repr__(self) -> str:
        return "ANOTHER_DESKTOP"


ANOTHER_DESKTOP = _AnotherDesktop()


class RegisterOpener(Protocol):
    """What the composition root lends the window (``ui.cli.common.Launcher``)."""

    def open_register(self, text: str) -> Desk:
        """The register ``text`` names (a file's path or a shared register's URL), with
        the ports around it; a :class:`UserError` (one sentence) when it cannot be."""
        ...

    def explain(self, exc: BaseException, text: str) -> UserError | None:
        """A failure of the register ``text`` names, outside a unit of work, as the
        register's condition (the server gone); None: a fault."""
        ...


class StoreInUse:
    """The register the window works on: every call goes to the store behind it, which
    :meth:`replace` changes (the desks made from the window's, and the screens holding
    them, follow)."""

    def __init__(self, store: Store):
        self._store = store

    @property
    def current(self) -> Store:
        return self._store

    def replace(self, store: Store) -> Store:
        """Put ``store`` behind; the store that was (for the caller to close)."""
        old, self._store = self._store, store
        return old

    def __getattr__(self, name: str) -> Any:
        if name == "_store":  # not yet set (a copy being made)
            raise AttributeError(name)
        return getattr(self._store, name)


class _Worker(QObject):
    """A plain thread's work whose news reaches the GUI thread: ``_news`` is emitted from
    the thread, and its slot (this object lives on the GUI thread) runs there."""

    _news = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self._stop = threading.Event()
        self._handlers: dict[str, Callable[[], Any]] = {}
        self._news.connect(self._deliver)
        self.thread = threading.Thread(target=self._guarded, name=f"decision-desk-{name}",
                                       daemon=True)

    def on(self, news: str, handler: Callable[[], Any]) -> _Worker:
        self._handlers[news] = handler
        return self

    def start(self) -> _Worker:
        self.thread.start()
        return self

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def stop(self, wait: float | None = 0.0) -> bool:
        """Ask the thread to end; with ``wait`` (seconds, None: for ever), wait that long.
        True if it has ended. Nothing it says after this is delivered."""
        self._stop.set()
        if wait != 0.0 and self.thread.is_alive() and \
                self.thread is not threading.current_thread():
            self.thread.join(wait)
        return not self.thread.is_alive()

    def _tell(self, news: str) -> None:
        if self._stop.is_set():
            return
        try:
            self._news.emit(news)
        except RuntimeError:  # the window (and this object with it) is gone
            self._stop.set()

    @Slot(str)
    def _deliver(self, news: str) -> None:
        if self._stop.is_set():
            return
        handler = self._handlers.get(news)
        if handler is not None:
            handler()

    def _guarded(self) -> None:
        try:
            self._run()
        except Exception:  # noqa: BLE001 - a thread's fault: logged, never silent
            log.exception("%s failed", self.thread.name)

    def _run(self) -> None:
        raise NotImplementedError


class ChangeListener(_Worker):
    """Polls ``feed`` (its own connection) until stopped; news: ``listening`` once the
    feed first answered (from then on no change is missed), ``heard`` when changes
    arrived (:meth:`take` them), ``lost`` when the feed failed (:attr:`failure`; the
    listener has ended)."""

    def __init__(self, feed: ChangeFeed, parent: QObject | None = None,
                 poll_seconds: float = POLL_SECONDS):
        super().__init__("listener", parent)
        self.feed = feed
        self.poll_seconds = poll_seconds
        self.failure: BaseException | None = None
        self.listening = threading.Event()
        self._lock = threading.Lock()
        self._pairs: list[tuple[str, str]] = []

    def take(self) -> list[tuple[str, str]]:
        """The (entity, key) pairs heard since the last take."""
        with self._lock:
            pairs, self._pairs = self._pairs, []
        return pairs

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    pairs = self.feed.poll(0.0 if not self.listening.is_set()
                                           else self.poll_seconds)
                except Exception as exc:  # noqa: BLE001 - said on the GUI thread
                    self.failure = exc
                    log.info("the change feed failed: %s", exc)
                    self._tell("lost")
                    return
                if not self.listening.is_set():
                    self.listening.set()
                    self._tell("listening")
                if pairs:
                    with self._lock:
                        self._pairs += pairs
                    self._tell("heard")
        finally:
            try:
                self.feed.close()
            except Exception:  # noqa: BLE001 - closing a broken connection
                log.debug("closing the change feed failed", exc_info=True)


class Reconnector(_Worker):
    """Tries ``connect`` (a new store on the same register, through the composition
    root) now and then every ``every`` seconds until it succeeds or is stopped; news:
    ``connected`` (:attr:`store` is the new store, the window's to keep or close)."""

    def __init__(self, connect: Callable[[], Store], every: float = RETRY_SECONDS,
                 parent: QObject | None = None):
        super().__init__("reconnect", parent)
        self.connect = connect
        self.every = every
        self.attempts = 0
        self._handing = threading.Lock()  # the store made, handed over or closed: once
        self.store: Store | None = None
        #: Why the last attempt failed.
        self.last_failure: BaseException | None = None

    def _run(self) -> None:
        while not self._stop.is_set():
            self.attempts += 1
            try:
                store = self.connect()
            except Exception as exc:  # noqa: BLE001 - the server is not back yet
                self.last_failure = exc
                log.info("reconnecting (attempt %d): %s", self.attempts, exc)
                if self._stop.wait(self.every):
                    return
                continue
            with self._handing:
                if self._stop.is_set():  # stopped meanwhile: nobody wants it
                    store.close()
                    return
                self.store = store
            self._tell("connected")
            return

    def take(self) -> Store | None:
        with self._handing:
            store, self.store = self.store, None
        return store

    def discard(self) -> None:
        """Stop, and close a store made but not taken."""
        self.stop()
        store = self.take()
        if store is not None:
            store.close()


class SharedRegisterDialog(QDialog):
    """File ▸ Open shared register…: the register's URL, the ones opened before offered
    (the last first). Never a password."""

    def __init__(self, offered: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Open shared register")
        intro = QLabel("The team's shared register is on the council's PostgreSQL server."
                       " Give its address (a libpq URL):")
        intro.setWordWrap(True)
        self.address = QComboBox()
        self.address.setEditable(True)
        self.address.setAccessibleName("Shared register's address")
        self.address.addItems(offered)
        self.address.setMinimumContentsLength(48)
        self.address.lineEdit().setPlaceholderText("postgresql://USER@HOST/DBNAME")
        help_text = QLabel(
            "For example <tt>postgresql://jsmith@dbserver/register</tt>; on the server"
            " itself, through its socket folder:"
            " <tt>postgresql://jsmith@/register?host=/run/postgresql</tt>.<br><br>"
            "No password here: libpq reads it from your <tt>~/.pgpass</tt> file (or the"
            " <tt>PGPASSWORD</tt> environment variable, or a service file). An address with"
            " a password in it is refused, and never remembered.")
        help_text.setWordWrap(True)
        help_text.setAccessibleName("Where the password comes from")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.address.editTextChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.address)
        layout.addWidget(help_text)
        layout.addWidget(self.buttons)
        self._enable()

    @property
    def url(self) -> str:
        return self.address.currentText().strip()

    def set_url(self, url: str) -> None:
        self.address.setEditText(url)

    def _enable(self, *_: object) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(bool(self.url))
