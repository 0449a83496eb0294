"""Writing files so that a failure leaves no partial file behind."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

from governance.errors import OutputError

__all__ = ["OutputError", "atomic_write", "discard", "fsync_folder", "put_in_place",
           "remove_stale_parts", "stage"]


#: A temporary file of :func:`atomic_write` (".NAME.XXXXXXXX.part"): what a process killed
#: mid-write leaves behind. Never the output itself, which appears whole or not at all.
PART_RE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.part$")
#: A temporary file older than this was left by a process that died: another one still
#: writing it touches it far more often.
STALE_PART_SECONDS = 3600


def _mode_for(path: Path) -> int:
    """The permissions the output should have: the old file's, or the usual for a new file
    (mkstemp's temporary files are private to their owner)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (POSIX; a no-op where folders
    cannot be opened, as on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_parts(folder: Path, older_than: float = STALE_PART_SECONDS) -> list[Path]:
    """Delete the temporary files that writers killed mid-write left in ``folder`` (those
    untouched for ``older_than`` seconds); returns what was removed."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not PART_RE.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and \
                    now - entry.stat(follow_symlinks=False).st_mtime >= older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, on disk (fsync), with the
    permissions ``path`` should have; :func:`put_in_place` then renames it over ``path``.
    Several outputs staged first and put in place together fail (full disk, no
    permission) before any of them has changed."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            os.chmod(tmp, mode)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        discard(Path(tmp))
        raise OutputError(f"{path}: could not be written ({exc.strerror})") from None
    return Path(tmp)


def put_in_place(staged: Path, path: Path) -> None:
    """Rename a :func:`stage`-d file over ``path`` (atomic: the old file or the new)."""
    try:
        os.replace(staged, path)
    except OSError as exc:
        discard(staged)
        raise OutputError(f"{path}: could not be written ({exc.strerror})") from None
    fsync_folder(Path(path).parent if str(Path(path).parent) else Path("."))


def discard(staged: Path) -> None:
    try:
        os.unlink(staged)
    except OSError:
        pass


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename. First
    clear away the temporary files that writers killed there long ago left behind."""
    path = Path(path)
    remove_stale_parts(path.parent if str(path.parent) else Path("."))
    put_in_place(stage(path, data), path)
