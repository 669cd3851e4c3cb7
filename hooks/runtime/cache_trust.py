# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Where prefguard's caches live and how a run knows it wrote what it reads back.

A cache decides what is reported: a findings entry with an empty payload
hides every finding of its file. So nothing a run reads back is trusted
unless this machine's prefguard wrote it:

- the caches live outside the work tree by default (the user cache folder,
  one subfolder per project root), so a commit or a pull request cannot ship
  them; ``PREFGUARD_CACHE_DIR`` moves them, and a folder inside the work tree
  that git tracks is refused (a warning, and the run goes on without cache);
- every entry carries an HMAC-SHA256 made with a secret key of 32 random
  bytes kept in the user cache folder (``secret-key``, mode 0600), never in
  the project nor under ``PREFGUARD_CACHE_DIR``. A restored or committed cache
  written with another key reads as a miss. CI that wants to reuse a cache
  between jobs sets ``PREFGUARD_CACHE_KEY`` from a secret that untrusted
  branches do not receive.
"""

import hashlib
import hmac
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, Optional

ENV_FOLDER = "PREFGUARD_CACHE_DIR"
ENV_KEY = "PREFGUARD_CACHE_KEY"
KEY_FILE = "secret-key"
KEY_BYTES = 32
PROJECTS_FOLDER = "projects"
_SECRET: Dict[str, Optional[bytes]] = {}
_REFUSED: Dict[str, bool] = {}


def user_cache_home() -> Path:
    """prefguard's folder in the user cache folder (XDG_CACHE_HOME, ~/Library/Caches, LOCALAPPDATA)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "prefguard"


def cache_folder(root: Path) -> Path:
    """The cache folder of a project root: ``PREFGUARD_CACHE_DIR``, else one per root in the user cache folder."""
    configured = os.environ.get(ENV_FOLDER)
    if configured:
        return Path(configured)
    digest = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return user_cache_home() / PROJECTS_FOLDER / digest


def _read_key(path: Path) -> Optional[bytes]:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if len(data) == KEY_BYTES else None


def _create_key(path: Path) -> Optional[bytes]:
    """Write a new random key next to nothing else; a key another process made first wins."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".key-", dir=path.parent)
    except OSError:
        return None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(KEY_BYTES))
        os.chmod(temporary, 0o600)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.replace(temporary, path)
    except OSError:
        return None
    finally:
        try:
            os.unlink(temporary)
        except OSError:
            pass
    return _read_key(path)


def secret_key() -> Optional[bytes]:
    """This machine's cache key (made on first use), or None when none can be kept: then nothing is cached."""
    if "key" in _SECRET:
        return _SECRET["key"]
    configured = os.environ.get(ENV_KEY)
    if configured:
        key: Optional[bytes] = hashlib.sha256(configured.encode("utf-8", "surrogateescape")).digest()
    else:
        path = user_cache_home() / KEY_FILE
        key = _read_key(path) or _create_key(path)
    _SECRET["key"] = key
    return key


def seal(key: bytes, label: bytes, payload: bytes) -> bytes:
    """The hex HMAC-SHA256 of a payload stored under a label (a key or file name)."""
    return hmac.new(key, label + b"\0" + payload, hashlib.sha256).hexdigest().encode("ascii")


def is_sealed(key: bytes, label: bytes, payload: bytes, mac: bytes) -> bool:
    """Whether ``mac`` is the seal of this payload under this label (constant-time)."""
    return hmac.compare_digest(seal(key, label, payload), mac)


def tracked_by_git(root: Path, folder: Path) -> bool:
    """Whether git tracks anything in a cache folder that lies inside the project root."""
    text = str(folder.resolve())
    if text in _REFUSED:
        return _REFUSED[text]
    tracked = False
    try:
        relative = os.path.relpath(text, os.path.realpath(root))
    except ValueError:
        relative = os.pardir
    if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
        try:
            listed = subprocess.run(
                ["git", "ls-files", "-z", "--", relative], cwd=root, capture_output=True, timeout=30, check=False
            )
            tracked = listed.returncode == 0 and bool(listed.stdout.strip(b"\0"))
        except (OSError, subprocess.SubprocessError):
            tracked = False
    if tracked:
        print(f"[WARN] cache folder {folder} is tracked by git: not used (anyone can commit entries there)",
              file=sys.stderr, flush=True)
    _REFUSED[text] = tracked
    return tracked


def read_sealed(path: Path, key: bytes) -> Optional[bytes]:
    """The payload of a whole-file store written by :func:`write_sealed` with this key, else None."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    mac, newline, payload = raw.partition(b"\n")
    if not newline or not is_sealed(key, path.name.encode("utf-8", "surrogateescape"), payload, mac):
        return None
    return payload


def write_sealed(path: Path, key: bytes, payload: bytes) -> bool:
    """Replace a whole-file store atomically with a sealed payload; False when it cannot be written."""
    blob = seal(key, path.name.encode("utf-8", "surrogateescape"), payload) + b"\n" + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(blob)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
    return True
