# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""One writer at a time per project: an exclusive lock on the project's root folder.

Memory and baseline writes read a file, change it and write it back; two
processes doing that together would each write their own version and one
change would be lost (parallel assistant sessions do this). Every such
read-change-write holds :func:`project_lock`: ``flock`` on the root folder
itself (POSIX), so no lock file is ever left in the work tree, and the lock
goes with the process that held it, however it ends. On Windows the lock is
``msvcrt.locking`` on a file in the system's temporary folder named after the
project. A lock not obtained within the timeout is exit status 2, naming the
folder: the write is refused loudly, never lost quietly.
"""

import contextlib
import hashlib
import os
import tempfile
import time
from pathlib import Path
from typing import Iterator, Optional

from hooks.errors import UsageError

LOCK_TIMEOUT_SECONDS = 30.0
POLL_SECONDS = 0.02

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


def _try_lock(handle: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    import msvcrt

    try:
        msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _open_lock(folder: Path) -> int:
    if fcntl is not None:
        return os.open(folder, os.O_RDONLY)
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:16]
    return os.open(os.path.join(tempfile.gettempdir(), f"prefguard-{digest}.lock"), os.O_RDWR | os.O_CREAT, 0o666)


@contextlib.contextmanager
def project_lock(folder: Path, timeout: Optional[float] = None) -> Iterator[None]:
    """Hold the exclusive write lock of a project folder; UsageError (exit 2) after ``timeout`` seconds.

    The timeout defaults to :data:`LOCK_TIMEOUT_SECONDS`.
    """
    if timeout is None:
        timeout = LOCK_TIMEOUT_SECONDS
    real = Path(os.path.realpath(folder))
    try:
        handle = _open_lock(real)
    except OSError as error:
        raise UsageError(f"cannot lock {real} for writing: {error.strerror or error}") from None
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise UsageError(
                    f"another prefguard process has been writing in {real} for over {timeout:g} s; nothing was written, run it again"
                )
            time.sleep(POLL_SECONDS)
        yield
    finally:
        os.close(handle)
