# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""INT004: internal code that nothing in the project references (policy section 7).

"Internal code: delete unused directly." A module-level function, class or
UPPER_CASE constant is reported only when it is certainly internal and certainly
unused:

- internal: its name starts with one underscore, or ``public-modules`` is
  configured and does not match the module. Without that setting a public
  name may be API for code outside the repository (``hubconf.py`` functions
  that torch.hub loads by name, a library's modules), so it is not judged. Package ``__init__.py`` files, names in ``__all__``, test files
  and modules that define ``__getattr__`` are never judged;
- unused: no file of the project (tests and excluded files included) imports
  the name, loads it (its own module, or a module that star-imports), reads it
  as an attribute, or spells it in a string (``getattr``, registries, entry
  points); decorated definitions and classes with bases may be registered
  without being named, and are kept.
"""

from typing import Iterable, List, Mapping, Sequence, Set

from checks.config.paths import matches_any
from checks.engine.finding import Finding
from checks.integration.summary import Definition, ModuleSummary

KEPT_NAMES = frozenset({"main"})


def _project_references(summaries: Mapping[str, ModuleSummary], entry_functions: Iterable[str]) -> Set[str]:
    """Names that some file imports, reads as an attribute, or spells in a string."""
    names: Set[str] = set(entry_functions)
    for summary in summaries.values():
        names |= summary.attribute_names
        names |= summary.identifier_strings
        star = False
        for record in summary.imports:
            for imported, _ in record.names:
                if imported == "*":
                    star = True
                else:
                    names.add(imported)
        if star:
            names |= summary.loaded_names
    return names


def _is_internal(definition: Definition, path: str, public_modules: Sequence[str]) -> bool:
    name = definition.name
    if name.startswith("_") and not name.startswith("__"):
        return True
    return bool(public_modules) and not matches_any(path, public_modules)


def unused_definitions(
    summaries: Mapping[str, ModuleSummary],
    candidates: Sequence[str],
    public_modules: Sequence[str] = (),
    entry_functions: Iterable[str] = (),
) -> List[Finding]:
    """INT004 findings for the internal definitions of ``candidates`` that nothing references.

    ``summaries`` are every parsed file of the project (the references);
    ``candidates`` the module paths to judge (no tests, no excluded files).
    ``entry_functions`` are the function names that entry-point declarations
    (``module:function``) name.
    """
    references = _project_references(summaries, entry_functions)
    findings: List[Finding] = []
    for path in sorted(candidates):
        summary = summaries.get(path)
        if summary is None or summary.parse_error or path.endswith("__init__.py") or "__getattr__" in summary.defined:
            continue
        exported = set(summary.exported or ())
        for definition in summary.definitions:
            name = definition.name
            if definition.registered or name in KEPT_NAMES or name in exported:
                continue
            if name in summary.loaded_names or name in references:
                continue
            if not _is_internal(definition, path, public_modules):
                continue
            findings.append(
                Finding.at(
                    "INT004",
                    path,
                    f"internal {definition.kind} {name} is referenced nowhere in the project "
                    "(no import, load, attribute or string names it); delete it (policy section 7)",
                    definition.line,
                )
            )
    return findings
