"""A corpus of realistic files whose exact expected findings are written on the lines (``# expect: CODE``).

Every file is linted as a new file outside git; findings must match the expectations exactly:
no extra finding (precision) and none missing (recall).
"""

import re
from collections import Counter
from pathlib import Path
from typing import Counter as CounterType, List, Tuple

import pytest

from checks.engine.lint import lint_source
from checks.config.settings import build_settings

CORPUS = Path(__file__).parent / "corpus"
EXPECT = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")


def expected(source: str) -> CounterType[Tuple[str, int]]:
    found: CounterType[Tuple[str, int]] = Counter()
    for number, line in enumerate(source.splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            for code in match.group(1).split(","):
                found[(code.strip(), number)] += 1
    return found


def corpus_files() -> List[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix == ".py")


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_file_has_exactly_the_expected_findings(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    relative = f"pkg/{path.name}" if not path.name.startswith("test_") else f"tests/{path.name}"
    settings = build_settings({"header": {"year": 2026}})
    actual = Counter((f.code, f.line) for f in lint_source(source, relative, settings))
    want = expected(source)
    if path.name != "clean_trainer.py" and not path.name.startswith("test_"):
        want[("HDR001", 1)] += 1
        want[("HDR002", 1)] += 1
    assert actual == want
