"""Property: after any sequence of edits, renames, deletions, configuration changes and upgrades,
a run that uses the caches (findings, project-index summaries, path names) reports exactly what a
``--no-cache`` run reports."""

import contextlib
import io
import json
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Iterator, List, Tuple

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hooks.runtime.cache as cache_module
import hooks.runtime.project_index as index_module
from hooks.cli import main

NAMES = ("pkg/__init__.py", "pkg/base.py", "pkg/child.py", "pkg/leaf.py", "pkg/util.py", "tools/extra.py")
SNIPPETS = (
    "VALUE = 1\n",
    "class Base:\n    def run(self) -> int:\n        return 1\n",
    "import abc\n\n\nclass Base(abc.ABC):\n    @abc.abstractmethod\n    def run(self) -> int:\n        ...\n",
    "from pkg.base import Base\n\n\nclass Child(Base):\n    def run(self) -> int:\n        return 2\n",
    "from pkg.child import Child\n\n\nclass Leaf(Child):\n    pass\n",
    "from pkg import Base\n\n\nclass Other(Base):\n    x = 3\n",
    "from pkg.base import Base\n",
    "def load(path):\n    try:\n        return open(path).read()\n    except:\n        return None\n",
    "class LoadError(Exception):\n    pass\n",
    "from pkg.leaf import Leaf as Renamed\n\n\nclass Deeper(Renamed):\n    y = 4\n",
)
CONFIGS = (
    "",
    'ignore = ["EXC001"]\n',
    "max-inheritance-depth = 1\n",
    'select = ["INH", "STB", "EXC", "ANN", "ENG004"]\n',
    'ignore = ["INH001", "INH002"]\n',
)
HEADER = "[tool.prefguard.header]\nyear = 2026\n"

Step = Tuple

steps = st.one_of(
    st.tuples(st.just("write"), st.sampled_from(NAMES), st.integers(0, len(SNIPPETS) - 1)),
    st.tuples(st.just("delete"), st.sampled_from(NAMES)),
    st.tuples(st.just("rename"), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.tuples(st.just("config"), st.integers(0, len(CONFIGS) - 1)),
    st.tuples(st.just("upgrade")),
)


@contextlib.contextmanager
def environment(cache: Path) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in ("PREFGUARD_CACHE_DIR", "PREFGUARD_CACHE_KEY")}
    versions = (cache_module.VERSION, index_module.VERSION)
    os.environ["PREFGUARD_CACHE_DIR"] = str(cache)
    os.environ.pop("PREFGUARD_CACHE_KEY", None)
    try:
        yield
    finally:
        cache_module.VERSION, index_module.VERSION = versions
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_check(root: Path, cached: bool) -> Tuple[int, str]:
    output = io.StringIO()
    previous = os.getcwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(io.StringIO()):
            status = main(["check", "--format", "json", "--jobs", "1", *([] if cached else ["--no-cache"]), "."])
    finally:
        os.chdir(previous)
    return status, output.getvalue()


class Project:
    """A small project on disk; writes carry distinct, old modification times so the stat shortcut is used."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.clock = time.time() - 3600.0
        self.write("pyproject.toml", "[tool.prefguard]\n" + HEADER)
        for name, snippet in zip(NAMES, (6, 1, 3, 4, 7, 5)):
            self.write(name, SNIPPETS[snippet])
        subprocess.run(["git", "init", "-q"], cwd=root, check=True, capture_output=True)

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.clock += 1.0
        os.utime(path, (self.clock, self.clock))

    def apply(self, step: Step) -> None:
        kind = step[0]
        if kind == "write":
            self.write(step[1], SNIPPETS[step[2]])
        elif kind == "delete":
            (self.root / step[1]).unlink(missing_ok=True)
        elif kind == "rename":
            source, target = self.root / step[1], self.root / step[2]
            if source.exists() and source != target:
                text = source.read_text(encoding="utf-8")
                source.unlink()
                self.write(step[2], text)
        elif kind == "config":
            table = CONFIGS[step[1]]
            self.write("pyproject.toml", "[tool.prefguard]\n" + table + HEADER)
        else:
            cache_module.VERSION = index_module.VERSION = cache_module.VERSION + ".1"


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(steps, min_size=1, max_size=6))
def test_cached_runs_report_what_uncached_runs_report(sequence: List[Step]) -> None:
    with tempfile.TemporaryDirectory(prefix="prefguard-equivalence-") as scratch:
        project = Project(Path(scratch) / "project")
        with environment(Path(scratch) / "cache"):
            assert run_check(project.root, True) == run_check(project.root, False)
            for step in sequence:
                project.apply(step)
                assert run_check(project.root, True) == run_check(project.root, False), step


def test_the_property_sees_cross_file_changes() -> None:
    """Guard against a vacuous property: editing one file changes another file's cached findings."""
    with tempfile.TemporaryDirectory(prefix="prefguard-equivalence-") as scratch:
        project = Project(Path(scratch) / "project")
        with environment(Path(scratch) / "cache"):
            before = run_check(project.root, True)
            assert '"INH001"' in before[1]
            project.write("pkg/base.py", SNIPPETS[2])
            after = run_check(project.root, True)
            assert after == run_check(project.root, False)
            assert '"INH001"' not in after[1]
            assert after[0] == (1 if json.loads(after[1]) else 0)
