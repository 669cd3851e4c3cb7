"""Entry-point discovery without configuration: each rule in its order, each entry labelled."""

from typing import Any, Dict, Optional, Sequence

from checks.analysis.project_metadata import ScriptTarget
from checks.integration.entries import (
    RULE_LIBRARY,
    RULE_MAIN_BLOCK,
    RULE_PACKAGE_MAIN,
    RULE_ROOT_NAME,
    RULE_SCRIPT,
    SOURCE_DISCOVERED,
    SOURCE_NONE,
)
from checks.integration.summary import summarize_module
from checks.integration.verify import IntegrationReport, verify_project


def report(
    files: Dict[str, str], scripts: Sequence[ScriptTarget] = (), library: bool = False, integration: Optional[Dict[str, Any]] = None
) -> IntegrationReport:
    texts = dict(files, **{"verify_integration.py": "print('[OK]')\n"})
    summaries = {path: summarize_module(path, text) for path, text in texts.items()}
    return verify_project(summaries, integration or {}, (), scripts, None, library=library)


def test_every_rule_in_order() -> None:
    files = {
        "app/__init__.py": "from app.core import run\n",
        "app/__main__.py": "from app.cli import main\n\nmain()\n",
        "app/cli.py": "from app.core import run\n\n\ndef main():\n    run()\n",
        "app/core.py": "def run():\n    return 1\n",
        "app/plugins/extra.py": "print('registered')\n",
        "app/plugins/__init__.py": "",
        "main.py": "def start():\n    return 0\n",
        "tools/release.py": "def bump():\n    return 1\n\n\nif __name__ == '__main__':\n    bump()\n",
        "scripts_dir/flat.py": "import sys\n\nfor arg in sys.argv:\n    print(arg)\n",
        "setup.py": "from setuptools import setup\n\nsetup(name='app')\n",
        "docs/conf.py": "import sys\n\nsys.path.insert(0, '.')\n",
        "tests/test_core.py": "if __name__ == '__main__':\n    print('run')\n",
    }
    scripts = [ScriptTarget("app", "app.cli:main", "pyproject.toml [project.scripts]")]
    found = report(files, scripts, library=True)
    assert found.entry_source == SOURCE_DISCOVERED
    assert found.found_by == (
        ("app/cli.py", "pyproject.toml [project.scripts] app"),
        ("app/__main__.py", RULE_PACKAGE_MAIN),
        ("app/__init__.py", RULE_LIBRARY),
        ("main.py", RULE_ROOT_NAME),
        ("tools/release.py", RULE_MAIN_BLOCK),
        ("scripts_dir/flat.py", RULE_SCRIPT),
    )


def test_a_module_that_is_imported_or_lives_in_a_package_is_no_script() -> None:
    files = {
        "run.py": "from helpers import setup_all\n\nsetup_all()\n",
        "helpers.py": "def setup_all():\n    return 1\n\n\nprint('imported')\n",
    }
    assert report(files).found_by == (("run.py", RULE_SCRIPT),)


def test_library_packages_only_with_packaging_and_not_tests_or_docs() -> None:
    files = {
        "src/lib/__init__.py": "from .api import call as call\n",
        "src/lib/api.py": "def call():\n    return 1\n",
        "src/lib/unused.py": "def old():\n    return 1\n",
        "examples/__init__.py": "",
    }
    assert report(files).found_by == ()
    packaged = report(files, library=True)
    assert packaged.found_by == (("src/lib/__init__.py", RULE_LIBRARY),)
    wired = {module.path: module.wired for module in packaged.modules}
    # unused.py is public API of the library (users can import lib.unused): WIRED as such
    assert wired == {"examples/__init__.py": False, "src/lib/__init__.py": True, "src/lib/api.py": True, "src/lib/unused.py": True}
    declared = report(files, library=True, integration={"public-modules": ["src/lib/api.py"]})
    assert {module.path: module.wired for module in declared.modules}["src/lib/unused.py"] is False


def test_nothing_found_is_a_problem_not_an_error() -> None:
    found = report({"lib/a.py": "X = 1\n"})
    assert found.entry_source == SOURCE_NONE and found.entries == ()
    assert found.problems[-1].startswith("no entry point found")
    assert "prefguard init" in found.problems[-1]


def test_int001_names_prefguard_init() -> None:
    summaries = {"main.py": summarize_module("main.py", "print('[OK]')\n")}
    finding = next(f for f in verify_project(summaries, {}).findings if f.code == "INT001")
    assert "run `prefguard init`" in finding.message


def test_plugins_loaded_by_walking_a_package_path_are_wired() -> None:
    files = {
        "tool/__init__.py": "",
        "tool/__main__.py": "from tool.registry import load\n\nload()\n",
        "tool/registry.py": (
            "import pkgutil\n\nfrom tool import plugins\n\n\ndef load():\n"
            "    for info in pkgutil.walk_packages(plugins.__path__, 'tool.plugins.'):\n"
            "        __import__(info.name)\n"
        ),
        "tool/plugins/__init__.py": "",
        "tool/plugins/upper.py": "def fix(text):\n    return text.upper()\n",
        "tool/plugins/strip.py": "def fix(text):\n    return text.strip()\n",
        "tool/unused.py": "def nothing():\n    return None\n",
    }
    wired = {module.path: module.wired for module in report(files).modules}
    assert wired["tool/plugins/upper.py"] and wired["tool/plugins/strip.py"]
    assert not wired["tool/unused.py"]
    static = dict(files, **{"tool/registry.py": "from tool import plugins\n\n\ndef load():\n    return plugins.__path__\n"})
    assert not {module.path: module.wired for module in report(static).modules}["tool/plugins/upper.py"]


def test_a_src_layout_library_is_what_lies_under_src() -> None:
    files = {
        "src/lib/__init__.py": "from .api import call as call\n",
        "src/lib/api.py": "def call():\n    return 1\n",
        "typing_checks/__init__.py": "",
        "typing_checks/mypy_cases.py": "import lib\n",
    }
    packaged = report(files, library=True)
    assert packaged.found_by == (("src/lib/__init__.py", RULE_LIBRARY),)
    assert {module.path: module.wired for module in packaged.modules}["typing_checks/mypy_cases.py"] is False
