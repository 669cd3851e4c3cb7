"""hooks.runtime.project_index: reading the listed files into the class index, and the index in a check run."""

from pathlib import Path

from checks.engine.lint import lint_source
from checks.config.settings import build_settings
from hooks.runtime.files import SourceFile
from hooks.runtime.project_index import build_project_index, project_index_for, read_source


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
