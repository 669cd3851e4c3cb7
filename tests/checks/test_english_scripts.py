"""Script-first and letter-first language decisions, data-file detection and determinism (issue 16).

Every text here was written for these tests in the style of real projects
(Chinese-, Japanese-, Korean-, Russian-, Romanian-, Hungarian- and
Polish-commented training code, English projects quoting foreign names).
"""

import os
import time
from pathlib import Path
from typing import List, Optional

import pytest

from checks.config.settings import build_settings
from checks.engine.lint import lint_source
from checks.english.detector import detect_identifier, detect_prose
from checks.english.files import check_document, is_prose_text, looks_like_data
from checks.english.letters import decisive_language
from checks.english.scripts import char_script, judge_script, script_language
from checks.english.lexicon import load_lexicon
from tests.process import run_prefguard

ROOT = Path(__file__).resolve().parents[2]


def language_of(text: str) -> Optional[str]:
    verdict = detect_prose(text)
    return None if verdict is None else verdict.language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("检查点保存路径", "zh"),
        ("# 定义Lora网络结构", "zh"),
        ("# 设置batch size和learning rate", "zh"),
        ("加载 pretrained model 的 weights", "zh"),
        ("# 训练100轮后保存模型", "zh"),
        ("# 数据集的名字，配合data目录使用；", "zh"),
        ("# 学习率/批大小", "zh"),
        ("# 画像を読み込む", "ja"),
        ("# バッチサイズ", "ja"),
        ("学習済みの重みをロードする", "ja"),
        ("# 모델 가중치 저장", "ko"),
        ("학습률 (learning rate)", "ko"),
        ("# Загружаем веса модели", "ru"),
        ("Ошибка", "ru"),
        ("# Завантаження даних", "uk"),
        ("# Ελληνικά σχόλια για το μοντέλο", "el"),
        ("# تحميل النموذج", "ar"),
        ("# טעינת המודל", "he"),
        ("# मॉडल लोड करें", "hi"),
        ("# โหลดโมเดล", "th"),
    ],
)
def test_scripts_english_never_uses_decide_any_length(text: str, language: str) -> None:
    assert language_of(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "Thanks to 张伟 for the tokenizer fix",
        "See the Russian translation (Перевод) in the docs folder",
        "# compute σ and μ over the batch",
        "# σ²",
        "# reviewed by Andrei Popescu and Ioana Mureșan in Timișoara",
        "Łukasz fixed the padding bug in this release",
        "# the Zürich office owns this module",
        "# über-fast path for the common case",
        "# ported from Paweł's implementation of the sampler",
        "# locale ro_RO.UTF-8 sorts 'ș' after 's'",
        "A café near the château serves crème brûlée",
        "# the jalapeño fixture is spicy",
        "# → arrow, ✓ check, … ellipsis — dash",
    ],
)
def test_english_with_foreign_names_and_symbols_stays_english(text: str) -> None:
    assert detect_prose(text) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("inițializare", "ro"),
        ("# Inițializare", "ro"),
        ("înapoi la CPU", "ro"),
        ("TODO: de mutat în config.py", "ro"),
        ("# şterge fişierul temporar", "ro"),
        ("# ţinem doar ultimul checkpoint", "ro"),
        ("betölti a modell súlyait a lemezről", "hu"),
        ("# wczytaj wagi modelu z dysku, żeby nie trenować", "pl"),
        ("# Größe der Eingabe", "de"),
        ("# año de inicio", "es"),
    ],
)
def test_letters_unique_to_one_language_decide_short_texts(text: str, language: str) -> None:
    assert language_of(text) == language


def test_every_romanian_diacritic_form_decides_alone() -> None:
    for word in ("fișier", "fişier", "rețea", "reţea", "încărcare", "câmp", "înapoi"):
        assert decisive_language(word) == "ro", word


def test_script_of_characters() -> None:
    assert char_script("模") == "CJK"
    assert char_script("を") == "HIRAGANA"
    assert char_script("ア") == "KATAKANA"
    assert char_script("한") == "HANGUL"
    assert char_script("ж") == "CYRILLIC"
    assert char_script("a") == "LATIN"
    assert char_script("ă") == "LATIN"
    assert char_script("2") == ""
    assert script_language("CYRILLIC", "ґанок") == ("uk", "Ukrainian")
    assert script_language("CYRILLIC", "съобщение") == ("bg", "Bulgarian")


def test_script_units_weigh_english_function_words() -> None:
    zipf = load_lexicon().english_zipf
    assert judge_script("Thanks to 张伟 for the fix", zipf) is None
    verdict = judge_script("加载 pretrained model 的 weights", zipf)
    assert verdict is not None and verdict.language == "zh"
    assert verdict.words == ("加载", "的")


@pytest.mark.parametrize(
    ("name", "language"),
    [("模型路径", "zh"), ("学習率", "zh"), ("モデル", "ja"), ("путь_к_модели", "ru"), ("încarcă_date", "ro")],
)
def test_identifiers_in_other_scripts(name: str, language: str) -> None:
    verdict = detect_identifier(name)
    assert verdict is not None and verdict.language == language


def test_message_rule_sees_logger_calls_and_fstring_literals() -> None:
    source = (
        "import logging\n"
        "logger = logging.getLogger(__name__)\n"
        "logger.info('开始训练')\n"
        "logging.warning('模型文件不存在')\n"
        "print(f'第{epoch}轮训练完成')\n"
        "raise ValueError('参数错误')\n"
        "parser.add_argument('--save_dir', help='模型保存目录')\n"
        "name = input('请输入模型路径: ')\n"
    )
    findings = [f for f in lint_source(source, "train.py", build_settings({})) if f.code == "ENG003"]
    assert sorted(f.line for f in findings) == [3, 4, 5, 6, 7, 8]
    assert all("Chinese" in f.message for f in findings)


def test_comment_rule_reports_unbroken_han_comment() -> None:
    source = "x = 1  # 定义Lora网络结构\n# 模型保存目录\ny = 2\n"
    findings = [f for f in lint_source(source, "model.py", build_settings({})) if f.code == "ENG001"]
    assert [f.line for f in findings] == [1, 2]


def tsv_corpus() -> str:
    rows = ["Мама\tNOUN\tB-PER", "мыла\tVERB\tO", "раму\tNOUN\tO", ".\tPUNCT\tO", "", "Папа\tNOUN\tB-PER"]
    return "\n".join(rows * 20) + "\n"


def test_data_files_are_not_documentation() -> None:
    settings = build_settings({})
    vocabulary = "\n".join(["привет", "мир", "модель", "обучение", "данные", "вес"] * 10)
    csv_rows = "\n".join(["id,text,label", "1,Bon appetit,food", "2,Guten Tag,greeting", "3,Jean Dupont,name"] * 5)
    assert looks_like_data(tsv_corpus())
    assert looks_like_data(vocabulary)
    assert looks_like_data(csv_rows)
    assert check_document(tsv_corpus(), "corpus/train.txt", settings) == []
    assert check_document(vocabulary, "vocab.txt", settings) == []
    assert check_document(csv_rows, "samples.txt", settings) == []
    assert check_document("Описание проекта и инструкция по установке.\n" * 3, "tests/data/readme_ru.txt", settings) == []


def test_prose_text_files_are_documentation() -> None:
    settings = build_settings({})
    prose = "Этот проект обучает модель.\n\nЗапустите скрипт train.py, чтобы начать обучение модели.\n"
    assert is_prose_text(prose, "NOTES.txt")
    findings = check_document(prose, "NOTES.txt", settings)
    assert [f.code for f in findings] == ["ENG005"]
    assert "Russian" in findings[0].message
    markdown = "# Установка\n\nУстановите зависимости командой pip install.\n"
    assert [f.line for f in check_document(markdown, "docs/install.md", settings)] == [1]


def test_doc_exclude_globs_are_configurable() -> None:
    prose = "Этот проект обучает модель на ваших данных.\n"
    default = build_settings({})
    assert check_document(prose, "tests/fixtures/notes.md", default) == []
    custom = build_settings({"english": {"doc-exclude": []}})
    assert len(check_document(prose, "tests/fixtures/notes.md", custom)) == 1


def test_one_megabyte_document_is_linear() -> None:
    settings = build_settings({})
    sentence = "The trainer restores the optimizer state and resumes at the saved step. "
    small = ("\n\n".join([sentence * 5] * 300)) + "\n"
    large = small * 10
    assert len(large) > 1_000_000
    timings: List[float] = []
    for text in (small, large):
        start = time.perf_counter()
        assert check_document(text, "docs/guide.md", settings) == []
        timings.append(time.perf_counter() - start)
    assert timings[1] < timings[0] * 30


def test_long_unbroken_tokens_do_not_backtrack() -> None:
    text = ("abc" * 30000) + " " + ("x" * 60000) + "/y " + ("→" * 30000) + " " + ("é" * 30000)
    assert detect_prose(text) is None


def test_runs_of_letters_longer_than_a_word_are_never_split_into_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    from checks.english import detector

    judged: List[str] = []
    original = detector.is_english_compound
    monkeypatch.setattr(detector, "is_english_compound", lambda word, *rest: judged.append(word) or original(word, *rest))
    token = "qwzrt" * 20
    detector.judge_rare_words(f"{token} ainda falta verificar tudo")
    assert judged and all(len(word) <= detector.RARE_MAX_LETTERS for word in judged)
    assert token not in judged


def write_project(root: Path) -> None:
    (root / "pkg").mkdir()
    (root / "pkg" / "train.py").write_text(
        "# 定义网络结构\n"
        "# salveaza modelul dupa fiecare epoca si datele de validare\n"
        "# Функция обучения модели\n"
        "def run(cale_fisier: str) -> None:\n"
        "    print('模型保存目录', cale_fisier)\n"
        "    print('Modelul a fost salvat cu succes in directorul dat')\n",
        encoding="utf-8",
    )
    (root / "README.md").write_text(
        "# Proiect\n\nAcest proiect antreneaza modelul si salveaza datele.\n\n"
        "Dieses Projekt trainiert das Modell mit den Daten.\n\n"
        "Ce projet entraîne le modèle avec les données.\n\n"
        "Este proyecto entrena el modelo con los datos.\n",
        encoding="utf-8",
    )
    (root / "NOTES.txt").write_text("Запустите обучение.\n\nPrzed uruchomieniem sprawdź ścieżkę.\n", encoding="utf-8")


def run_check(root: Path, seed: str) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = run_prefguard(["check", "--no-cache", "--jobs", "1", "--select", "ENG", str(root)], root, env, timeout=300, text=False)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    return done.stdout


def test_verdicts_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    write_project(tmp_path)
    first = run_check(tmp_path, "1")
    second = run_check(tmp_path, "4242")
    assert first == second
    assert b"ENG005" in first and b"ENG001" in first


@pytest.mark.parametrize("name", ["test_ru_proba", "REDIRECT_STATI", "predict_proba", "idx_cfg"])
def test_identifier_words_that_real_code_uses_are_english(name: str) -> None:
    assert detect_identifier(name) is None


def test_code_vocabulary_is_derived_and_small() -> None:
    from checks.english.allowlist import code_vocabulary

    words = code_vocabulary()
    assert {"proba", "stati"} <= words
    assert not words & {"salveaza", "datele", "fisier", "incarca", "rezultat"}
    assert detect_identifier("salveaza_datele") is not None


def test_imported_library_names_are_not_foreign_words() -> None:
    source = "import werkzeug\n\nwerkzeug_version = werkzeug.__version__\nprint(f'Werkzeug {werkzeug_version}')\n"
    findings = [f for f in lint_source(source, "cli.py", build_settings({})) if f.code.startswith("ENG")]
    assert findings == []
    alone = [f for f in lint_source("werkzeug_version = 1\n", "cli.py", build_settings({})) if f.code == "ENG002"]
    assert len(alone) == 1


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Falsche Eingabe", "de"),
        ("Ihre Auswahl: ", "de"),
        ("Limitări identificate în etapa 5", "ro"),
        ("5.2 Limitări Identificate", "ro"),
        ("salvăm graficul comparativ", "ro"),
        ("paraméterátadással függvényhívás", "hu"),
    ],
)
def test_short_texts_and_title_case_headings(text: str, language: str) -> None:
    assert language_of(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "no cert",
        "das bar",
        "## todos",
        "Werkzeug {}",
        "föö",
        "Vim",
        "TEST_VALUE = 'föö'",
        "- [José Rodríguez](mailto:jose@example.org)\n- [Łukasz Nowak](mailto:lukasz@example.org)",
    ],
)
def test_short_english_texts_with_foreign_looking_words_stay_english(text: str) -> None:
    assert detect_prose(text) is None


def test_lorem_ipsum_filler_is_not_a_language() -> None:
    assert detect_prose("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.") is None


def test_credit_lists_with_accented_names_stay_english() -> None:
    credits = "- Batuhan Taşkaya\n- Ioana Mureșan\n- Łukasz Langa (for the parser)\n- José Rodríguez"
    assert detect_prose(credits) is None
