"""Publish site/ and the offline zip as one atomic step.

The layout after a build:

    site/                          a real folder, swapped whole
    site/carepages-site.zip        the offline zip of this very site
    dist/carepages-site.zip   ->   ../site/carepages-site.zip   (a relative link, never changes)

Because the zip lives inside site/, one exchange of the staged folder with site/
(renameat2 with RENAME_EXCHANGE) switches both at once: whenever a build is killed, site/
and the zip are the old pair or the new pair. Where the file system cannot exchange (NFS,
some FUSE mounts, not Linux) two renames are used instead; between them site/ is briefly
absent but never mismatched, and the next build puts `site.old` back if a kill landed there.
Whatever a killed build leaves in build/ is removed by the next one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from pathlib import Path

ZIP_NAME = "carepages-site.zip"
LINK_TARGET = os.path.join("..", "site", ZIP_NAME)
STAGING_PREFIX = "publish-"
# Work folders of the build before this layout (tempfile "site-XXXX"), also swept.
STALE_PREFIXES = (STAGING_PREFIX, "site-")

_AT_FDCWD = -100
_RENAME_EXCHANGE = 1 << 1
_SYS_RENAMEAT2 = {"x86_64": 316, "aarch64": 276}  # for a libc without the wrapper


def checkpoint(name: str) -> None:
    """For the kill tests: CAREPAGES_CRASH_AT=name ends the process here like a SIGKILL."""
    if os.environ.get("CAREPAGES_CRASH_AT") == name:
        os._exit(137)


def exchange(a: Path, b: Path) -> None:
    """Swap two paths atomically (Linux renameat2). OSError EINVAL/ENOSYS where unsupported."""
    if not hasattr(os, "uname") or os.uname().sysname != "Linux":
        raise OSError(errno.ENOSYS, "renameat2 is Linux only")
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    fa, fb = os.fsencode(a), os.fsencode(b)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
        function.argtypes += [ctypes.c_uint]
        result = function(_AT_FDCWD, fa, _AT_FDCWD, fb, _RENAME_EXCHANGE)
    else:
        number = _SYS_RENAMEAT2.get(os.uname().machine)
        if number is None:
            raise OSError(errno.ENOSYS, "renameat2 is not known on this machine")
        result = libc.syscall(number, _AT_FDCWD, fa, _AT_FDCWD, fb, _RENAME_EXCHANGE)
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def recover(site: Path, dist: Path, work: Path, keep: Path | None = None) -> None:
    """Undo what a killed build left: a half-done two-rename swap, stale work folders, a
    temporary link."""
    old = site.with_name(site.name + ".old")
    if old.exists():
        if site.exists():
            _remove(old)
        else:
            os.rename(old, site)  # killed between the two renames: put the old site back
    if work.is_dir():
        for stale in work.iterdir():
            if stale.name.startswith(STALE_PREFIXES) and (keep is None or stale != keep):
                _remove(stale)
    temporary = dist / f".{ZIP_NAME}.tmp"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()


def _link_target(site: Path, dist: Path) -> str:
    """dist/ → site/carepages-site.zip, relative when they share a parent (they do by
    default), so the pair can be moved or copied together."""
    try:
        return os.path.relpath(site / ZIP_NAME, dist)
    except ValueError:
        return str(site / ZIP_NAME)


def _ensure_link(site: Path, dist: Path) -> None:
    """dist/carepages-site.zip as a link into site/, made by an atomic rename. From the layout
    before (a zip file in dist/, none in site/) the old zip is first copied into the old
    site/, so the old pair stays a pair while the link changes."""
    link = dist / ZIP_NAME
    target = _link_target(site, dist)
    dist.mkdir(parents=True, exist_ok=True)
    if link.is_symlink() and os.readlink(link) == target:
        return
    old_layout = site.is_dir() and link.is_file() and not link.is_symlink()
    if old_layout and not (site / ZIP_NAME).exists():
        temporary = site / f".{ZIP_NAME}.tmp"
        shutil.copy2(link, temporary)
        os.rename(temporary, site / ZIP_NAME)
        checkpoint("migrated-copy")
    temporary_link = dist / f".{ZIP_NAME}.tmp"
    if temporary_link.is_symlink() or temporary_link.exists():
        temporary_link.unlink()
    os.symlink(target, temporary_link)
    os.rename(temporary_link, link)  # replaces the old file or link in one step
    _fsync_dir(dist)
    checkpoint("linked")


def publish(staged: Path, site: Path, dist: Path, work: Path) -> str:
    """Make `staged` (a complete site folder holding ZIP_NAME, on the same file system as
    site/) the published site/. Returns how the swap was made."""
    if not (staged / ZIP_NAME).is_file():
        raise FileNotFoundError(staged / ZIP_NAME)
    staging = staged.parent
    recover(site, dist, work, keep=staging)
    os.sync()  # the new files on disk before the swap (a power cut, not only a kill)
    checkpoint("staged")
    _ensure_link(site, dist)
    if not site.exists():
        os.rename(staged, site)
        method = "rename"
    else:
        try:
            exchange(staged, site)  # the one step that switches both outputs
            method = "exchange"
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
                raise
            old = site.with_name(site.name + ".old")
            os.rename(site, old)
            checkpoint("moved-old")
            os.rename(staged, site)
            staged = old
            method = "two renames"
    checkpoint("exchanged")
    _fsync_dir(site.parent)
    _remove(staged)  # the previous site, which now sits where the new one was staged
    if staging.name.startswith(STAGING_PREFIX):
        _remove(staging)
    checkpoint("done")
    return method
