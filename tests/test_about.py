"""Which Decision Desk this is: ``--version``, Help ▸ About (the version, the register in
use and its store, Qt and Python, the log folder; never a password), the version of the
frozen app (read from the VERSION file its spec writes), the app's icon, and the
self-check that starts the window and quits once it is shown."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tomllib
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication

from main import main
from ui import about_dialog, version
from ui.app import application
from ui.cli import build_parser
from ui.cli.common import CommandLineAdvice
from ui.logs import configure_logging
from ui.self_check import QUIT_AFTER_START

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


@pytest.fixture
def fresh_version():
    version.app_version.cache_clear()
    yield
    version.app_version.cache_clear()


def test_version_on_the_command_line_is_pyprojects(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"Decision Desk {VERSION}\n"


def test_the_frozen_app_reads_the_version_its_spec_wrote(tmp_path, monkeypatch, fresh_version):
    (tmp_path / "VERSION").write_text("7.3.1\n", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert version.app_version() == "7.3.1"


def test_the_frozen_app_names_itself_in_its_usage_and_advice(monkeypatch, fresh_version):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert build_parser().format_usage().startswith("usage: decision-desk [-h]")
    assert CommandLineAdvice().verify("r.sqlite") == \
        "run `decision-desk --db r.sqlite audit verify`"
    monkeypatch.setattr(sys, "platform", "win32")
    assert build_parser().prog == "decision-desk-cli"  # the executable with a console


def test_about_names_version_register_store_qt_python_and_log_folder(
    open_window, demo_register, qtbot, tmp_path,
):
    configure_logging(tmp_path / "logs" / "decision-desk.log")
    window = open_window(None)
    help_menu = window.menus["&Help"]
    assert "&About Decision Desk" in [a.text() for a in help_menu.actions()]
    window.about_action.trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    shown = {what: label.text() for what, label in dialog.values.items()}
    assert shown == {
        "Version": f"{VERSION} (from the source)",
        "Register": str(demo_register.store.path),
        "Store": "SQLite: a register file on this computer",
        "Qt": f"{qVersion()} (PySide6 {PySide6.__version__})",
        "Python": f"{platform.python_version()} ({sys.platform})",
        "Log folder": str(tmp_path / "logs"),
    }
    dialog.copy_button.click()
    assert QApplication.clipboard().text().splitlines()[1] == f"Register: {window.location}"


def test_about_a_shared_register_never_shows_a_password():
    facts = dict(about_dialog.about_facts("postgresql://clerk:s3cret@db.kent.gov.uk/register"))
    assert facts["Register"] == "postgresql://clerk@db.kent.gov.uk/register"
    assert facts["Store"] == "PostgreSQL: a team's shared register"
    assert "s3cret" not in about_dialog.about_text(list(facts.items()))


def test_the_app_has_its_icon(qapp):
    app = application()
    assert not app.windowIcon().isNull()
    assert app.windowIcon().availableSizes()[0].width() == 256


def test_the_self_check_starts_the_window_and_quits_once_it_is_shown(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_STATE_HOME": str(tmp_path), QUIT_AFTER_START: "1"}
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db",
                          str(tmp_path / "register.sqlite")], env=env, capture_output=True,
                         text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout == f"shown: Decision Desk — {tmp_path / 'register.sqlite'}\n"
