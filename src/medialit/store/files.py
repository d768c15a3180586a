"""Files of student work: private modes, no symbolic links, clear messages, the write lock.

Folders the store creates are mode 0700 and files 0600, whatever the umask, so on a shared
machine one student cannot read another's work. No symbolic link is followed for the data
file, the lock, the backups, ``.student`` or the pseudonym folder (``O_NOFOLLOW``): a link
is refused with a :class:`StoreError`. Every operating-system error becomes a StoreError
that names the file and says what to do (:func:`explain`)."""
from __future__ import annotations

import errno
import os
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from ..errors import StoreError

try:
    import fcntl
except ImportError:              # Windows: no flock; the filelock package locks instead
    fcntl = None                 # type: ignore[assignment]

DIR_MODE = 0o700
FILE_MODE = 0o600
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
BINARY = getattr(os, "O_BINARY", 0)
DENIED = (errno.EACCES, errno.EPERM, errno.EROFS)
FULL = tuple(getattr(errno, n) for n in ("ENOSPC", "EDQUOT", "EFBIG") if hasattr(errno, n))


def explain(exc: OSError, path: Path | str, doing: str) -> str:
    """A message for an OSError met while ``doing`` (e.g. "save to") ``path``."""
    code = exc.errno
    if code in FULL:
        return (f"Could not {doing} {path}: the disk is full (or your storage quota is used up). "
                "Free some space, then try again; work saved before is safe.")
    if code in (errno.EACCES, errno.EPERM):
        return (f"Could not {doing} {path}: permission denied (it belongs to another user or is read-only). "
                "Ask your instructor, or set MEDIALIT_WORK to a folder you own.")
    if code == errno.EROFS:
        return (f"Could not {doing} {path}: the file system is read-only. "
                "Set MEDIALIT_WORK to a folder you can write, or ask your instructor.")
    if code == errno.EISDIR:
        return f"Could not {doing} {path}: it is a folder, not a file. Rename or move that folder, then try again."
    if code == errno.ELOOP:
        return link_message(path)
    if code == errno.ENOTDIR:
        return f"Could not {doing} {path}: part of this path is a file where a folder should be."
    return f"Could not {doing} {path}: {exc.strerror or exc}."


def link_message(path: Path | str) -> str:
    return (f"{path} is a symbolic link; the course never follows links for student work. "
            "Remove the link (put the real file or folder there), then try again.")


def check_kind_of(path: Path, *, folder: bool) -> os.stat_result | None:
    """lstat ``path``: None when it does not exist; a StoreError when it is a link or the
    wrong kind of thing (a folder where a file belongs, or the reverse)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(explain(exc, path, "read")) from None
    if stat.S_ISLNK(st.st_mode):
        raise StoreError(link_message(path))
    if folder and not stat.S_ISDIR(st.st_mode):
        raise StoreError(f"{path} should be a folder but is a file. Rename or move it, then try again.")
    if not folder and not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise StoreError(f"{path} should be a file but is {what}. Rename or move it, then try again.")
    return st


def make_folder(path: Path) -> None:
    """Create ``path`` and any missing parents, each mode 0700. An existing folder is left
    as it is (its mode too). Raises OSError (for the caller to explain)."""
    missing = []
    p = path
    while not os.path.lexists(p):
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for p in reversed(missing):
        try:
            os.mkdir(p, DIR_MODE)
        except FileExistsError:
            continue             # made meanwhile by another notebook
        os.chmod(p, DIR_MODE)    # exactly 0700, whatever the umask


def open_nofollow(path: Path | str, flags: int, *, create: bool = False) -> tuple[int, bool]:
    """``os.open`` without following a link; with ``create``, a new file gets mode 0600.
    Returns (fd, created). Raises OSError."""
    flags |= NOFOLLOW | CLOEXEC | BINARY
    try:
        return os.open(path, flags), False
    except FileNotFoundError:
        if not create:
            raise
    try:
        fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:      # created meanwhile by another notebook
        return os.open(path, flags), False
    _private(fd)
    return fd, True


def _private(fd: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(fd, FILE_MODE)


def sync_folder(folder: Path) -> None:
    """Make a new directory entry durable (skipped where folders cannot be opened)."""
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def read_small(path: Path, limit: int) -> bytes | None:
    """At most ``limit`` bytes of a regular file that is not a link; None if it is missing."""
    try:
        fd, _ = open_nofollow(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(explain(exc, path, "read")) from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise StoreError(f"{path} should be a file but is not a regular file. Remove it, then try again.")
        return fh.read(limit)


@contextmanager
def atomic_writer(target: Path, *, doing: str = "write") -> Iterator[IO[str]]:
    """Write ``target`` through a private temporary file, fsync, rename: readers see the old
    file or the new one, never half. Any OSError becomes a StoreError naming ``target``."""
    try:
        make_folder(target.parent)
    except OSError as exc:
        raise StoreError(explain(exc, target.parent, "create the folder")) from None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    made = False
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC | BINARY, FILE_MODE)
        made = True
        _private(fd)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if os.path.isdir(target) and not os.path.islink(target):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", str(target))
        os.replace(tmp, target)  # replaces a link itself, never what it points to
        made = False
        sync_folder(target.parent)
    except OSError as exc:
        raise StoreError(explain(exc, target, doing)) from None
    finally:
        if made:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# ---------------------------------------------------------------- the write lock

class Lock:
    """An exclusive lock on ``<data file>.lock`` shared by every notebook writing one store.

    POSIX: ``flock`` on the lock file, opened without following links (mode 0600 when
    created). Elsewhere: the ``filelock`` package. :meth:`acquire` with ``write=False``
    returns False instead of failing when the lock file cannot be made because the folder is
    read-only: reading needs no lock there (nobody can append)."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None
        self._other = None
        self.denied: str | None = None      # why reading went on without the lock

    def acquire(self, *, write: bool) -> bool:
        if fcntl is None:
            return self._acquire_filelock()
        try:
            fd, _ = open_nofollow(self.path, os.O_RDWR, create=True)
        except OSError as exc:
            fd = self._open_read_only(exc, write)
            if fd is None:
                return False
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreError(f"{self.path} should be a file but is not a regular file. Remove it, then try again.")
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    raise StoreError(
                        f"Could not lock {self.path} within {self.timeout:.0f} s: another notebook seems stuck "
                        "while saving. Restart the other kernel and try again.") from None
                time.sleep(0.002)
            except OSError as exc:
                os.close(fd)
                raise StoreError(explain(exc, self.path, "lock")) from None
        self._fd = fd
        return True

    def _open_read_only(self, exc: OSError, write: bool) -> int | None:
        if exc.errno not in DENIED:
            raise StoreError(explain(exc, self.path, "lock")) from None
        try:                      # an existing lock file we may not write still locks
            fd, _ = open_nofollow(self.path, os.O_RDONLY)
            return fd
        except FileNotFoundError:
            pass
        except OSError as exc2:
            if exc2.errno not in DENIED:
                raise StoreError(explain(exc2, self.path, "lock")) from None
        if write:
            raise StoreError(explain(exc, self.path, "lock")) from None
        self.denied = explain(exc, self.path, "lock")
        return None

    def _acquire_filelock(self) -> bool:
        from filelock import FileLock, Timeout  # noqa: PLC0415
        if self._other is None:
            self._other = FileLock(str(self.path), timeout=self.timeout, thread_local=False)
        try:
            self._other.acquire()
        except Timeout:
            raise StoreError(f"Could not lock {self.path} within {self.timeout:.0f} s: another notebook seems "
                             "stuck while saving. Restart the other kernel and try again.") from None
        except OSError as exc:
            raise StoreError(explain(exc, self.path, "lock")) from None
        return True

    def release(self) -> None:
        if self._other is not None and self._other.is_locked:
            self._other.release()
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)          # closing the file releases the flock
