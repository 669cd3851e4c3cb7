"""ENC001: what ``open`` and ``Path`` are is decided from the file's own imports and bindings."""

from typing import List, Tuple

from checks.engine.lint import fix_source, lint_source
from checks.config.settings import build_settings

SETTINGS = build_settings({}, select=["ENC001"])


def found(source: str) -> List[Tuple[int, int]]:
    return [(f.line, f.column) for f in lint_source(source, "pkg/mod.py", SETTINGS) if f.code == "ENC001"]


def test_open_imported_from_io_or_builtins_is_the_builtin() -> None:
    assert found("from io import open\n\nopen('a.txt')\n") == [(3, 1)]
    assert found("import builtins\n\nbuiltins.open('a.txt', 'w')\n") == [(3, 1)]


def test_open_from_other_modules_or_rebound_is_not_the_builtin() -> None:
    assert found("from codecs import open\n\nopen('a.txt')\n") == []
    assert found("import gzip\n\ngzip.open('a.gz', 'rt')\n") == []
    assert found("open = make_opener()\nopen('a.txt')\n") == []
    assert found("from os import *\n\nopen('a.txt', 0)\n") == []


def test_path_needs_pathlib() -> None:
    assert found("import pathlib as pl\n\npl.Path('a').read_text()\n") == [(3, 1)]
    assert found("from zipfile import Path\n\nPath(archive, 'a.txt').read_text()\n") == []
    assert found("Path('a').read_text()\n") == []


def test_a_name_assigned_something_else_too_is_not_known_to_be_a_path() -> None:
    source = "from pathlib import Path\n\ntarget = Path('a')\nif flag:\n    target = remote_file()\ntarget.read_text()\n"
    assert found(source) == []


def test_paths_through_functions_annotations_and_loops() -> None:
    source = (
        "from pathlib import Path\nfrom typing import Optional\n\nROOT = Path(__file__).parent\n\n"
        "def load(extra: Optional[Path], other: 'Path | None') -> None:\n"
        "    config = ROOT / 'configs' / 'default.yaml'\n"
        "    text = config.read_text()\n"
        "    more = extra.read_text()\n"
        "    for shard in sorted(ROOT.parents[1].rglob('*.txt')):\n"
        "        handle = shard.open('r')\n"
        "    with (ROOT.joinpath('x')).open('rb') as raw:\n"
        "        raw.read()\n"
    )
    assert found(source) == [(8, 12), (9, 12), (11, 18)]


def test_lambda_and_comprehension_names_shadow_outer_paths() -> None:
    source = (
        "from pathlib import Path\n\ndoc = Path('a.md')\nreaders = [lambda doc: doc.read_text()]\n"
        "texts = [doc.read_text() for doc in remote_documents()]\n"
    )
    assert found(source) == []


def test_self_attribute_assigned_a_path_everywhere() -> None:
    source = (
        "from pathlib import Path\nfrom dataclasses import dataclass\n\n@dataclass\nclass Run:\n    folder: Path\n\n"
        "    def log(self) -> str:\n        return (self.folder / 'log.txt').read_text()\n\n"
        "class Other:\n    def __init__(self, folder: str) -> None:\n        self.folder = folder\n\n"
        "    def log(self) -> str:\n        return self.folder.read_text()\n"
    )
    assert found(source) == [(9, 16)]


def test_encoding_given_positionally_counts() -> None:
    assert found("open('a.txt', 'r', -1, 'utf-8')\n") == []
    assert found("from pathlib import Path\n\nPath('a').open('w', -1, 'utf-8')\nPath('a').write_text('x', 'utf-8')\n") == []


def test_fix_appends_after_keywords_and_keeps_multiline_layout() -> None:
    source = "with open(\n    path,\n    'w',\n    newline='',\n) as handle:\n    pass\n"
    outcome = fix_source(source.encode("utf-8"), "pkg/mod.py", SETTINGS)
    assert outcome.source.decode("utf-8") == (
        "with open(\n    path,\n    'w',\n    newline='',\n    encoding='utf-8',\n) as handle:\n    pass\n"
    )
    compile(outcome.source, "mod.py", "exec")
