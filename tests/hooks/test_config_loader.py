"""The one upward search: configuration, project root and repository root along the same folders."""

from pathlib import Path
from typing import Callable

from hooks.config_loader import find_config, folders_up, nearest_pyproject_folder, repository_root
from tests.conftest import GitRepo


def test_the_search_stops_at_the_repository_root(tmp_path: Path, make_repo: Callable[..., GitRepo]) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.prefguard]\nselect = ['ANN']\n", encoding="utf-8")
    repo = make_repo("repo").path
    deep = repo / "pkg" / "sub"
    deep.mkdir(parents=True)
    assert folders_up(deep) == [deep, repo / "pkg", repo]
    assert repository_root(deep) == repo
    assert find_config(deep) is None, "a configuration above the repository never applies inside it"
    assert nearest_pyproject_folder(deep) == deep
    (repo / "pkg" / "pyproject.toml").write_text("[tool.prefguard]\nignore = ['DOC']\n", encoding="utf-8")
    found = find_config(deep)
    assert found is not None and found[0] == repo / "pkg" / "pyproject.toml" and found[1] == {"ignore": ["DOC"]}
    assert nearest_pyproject_folder(deep) == repo / "pkg"


def test_outside_a_repository_every_parent_is_searched(tmp_path: Path) -> None:
    (tmp_path / "prefguard.toml").write_text("select = ['LOG']\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert repository_root(deep) is None or repository_root(deep) not in (deep, tmp_path)
    found = find_config(deep)
    assert found is not None and found[0] == tmp_path / "prefguard.toml"
