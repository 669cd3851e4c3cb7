"""hooks.runtime.project_index: reading the listed files into the class index, and the index in a check run."""

import marshal
from pathlib import Path
from typing import Any, List

import pytest

import hooks.runtime.project_index as runtime_index
from checks.engine.lint import lint_source
from checks.config.settings import build_settings
from hooks.runtime.files import SourceFile
from hooks.runtime.project_index import build_project_index, project_index_for, read_source
from tests.conftest import GitRepo


def write(root: Path, relative: str, text: str, encoding: str = "utf-8") -> SourceFile:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return SourceFile(path, relative, relative)


def test_listed_files_are_indexed_with_their_relative_paths(tmp_path: Path) -> None:
    files = [
        write(tmp_path, "app/base.py", "class Base:\n    x = 1\n"),
        write(tmp_path, "app/child.py", "from app.base import Base\n\n\nclass Child(Base):\n    x = 2\n"),
        write(tmp_path, "README.md", "# not python\n"),
    ]
    project = build_project_index(files)
    assert sorted(project.paths) == ["app/base.py", "app/child.py"]
    assert [c.path for c in project.subclasses("app.base.Base")] == ["app/child.py"]
    settings = build_settings({}, select=["INH001"])
    source = (tmp_path / "app/base.py").read_text(encoding="utf-8")
    assert [(f.line, f.column) for f in lint_source(source, "app/base.py", settings, project=project)] == [(1, 7)]


def test_declared_encodings_and_unreadable_files(tmp_path: Path) -> None:
    latin = write(tmp_path, "app/latin.py", "# -*- coding: latin-1 -*-\nNAME = 'caf\xe9'\n\nclass Caf\xe9:\n    x = 1\n", "latin-1")
    assert read_source(latin.absolute) is not None
    broken = tmp_path / "app" / "broken.py"
    broken.write_bytes(b"x = '\xff\xfe'\n")
    assert read_source(broken) is None
    assert read_source(tmp_path / "missing.py") is None
    project = build_project_index([latin, SourceFile(broken, "app/broken.py", "app/broken.py")])
    assert [record.name for record in project.classes_in("app/latin.py")] == ["Caf\xe9"]
    assert "app/broken.py" not in project.paths


def test_index_for_a_run_covers_the_project_root_and_only_when_needed(tmp_path: Path) -> None:
    write(tmp_path, "app/base.py", "class Base:\n    x = 1\n")
    write(tmp_path, "tools/child.py", "from app.base import Base\n\n\nclass Child(Base):\n    x = 2\n")
    settings = build_settings({}, root=str(tmp_path))
    project = project_index_for(settings)
    assert project is not None and sorted(project.paths) == ["app/base.py", "tools/child.py"]
    assert project_index_for(build_settings({}, root=str(tmp_path), ignore=["INH"])) is None


def test_a_second_run_parses_only_the_changed_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFGUARD_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "project"
    write(root, "app/base.py", "class Base:\n    x = 1\n")
    write(root, "app/child.py", "from app.base import Base\n\n\nclass Child(Base):\n    x = 2\n")
    write(root, "app/util.py", "def f() -> int:\n    return 1\n")
    parsed: List[str] = []
    real = runtime_index.summarize_source

    def counting(path: str, source: str) -> Any:
        parsed.append(path)
        return real(path, source)

    monkeypatch.setattr(runtime_index, "summarize_source", counting)
    settings = build_settings({}, root=str(root))
    first = project_index_for(settings)
    assert sorted(parsed) == ["app/base.py", "app/child.py", "app/util.py"]
    parsed.clear()
    write(root, "app/util.py", "class Util(Base):\n    x = 3\n")
    second = project_index_for(settings)
    assert parsed == ["app/util.py"]
    assert first is not None and second is not None
    fresh = project_index_for(settings, cached=False)
    assert fresh is not None and fresh.cache_key() == second.cache_key() != first.cache_key()
    (root / "app" / "child.py").unlink()
    parsed.clear()
    third = project_index_for(settings)
    assert parsed == [] and third is not None and "app/child.py" not in third.paths


def test_a_store_this_machine_did_not_seal_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFGUARD_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "project"
    write(root, "app/base.py", "class Base:\n    x = 1\n")
    write(root, "app/child.py", "from app.base import Base\n\n\nclass Child(Base):\n    x = 2\n")
    settings = build_settings({}, root=str(root))
    honest = project_index_for(settings)
    store = tmp_path / "cache" / runtime_index.STORE_FILE
    mac, _, payload = store.read_bytes().partition(b"\n")
    stamp, written, entries = marshal.loads(payload)
    forged = {path: (*entry[:3], None) for path, entry in entries.items()}
    store.write_bytes(b"0" * len(mac) + b"\n" + marshal.dumps((stamp, written, forged)))
    again = project_index_for(settings)
    assert honest is not None and again is not None
    assert again.cache_key() == honest.cache_key() and "app.base.Base" in again.classes


def test_files_over_max_file_bytes_are_left_out_unread(git_repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    # A huge module anywhere in the project must not make a one-file check parse it.
    write(git_repo.path, "app/base.py", "class Base:\n    x = 1\n")
    write(git_repo.path, "app/huge.py", "class Huge:\n    x = 1\n" + "y = 0\n" * 400)
    git_repo.stage()
    settings = build_settings({"max-file-bytes": 1000}, root=str(git_repo.path))
    parsed: List[str] = []
    original = runtime_index.summarize_source

    def spy(relative: str, text: str) -> Any:
        parsed.append(relative)
        return original(relative, text)

    monkeypatch.setattr(runtime_index, "summarize_source", spy)
    project = project_index_for(settings, cached=False)
    assert project is not None and sorted(project.paths) == ["app/base.py"]
    assert parsed == ["app/base.py"]
    limited = build_project_index([SourceFile(git_repo.path / "app/huge.py", "app/huge.py", "app/huge.py")], limit=1000)
    assert sorted(limited.paths) == []
    unlimited = build_project_index([SourceFile(git_repo.path / "app/huge.py", "app/huge.py", "app/huge.py")])
    assert sorted(unlimited.paths) == ["app/huge.py"]
