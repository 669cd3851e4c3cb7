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

from typing import Dict, List, Optional, Set, Tuple, Union

import libcst as cst

from checks.analysis.call_edits import with_keyword
from checks.engine.finding import Fix
from checks.analysis.name_resolution import ImportMap, LocalBindings, target_names
from checks.engine.rule import FileContext, Invalid, Rule, Valid

PATH_CLASSES = frozenset({"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath"})
PATH_RETURNING_METHODS = frozenset(
    {
        "resolve", "absolute", "expanduser", "with_suffix", "with_name", "with_stem", "joinpath",
        "relative_to", "readlink",
    }
)
PATH_CONSTRUCTORS = frozenset({"home", "cwd"})
PATH_ITERATORS = frozenset({"glob", "rglob", "iterdir"})
ITERABLE_WRAPPERS = frozenset({"sorted", "list", "reversed", "tuple", "set"})
NULL_DEVICES = frozenset({"/dev/null", "nul"})
MODULE_SCOPE = 0
MAX_DEPTH = 24

Entry = Tuple[str, Optional[cst.CSTNode], int]
Scoped = Union[cst.FunctionDef, cst.Lambda, cst.ClassDef]


def _argument(call: cst.Call, position: int, keyword: str) -> Tuple[bool, Optional[cst.BaseExpression]]:
    """(present, value) of a parameter given by position or keyword."""
    positional = [a for a in call.args if a.keyword is None and not a.star]
    if position < len(positional):
        return True, positional[position].value
    for argument in call.args:
        if argument.keyword is not None and argument.keyword.value == keyword:
            return True, argument.value
    return False, None


def _is_text(expression: cst.BaseExpression) -> bool:
    """A str literal, f-string or implicit concatenation of them (bytes excluded)."""
    if isinstance(expression, cst.SimpleString):
        return "b" not in expression.prefix.lower()
    if isinstance(expression, cst.FormattedString):
        return True
    if isinstance(expression, cst.ConcatenatedString):
        return _is_text(expression.left) and _is_text(expression.right)
    return False


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
        self.imports = ImportMap()
        self.bindings = LocalBindings(frozenset({"open"}))
        self.stack: List[Scoped] = []
        self.parent: Dict[int, int] = {}
        self.method_class: Dict[int, int] = {}
        self.assignments: Dict[Tuple[int, str], List[Entry]] = {}
        self.params: Dict[Tuple[int, str], Tuple[Optional[cst.BaseExpression], bool]] = {}
        self.self_attributes: Dict[Tuple[int, str], List[Entry]] = {}
        self.class_fields: Dict[Tuple[int, str], cst.BaseExpression] = {}
        self.calls: List[Tuple[cst.Call, int]] = []
        self.quotes = {"'": 0, '"': 0}
        self.in_progress: Set[Tuple[str, int, str]] = set()
        self.known: Dict[Tuple[str, int, str], bool] = {}

    def _scope(self) -> int:
        """The innermost function or lambda scope (class bodies are not scopes for lookup)."""
        for node in reversed(self.stack):
            if isinstance(node, (cst.FunctionDef, cst.Lambda)):
                return id(node)
        return MODULE_SCOPE

    def _record(self, name: str, kind: str, value: Optional[cst.CSTNode]) -> None:
        scope = self._scope()
        self.assignments.setdefault((scope, name), []).append((kind, value, scope))

    def _enter(self, node: Scoped) -> None:
        if not isinstance(node, cst.ClassDef):
            self.parent[id(node)] = self._scope()
            if isinstance(node, cst.FunctionDef) and self.stack and isinstance(self.stack[-1], cst.ClassDef):
                self.method_class[id(node)] = id(self.stack[-1])
        self.stack.append(node)

    def visit_Import(self, node: cst.Import) -> None:
        """Record imports."""
        self.imports.add(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        """Record imports."""
        self.imports.add(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Enter a function scope; ``def open`` rebinds the builtin."""
        self.bindings.note(node)
        self._enter(node)

    def leave_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Leave a function scope."""
        self.stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        """Lambda parameters shadow outer names."""
        self._enter(node)

    def leave_Lambda(self, node: cst.Lambda) -> None:
        """Leave a lambda."""
        self.stack.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        """Enter a class body."""
        self.bindings.note(node)
        self._enter(node)

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        """Leave a class body."""
        self.stack.pop()

    def visit_Param(self, node: cst.Param) -> None:
        """Record a parameter and its annotation."""
        annotation = node.annotation.annotation if node.annotation is not None else None
        self.params[(self._scope(), node.name.value)] = (annotation, node.default is not None)
        self.bindings.note(node)

    def visit_Assign(self, node: cst.Assign) -> None:
        """Record what names and ``self`` attributes are assigned."""
        for target in node.targets:
            self._assign(target.target, node.value)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        """An assignment to ``open`` rebinds the builtin."""
        self.bindings.note(node)

    def _assign(self, target: cst.BaseExpression, value: Optional[cst.BaseExpression]) -> None:
        if isinstance(target, cst.Name):
            self._record(target.value, "value", value)
        elif isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value == "self":
            owner = self.method_class.get(self._scope())
            if owner is not None:
                entries = self.self_attributes.setdefault((owner, target.attr.value), [])
                entries.append(("value", value, self._scope()))
        else:
            for name in target_names(target):
                self._record(name, "unknown", None)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """Class fields keep their annotation; other annotated names record value or annotation."""
        if self.stack and isinstance(self.stack[-1], cst.ClassDef) and isinstance(node.target, cst.Name):
            self.class_fields[(id(self.stack[-1]), node.target.value)] = node.annotation.annotation
            return
        if node.value is not None:
            self._assign(node.target, node.value)
        elif isinstance(node.target, cst.Name):
            self._record(node.target.value, "annotation", node.annotation.annotation)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        """``path /= 'x'`` keeps a path a path; other augmented assignments make a name unknown."""
        if isinstance(node.operator, cst.DivideAssign):
            return
        for name in target_names(node.target):
            self._record(name, "unknown", None)

    def visit_For(self, node: cst.For) -> None:
        """A loop target takes the items of the iterable."""
        if isinstance(node.target, cst.Name):
            self._record(node.target.value, "iter", node.iter)
        else:
            for name in target_names(node.target):
                self._record(name, "unknown", None)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        """A comprehension target takes the items of the iterable."""
        if isinstance(node.target, cst.Name):
            self._record(node.target.value, "iter", node.iter)
        else:
            for name in target_names(node.target):
                self._record(name, "unknown", None)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        """``with ... as name`` binds something this rule does not type."""
        if node.asname is not None:
            for name in target_names(node.asname.name):
                self._record(name, "unknown", None)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        """``(name := value)``."""
        self._assign(node.target, node.value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        """Count quote styles so the fix writes the file's own."""
        if node.quote in self.quotes:
            self.quotes[node.quote] += 1

    def visit_Call(self, node: cst.Call) -> None:
        """Collect calls that may open files; they are resolved after the traversal."""
        func = node.func
        if isinstance(func, cst.Name) and func.value == "open":
            self.calls.append((node, self._scope()))
        elif isinstance(func, cst.Attribute) and func.attr.value in ("open", "read_text", "write_text"):
            self.calls.append((node, self._scope()))

    def _chain(self, scope: int) -> List[int]:
        chain = [scope]
        while chain[-1] != MODULE_SCOPE:
            chain.append(self.parent.get(chain[-1], MODULE_SCOPE))
        return chain

    def _annotation_is_path(self, annotation: Optional[cst.BaseExpression]) -> bool:
        if annotation is None:
            return False
        if isinstance(annotation, cst.Subscript):
            if self.imports.qualify(annotation.value) not in ("typing.Optional", "typing_extensions.Optional"):
                return False
            inner = annotation.slice[0].slice if len(annotation.slice) == 1 else None
            return isinstance(inner, cst.Index) and self._annotation_is_path(inner.value)
        if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
            sides = [annotation.left, annotation.right]
            nones = [s for s in sides if isinstance(s, cst.Name) and s.value == "None"]
            others = [s for s in sides if s not in nones]
            return len(nones) == 1 and len(others) == 1 and self._annotation_is_path(others[0])
        return self.imports.qualify(annotation) in PATH_CLASSES

    def _entries_are_paths(self, entries: List[Entry], key: Tuple[str, int, str], depth: int) -> bool:
        """Whether every assignment of a name is a path; a name met again while deciding counts as one."""
        if key in self.known:
            return self.known[key]
        if key in self.in_progress:
            return True
        self.in_progress.add(key)
        try:
            result = all(self._entry_is_path(kind, value, scope, depth) for kind, value, scope in entries)
        finally:
            self.in_progress.discard(key)
        if not self.in_progress:
            self.known[key] = result
        return result

    def _entry_is_path(self, kind: str, value: Optional[cst.CSTNode], scope: int, depth: int) -> bool:
        if not isinstance(value, cst.BaseExpression):
            return False
        if kind == "value":
            return self.is_path(value, scope, depth + 1)
        if kind == "iter":
            return self._yields_paths(value, scope, depth + 1)
        return kind == "annotation" and self._annotation_is_path(value)

    def _name_is_path(self, name: str, scope: int, depth: int) -> bool:
        for key in self._chain(scope):
            if (key, name) in self.params:
                annotation, _ = self.params[(key, name)]
                if annotation is None:
                    return name == "tmp_path"
                return self._annotation_is_path(annotation)
            entries = self.assignments.get((key, name))
            if entries:
                return self._entries_are_paths(entries, ("name", key, name), depth)
        return False

    def _self_attribute_is_path(self, attribute: str, scope: int, depth: int) -> bool:
        owner = None
        for key in self._chain(scope):
            owner = self.method_class.get(key)
            if owner is not None:
                break
        if owner is None:
            return False
        field = self.class_fields.get((owner, attribute))
        if field is not None:
            return self._annotation_is_path(field)
        entries = self.self_attributes.get((owner, attribute))
        return bool(entries) and self._entries_are_paths(entries, ("self", owner, attribute), depth)

    def _yields_paths(self, iterable: cst.BaseExpression, scope: int, depth: int) -> bool:
        """Whether iterating ``iterable`` yields paths (``sorted(p.glob('*'))``, ``p.iterdir()``)."""
        while (
            isinstance(iterable, cst.Call)
            and isinstance(iterable.func, cst.Name)
            and iterable.func.value in ITERABLE_WRAPPERS
            and iterable.args
        ):
            iterable = iterable.args[0].value
        if isinstance(iterable, cst.Call) and isinstance(iterable.func, cst.Attribute):
            return iterable.func.attr.value in PATH_ITERATORS and self.is_path(iterable.func.value, scope, depth + 1)
        if isinstance(iterable, cst.Attribute) and iterable.attr.value == "parents":
            return self.is_path(iterable.value, scope, depth + 1)
        return False

    def is_path(self, expression: cst.BaseExpression, scope: int, depth: int = 0) -> bool:
        """Whether an expression is known to evaluate to a ``pathlib`` path."""
        if depth > MAX_DEPTH:
            return False
        if isinstance(expression, cst.Call):
            func = expression.func
            if self.imports.qualify(func) in PATH_CLASSES:
                return True
            if isinstance(func, cst.Attribute):
                if func.attr.value in PATH_CONSTRUCTORS and self.imports.qualify(func.value) in PATH_CLASSES:
                    return True
                if func.attr.value in PATH_RETURNING_METHODS:
                    return self.is_path(func.value, scope, depth + 1)
            return False
        if isinstance(expression, cst.Attribute):
            if expression.attr.value == "parent":
                return self.is_path(expression.value, scope, depth + 1)
            if isinstance(expression.value, cst.Name) and expression.value.value == "self":
                return self._self_attribute_is_path(expression.attr.value, scope, depth + 1)
            return False
        if isinstance(expression, cst.Subscript):
            value = expression.value
            return isinstance(value, cst.Attribute) and value.attr.value == "parents" and self.is_path(value.value, scope, depth + 1)
        if isinstance(expression, cst.BinaryOperation) and isinstance(expression.operator, cst.Divide):
            return _is_text(expression.right) or self.is_path(expression.left, scope, depth + 1)
        if isinstance(expression, cst.Name):
            return self._name_is_path(expression.value, scope, depth + 1)
        return False

    def _builtin_open(self, func: cst.BaseExpression) -> bool:
        if isinstance(func, cst.Name) and func.value == "open":
            if self.imports.imports("open"):
                return self.imports.qualify(func) in ("io.open", "builtins.open")
            return not self.bindings.binds("open") and not self.imports.star_rebinds("open")
        return self.imports.qualify(func) in ("io.open", "builtins.open")

    def finish(self, module: object) -> None:
        """Resolve the collected calls now that every binding of the file is known."""
        for call, scope in self.calls:
            self._check(call, scope)

    def _check(self, call: cst.Call, scope: int) -> None:
        if any(argument.star for argument in call.args):
            return
        func = call.func
        if self._builtin_open(func):
            what = "io.open()" if self.imports.qualify(func) == "io.open" else "open()"
            mode_at, encoding_at = 1, 3
            _, target = _argument(call, 0, "file")
            if self.imports.qualify(target) == "os.devnull" or (_literal(target) or "").lower() in NULL_DEVICES:
                return
        elif isinstance(func, cst.Attribute) and self.is_path(func.value, scope):
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

