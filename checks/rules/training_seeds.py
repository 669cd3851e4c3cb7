# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""TRN007: a training script that seeds one generator seeds all three (policy section 10).

Training code is a file that runs a backward pass (``.backward(``). A file that seeds some of ``random``, NumPy and torch directly must seed the
others too. A file that calls any other function with ``seed`` in its name
(``set_seed``, ``seed_everything``, a helper of the project) is trusted to seed
through it; a file that seeds nothing is not judged (it may be a library module
that the entry script seeds for).
"""

from typing import Dict

import libcst as cst

from checks.engine.rule import FileContext, Invalid, Rule, Valid

SEEDERS: Dict[str, str] = {
    "random.seed": "random",
    "numpy.random.seed": "numpy",
    "torch.manual_seed": "torch",
    "torch.random.manual_seed": "torch",
}
GENERATORS = ("random", "numpy", "torch")
HOW = {"random": "random.seed(seed)", "numpy": "np.random.seed(seed)", "torch": "torch.manual_seed(seed)"}


class TrainingSeeds(Rule):
    """Scripts that seed some random generators but not all."""

    code = "TRN007"
    summary = "seeds set for only some of random, numpy and torch"
    section = "10"
    rationale = (
        'The policy\'s training configuration: "Seeds: random, numpy, torch at start." A run seeded in torch '
        'alone still shuffles, samples and augments through random and NumPy, so it cannot be repeated.'
    )
    exemptions = (
        "Files that seed through a helper (any call whose name contains 'seed', such as transformers.set_seed "
        'or lightning.seed_everything), files that seed nothing themselves, and code that does not train (no '
        'backward pass: sampling and evaluation scripts).'
    )
    valid = (
        Valid(
            "import random\nimport numpy as np\nimport torch\n\ndef main(seed: int) -> None:\n"
            "    random.seed(seed)\n    np.random.seed(seed)\n    torch.manual_seed(seed)\n"
        ),
        Valid("import torch\nfrom transformers import set_seed\n\nset_seed(42)\ntorch.manual_seed(42)\n"),
        Valid("import torch\n\nmodel = torch.nn.Linear(2, 2)\n"),
        Valid("import torch\n\ntorch.manual_seed(1337)\nprint(model.generate(prompt))\n"),
    )
    invalid = (
        Invalid("import torch\n\ndef main() -> None:\n    torch.manual_seed(1337)\n    loss = model(x)\n    loss.backward()\n", line=4),
        Invalid("import random\nimport torch\n\nrandom.seed(0)\ntorch.manual_seed(0)\nmodel(x).sum().backward()\n", line=4),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.first: Dict[str, cst.Call] = {}
        self.other_seeding = False

    @classmethod
    def applies_to(cls, context: FileContext) -> bool:
        """Only training code that seeds something (a backward pass marks training)."""
        return "seed" in context.source and ".backward(" in context.source

    def visit_Call(self, node: cst.Call) -> None:
        """Note direct seeding calls and seeding helpers."""
        qualified = self.context.qualify(node.func)
        generator = SEEDERS.get(qualified)
        if generator is not None:
            self.first.setdefault(generator, node)
            return
        name = node.func.attr.value if isinstance(node.func, cst.Attribute) else getattr(node.func, "value", "")
        if isinstance(name, str) and "seed" in name.lower() and not name.startswith("manual_seed"):
            self.other_seeding = True

    def finish(self, module: cst.Module) -> None:
        """Report at the first seeding call when some generators stay unseeded."""
        if not self.first or self.other_seeding:
            return
        missing = [generator for generator in GENERATORS if generator not in self.first]
        if not missing:
            return
        anchor = next(iter(self.first.values()))
        needed = ", ".join(HOW[generator] for generator in missing)
        self.report(anchor, f"seeds {', '.join(g for g in GENERATORS if g in self.first)} but not {', '.join(missing)}: add {needed}")
