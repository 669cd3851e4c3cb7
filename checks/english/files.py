# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""ENG004 (file and folder names) and ENG005 (documentation) as pure functions.

The command line passes repository-relative POSIX paths and the text of
documentation files; nothing here reads the disk.
"""

import re
from dataclasses import dataclass
from typing import FrozenSet, Iterable, List, Optional, Set, Tuple

from checks.english.detector import Verdict, detect_identifier, detect_prose, judge_rare_words, looks_english
from checks.english.text import split_identifier
from checks.engine.finding import Finding
from checks.config.paths import matches_any
from checks.config.settings import Settings

FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
RST_UNDERLINE = re.compile(r"^\s*([=\-~^\"'`#*+<>:.])\1{2,}\s*$")
RST_DIRECTIVE = re.compile(r"^\s*\.\.\s")
NAME_SEPARATORS = re.compile(r"[-.\s]+")
PROSE_NAMES = re.compile(
    r"(?:^|/)(?:readme|changelog|changes|contributing|history|news|authors|install|notes|release[-_]?notes|"
    r"code[-_]of[-_]conduct|security|support|faq|todo|usage)[^/]*$|(?:^|/)docs?/",
    re.IGNORECASE,
)
SAMPLE_LINES = 400
DATA_SHARE = 0.5
PROSE_SHARE = 0.3
PROSE_LINE_WORDS = 4
MIN_DATA_LINES = 5
ACRONYM_LETTERS = 5
ACRONYM_MIN_ZIPF = 5.0


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of documentation prose and its first line (1-based)."""

    line: int
    text: str


def _english_table(settings: Settings) -> dict:
    return settings.table("english")


def _allow(settings: Settings) -> FrozenSet[str]:
    table = _english_table(settings)
    words = list(table.get("allow-words", [])) + list(table.get("allow-names", []))
    return frozenset(str(word).lower() for word in words)


def _exempt(path: str, settings: Settings) -> bool:
    exempt = _english_table(settings).get("exempt", [])
    return bool(exempt) and matches_any(path, exempt)


def name_verdict(name: str, allow: FrozenSet[str] = frozenset()) -> Optional[Verdict]:
    """The verdict for one file or folder name (extensions and leading dots dropped).

    A name the identifier rules leave undecided is judged like prose by the
    deep lexicon (``plantillas``, ``padron.py``). A name that is one short ASCII word (``ACRONYM_LETTERS`` letters or fewer)
    is often a tool's acronym (``recem.py``, ``mos.py``): it is reported only
    when the word is among the most frequent of its language (``datos``).
    """
    stem = name.lstrip(".")
    if "." in stem:
        stem = stem.split(".", 1)[0]
    if not stem:
        return None
    name_words = NAME_SEPARATORS.sub("_", stem)
    verdict = detect_identifier(name_words, allow)
    if verdict is None and stem.isascii():
        verdict = judge_rare_words(" ".join(split_identifier(name_words)).lower(), allow)
    if verdict is not None and stem.isascii() and stem.isalpha() and len(stem) <= ACRONYM_LETTERS:
        return verdict if verdict.score >= ACRONYM_MIN_ZIPF else None
    return verdict


def _name_problem(name: str, allow: FrozenSet[str]) -> Optional[str]:
    verdict = name_verdict(name, allow)
    if not name.isascii():
        found = f": {verdict.describe()}" if verdict is not None else ""
        return f"is not ASCII{found}"
    if verdict is not None:
        return f"is not English: {verdict.describe()}"
    return None


def check_path_names(paths: Iterable[str], settings: Settings) -> List[Finding]:
    """ENG004 for every file and folder name in repository-relative POSIX paths.

    A folder is reported once, under its own path, however many files it
    holds; paths excluded by the configuration or by ``english.exempt`` and
    paths whose ENG004 is ignored are skipped.
    """
    allow = _allow(settings)
    seen: Set[str] = set()
    findings: List[Finding] = []
    for raw in paths:
        path = raw[2:] if raw.startswith("./") else raw
        if settings.is_excluded(path) or _exempt(path, settings) or "ENG004" not in settings.codes_for(path):
            continue
        parts = [part for part in path.split("/") if part and part != "."]
        for depth, part in enumerate(parts):
            current = "/".join(parts[: depth + 1])
            if current in seen:
                continue
            seen.add(current)
            problem = _name_problem(part, allow)
            if problem is None:
                continue
            kind = "file" if depth == len(parts) - 1 else "folder"
            findings.append(Finding("ENG004", current, 1, 1, 1, 1, f"{kind} name `{part}` {problem}"))
    return findings


def is_document(path: str, settings: Settings) -> bool:
    """Whether a path is documentation that ENG005 checks (``english.doc-extensions`` minus ``doc-exclude``)."""
    table = _english_table(settings)
    lower = path.lower()
    if not any(lower.endswith(ext.lower()) for ext in table.get("doc-extensions", [])):
        return False
    return not matches_any(path, table.get("doc-exclude", []))


def _sample(text: str) -> List[str]:
    lines: List[str] = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line)
            if len(lines) >= SAMPLE_LINES:
                break
    return lines


def looks_like_data(text: str) -> bool:
    """Whether a text file holds data rather than prose (its first few hundred lines decide).

    Data: most lines tab-separated, or comma/semicolon-separated with the same
    number of fields, or one token per line (word lists, vocabularies,
    corpora in CoNLL style).
    """
    lines = _sample(text)
    if len(lines) < MIN_DATA_LINES:
        return False
    count = len(lines)
    tabbed = sum(1 for line in lines if "\t" in line.strip())
    if tabbed >= count * DATA_SHARE:
        return True
    single = sum(1 for line in lines if len(line.split()) == 1)
    if single >= count * DATA_SHARE:
        return True
    for separator in (",", ";", "|"):
        fields = [line.count(separator) for line in lines]
        common = max(set(fields), key=lambda value: (fields.count(value), value))
        if common >= 1 and fields.count(common) >= count * DATA_SHARE and not _mostly_sentences(lines):
            return True
    return False


def _mostly_sentences(lines: List[str]) -> bool:
    ended = sum(1 for line in lines if line.rstrip().endswith((".", "!", "?", ":")))
    return ended >= len(lines) * PROSE_SHARE


def is_prose_text(text: str, path: str) -> bool:
    """Whether a plain-text file is prose documentation (README-like name or ``docs/``, or prose lines).

    A ``.txt`` file is documentation only when it reads as prose: at least a
    third of its lines hold several words. Data files never are.
    """
    if looks_like_data(text):
        return False
    if PROSE_NAMES.search(path):
        return True
    lines = _sample(text)
    if not lines:
        return False
    wordy = sum(1 for line in lines if len(line.split()) >= PROSE_LINE_WORDS)
    return wordy >= len(lines) * PROSE_SHARE


def _strip_markup(line: str) -> str:
    line = LINK.sub(r"\1", line)
    line = MARKUP.sub(" ", line)
    return line.replace("|", " ")


def document_paragraphs(text: str, markdown: bool = True) -> List[Paragraph]:
    """The prose paragraphs of a document: code blocks, front matter, comments and markup removed."""
    text = HTML_COMMENT.sub(lambda match: "\n" * match.group(0).count("\n"), text)
    lines = text.splitlines()
    paragraphs: List[Paragraph] = []
    current: List[str] = []
    start = 0
    fence: Optional[str] = None
    literal_indent: Optional[int] = None
    previous = ""

    def flush() -> None:
        if current:
            paragraphs.append(Paragraph(line=start, text="\n".join(current)))
            current.clear()

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if number == 1 and stripped == "---" and markdown:
            fence = "---"
            continue
        if fence is not None:
            if (fence == "---" and stripped in ("---", "...")) or (fence != "---" and stripped.startswith(fence)):
                fence = None
            continue
        match = FENCE.match(line)
        if match:
            flush()
            fence = match.group(1)
            continue
        if literal_indent is not None:
            indent = len(line) - len(line.lstrip())
            if not stripped or indent > literal_indent:
                continue
            literal_indent = None
        if not stripped:
            flush()
            previous = line
            continue
        if RST_DIRECTIVE.match(line) or stripped.endswith("::"):
            flush()
            literal_indent = len(line) - len(line.lstrip())
            if not stripped.endswith("::") or RST_DIRECTIVE.match(line) or stripped == "::":
                previous = line
                continue
            line = line.rstrip()[:-1]
        if RST_UNDERLINE.match(line) or TABLE_RULE.match(line) or REFERENCE_DEFINITION.match(line):
            previous = line
            continue
        if markdown and line.startswith("    ") and not previous.strip():
            flush()
            literal_indent = 0
            continue
        if not current:
            start = number
        current.append(_strip_markup(line))
        previous = line
    flush()
    return paragraphs


def _language_runs(verdicts: List[Tuple[Paragraph, Optional[Verdict]]]) -> List[Tuple[Paragraph, Verdict]]:
    """The first paragraph of each run of consecutive paragraphs in the same other language."""
    runs: List[Tuple[Paragraph, Verdict]] = []
    last: Optional[str] = None
    for paragraph, verdict in verdicts:
        if verdict is None:
            if last is not None and looks_english(paragraph.text):
                last = None
            continue
        if verdict.language != last:
            runs.append((paragraph, verdict))
        last = verdict.language
    return runs


def check_document_text(
    text: str,
    path: str,
    settings: Settings,
    markdown: bool = True,
    cell: Optional[int] = None,
) -> List[Finding]:
    """ENG005 findings for one document's text (or one notebook Markdown cell, with ``cell``).

    One finding per run of paragraphs in another language, at the run's first
    line; when the document also has English paragraphs the message says
    that it mixes languages.
    """
    if _exempt(path, settings) or "ENG005" not in settings.codes_for(path):
        return []
    allow = _allow(settings)
    verdicts = [(paragraph, detect_prose(paragraph.text, allow)) for paragraph in document_paragraphs(text, markdown)]
    if all(verdict is None for _, verdict in verdicts):
        return []
    runs = _language_runs(verdicts)
    if not runs:
        return []
    mixed = any(verdict is None and looks_english(paragraph.text, allow) for paragraph, verdict in verdicts)
    findings: List[Finding] = []
    for paragraph, verdict in runs:
        if mixed:
            message = f"documentation mixes English and {verdict.name}: {verdict.describe()}"
        else:
            message = f"documentation is not in English: {verdict.describe()}"
        findings.append(Finding("ENG005", path, paragraph.line, 1, paragraph.line, 1, message, cell=cell))
    return findings


def check_document(text: str, path: str, settings: Settings) -> List[Finding]:
    """ENG005 for a documentation file; Markdown rules apply unless it is plain text or reStructuredText.

    Plain-text files count only when they read as prose, and data (tab- or
    comma-separated, one token per line) never counts.
    """
    if not is_document(path, settings):
        return []
    lower = path.lower()
    markdown = lower.endswith((".md", ".markdown"))
    if lower.endswith(".rst"):
        if looks_like_data(text):
            return []
    elif not markdown and not is_prose_text(text, path):
        return []
    return check_document_text(text, path, settings, markdown=markdown)
