# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""What a README states about its project: title, first paragraph, stated goals.

Markdown and reStructuredText are read as plain lines: headings, paragraphs
and bullet lists are enough to quote the project's own words. Badges, images,
HTML and directives are skipped; links keep their text.
"""

import html
import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

GOAL_HEADINGS = re.compile(
    r"\b(goals?|features?|highlights?|why|what|overview|about|motivation|purpose|introduction|key)\b", re.IGNORECASE
)
MAX_SUMMARY = 600
MAX_GOALS = 8

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+:.])\1{2,}\s*$")
_BULLET = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+(.*)$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_RST_LINK = re.compile(r"`([^`<]+?)\s*<[^>]*>`_+")
_REFERENCE_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_NOTICE = re.compile(r"^(update|news|note|warning|important|announcement|deprecated|status)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SKIPPED = ("[![", "![", "<", "..", "|", "```", "~~~", ">", "$ ", "pip ", "    ")
_HTML_BREAK = re.compile(r"<br\s*/?>|</?(?:sub|sup|small)\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Sentences about the project's name are not goals ("The name comes from...", "pronounced ...").
_ABOUT_THE_NAME = re.compile(r"\b(named after|pronounced|stands for|the name\b|etymology|comes from the (?:word|greek|latin))", re.IGNORECASE)
LATIN_SHARE = 0.7
# Headings that name a part of the README, not the project ("📌 Project Introduction").
_GENERIC_TITLE = re.compile(
    r"^(?:project |the )?(?:introduction|overview|about|features?|highlights?|contents|table of contents|news|"
    r"updates?|installation|install|usage|getting started|quick ?start|requirements|license|citation)$",
    re.IGNORECASE,
)
MIN_BULLET_SUMMARY = 40


@dataclass(frozen=True)
class ReadmeFacts:
    """The README's title, its first prose paragraph and the bullets of its goals section."""

    title: str = ""
    summary: str = ""
    goals: Tuple[str, ...] = ()
    goals_heading: str = ""


def clean(text: str) -> str:
    """Inline markup removed: HTML tags and entities, links (their text kept), emphasis and code marks."""
    text = _HTML_TAG.sub(" ", _HTML_COMMENT.sub(" ", text))
    text = html.unescape(text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _RST_LINK.sub(r"\1", text)
    text = re.sub(r"[*_]{1,3}([^*_]+)[*_]{1,3}", r"\1", text)
    text = text.replace("``", "").replace("`", "")
    return re.sub(r"\s+", " ", text).strip()


def title_text(text: str) -> str:
    """A heading as a name: the part before an HTML line break or subtitle, markup removed."""
    return clean(_HTML_BREAK.split(text, 1)[0])


def mostly_latin(text: str) -> bool:
    """Whether most letters of a text are Latin letters (an English paragraph, not a translation)."""
    letters = [c for c in text if c.isalpha()]
    return not letters or sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f") / len(letters) >= LATIN_SHARE


def _sections(lines: List[str]) -> List[Tuple[str, int, List[str]]]:
    """(heading, level, body lines) for every heading; the text before the first one has level 0."""
    sections: List[Tuple[str, int, List[str]]] = [("", 0, [])]
    index = 0
    while index < len(lines):
        line = lines[index]
        heading = _MD_HEADING.match(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if heading:
            sections.append((title_text(heading.group(2)), len(heading.group(1)), []))
        elif line.strip() and _RST_UNDERLINE.match(following) and len(following.strip()) >= len(line.strip()) - 1:
            sections.append((clean(line), 1, []))
            index += 1
        elif _RST_UNDERLINE.match(line) and following.strip() and index + 2 < len(lines) and _RST_UNDERLINE.match(lines[index + 2]):
            sections.append((clean(following), 1, []))
            index += 2
        else:
            sections[-1][2].append(line)
        index += 1
    return sections


def _paragraphs(body: List[str]) -> List[str]:
    paragraphs: List[str] = []
    current: List[str] = []
    fenced = False
    for line in body:
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
            current = []
            continue
        if fenced:
            continue
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
            current = []
            continue
        if line.startswith(_SKIPPED) or line.lstrip().startswith(("[![", "![", "<", "..", "|")) or _BULLET.match(line):
            if current:
                paragraphs.append(" ".join(current))
            current = []
            continue
        current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    # A line of links only ("[Demo](...) | [Video](...)") says nothing in words.
    paragraphs = [p for p in paragraphs if any(c.isalpha() for c in _LINK.sub("", p))]
    cleaned = [clean(p) for p in paragraphs]
    return [p for p in cleaned if len(p) >= 20 and not _NOTICE.match(p) and mostly_latin(p)]


def _bullets(body: List[str]) -> List[str]:
    found = []
    fenced = False
    for line in body:
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        match = None if fenced else _BULLET.match(line)
        if match:
            text = clean(match.group(1))
            if text:
                found.append(text)
    return found


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = cut.rfind(". ")
    return cut[: end + 1] if end > limit // 3 else cut.rstrip() + "..."


def sentences(text: str, limit: int = 3) -> Tuple[str, ...]:
    """The first ``limit`` sentences of a paragraph (sentences about the project's name left out)."""
    parts = [part.strip() for part in _SENTENCE_END.split(text) if part.strip() and not _ABOUT_THE_NAME.search(part)]
    return tuple(parts[:limit])


def _name(heading: str) -> str:
    """A heading as the project's name: leading symbols removed; empty for a generic section heading."""
    name = re.sub(r"^[^\w(\[]+", "", heading).strip()
    return "" if _GENERIC_TITLE.match(name) else name


def readme_facts(text: Optional[str]) -> ReadmeFacts:
    """The facts of one README's text (empty facts for ``None``)."""
    if not text:
        return ReadmeFacts()
    sections = _sections(text.splitlines())
    summary = ""
    summary_section = len(sections)
    for index, (_heading, level, body) in enumerate(sections):
        paragraphs = _paragraphs(body)
        # A README that opens with a bullet list instead of a paragraph states its aim in the first bullet.
        opening = [bullet for bullet in _bullets(body) if len(bullet) >= MIN_BULLET_SUMMARY] if not level else []
        if paragraphs or opening:
            summary = _shorten(paragraphs[0] if paragraphs else opening[0], MAX_SUMMARY)
            summary_section = index
            break
    # The title is the README's first heading, when it comes before the text that describes the project.
    title = _name(sections[1][0]) if len(sections) > 1 and summary_section >= 1 else ""
    goals: Tuple[str, ...] = ()
    goals_heading = ""
    for heading, level, body in sections:
        if level and GOAL_HEADINGS.search(heading):
            bullets = _bullets(body)
            if bullets:
                goals = tuple(_shorten(bullet, 200) for bullet in bullets[:MAX_GOALS])
                goals_heading = heading
                break
    return ReadmeFacts(title=title, summary=summary, goals=goals, goals_heading=goals_heading)
