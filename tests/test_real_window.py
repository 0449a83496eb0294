"""The real window, on the xcb platform (X11), on an X server of the test's own (Xvfb):
what a clerk's desktop runs, not the offscreen platform the rest of the suite uses. The
app is started as ``python main.py --db FILE`` is, in a process of its own; when its
window is on screen it is closed, and the process ends with 0.

Skipped, saying what is missing, when Xvfb or a library Qt's xcb plugin loads is not
installed (``.ci/run`` installs them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parent.parent
QT = Path(PySide6.__file__).parent / "Qt"
XCB_PLUGIN = QT / "plugins" / "platforms" / "libqxcb.so"

#: Run in the app's process: start it as main.py does, and close the window once it is
#: exposed on the X server, printing what it was shown on.
DRIVER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    import main
    from ui import app as window_module

    shown = window_module.MainWindow.show

    def show(window):
        shown(window)

        def when_exposed(tries=[0]):
            handle = window.windowHandle()
            if handle is not None and handle.isExposed() or tries[0] > 100:
                print("platform", QGuiApplication.platformName(), "exposed",
                      bool(handle and handle.isExposed()), "title", window.windowTitle(),
                      flush=True)
                window.close()
                return
            tries[0] += 1
            QTimer.singleShot(100, when_exposed)

        QTimer.singleShot(100, when_exposed)

    window_module.MainWindow.show = show
    sys.exit(main.main(["--db", sys.argv[2]]))
""")


def _missing_libraries() -> list[str]:
    """The shared libraries Qt's xcb plugin needs that this machine lacks."""
    if not XCB_PLUGIN.exists():
        return [str(XCB_PLUGIN)]
    found = subprocess.run(["ldd", str(XCB_PLUGIN), *QT.glob("lib/libQt6XcbQpa.so*")],
                           capture_output=True, text=True).stdout
    return sorted({line.split()[0] for line in found.splitlines() if "not found" in line})


@pytest.fixture
def x_server(tmp_path: Path):
    """An Xvfb of the test's own: its DISPLAY (``:N``, the first free number)."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (apt-get install xvfb xauth; .ci/run does)")
    if not shutil.which("ldd"):
        pytest.skip("ldd is not installed: cannot tell whether Qt's xcb plugin can load")
    missing = _missing_libraries()
    if missing:
        pytest.skip(f"Qt's xcb platform plugin needs {', '.join(missing)}, not installed"
                    " (.ci/run installs them)")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                               "1280x1024x24", "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not say which display it took"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_real_window_starts_on_x11_and_closes(x_server: str, tmp_path: Path) -> None:
    register = tmp_path / "register.sqlite"
    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("QT_", "WAYLAND", "XDG_"))}
    env |= {"QT_QPA_PLATFORM": "xcb", "DISPLAY": x_server, "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"), "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_RUNTIME_DIR": str(tmp_path)}
    demo = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(register),
                           "demo"], env=env, capture_output=True, text=True, timeout=120)
    assert demo.returncode == 0, demo.stderr
    ran = subprocess.run([sys.executable, "-c", DRIVER, str(ROOT), str(register)], env=env,
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert f"platform xcb exposed True title Decision Desk — {register}" in ran.stdout, \
        ran.stdout + ran.stderr
