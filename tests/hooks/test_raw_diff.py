"""The one parser of ``git diff --raw -z`` listings, against listings of a real repository."""

from pathlib import Path
from typing import Callable

import pytest

from hooks.vcs.blobs import changed_blobs
from hooks.vcs.changes import parse_raw_diff
from hooks.vcs.raw_diff import parse_raw_records
from tests.conftest import GitRepo


def test_records_of_a_real_listing_with_renames_and_odd_names(make_repo: Callable[..., GitRepo]) -> None:
    repo = make_repo()
    repo.write("keep.py", "A = 1\n" * 20)
    repo.write("gone.py", "B = 2\n")
    repo.write("old name.py", "C = 3\n" * 20)
    base = repo.commit("base")
    repo.write("keep.py", "A = 2\n" * 20)
    (repo.path / "gone.py").unlink()
    (repo.path / "old name.py").rename(repo.path / "new\nname ü.py")
    repo.write("added.py", "D = 4\n")
    repo.stage()
    output = repo.git("diff", "--cached", "--raw", "-z", "-M", "--no-abbrev", base)
    records = {record.letter: record for record in parse_raw_records(output.encode("utf-8") + b"\0")}
    assert set(records) == {"A", "D", "M", "R"}
    assert records["R"].path == "old name.py" and records["R"].final_path == "new\nname ü.py"
    assert records["A"].new_mode == "100644" and len(records["A"].new_id) == 40 and set(records["A"].old_id) == {"0"}
    changes = {change.status: change for change in parse_raw_diff(output.encode("utf-8") + b"\0")}
    assert (changes["R"].old_path, changes["R"].new_path) == ("old name.py", "new\nname ü.py")
    assert changes["D"].new_sha is None and changes["A"].old_sha is None


def test_the_staged_blobs_come_from_the_same_parser(make_repo: Callable[..., GitRepo], monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo()
    repo.write("a.py", "A = 1\n")
    repo.commit("base")
    repo.write("a.py", "A = 2\n")
    repo.write("b c.py", "B = 1\n")
    repo.stage()
    monkeypatch.chdir(repo.path)
    blobs = {blob.relative: blob for blob in changed_blobs(repo.path, True, None, None)}
    assert {name: (blob.data, blob.is_new) for name, blob in blobs.items()} == {"a.py": (b"A = 2\n", False), "b c.py": (b"B = 1\n", True)}


@pytest.mark.parametrize("output", [b"garbage\0x.py\0", b":100644 100644 abc def\0x.py\0", b":100644 100644 a b R100\0only-one.py\0"])
def test_output_that_is_not_a_raw_listing_is_an_error(output: bytes) -> None:
    with pytest.raises(ValueError):
        parse_raw_records(output)
