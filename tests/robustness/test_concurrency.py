"""Two and four prefguard processes on one tree and one shared cache at the same time.

No corrupt cache entry, no lost or half fix, and every process reports the
same findings as a lone run without a cache.
"""

import json
import os
import subprocess
from pathlib import Path
from typing import Dict, List

import pytest

from checks.engine.lint import fix_source
from checks.config.settings import build_settings
from hooks.runtime.cache_trust import is_sealed, secret_key
from tests.process import run_prefguard, start_prefguard

# Two and four processes over one tree: slow tier.
pytestmark = pytest.mark.slow

SETTINGS = build_settings({"header": {"year": 2026}})
FILES = 48
SOURCE = (
    "from . import helpers\n"
    "import os\n\n\n"
    "def load(name):\n"
    "    for line in open(name):\n"
    "        print('Error: bad line', line)\n"
    "    return os.path.join('a', name)\n"
)


def make_tree(folder: Path) -> Dict[str, bytes]:
    folder.mkdir(parents=True)
    (folder / "prefguard.toml").write_text("[tool.prefguard.header]\nyear = 2026\n", encoding="utf-8")
    originals = {}
    for index in range(FILES):
        relative = f"pkg/sub_{index % 4}/module_{index:02d}.py"
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = (SOURCE + f"\nVALUE = {index}\n").encode("utf-8")
        if index % 5 == 0:
            data = data.replace(b"\n", b"\r\n")
        path.write_bytes(data)
        originals[relative] = data
    return originals


def start(cwd: Path, cache: Path, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PREFGUARD_CACHE_DIR=str(cache))
    return start_prefguard(args, cwd, env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def finish(processes: List[subprocess.Popen]) -> List[str]:
    outputs = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode in (0, 1), stderr
        assert "Traceback" not in stderr, stderr
        outputs.append(stdout)
    return outputs


def assert_cache_is_sound(cache: Path) -> int:
    secret = secret_key()
    assert secret is not None
    entries = 0
    for path in cache.rglob("*"):
        if not path.is_file() or path.parent == cache:
            continue
        assert not path.name.startswith(".tmp-"), f"temporary cache file left: {path}"
        raw = path.read_bytes()
        header, newline, payload = raw.partition(b"\n")
        parts = header.split(b" ")
        assert newline and len(parts) == 3, path
        assert parts[1].decode("ascii") == path.parent.name + path.name, path
        assert is_sealed(secret, parts[1], payload, parts[2]), f"corrupt cache entry {path}"
        entries += 1
    return entries


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_fixes_lose_nothing_and_corrupt_nothing(tmp_path: Path, processes: int) -> None:
    tree = tmp_path / "tree"
    cache = tmp_path / "cache"
    originals = make_tree(tree)
    expected = {relative: fix_source(data, relative, SETTINGS).source for relative, data in originals.items()}
    assert all(expected[relative] != data for relative, data in originals.items())
    running = [start(tree, cache, "check", "--fix", "--jobs", "1" if index % 2 else "2", ".") for index in range(processes)]
    finish(running)
    for relative, data in expected.items():
        assert (tree / relative).read_bytes() == data, f"{relative}: lost or mangled fix"
    assert not [p for p in tree.rglob("*prefguard-tmp*")], "temporary files left in the tree"
    assert assert_cache_is_sound(cache) > 0


@pytest.mark.parametrize("processes", [2, 4])
def test_concurrent_checks_report_identical_findings(tmp_path: Path, processes: int) -> None:
    tree = tmp_path / "tree"
    cache = tmp_path / "cache"
    make_tree(tree)
    reference = run_prefguard(["check", "--no-cache", "--format", "json", "."], tree, timeout=600)
    expected = json.loads(reference.stdout)
    assert len(expected) > FILES
    for round_number in range(2):
        running = [start(tree, cache, "check", "--format", "json", "--jobs", "2", ".") for _ in range(processes)]
        for output in finish(running):
            assert json.loads(output) == expected, f"round {round_number}: findings differ from a lone uncached run"
    assert assert_cache_is_sound(cache) >= FILES
