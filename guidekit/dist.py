"""``make dist``: the site built for the address it will be served at, as a folder and one archive.

    SITE_URL=https://example.org/asyncio-guide/ make dist

writes ``dist/asyncio-guide-site/`` (a strict build) and ``dist/asyncio-guide-site.tar.gz``
(that folder's contents, for any static host), and prints the archive's size and SHA-256.

The same commit and SITE_URL give the same archive, byte for byte: the build's only date
(the sitemap's ``lastmod``, and the gzip header of ``sitemap.xml.gz``) is
SOURCE_DATE_EPOCH, which defaults to the time of the last commit, and the archive lists
its files in sorted order with that time, owner 0 and fixed modes.
"""

import gzip
import hashlib
import os
import subprocess
import sys
import tarfile
from pathlib import Path

from . import site_url
from .snippets import REPO

DIST = REPO / "dist"
NAME = "asyncio-guide-site"  # the folder, and the archive's name


def source_date_epoch() -> int:
    """SOURCE_DATE_EPOCH if set, else the time of the last commit: the build's one date."""
    if value := os.environ.get("SOURCE_DATE_EPOCH"):
        if not value.isdigit():
            raise SystemExit(f"SOURCE_DATE_EPOCH={value!r}: seconds since 1970 (an integer)")
        return int(value)
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True)
    except OSError as exc:
        raise SystemExit(f"SOURCE_DATE_EPOCH is not set and git cannot tell the last commit's time ({exc})") from None
    if out.returncode != 0 or not out.stdout.strip().isdigit():
        raise SystemExit("SOURCE_DATE_EPOCH is not set and git cannot tell the last commit's time: set it")
    return int(out.stdout.strip())


def archive(folder: Path, target: Path, mtime: int) -> int:
    """Write folder's contents to a .tar.gz that depends only on their names and bytes (and mtime); file count."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    temporary = target.with_name(f".{target.name}.tmp")
    # GzipFile, not tarfile's "w:gz": that one writes today's time and the file name into the header.
    with open(temporary, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=mtime) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        folders = sorted({parent for p in files for parent in p.relative_to(folder).parents if parent != Path(".")})
        for name, path in [(d.as_posix(), None) for d in folders] + [(p.relative_to(folder).as_posix(), p) for p in files]:
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = mtime, 0, 0, "", ""
            if path is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.size, info.mode = path.stat().st_size, 0o644
                with open(path, "rb") as data:
                    tar.addfile(info, data)
    os.replace(temporary, target)
    return len(files)


def size(n: int) -> str:
    return f"{n / 1e6:.2f} MB" if n >= 1e5 else f"{n / 1e3:.1f} kB"


def main(argv=None) -> None:
    """python -m guidekit.dist [FOLDER]: into FOLDER (default dist/) as NAME/ and NAME.tar.gz."""
    argv = sys.argv[1:] if argv is None else argv
    dist = Path(argv[0]).resolve() if argv else DIST
    folder, target = dist / NAME, dist / f"{NAME}.tar.gz"
    if site_url.NAME not in os.environ:
        raise SystemExit(f"{site_url.NAME} is not set: make dist builds for the address the site will be served at, "
                         f"for example {site_url.NAME}={site_url.EXAMPLE} make dist")
    try:
        address = site_url.check(os.environ[site_url.NAME])
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    epoch = source_date_epoch()
    env = {**os.environ, site_url.NAME: address, "SOURCE_DATE_EPOCH": str(epoch)}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(folder)], cwd=REPO, env=env)
    if build.returncode != 0:
        raise SystemExit(build.returncode)
    count = archive(folder, target, epoch)
    unpacked = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    where = lambda p: os.path.relpath(p)  # noqa: E731 -- as the reader would type it
    print(f"{where(target)}: {size(target.stat().st_size)} ({count} files, {size(unpacked)} unpacked"
          f" in {where(folder)}/), built for {address}")
    print(f"sha256 {digest}")


if __name__ == "__main__":
    main()
