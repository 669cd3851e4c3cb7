"""The distribution: one top-level import name (``prefguard``), a launcher, package data that loads.

The slow test builds the wheel from this checkout's working tree, installs it in a fresh
virtual environment beside a user's project that has its own ``hooks`` and ``checks``
packages, runs prefguard, uninstalls it and finds the user's packages intact. The fresh
environment reaches prefguard's dependencies through a folder of links to the test
interpreter's site-packages (prefguard's own install left out), so nothing is downloaded.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from typing import Dict, List, Sequence

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "def add(a, b):\n    # calculeaza suma numerelor date\n    return a + b\n"


def pyproject() -> Dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def package_folders() -> List[str]:
    """Every folder of checks/ and hooks/ holding an ``__init__.py``, as the wheel names it."""
    found = ["prefguard"]
    for top in ("checks", "hooks"):
        for init in sorted((ROOT / top).rglob("__init__.py")):
            if "__pycache__" not in init.parts:
                found.append("prefguard._lib." + ".".join(init.parent.relative_to(ROOT).parts))
    return found


def test_every_package_folder_is_in_the_wheel_under_the_prefguard_name() -> None:
    tool = pyproject()["tool"]["setuptools"]
    assert sorted(tool["packages"]) == sorted(package_folders())
    assert tool["package-dir"] == {"prefguard._lib.checks": "checks", "prefguard._lib.hooks": "hooks"}
    assert pyproject()["project"]["scripts"] == {"prefguard": "prefguard.__main__:entry"}


def test_launcher_from_a_checkout_runs_this_checkouts_cli(tmp_path: Path) -> None:
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "__init__.py").write_text("raise SystemExit('the user hooks package was imported')\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "prefguard", "--version"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("prefguard ")


# ======================================================================
# The wheel, installed beside a user's own hooks and checks packages


def run(command: Sequence[str], cwd: Path, env: Dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)


def must(command: Sequence[str], cwd: Path, env: Dict[str, str]) -> str:
    done = run(command, cwd, env)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def copy_working_tree(target: Path) -> None:
    """This checkout's tracked and untracked files (ignored ones left out) copied to ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True
    )
    for raw in listed.stdout.split(b"\0"):
        relative = raw.decode("utf-8")
        source = ROOT / relative
        if relative and source.is_file() and not source.is_symlink():
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / relative)


def dependency_overlay(target: Path) -> Path:
    """Links to every entry of this interpreter's site-packages except prefguard's own install."""
    site = Path(sysconfig.get_paths()["purelib"])
    target.mkdir()
    for entry in site.iterdir():
        name = entry.name.lower()
        if name.startswith(("prefguard", "__editable__", "_prefguard")) or name.endswith(".pth") or name in ("hooks", "checks"):
            continue
        (target / entry.name).symlink_to(entry)
    return target


def build_wheel(tmp_path: Path) -> Path:
    source = tmp_path / "source"
    copy_working_tree(source)
    out = tmp_path / "dist"
    must([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
         tmp_path, dict(os.environ))
    wheels = list(out.glob("prefguard-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


USER_PYPROJECT = """[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "userproject"
version = "1.0"

[tool.setuptools]
packages = ["hooks", "checks"]
"""


@pytest.mark.slow
def test_wheel_claims_no_generic_name_and_uninstalls_without_touching_the_users_packages(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/", 1)[0] for name in archive.namelist()}
        names = archive.namelist()
    assert tops == {"prefguard", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}
    assert "prefguard/_lib/checks/english/data/lexicon.txt.gz" in names
    assert "prefguard/_lib/checks/guard/memory_schemas/log.schema.json" in names

    venv = tmp_path / "venv"
    must([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, dict(os.environ))
    python = venv / "bin" / "python"
    venv_site = Path(must([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path, dict(os.environ)).strip())
    (venv_site / "dependencies.pth").write_text(str(dependency_overlay(tmp_path / "overlay")) + "\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")

    user = tmp_path / "userproject"
    for package in ("hooks", "checks"):
        (user / package).mkdir(parents=True)
        (user / package / "__init__.py").write_text(f'OWNER = "user {package}"\n', encoding="utf-8")
    (user / "pyproject.toml").write_text(USER_PYPROJECT, encoding="utf-8")
    must([str(python), "-m", "pip", "install", "-q", "--no-build-isolation", str(user)], user, env)
    must([str(python), "-m", "pip", "install", "-q", str(wheel)], user, env)

    assert must([str(venv / "bin" / "prefguard"), "--version"], user, env).strip() == "prefguard 0.1.0"
    (user / "sample.py").write_text(SAMPLE, encoding="utf-8")
    checked = run([str(venv / "bin" / "prefguard"), "check", "sample.py", "--no-cache"], user, env)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "sample.py:1:9: ANN001 parameter 'a' of 'add' has no type annotation" in checked.stdout
    assert "sample.py:2:5: ENG001 comment is not in English: Romanian" in checked.stdout  # the packaged lexicon loads
    assert "[ERROR]" not in checked.stderr
    module = run([str(python), "-m", "prefguard", "check", "sample.py", "--no-cache"], user, env)
    assert module.returncode == 1 and module.stdout == checked.stdout
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    owners = "import hooks, checks; print(hooks.OWNER, '/', checks.OWNER)"
    assert must([str(python), "-c", owners], outside, env).strip() == "user hooks / user checks"

    must([str(python), "-m", "pip", "uninstall", "-y", "-q", "prefguard"], user, env)
    assert must([str(python), "-c", owners], outside, env).strip() == "user hooks / user checks"
    assert not (venv_site / "prefguard").exists()
    assert (venv_site / "hooks" / "__init__.py").read_text(encoding="utf-8") == 'OWNER = "user hooks"\n'


def test_release_workflow_builds_checks_publishes_and_moves_the_action_tag() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*.*.*"]
    build = "\n".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    for needed in ("-m build --sdist --wheel", "twine check --strict", "python3 -m venv", "prefguard\" --version",
                   'test "$version" = "prefguard ${TAG#v}"', "check bad.py", "test \"$status\" -eq 1"):
        assert needed in build, needed
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "build" and publish["permissions"] == {"id-token": "write"}
    assert publish["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")
    assert "with" not in publish["steps"][-1]  # no password: trusted publishing
    tag = workflow["jobs"]["action-tag"]
    assert tag["needs"] == "publish" and tag["permissions"] == {"contents": "write"}
    assert 'major="${TAG%%.*}"' in tag["steps"][0]["run"]


@pytest.mark.slow
def test_editable_install_runs_the_checkouts_code(tmp_path: Path) -> None:
    source = tmp_path / "source"
    copy_working_tree(source)
    venv = tmp_path / "venv"
    must([sys.executable, "-m", "venv", "--without-pip", str(venv)], tmp_path, dict(os.environ))
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONPATH=str(dependency_overlay(tmp_path / "overlay")))
    must([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", "--no-deps",
          "--no-build-isolation", "-e", str(source)], tmp_path, env)
    (source / "hooks" / "version.py").write_text(
        (source / "hooks" / "version.py").read_text(encoding="utf-8").replace('VERSION = "0.1.0"', 'VERSION = "0.1.0+edited"'),
        encoding="utf-8",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert must([str(venv / "bin" / "prefguard"), "--version"], elsewhere, env).strip() == "prefguard 0.1.0+edited"
    assert must([str(venv / "bin" / "python"), "-m", "prefguard", "--version"], elsewhere, env).strip() == "prefguard 0.1.0+edited"
