# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""ENC001: text-mode ``open()``, ``io.open`` and ``Path.open/read_text/write_text`` pass ``encoding=``.

What a call refers to is resolved from the file itself: ``open`` is the
builtin only when nothing in the file imports or rebinds that name (``from
gzip import open``, ``from os import *`` and ``def open`` disable it; a star
import of a module not known to export ``open`` does not); ``io.open`` is recognised
under any import alias. A ``.open/.read_text/.write_text`` method call counts
only when its receiver is known to be a ``pathlib`` path: a ``Path(...)`` call,
``Path.home()/cwd()``, path methods and ``/`` joins of a path, a ``/`` join
whose right side is a string (``str / str`` is a TypeError, so ``x / "a.yaml"``
is a path join whatever ``x`` is), a parameter annotated ``Path`` (or pytest's
``tmp_path``), a loop over ``glob``/``rglob``/
``iterdir`` of a path, or a variable or ``self`` attribute whose every
assignment is one of those. Anything else stays unresolved and is not
reported. Exempt: binary modes, a mode that is not a literal, ``*args`` and
``**kwargs``, and the null device (``os.devnull``, ``"/dev/null"``, ``"nul"``),
which holds no text to decode.
"""

from typing import List, Optional, Tuple

import libcst as cst

from checks.analysis.call_edits import with_keyword
from checks.engine.finding import Fix
from checks.analysis.path_types import PathTypes
from checks.engine.rule import FileContext, Invalid, Rule, Valid

NULL_DEVICES = frozenset({"/dev/null", "nul"})


def _argument(call: cst.Call, position: int, keyword: str) -> Tuple[bool, Optional[cst.BaseExpression]]:
    """(present, value) of a parameter given by position or keyword."""
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if position < len(positional):
        return True, positional[position].value
    for argument in call.args:
        if argument.keyword is not None and argument.keyword.value == keyword:
            return True, argument.value
    return False, None


def _literal(expression: Optional[cst.BaseExpression]) -> Optional[str]:
    if isinstance(expression, cst.SimpleString) and "b" not in expression.prefix.lower():
        value = expression.evaluated_value
        return value if isinstance(value, str) else None
    return None


class OpenEncodingRule(Rule):
    """Flags text-mode opens without ``encoding=`` (see the module docstring)."""

    code = "ENC001"
    section = "11"
    summary = "text-mode open(), io.open or Path.open/read_text/write_text without encoding= (binary mode exempt)"
    rationale = (
        "Without encoding= Python uses the locale's encoding, so the same file reads differently "
        "on Windows, Colab and CI; all file I/O is encoding='utf-8'."
    )
    fixable = True
    exemptions = (
        'Binary modes, a mode that is not a literal, *args/**kwargs, the null device (os.devnull, '
        "'/dev/null', 'nul'), files where open is not the builtin (from gzip import open, def open, from os "
        'import *), and .open/.read_text/.write_text calls whose receiver is not known to be a pathlib path.'
    )
    valid = (
        Valid("with open('data.txt', encoding='utf-8') as handle:\n    text = handle.read()\n"),
        Valid("with open('model.bin', 'rb') as handle:\n    blob = handle.read()\n"),
        Valid("with open(path, mode='wb') as handle:\n    handle.write(blob)\n"),
        Valid("with open(path, mode) as handle:\n    data = handle.read()\n"),
        Valid("from gzip import open\n\nwith open(path, 'rt') as handle:\n    data = handle.read()\n"),
        Valid("import os\n\nfd = os.open(path, os.O_RDONLY)\n"),
        Valid("def read(doc) -> str:\n    return doc.read_text()\n"),
        Valid("from importlib import metadata\n\ntext = metadata.distribution('x').read_text('METADATA')\n"),
        Valid("from pathlib import Path\n\ndata = Path('model.bin').read_bytes()\n"),
        Valid("from pathlib import Path\n\nwith Path('w.bin').open('wb') as handle:\n    handle.write(blob)\n"),
        Valid("import os\n\nwith open(os.devnull, 'w') as sink:\n    run(sink)\n"),
        Valid("with open(path, **options) as handle:\n    data = handle.read()\n"),
        Valid("from pathlib import Path\n\ntext = Path('a.txt').read_text('utf-8')\n"),
        Valid("def open(name: str) -> None:\n    pass\n\nopen('x')\n"),
        Valid("from os import *\n\nfd = open(path, O_RDONLY)\n"),
        Valid("import subprocess\n\nwith open('/dev/null', 'w') as sink:\n    subprocess.run(cmd, stdout=sink)\n"),
        Valid("ratio = (total / 'x'.count('a')).read_text()\n"),
        Valid("def save(directory) -> None:\n    (directory / 'weights.bin').write_bytes(blob)\n"),
    )
    invalid = (
        Invalid("with open('data.txt') as handle:\n    text = handle.read()\n", fixed="with open('data.txt', encoding='utf-8') as handle:\n    text = handle.read()\n", line=1),
        Invalid('with open(path, "w") as handle:\n    handle.write(text)\n', fixed='with open(path, "w", encoding="utf-8") as handle:\n    handle.write(text)\n', line=1),
        Invalid("import io\n\nhandle = io.open(path, 'r')\n", fixed="import io\n\nhandle = io.open(path, 'r', encoding='utf-8')\n", line=3),
        Invalid("import io as _io\n\nhandle = _io.open(path)\n", line=3),
        Invalid("from pathlib import Path\n\ntext = Path('a.txt').read_text()\n", fixed="from pathlib import Path\n\ntext = Path('a.txt').read_text(encoding='utf-8')\n", line=3),
        Invalid("import pathlib\n\npathlib.Path('a.txt').write_text(data)\n", fixed="import pathlib\n\npathlib.Path('a.txt').write_text(data, encoding='utf-8')\n", line=3),
        Invalid("from pathlib import Path\n\ndef load(folder: Path) -> str:\n    return (folder / 'a.txt').read_text()\n", line=4),
        Invalid("from pathlib import Path\n\nroot = Path(__file__).resolve().parent\nwith (root / 'cfg.yaml').open() as handle:\n    cfg = handle.read()\n", line=4),
        Invalid("from pathlib import Path\n\nfor doc in sorted(Path('docs').glob('*.md')):\n    print(doc.read_text(), flush=True)\n", line=4),
        Invalid(
            "from pathlib import Path\n\nclass Store:\n    def __init__(self, root: Path) -> None:\n        self.root = root\n\n"
            "    def load(self) -> str:\n        return (self.root / 'a.txt').read_text()\n",
            line=8,
        ),
        Invalid("def test_write(tmp_path) -> None:\n    (tmp_path / 'a.txt').write_text('x')\n", line=2),
        Invalid("with open('log.txt', 'a+') as handle:\n    handle.write(line)\n", line=1),
        Invalid(
            "def save(directory, config) -> None:\n    (directory / 'model_config.yaml').write_text(config)\n",
            fixed="def save(directory, config) -> None:\n    (directory / 'model_config.yaml').write_text(config, encoding='utf-8')\n",
            line=2,
        ),
        Invalid("from settings import *\n\nwith open(LOG_FILE, 'a') as handle:\n    handle.write(line)\n", line=3),
        Invalid("def load(run) -> str:\n    return (run.output_dir / f'{run.name}.json').read_text()\n", line=2),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.sites = context.binding_sites()
        self.calls: List[Tuple[cst.Call, int]] = []
        self.quotes = {"'": 0, '"': 0}

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        """Count quote styles so the fix writes the file's own."""
        if node.quote in self.quotes:
            self.quotes[node.quote] += 1

    def visit_Call(self, node: cst.Call) -> None:
        """Collect calls that may open files; they are resolved after the traversal."""
        func = node.func
        if isinstance(func, cst.Name) and func.value == "open":
            self.calls.append((node, self.context.scope_key()))
        elif isinstance(func, cst.Attribute) and func.attr.value in ("open", "read_text", "write_text"):
            self.calls.append((node, self.context.scope_key()))

    def _builtin_open(self, func: cst.BaseExpression) -> bool:
        imports = self.context.imports
        if isinstance(func, cst.Name) and func.value == "open":
            if imports.imports("open"):
                return imports.qualify(func) in ("io.open", "builtins.open")
            return not self.context.bindings.binds("open") and not imports.star_rebinds("open")
        return imports.qualify(func) in ("io.open", "builtins.open")

    def finish(self, module: object) -> None:
        """Resolve the collected calls now that every binding of the file is known."""
        paths = PathTypes(self.context.imports, self.sites)
        for call, scope in self.calls:
            self._check(call, scope, paths)

    def _check(self, call: cst.Call, scope: int, paths: PathTypes) -> None:
        if any(argument.star for argument in call.args):
            return
        func = call.func
        if self._builtin_open(func):
            what = "io.open()" if self.context.qualify(func) == "io.open" else "open()"
            mode_at, encoding_at = 1, 3
            _, target = _argument(call, 0, "file")
            if self.context.qualify(target) == "os.devnull" or (_literal(target) or "").lower() in NULL_DEVICES:
                return
        elif isinstance(func, cst.Attribute) and paths.is_path(func.value, scope):
            name = func.attr.value
            what = f"Path.{name}()"
            mode_at, encoding_at = {"open": (0, 2), "read_text": (-1, 0), "write_text": (-1, 1)}[name]
        else:
            return
        if _argument(call, encoding_at, "encoding")[0]:
            return
        if mode_at >= 0:
            given, mode = _argument(call, mode_at, "mode")
            if given:
                text = _literal(mode)
                if text is None or "b" in text:
                    return
        quote = self._quote_for(call)
        fixed = with_keyword(call, "encoding", cst.SimpleString(f"{quote}utf-8{quote}"))
        self.report(
            call,
            f"{what} in text mode without encoding=: pass encoding={quote}utf-8{quote}",
            fix=Fix("add encoding='utf-8'", old_node=call, new_node=fixed),
        )

    def _quote_for(self, call: cst.Call) -> str:
        for argument in call.args:
            if isinstance(argument.value, cst.SimpleString) and argument.value.quote in self.quotes:
                return argument.value.quote
        return '"' if self.quotes['"'] > self.quotes["'"] else "'"

