# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The false positives of the third real-code round (issue 26), each fixed at its cause."""

from typing import Any, Dict, List, Optional

import pytest

from checks.config import codes
from checks.config.settings import Settings, build_settings
from checks.engine.finding import Finding
from checks.engine.lint import lint_source
from checks.english.detector import detect_prose
from checks.english.files import check_path_names, name_verdict
from checks.english.syntax import judge_prose

ENG_SOURCE_CODES = ("ENG001", "ENG002", "ENG003")


@pytest.fixture(autouse=True)
def registered_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make sure the English source rules are registered with the engine."""
    reserved = getattr(codes, "RESERVED_SOURCE_MODULES", {})
    for code in ENG_SOURCE_CODES:
        if code not in codes.SOURCE_RULE_MODULES:
            monkeypatch.setitem(codes.SOURCE_RULE_MODULES, code, reserved[code])


def settings(table: Optional[Dict[str, Any]] = None) -> Settings:
    """Default settings, with an optional override table."""
    return build_settings(table or {})


def findings(source: str, select: List[str], path: str = "pkg/module.py") -> List[Finding]:
    """The findings of the selected codes for one file."""
    return lint_source(source, path, settings({"select": select}))


AUTH_TEST = '''import httpx


def test_digest_auth(server: object) -> None:
    auth = httpx.DigestAuth(username="user", password="password123")
    client = httpx.Client(auth=auth)
    response = client.get(server.url)
    assert response.status_code == 200


def test_digest_auth_rfc(server: object) -> None:
    auth = httpx.DigestAuth(username="Mufasa", password="CircleOfLife")
    assert auth is not None
'''


def test_test_credentials_are_fixtures_but_provider_tokens_are_not() -> None:
    assert findings(AUTH_TEST, ["SEC001"], "tests/client/test_auth.py") == []
    leaked = AUTH_TEST + "\nHF_TOKEN = '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'\n"
    found = findings(leaked, ["SEC001"], "tests/client/test_auth.py")
    assert [(f.code, f.line) for f in found] == [("SEC001", 15)]
    outside = findings(AUTH_TEST, ["SEC001"], "httpx/_client.py")
    assert [(f.code, f.line) for f in outside] == [("SEC001", 5), ("SEC001", 12)]


TRANSPORT = '''class BaseTransport:
    def handle_request(self, request: object) -> object:
        raise NotImplementedError("The 'handle_request' method must be implemented.")

    def close(self) -> None:
        """Nothing to release by default; transports holding connections override this."""
        pass


class UnsetType:
    pass  # pragma: no cover


UNSET = UnsetType()


class Exporter:
    def export(self) -> None:
        pass  # TODO: write the ONNX export
'''


def test_explained_no_ops_and_sentinels_are_not_stubs() -> None:
    found = findings(TRANSPORT, ["STB002"])
    assert [(f.code, f.line) for f in found] == [("STB002", 2), ("STB002", 18)]


def test_idn_host_names_in_docstrings_are_not_foreign_text() -> None:
    source = (
        'class URL:\n    """\n    IDNA hosts are decoded into unicode:\n\n'
        '      url = httpx.URL("http://中国.icom.museum")\n      assert url.host == "中国.icom.museum"\n'
        '    """\n\n\n# 见https://中国.icom.museum\nx = 1\n'
    )
    assert findings(source, ["ENG001"]) == []
    foreign = source + "# 这里定义了网络结构和损失函数\ny = 2\n"
    assert [(f.code, f.line) for f in findings(foreign, ["ENG001"])] == [("ENG001", 12)]


def test_short_file_names_may_be_acronyms() -> None:
    assert name_verdict("recem.py") is None
    assert name_verdict("mos.py") is None
    verdict = name_verdict("ejemplos")
    assert verdict is not None and verdict.name == "Spanish"
    found = check_path_names(["tools/recem.py", "ejemplos/demo.py"], settings())
    assert [(f.code, f.path) for f in found] == [("ENG004", "ejemplos")]


KOREAN = '''class 주가데이터:
    """Daily prices of one ticker."""


def 가격_조회(종목: str) -> None:
    print(종목)
'''


def test_one_finding_per_non_english_name() -> None:
    found = findings(KOREAN, ["ENG002", "NAM", "DOC001"])
    assert [(f.code, f.line, f.column) for f in found] == [("ENG002", 1, 7), ("ENG002", 5, 5), ("ENG002", 5, 11)]
    cased = findings("class модель_данных:\n    pass\n", ["NAM001"])
    assert [(f.code, f.line) for f in cased] == [("NAM001", 1)]


PROMPT = '''def answer(model: object, question: str) -> str:
    prompt = f"请根据以下内容回答问题：{question}"
    return model.generate(prompt)


def show(answer: str) -> None:
    print(f"回答已经保存到数据库：{answer}")
'''


def test_where_a_string_goes_decides_and_is_configurable() -> None:
    found = findings(PROMPT, ["ENG003"])
    assert [(f.code, f.line) for f in found] == [("ENG003", 7)]
    table = {"select": ["ENG003"], "english": {"data-names": [], "data-calls": []}}
    strict = lint_source(PROMPT, "pkg/module.py", settings(table))
    assert [(f.code, f.line) for f in strict] == [("ENG003", 2), ("ENG003", 7)]
    in_test = findings(PROMPT.replace("prompt = ", "sample = "), ["ENG003"], "tests/test_answer.py")
    assert [(f.code, f.line) for f in in_test] == [("ENG003", 7)]


GRADIO = '''import gradio as gr

with gr.Blocks() as demo:
    gr.Markdown("## 音声合成のデモです。テキストを入力してください。")
    text = gr.Textbox(label="テキスト", info="読み上げる文章を入力してください")
    speed = gr.Slider(0.5, 2.0, value=1.0, label="話す速さを調整します")
    button = gr.Button("音声を生成する")
'''


def test_ui_labels_are_messages_f_string_or_not() -> None:
    found = findings(GRADIO, ["ENG003"])
    assert [(f.code, f.line) for f in found] == [
        ("ENG003", 4), ("ENG003", 5), ("ENG003", 5), ("ENG003", 6), ("ENG003", 7),
    ]


def test_spanish_folder_and_file_names() -> None:
    paths = ["formatos/invoice.xml", "plantillas/base.html", "datos/clients.csv", "padron.py", "tools/recem.py"]
    found = check_path_names(paths, settings())
    assert [(f.code, f.path) for f in found] == [
        ("ENG004", "formatos"),
        ("ENG004", "plantillas"),
        ("ENG004", "datos"),
        ("ENG004", "padron.py"),
    ]
    assert "not English (formatos)" in found[0].message
    assert "Spanish (padron)" in found[3].message


def test_rare_words_come_from_the_deep_lexicon() -> None:
    verdict = detect_prose("Tworzymy zmienne o wartosciach logicznych")
    assert verdict is not None and verdict.name == "Polish"
    compound = detect_prose("Vorratsmengen")
    assert compound is not None and compound.name == "German"
    unsure = detect_prose("konstruktor")
    assert unsure is not None and (unsure.language, unsure.name) == ("und", "not English")
    for english in ("- Lukasa", "Werkzeug {}", "recieve the data from teh server", "Pydantic models for the config"):
        assert detect_prose(english) is None, english


MIXED = '''# load the credentials from the environment
# luego verificar que las credenciales sean validas
CREDENTIALS = {}


def login() -> None:
    # sanity check: verificar las credenciales
    return None


scores = []  # scores は MOS1, MOS2, MOS3,..., mean のリスト


class Liquidacion:
    def ajustar(self) -> None:
        """Ajustar Liquidación Primaria de Granos"""


# Thanks to Andrei Popescu and Ioana Muresan for the review
# split "こんにちは" into characters with `list(text)`: see https://中国.icom.museum
DONE = True
'''


def test_mixed_text_is_judged_sentence_by_sentence() -> None:
    found = findings(MIXED, ["ENG001"])
    assert [(f.code, f.line) for f in found] == [("ENG001", 1), ("ENG001", 7), ("ENG001", 11), ("ENG001", 16)]
    assert "Spanish" in found[0].message and "Spanish" in found[1].message
    assert "Japanese" in found[2].message and "Spanish" in found[3].message


@pytest.mark.parametrize(
    "text",
    [
        '"I want us to put a big comment on top of it"\n    - Lukasa\n\nThese are here for compatibility',
        "flasky extensions.  flasky pygments style based on tango style",
        "coeff ranges 0..1",
        "the left side of assignment is short enough (the -1 is for the ending optional\nparen)",
        "From Torenbeek, Eq. 5-76; an approximation",
        "Lorem ipsum dolor sit amet.\nUt enim ad minim veniam, quis nostrud exercitation.",
        "['Hello', '!!', ' I', \"'m\", ' Andrej', ' ĠðŁ', ' 🤗']",
        "Sphinx supports the following languages:\n'da', 'de', 'en', 'es', 'fi', 'fr', 'hu', 'it', 'ja'",
    ],
)
def test_english_project_texts_stay_english(text: str) -> None:
    assert judge_prose(text, frozenset()) is None
