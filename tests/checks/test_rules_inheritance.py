"""INH001/INH002 across files through the project index, and the index itself."""

import pickle
from typing import Dict, List, Optional, Tuple

from checks.engine.lint import lint_source
from checks.analysis.project_index import ProjectIndex, module_name
from checks.config.settings import build_settings

FILES: Dict[str, str] = {
    "pkg/__init__.py": "from pkg.base import Base\n",
    "pkg/base.py": "class Base:\n    x = 1\n",
    "pkg/models/__init__.py": "",
    "pkg/models/middle.py": "from pkg import Base\n\n\nclass Middle(Base):\n    x = 2\n",
    "pkg/models/low.py": "from .middle import Middle as M\n\n\nclass Low(M):\n    x = 3\n",
    "src/extra/lowest.py": "import pkg.models.low\n\n\nclass Lowest(pkg.models.low.Low):\n    x = 4\n",
    "tests/test_base.py": "from pkg.base import Base\n\n\nclass FakeBase(Base):\n    x = 0\n",
}


def found(path: str, code: str, project: Optional[ProjectIndex], files: Dict[str, str] = FILES, table: Optional[dict] = None) -> List[Tuple[int, int, str]]:
    settings = build_settings(table or {}, select=[code])
    return [(f.line, f.column, f.message) for f in lint_source(files[path], path, settings, project=project) if f.code == code]


def test_module_names() -> None:
    assert module_name("pkg/models/__init__.py") == "pkg.models"
    assert module_name("src/extra/lowest.py") == "extra.lowest"
    assert module_name("tool.py") == "tool"


def test_base_class_is_found_through_a_reexport_and_reported_in_its_own_file() -> None:
    project = ProjectIndex.from_sources(FILES)
    reports = found("pkg/base.py", "INH001", project)
    assert [(line, column) for line, column, _ in reports] == [(1, 7)]
    assert "'Middle' (pkg/models/middle.py)" in reports[0][2]
    assert found("pkg/models/low.py", "INH001", project)[0][:2] == (4, 7)


def test_without_an_index_only_the_file_itself_is_known() -> None:
    assert found("pkg/base.py", "INH001", None) == []


def test_subclasses_in_tests_do_not_make_a_base_class() -> None:
    files = {"pkg/store.py": "class Store:\n    x = 1\n", "tests/test_store.py": FILES["tests/test_base.py"].replace("pkg.base", "pkg.store").replace("Base", "Store")}
    project = ProjectIndex.from_sources(files)
    assert [c.name for c in project.subclasses("pkg.store.Store")] == ["FakeStore"]
    assert found("pkg/store.py", "INH001", project, files) == []


def test_depth_across_files_and_configured_limit() -> None:
    project = ProjectIndex.from_sources(FILES)
    assert [project.depth(q) for q in ("pkg.base.Base", "pkg.models.middle.Middle", "pkg.models.low.Low", "extra.lowest.Lowest")] == [0, 1, 2, 3]
    assert [line for line, _, _ in found("src/extra/lowest.py", "INH002", project)] == [4]
    assert found("pkg/models/low.py", "INH002", project) == []
    assert [line for line, _, _ in found("pkg/models/low.py", "INH002", project, table={"max-inheritance-depth": 1})] == [4]


def test_abc_anywhere_up_the_chain_makes_a_base_an_abc() -> None:
    files = {
        "app/iface.py": "import abc\n\n\nclass Iface(abc.ABC):\n    x = 1\n",
        "app/impl.py": "from app.iface import Iface\n\n\nclass Impl(Iface):\n    x = 2\n\n\nclass Special(Impl):\n    x = 3\n",
    }
    project = ProjectIndex.from_sources(files)
    assert project.is_abstract("app.impl.Impl")
    assert found("app/impl.py", "INH001", project, files) == []


def test_exception_and_enum_hierarchies_are_exempt_across_files() -> None:
    files = {
        "app/errors.py": "class AppFailure(Exception):\n    x = 1\n",
        "app/more.py": "from app.errors import AppFailure\n\n\nclass Io(AppFailure):\n    x = 2\n\n\nclass Read(Io):\n    x = 3\n\n\nclass Chunk(Read):\n    x = 4\n",
    }
    project = ProjectIndex.from_sources(files)
    assert project.exempt_kind("app.more.Chunk") == "exception"
    assert found("app/errors.py", "INH001", project, files) == []
    assert found("app/more.py", "INH002", project, files) == []


def test_third_party_bases_are_not_the_projects() -> None:
    files = {"app/net.py": "import torch.nn as nn\nfrom libcst.codemod import Codemod\n\n\nclass Net(nn.Module):\n    x = 1\n\n\nclass Mod(Codemod):\n    x = 2\n"}
    project = ProjectIndex.from_sources(files)
    assert project.subclasses("torch.nn.Module") == []
    assert found("app/net.py", "INH001", project, files) == []


def test_stale_index_is_refreshed_for_the_file_being_checked() -> None:
    project = ProjectIndex.from_sources(FILES)
    edited = dict(FILES)
    edited["pkg/base.py"] = "# moved down\n\n\nclass Base:\n    x = 1\n"
    assert not project.covers("pkg/base.py", edited["pkg/base.py"])
    assert [line for line, _, _ in found("pkg/base.py", "INH001", project, edited)] == [4]


def test_index_pickles_compactly_and_keeps_answers() -> None:
    project = ProjectIndex.from_sources(FILES)
    project.depth("extra.lowest.Lowest")
    blob = pickle.dumps(project)
    restored = pickle.loads(blob)
    assert restored.depth("extra.lowest.Lowest") == 3
    assert [c.name for c in restored.subclasses("pkg.base.Base")] == ["Middle", "FakeBase"]
    assert len(blob) < 4000
    assert restored.cache_key() == project.cache_key()


def test_cache_key_ignores_bodies_but_not_bases() -> None:
    key = ProjectIndex.from_sources(FILES).cache_key()
    body_edit = dict(FILES, **{"pkg/base.py": "class Base:\n    x = 100\n\n\ndef helper() -> int:\n    return 1\n"})
    base_edit = dict(FILES, **{"pkg/models/low.py": "class Low:\n    x = 3\n"})
    assert ProjectIndex.from_sources(body_edit).cache_key() == key
    assert ProjectIndex.from_sources(base_edit).cache_key() != key


def test_unparsable_files_and_cycles_do_not_break_the_index() -> None:
    files = {"a.py": "from b import B\n\n\nclass A(B):\n    x = 1\n", "b.py": "from a import A\n\n\nclass B(A):\n    x = 1\n", "c.py": "class (:\n"}
    project = ProjectIndex.from_sources(files)
    assert "c" not in project.modules
    assert project.depth("a.A") >= 1
    assert found("a.py", "INH002", project, files) == []
