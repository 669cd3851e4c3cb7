# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The three memory files of policy section 3, derived from what a repository holds.

- ``project_concept.json``: the name, vision and goals as the build files and
  the README state them, the platform from the Python requirement and the
  imported packages, the constraints and audience from the metadata; a
  ``sources`` key says where each value came from.
- ``project_structure.json``: one entry per module on disk with its dotted
  name, status, project and third-party dependencies read from its imports,
  public API (``__all__`` or the public names it defines) and the date of its
  last commit; the entry points with the rule that found each.
- ``project_log.json``: one entry recording the init.

Nothing here invents a value: a field the repository says nothing about
stays empty, and the ``sources`` key says so.
"""

import sys
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Dict, FrozenSet, List, Mapping, Sequence, Tuple

from checks.adoption.readme_facts import ReadmeFacts, sentences
from checks.analysis.project_metadata import ProjectMetadata
from checks.guard.memory_rules import make_log_entry
from checks.integration.graph import ImportGraph
from checks.integration.layout import ModuleIndex
from checks.integration.summary import ModuleSummary

AUDIENCE_PREFIX = "Intended Audience :: "
LICENSE_PREFIX = "License :: "
STRUCTURE_FORMAT = 1
MAX_PLATFORM_PACKAGES = 12


@dataclass(frozen=True)
class ModuleFacts:
    """One module as the structure file lists it."""

    path: str
    name: str
    dependencies: Tuple[str, ...]
    public_api: Tuple[str, ...]


def module_facts(
    summaries: Mapping[str, ModuleSummary],
    paths: Sequence[str],
    stdlib_names: FrozenSet[str] = frozenset(sys.stdlib_module_names),
) -> Tuple[List[ModuleFacts], Tuple[str, ...]]:
    """The facts of each of ``paths`` and every third-party package the project imports.

    ``summaries`` holds every file of the project (so imports resolve);
    ``paths`` are the modules to describe.
    """
    index = ModuleIndex(list(summaries))
    graph = ImportGraph(index, dict(summaries), stdlib_names)
    facts = []
    third_party: set = set()
    for path in paths:
        links = graph.links[path]
        third_party |= links.third_party
        named = {index.name_of(edge.target) for edge in links.edges if edge.target != path}
        # Importing pkg.mod also runs pkg: that parent is an edge, not a dependency a reader would list.
        project = sorted(name for name in named if not any(other.startswith(name + ".") for other in named))
        summary = summaries[path]
        if summary.exported is not None:
            public = tuple(summary.exported)
        else:
            public = tuple(sorted(name for name in summary.defined if not name.startswith("_")))
        facts.append(ModuleFacts(path, index.name_of(path), tuple(project + sorted(links.third_party)), public))
    return facts, tuple(sorted(third_party))


def _audiences(classifiers: Sequence[str]) -> List[str]:
    return [c[len(AUDIENCE_PREFIX):].strip() for c in classifiers if c.startswith(AUDIENCE_PREFIX)]


def _licenses(metadata: ProjectMetadata) -> List[str]:
    found = [c.split("::")[-1].strip() for c in metadata.classifiers if c.startswith(LICENSE_PREFIX)]
    if metadata.license and metadata.license not in found and len(metadata.license) < 120:
        found.insert(0, metadata.license)
    return found


def concept(name: str, metadata: ProjectMetadata, readme: ReadmeFacts, readme_name: str, packages: Sequence[str]) -> Dict[str, Any]:
    """``project_concept.json`` from the metadata, the README and the imported packages."""
    build = ", ".join(metadata.sources) or "build files"
    if metadata.name:
        name_source = f"{build} name"
    elif readme.title:
        name_source = f"{readme_name}, title"
    else:
        name_source = "name of the repository folder"
    sources: Dict[str, str] = {"project_name": name_source}
    vision = metadata.description
    if vision:
        sources["vision"] = f"{build} description"
    elif readme.summary:
        vision = readme.summary
        sources["vision"] = f"{readme_name}, first paragraph"
    else:
        sources["vision"] = "not stated in the build files or a README"
    if readme.goals:
        goals = list(readme.goals)
        sources["core_goals"] = f"{readme_name}, section {readme.goals_heading!r}"
    elif readme.summary:
        goals = list(sentences(readme.summary))
        sources["core_goals"] = f"{readme_name}, first paragraph"
    else:
        goals = []
        sources["core_goals"] = "not stated in a README"
    python = f"Python {metadata.requires_python}" if metadata.requires_python else "Python"
    shown = list(packages[:MAX_PLATFORM_PACKAGES]) + (["..."] if len(packages) > MAX_PLATFORM_PACKAGES else [])
    platform = f"{python}; third-party packages imported: {', '.join(shown)}" if packages else f"{python}; standard library only"
    sources["platform"] = "requires-python of the build files and the imports of the modules"
    constraints = []
    if metadata.requires_python:
        constraints.append(f"supports Python {metadata.requires_python}")
    constraints.extend(f"license: {license_name}" for license_name in _licenses(metadata))
    if metadata.dependencies:
        constraints.append(f"runtime dependencies: {', '.join(metadata.dependencies)}")
    sources["key_constraints"] = f"{build}: requires-python, license, dependencies" if constraints else "not stated in the build files"
    users = _audiences(metadata.classifiers)
    sources["target_users"] = f"{build}: Intended Audience classifiers" if users else "not stated in the build files"
    return {
        "project_name": metadata.name or readme.title or name,
        "vision": vision,
        "core_goals": goals,
        "platform": platform,
        "key_constraints": constraints,
        "target_users": users,
        "sources": sources,
    }


def module_entry(facts: ModuleFacts, last_modified: Mapping[str, str], today: date) -> Dict[str, Any]:
    """One ``modules`` entry: active, dated by the module's last commit (today when it has none)."""
    return {
        "name": facts.name,
        "path": facts.path,
        "status": "active",
        "dependencies": list(facts.dependencies),
        "public_api": list(facts.public_api),
        "last_modified": last_modified.get(facts.path, today.isoformat()),
    }


def structure(
    project_name: str,
    modules: Sequence[ModuleFacts],
    last_modified: Mapping[str, str],
    found_by: Sequence[Tuple[str, str]],
    today: date,
) -> Dict[str, Any]:
    """``project_structure.json``: every module on disk, active, with its imports and public API."""
    entries = [module_entry(facts, last_modified, today) for facts in modules]
    return {
        "project_name": project_name,
        "format_version": STRUCTURE_FORMAT,
        "entry_point": found_by[0][0] if found_by else "",
        "last_modified": today.isoformat(),
        "entry_points": [{"path": path, "found_by": rule} for path, rule in found_by],
        "modules": entries,
    }


def init_log_entry(
    written: Sequence[str], entries: int, modules: int, baseline: str, notes: str, now: datetime
) -> Dict[str, Any]:
    """The log entry that records ``prefguard init``."""
    executed = (
        f"prefguard init wrote {', '.join(written)}; {entries} entry points found, "
        f"{modules} modules listed in the structure; {baseline}"
    )
    return make_log_entry(
        "Put the repository under the policy (prefguard init)",
        executed,
        list(written),
        "success",
        notes,
        now,
    )
