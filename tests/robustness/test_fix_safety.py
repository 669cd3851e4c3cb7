"""Fix safety: the standard-library benchmark, read-only files, interrupted writes and killed runs.

The default run gives ``benchmarks/fix_stdlib.py`` a sample of the standard
library (the curated hard files plus a seeded random pick);
``PREFGUARD_FUZZ_LONG=1`` gives it the whole library.
"""

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

import pytest

from checks.engine.lint import fix_source
from checks.config.settings import build_settings
from hooks.runtime.files import write_atomically
from tests.process import run_prefguard, start_prefguard

ROOT = Path(__file__).resolve().parents[2]
LONG = os.environ.get("PREFGUARD_FUZZ_LONG") == "1"
SETTINGS = build_settings({"header": {"year": 2026}})
FIXABLE = "from . import helpers\nimport os\n\nfor name in os.listdir('.'):\n    print(name)\n    text = open(name).read()\n"


def prefguard(cwd: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return run_prefguard(args, cwd, timeout=timeout)


@pytest.mark.slow
def test_fix_stdlib_benchmark_verifies_every_fixed_file(tmp_path: Path) -> None:
    args = [sys.executable, str(ROOT / "benchmarks" / "fix_stdlib.py")]
    if not LONG:
        args += ["--sample", "45", "--seed", "7"]
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=3000)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    counts = dict(line[len("[INFO] "):].split(":", 1) for line in result.stdout.splitlines() if line.startswith("[INFO] ") and ":" in line)
    assert int(counts["files changed by the first --fix"].strip()) > 10, result.stdout
    assert counts["files changed by the second --fix"].strip() == "0", result.stdout
    assert counts["failures"].strip() == "0", result.stdout


def test_read_only_file_gets_a_clear_error_and_stays_untouched(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    target = tmp_path / "pkg" / "locked.py"
    target.write_text(FIXABLE, encoding="utf-8")
    other = tmp_path / "pkg" / "open.py"
    other.write_text(FIXABLE, encoding="utf-8")
    os.chmod(target, 0o444)
    try:
        result = prefguard(tmp_path, "check", "--no-cache", "--fix", ".")
    finally:
        mode = stat.S_IMODE(target.stat().st_mode)
        os.chmod(target, 0o644)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert "[ERROR] pkg/locked.py: fixes not written:" in result.stderr and "read-only" in result.stderr, result.stderr
    assert target.read_text(encoding="utf-8") == FIXABLE
    assert mode == 0o444
    assert other.read_text(encoding="utf-8") != FIXABLE, "the writable file must still be fixed"


def test_unwritten_fix_keeps_the_files_findings_and_exit_status(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    target = tmp_path / "pkg" / "locked.py"
    target.write_text(FIXABLE, encoding="utf-8")
    os.chmod(target, 0o444)
    try:
        result = prefguard(tmp_path, "check", "--no-cache", "--fix", "--select", "IMP,ENC,PRN", ".")
    finally:
        os.chmod(target, 0o644)
    assert result.returncode == 1, result.stderr
    assert "pkg/locked.py:1:1: IMP001" in result.stdout, result.stdout


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()], ids=["oserror", "interrupt"])
def test_interrupted_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException) -> None:
    target = tmp_path / "module.py"
    target.write_bytes(b"original\n")
    os.chmod(target, 0o640)

    def broken_replace(source: str, destination: str) -> None:
        raise failure

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(type(failure)):
        write_atomically(target, b"fixed\n" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == b"original\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["module.py"], "a temporary file was left behind"


def expected_fix(data: bytes, relative: str) -> bytes:
    return fix_source(data, relative, SETTINGS).source


@pytest.mark.slow
def test_killed_fix_run_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    """SIGKILL ``check --fix`` as soon as its writes begin: every file is its old or its fully fixed self."""
    project = tmp_path / "project"
    (project / "pkg").mkdir(parents=True)
    (project / "prefguard.toml").write_text("[tool.prefguard.header]\nyear = 2026\n", encoding="utf-8")
    originals: Dict[str, bytes] = {}
    for index in range(80):
        relative = f"pkg/module_{index:03d}.py"
        data = (FIXABLE + f"VALUE_{index} = {index}\n" * 300).encode("utf-8")
        (project / relative).write_bytes(data)
        originals[relative] = data
    fixed = {relative: expected_fix(data, relative) for relative, data in originals.items()}
    assert all(fixed[relative] != originals[relative] for relative in originals)
    for attempt in range(2):
        for relative, data in originals.items():
            (project / relative).write_bytes(data)
        process = start_prefguard(
            ["check", "--no-cache", "--fix", "--jobs", "2", "."],
            project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if any((project / relative).stat().st_size != len(data) for relative, data in originals.items()):
                break
            time.sleep(0.002)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        done = 0
        for relative in originals:
            now = (project / relative).read_bytes()
            assert now in (originals[relative], fixed[relative]), f"{relative} is neither old nor fixed after SIGKILL"
            done += now == fixed[relative]
        assert done >= 1, f"attempt {attempt}: killed before any write"
    result = prefguard(project, "check", "--no-cache", "--select", "PGX", ".")
    assert result.returncode == 0, result.stderr
    assert "in 80 file(s)" in result.stderr, "a leftover temporary file must never be taken for a source file"
