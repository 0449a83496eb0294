"""A throwaway PostgreSQL server for the tests: ``initdb`` into a temporary folder, a Unix
socket only (no TCP), a free port number for the socket's name, stopped at the end.

Debian's ``postgresql`` package provides the server (``.ci/run`` installs it); where it
is missing the PostgreSQL tests are skipped saying so. ``initdb`` refuses to run as
root: as root the server runs as the ``postgres`` user, in folders it owns.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ADMIN = "desk_admin"


def server_bin() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_config")
    if found:
        bindir = subprocess.run([found, "--bindir"], capture_output=True, text=True,
                                check=False).stdout.strip()
        if bindir and (Path(bindir) / "initdb").exists():
            return Path(bindir)
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    return None


def missing_reason() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None."""
    try:
        import psycopg  # noqa: F401 - only whether it is installed
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    if server_bin() is None:
        return "PostgreSQL is not installed (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    folder: Path
    socket_dir: Path
    port: int
    bindir: Path

    def url(self, database: str = "postgres", user: str = ADMIN) -> str:
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def run_as_owner(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(a) for a in args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    def stop(self, mode: str = "fast") -> None:
        self.run_as_owner(self.bindir / "pg_ctl", "-D", self.folder / "data", "-m", mode,
                          "-w", "stop")

    #: False: commits reach the disk as on a real server (for the tests that stop it as
    #: a power cut would); True: faster, for every other test.
    fast: bool = True

    def start(self) -> None:
        speed = (" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                 if self.fast else "")
        done = self.run_as_owner(
            self.bindir / "pg_ctl", "-D", self.folder / "data", "-l", self.folder / "log",
            "-w", "-o", f"-k {self.socket_dir} -c listen_addresses='' -p {self.port}"
            f"{speed} -c max_connections=100", "start")
        if done.returncode != 0:
            log = (self.folder / "log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr}\n{log}")


@contextlib.contextmanager
def throwaway_server(fast: bool = True) -> Iterator[Server]:
    bindir = server_bin()
    assert bindir is not None
    folder = Path(tempfile.mkdtemp(prefix="desk-pg-"))
    socket_dir = folder / "socket"
    socket_dir.mkdir()
    (folder / "data").mkdir()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        for path in (folder, socket_dir, folder / "data"):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        os.chmod(folder, 0o755)
    server = Server(folder, socket_dir, _free_port(), bindir, fast)
    done = server.run_as_owner(bindir / "initdb", "-D", folder / "data", "-U", ADMIN,
                               "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N")
    if done.returncode != 0:
        raise RuntimeError(f"initdb failed: {done.stderr}")
    server.start()
    try:
        yield server
    finally:
        server.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)
