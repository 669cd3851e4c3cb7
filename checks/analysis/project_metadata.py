# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""A project's packaging metadata, read from the text of its build files.

``pyproject.toml`` is parsed with tomllib, ``setup.cfg`` with configparser and
``setup.py`` with :mod:`ast`: the ``setup(...)`` call is read for literal
keyword values (and names bound to literals at module level). Nothing is
ever executed, so a ``setup.py`` that would do damage when run is harmless
here. The caller reads the files; these functions only see their text.
"""

import ast
import configparser
import sys
from dataclasses import dataclass, field, replace
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
SETUP_CFG = "setup.cfg"
SETUP_PY = "setup.py"
SCRIPT_GROUPS: Tuple[str, ...] = ("console_scripts", "gui_scripts")


class MetadataError(ValueError):
    """A build file that cannot be read: ``path`` names it, ``problem`` says why."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class ScriptTarget:
    """One declared entry point: ``name = module:function`` and where it was declared."""

    name: str
    target: str
    origin: str

    @property
    def module(self) -> str:
        """``pkg.mod:func [extra]`` -> ``pkg.mod``."""
        return self.target.split("[")[0].split(":")[0].strip()


@dataclass(frozen=True)
class ProjectMetadata:
    """What the build files say about a project; empty fields where they say nothing."""

    name: str = ""
    description: str = ""
    version: str = ""
    requires_python: str = ""
    license: str = ""
    classifiers: Tuple[str, ...] = ()
    dependencies: Tuple[str, ...] = ()
    keywords: Tuple[str, ...] = ()
    scripts: Tuple[ScriptTarget, ...] = ()
    packaged: bool = False
    sources: Tuple[str, ...] = ()
    notes: Tuple[str, ...] = field(default=())
    authors: Tuple[str, ...] = ()


def _author_names(value: Any) -> Tuple[str, ...]:
    """Names of ``[project] authors`` tables or ``Name <email>`` strings (poetry, setup.cfg)."""
    names = []
    for item in value if isinstance(value, list) else [value]:
        name = item.get("name") if isinstance(item, Mapping) else item
        if isinstance(name, str):
            name = name.split("<", 1)[0].strip()
            if name:
                names.append(name)
    return tuple(names)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _strings(value: Any) -> Tuple[str, ...]:
    if isinstance(value, str):
        return tuple(line.strip() for line in value.splitlines() if line.strip())
    if isinstance(value, (list, tuple)):
        return tuple(str(item).strip() for item in value if isinstance(item, str) and item.strip())
    return ()


def _license(value: Any) -> str:
    if isinstance(value, Mapping):
        text = _text(value.get("text"))
        return text if text else (f"see {value['file']}" if isinstance(value.get("file"), str) else "")
    return _text(value)


def _table_scripts(table: Any, origin: str) -> List[ScriptTarget]:
    if not isinstance(table, Mapping):
        return []
    return [ScriptTarget(str(name), str(value), origin) for name, value in table.items() if isinstance(value, str)]


def from_pyproject(text: str) -> ProjectMetadata:
    """Metadata of ``[project]`` (or ``[tool.poetry]``) and every declared entry point."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MetadataError(PYPROJECT, f"not valid TOML: {error}") from error
    project = data.get("project")
    tool = data.get("tool") if isinstance(data.get("tool"), Mapping) else {}
    poetry = tool.get("poetry") if isinstance(tool.get("poetry"), Mapping) else None
    scripts: List[ScriptTarget] = []
    if isinstance(project, Mapping):
        scripts += _table_scripts(project.get("scripts"), f"{PYPROJECT} [project.scripts]")
        scripts += _table_scripts(project.get("gui-scripts"), f"{PYPROJECT} [project.gui-scripts]")
        groups = project.get("entry-points")
        if isinstance(groups, Mapping):
            for group, table in groups.items():
                scripts += _table_scripts(table, f'{PYPROJECT} [project.entry-points."{group}"]')
        return ProjectMetadata(
            name=_text(project.get("name")),
            description=_text(project.get("description")),
            version=_text(project.get("version")),
            requires_python=_text(project.get("requires-python")),
            license=_license(project.get("license")),
            classifiers=_strings(project.get("classifiers")),
            dependencies=_strings(project.get("dependencies")),
            keywords=_strings(project.get("keywords")),
            scripts=tuple(scripts),
            packaged=True,
            sources=(PYPROJECT,),
            authors=_author_names(project.get("authors")),
        )
    if poetry is not None:
        scripts += _table_scripts(poetry.get("scripts"), f"{PYPROJECT} [tool.poetry.scripts]")
        dependencies = poetry.get("dependencies")
        return ProjectMetadata(
            name=_text(poetry.get("name")),
            description=_text(poetry.get("description")),
            version=_text(poetry.get("version")),
            requires_python=_text(dependencies.get("python")) if isinstance(dependencies, Mapping) else "",
            license=_text(poetry.get("license")),
            classifiers=_strings(poetry.get("classifiers")),
            dependencies=tuple(str(k) for k in dependencies if k != "python") if isinstance(dependencies, Mapping) else (),
            keywords=_strings(poetry.get("keywords")),
            scripts=tuple(scripts),
            packaged=True,
            sources=(PYPROJECT,),
            authors=_author_names(poetry.get("authors")),
        )
    return ProjectMetadata(sources=(PYPROJECT,))


def _ini_scripts(section: Mapping[str, str], origin: str) -> List[ScriptTarget]:
    found = []
    for group in SCRIPT_GROUPS:
        for line in _strings(section.get(group, "")):
            name, sep, target = line.partition("=")
            if sep and name.strip() and target.strip():
                found.append(ScriptTarget(name.strip(), target.strip(), f"{origin} {group}"))
    return found


def _entry_points_ini(text: str, origin: str) -> List[ScriptTarget]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    found = []
    for group in SCRIPT_GROUPS:
        if parser.has_section(group):
            for name, target in parser.items(group):
                found.append(ScriptTarget(name.strip(), target.strip(), f"{origin} {group}"))
    return found


def from_setup_cfg(text: str) -> ProjectMetadata:
    """Metadata of ``[metadata]``/``[options]`` and ``[options.entry_points]`` of setup.cfg."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=SETUP_CFG)
    except configparser.Error as error:
        raise MetadataError(SETUP_CFG, f"not a valid INI file: {error}") from error
    metadata = parser["metadata"] if parser.has_section("metadata") else {}
    options = parser["options"] if parser.has_section("options") else {}
    entry_points = parser["options.entry_points"] if parser.has_section("options.entry_points") else {}
    return ProjectMetadata(
        name=_text(metadata.get("name")),
        description=_text(metadata.get("description")),
        version=_text(metadata.get("version")),
        requires_python=_text(options.get("python_requires")),
        license=_text(metadata.get("license")),
        classifiers=_strings(metadata.get("classifiers", "")),
        dependencies=_strings(options.get("install_requires", "")),
        keywords=tuple(k.strip() for k in _text(metadata.get("keywords")).replace("\n", ",").split(",") if k.strip()),
        scripts=tuple(_ini_scripts(entry_points, f"{SETUP_CFG} [options.entry_points]")),
        packaged=bool(metadata) or bool(options),
        sources=(SETUP_CFG,),
        authors=_author_names(_text(metadata.get("author"))),
    )


class _Unknown(Exception):
    """A value that cannot be known without running the code."""


def _static(node: ast.AST, constants: Mapping[str, Any]) -> Any:
    """The value of a literal expression (names bound to literals allowed); raises _Unknown otherwise."""
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [_static(item, constants) for item in node.elts]
    if isinstance(node, ast.Dict):
        if any(key is None for key in node.keys):
            raise _Unknown()
        return {_static(key, constants): _static(value, constants) for key, value in zip(node.keys, node.values)}
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _static(node.left, constants), _static(node.right, constants)
        if type(left) is type(right) and isinstance(left, (str, list)):
            return left + right
    raise _Unknown()


def _module_constants(tree: ast.Module) -> Dict[str, Any]:
    constants: Dict[str, Any] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            try:
                constants[statement.targets[0].id] = _static(statement.value, constants)
            except _Unknown:
                constants.pop(statement.targets[0].id, None)
    return constants


def _setup_calls(tree: ast.Module) -> List[ast.Call]:
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name == "setup":
                calls.append(node)
    return calls


def _setup_scripts(value: Any) -> List[ScriptTarget]:
    origin = f"{SETUP_PY} entry_points"
    if isinstance(value, str):
        try:
            return _entry_points_ini(value, origin)
        except configparser.Error:
            return []
    found: List[ScriptTarget] = []
    if isinstance(value, Mapping):
        for group in SCRIPT_GROUPS:
            for line in _strings(value.get(group, ())):
                name, sep, target = line.partition("=")
                if sep and name.strip() and target.strip():
                    found.append(ScriptTarget(name.strip(), target.strip(), f"{origin} {group}"))
    return found


def from_setup_py(text: str) -> ProjectMetadata:
    """The literal keywords of the ``setup(...)`` call, read with ast; nothing is executed.

    A file that does not parse gives no metadata and a note, never an error:
    the build file of a project is not prefguard's configuration.
    """
    try:
        tree = ast.parse(text, filename=SETUP_PY)
    except (SyntaxError, ValueError) as error:
        return ProjectMetadata(sources=(SETUP_PY,), notes=(f"{SETUP_PY} cannot be parsed ({error}); its metadata is left out",))
    calls = _setup_calls(tree)
    if not calls:
        return ProjectMetadata(sources=(SETUP_PY,), notes=(f"{SETUP_PY} has no setup(...) call",))
    constants = _module_constants(tree)
    values: Dict[str, Any] = {}
    unknown: List[str] = []
    for keyword in calls[0].keywords:
        if keyword.arg is None:
            continue
        try:
            values[keyword.arg] = _static(keyword.value, constants)
        except _Unknown:
            unknown.append(keyword.arg)
    notes = (f"{SETUP_PY}: not literal, left out: {', '.join(sorted(unknown))}",) if unknown else ()
    return ProjectMetadata(
        name=_text(values.get("name")),
        description=_text(values.get("description")),
        version=_text(values.get("version")),
        requires_python=_text(values.get("python_requires")),
        license=_text(values.get("license")),
        classifiers=_strings(values.get("classifiers")),
        dependencies=_strings(values.get("install_requires")),
        keywords=_strings(values.get("keywords")),
        scripts=tuple(_setup_scripts(values.get("entry_points"))),
        packaged=True,
        sources=(SETUP_PY,),
        notes=notes,
        authors=_author_names(_text(values.get("author"))),
    )


def combine(parts: Sequence[ProjectMetadata]) -> ProjectMetadata:
    """One view of several build files: the first non-empty value of each field, every script."""
    result = ProjectMetadata()
    scripts: List[ScriptTarget] = []
    for part in parts:
        updates: Dict[str, Any] = {}
        for name in ("name", "description", "version", "requires_python", "license", "classifiers", "dependencies", "keywords", "authors"):
            if not getattr(result, name) and getattr(part, name):
                updates[name] = getattr(part, name)
        result = replace(
            result,
            packaged=result.packaged or part.packaged,
            sources=result.sources + part.sources,
            notes=result.notes + part.notes,
            **updates,
        )
        scripts.extend(script for script in part.scripts if (script.name, script.target) not in {(s.name, s.target) for s in scripts})
    return replace(result, scripts=tuple(scripts))


def read_metadata(texts: Mapping[str, str]) -> ProjectMetadata:
    """Combine the build files present: ``texts`` maps pyproject.toml / setup.cfg / setup.py to their text."""
    readers = ((PYPROJECT, from_pyproject), (SETUP_CFG, from_setup_cfg), (SETUP_PY, from_setup_py))
    return combine([reader(texts[name]) for name, reader in readers if name in texts])
