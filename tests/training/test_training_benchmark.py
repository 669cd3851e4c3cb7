"""The overhead benchmark runs both loops on the same model and prints the comparison."""

import re

import pytest

from benchmarks.training_overhead import main

# Training runs with and without the policy machinery: slow tier.
pytestmark = pytest.mark.slow


def test_benchmark_prints_bare_full_and_overhead(capsys: pytest.CaptureFixture) -> None:
    code = main(
        [
            "--steps", "8",
            "--repeats", "1",
            "--max-corpus-chars", "50000",
            "--model-set", "n_layer=1",
            "--model-set", "n_embd=32",
            "--model-set", "n_head=2",
            "--model-set", "block_size=32",
            "--device", "cpu",
        ]
    )
    output = capsys.readouterr().out
    assert code == 0
    bare = float(re.search(r"\[INFO\] Bare loop tok/s: (\d+)", output).group(1))
    full = float(re.search(r"\[INFO\] Full loop tok/s: (\d+)", output).group(1))
    overhead = float(re.search(r"\[INFO\] Overhead %: (-?\d+\.\d)", output).group(1))
    assert bare > 0 and full > 0
    assert overhead == pytest.approx((bare - full) / bare * 100.0, abs=0.2)
