# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""STB003: unfinished-work markers in comments and docstrings.

The markers come from the ``placeholder-markers`` setting. Upper-case markers
(the usual four-letter ones) match case-sensitively as whole words, plus the
lower-case spelling when a colon or parenthesis follows (``todo: ...``); the
three-letter one doubles as a stand-in name (``from XXX import YYY``), so it
counts only where it opens a sentence or clause. The
two ordinary English words of the default list are also technical terms
(type-checking files, test doubles, template fields), so they count only where
the text says the code itself is unfinished: as a label opening the line
("Placeholder.", "stub: ...", "Stub implementation."), or next to a cue such
as "for now", "until" or "just a", and never beside a technical context word.
"""

import re
from typing import Any, Dict, List, Optional, Pattern, Tuple, Union

import libcst as cst

from checks.analysis.docstrings import docstring_node
from checks.engine.positions import locate
from checks.engine.rule import FileContext, Invalid, Rule, Valid

CONTEXT_WORDS = frozenset({"placeholder", "stub"})
METASYNTACTIC = frozenset({"XXX"})
PLAIN = "plain"
CONTEXT = "context"
SENTENCE = "sentence"
_LEFT = r"(?<![\w\-./=?&@$`'\"\\])"
_RIGHT = r"(?![\w\-`'\"])"
UNFINISHED_CUE = re.compile(
    r"\b(?:for now|until|later|temporar\w*|not (?:yet )?implemented|to be (?:written|implemented|done|filled|replaced)"
    r"|replace (?:this|me|it)|fill (?:this |it )?in|real implementation|dummy implementation"
    r"|(?:just|only) an?)\b",
    re.IGNORECASE,
)
TECHNICAL_CONTEXT = re.compile(
    r"type[\s-]*stubs?\b|\bstubs?[\s-]+(?:files?|packages?|only|out|servers?|generat\w*|bod(?:y|ies)|modules? for)\b"
    r"|\.pyi\b|typeshed|stubgen|\bg?rpc\b|\bmock\w*|\bfakes?\b|\bdoubles?\b|\{[^}]*\}|\btemplates?\b|\bformat\w*"
    r"|\btf\.|\bhtml\b|\binput\b|\bfield\b|\btokens?\b|\bprompts?\b|\bplaceholders?[\s-]+(?:values? in|names?|syntax)",
    re.IGNORECASE,
)
LEADING_PUNCTUATION = " \t#*-:>!"
LABEL_FOLLOWER = re.compile(
    r"\s*(?:(?:implementation|function|method|class|code|body|version|module|logic)\b\s*)?(?:$|[:.!,\-\u2013\u2014])",
    re.IGNORECASE,
)


def _compile(marker: str) -> Tuple[Pattern[str], str]:
    """A pattern for one configured marker and the test its matches must pass."""
    words = marker.split()
    body = r"\s+".join(re.escape(word) for word in words)
    if marker.isupper():
        pattern = rf"{_LEFT}(?:{body}{_RIGHT}|(?i:{body})(?=\s*[:(]))"
        return re.compile(pattern), (SENTENCE if marker in METASYNTACTIC else PLAIN)
    if [word.lower() for word in words] == ["implement", "later"]:
        return re.compile(r"\bimplement(?:\s+(?:it|this|that|them|the\s+rest))?\s+later\b", re.IGNORECASE), PLAIN
    return re.compile(rf"{_LEFT}{body}{_RIGHT}", re.IGNORECASE), (CONTEXT if marker.lower() in CONTEXT_WORDS else PLAIN)


def _opens_sentence(text: str, start: int, end: int) -> bool:
    """Whether a marker that doubles as a stand-in name opens a sentence or clause (not ``from XXX import``)."""
    if text[end:].lstrip().startswith("="):
        return False
    before = text[:start]
    stripped = before.rstrip()
    if not stripped.strip(LEADING_PUNCTUATION):
        return True
    return stripped[-1] in ".!?;:(" or before.endswith("  ")


def _says_unfinished(text: str, start: int, end: int) -> bool:
    """Whether an ordinary-word marker at ``text[start:end]`` marks unfinished code."""
    if TECHNICAL_CONTEXT.search(text):
        return False
    if not text[:start].strip(LEADING_PUNCTUATION) and LABEL_FOLLOWER.match(text[end:]):
        return True
    return UNFINISHED_CUE.search(text) is not None


class PlaceholderMarkerRule(Rule):
    """Flags comments and docstrings that mark work as unfinished (see the module docstring)."""

    code = "STB003"
    section = "2"
    summary = "placeholder marker in a comment or docstring: TODO, FIXME, XXX, TBD, placeholder, stub, implement later"
    rationale = (
        "Every file must hold complete, final content: a marker that says 'finish this later' "
        "records a deferred step the policy forbids, and such notes outlive everyone who remembers them."
    )
    exemptions = (
        'Markers that are not whole words, the three-letter marker as a stand-in name, and the ordinary words '
        "'placeholder'/'stub' where the text does not say the code itself is unfinished (technical terms, "
        'test doubles, template fields).'
    )
    valid = (
        Valid("todo_items = load_todo_list()  # the list of open items\n"),
        Valid("message = 'TODO: nothing'\n"),
        Valid("# checkpoint names look like ckpt_stepXXX.pt\n"),
        Valid("# phone numbers are shown as XXX-XXX-XXXX\n"),
        Valid("# the parser handles 'from XXX import YYY' lines\n"),
        Valid('def render(template: str) -> str:\n    """Fill the {name} placeholder of the template."""\n    return template\n'),
        Valid("# ship type stubs (.pyi) with the wheel\n"),
        Valid("# the stub server answers every request with 200\n"),
        Valid("# a stubborn bug in the tokenizer was fixed upstream\n"),
        Valid("# pytest replaces the network call with a stub object\n"),
        Valid("# the tokenizer maps unknown words to a placeholder token\n"),
    )
    invalid = (
        Invalid("x = 1  # TODO: check the range\n", line=1),
        Invalid("# FIXME handles ASCII only\nx = 1\n", line=1),
        Invalid("# XXX: this breaks on Windows\n", line=1),
        Invalid("# batch size TBD\nbatch_size = 32\n", line=1),
        Invalid("# todo: add validation\n", line=1),
        Invalid('def load() -> None:\n    """Load the data.\n\n    TODO: handle empty files.\n    """\n    read()\n', line=4),
        Invalid("def load() -> None:\n    # placeholder until the real loader lands\n    return None\n", line=2),
        Invalid('def load() -> None:\n    """Stub implementation."""\n    return None\n', line=2),
        Invalid("# implement later\n", line=1),
        Invalid("# this function is just a stub for now\n", line=1),
        Invalid('"""Data utilities.\n\nTODO: split into modules.\nFIXME: slow on large files.\n"""\n', count=2, line=3),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.patterns: List[Tuple[str, Pattern[str], str]] = []
        for marker in context.settings.value("placeholder-markers"):
            if isinstance(marker, str) and marker.strip():
                pattern, test = _compile(marker.strip())
                self.patterns.append((marker.strip(), pattern, test))
        words = sorted({marker.split()[0] for marker, _, _ in self.patterns} | {"implement"})
        self.prefilter = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
        self.docstrings: List[cst.BaseExpression] = []

    def find(self, text: str) -> Optional[Tuple[str, int]]:
        """The first marker in one line of text and its offset, or None."""
        if not self.prefilter.search(text):
            return None
        best: Optional[Tuple[str, int]] = None
        for marker, pattern, test in self.patterns:
            for match in pattern.finditer(text):
                if test == CONTEXT and not _says_unfinished(text, match.start(), match.end()):
                    continue
                if test == SENTENCE and not _opens_sentence(text, match.start(), match.end()):
                    continue
                if best is None or match.start() < best[1]:
                    best = (marker, match.start())
                break
        return best

    def visit_Comment(self, node: cst.Comment) -> None:
        """One finding per comment that holds a marker."""
        found = self.find(node.value[1:])
        if found is not None:
            self.report(node, f"placeholder marker {found[0]!r} in a comment: finish the work or remove the note")

    def _remember_docstring(self, body: Union[cst.Module, cst.IndentedBlock, cst.SimpleStatementSuite]) -> None:
        string = docstring_node(body)
        if string is not None:
            self.docstrings.append(string)

    def visit_Module(self, node: cst.Module) -> None:
        """Remember the module docstring."""
        self._remember_docstring(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Remember the class docstring."""
        self._remember_docstring(node.body)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Remember the function docstring."""
        self._remember_docstring(node.body)

    def _docstring_hits(self, string: cst.BaseExpression) -> List[Tuple[int, int, str]]:
        """(line offset inside the literal, 0-based column, marker) for each line with a marker."""
        if not isinstance(string, cst.SimpleString):
            return []
        opening = len(string.prefix) + len(string.quote)
        body = string.value[opening : len(string.value) - len(string.quote)]
        hits = []
        for offset, line in enumerate(body.split("\n")):
            found = self.find(line)
            if found is not None:
                hits.append((offset, found[1] + (opening if offset == 0 else 0), found[0]))
        return hits

    def _unique_positions(self, marked: Dict[int, Tuple[cst.BaseExpression, List[Tuple[int, int, str]]]]) -> Dict[int, Tuple[int, ...]]:
        """Start positions of docstrings whose text occurs once in the file (no tree pass needed)."""
        source = self.context.source
        found: Dict[int, Tuple[int, ...]] = {}
        for key, (string, _) in marked.items():
            if not isinstance(string, cst.SimpleString):
                continue
            offset = source.find(string.value)
            if offset < 0 or source.find(string.value, offset + 1) >= 0:
                continue
            line_start = max(source.rfind("\n", 0, offset), source.rfind("\r", 0, offset)) + 1
            line = source.count("\n", 0, offset) + source.count("\r", 0, offset) - source.count("\r\n", 0, offset) + 1
            found[key] = (line, offset - line_start + 1)
        return found

    def finish(self, module: Any) -> None:
        """Locate docstrings with markers (only those) and report each marked line."""
        marked: Dict[int, Tuple[cst.BaseExpression, List[Tuple[int, int, str]]]] = {}
        for string in self.docstrings:
            hits = self._docstring_hits(string)
            if hits:
                marked[id(string)] = (string, hits)
        if not marked:
            return
        ranges = self._unique_positions(marked)
        unknown = [string for key, (string, _) in marked.items() if key not in ranges]
        try:
            ranges.update(locate(module, unknown) if unknown else {})
        except RecursionError:
            pass
        for key, (string, hits) in marked.items():
            if key not in ranges:
                for _, _, marker in hits:
                    self.report(string, f"placeholder marker {marker!r} in a docstring: finish the work or remove the note")
                continue
            line, column = ranges[key][:2]
            for offset, start, marker in hits:
                at_column = column + start if offset == 0 else start + 1
                self.report_at(
                    line + offset,
                    at_column,
                    f"placeholder marker {marker!r} in a docstring: finish the work or remove the note",
                )
