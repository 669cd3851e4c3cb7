"""The progress line: only on a terminal, only for long runs, never in logs, erased at the end."""

import io
from typing import List

import pytest

from hooks.runtime import progress as progress_module
from hooks.runtime.progress import Progress, line_wanted


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture()
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CI", "PRE_COMMIT", "TERM"):
        monkeypatch.delenv(name, raising=False)


def test_only_an_interactive_terminal_gets_a_line(clean_environment: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert line_wanted(Terminal(), quiet=False)
    assert not line_wanted(io.StringIO(), quiet=False)
    assert not line_wanted(Terminal(), quiet=True)
    for name, value in (("CI", "true"), ("PRE_COMMIT", "1"), ("TERM", "dumb")):
        monkeypatch.setenv(name, value)
        assert not line_wanted(Terminal(), quiet=False), name
        monkeypatch.delenv(name)


def fake_clock(monkeypatch: pytest.MonkeyPatch, times: List[float]) -> None:
    ticks = iter(times)
    monkeypatch.setattr(progress_module.time, "monotonic", lambda: next(ticks))


def test_a_short_run_draws_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_clock(monkeypatch, [0.0, 0.5, 1.0, 1.9])
    stream = Terminal()
    progress = Progress(3, True, stream)
    for _ in range(3):
        progress.advance()
    progress.close()
    assert stream.getvalue() == ""


def test_a_long_run_draws_one_rewritten_line_and_erases_it(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_clock(monkeypatch, [0.0, 1.0, 2.5, 2.6, 4.0])
    stream = Terminal()
    progress = Progress(8, True, stream)
    progress.advance()
    progress.advance()
    progress.advance()
    progress.advance(3)
    text = stream.getvalue()
    assert "\n" not in text
    drawn = [part for part in text.split("\r") if part.strip()]
    assert drawn[0].strip() == "[INFO] 2/8 files, 0.8 files/s, 8 s left"
    assert drawn[-1].strip() == "[INFO] 6/8 files, 1.5 files/s, 1 s left"
    assert len(drawn) == 2
    progress.close()
    assert stream.getvalue().endswith("\r" + " " * progress_width(drawn) + "\r")


def progress_width(drawn: List[str]) -> int:
    return max(len(part.rstrip()) for part in drawn)


def test_disabled_progress_only_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = Terminal()
    progress = Progress(5, False, stream)
    progress.advance(5)
    progress.close()
    assert progress.done == 5 and stream.getvalue() == ""
