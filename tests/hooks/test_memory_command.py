"""prefguard memory init | log | archive: files created, appended and archived exactly and atomically."""

import argparse
import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest

from checks.guard.json_guard import MODE_APPEND_ONLY, GuardPolicy, diff_values
from checks.guard.memory_rules import KIND_ARCHIVE, KIND_CONCEPT, KIND_LOG, KIND_STRUCTURE, schema_problems
from checks.config.settings import build_settings
from checks.guard.strict_json import loads
from hooks.commands import guard as command_guard, memory as command_memory
from tests.conftest import GitRepo

LOG = ".claude/project_log.json"
ARCHIVE = ".claude/project_log_archive.json"
@pytest.fixture
def project(make_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo("tinyrag").path
    monkeypatch.chdir(root)
    return root


def memory(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    command_memory.add_arguments(parser)
    return command_memory.run(parser.parse_args(list(argv)))


def read(root: Path, relative: str) -> Any:
    return json.loads((root / relative).read_text(encoding="utf-8"))


def entry(day: str, number: int) -> Dict[str, Any]:
    return {
        "date": day,
        "time": "10:00",
        "requested": f"request {number}",
        "executed": f"work {number}",
        "files_touched": [],
        "status": "success",
        "notes": "",
    }


def write_log(root: Path, entries: List[Dict[str, Any]]) -> None:
    (root / ".claude").mkdir(exist_ok=True)
    (root / LOG).write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")


def test_init_creates_three_valid_files(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert memory("init") == 0
    for kind, name in ((KIND_CONCEPT, "project_concept.json"), (KIND_STRUCTURE, "project_structure.json"), (KIND_LOG, "project_log.json")):
        text = (project / ".claude" / name).read_text(encoding="utf-8")
        assert text.endswith("\n") and not text.endswith("\n\n")
        assert schema_problems(kind, loads(text)) == []
    assert read(project, ".claude/project_concept.json")["project_name"] == "tinyrag"
    assert read(project, ".claude/project_structure.json")["last_modified"] == date.today().isoformat()
    assert read(project, LOG) == []
    assert not (project / ARCHIVE).exists()
    assert capsys.readouterr().out.count("[OK] created") == 3


def test_init_never_overwrites(project: Path, capsys: pytest.CaptureFixture) -> None:
    (project / ".claude").mkdir()
    original = '{"project_name": "mine", "vision": "keep me"}'
    (project / ".claude/project_concept.json").write_text(original, encoding="utf-8")
    assert memory("init", "--project-name", "other") == 0
    assert (project / ".claude/project_concept.json").read_text(encoding="utf-8") == original
    assert read(project, ".claude/project_structure.json")["project_name"] == "other"
    output = capsys.readouterr().out
    assert "[INFO]" in output and "kept" in output


def test_init_from_a_subfolder_uses_the_repository_root(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "pkg").mkdir()
    monkeypatch.chdir(project / "pkg")
    assert memory("init") == 0
    assert (project / LOG).exists() and not (project / "pkg/.claude").exists()


def test_log_appends_one_validated_entry(project: Path) -> None:
    memory("init")
    (project / "pkg").mkdir()
    assert memory("log", "--requested", "add loader", "--executed", "wrote pkg/loader.py", "--files", "pkg/loader.py,README.md", "pkg/x.py", "--status", "partial", "--notes", "ăîșț ok") == 0
    assert memory("log", "--requested", "second", "--executed", "done", "--status", "success") == 0
    log = read(project, LOG)
    assert len(log) == 2
    first = log[0]
    assert list(first) == ["date", "time", "requested", "executed", "files_touched", "status", "notes"]
    assert first["files_touched"] == ["pkg/loader.py", "README.md", "pkg/x.py"]
    assert first["status"] == "partial" and first["notes"] == "ăîșț ok"
    assert first["date"] == date.today().isoformat()
    assert len(first["time"]) == 5 and first["time"][2] == ":"
    assert log[1]["files_touched"] == [] and log[1]["notes"] == ""
    text = (project / LOG).read_text(encoding="utf-8")
    assert "ăîșț" in text and text.startswith("[\n  {\n    \"date\"")
    assert schema_problems(KIND_LOG, loads(text)) == []
    assert [path.name for path in (project / ".claude").iterdir() if path.name.startswith(".")] == []


def test_log_paths_are_relative_to_the_root_from_a_subfolder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "pkg").mkdir()
    monkeypatch.chdir(project / "pkg")
    assert memory("log", "--requested", "r", "--executed", "e", "--files", "core.py", "--status", "success") == 0
    assert read(project, LOG)[0]["files_touched"] == ["pkg/core.py"]


def test_log_refuses_bad_input_and_unsafe_files(project: Path, capsys: pytest.CaptureFixture) -> None:
    memory("init")
    with pytest.raises(SystemExit):
        memory("log", "--requested", "r", "--executed", "e", "--status", "done")
    assert memory("log", "--requested", " ", "--executed", "e", "--status", "success") == 2
    broken = '[{"date": "2025-01-01", "date": "2025-01-02"}]'
    (project / LOG).write_text(broken, encoding="utf-8")
    assert memory("log", "--requested", "r", "--executed", "e", "--status", "success") == 2
    assert (project / LOG).read_text(encoding="utf-8") == broken
    assert "duplicate key" in capsys.readouterr().err
    (project / LOG).write_text('{"not": "a list"}', encoding="utf-8")
    assert memory("log", "--requested", "r", "--executed", "e", "--status", "success") == 2


def test_log_preserves_existing_entries_exactly(project: Path) -> None:
    (project / ".claude").mkdir()
    (project / LOG).write_text('[{"date": "2025-01-01", "time": "10:00", "requested": "r", "executed": "e", "files_touched": [], "status": "success", "notes": "", "score": 1.50, "big": 1e400}]', encoding="utf-8")
    assert memory("log", "--requested", "r2", "--executed", "e2", "--status", "failed") == 0
    text = (project / LOG).read_text(encoding="utf-8")
    assert '"score": 1.50' in text and '"big": 1E+400' in text
    old = loads('[{"date": "2025-01-01", "time": "10:00", "requested": "r", "executed": "e", "files_touched": [], "status": "success", "notes": "", "score": 1.50, "big": 1e400}]')
    assert diff_values(old, loads(text), GuardPolicy(MODE_APPEND_ONLY)) == []


def test_archive_not_due_at_or_below_the_limit(project: Path, capsys: pytest.CaptureFixture) -> None:
    write_log(project, [entry("2020-01-01", number) for number in range(200)])
    before = (project / LOG).read_bytes()
    assert memory("archive") == 0
    assert (project / LOG).read_bytes() == before
    assert not (project / ARCHIVE).exists()
    assert "not due" in capsys.readouterr().out


def test_archive_moves_old_head_entries_in_order(project: Path) -> None:
    recent = (date.today() - timedelta(days=2)).isoformat()
    old = [entry("2020-01-01", number) for number in range(180)]
    newer = [entry(recent, number) for number in range(180, 230)]
    write_log(project, old + newer)
    (project / ARCHIVE).write_text(json.dumps([entry("2019-01-01", -1)]) + "\n", encoding="utf-8")
    assert memory("archive") == 0
    assert read(project, ARCHIVE) == [entry("2019-01-01", -1)] + old
    assert read(project, LOG) == newer
    assert schema_problems(KIND_ARCHIVE, loads((project / ARCHIVE).read_text(encoding="utf-8"))) == []
    assert memory("archive") == 0
    assert read(project, LOG) == newer


def test_archive_without_a_log_or_with_a_broken_archive_is_exit_2(project: Path) -> None:
    assert memory("archive") == 2
    write_log(project, [entry("2020-01-01", number) for number in range(201)])
    (project / ARCHIVE).write_text("[1,]", encoding="utf-8")
    before = (project / LOG).read_bytes()
    assert memory("archive") == 2
    assert (project / LOG).read_bytes() == before


def test_guard_recognises_the_archive_move_as_lossless(project: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    memory("init")
    write_log(project, [entry("2020-01-01", number) for number in range(210)] + [entry(date.today().isoformat(), 999)])
    repo = GitRepo(project, create=False)
    repo.commit("long log")
    assert memory("archive") == 0
    repo.stage()
    parser = argparse.ArgumentParser()
    command_guard.add_arguments(parser)
    capsys.readouterr()
    assert command_guard.run(parser.parse_args(["--staged", "--format", "json"])) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_memory_dir_comes_from_the_configuration(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command_guard, "load_settings", lambda: build_settings({"json-guard": {"memory-dir": "docs/memory"}}))
    assert memory("init") == 0
    assert (project / "docs/memory/project_log.json").exists()


def test_atomic_write_keeps_the_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    target.write_text("[]\n", encoding="utf-8")
    os.chmod(target, 0o640)
    command_memory.atomic_write(target, "[1]\n", tmp_path)
    assert target.read_text(encoding="utf-8") == "[1]\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data.json"]


def test_json_format_reports_messages_and_exit_status(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert memory("--format", "json", "init") == 0
    result = json.loads(capsys.readouterr().out)
    assert result["command"] == "memory init" and result["exit_status"] == 0
    assert len(result["messages"]) == 3 and all(line.startswith("[OK] created") for line in result["messages"])


def guard_staged(capsys: pytest.CaptureFixture) -> List[Dict[str, Any]]:
    parser = argparse.ArgumentParser()
    command_guard.add_arguments(parser)
    capsys.readouterr()
    command_guard.run(parser.parse_args(["--staged", "--format", "json"]))
    return json.loads(capsys.readouterr().out)


def test_log_stages_what_it_writes_or_says_to(project: Path, capsys: pytest.CaptureFixture) -> None:
    repo = GitRepo(project, create=False)
    memory("init")
    repo.commit("memory")
    assert memory("log", "--requested", "r", "--executed", "e", "--status", "success") == 0
    out = capsys.readouterr().out
    assert f"[OK] staged {LOG} (git add)" in out
    assert repo.git("diff", "--cached", "--name-only") == LOG
    assert memory("log", "--requested", "r", "--executed", "e", "--status", "success", "--no-stage") == 0
    assert f"[INFO] not staged (--no-stage): run `git add {LOG}`" in capsys.readouterr().out
    assert repo.git("diff", "--name-only") == LOG


def test_structure_appends_new_and_moved_modules_and_the_guard_accepts_it(project: Path, capsys: pytest.CaptureFixture) -> None:
    repo = GitRepo(project, create=False)
    memory("init")
    repo.write("pkg/__init__.py", "")
    repo.write("pkg/alpha.py", 'def a() -> int:\n    """A."""\n    return 1\n')
    structure = read(project, ".claude/project_structure.json")
    structure["modules"].append(
        {"name": "pkg.alpha", "path": "pkg/alpha.py", "status": "complete", "critical": True, "dependencies": [], "public_api": ["a"], "last_modified": "2026-01-01"}
    )
    repo.write(".claude/project_structure.json", structure)
    repo.commit("alpha")
    repo.write("pkg/beta.py", 'from pkg.gamma import a\n\n\ndef b() -> int:\n    """B."""\n    return a()\n')
    repo.git("mv", "pkg/alpha.py", "pkg/gamma.py")
    repo.stage()
    messages = [item["message"] for item in guard_staged(capsys) if item["code"] == "MEM002"]
    assert len(messages) == 3 and all("prefguard memory" in message for message in messages)
    assert memory("structure") == 0
    out = capsys.readouterr().out
    assert "appended 1 module(s) (pkg/beta.py); recorded 1 move(s) (pkg/alpha.py -> pkg/gamma.py)" in out
    assert "[OK] staged .claude/project_structure.json" in out
    modules = read(project, ".claude/project_structure.json")["modules"]
    assert modules[:-2] == structure["modules"][:-1] + [dict(structure["modules"][-1], moved_to="pkg/gamma.py")]
    assert modules[-2]["path"] == "pkg/beta.py" and modules[-2]["dependencies"] == ["pkg.gamma"] and modules[-2]["public_api"] == ["b"]
    assert modules[-1] == dict(structure["modules"][-1], name="pkg.gamma", path="pkg/gamma.py", moved_from="pkg/alpha.py", last_modified=date.today().isoformat())
    assert memory("log", "--requested", "r", "--executed", "e", "--status", "success") == 0
    assert [item["code"] for item in guard_staged(capsys)] == []
    assert memory("structure") == 0
    assert "every module is listed; nothing appended" in capsys.readouterr().out


def test_mem001_says_the_entry_must_be_staged(project: Path, capsys: pytest.CaptureFixture) -> None:
    repo = GitRepo(project, create=False)
    memory("init")
    repo.commit("memory")
    repo.write("tool.py", "X = 1\n")
    repo.stage()
    messages = [item["message"] for item in guard_staged(capsys) if item["code"] == "MEM001"]
    assert len(messages) == 1 and f"`git add {LOG}`" in messages[0]


def test_structure_without_a_readable_structure_file_is_exit_2(project: Path, capsys: pytest.CaptureFixture) -> None:
    assert memory("structure") == 2
    assert "project_structure.json does not exist; run `prefguard memory init`" in capsys.readouterr().err
    memory("init")
    (project / ".claude" / "project_structure.json").write_text('{"modules": [}', encoding="utf-8")
    capsys.readouterr()
    assert memory("structure") == 2
    assert "cannot be read safely" in capsys.readouterr().err
