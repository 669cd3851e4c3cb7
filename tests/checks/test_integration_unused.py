"""INT004: internal definitions that nothing in the project references (issue 20)."""

from typing import Dict, List, Sequence

from checks.integration.summary import summarize_module
from checks.integration.unused import unused_definitions


def unused(files: Dict[str, str], candidates: Sequence[str] = (), public: Sequence[str] = (), entries: Sequence[str] = ()) -> List[str]:
    summaries = {path: summarize_module(path, text) for path, text in files.items()}
    judged = list(candidates) or [p for p in files if not p.startswith("tests/")]
    return [f"{f.path}:{f.line}:{f.message.split(' is ')[0]}" for f in unused_definitions(summaries, judged, public, entries)]


def test_unreferenced_private_helpers_are_reported_with_their_kind() -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/io.py": (
            "_CACHE_LIMIT = 3\n\n"
            "def _old_loader(path: str) -> str:\n    return path\n\n"
            "def _used(path: str) -> str:\n    return path\n\n"
            "class _Legacy:\n    pass\n\n"
            "def load(path: str) -> str:\n    return _used(path)\n"
        ),
    }
    assert unused(files) == [
        "pkg/io.py:1:internal constant _CACHE_LIMIT",
        "pkg/io.py:3:internal function _old_loader",
        "pkg/io.py:9:internal class _Legacy",
    ]


def test_references_from_other_files_tests_strings_and_attributes_keep_a_definition() -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/io.py": (
            "def _by_import() -> None:\n    pass\n\ndef _by_test() -> None:\n    pass\n\n"
            "def _by_string() -> None:\n    pass\n\ndef _by_attribute() -> None:\n    pass\n\n"
            "def _by_annotation() -> None:\n    pass\n"
        ),
        "pkg/cli.py": (
            "import pkg.io\nfrom pkg.io import _by_import\n\n"
            "handler = getattr(pkg.io, '_by_string')\npkg.io._by_attribute()\n"
            "def run(x: '_by_annotation') -> None:\n    _by_import()\n"
        ),
        "tests/test_io.py": "from pkg.io import _by_test\n",
    }
    assert unused(files) == []


def test_registrations_exports_getattr_and_init_files_are_never_judged() -> None:
    files = {
        "pkg/__init__.py": "def _hidden() -> None:\n    pass\n",
        "pkg/plugins.py": (
            "__all__ = ['_exported']\n\n@register\ndef _decorated() -> None:\n    pass\n\n"
            "class _Plugin(Base):\n    pass\n\ndef _exported() -> None:\n    pass\n"
        ),
        "pkg/lazy.py": "def _x() -> None:\n    pass\n\ndef __getattr__(name: str) -> object:\n    return None\n",
    }
    assert unused(files) == []


def test_public_names_are_judged_only_outside_configured_public_modules() -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/api.py": "def fetch() -> None:\n    pass\n",
        "pkg/internal.py": "def helper() -> None:\n    pass\n\ndef cli() -> None:\n    pass\n",
    }
    assert unused(files) == []
    assert unused(files, public=["pkg/api.py"], entries=["cli"]) == ["pkg/internal.py:1:internal function helper"]


def test_star_imports_keep_whatever_the_importing_module_loads() -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/consts.py": "_SECRET_SIZE = 4\n_UNUSED_SIZE = 5\n",
        "pkg/use.py": "from pkg.consts import *\n\nprint(_SECRET_SIZE)\n",
    }
    assert unused(files) == ["pkg/consts.py:2:internal constant _UNUSED_SIZE"]


def test_unparsable_candidates_are_skipped() -> None:
    assert unused({"pkg/__init__.py": "", "pkg/bad.py": "def _x(:\n"}) == []
