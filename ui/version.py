"""Which Decision Desk this is: the version in ``pyproject.toml``, wherever the app runs.

From a checkout (``python main.py``) the project's own ``pyproject.toml`` says it; an
installed package (``pip install .``) has it in its metadata; the frozen app (PyInstaller,
``packaging/decision-desk.spec``) has no metadata of its own, so the spec writes the
version to a ``VERSION`` file in the bundle when it builds."""

from __future__ import annotations

import importlib.metadata
import sys
import tomllib
from functools import lru_cache
from pathlib import Path

DISTRIBUTION = "decision-desk"
#: The folder holding the project's packages: the checkout, site-packages, or the bundle.
ROOT = Path(__file__).resolve().parent.parent
#: The file the frozen app's spec writes the version to, in the bundle's root.
VERSION_FILE = "VERSION"


def is_frozen() -> bool:
    """Whether this is the frozen app (PyInstaller), not Python running the source."""
    return bool(getattr(sys, "frozen", False))


def bundle_folder() -> Path:
    """Where the frozen app keeps its files (the checkout's or site-packages' root when
    not frozen)."""
    return Path(getattr(sys, "_MEIPASS", ROOT))


def _from_pyproject(root: Path) -> str | None:
    try:
        project = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None
    return project.get("name") == DISTRIBUTION and project.get("version") or None


def _from_file(folder: Path) -> str | None:
    try:
        return (folder / VERSION_FILE).read_text("utf-8").strip() or None
    except OSError:
        return None


def _from_metadata() -> str | None:
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def app_version() -> str:
    """The version: the checkout's pyproject.toml first (an editable install's metadata
    keeps the version it was installed with), then the frozen app's VERSION file, then
    the installed package's metadata."""
    if is_frozen():
        found = _from_file(bundle_folder())
    else:
        found = _from_pyproject(ROOT) or _from_metadata()
    return found or "unknown"


def command_name() -> str:
    """How the command line is started, for its usage line and advice: the frozen app's
    executable (on Windows the one with a console), else ``python main.py``."""
    if not is_frozen():
        return "python main.py"
    return "decision-desk-cli" if sys.platform == "win32" else "decision-desk"
