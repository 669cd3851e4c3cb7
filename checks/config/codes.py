# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Every code prefguard can report, and where each source rule lives.

Kept free of heavy imports: configuration validation and the findings cache
need the list of codes without loading libcst.
"""

from typing import Dict, FrozenSet

SOURCE_RULE_MODULES: Dict[str, str] = {
    "HDR001": "checks.rules.coding_line",
    "HDR002": "checks.rules.copyright_block",
    "ANN001": "checks.rules.parameter_annotation",
    "ANN002": "checks.rules.return_annotation",
    "NAM001": "checks.rules.class_name",
    "NAM002": "checks.rules.function_name",
    "NAM003": "checks.rules.variable_name",
    "IMP001": "checks.rules.relative_import",
    "LOG001": "checks.rules.logging_module",
    "EXC001": "checks.rules.bare_except",
    "EXC002": "checks.rules.blind_except",
    "DOC001": "checks.rules.class_docstring",
    "DOC002": "checks.rules.function_docstring",
    "STB001": "checks.rules.empty_file",
    "STB002": "checks.rules.stub_body",
    "STB003": "checks.rules.placeholder_marker",
    "PRN001": "checks.rules.status_prefix",
    "PRN002": "checks.rules.loop_print_flush",
    "SEP001": "checks.rules.section_separator",
    "ENC001": "checks.rules.open_encoding",
    "INH001": "checks.rules.non_abstract_base",
    "INH002": "checks.rules.deep_inheritance",
    "ENG001": "checks.rules.english_comment",
    "ENG002": "checks.rules.english_identifier",
    "ENG003": "checks.rules.english_message",
    "SEC001": "checks.rules.hardcoded_secret",
    "TRN001": "checks.rules.atomic_checkpoint",
    "TRN002": "checks.rules.checkpoint_sort",
    "TRN003": "checks.rules.bf16_grad_scaler",
    "TRN004": "checks.rules.dataloader_settings",
    "TRN005": "checks.rules.memmap_dataloader",
    "TRN006": "checks.rules.oom_handler",
    "TRN007": "checks.rules.training_seeds",
    "TRN008": "checks.rules.drive_copy",
    "MOD002": "checks.rules.internal_alias",
}

# Codes whose rules are being written; accepted in configuration meanwhile.
RESERVED_SOURCE_MODULES: Dict[str, str] = {}

ENGINE_CODES: FrozenSet[str] = frozenset({"PGX001", "PGX002"})

# The project-wide findings of ``prefguard verify`` (a baseline part of their own).
INTEGRATION_CODES: FrozenSet[str] = frozenset({"INT001", "INT002", "INT003", "INT004"})

OTHER_CODES: FrozenSet[str] = frozenset(
    {
        "ENG004", "ENG005", "NBK001",
        "JSN001", "JSN002", "JSN003", "JSN004", "JSN005",
        "MEM001", "MEM002", "MEM003", "MEM004",
        "HDR003", "MOD001",
        "BSL001", "BSL002", "CFG001", "CFG002", "CFG003",
        "INT001", "INT002", "INT003", "INT004",
    }
)

ALL_CODES: FrozenSet[str] = (
    frozenset(SOURCE_RULE_MODULES) | frozenset(RESERVED_SOURCE_MODULES) | ENGINE_CODES | OTHER_CODES
)
