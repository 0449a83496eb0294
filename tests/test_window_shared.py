"""The window on a team's shared register (pytest-qt, offscreen, a real PostgreSQL server
from tests/pg_server.py; skipped, saying what is missing, without one): File ▸ Open shared
register… switches the window to it (and Open register file… back), a refusal is the
store's one sentence and the window stays where it was; another officer's change reaches
the Register and Today within a second, never over a clerk's unsaved edits; the
connection lost and regained around a server stop and start; a search's count capped."""

from __future__ import annotations

import datetime as dt
import time

import psycopg
import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

import main
from db.postgres_store import PostgresStore
from governance import decisions, exchange
from governance.errors import StoreError
from tests.pg_server import missing_reason
from ui.app import MainWindow
from ui.decision_view import DecisionView
from ui.operations import sentence
from ui.shared_register import LOST, RECONNECTED, SharedRegisterDialog

pytestmark = pytest.mark.skipif(missing_reason() is not None,
                                reason=f"PostgreSQL tests need a server: {missing_reason()}")

TODAY = dt.date(2023, 12, 1)
#: "Within a second", with the margin a loaded test machine needs for its event loop.
A_SECOND = 1000


@pytest.fixture
def launcher():
    return main.launcher()


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def shared_url(pg_databases, sample_doc, write_doc, tmp_path, launcher):
    """A shared register holding the sample register, as the tests' ``clerk`` sees it."""
    url = pg_databases.new()
    desk = launcher.open_register(url)
    try:
        exchange.import_file(desk, write_doc(tmp_path / "sample", sample_doc))
    finally:
        desk.close()
    return url


@pytest.fixture
def other_desk(shared_url, launcher):
    """Another officer's desktop on the same shared register."""
    desk = launcher.open_register(shared_url)
    desk.user = "other.officer"
    desk.clock = lambda: TODAY
    yield desk
    desk.close()


@pytest.fixture
def warnings(monkeypatch):
    """Every QMessageBox.warning shown, as (title, text)."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text, *_a: shown.append((title, text)))
    return shown


def close(qtbot, window: MainWindow) -> None:
    """Close the window (if pytest-qt has not already: closing cancels Today's check in the
    background and waits for it, so its connection never meets the test's database being
    dropped)."""
    if shiboken6.isValid(window):
        window.close()


def make_window(qtbot, desk, settings, launcher) -> MainWindow:
    window = MainWindow(desk, today=TODAY, settings=settings, registers=launcher)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def shared_window(qtbot, shared_url, settings, launcher):
    """The window on the shared register, listening."""
    desk = launcher.open_register(shared_url)
    window = make_window(qtbot, desk, settings, launcher)
    qtbot.waitUntil(lambda: window.listener is not None and window.listener.listening.is_set())
    yield window
    close(qtbot, window)
    desk.close()


def answer_dialog(monkeypatch, url: str | None) -> list[SharedRegisterDialog]:
    """File ▸ Open shared register… answered with ``url`` (None: Cancel)."""
    seen: list[SharedRegisterDialog] = []

    def exec_(dialog: SharedRegisterDialog) -> int:
        seen.append(dialog)
        if url is None:
            return QDialog.DialogCode.Rejected
        dialog.set_url(url)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SharedRegisterDialog, "exec", exec_)
    return seen


def rows_of(window) -> list[str]:
    return window.register_view.numbers_shown()


def today_subjects(window) -> set[str]:
    return {e.subject for e in window.today_view.entries}


# --- opening a shared register ---------------------------------------------------------------


def test_opening_a_shared_register_from_the_dialog(qtbot, demo_register, shared_url, settings,
                                                   launcher, monkeypatch, tmp_path):
    window = make_window(qtbot, demo_register, settings, launcher)
    file_title = window.windowTitle()
    assert window.listener is None and not window.shared  # a file: nobody else writes
    window.open_decision("23/00098")
    window.decision_view.title_edit.setText("An edit not yet saved")
    asked: list[str] = []

    def ask(_view, number, fields):
        asked.append(number)
        return "discard"
    monkeypatch.setattr(DecisionView, "ask_unsaved", ask)
    dialogs = answer_dialog(monkeypatch, shared_url)
    assert window.prompt_open_shared()
    assert asked == ["23/00098"]  # unsaved edits were asked about first
    assert window.windowTitle() == f"Decision Desk — shared register {shared_url}[*]"
    assert window.shared and window.listener is not None
    assert window.decision_view.decision is None  # the other register's decision closed
    # Every screen shows the shared register now.
    assert sorted(rows_of(window)) == ["23/00077", "23/00098", "23/00101"]
    assert window.count_label.text() == "3 decisions in the register"
    assert window.meetings_view.meetings.count() == 1
    assert window.documents_view.meeting.count() == 1
    # Remembered (the URL only), and offered first next time.
    assert settings.value("register/shared") in ([shared_url], shared_url)
    dialogs.clear()
    answer_dialog(monkeypatch, None)
    assert not window.prompt_open_shared()
    assert window.shared_register_dialog().address.itemText(0) == shared_url
    # Back to a file: File ▸ Open register file… (the listener stopped, its thread ended)
    listener = window.listener
    qtbot.waitUntil(listener.listening.is_set)
    monkeypatch.setattr("ui.app.QFileDialog.getOpenFileName",
                        lambda *_a, **_k: (str(demo_register.store.path), ""))
    assert window.prompt_open_file()
    assert window.windowTitle() == file_title
    assert window.listener is None and not window.shared
    assert not listener.thread.is_alive()
    assert len(rows_of(window)) == decisions.count(demo_register)


def test_the_dialog_says_where_passwords_come_from(qtbot):
    dialog = SharedRegisterDialog(["postgresql://clerk@dbserver/register"])
    qtbot.addWidget(dialog)
    words = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "postgresql://USER@HOST/DBNAME" == dialog.address.lineEdit().placeholderText()
    assert "?host=/run/postgresql" in words
    assert "~/.pgpass" in words and "PGPASSWORD" in words and "No password here" in words
    assert dialog.url == "postgresql://clerk@dbserver/register"


def test_a_refusal_is_the_stores_one_sentence_and_the_window_stays(
        qtbot, demo_register, pg_server, pg_databases, settings, launcher, monkeypatch,
        warnings, tmp_path):
    window = make_window(qtbot, demo_register, settings, launcher)
    title, store = window.windowTitle(), window.store_in_use.current
    with psycopg.connect(pg_server.url(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE not_a_register")
        admin.execute("CREATE DATABASE from_the_future TEMPLATE desk_template")
    with psycopg.connect(pg_server.url("from_the_future"), autocommit=True) as admin:
        admin.execute("INSERT INTO desk_migrations (name) VALUES ('m999_from_the_future')")
    try:
        nowhere = pg_server.url("register").replace(str(pg_server.socket_dir), str(tmp_path))
        with_password = pg_databases.new().replace("clerk@", "clerk:secret@")
        refused = {
            "no server": nowhere,
            "no such database": pg_server.url("no_such_database", "clerk"),
            "no register": pg_server.url("not_a_register"),
            "a newer schema": pg_server.url("from_the_future"),
            "a password in the URL": with_password,
        }
        said = {}
        for why, url in refused.items():
            with pytest.raises(StoreError) as direct:
                PostgresStore.open(url)
            answer_dialog(monkeypatch, url)
            warnings.clear()
            assert not window.prompt_open_shared(), why
            assert warnings == [("Open shared register", sentence(str(direct.value)))], why
            said[why] = warnings[0][1]
            assert window.windowTitle() == title and window.store_in_use.current is store
            assert window.listener is None
        assert said["no server"].startswith(f"Cannot reach the register at {nowhere}: ")
        assert 'database "no_such_database" does not exist' in said["no such database"]
        assert "has no Decision Desk register: run `python main.py --db" in said["no register"]
        assert "made by a newer version of Decision Desk" in said["a newer schema"]
        assert "leave the password out of the URL; put it in ~/.pgpass (or PGPASSWORD)" in \
            said["a password in the URL"]
        # A password is never shown, nor remembered.
        assert "secret" not in said["a password in the URL"]
        assert "secret" not in window.statusBar().currentMessage()
        assert settings.value("register/shared") is None
        # The window still works on the register it had.
        assert window.new_decision("Still on the file") is not None
    finally:
        with psycopg.connect(pg_server.url(), autocommit=True) as admin:
            for name in ("not_a_register", "from_the_future"):
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# --- other officers' changes -----------------------------------------------------------------


def test_another_desktops_new_decision_appears_within_a_second(qtbot, shared_window,
                                                                other_desk):
    window = shared_window
    window.show_screen(1)
    before = set(rows_of(window))
    # A key decision: Today lists it at once (no notice on the Forward Plan yet).
    made = decisions.create_decision(other_desk, "Made on another desktop",
                                     key_decision=True).value
    started = time.monotonic()
    qtbot.waitUntil(lambda: made.number in rows_of(window), timeout=A_SECOND)
    qtbot.waitUntil(lambda: made.number in today_subjects(window), timeout=A_SECOND)
    assert time.monotonic() - started < 1.0
    assert set(rows_of(window)) == before | {made.number}
    assert window.count_label.text() == "4 decisions in the register"


def test_the_listener_stops_when_the_window_closes(qtbot, shared_window):
    listener = shared_window.listener
    close(qtbot, shared_window)
    assert shared_window.listener is None and not listener.thread.is_alive()


def test_another_desktops_edit_appears_within_a_second(qtbot, shared_window, other_desk):
    window = shared_window
    assert "23/00098" in today_subjects(window)
    version = decisions.decision(other_desk, "23/00098").version
    decisions.update_decision(other_desk, "23/00098", {"title": "Retitled elsewhere"},
                              expected_version=version)

    def shown() -> bool:
        model = window.register_view.model
        row = model.row_of("23/00098")
        titles = {e.title for e in window.today_view.entries if e.subject == "23/00098"}
        return row is not None and model.summary(row).title == "Retitled elsewhere" and \
            titles == {"Retitled elsewhere"}
    qtbot.waitUntil(shown, timeout=A_SECOND)


def test_unsaved_edits_are_kept_with_a_notice(qtbot, shared_window, other_desk):
    window = shared_window
    view = window.decision_view
    assert window.open_decision("23/00101")
    view.text_edits["reasons"].setPlainText("A reason not yet saved.")
    version = decisions.decision(other_desk, "23/00101").version
    decisions.update_decision(other_desk, "23/00101", {"alternatives": "Theirs."},
                              expected_version=version)
    qtbot.waitUntil(lambda: "changed by another officer" in view.banner.text(),
                    timeout=A_SECOND)
    assert view.reload_button.isVisible()
    assert view.text_edits["reasons"].toPlainText() == "A reason not yet saved."
    assert view.text_edits["alternatives"].toPlainText() != "Theirs."
    view.reload()  # Reload: their version; the edits here dropped
    assert view.text_edits["alternatives"].toPlainText() == "Theirs."
    assert view.text_edits["reasons"].toPlainText() != "A reason not yet saved."


def test_the_windows_own_changes_coming_back_lose_nothing(qtbot, shared_window):
    window = shared_window
    view = window.decision_view
    heard: list = []
    window.changes_applied.connect(heard.append)
    assert window.open_decision("23/00101")
    view.text_edits["reasons"].setPlainText("Saved here.")
    assert view.save()
    # Typing again before the save comes back from the server: kept, and no notice.
    view.text_edits["alternatives"].setPlainText("Typed after saving.")
    qtbot.waitUntil(lambda: len(heard) >= 2, timeout=A_SECOND)  # the save, then its echo
    qtbot.wait(300)
    assert view.text_edits["alternatives"].toPlainText() == "Typed after saving."
    assert view.text_edits["reasons"].toPlainText() == "Saved here."
    assert "another officer" not in view.banner.text()
    assert view.save()
    # A change from another screen of this window, under unsaved edits: no notice either
    # when it comes back.
    view.text_edits["reasons"].setPlainText("Unsaved again.")
    heard.clear()
    version = decisions.decision(window.desk, "23/00101").version
    done = decisions.update_decision(window.desk, "23/00101", {"alternatives": "Elsewhere."},
                                     expected_version=version)
    window.apply_changes(done.changes, window.meetings_view)
    qtbot.waitUntil(lambda: len(heard) >= 2, timeout=A_SECOND)
    qtbot.wait(300)
    assert view.text_edits["reasons"].toPlainText() == "Unsaved again."
    assert "another officer" not in view.banner.text()


# --- the connection lost and regained ------------------------------------------------------



def test_the_connection_lost_and_regained(qtbot, pg_own_server, settings, launcher, warnings,
                                          sample_doc, write_doc, tmp_path):
    url = pg_own_server.url("register")
    desk = launcher.open_register(url)
    exchange.import_file(desk, write_doc(tmp_path / "sample", sample_doc))
    window = make_window(qtbot, desk, settings, launcher)
    window.retry_seconds = 0.3
    try:
        qtbot.waitUntil(lambda: window.listener is not None
                        and window.listener.listening.is_set())
        qtbot.waitUntil(lambda: not window.today_view.problems_pending, timeout=10000)
        window.open_decision("23/00101")
        window.decision_view.text_edits["reasons"].setPlainText("Typed before the outage.")

        pg_own_server.stop("immediate")
        qtbot.waitUntil(lambda: window.connection_label.text() == LOST, timeout=3000)
        assert window.statusBar().currentMessage() == LOST
        assert window.reconnecting
        # Work tried meanwhile is refused in the store's words; nothing is lost.
        assert window.new_decision("During the outage") is None
        assert warnings and "was lost" in warnings[-1][1]
        assert window.decision_view.text_edits["reasons"].toPlainText() == \
            "Typed before the outage."
        time.sleep(1.0)  # a few attempts fail while the server is down
        assert window.reconnecting and window.reconnector.attempts >= 2

        pg_own_server.start()
        qtbot.waitUntil(lambda: window.connection_label.text() == RECONNECTED, timeout=10000)
        assert not window.reconnecting
        assert window.statusBar().currentMessage().startswith(RECONNECTED)
        assert window.decision_view.text_edits["reasons"].toPlainText() == \
            "Typed before the outage."
        # Working again, and listening again.
        qtbot.waitUntil(lambda: window.listener is not None
                        and window.listener.listening.is_set())
        number = window.new_decision("After the outage")
        assert number is not None
        other = launcher.open_register(url)
        try:
            made = decisions.create_decision(other, "Another desktop, after the outage").value
        finally:
            other.close()
        qtbot.waitUntil(lambda: made.number in rows_of(window), timeout=A_SECOND)
    finally:
        window.close()
        desk.close()


def test_a_read_meeting_the_server_gone_is_not_a_fault(qtbot, pg_own_server, settings,
                                                       launcher):
    url = pg_own_server.url("register")
    desk = launcher.open_register(url)
    window = make_window(qtbot, desk, settings, launcher)
    window.retry_seconds = 0.3
    try:
        window._stop_listening(wait=True)  # only the window's own connection finds it
        pg_own_server.stop("immediate")
        with pytest.raises(psycopg.OperationalError) as failed:
            decisions.count(window.desk)
        # What the crash handler asks first: the register's condition, said as such.
        assert window.register_failed(failed.value)
        assert window.connection_label.text() == LOST and window.reconnecting
        assert not window.register_failed(ZeroDivisionError("a fault stays a fault"))
        pg_own_server.start()
        qtbot.waitUntil(lambda: window.connection_label.text() == RECONNECTED, timeout=10000)
        assert decisions.count(window.desk) == 0
    finally:
        window.close()
        desk.close()


# --- the Register screen: a search's count capped ---------------------------------------------


def test_a_search_matching_more_than_1000_says_so_and_pages_in(
        qtbot, pg_databases, sample_doc, write_doc, tmp_path, settings, launcher):
    sample_doc["decisions"] += [{"number": f"24/{i:05d}", "title": f"Highway drainage {i}"}
                                for i in range(1, 1101)]
    url = pg_databases.new()
    desk = launcher.open_register(url)
    exchange.import_file(desk, write_doc(tmp_path / "many", sample_doc))
    window = make_window(qtbot, desk, settings, launcher)
    try:
        view = window.register_view
        window.show_screen(1)
        assert view.count_label.text() == "1,103 decisions"  # no search: counted exactly
        view.search.setText("drainage")
        view.apply_filter()
        assert view.count_label.text() == "more than 1,000 decisions"
        assert view.model.rowCount() == 200
        while view.model.canFetchMore():  # as the table scrolls
            view.model.fetchMore()
        assert view.model.rowCount() == 1100
        assert view.count_label.text() == "1,100 decisions"  # the last page counted them
        view.search.setText("drainage 1000")
        view.apply_filter()
        assert view.count_label.text() == "1 decision"
    finally:
        close(qtbot, window)
        desk.close()


def test_a_wrong_password_is_refused_in_the_stores_words(qtbot, pg_own_server, demo_register,
                                                         settings, launcher, monkeypatch,
                                                         warnings):
    hba = pg_own_server.folder / "data" / "pg_hba.conf"
    with psycopg.connect(pg_own_server.url(), autocommit=True) as admin:
        admin.execute("CREATE ROLE officer LOGIN PASSWORD 'right' IN ROLE desk_clerk")
    pg_own_server.run_as_owner("sh", "-c", f"printf 'local all officer scram-sha-256\\n%s\\n' "
                            f"\"$(cat {hba})\" > {hba}.new && mv {hba}.new {hba}")
    pg_own_server.run_as_owner(pg_own_server.bindir / "pg_ctl", "-D", pg_own_server.folder / "data",
                            "reload")
    url = pg_own_server.url("register", "officer")
    window = make_window(qtbot, demo_register, settings, launcher)
    title = window.windowTitle()
    monkeypatch.setenv("PGPASSWORD", "wrong")
    answer_dialog(monkeypatch, url)
    assert not window.prompt_open_shared()
    [(_title, said)] = warnings
    assert said.startswith(f"Cannot log in to {url}: ")
    assert said.endswith("(check ~/.pgpass or PGPASSWORD).")
    assert window.windowTitle() == title and window.listener is None
    monkeypatch.setenv("PGPASSWORD", "right")  # where libpq finds it: then it opens
    assert window.prompt_open_shared()
    assert window.windowTitle() == f"Decision Desk — shared register {url}[*]"
    close(qtbot, window)
