# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""TRN008: files leave the Drive mount through ``cp``, not ``shutil`` (policy section 10).

The source of a ``shutil.copy``/``copy2``/``copyfile``/``copytree`` call is
followed through the names of the file: a string that starts under
``/content/drive``, or an expression built from a name bound to one (joins,
``/`` and f-strings), is on the Drive mount.
"""

from typing import List, Optional, Set

import libcst as cst

from checks.engine.rule import FileContext, Invalid, Rule, Valid

SHUTIL_COPIES = frozenset({"shutil.copy", "shutil.copy2", "shutil.copyfile", "shutil.copytree"})
DRIVE_PREFIX = "/content/drive"


class DriveCopy(Rule):
    """shutil copies whose source is on the Google Drive mount."""

    code = "TRN008"
    summary = "shutil copy from the Drive mount; use subprocess.run(['cp', src, dst])"
    section = "10"
    rationale = (
        'The policy\'s tokenize step: "Copy to local SSD: subprocess.run([\\"cp\\", src, dst]) → '
        '/content/tmp_data/. NOT shutil.copy2." shutil reads Drive FUSE in small chunks and copies metadata '
        'through it, many times slower than cp for large corpora.'
    )
    exemptions = 'Copies whose source the file does not show to be under /content/drive.'
    valid = (
        Valid(
            "import subprocess\n\nsrc = '/content/drive/MyDrive/proj/train.txt'\n"
            "subprocess.run(['cp', src, '/content/tmp_data/train.txt'], check=True)\n"
        ),
        Valid("import shutil\n\nshutil.copy2('/content/tmp_data/a.bin', '/content/tmp_data/b.bin')\n"),
        Valid("import shutil\n\ndef backup(src: str, dst: str) -> None:\n    shutil.copy2(src, dst)\n"),
    )
    invalid = (
        Invalid(
            "import os\nimport shutil\n\nPROJECT_ROOT = '/content/drive/MyDrive/proj'\n"
            "shutil.copy2(os.path.join(PROJECT_ROOT, 'training_data', 'a.txt'), '/content/tmp_data/a.txt')\n",
            line=5,
        ),
        Invalid("from shutil import copyfile\n\ncopyfile('/content/drive/MyDrive/x.bin', '/content/x.bin')\n", line=3),
        Invalid(
            "import shutil\nfrom pathlib import Path\n\nROOT = Path('/content/drive/MyDrive/p')\n"
            "source = ROOT / 'data'\nshutil.copytree(source, '/content/tmp_data')\n",
            line=6,
        ),
        Invalid("import shutil\n\nname = 'a.txt'\nshutil.copy(f'/content/drive/MyDrive/{name}', '/tmp/a.txt')\n", line=4),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.drive_names: Set[str] = set()

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only files that mention the Drive mount and shutil."""
        return DRIVE_PREFIX in context.source and "shutil" in context.source

    def visit_Assign(self, node: cst.Assign) -> None:
        """Names bound to a path on the Drive mount."""
        if self._on_drive(node.value):
            for target in node.targets:
                if isinstance(target.target, cst.Name):
                    self.drive_names.add(target.target.value)

    def visit_Call(self, node: cst.Call) -> None:
        """Judge the source of a shutil copy."""
        if self.context.qualify(node.func) not in SHUTIL_COPIES:
            return
        source = _source(node)
        if source is not None and self._on_drive(source):
            self.report(node, "shutil copy from the Drive mount; copy with subprocess.run(['cp', src, dst], check=True)")

    def _on_drive(self, expression: cst.BaseExpression) -> bool:
        pending: List[cst.CSTNode] = [expression]
        while pending:
            node = pending.pop()
            if isinstance(node, cst.SimpleString) and DRIVE_PREFIX in node.value:
                return True
            if isinstance(node, cst.FormattedStringText) and DRIVE_PREFIX in node.value:
                return True
            if isinstance(node, cst.Name) and node.value in self.drive_names:
                return True
            pending.extend(node.children)
        return False


def _source(call: cst.Call) -> Optional[cst.BaseExpression]:
    for argument in call.args:
        if argument.keyword is not None and argument.keyword.value == "src":
            return argument.value
    positional = [argument for argument in call.args if argument.keyword is None and not argument.star]
    return positional[0].value if positional else None
