# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""``prefguard check --shard K/N``: a deterministic, size-balanced partition whose union is the whole run."""

import json
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from hooks.cli import main
from hooks.runtime.shards import parse_shard, partition
from tests.conftest import GitRepo

HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git project of Python files of many sizes, a notebook and folder names ENG004 reports."""
    root = tmp_path / "project"
    repo = GitRepo(root)
    (root / "pyproject.toml").write_text("[tool.prefguard.header]\nyear = 2026\n", encoding="utf-8")
    for index in range(14):
        folder = root / ("données" if index % 3 == 0 else "pkg") / f"sub{index % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        body = "".join(f"\n\ndef f{n}(x):\n    print(x)\n" for n in range(index * 3 + 1))
        (folder / f"mod_{index}.py").write_text(("" if index % 5 == 0 else HEADER) + body, encoding="utf-8")
    cell = {"cell_type": "code", "id": "c1", "metadata": {}, "outputs": [], "execution_count": None, "source": ["def g(y):\n", "    return y\n"]}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "pkg" / "note.ipynb").write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    repo.commit("Project")
    monkeypatch.setenv("PREFGUARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(root)
    return root


def findings(capsys: pytest.CaptureFixture, *args: str) -> Tuple[int, List[Dict]]:
    status = main(["check", "--no-cache", "--format", "json", *args, "."])
    captured = capsys.readouterr()
    assert "[ERROR]" not in captured.err
    return status, json.loads(captured.out)


def key(item: Dict) -> str:
    return json.dumps(item, sort_keys=True)


@pytest.mark.parametrize("count", [1, 3, 4])
def test_the_union_of_the_shards_is_the_unsharded_run(project: Path, capsys: pytest.CaptureFixture, count: int) -> None:
    status, whole = findings(capsys)
    assert status == 1
    assert {"ENG004", "ANN001", "ANN002"} <= {item["code"] for item in whole}
    assert any(item["path"] == "données" for item in whole) and any("cell" in item for item in whole)
    parts = []
    for number in range(1, count + 1):
        _, part = findings(capsys, "--shard", f"{number}/{count}")
        parts.append(part)
    union = [item for part in parts for item in part]
    assert sorted(map(key, union)) == sorted(map(key, whole))
    assert len(union) == len(whole)
    files = [{item["path"] for item in part} for part in parts]
    for index, mine in enumerate(files):
        for other in files[index + 1:]:
            assert not mine & other
    if count > 1:
        assert all(parts)


def test_a_shard_is_the_same_on_every_run(project: Path, capsys: pytest.CaptureFixture) -> None:
    first = findings(capsys, "--shard", "2/3")[1]
    second = findings(capsys, "--shard", "2/3")[1]
    assert first == second and first


def test_partition_balances_by_size_and_is_deterministic() -> None:
    sizes = {f"f{index:02d}.py": size for index, size in enumerate([900, 50, 400, 400, 30, 700, 120, 650, 80, 300, 10, 500])}
    parts = partition(sorted(sizes), lambda name: name, sizes.__getitem__, 3)
    loads = [sum(sizes[name] for name in part) for part in parts]
    assert sorted(name for part in parts for name in part) == sorted(sizes)
    assert max(loads) - min(loads) <= max(sizes.values()) and max(loads) - min(loads) <= 100
    assert parts == partition(list(reversed(sorted(sizes))), lambda name: name, sizes.__getitem__, 3)


@pytest.mark.parametrize("value", ["0/3", "4/3", "x", "1/0", "2"])
def test_a_bad_shard_is_a_usage_error(project: Path, capsys: pytest.CaptureFixture, value: str) -> None:
    status = main(["check", "--shard", value, "."])
    assert status == 2
    assert f"--shard {value!r}" in capsys.readouterr().err
    with pytest.raises(Exception):
        parse_shard(value)
