"""Re-pathing a finding for display keeps everything else, the fix included."""

from checks.engine.finding import Finding, Fix


def test_with_path_changes_only_the_path() -> None:
    fix = Fix("add encoding='utf-8'")
    finding = Finding("ENC001", "pkg/a.py", 3, 5, 3, 9, "open() without encoding", fix=fix, pointer="/1", commit="abc", cell=2)
    moved = finding.with_path("../pkg/a.py")
    assert moved.path == "../pkg/a.py" and moved.fix is fix
    assert moved.to_dict() == dict(finding.to_dict(), path="../pkg/a.py")
    assert finding.path == "pkg/a.py"
