"""Build files read as text: pyproject.toml, setup.cfg and a setup.py that is never executed."""

import pytest

from checks.analysis.project_metadata import MetadataError, ScriptTarget, from_setup_py, read_metadata


def test_pyproject_scripts_gui_scripts_and_entry_point_groups() -> None:
    text = (
        '[project]\nname = "demo"\ndescription = "A demo."\nrequires-python = ">=3.10"\n'
        '[project.scripts]\ndemo = "demo.cli:main"\n'
        '[project.gui-scripts]\ndemo-gui = "demo.gui:run"\n'
        '[project.entry-points."pytest11"]\ndemo = "demo.plugin"\n'
    )
    metadata = read_metadata({"pyproject.toml": text})
    assert metadata.packaged and metadata.name == "demo" and metadata.requires_python == ">=3.10"
    assert metadata.scripts == (
        ScriptTarget("demo", "demo.cli:main", "pyproject.toml [project.scripts]"),
        ScriptTarget("demo-gui", "demo.gui:run", "pyproject.toml [project.gui-scripts]"),
        ScriptTarget("demo", "demo.plugin", 'pyproject.toml [project.entry-points."pytest11"]'),
    )
    assert [script.module for script in metadata.scripts] == ["demo.cli", "demo.gui", "demo.plugin"]


def test_poetry_scripts() -> None:
    text = '[tool.poetry]\nname = "poem"\ndescription = "Verses."\n[tool.poetry.scripts]\npoem = "poem.main:run"\n'
    metadata = read_metadata({"pyproject.toml": text})
    assert metadata.name == "poem" and metadata.scripts[0].origin == "pyproject.toml [tool.poetry.scripts]"


def test_pyproject_without_project_is_not_packaging() -> None:
    assert not read_metadata({"pyproject.toml": "[tool.black]\nline-length = 100\n"}).packaged


def test_invalid_pyproject_names_the_file() -> None:
    with pytest.raises(MetadataError) as raised:
        read_metadata({"pyproject.toml": "[project\n"})
    assert raised.value.path == "pyproject.toml" and "not valid TOML" in raised.value.problem


def test_setup_cfg_console_and_gui_scripts() -> None:
    text = (
        "[metadata]\nname = tool\ndescription = A tool.\nclassifiers =\n    Intended Audience :: Developers\n"
        "[options]\npython_requires = >=3.8\ninstall_requires =\n    requests\n"
        "[options.entry_points]\nconsole_scripts =\n    tool = tool.main:main\ngui_scripts =\n    tool-gui = tool.gui:main\n"
    )
    metadata = read_metadata({"setup.cfg": text})
    assert metadata.dependencies == ("requests",) and metadata.classifiers == ("Intended Audience :: Developers",)
    assert [(s.name, s.target) for s in metadata.scripts] == [("tool", "tool.main:main"), ("tool-gui", "tool.gui:main")]


def test_setup_py_literals_and_names_bound_to_literals_without_running_it() -> None:
    text = (
        "import os\nos.remove('important.txt')\n"
        "NAME = 'pkg'\nSCRIPTS = ['pkg = pkg.cli:main']\n"
        "setup(name=NAME, description=open('README').read(), python_requires='>=3.9',\n"
        "      entry_points={'console_scripts': SCRIPTS + ['pkg-x = pkg.x:main']})\n"
    )
    metadata = from_setup_py(text)
    assert metadata.name == "pkg" and metadata.description == ""
    assert [s.target for s in metadata.scripts] == ["pkg.cli:main", "pkg.x:main"]
    assert metadata.notes == ("setup.py: not literal, left out: description",)


def test_setup_py_entry_points_as_ini_text_and_unparsable_setup_py() -> None:
    metadata = from_setup_py("from setuptools import setup\nsetup(entry_points='[console_scripts]\\nrun = app.run:main\\n')\n")
    assert [s.target for s in metadata.scripts] == ["app.run:main"]
    broken = from_setup_py("setup(\n")
    assert not broken.packaged and "cannot be parsed" in broken.notes[0]


def test_combined_files_first_value_wins_and_scripts_add_up() -> None:
    metadata = read_metadata({
        "pyproject.toml": '[project]\nname = "first"\n',
        "setup.cfg": "[metadata]\nname = second\ndescription = From setup.cfg.\n[options.entry_points]\nconsole_scripts =\n    a = first.a:main\n",
    })
    assert metadata.name == "first" and metadata.description == "From setup.cfg."
    assert metadata.sources == ("pyproject.toml", "setup.cfg") and len(metadata.scripts) == 1
