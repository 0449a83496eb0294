"""The installed build (issue 17): the frozen one-folder app that PyInstaller makes from
``packaging/decision-desk.spec`` runs where there is no Python. Marked slow: ``make
test-dist`` builds it (``make dist``) and runs this module on that folder (named by
``DECISION_DESK_FROZEN``); without it, the module builds one of its own first.

Every command runs the frozen executable with a PATH and an environment that hold no
Python and no virtualenv, from a folder of its own, with a home folder of its own."""

from __future__ import annotations

import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from governance import meetings
from templates.pack import build_pack
from templates.pack_samples import ASC, MEETING_2023
from tests.certificates import self_signed_pkcs12
from tests.conftest import open_desk
from tests.test_pack import RANGES_2023, strings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
#: A folder ``make dist`` built, to test instead of building one here.
FROZEN = "DECISION_DESK_FROZEN"
EXECUTABLE = "decision-desk.exe" if sys.platform == "win32" else "decision-desk"
#: What never goes into the app: the test tools, linters and the packager.
DEV_TOOLS = {"pytest", "_pytest", "pytestqt", "hypothesis", "ruff", "importlinter", "grimp",
             "PyInstaller", "pip", "setuptools", "tests", "benchmarks"}
PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="module")
def app_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get(FROZEN)
    if given:
        folder = Path(given).resolve()
        assert (folder / EXECUTABLE).is_file(), f"{FROZEN}={given}: no {EXECUTABLE} there"
        return folder
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[dist]'): nothing to build"
                    " the frozen app with")
    out = tmp_path_factory.mktemp("build")
    subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist",
                    str(out / "dist"), "--work", str(out / "work"), "--no-tarball"],
                   check=True, timeout=1800)
    return out / "dist" / "decision-desk"


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of the module's own: the working folder, the home, the registers."""
    return tmp_path_factory.mktemp("clerk")


@pytest.fixture(scope="module")
def clean_env(place: Path) -> dict[str, str]:
    """No Python on the PATH (an empty folder), no virtualenv, nothing of the test run's
    environment but the offscreen display; a home folder of its own."""
    (place / "bin").mkdir()
    (place / "home").mkdir()
    env = {"PATH": str(place / "bin"), "HOME": str(place / "home"), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(place)}
    assert shutil.which("python3", path=env["PATH"]) is None
    assert shutil.which("python", path=env["PATH"]) is None
    return env


def frozen(folder: Path, env: dict[str, str], *args: str, **more: str
           ) -> subprocess.CompletedProcess:
    return subprocess.run([str(folder / EXECUTABLE), *args], env={**env, **more},
                          cwd=env["TMPDIR"], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def register(app_folder: Path, clean_env: dict[str, str], place: Path) -> Path:
    """The demo register, loaded by the frozen app into a new register file."""
    path = place / "register.sqlite"
    done = frozen(app_folder, clean_env, "--db", str(path), "demo")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Loaded the demo register: 14 decisions, 2 meetings,")
    return path


def files_in(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns)
            for p in folder.rglob("*")}


def test_the_folder_holds_no_test_tools_and_weighs_under_250_mb(app_folder: Path):
    size = sum(p.lstat().st_size for p in app_folder.rglob("*") if p.is_file())
    assert size < 250 * 1000 * 1000, f"{size / 1e6:.0f} MB"
    on_disk = {p.name for p in (app_folder / "_internal").iterdir()}
    assert not on_disk & DEV_TOOLS
    reader = pytest.importorskip("PyInstaller.archive.readers",
                                 reason="PyInstaller is not installed: the archive unread")
    archive = reader.CArchiveReader(str(app_folder / EXECUTABLE))
    modules = {name.split(".")[0] for name in archive.open_embedded_archive("PYZ.pyz").toc}
    assert {"governance", "db", "templates", "ui", "PySide6"} <= modules
    assert not modules & DEV_TOOLS
    assert not {m for m in modules if m.startswith("PySide6")} - {"PySide6"}  # one package
    qt = {p.name.split(".")[0] for p in (app_folder / "_internal" / "PySide6").glob("Qt*")}
    assert qt <= {"Qt", "QtCore", "QtGui", "QtWidgets"}, qt


def test_version(app_folder: Path, clean_env: dict[str, str]):
    done = frozen(app_folder, clean_env, "--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"Decision Desk {VERSION}\n", "")
    usage = frozen(app_folder, clean_env, "--help")
    assert usage.stdout.startswith("usage: decision-desk [-h] [--db PATH|URL] [--version]")


def test_render_pack_of_the_2023_meeting_has_the_ranges_of_the_real_one(
    app_folder: Path, clean_env: dict[str, str], register: Path, place: Path,
):
    out = place / "pack-2023.pdf"
    done = frozen(app_folder, clean_env, "--db", str(register), "render", "pack",
                  "--committee", ASC, "--date", MEETING_2023.isoformat(), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"Wrote the agenda pack of {ASC}, Thursday, 23 November 2023 to {out}: front sheet 4"
        " pages, then 282 numbered pages from 24 papers (286 pages in all).\n")
    reader = PdfReader(out)
    assert len(reader.pages) == 286
    front = " ".join(reader.pages[i].extract_text() for i in range(4))
    printed = [(int(a), int(b)) for a, b in re.findall(r"\(Pages\s(\d+)\s-\s(\d+)\)", front)]
    assert printed == list(RANGES_2023.values())
    # Page for page what the source draws from the same register (tests/test_pack.py
    # checks that against the papers themselves).
    desk = open_desk(register)
    try:
        pack = build_pack(meetings.meeting(desk, ASC, MEETING_2023), False)
    finally:
        desk.close()
    expected = [strings(p) for p in PdfReader(io.BytesIO(pack.pdf)).pages]
    drawn = [strings(p) for p in reader.pages]
    for first, last in printed:
        assert drawn[4 + first - 1][-1] == f"Page {first}"
        assert drawn[4 + last - 1][-1] == f"Page {last}"
    assert drawn == expected


def test_sign_a_decision_and_verify_it(app_folder: Path, clean_env: dict[str, str],
                                       register: Path, place: Path):
    p12 = place / "dan.p12"
    self_signed_pkcs12(p12, PASSPHRASE)
    out = place / "17-00053-signed.pdf"
    done = frozen(app_folder, clean_env, "--db", str(register), "sign", "17/00053",
                  "--pkcs12", str(p12), "--passphrase-env", "DD_PASSPHRASE", "-o", str(out),
                  DD_PASSPHRASE=PASSPHRASE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"Signed the Record of Decision of 17/00053 as Dan Watkins and wrote it to {out}.")
    checked = frozen(app_folder, clean_env, "--db", str(register), "verify", str(out))
    assert checked.returncode == 0, checked.stderr
    lines = checked.stdout.splitlines()
    assert "Signed by: Dan Watkins (Organization: Kent County Council, Common Name: Dan" \
        " Watkins)" in lines
    assert lines[-2].startswith("Register: matches the signed Record of Decision of 17/00053")
    assert lines[-1] == "OK: the signature is intact and covers the whole file"
    data = bytearray(out.read_bytes())
    data[data.index(b"stream", 2000) + 40] ^= 0x01  # a byte inside the signed range
    tampered = place / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    refused = frozen(app_folder, clean_env, "--db", str(register), "verify", str(tampered))
    assert refused.returncode == 1
    assert "FAILED: tampered" in refused.stderr


def test_the_window_starts_and_closes(app_folder: Path, clean_env: dict[str, str],
                                      register: Path):
    done = frozen(app_folder, clean_env, "--db", str(register),
                  DECISION_DESK_QUIT_AFTER_START="1")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"shown: Decision Desk — {register}\n"
    assert "Traceback" not in done.stderr


def test_register_settings_backups_and_log_go_to_the_user_folders_not_beside_the_app(
    app_folder: Path, clean_env: dict[str, str], place: Path,
):
    """The first start with no --db: the default register (with the demo), its daily
    backup, the settings and the log are in the user's folders; the app's folder is as it
    was (an upgrade replaces it and loses nothing)."""
    before = files_in(app_folder)
    done = frozen(app_folder, clean_env, DECISION_DESK_QUIT_AFTER_START="1")
    assert done.returncode == 0, done.stderr
    home = place / "home"
    data = home / ".local" / "share" / "DecisionDesk"
    assert done.stdout == f"shown: Decision Desk — {data / 'register.sqlite'}\n"
    assert [p.name for p in (data / "backups").iterdir()][0].startswith("register-")
    assert (home / ".config" / "DecisionDesk" / "DecisionDesk.conf").is_file()
    log = home / ".local" / "state" / "DecisionDesk" / "log" / "decision-desk.log"
    assert "created" in log.read_text("utf-8")
    assert files_in(app_folder) == before


def test_export_import_and_the_bank_holidays_as_the_source_does(
    app_folder: Path, clean_env: dict[str, str], register: Path, place: Path,
):
    """The interchange schema, the papers and England's bank holidays are in the bundle:
    an export imports into a new register, and the deadlines over Christmas are the
    source's."""
    exported = place / "export" / "register.json"
    exported.parent.mkdir()
    done = frozen(app_folder, clean_env, "--db", str(register), "export", str(exported))
    assert done.returncode == 0, done.stderr
    done = frozen(app_folder, clean_env, "--db", str(place / "imported.sqlite"), "import",
                  str(exported))
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"Imported 14 decisions, 2 meetings, 7 committees, 35 members,"
                           f" 20 posts, 37 papers from {exported}.\n")
    args = ["deadlines", "--meeting-date", "2024-01-04", "--json"]
    by_source = subprocess.run([sys.executable, str(ROOT / "main.py"), *args],
                               capture_output=True, text=True, check=True, cwd=place)
    by_frozen = frozen(app_folder, clean_env, *args)
    assert by_frozen.returncode == 0, by_frozen.stderr
    assert by_frozen.stdout == by_source.stdout
    # 5 clear working days, not counting 25 and 26 December and 1 January (27 without them)
    assert '"agenda_publish_by": "2023-12-22"' in by_frozen.stdout
