"""The findings cache: hits, misses on every input that changes findings, corruption, concurrency, lazy imports."""

import datetime
import json
import marshal
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

import hooks.runtime.cache as cache_module
from checks.engine.finding import Finding, Fix
from checks.analysis.project_index import ProjectIndex
from checks.config.settings import Settings, build_settings
from hooks.runtime.cache import ENTRIES_FOLDER, FindingsCache, run_fingerprint
from hooks.runtime.cache_trust import seal
from tests.process import checkout_environment
from hooks.runtime.check_runner import Job, _WorkerFailure, run_jobs, summarize
from hooks.errors import InternalError
from hooks.runtime.files import SourceFile

HEADER = (
    "# -*- coding: utf-8 -*-\n"
    "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.\n"
    "# Cluj-Napoca, Romania\n"
)
YEAR_CONFIG = "[tool.prefguard.header]\nyear = 2026\n"
PROBE = (
    "import sys\n"
    "from hooks.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "loaded = sorted({name.split('.')[0] for name in sys.modules} & {'libcst', 'git', 'jsonschema'})\n"
    "print('LOADED=' + ','.join(loaded), file=sys.stderr)\n"
    "sys.exit(status)\n"
)


def sample_findings(path: str = "pkg/mod.py") -> List[Finding]:
    return [
        Finding("ANN001", path, 4, 7, 4, 8, "parameter 'x' of 'f' has no type annotation"),
        Finding("HDR001", path, 1, 1, 1, 1, "missing coding line", fix=Fix("add the coding line")),
        Finding("JSN001", path, 2, 3, 2, 9, "pointer finding", pointer="/a/0", commit="abc", cell=2),
    ]


def make_cache(tmp_path: Path, settings: Optional[Settings] = None) -> FindingsCache:
    made = FindingsCache.for_run(settings or build_settings({}), folder=tmp_path / "cache")
    assert made is not None
    return made


def entry_files(folder: Path) -> List[Path]:
    return sorted(p for p in (folder / ENTRIES_FOLDER).rglob("*") if p.is_file())


def test_hit_returns_the_stored_findings_under_the_requested_path(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    key = cache.key(b"x = 1\n", "pkg/mod.py", False)
    assert cache.get(key, "mod.py") is None
    cache.put(key, sample_findings())
    again = make_cache(tmp_path)
    found = again.get(key, "sub/mod.py")
    assert found == sample_findings("sub/mod.py")
    assert [f.fixable for f in found] == [False, True, False]
    assert found[1].fix is not None and found[1].fix.description == "add the coding line"
    assert (again.hits, again.misses) == (1, 0)


def test_empty_findings_are_a_hit_not_a_miss(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    key = cache.key(b"", "a.py", True)
    cache.put(key, [])
    assert cache.get(key, "a.py") == []


def test_key_changes_with_content_path_and_newness(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    base = cache.key(b"x = 1\n", "pkg/mod.py", False)
    assert cache.key(b"x = 1\n", "pkg/mod.py", False) == base
    others = {
        cache.key(b"x = 2\n", "pkg/mod.py", False),
        cache.key(b"x = 1\n", "pkg/other.py", False),
        cache.key(b"x = 1\n", "pkg/mod.py", True),
    }
    assert base not in others and len(others) == 3


def test_configuration_change_misses(tmp_path: Path) -> None:
    first = make_cache(tmp_path, build_settings({}))
    key = first.key(b"x = 1\n", "a.py", True)
    first.put(key, sample_findings())
    for table, select in (({"ignore": ["ANN"]}, ()), ({"header": {"year": 2030}}, ()), ({}, ("ANN",))):
        other = make_cache(tmp_path, build_settings(table, select=select))
        assert other.get(other.key(b"x = 1\n", "a.py", True), "a.py") is None


def test_version_year_and_rule_code_changes_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "fake_checks"
    package.mkdir()
    rule = package / "rule.py"
    rule.write_text("A = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "CHECKS_PACKAGE", package)
    settings = build_settings({})
    base = run_fingerprint(settings)
    assert run_fingerprint(settings) == base

    monkeypatch.setattr(cache_module, "VERSION", "999.0.0")
    assert run_fingerprint(settings) != base
    monkeypatch.undo()
    monkeypatch.setattr(cache_module, "CHECKS_PACKAGE", package)
    assert run_fingerprint(settings) == base

    next_year = datetime.date.today().year + 1

    class NextYear(datetime.date):
        @classmethod
        def today(cls) -> "NextYear":
            return cls(next_year, 1, 1)

    monkeypatch.setattr(cache_module.datetime, "date", NextYear)
    assert run_fingerprint(settings) != base
    monkeypatch.setattr(cache_module.datetime, "date", datetime.date)

    rule.write_text("A = 22\n", encoding="utf-8")
    assert run_fingerprint(settings) != base


def test_project_index_needs_a_dependency_key(tmp_path: Path) -> None:
    class Opaque:
        pass

    settings = build_settings({})
    assert FindingsCache.for_run(settings, Opaque(), folder=tmp_path) is None
    index = ProjectIndex.from_sources({"a.py": "x = 1\n"})
    assert run_fingerprint(settings, index) is not None
    assert run_fingerprint(settings, index) != run_fingerprint(settings)


def test_a_file_key_follows_only_the_index_facts_the_file_uses() -> None:
    sources = {
        "pkg/base.py": "class Base:\n    x = 1\n",
        "pkg/child.py": "from pkg.base import Base\n\n\nclass Child(Base):\n    y = 2\n",
        "pkg/plain.py": "def f() -> int:\n    return 1\n",
        "pkg/other.py": "class Other:\n    z = 3\n",
    }
    before = ProjectIndex.from_sources(sources)
    keys = {path: before.dependency_key(path, text) for path, text in sources.items()}
    assert keys["pkg/plain.py"] == "" and keys["pkg/base.py"] != ""
    edited = dict(sources, **{"pkg/other.py": "class Other:\n    z = 4\n\n\nclass More(Other):\n    w = 5\n"})
    after = ProjectIndex.from_sources(edited)
    assert after.dependency_key("pkg/base.py", sources["pkg/base.py"]) == keys["pkg/base.py"]
    assert after.dependency_key("pkg/child.py", sources["pkg/child.py"]) == keys["pkg/child.py"]
    assert after.dependency_key("pkg/other.py", edited["pkg/other.py"]) != keys["pkg/other.py"]
    abstract = dict(sources, **{"pkg/base.py": "import abc\n\n\nclass Base(abc.ABC):\n    x = 1\n"})
    moved = ProjectIndex.from_sources(abstract)
    assert moved.dependency_key("pkg/child.py", sources["pkg/child.py"]) != keys["pkg/child.py"]
    gone = ProjectIndex.from_sources({k: v for k, v in sources.items() if k != "pkg/child.py"})
    assert gone.dependency_key("pkg/base.py", sources["pkg/base.py"]) != keys["pkg/base.py"]


@pytest.mark.parametrize(
    "damage",
    ["truncate", "garbage", "empty", "flip_payload", "other_key", "bad_rows"],
)
def test_corrupt_entries_are_misses_and_get_replaced(tmp_path: Path, damage: str) -> None:
    cache = make_cache(tmp_path)
    key = cache.key(b"x = 1\n", "a.py", True)
    cache.put(key, sample_findings())
    [entry] = entry_files(tmp_path / "cache")
    raw = entry.read_bytes()
    header, _, payload = raw.partition(b"\n")
    if damage == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(300))
    elif damage == "empty":
        entry.write_bytes(b"")
    elif damage == "flip_payload":
        entry.write_bytes(header + b"\n" + payload[:-1] + bytes([payload[-1] ^ 0xFF]))
    elif damage == "other_key":
        other = cache.key(b"x = 2\n", "a.py", True)
        entry.write_bytes(header.replace(key.encode("ascii"), other.encode("ascii")) + b"\n" + payload)
    else:
        bad = marshal.dumps([("ANN001", 1)])
        parts = header.split(b" ")
        entry.write_bytes(b" ".join([parts[0], parts[1], seal(cache.secret, parts[1], bad)]) + b"\n" + bad)
    fresh = make_cache(tmp_path)
    assert fresh.get(key, "a.py") is None
    fresh.put(key, sample_findings())
    assert make_cache(tmp_path).get(key, "a.py") == sample_findings("a.py")


BAD_ROWS = {
    "short row": [("ANN001", 1)],
    "long row": [("ANN001", 1, 1, 1, 2, "m", None, None, None, None, "extra")],
    "row is a list": [["ANN001", 1, 1, 1, 2, "m", None, None, None, None]],
    "not a list": {"ANN001": 1},
    "rows in a tuple": (("ANN001", 1, 1, 1, 2, "m", None, None, None, None),),
    "one bad row among good ones": [("ANN001", 1, 1, 1, 2, "m", None, None, None, None), ("ANN001",)],
}


@pytest.mark.parametrize("shape", sorted(BAD_ROWS))
def test_a_correctly_sealed_entry_with_rows_of_the_wrong_shape_is_a_miss(tmp_path: Path, shape: str) -> None:
    """The seal says this machine wrote the entry; the rows must still have the shape this module writes."""
    cache = make_cache(tmp_path)
    key = cache.key(b"x = 1\n", "a.py", True)
    cache.put(key, sample_findings())
    [entry] = entry_files(tmp_path / "cache")
    header = entry.read_bytes().partition(b"\n")[0]
    magic, label, _mac = header.split(b" ")
    payload = marshal.dumps(BAD_ROWS[shape])
    entry.write_bytes(b" ".join([magic, label, seal(cache.secret, label, payload)]) + b"\n" + payload)
    fresh = make_cache(tmp_path)
    assert fresh.get(key, "a.py") is None
    assert (fresh.hits, fresh.misses) == (0, 1)


def _writer(arguments: Tuple[str, int]) -> int:
    folder, number = arguments
    cache = FindingsCache(Path(folder), "f" * 64)
    bad = 0
    for round_number in range(60):
        shared = cache.key(b"shared", "a.py", True)
        own = cache.key(f"{number}-{round_number}".encode("ascii"), "a.py", True)
        cache.put(shared, sample_findings("a.py"))
        cache.put(own, sample_findings("a.py")[: 1 + round_number % 3])
        seen = cache.get(shared, "a.py")
        if seen is not None and seen != sample_findings("a.py"):
            bad += 1
        mine = cache.get(own, "a.py")
        if mine != sample_findings("a.py")[: 1 + round_number % 3]:
            bad += 1
    return bad


def test_concurrent_writers_never_expose_a_partial_entry(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork") if hasattr(os, "fork") else multiprocessing.get_context()
    with context.Pool(4) as pool:
        problems = pool.map(_writer, [(str(tmp_path), n) for n in range(4)])
    assert problems == [0, 0, 0, 0]
    files = entry_files(tmp_path)
    assert len(files) == 1 + 4 * 60
    assert not [p for p in files if p.name.startswith(".tmp-")]


def test_sweep_removes_only_old_entries(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    old_key, new_key = cache.key(b"old", "a.py", True), cache.key(b"new", "a.py", True)
    cache.put(old_key, [])
    cache.put(new_key, [])
    old_file = [p for p in entry_files(tmp_path / "cache") if p.name == old_key[2:]][0]
    long_ago = time.time() - 60 * 86400
    os.utime(old_file, (long_ago, long_ago))
    assert cache.sweep() == 1
    assert cache.get(old_key, "a.py") is None and cache.get(new_key, "a.py") == []


def test_finish_writes_a_gitignore_into_the_cache_folder(tmp_path: Path) -> None:
    cache = make_cache(tmp_path)
    cache.finish()
    assert not (tmp_path / "cache" / ".gitignore").exists()
    cache.put(cache.key(b"x", "a.py", True), [])
    cache.finish()
    assert (tmp_path / "cache" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_unwritable_cache_folder_does_not_fail_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    cache = FindingsCache(blocker, "0" * 64)
    key = cache.key(b"x", "a.py", True)
    cache.put(key, sample_findings())
    assert cache.get(key, "a.py") is None


def _jobs(tmp_path: Path, sources: Dict[str, str], fix: bool = False) -> List[Job]:
    jobs = []
    for name, text in sorted(sources.items()):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        jobs.append(Job(SourceFile(path, name, name), text.encode("utf-8"), True, fix))
    return jobs


def test_run_jobs_replays_hits_and_runs_only_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = build_settings({"header": {"year": 2026}})
    sources = {"a.py": "def f(x):\n    return x\n", "b.py": HEADER + '"""B."""\n', "c.py": "import logging\n"}
    cache = make_cache(tmp_path, settings)
    first = run_jobs(_jobs(tmp_path, sources), settings, 1, cache=cache)
    ran: List[str] = []
    import hooks.runtime.check_runner as runner

    original = runner.run_job

    def counting(job: Job, run_settings: Settings, project: Any = None) -> Any:
        ran.append(job.source_file.relative)
        return original(job, run_settings, project)

    monkeypatch.setattr(runner, "run_job", counting)
    sources["c.py"] = "import logging\nimport os\n"
    again = run_jobs(_jobs(tmp_path, sources), settings, 1, cache=make_cache(tmp_path, settings))
    assert ran == ["c.py"]
    assert summarize(again)[0][: len(summarize(first)[0]) - 1] == summarize(first)[0][:-1]
    assert [o.source_file.relative for o in again] == ["a.py", "b.py", "c.py"]


def test_fix_run_uses_the_engine_for_fixable_files_and_caches_the_fixed_bytes(tmp_path: Path) -> None:
    settings = build_settings({"header": {"year": 2026}})
    sources = {"fixable.py": "x = 1\n", "plain.py": HEADER + "def f(x):\n    return x\n"}
    run_jobs(_jobs(tmp_path, sources), settings, 1, cache=make_cache(tmp_path, settings))
    cache = make_cache(tmp_path, settings)
    outcomes = run_jobs(_jobs(tmp_path, sources, fix=True), settings, 1, cache=cache)
    fixed = {o.source_file.relative: o for o in outcomes}
    assert fixed["fixable.py"].fixed is not None and fixed["fixable.py"].applied >= 1
    assert fixed["plain.py"].fixed is None
    assert (cache.hits, cache.misses) == (2, 0)
    later = make_cache(tmp_path, settings)
    key = later.key(fixed["fixable.py"].fixed, "fixable.py", True)
    assert later.get(key, "fixable.py") == [
        Finding(f.code, f.path, f.line, f.column, f.end_line, f.end_column, f.message)
        for f in fixed["fixable.py"].findings
    ]


def test_worker_failure_reraises_as_internal_error_naming_the_file() -> None:
    with pytest.raises(InternalError) as caught:
        _WorkerFailure("pkg/bad.py", "ValueError", "boom").raise_here()
    assert str(caught.value) == str(InternalError("pkg/bad.py", ValueError("boom")))


# ======================================================================
# End to end through the command line
# ======================================================================


def run_probe(cwd: Path, cache: Path, *args: str) -> Tuple[subprocess.CompletedProcess, List[str]]:
    env = checkout_environment(PREFGUARD_CACHE_DIR=str(cache))
    result = subprocess.run([sys.executable, "-P", "-c", PROBE, *args], cwd=cwd, capture_output=True, text=True, env=env)
    marker = [line for line in result.stderr.splitlines() if line.startswith("LOADED=")]
    assert marker, result.stderr
    loaded = [name for name in marker[-1][len("LOADED="):].split(",") if name]
    return result, loaded


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text(YEAR_CONFIG, encoding="utf-8")
    (root / "pkg").mkdir()
    (root / "pkg" / "a.py").write_text(HEADER + "def f(x):\n    return x\n", encoding="utf-8")
    (root / "pkg" / "b.py").write_text("x = 1\n", encoding="utf-8")
    (root / "pkg" / "c.py").write_text(HEADER + '"""Clean."""\n', encoding="utf-8")
    return root


def test_warm_run_imports_no_libcst_and_prints_the_same(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold, cold_loaded = run_probe(project, cache, "check", "--format", "json", ".")
    assert cold.returncode == 1 and "libcst" in cold_loaded
    warm, warm_loaded = run_probe(project, cache, "check", "--format", "json", ".")
    assert warm.returncode == 1
    assert warm_loaded == []
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
    from_inside, inside_loaded = run_probe(project / "pkg", cache, "check", "--format", "json", ".")
    assert inside_loaded == []
    assert [item["path"] for item in json.loads(from_inside.stdout)] == [
        item["path"][len("pkg/"):] for item in json.loads(cold.stdout)
    ]


def test_changed_file_and_changed_config_are_checked_again(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_probe(project, cache, "check", ".")
    (project / "pkg" / "c.py").write_text(HEADER + '"""Clean."""\nimport logging\n', encoding="utf-8")
    changed, loaded = run_probe(project, cache, "check", "--format", "json", ".")
    assert "libcst" in loaded
    assert "LOG001" in {item["code"] for item in json.loads(changed.stdout)}
    (project / "pyproject.toml").write_text(YEAR_CONFIG + "[tool.prefguard]\nignore = [\"LOG001\"]\n", encoding="utf-8")
    reconfigured, _ = run_probe(project, cache, "check", "--format", "json", ".")
    remaining = json.loads(reconfigured.stdout)
    assert "LOG001" not in {item["code"] for item in remaining}
    assert reconfigured.returncode == (1 if remaining else 0), reconfigured.stderr
    assert "[ERROR]" not in reconfigured.stderr and "Traceback" not in reconfigured.stderr


def test_no_cache_neither_reads_nor_writes(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, loaded = run_probe(project, cache, "check", "--no-cache", ".")
    assert "libcst" in loaded and not cache.exists()
    run_probe(project, cache, "check", ".")
    assert cache.exists()
    again, loaded = run_probe(project, cache, "check", "--no-cache", ".")
    assert "libcst" in loaded and again.stdout == first.stdout


def test_fix_through_the_cache_still_fixes(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    run_probe(project, cache, "check", ".")
    fixed, _ = run_probe(project, cache, "check", "--fix", ".")
    assert (project / "pkg" / "b.py").read_text(encoding="utf-8").startswith("# -*- coding: utf-8 -*-")
    after, loaded = run_probe(project, cache, "check", "--format", "json", ".")
    assert loaded == []
    uncached, _ = run_probe(project, cache, "check", "--no-cache", "--format", "json", ".")
    assert json.loads(after.stdout) == json.loads(uncached.stdout)
    assert fixed.returncode == 1


@pytest.mark.slow
def test_many_files_in_workers_match_one_process(tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    (root / "pyproject.toml").write_text(YEAR_CONFIG, encoding="utf-8")
    for number in range(20):
        body = "import logging\n" if number % 3 == 0 else f"def f{number}(x):\n    return x * {number}\n"
        (root / f"m{number:02d}.py").write_text(HEADER + body, encoding="utf-8")
    one, _ = run_probe(root, tmp_path / "c1", "check", "--no-cache", "--jobs", "1", "--format", "json", ".")
    two, _ = run_probe(root, tmp_path / "c2", "check", "--jobs", "2", "--format", "json", ".")
    assert one.stdout == two.stdout and json.loads(one.stdout)
    warm, loaded = run_probe(root, tmp_path / "c2", "check", "--jobs", "2", "--format", "json", ".")
    assert loaded == [] and warm.stdout == one.stdout
