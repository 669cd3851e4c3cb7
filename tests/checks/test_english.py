"""Tests of the English-only detection (ENG001-ENG005) and of notebooks (NBK001)."""

import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from checks.config import codes
from checks.engine.lint import lint_source
from checks.english.detector import detect_identifier, detect_prose, looks_english
from checks.english.evaluation import evaluate, item_class
from checks.english.text import fold, prose_words, split_identifier
from checks.english.files import check_document, check_path_names, document_paragraphs, is_document
from checks.engine.finding import Finding
from checks.files.notebook import cell_location, check_notebook, parse_notebook, python_source
from checks.engine.registry import rule_class
from checks.config.settings import Settings, build_settings

EVAL = Path(__file__).parent / "english_eval"
ROOT = Path(__file__).resolve().parents[2]
ENG_SOURCE_CODES = ("ENG001", "ENG002", "ENG003")


@pytest.fixture(autouse=True)
def registered_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure the three source rules are registered with the engine."""
    reserved = getattr(codes, "RESERVED_SOURCE_MODULES", {})
    for code in ENG_SOURCE_CODES:
        if code not in codes.SOURCE_RULE_MODULES:
            monkeypatch.setitem(codes.SOURCE_RULE_MODULES, code, reserved[code])


def settings(table: Optional[Dict[str, Any]] = None) -> Settings:
    return build_settings(table or {})


def eng_findings(
    source: str, code: str, path: str = "example.py", table: Optional[Dict[str, Any]] = None
) -> List[Finding]:
    return [f for f in lint_source(source, path, settings(table)) if f.code == code]


def read_set(name: str) -> List[Dict[str, str]]:
    with open(EVAL / f"{name}.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("salveaza_datele", ("salveaza", "datele")),
        ("HFTokenizer", ("HF", "Tokenizer")),
        ("numeUtilizator", ("nume", "Utilizator")),
        ("ÎncărcătorDate", ("Încărcător", "Date")),
        ("TOKENURI_SPECIALE", ("TOKENURI", "SPECIALE")),
        ("throughput_tok_s", ("throughput", "tok", "s")),
        ("__init__", ("init",)),
        ("bf16_enabled", ("bf", "enabled")),
    ],
)
def test_split_identifier(name: str, parts: tuple) -> None:
    assert split_identifier(name) == parts


def test_fold_strips_diacritics_both_romanian_comma_and_cedilla() -> None:
    assert fold("ştergem fişierele") == "stergem fisierele"
    assert fold("șterge fișierul") == "sterge fisierul"
    assert fold("Straße") == "strasse"


def test_prose_words_drop_code_paths_urls_and_pragmas() -> None:
    text = "# noqa: E501 see https://x.org/ro/a, `fisier_date` and configs/ro/date.yaml; type: ignore"
    assert [w.text for w in prose_words(text)] == ["see", "and"]


def test_prose_words_mark_full_names() -> None:
    words = prose_words("reviewed by Guido van Rossum and Andrei Popescu")
    assert [w.text for w in words if w.name_like] == ["Guido", "van", "Rossum", "Andrei", "Popescu"]


@pytest.mark.parametrize(
    "text",
    [
        "# noqa",
        "# kv cache",
        "Returns: None",
        "# type: ignore[attr-defined]",
        "# pragma: no cover",
        "# Cluj-Napoca, Romania",
        "# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.",
        "# ad hoc fix, vice versa for the decoder; de facto standard",
        "# tan -> sin-cos -> tan",
        "# Joris van der Hoeven, Relax But Don't Be Too Lazy",
        "# thanks to Ioana Mureșan from Timișoara",
        "# locale ro_RO.UTF-8 sorts 'ș' after 's'",
        "[INFO] timezone set to Europe/Bucharest",
        "Hello, Ana!",
        "# die early if the config is missing, per the docs",
    ],
)
def test_english_prose_is_not_flagged(text: str) -> None:
    assert detect_prose(text) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("# salveaza modelul dupa fiecare epoca", "ro"),
        ("# încarcă datele din fișier", "ro"),
        ("# daca lipseste checkpoint-ul pornim de la zero", "ro"),
        ("Eroare: fisierul de configurare lipseste", "ro"),
        ("# charger le modèle depuis le disque", "fr"),
        ("# Anzahl der Schichten im Transformer", "de"),
        ("# cargar el modelo desde el disco", "es"),
        ("# загрузить модель с диска", "ru"),
    ],
)
def test_foreign_prose_is_flagged_with_language(text: str, language: str) -> None:
    verdict = detect_prose(text)
    assert verdict is not None
    assert verdict.language == language
    assert verdict.words


def test_verdict_message_names_language_and_words() -> None:
    verdict = detect_prose("# salveaza datele in fisier")
    assert verdict is not None
    assert verdict.describe().startswith("Romanian (")
    assert "salveaza" in verdict.describe()


@pytest.mark.parametrize(
    "name",
    ["cu_seqlens", "sa_layer", "media_type", "date_str", "util", "matcher", "opname", "resolver", "kv_cache", "verts"],
)
def test_english_identifiers_are_not_flagged(name: str) -> None:
    assert detect_identifier(name) is None


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("salveaza_datele", "ro"),
        ("load_setari", "ro"),
        ("mărime_lot", "ro"),
        ("IncarcatorDate", "ro"),
        ("charger_donnees", "fr"),
        ("anzahl_zeilen", "de"),
    ],
)
def test_foreign_identifiers_are_flagged(name: str, language: str) -> None:
    verdict = detect_identifier(name)
    assert verdict is not None and verdict.language == language


def test_allow_words_silence_a_word() -> None:
    assert detect_identifier("fisier_util") is not None
    assert detect_identifier("fisier_util", frozenset({"fisier"})) is None


def test_looks_english() -> None:
    assert looks_english("Run the training script and watch the loss go down every epoch.")
    assert not looks_english("Rulati scriptul de antrenare si urmariti pierderea.")


@pytest.mark.parametrize("name", ["dev", "heldout", "heldout2"])
def test_evaluation_set_targets(name: str) -> None:
    items = read_set(name)
    report = evaluate(items)
    scores = report.classes
    assert scores["en"].flag_rate <= 0.01, scores["en"].misses
    assert scores["ro-diacritics"].flag_rate >= 0.98, scores["ro-diacritics"].misses
    assert scores["ro-plain"].flag_rate >= 0.90, scores["ro-plain"].misses
    assert scores["other"].flag_rate >= 0.85, scores["other"].misses


def test_evaluation_sets_are_well_formed_and_large_enough() -> None:
    items = read_set("dev") + read_set("heldout") + read_set("heldout2")
    assert len(items) >= 300
    texts = [item["text"] for item in items]
    assert len(set(texts)) == len(texts)
    for item in items:
        assert item["kind"] in ("comment", "identifier", "message", "doc")
        assert item["label"] in ("en", "ro", "other")
    classes = {item_class(item) for item in items}
    assert classes == {"en", "ro-diacritics", "ro-plain", "other"}


@pytest.mark.parametrize("code", ENG_SOURCE_CODES)
def test_rule_examples(code: str) -> None:
    rule = rule_class(code)
    assert rule.valid and rule.invalid
    for example in rule.valid:
        assert eng_findings(example.source, code, example.path) == [], example.source
    for example in rule.invalid:
        found = eng_findings(example.source, code, example.path)
        assert len(found) == example.count, (example.source, found)


def test_comment_block_is_judged_together_and_reported_at_its_first_line() -> None:
    source = "x = 1\n# aici calculam\n# media pierderii\ny = 2  # fine\n"
    found = eng_findings(source, "ENG001")
    assert [(f.line, f.column) for f in found] == [(2, 1)]
    assert "Romanian" in found[0].message


def test_romanian_paragraph_in_english_docstring_is_found() -> None:
    source = (
        'def f() -> None:\n'
        '    """Load the model.\n\n'
        '    Aceasta functie incarca modelul si returneaza rezultatul.\n'
        '    """\n'
    )
    assert len(eng_findings(source, "ENG001")) == 1


def test_identifier_reported_once_at_its_binding_site() -> None:
    source = "def f(rezultat: int) -> int:\n    rezultat = rezultat + 1\n    return rezultat\n"
    found = eng_findings(source, "ENG002")
    assert [(f.line, f.column) for f in found] == [(1, 7)]


def test_identifier_allow_words_setting() -> None:
    source = "rezultat = 1\n"
    assert eng_findings(source, "ENG002")
    assert not eng_findings(source, "ENG002", table={"english": {"allow-words": ["rezultat"]}})


def test_exempt_setting_skips_the_english_rules() -> None:
    source = "# salveaza modelul dupa fiecare epoca\nrezultat = 1\n"
    table = {"english": {"exempt": ["legacy/**"]}}
    assert not eng_findings(source, "ENG001", "legacy/old.py", table)
    assert not eng_findings(source, "ENG002", "legacy/old.py", table)
    assert eng_findings(source, "ENG001", "src/new.py", table)


def test_message_in_ordinary_string_is_not_a_message() -> None:
    assert not eng_findings('TABLE = {"salveaza": "datele din fisier"}\n', "ENG003")
    assert eng_findings('print("Salvez datele in fisierul de iesire")\n', "ENG003")


def test_message_calls_setting() -> None:
    source = 'notify("Antrenarea s-a terminat cu succes")\n'
    assert not eng_findings(source, "ENG003")
    table = {"english": {"message-calls": ["notify"]}}
    assert eng_findings(source, "ENG003", table=table)


def test_suppression_comment_silences_eng() -> None:
    source = "rezultat = 1  # prefguard: ignore[ENG002]\n"
    assert not eng_findings(source, "ENG002")


def test_own_sources_are_english() -> None:
    paths = sorted((ROOT / "checks").rglob("*.py")) + sorted((ROOT / "benchmarks").rglob("*.py"))
    paths += sorted((ROOT / "tests" / "checks").glob("test_english.py"))
    assert paths
    problems = []
    for path in paths:
        data = path.read_bytes()
        rel = path.relative_to(ROOT).as_posix()
        for finding in lint_source(data, rel, settings({"select": ["ENG"]})):
            problems.append(f"{rel}:{finding.line}: {finding.code} {finding.message}")
    assert problems == []


def test_path_names() -> None:
    found = check_path_names(
        ["training/salveaza_date.py", "rezultate/a.py", "rezultate/b.py", "docs/fișier.md", "src/model/io.py"],
        settings(),
    )
    assert [(f.code, f.path) for f in found] == [
        ("ENG004", "training/salveaza_date.py"),
        ("ENG004", "rezultate"),
        ("ENG004", "docs/fișier.md"),
    ]
    assert "not ASCII" in found[2].message
    assert "folder name" in found[1].message


def test_path_names_respect_ignore_and_exempt() -> None:
    paths = ["rezultate/a.py"]
    assert not check_path_names(paths, settings({"ignore": ["ENG004"]}))
    assert not check_path_names(paths, settings({"english": {"exempt": ["rezultate/**"]}}))


def test_is_document() -> None:
    table = settings()
    assert is_document("README.md", table)
    assert is_document("docs/guide.rst", table)
    assert not is_document("requirements.txt", table)
    assert not is_document("src/a.py", table)


def test_document_paragraphs_skip_code_and_front_matter() -> None:
    text = "---\ntitle: Proiect\n---\n# Title\n\n```bash\necho salveaza datele\n```\n\nSome text here.\n"
    paragraphs = document_paragraphs(text)
    assert [(p.line, p.text.strip()) for p in paragraphs] == [(4, "Title"), (10, "Some text here.")]


def test_document_in_romanian_is_one_finding() -> None:
    text = (
        "# Proiect\n\nAcest depozit contine codul pentru antrenarea modelului.\n\n"
        "Rezultatele sunt salvate in fisierul results.json impreuna cu configuratia.\n"
    )
    found = check_document(text, "README.md", settings())
    assert [(f.code, f.line) for f in found] == [("ENG005", 3)]
    assert "not in English" in found[0].message


def test_mixed_document_is_reported_as_mixed() -> None:
    text = (
        "# Project\n\nRun the training script and watch the loss go down every epoch.\n\n"
        "Rezultatele sunt salvate in fisierul results.json impreuna cu configuratia.\n"
    )
    found = check_document(text, "README.md", settings())
    assert len(found) == 1 and found[0].line == 5
    assert "mixes English and Romanian" in found[0].message


def test_english_document_is_clean() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert check_document(text, "CONTRIBUTING.md", settings()) == []


def notebook(cells: List[Dict[str, Any]], minor: int = 5) -> str:
    data = {
        "cells": cells,
        "metadata": {"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
        "nbformat": 4,
        "nbformat_minor": minor,
    }
    return json.dumps(data, indent=1, ensure_ascii=False)


def code_cell(source: str, cell_id: str) -> Dict[str, Any]:
    return {
        "cell_type": "code",
        "id": cell_id,
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": source,
    }


def markdown_cell(source: str, cell_id: str) -> Dict[str, Any]:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": source}


def test_valid_notebook_parses() -> None:
    nb, problems = parse_notebook(notebook([markdown_cell("# Title", "a"), code_cell("x = 1\n", "b")]), "n.ipynb")
    assert problems == []
    assert nb is not None
    assert [(c.number, c.cell_type) for c in nb.cells] == [(1, "markdown"), (2, "code")]


def test_repository_notebook_is_valid() -> None:
    path = ROOT / "notebooks" / "training_colab.ipynb"
    if not path.exists():
        pytest.skip("no notebook in this checkout")
    nb, problems = parse_notebook(path.read_bytes(), "notebooks/training_colab.ipynb")
    assert problems == [] and nb is not None


@pytest.mark.parametrize(
    ("text", "pointer", "fragment"),
    [
        ('{"cells": [], "metadata": {}, "nbformat": 4}', None, "missing top-level key 'nbformat_minor'"),
        ('{"cells": [1], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}', "/cells/0", "cell must be an object"),
        (
            '{"cells": [{"cell_type": "code", "metadata": {}, "source": "", "outputs": []}],'
            ' "metadata": {}, "nbformat": 4, "nbformat_minor": 4}',
            "/cells/0",
            "execution_count",
        ),
        (
            '{"cells": [{"cell_type": "markdown", "metadata": {}, "source": "x"}],'
            ' "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
            "/cells/0/id",
            "id",
        ),
        ('{"cells": [], "metadata": {}, "nbformat": 3, "nbformat_minor": 0}', "/nbformat", "nbformat must be 4"),
        ('{"cells": [], "cells": [], "metadata": {}}', None, "duplicate key"),
        ('{"cells": [', None, "not valid JSON"),
    ],
)
def test_invalid_notebooks(text: str, pointer: Optional[str], fragment: str) -> None:
    nb, problems = parse_notebook(text, "bad.ipynb")
    assert nb is None
    assert problems and all(p.code == "NBK001" for p in problems)
    assert any(fragment in p.message for p in problems), [p.message for p in problems]
    if pointer is not None:
        assert any(p.pointer == pointer for p in problems)


def test_python_source_blanks_magics_keeping_lines() -> None:
    source = "%matplotlib inline\nimport os\n!pip install x\nfiles = !ls\nos.path?\nfor i in x:\n    !echo hi\n# done?"
    result = python_source(source)
    assert result is not None
    assert result.split("\n") == ["pass", "import os", "pass", "pass", "pass", "for i in x:", "    pass", "# done?"]
    assert python_source("%%bash\necho hi\n") is None
    assert python_source("%%time\nx = 1\n") == "pass\nx = 1\n"


def test_notebook_cells_are_linted_with_cell_positions() -> None:
    text = notebook(
        [
            markdown_cell("# Training\n\nRun every cell in order.", "m1"),
            code_cell("import os\n\n# salveaza modelul dupa fiecare epoca\nrezultat = 1\n", "c1"),
            markdown_cell("Acest caiet antreneaza modelul si salveaza rezultatele in fisier.", "m2"),
        ]
    )
    found = check_notebook(text, "nb/train.ipynb", settings({"select": ["ENG", "NBK"]}))
    located = sorted((f.code, f.cell, f.line) for f in found)
    assert located == [("ENG001", 2, 3), ("ENG002", 2, 4), ("ENG005", 3, 1)]
    first = [f for f in found if f.code == "ENG001"][0]
    assert cell_location(first) == "nb/train.ipynb:cell 2:3:1"


def test_notebook_uses_given_linter_and_drops_file_level_codes() -> None:
    calls: List[str] = []

    def fake_lint(source: str, path: str, config: Settings, is_new: bool, project: Any) -> List[Finding]:
        calls.append(source)
        return [Finding("HDR001", path, 1, 1, 1, 1, "no coding line"), Finding("ANN001", path, 2, 5, 2, 6, "x")]

    text = notebook([code_cell("%load_ext autoreload\ndef f(x):\n    return x\n", "c1")])
    found = check_notebook(text, "n.ipynb", settings(), lint=fake_lint)
    assert calls == ["pass\ndef f(x):\n    return x\n"]
    assert [(f.code, f.cell, f.line) for f in found] == [("ANN001", 1, 2)]


def test_structure_check_agrees_with_nbformat() -> None:
    nbformat = pytest.importorskip("nbformat")
    good = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# Title"), nbformat.v4.new_code_cell("x = 1\n")]
    )
    text = nbformat.writes(good)
    nbformat.validate(nbformat.reads(text, as_version=4))
    assert parse_notebook(text, "good.ipynb")[1] == []
    broken = json.loads(text)
    del broken["cells"][1]["outputs"]
    with pytest.raises(nbformat.ValidationError):
        nbformat.validate(broken)
    assert parse_notebook(json.dumps(broken), "bad.ipynb")[1]


def test_invalid_notebook_reports_nbk001_only_when_enabled() -> None:
    assert [f.code for f in check_notebook("{", "n.ipynb", settings())] == ["NBK001"]
    assert check_notebook("{", "n.ipynb", settings({"ignore": ["NBK001"]})) == []
