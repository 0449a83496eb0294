"""Build the frozen app: ``python packaging/build.py`` (what ``make dist`` runs).

Runs PyInstaller on ``packaging/decision-desk.spec`` into ``dist/decision-desk/``; on
Linux adds the desktop entry, the icon and ``install.sh`` (a per-user install, no
administrator rights) to the folder and packs it as
``dist/decision-desk-VERSION-linux-ARCH.tar.gz``. Prints how long it took and the sizes.
On Windows the folder is what the Inno Setup script (``packaging/windows``) packs.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "decision-desk.spec"
NAME = "decision-desk"
#: What the folder may weigh at most (the issue's limit; the test checks it too).
MAX_MEGABYTES = 250


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def folder_size(folder: Path) -> int:
    """Bytes of the files in ``folder`` (a symbolic link counts as itself, not its target)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def freeze(dist: Path, work: Path) -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work),
                    str(SPEC)], check=True, cwd=ROOT)
    return dist / NAME


def add_desktop_files(folder: Path) -> None:
    """The desktop entry, the icon and the per-user installer, beside the executable."""
    shutil.copy2(ROOT / "packaging" / "linux" / f"{NAME}.desktop", folder)
    shutil.copy2(ROOT / "packaging" / "linux" / "install.sh", folder)
    for icon in ("decision-desk.png", "decision-desk.svg"):
        shutil.copy2(ROOT / "ui" / "icons" / icon, folder)


def tarball(folder: Path, out: Path) -> Path:
    """``folder`` as ``out`` (.tar.gz), unpacking to ``decision-desk-VERSION/``."""
    top = out.name.removesuffix(".tar.gz").rsplit("-linux-", 1)[0]
    tmp = out.with_name(out.name + ".part")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=top)
    os.replace(tmp, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="where the app folder and tarball go (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's working folder (default: build/pyinstaller/)")
    parser.add_argument("--no-tarball", action="store_true", help="the folder only")
    args = parser.parse_args(argv)
    started = time.monotonic()
    folder = freeze(args.dist.resolve(), args.work.resolve())
    built = time.monotonic() - started
    packed = None
    if sys.platform.startswith("linux"):
        add_desktop_files(folder)
        if not args.no_tarball:
            arch = platform.machine() or "unknown"
            name = f"{NAME}-{version()}-linux-{arch}.tar.gz"
            packed = tarball(folder, args.dist.resolve() / name)
    total = time.monotonic() - started
    size = folder_size(folder) / 1e6
    print(f"Built {folder} in {built:.0f} s: {size:.0f} MB.")
    if packed is not None:
        print(f"Packed {packed} in {total - built:.0f} s: {packed.stat().st_size / 1e6:.0f} MB.")
    if size > MAX_MEGABYTES:
        print(f"The folder is over {MAX_MEGABYTES} MB: leave out what the app does not use"
              " (packaging/decision-desk.spec).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
