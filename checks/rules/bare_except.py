# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""EXC001: no bare ``except:``."""

import libcst as cst

from checks.engine.rule import Invalid, Rule, Valid


class BareExceptRule(Rule):
    """Flags ``except:`` clauses that name no exception."""

    code = "EXC001"
    section = "5, 10"
    summary = "bare except:"
    rationale = "A bare except also catches KeyboardInterrupt and SystemExit and hides the real error; catch specific exceptions."
    exemptions = (
        "Nothing: every bare 'except:' is reported (write 'except BaseException:' and re-raise when "
        'everything must be caught).'
    )
    valid = (
        Valid("try:\n    run()\nexcept ValueError:\n    pass\n"),
        Valid("try:\n    run()\nexcept (OSError, KeyError) as error:\n    print(error)\n"),
    )
    invalid = (
        Invalid("try:\n    run()\nexcept:\n    pass\n", line=3),
        Invalid("try:\n    run()\nexcept ValueError:\n    pass\nexcept:\n    raise\n", line=5),
    )

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        """Report a handler without a type."""
        if node.type is None:
            self.report(node, "bare 'except:': catch specific exceptions")
