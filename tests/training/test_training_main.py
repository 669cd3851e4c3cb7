"""``python -m training`` is wired to the command line (run in-process so coverage sees __main__)."""

import runpy
import sys

import pytest


def test_module_entry_point_runs_the_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setattr(sys, "argv", ["training", "--help"])
    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("training", run_name="__main__")
    assert stopped.value.code == 0
    assert "--max-steps" in capsys.readouterr().out
