"""Killed mid-write (SIGKILL: a crash, a power cut, the task manager), many times at
random moments: the register is as before or complete, never between; SQLite's
integrity check and the audit chain hold; an output file is the old one or the new one,
never a part of one.

Each test prints what it tried and what it saw (pytest -s shows it).
"""

from __future__ import annotations

import copy
import hashlib
import io
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from governance import exchange
from governance.desk import Desk
from governance.exchange import export_file, export_text
from governance.files import PART_RE
from governance.model import Committee, Decision, RegisterDocument
from main import main
from templates.pack_samples import ASC as PACK_COMMITTEE
from templates.pack_samples import MEETING_2023
from tests.conftest import _SAMPLE, _write_doc, open_desk, pdf_bytes

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"),
                                reason="needs SIGKILL (POSIX) to kill the process")

ROOT = Path(__file__).parent.parent
DECISIONS = 2000
PAPER_EVERY = 10
#: Processes really killed (still running at the chosen moment), and at most this many
#: tries: a process that ends before its moment counts as a try, not a kill.
IMPORT_KILLS = 22
EXPORT_KILLS = 20
#: For each of: no pack at the output path before, an earlier pack there.
PACK_KILLS = 10
MAX_TRIES = 40
#: At least this many pages in the pack (the demo meeting's stand-in papers: 282).
PACK_PAGES = 250


@dataclass
class Big:
    """A large interchange file, a small register it imports into, and both states."""

    json: Path
    base_db: Path
    full_db: Path
    before: str
    after: str
    #: Seconds from starting `import` to its exit, and to its first write to the WAL.
    import_seconds: float
    first_write: float
    export_seconds: float


def _big_document() -> dict[str, Any]:
    doc = copy.deepcopy(_SAMPLE)
    items = doc["meetings"][0]["items"]
    for i in range(DECISIONS):
        number = f"22/{i + 1:05d}"
        doc["decisions"].append({
            "number": number, "title": f"Decision {i} on adult social care services",
            "decision_maker": "Cabinet Member for Adult Social Care and Public Health",
            "parts": [{"verb": "APPROVE", "text": f"part {j} of decision {i} " * 20}
                      for j in range(3)],
            "reasons": "The reasons for the decision. " * 30,
            "financial_implications": "The money involved. " * 30,
            "status": "draft"})
        if i % PAPER_EVERY == 0:
            items.append({"title": f"Report on decision {number}", "decision": number,
                          "papers": [f"papers/report-{i}.pdf"]})
    return doc


def _papers() -> dict[str, bytes]:
    return {f"papers/report-{i}.pdf": pdf_bytes(f"Report {i} " + "text " * 400)
            for i in range(0, DECISIONS, PAPER_EVERY)}


def _cli(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *args]


def _wal(db: Path) -> Path:
    return Path(f"{db}-wal")


def _state(db: Path) -> tuple[str, str]:
    """(SQLite's integrity check, the export) of a register file, without changing it
    beyond what opening does (WAL recovery)."""
    raw = sqlite3.connect(db)
    try:
        integrity = raw.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        raw.close()
    reg = open_desk(db)
    try:
        return integrity, export_text(reg)
    finally:
        reg.close()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Big:
    here = tmp_path_factory.mktemp("big")
    source = _write_doc(here / "doc", _big_document(), _papers(), name="big.json")
    base_db = here / "base.sqlite"
    reg = open_desk(base_db)
    try:
        exchange.import_document(reg, RegisterDocument(
            committees=[Committee("Scrutiny Committee", "scrutiny")],
            decisions=[Decision(number="21/00001", title="Already in the register")]))
        before = export_text(reg)
    finally:
        reg.close()
    # One import run to the end, watched: when does it first write, when does it end?
    full_db = here / "full.sqlite"
    shutil.copy(base_db, full_db)
    started = time.monotonic()
    proc = subprocess.Popen(_cli("--db", str(full_db), "import", str(source)), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first_write = None
    while proc.poll() is None:
        if first_write is None and _wal(full_db).exists() and \
                _wal(full_db).stat().st_size > 64 * 1024:
            first_write = time.monotonic() - started
        time.sleep(0.002)
    import_seconds = time.monotonic() - started
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert f"Imported {DECISIONS + 3} decisions" in out
    _, after = _state(full_db)
    started = time.monotonic()
    done = subprocess.run(_cli("--db", str(full_db), "export", str(here / "timing.json")),
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    export_seconds = time.monotonic() - started
    return Big(source, base_db, full_db, before, after, import_seconds,
               first_write or import_seconds / 2, export_seconds)


def _kill_after(argv: list[str], delay: float) -> int:
    """Start ``argv``, SIGKILL it after ``delay`` seconds (unless it ended); its exit code
    (-9 when killed)."""
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    return proc.returncode


def _delay(rng: random.Random, i: int, window: tuple[float, float], whole: float) -> float:
    """Three in four inside ``window`` (where the writing happens), the rest anywhere."""
    return rng.uniform(*window) if i % 4 else rng.uniform(0.0, whole)


def test_import_killed_at_random_moments_leaves_the_register_as_before_or_complete(
        big: Big, tmp_path: Path) -> None:
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    seen: Counter[str] = Counter()
    i = 0
    while seen["killed"] < IMPORT_KILLS and i < MAX_TRIES:
        delay = _delay(rng, i, (big.first_write, big.import_seconds * 0.95),
                       big.import_seconds)
        db = tmp_path / f"r{i}.sqlite"
        shutil.copy(big.base_db, db)
        code = _kill_after(_cli("--db", str(db), "import", str(big.json)), delay)
        wal_bytes = _wal(db).stat().st_size if _wal(db).exists() else 0
        where = f"kill {i} after {delay:.3f}s (seed {seed})"
        integrity, text = _state(db)
        assert integrity == "ok", where
        assert text in (big.before, big.after), f"{where}: the register is half imported"
        assert main(["--db", str(db), "audit", "verify"]) == 0, where
        leftovers = {p.name for p in tmp_path.iterdir()} - {
            db.name, f"{db.name}-wal", f"{db.name}-shm"}
        assert leftovers == set(), f"{where}: left {leftovers}"
        if text == big.after:
            seen["complete"] += 1
        elif wal_bytes > 64 * 1024:
            seen["as before, killed mid-transaction"] += 1  # uncommitted pages in the WAL
        else:
            seen["as before, killed before writing"] += 1
        seen["killed" if code == -signal.SIGKILL else "ran to the end"] += 1
        for p in tmp_path.iterdir():
            p.unlink()
        i += 1
    print(f"\nimport of {DECISIONS + 3} decisions ({big.import_seconds:.2f}s, first write at"
          f" {big.first_write:.2f}s), seed {seed}: {dict(seen)}")
    assert seen["killed"] == IMPORT_KILLS, dict(seen)
    # The kills did land inside the import's transaction, not only around it.
    assert seen["as before, killed mid-transaction"] >= IMPORT_KILLS // 4, dict(seen)


def _export_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_export_killed_at_random_moments_leaves_the_old_file_or_the_new_one(
        big: Big, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    reference.mkdir()
    reg = open_desk(big.full_db)
    try:
        export_file(reg, reference / "register.json")
    finally:
        reg.close()
    expected = _export_files(reference)
    old = "an earlier export\n"
    out = tmp_path / "out"
    out.mkdir()
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    seen: Counter[str] = Counter()
    i = 0
    while seen["killed"] < EXPORT_KILLS and i < MAX_TRIES:
        (out / "register.json").write_text(old)
        argv = _cli("--db", str(big.full_db), "export", str(out / "register.json"))
        if i % 4 == 3:  # just after the rename: not left to chance on a slow, busy machine
            after = rng.uniform(0.0, 0.002)
            old_file = _identity(out / "register.json")
            code = _kill_when(argv, lambda was=old_file: _identity(out / "register.json") != was,
                              after)
            where = f"kill {i} {after * 1000:.2f} ms after the rename (seed {seed})"
        else:
            delay = rng.uniform(0.15, big.export_seconds)
            code = _kill_after(argv, delay)
            where = f"kill {i} after {delay:.3f}s (seed {seed})"
        written = (out / "register.json").read_text(encoding="utf-8")
        assert written in (old, expected["register.json"].decode("utf-8")), \
            f"{where}: a partial register.json"
        seen["new" if written != old else "old"] += 1
        for p in out.rglob("*"):
            rel = str(p.relative_to(out))
            if p.is_dir():
                assert rel == "papers", where
            elif PART_RE.match(p.name):
                continue  # a temporary file (".NAME.XXXXXXXX.part"), never the output's name
            elif rel != "register.json":
                assert p.read_bytes() == expected[rel], f"{where}: {rel} is partial"
        seen["killed" if code == -signal.SIGKILL else "ran to the end"] += 1
        i += 1
    parts = [p for p in out.rglob("*") if PART_RE.match(p.name)]
    print(f"\nexport ({big.export_seconds:.2f}s), seed {seed}: {dict(seen)}, {len(parts)}"
          " temporary .part files left by the kills")
    assert seen["killed"] == EXPORT_KILLS, dict(seen)
    assert seen["new"] and seen["old"], dict(seen)  # killed both before and after the rename
    # The next export, once they are an hour old (no export still writes them), clears
    # them away and leaves exactly the complete export.
    an_hour_ago = time.time() - 3601
    for p in parts:
        os.utime(p, (an_hour_ago, an_hour_ago))
    done = subprocess.run(_cli("--db", str(big.full_db), "export", str(out / "register.json")),
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _export_files(out) == expected
    integrity, text = _state(big.full_db)  # the register was only read: untouched
    assert (integrity, text) == ("ok", big.after)


def test_the_next_export_clears_away_what_a_killed_one_left(
        sample_register: Desk, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "papers").mkdir(parents=True)
    stale = [out / ".register.json.k1l2e3d4.part", out / "papers" / ".a.pdf.abcd_123.part"]
    fresh = out / ".register.json.zzzz9999.part"  # another export still writing
    for p in [*stale, fresh]:
        p.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    for p in stale:
        os.utime(p, (two_hours_ago, two_hours_ago))
    mine = out / "notes.part"  # not ours: a name atomic_write never uses
    mine.write_text("keep")
    os.utime(mine, (two_hours_ago, two_hours_ago))
    export_file(sample_register, out / "register.json")
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and mine.exists()
    assert (out / "register.json").read_text(encoding="utf-8") == export_text(sample_register)


def test_an_export_has_the_usual_file_permissions(
        sample_register: Desk, tmp_path: Path) -> None:
    """The temporary file is private to its owner; the output must not stay so (a public
    export is put on a web server)."""
    if os.name != "posix":
        pytest.skip("needs POSIX file permissions (os.name is not posix here)")
    umask = os.umask(0o022)
    os.umask(umask)
    export_file(sample_register, tmp_path / "register.json")
    assert (tmp_path / "register.json").stat().st_mode & 0o777 == 0o666 & ~umask


# --- the agenda pack ----------------------------------------------------------------------


@dataclass
class PackBuild:
    """A register with a meeting of many papers, what `render pack` makes of it, and how
    long that takes."""

    db: Path
    register: tuple[str, str, int]  # what :func:`_register_now` says before any build
    expected: bytes  # a build run to the end
    pages: int
    earlier: bytes  # another valid pack (the public one): what the output held before
    #: Seconds from starting `render pack` to its exit, and to its temporary file appearing.
    seconds: float
    writing: float


def _pack_cli(db: Path, out: Path, *extra: str) -> list[str]:
    return _cli("--db", str(db), "render", "pack", "--committee", PACK_COMMITTEE,
                "--date", MEETING_2023.isoformat(), *extra, "-o", str(out))


def _parts(folder: Path) -> set[Path]:
    return {p for p in folder.iterdir() if PART_RE.match(p.name)}


def _register_now(db: Path) -> tuple[str, str, int]:
    """(SQLite's integrity check, the SHA-256 of the register file, audit rows), after
    opening it as the app does (WAL recovery: anything committed reaches the file)."""
    integrity, _ = _state(db)
    raw = sqlite3.connect(db)
    try:
        audit_rows = raw.execute("SELECT count(*) FROM audit").fetchone()[0]
    finally:
        raw.close()
    return integrity, hashlib.sha256(db.read_bytes()).hexdigest(), audit_rows


@pytest.fixture(scope="module")
def pack_build(tmp_path_factory: pytest.TempPathFactory) -> PackBuild:
    here = tmp_path_factory.mktemp("pack")
    db = here / "register.sqlite"
    reg = open_desk(db)
    try:
        exchange.load_demo(reg)
    finally:
        reg.close()
    register = _register_now(db)
    out = here / "out"
    out.mkdir()
    done = subprocess.run(_pack_cli(db, out / "public.pdf", "--public"), cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # Builds run to the end, watched: when does the temporary file appear, when do they
    # end? (The quicker of two: a kill meant for the build's middle must not miss it.)
    timings = []
    for _ in range(2):
        (out / "pack.pdf").unlink(missing_ok=True)
        started = time.monotonic()
        proc = subprocess.Popen(_pack_cli(db, out / "pack.pdf"), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        writing = None
        while proc.poll() is None:
            if writing is None and _parts(out):
                writing = time.monotonic() - started
            time.sleep(0.0002)
        seconds = time.monotonic() - started
        stdout, stderr = proc.communicate()
        assert proc.returncode == 0, stderr
        timings.append((seconds, writing or seconds * 0.85))
    seconds, writing = min(timings)
    said = re.search(r"\((\d+) pages in all\)", stdout)
    assert said, stdout
    expected = (out / "pack.pdf").read_bytes()
    pages = len(PdfReader(io.BytesIO(expected)).pages)
    assert pages == int(said[1]) >= PACK_PAGES
    assert _register_now(db) == register  # a pack build only reads the register
    return PackBuild(db, register, expected, pages, (out / "public.pdf").read_bytes(),
                     seconds, writing)


def _kill_when(argv: list[str], moment: Callable[[], bool], after: float) -> int:
    """Start ``argv``, SIGKILL it ``after`` seconds after ``moment()`` first holds (unless
    it ended first); its exit code (-9 when killed). For moments too short to hit by
    chance: the temporary file appearing, the output renamed into place."""
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        if moment():
            time.sleep(after)
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.0002)
    proc.wait()
    return proc.returncode


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


@pytest.mark.parametrize("earlier", [False, True],
                         ids=["no-earlier-pack", "an-earlier-pack"])
def test_a_pack_build_killed_at_random_moments_leaves_the_old_file_or_the_new_one(
        pack_build: PackBuild, tmp_path: Path, earlier: bool) -> None:
    """Killed while it reads the papers and assembles (the output untouched), while it
    writes the temporary file (that file is left, never the output's name: the next build
    clears it away once stale), or after the rename (the complete pack)."""
    out = tmp_path / "out"
    out.mkdir()
    pack = out / "pack.pdf"
    argv = _pack_cli(pack_build.db, pack)
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    seen: Counter[str] = Counter()
    i = 0
    while seen["killed"] < PACK_KILLS and i < MAX_TRIES:
        if earlier:
            pack.write_bytes(pack_build.earlier)
        else:
            pack.unlink(missing_ok=True)
        already, old = _parts(out), _identity(pack)
        kind = i % 5
        if kind in (0, 1):  # while it reads the papers and assembles, or anywhere
            delay = rng.uniform(0.0, pack_build.writing if kind == 0 else pack_build.seconds)
            where = f"kill {i} after {delay:.3f}s"
            code = _kill_after(argv, delay)
        elif kind in (2, 3):  # as its temporary file appears (half written), or just after
            after = 0.0 if kind == 2 else rng.uniform(0.0, 0.003)
            where = f"kill {i} {after * 1000:.2f} ms after the temporary file appeared"
            code = _kill_when(argv, lambda known=already: bool(_parts(out) - known),
                              after)
        else:  # just after the rename
            after = rng.uniform(0.0, 0.002)
            where = f"kill {i} {after * 1000:.2f} ms after the rename"
            code = _kill_when(argv, lambda was=old: _identity(pack) != was, after)
        where += f" (seed {seed})"
        left = _parts(out) - already
        others = {p.name for p in out.iterdir()} - {p.name for p in _parts(out)} - {pack.name}
        assert others == set(), f"{where}: left {others}"
        if pack.exists():
            written = pack.read_bytes()
            assert written == pack_build.expected or (earlier and written == pack_build.earlier), \
                f"{where}: {pack.name} is neither the earlier pack nor the new one"
            if written == pack_build.expected:
                assert len(PdfReader(io.BytesIO(written)).pages) == pack_build.pages, where
        else:
            assert not earlier, f"{where}: the earlier pack is gone"
        assert _register_now(pack_build.db) == pack_build.register, \
            f"{where}: the register changed"
        assert main(["--db", str(pack_build.db), "audit", "verify"]) == 0, where
        if pack.exists() and pack.read_bytes() == pack_build.expected:
            seen["complete"] += 1
        elif left:
            seen["as before, temporary file left"] += 1
        else:
            seen["as before"] += 1
        seen["killed" if code == -signal.SIGKILL else "ran to the end"] += 1
        i += 1
    parts = _parts(out)
    print(f"\npack build of {pack_build.pages} pages ({pack_build.seconds:.2f}s, temporary"
          f" file at {pack_build.writing:.3f}s), {'an' if earlier else 'no'} earlier pack,"
          f" seed {seed}: {dict(seen)}, {len(parts)} temporary .part files left by the kills")
    assert seen["killed"] == PACK_KILLS, dict(seen)
    # The kills landed before the rename, inside the write and after it.
    assert seen["complete"] and seen["as before"], dict(seen)
    assert seen["as before, temporary file left"], dict(seen)
    # The next build, once they are an hour old (no build still writes them), clears them
    # away and leaves exactly the complete pack.
    an_hour_ago = time.time() - 3601
    for p in parts:
        os.utime(p, (an_hour_ago, an_hour_ago))
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert _export_files(out) == {pack.name: pack_build.expected}
