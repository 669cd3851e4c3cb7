# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""ENG003: a string shown to people (messages, CLI help, UI labels, f-strings) not in English."""

from typing import Any, FrozenSet, Optional, Set

import libcst as cst

from checks.analysis.dotted_names import callee_pattern
from checks.config.paths import matches_any
from checks.english.syntax import CallMatcher, allowed_words, imported_names, is_exempt, judge_prose, string_text
from checks.english.text import split_identifier
from checks.engine.rule import FileContext, Invalid, Rule, Valid

STRING_NODES = (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)
# Widgets of every toolkit take their visible text as ``text=`` (Tk, Kivy); checked in message calls only.
UI_TEXT_KEYWORDS = frozenset({"text"})


class EnglishMessage(Rule):
    """Flags strings that reach a person in another language, judged by where the string goes.

    | Where the string goes | Examples | Judged |
    | --- | --- | --- |
    | a message call (`english.message-calls`) | `print`, `input`, loggers, `warnings.warn`, `sys.exit`, `click.echo`, `typer.prompt` | yes |
    | a UI toolkit's visible text | Gradio `gr.Markdown`/`gr.Button`/`gr.Tab`, Streamlit `st.*`, Qt `QLabel`/`setText`/`setToolTip`, Tk `Label(text=)`/`messagebox.*`, matplotlib titles and axis labels | yes |
    | a message keyword (`english.message-keywords`) | `help=`, `description=`, `epilog=`, `label=`, `info=`, `title=`, `placeholder=`, `tooltip=` (argparse, click, typer, Gradio ...) | yes |
    | an exception or an assertion | `raise X("...")`, `assert ok, "..."` | yes |
    | model input, a file format, a protocol (`english.data-calls`, `english.data-keywords`) | `model.generate(f"...")`, `prompt=`, `messages=`, `{"role": "user", "content": f"..."}`, `fh.write(...)`, `json.dumps`, `cursor.execute` | no (data) |
    | a variable named for data (`english.data-names`) | `prompt = f"..."`, `sql_template = f"..."` | no (data) |
    | any other f-string outside test files | `message = f"..."` | yes: an f-string is built to be read |
    | any other string; any f-string in a test file | dictionary keys, paths, fixtures | no |

    A message position wins over a data position (``print(tokenizer.decode(ids))``
    prints; ``label=`` inside a data call is still a label), f-string or not. A
    ``"..." % x`` or ``"...".format(x)`` template counts as its string. Format
    fields, paths, status tags such as ``[OK]`` and code names inside the text
    are ignored.
    """

    code = "ENG003"
    summary = "string shown to people not in English"
    rationale = (
        "Policy section 4: everything the code says to people is in English. Messages, exceptions, "
        "prompts and command-line help are artifacts of the code."
    )
    section = "4"
    exemptions = (
        'Paths matched by [english] exempt, strings outside message positions (paths, keys, format templates '
        'used as data), strings that go to a model, a file format or a protocol (english.data-calls, '
        'data-keywords, data-names: prompts, chat messages, SQL, written files), f-strings in test files '
        'outside message positions (fixtures), format fields, status tags and code names inside the text.'
    )
    valid = (
        Valid('print(f"[OK] saved checkpoint to {path}")\n'),
        Valid('raise ValueError(f"shape mismatch: {a.shape} vs {b.shape}")\n'),
        Valid('print("[INFO] timezone set to Europe/Bucharest")\nprint("Hello, Ana!")\n'),
        Valid('path = f"{root}/date/{name}.json"\nkey = "salveaza_datele"\n'),
        Valid('print("Step %d | loss %.3f | tok/s %s" % (step, loss, tps))\n'),
        Valid('parser.add_argument("--jobs", help="worker processes (default: cores)")\n'),
        Valid(
            "def answer(model: object, tokenizer: object, question: str) -> str:\n"
            "    prompt = f\"请根据以下内容回答问题：{question}\\n答案：\"\n"
            "    ids = tokenizer.encode(prompt)\n    return model.generate(ids)\n"
        ),
        Valid(
            "def ask(client: object, text: str) -> object:\n"
            "    return client.chat.completions.create(\n        model='qwen',\n"
            "        messages=[{'role': 'user', 'content': f'请总结下面的文章：{text}'}],\n    )\n"
        ),
        Valid(
            "def test_decode_chinese(tokenizer: object) -> None:\n"
            "    sample = f'今天天气很好，我们去公园散步吧{1}'\n    assert tokenizer(sample)\n",
            path="tests/test_tokenizer.py",
        ),
        Valid("import gradio as gr\n\nbox = gr.Textbox(label='Text to synthesise', placeholder='Type a sentence')\n"),
    )
    invalid = (
        Invalid('print("[OK] Modelul a fost salvat in {}".format(path))\n', line=1),
        Invalid('raise FileNotFoundError(f"Fișierul {path} nu există")\n', line=1),
        Invalid('message = f"Antrenarea s-a terminat dupa {n} epoci"\n', line=1),
        Invalid('name = input("Introduceti calea catre fisier: ")\n', line=1),
        Invalid('assert ok, "Valoarea este invalida pentru acest parametru"\n', line=1),
        Invalid('print("Entraînement terminé en %d secondes" % secs)\n', line=1),
        Invalid('parser.add_argument("--lr", help="rata de invatare pentru optimizator")\n', line=1),
        Invalid("import gradio as gr\n\nbox = gr.Textbox(label='合成するテキストを入力してください')\n", line=3),
        Invalid("import gradio as gr\n\ngr.Markdown('## 音声合成のデモです。テキストを入力してください。')\n", line=3),
        Invalid(
            "import gradio as gr\n\nspeed = gr.Slider(0.5, 2.0, label=f'速度 ({unit})', info='話す速さを調整します')\n",
            line=3,
            count=2,
        ),
        Invalid("import streamlit as st\n\nst.title('Resumen mensual de las ventas por región')\n", line=3),
        Invalid(
            "from PyQt5.QtWidgets import QLabel\n\nlabel = QLabel('Seleccione el archivo de entrada')\n"
            "label.setToolTip('Haga clic para abrir el archivo')\n",
            line=3,
            count=2,
        ),
        Invalid("import tkinter as tk\n\nbutton = tk.Button(root, text='Guardar los cambios del formulario')\n", line=3),
        Invalid(
            "import typer\n\ndef main(name: str = typer.Option(..., help='nombre del usuario que inicia la sesion')) -> None:\n"
            "    typer.echo(name)\n",
            line=3,
        ),
        Invalid(
            "def log_answer(model: object, prompt: str) -> None:\n"
            "    print(f'回答：{model.generate(prompt)}，已经保存到数据库')\n",
            line=2,
        ),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        table = context.settings.table("english")
        self.allow: FrozenSet[str] = allowed_words(context.settings) | imported_names(context.source)
        self.calls = CallMatcher(tuple(table.get("message-calls", ())))
        self.keywords: FrozenSet[str] = frozenset(table.get("message-keywords", ()))
        self.data_calls = CallMatcher(tuple(table.get("data-calls", ())))
        self.data_keywords: FrozenSet[str] = frozenset(table.get("data-keywords", ()))
        self.data_names: FrozenSet[str] = frozenset(str(name).lower() for name in table.get("data-names", ()))
        self.test_file = matches_any(context.path, context.settings.table("integration")["tests"])
        self.done: Set[int] = set()
        self.data: Set[int] = set()

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Skipped for paths listed in ``english.exempt``."""
        return not is_exempt(context.path, context.settings)

    def _template(self, node: Any) -> Optional[cst.CSTNode]:
        if isinstance(node, STRING_NODES):
            return node
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Modulo):
            return self._template(node.left)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format":
            return self._template(node.func.value)
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            return self._template(node.left) or self._template(node.right)
        return None

    def _check(self, node: Any) -> None:
        target = self._template(node)
        if target is None or id(target) in self.done:
            return
        self.done.add(id(target))
        text = string_text(target)
        if not text:
            return
        verdict = judge_prose(text, self.allow)
        if verdict is not None:
            self.report(target, f"message is not in English: {verdict.describe()}")

    def _mark_data(self, node: cst.CSTNode) -> None:
        """The f-string an argument or value is (``f"..."``, ``f"...".format()``, ``f"..." % x``) is data."""
        target = self._template(node)
        if isinstance(target, cst.FormattedString):
            self.data.add(id(target))

    def _is_data_name(self, name: str) -> bool:
        return any(part.lower() in self.data_names for part in split_identifier(name))

    def visit_Call(self, node: cst.Call) -> None:
        """Message calls get their strings checked, data calls their f-strings skipped; any call its keywords."""
        args = node.args
        if not args:
            return
        keywords = self.keywords
        for arg in args:
            keyword = arg.keyword
            if keyword is not None and keyword.value in keywords:
                break
            if self._template(arg.value) is not None:
                break
        else:
            return
        name = callee_pattern(node.func)
        message_call = bool(name) and self.calls(name)
        data_call = not message_call and bool(name) and self.data_calls(name)
        if message_call:
            keywords = keywords | UI_TEXT_KEYWORDS
        for arg in args:
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword is not None and keyword in keywords:
                self._check(arg.value)
            elif keyword is None and message_call:
                self._check(arg.value)
            elif data_call or (keyword is not None and keyword in self.data_keywords):
                self._mark_data(arg.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        """``prompt = f"..."``: a variable named for data holds data."""
        if not isinstance(self._template(node.value), cst.FormattedString):
            return
        for target in node.targets:
            if isinstance(target.target, cst.Name) and self._is_data_name(target.target.value):
                self._mark_data(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """``prompt: str = f"..."``."""
        if node.value is not None and isinstance(node.target, cst.Name) and self._is_data_name(node.target.value):
            self._mark_data(node.value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        """``{"role": "user", "content": f"..."}``: a data key holds data."""
        if not isinstance(node.key, cst.SimpleString) or not isinstance(self._template(node.value), cst.FormattedString):
            return
        key = string_text(node.key)
        if key is not None and key in self.data_keywords:
            self._mark_data(node.value)

    def visit_Raise(self, node: cst.Raise) -> None:
        """The arguments of the raised exception."""
        exc = node.exc
        if isinstance(exc, cst.Call):
            for arg in exc.args:
                if arg.keyword is None or arg.keyword.value in self.keywords:
                    self._check(arg.value)

    def visit_Assert(self, node: cst.Assert) -> None:
        """The message of an assertion."""
        if node.msg is not None:
            self._check(node.msg)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        """Any other f-string is built to be read, unless it is data or a test file's fixture."""
        if id(node) in self.data or self.test_file:
            return
        self._check(node)
