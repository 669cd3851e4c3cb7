"""HDR003 (existing header preserved) and MOD001 (public names kept or aliased), old text against new."""

from typing import List

import pytest

from checks.guard.header_preservation import header_block, header_findings
from checks.guard.public_names import public_names, removed_public_names

HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
BODY = '"""Module."""\n\nVALUE = 1\n'


def test_header_block_needs_a_coding_line_or_notice() -> None:
    assert len(header_block(HEADER + BODY)) == 3
    assert header_block("# just a comment\nx = 1\n") == []
    assert header_block("#!/usr/bin/env python\n# SPDX-License-Identifier: MIT\nx = 1\n") == [
        "#!/usr/bin/env python",
        "# SPDX-License-Identifier: MIT",
    ]


@pytest.mark.parametrize(
    "new",
    [
        HEADER + BODY + "OTHER = 2\n",
        HEADER.replace("\n", "\r\n") + BODY,
        HEADER.replace("Romania\n", "Romania   \n") + BODY,
        "#!/usr/bin/env python3\n" + HEADER + BODY,
        HEADER + "# an extra comment\n" + BODY,
    ],
)
def test_preserved_header_is_accepted(new: str) -> None:
    assert header_findings("pkg/mod.py", HEADER + BODY, new) == []


@pytest.mark.parametrize(
    ("new", "line", "fragment"),
    [
        (BODY, 1, "was removed"),
        (HEADER.replace("2024-2026", "2024-2027") + BODY, 2, "header line 2 changed"),
        (HEADER.replace("# -*- coding: utf-8 -*-", "# -- coding: utf-8 --") + BODY, 1, "header line 1 changed"),
        (HEADER.replace("# Cluj-Napoca, Romania\n", "") + BODY, 3, "was removed"),
        ("\n" + HEADER + BODY, 1, "was removed"),
    ],
)
def test_changed_header_is_reported(new: str, line: int, fragment: str) -> None:
    found = header_findings("pkg/mod.py", HEADER + BODY, new, commit="abc")
    assert len(found) == 1
    assert (found[0].code, found[0].line, found[0].commit) == ("HDR003", line, "abc")
    assert fragment in found[0].message


def test_file_without_header_never_reports() -> None:
    assert header_findings("m.py", BODY, "# -*- coding: utf-8 -*-\n" + BODY) == []


def names(old: str, new: str, path: str = "pkg/mod.py") -> List[str]:
    return [finding.message.split("'")[1] for finding in removed_public_names(path, old, new)]


def test_public_names_of_a_module() -> None:
    source = (
        "import os\nfrom x import y\n_private = 1\nPUBLIC = 2\na, (b, c) = 1, (2, 3)\n"
        "def f() -> None:\n    pass\nclass K:\n    def method(self) -> None:\n        pass\n"
        "try:\n    import fast as engine\nexcept ImportError:\n    engine = None\n"
        "if __name__ == '__main__':\n    main_only = 1\n"
    )
    found = public_names(source)
    assert found is not None
    assert sorted(found) == ["K", "PUBLIC", "a", "b", "c", "engine", "f"]
    assert public_names("def broken(:\n") is None
    assert sorted(public_names("__all__ = ['a']\n__all__ += ['b']\nfrom m import a\ndef b(): pass\ndef c(): pass\n") or {}) == ["a", "b"]
    assert sorted(public_names("from .impl import Engine, _hidden\nimport os\n", is_package_init=True) or {}) == ["Engine"]


def test_removed_public_name_is_reported() -> None:
    old = "def load() -> None:\n    pass\n\n\ndef save() -> None:\n    pass\n"
    new = "def load_all() -> None:\n    pass\n\n\ndef save() -> None:\n    pass\n"
    found = removed_public_names("pkg/mod.py", old, new, commit="c1")
    assert [(f.code, f.commit) for f in found] == [("MOD001", "c1")]
    assert "'load'" in found[0].message and "line 1" in found[0].message


@pytest.mark.parametrize(
    "new",
    [
        "def load_all() -> None:\n    pass\n\n\nload = load_all\n",
        "from pkg.other import load_all as load\n",
        "from pkg.other import load\n",
        "from pkg.other import *\n",
        "def __getattr__(name: str) -> object:\n    return 1\n",
        "try:\n    from fast import load\nexcept ImportError:\n    def load() -> None:\n        pass\n",
        "def setup() -> None:\n    global load\n    load = 1\n",
    ],
)
def test_alias_or_dynamic_module_is_accepted(new: str) -> None:
    assert names("def load() -> None:\n    pass\n", new) == []


def test_private_names_and_unparsable_files_are_ignored() -> None:
    assert names("def _helper() -> None:\n    pass\n", "") == []
    assert names("def load(:\n", "") == []
    assert names("def load() -> None:\n    pass\n", "def broken(:\n") == []


def test_names_listed_in_all_are_the_public_api() -> None:
    old = "__all__ = ['exported']\n\ndef exported() -> None:\n    pass\n\n\ndef internal() -> None:\n    pass\n"
    assert names(old, "__all__ = ['exported']\n\ndef exported() -> None:\n    pass\n") == []
    assert names(old, "def internal() -> None:\n    pass\n") == ["exported"]


def test_package_init_reexports_are_public() -> None:
    assert names("from pkg.core import Engine\n", "", path="pkg/__init__.py") == ["Engine"]
    assert names("from pkg.core import Engine\n", "", path="pkg/core_user.py") == []
