# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""TRN001: checkpoints are written atomically (temp file, then ``os.replace``/``os.rename``).

A ``torch.save`` is reported when it writes a checkpoint straight to its
destination. Whether a save is a checkpoint follows the data: the saved object
or the target, or what the names in them are bound to, followed through local assignments
(``state = {'model': model.state_dict(), ...}``, ``ckp = f'{save_dir}/...'``,
``actor_state = model.state_dict()`` saved as ``{k: v.half() for k, v in
actor_state.items()}``),
or the enclosing function's name, mentions a checkpoint, a model, a state
dict or an optimizer; and every other save of a function that saves one is
part of the same checkpoint (the scaler and RNG-state files written next to
the weights). A checkpoint save is reported when it goes straight to its destination: the destination does
not name a temporary file (``tmp``, ``temp``, ``.part`` …), is not an
in-memory buffer, and the enclosing function never moves a file into place
(``os.replace``, ``os.rename``, ``shutil.move``, ``tmp.replace(final)``). A
helper that saves to a path it receives as a parameter is left alone when the
file moves files into place elsewhere: its caller may be passing the temp path.
"""

import re
from typing import Any, Dict, List, Optional, Set, Tuple

import libcst as cst

from checks.analysis.dotted_names import dotted_name
from checks.analysis.binding_sites import MODULE_SCOPE
from checks.engine.rule import FileContext, Invalid, Rule, Valid

MOVE_FUNCTIONS = frozenset({"os.replace", "os.rename", "os.renames", "shutil.move"})
TEMPORARY = re.compile(r"tmp|temp|partial|incomplete|\.part\b|staging|\.new\b", re.IGNORECASE)
IN_MEMORY = re.compile(r"bytesio|\bbuf(?:fer)?\b|\bstream\b|\bfileobj\b", re.IGNORECASE)
CHECKPOINT = re.compile(r"ckpt|checkpoint|state_dict|optimizer|best_model|model|weights|snapshot", re.IGNORECASE)

# A save target named by a variable is judged by what plain assignments and ``with ... as`` bind it to.
BOUND_BY = frozenset({"assign", "with"})
# The saved data is followed through every binding that carries a value.
FOLLOWED = frozenset({"assign", "annassign", "walrus", "with", "for", "comprehension"})
FOLLOW_DEPTH = 3


class _NameCollector(cst.CSTVisitor):
    """The names an expression reads, in source order."""

    def __init__(self) -> None:
        self.names: List[str] = []

    def visit_Name(self, node: cst.Name) -> None:
        """Remember one name."""
        if node.value not in self.names:
            self.names.append(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        """Only the object of ``obj.attr`` is a name read here, never ``attr``."""
        node.value.visit(self)
        return False


def _names_in(node: cst.CSTNode) -> List[str]:
    collector = _NameCollector()
    node.visit(collector)
    return collector.names


class _Save:
    """One ``torch.save`` call and what surrounds it."""

    def __init__(self, call: cst.Call, scope: int, function_name: str) -> None:
        self.call = call
        self.scope = scope
        self.function_name = function_name


class AtomicCheckpointRule(Rule):
    """Flags ``torch.save`` of a checkpoint straight onto its final path (see the module docstring)."""

    code = "TRN001"
    section = "10"
    summary = "torch.save straight to the final checkpoint path (no temp file + os.replace/os.rename)"
    rationale = (
        "A crash or a full disk during torch.save leaves a truncated checkpoint under the final "
        "name ('PytorchStreamReader failed reading zip archive'); writing a .tmp file and "
        "os.replace-ing it makes the switch atomic."
    )
    exemptions = (
        'Saves to a temporary path (tmp, temp, .part, .partial, staging, .new), to an in-memory buffer or a '
        'tempfile handle, saves in a function that moves a file into place (os.replace, os.rename, '
        'shutil.move, tmp.replace(final)), helpers saving to a path parameter when the file moves files '
        'elsewhere, and saves nothing marks as a checkpoint (no model/optimizer/state-dict data, no '
        'checkpoint path, no checkpoint save in the same function).'
    )
    valid = (
        Valid(
            "import os\nimport torch\n\ndef save(state: dict, path: str) -> None:\n    tmp = path + '.tmp'\n"
            "    torch.save(state, tmp)\n    os.replace(tmp, path)\n"
        ),
        Valid(
            "import os\nimport torch\n\ndef save(model, ckpt_path: str) -> None:\n    staging = ckpt_path + '.new'\n"
            "    torch.save(model.state_dict(), staging)\n    os.rename(staging, ckpt_path)\n"
        ),
        Valid("import io\nimport torch\n\nbuffer = io.BytesIO()\ntorch.save(model.state_dict(), buffer)\n"),
        Valid("import torch\n\ntorch.save(token_ids, cache_dir / 'tokens.pt')\n"),
        Valid(
            "import torch\n\ndef cache_tokens(cache_dir: Path) -> None:\n    torch.save(token_ids, cache_dir / 'tokens.pt')\n"
            "    torch.save(lengths, cache_dir / 'lengths.pt')\n"
        ),
        Valid(
            "import torch\n\ndef cache_lengths(out_dir: str, corpus: list) -> None:\n"
            "    lengths = {name: len(text) for name, text in corpus}\n"
            "    torch.save({k: v for k, v in lengths.items()}, f'{out_dir}/lengths.pt')\n"
        ),
        Valid(
            "import os\nimport torch\n\ndef _write(state: dict, path: str) -> None:\n    torch.save(state, path)\n\n"
            "def save_checkpoint(state: dict, path: str) -> None:\n    _write(state, path + '.tmp')\n    os.replace(path + '.tmp', path)\n"
        ),
        Valid(
            "import tempfile\nimport torch\n\nwith tempfile.NamedTemporaryFile(dir=folder, delete=False) as handle:\n"
            "    torch.save(model.state_dict(), handle)\n"
        ),
        Valid(
            "import torch\n\ndef save(model, final: Path) -> None:\n    partial = final.with_suffix('.pt.partial')\n"
            "    torch.save(model.state_dict(), partial)\n    partial.replace(final)\n"
        ),
    )
    invalid = (
        Invalid("import torch\n\ntorch.save(model.state_dict(), 'checkpoints/ckpt_step100.pt')\n", line=3),
        Invalid(
            "import torch\n\ndef save_checkpoint(state: dict, path: str) -> None:\n    torch.save(state, path)\n",
            line=4,
        ),
        Invalid(
            "import os\nimport torch\n\ndef save(model, optimizer, step: int) -> None:\n"
            "    torch.save({'model': model.state_dict(), 'optimizer': optimizer.state_dict()}, os.path.join(CKPT_DIR, f'ckpt_step{step}.pt'))\n",
            line=5,
        ),
        Invalid("from torch import save\n\nsave(model, 'best_model.pt')\n", line=3),
        Invalid(
            "import torch\n\nwith open('checkpoints/last.pt', 'wb') as handle:\n    torch.save(model.state_dict(), handle)\n",
            line=4,
        ),
        Invalid(
            "import torch\n\ndef train_epoch(epoch: int) -> None:\n    ckp = f'{save_dir}/pretrain_{hidden_size}.pth'\n"
            "    state = {k: v.half() for k, v in model.state_dict().items()}\n    torch.save(state, ckp)\n",
            line=6,
        ),
        Invalid(
            "import os\nimport torch\n\ndef persist(out_dir: str) -> None:\n"
            "    torch.save(net.state_dict(), os.path.join(out_dir, 'net.pt'))\n"
            "    torch.save(amp_scaler.state_dict(), os.path.join(out_dir, 'scaler.pt'))\n"
            "    torch.save(torch.get_rng_state(), os.path.join(out_dir, 'rng_state.pth'))\n",
            count=3,
            line=5,
        ),
        Invalid(
            "import torch\n\ndef train_epoch(epoch: int, args: object) -> None:\n"
            "    ckp = f'{args.save_dir}/actor_{epoch}.pth'\n    actor_state = actor.state_dict()\n"
            "    torch.save({k: v.half() for k, v in actor_state.items()}, ckp)\n",
            line=6,
        ),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.saves: List[_Save] = []
        self.moves_in_scope: Set[int] = set()
        self.parameters: Dict[int, Set[str]] = {}
        self.sites = context.binding_sites()

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only files that call a save function at all."""
        return "save" in context.source

    def _function(self) -> Optional[cst.FunctionDef]:
        function = self.context.innermost(cst.FunctionDef)
        return function if isinstance(function, cst.FunctionDef) else None

    def _scope(self) -> int:
        function = self._function()
        return id(function) if function is not None else MODULE_SCOPE

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        """Remember a function's parameters."""
        names = {param.name.value for param in node.params.params}
        names.update(param.name.value for param in node.params.posonly_params)
        names.update(param.name.value for param in node.params.kwonly_params)
        self.parameters[id(node)] = names

    def visit_Call(self, node: cst.Call) -> None:
        """Collect saves and moves."""
        name = self.context.qualify(node.func)
        if name == "torch.save":
            function = self._function()
            function_name = function.name.value if function is not None else ""
            self.saves.append(_Save(node, self._scope(), function_name))
        elif name in MOVE_FUNCTIONS:
            self.moves_in_scope.add(self._scope())
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value in ("replace", "rename"):
            if TEMPORARY.search(dotted_name(node.func.value)):
                self.moves_in_scope.add(self._scope())

    def _bound_values(self, scope: int, name: str) -> List[cst.CSTNode]:
        """What plain assignments and ``with ... as`` bind ``name`` to in ``scope``, in order."""
        return [
            entry.value
            for entry in self.sites.entries(scope, name)
            if entry.source in BOUND_BY and isinstance(entry.value, cst.CSTNode)
        ]

    def _target_text(self, module: cst.Module, save: _Save, target: cst.BaseExpression) -> Tuple[str, bool]:
        """The code of the target (and of what a target name is bound to), and whether it is a parameter."""
        pieces = [module.code_for_node(target)]
        is_parameter = False
        if isinstance(target, cst.Name):
            pieces.extend(module.code_for_node(value) for value in self._bound_values(save.scope, target.value))
            is_parameter = target.value in self.parameters.get(save.scope, set())
        return " ".join(pieces), is_parameter

    def finish(self, module: Any) -> None:
        """Judge every save once all moves of the file are known."""
        judged = [(save, self._judge(module, save)) for save in self.saves]
        checkpoint_functions = {
            save.scope for save, verdict in judged if verdict is not None and verdict[1] and save.scope != MODULE_SCOPE
        }
        for save, verdict in judged:
            if verdict is None:
                continue
            direct_to_final, is_checkpoint = verdict
            if direct_to_final and (is_checkpoint or save.scope in checkpoint_functions):
                self._report(save)

    def _bound_text(self, module: cst.Module, save: _Save, expression: cst.BaseExpression) -> str:
        """The code of an expression and of what every name in it is bound to, followed through assignments.

        ``actor_state = model.state_dict()`` then ``torch.save({k: v.half() for k, v in
        actor_state.items()}, ckp)``: the saved dict is the model's state dict whatever
        its variable is called. Names are looked up in the save's scope and the scopes
        around it, through the walker's binding sites, up to ``FOLLOW_DEPTH`` steps.
        """
        pieces = [module.code_for_node(expression)]
        seen: Set[Tuple[int, str]] = set()
        pending: List[Tuple[cst.CSTNode, int]] = [(expression, 0)]
        while pending:
            node, depth = pending.pop()
            if depth >= FOLLOW_DEPTH:
                continue
            for name in _names_in(node):
                for value in self._values_in_chain(save.scope, name, seen):
                    pieces.append(module.code_for_node(value))
                    pending.append((value, depth + 1))
        return " ".join(pieces)

    def _values_in_chain(self, scope: int, name: str, seen: Set[Tuple[int, str]]) -> List[cst.CSTNode]:
        """The values ``name`` is bound to in the innermost scope of the chain that binds it (once per scope)."""
        for key in self.sites.chain(scope):
            entries = self.sites.entries(key, name)
            if not entries:
                continue
            if (key, name) in seen:
                return []
            seen.add((key, name))
            return [entry.value for entry in entries if entry.source in FOLLOWED and isinstance(entry.value, cst.CSTNode)]
        return []

    def _judge(self, module: cst.Module, save: _Save) -> Optional[Tuple[bool, bool]]:
        """(writes straight to the final path, is a checkpoint by its own data), None when not judged."""
        arguments = [a for a in save.call.args if a.keyword is None and not a.star]
        keywords = {a.keyword.value: a.value for a in save.call.args if a.keyword is not None}
        saved: Optional[cst.BaseExpression] = arguments[0].value if arguments else keywords.get("obj")
        target = arguments[1].value if len(arguments) > 1 else keywords.get("f")
        if saved is None or target is None or any(a.star for a in save.call.args):
            return None
        target_text, is_parameter = self._target_text(module, save, target)
        evidence = " ".join([target_text, self._bound_text(module, save, saved), save.function_name])
        is_checkpoint = bool(CHECKPOINT.search(evidence))
        if TEMPORARY.search(target_text) or IN_MEMORY.search(target_text):
            return False, is_checkpoint
        if save.scope in self.moves_in_scope or (is_parameter and self.moves_in_scope):
            return False, is_checkpoint
        return True, is_checkpoint

    def _report(self, save: _Save) -> None:
        self.report(
            save.call,
            "torch.save writes the checkpoint straight to its final path: save to a .tmp file, then os.replace() it into place",
        )
