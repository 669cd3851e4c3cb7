# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The effective configuration of a tree: the loader's precedence, read through a reader function."""

from typing import Callable, Dict, Optional

import pytest

from checks.config.config_files import effective_config, locate_key


def reader(files: Dict[str, str]) -> Callable[[str], Optional[bytes]]:
    def read(path: str) -> Optional[bytes]:
        text = files.get(path)
        return None if text is None else text.encode("utf-8")

    return read


def test_prefguard_toml_beats_pyproject_and_the_nearest_folder_wins() -> None:
    files = {
        "pyproject.toml": '[tool.prefguard]\nignore = ["ANN"]\n',
        "prefguard.toml": 'ignore = ["DOC"]\n',
        "pkg/pyproject.toml": '[project]\nname = "x"\n',
    }
    found = effective_config(reader(files), ("pkg/", ""))
    assert (found.path, found.folder, found.settings.value("ignore")) == ("prefguard.toml", "", ["DOC"])
    files["pkg/pyproject.toml"] += '\n[tool.prefguard]\nignore = ["NAM"]\n'
    found = effective_config(reader(files), ("pkg/", ""))
    assert (found.path, found.folder, found.baseline) == ("pkg/pyproject.toml", "pkg/", "pkg/.prefguard-baseline.json")


def test_no_configuration_is_the_defaults_and_a_broken_one_says_why() -> None:
    found = effective_config(reader({"pyproject.toml": "[project]\n"}), ("",))
    assert (found.path, found.error, found.settings.source) == (None, "", "<defaults>")
    broken = effective_config(reader({"pyproject.toml": "[tool.prefguard\n"}), ("",))
    assert broken.path == "pyproject.toml" and "cannot be read as TOML" in broken.error
    unknown = effective_config(reader({"prefguard.toml": "nonsense = 1\n"}), ("",))
    assert "unknown key" in unknown.error and unknown.settings.source == "<defaults>"


@pytest.mark.parametrize(
    ("text", "key", "in_pyproject", "line"),
    [
        ('[project]\nname = "x"\n\n[tool.prefguard]\nignore = ["A"]\n', ("ignore",), True, 5),
        ('[tool.prefguard]\n\n[tool.prefguard.json-guard]\nfiles = {"a" = "off"}\n', ("json-guard", "files", "a"), True, 4),
        ('[tool.prefguard]\njson-guard.log-limit = 9\n', ("json-guard", "log-limit"), True, 2),
        ('[tool.prefguard.english]\nexempt = []\n', ("english", "message-calls"), True, 1),
        ('x = 1\n\n[json-guard]\nlog-limit = 3\n', ("json-guard", "log-limit"), False, 4),
        ('[tool.prefguard]\n\n[tool.prefguard.header]\nexempt = []\n', ("baseline",), True, 1),
        ('[project]\n\n\n[tool.prefguard]\nx = 1\n[tool.prefguard.english]\nexempt = []\n', ("english", "message-calls"), True, 6),
    ],
)
def test_locate_key_finds_the_line(text: str, key: tuple, in_pyproject: bool, line: int) -> None:
    assert locate_key(text, key, in_pyproject) == line
