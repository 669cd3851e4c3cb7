# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""SEC001: secrets come from the environment or a secrets store, never from a literal.

A literal is reported when BOTH hold: it is written to a secret-like name
(``*_KEY``, ``*_TOKEN``, ``*_SECRET``, ``password``: an assignment target, an
attribute, a subscript key such as ``os.environ['HF_TOKEN'] = ...``, a
keyword argument, a dict key or a parameter default) AND its value is
token-shaped: a known token format (Hugging Face, OpenAI, Anthropic, GitHub,
AWS, Slack, Google, Stripe, GitLab), a long hex or UUID value, or a long
high-entropy mix of letters and digits. Password names also take shorter
mixed values. Reads (``os.environ['X']``, ``os.getenv``,
``userdata.get('KEY')``) are never literals in such a position, and values
that are visibly fake (``hf_xxxx…``, ``sk-your-key-here``, ``<token>``,
``${TOKEN}``) are left alone.

In test files (``[integration] tests``: ``tests/**``, ``test_*.py``,
``conftest.py`` ...) a password or a generic high-entropy value is a fixture
(``DigestAuth(username="user", password="password123")`` against an
in-process server): only values in a known provider format (``hf_``,
``sk-``, ``ghp_``, ``AKIA`` ...) are reported there, because those are the
ones that work against a real service when leaked.
"""

import math
import re
from collections import Counter
from typing import List, Optional, Tuple

import libcst as cst

from checks.config.paths import matches_any
from checks.engine.rule import FileContext, Invalid, Rule, Valid

KNOWN_FORMATS: Tuple[Tuple[str, "re.Pattern[str]"], ...] = (
    ("Hugging Face token", re.compile(r"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}")),
    ("API key", re.compile(r"(?<![A-Za-z0-9_\-])sk-(?:proj-|ant-(?:api\d+-)?)?[A-Za-z0-9_\-]{20,}")),
    ("GitHub token", re.compile(r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})")),
    ("AWS access key", re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])")),
    ("Slack token", re.compile(r"(?<![A-Za-z0-9])xox[abprs]-[A-Za-z0-9\-]{10,}")),
    ("Google API key", re.compile(r"(?<![A-Za-z0-9])AIza[0-9A-Za-z_\-]{35}")),
    ("Stripe key", re.compile(r"(?<![A-Za-z0-9])[sr]k_live_[0-9a-zA-Z]{24,}")),
    ("GitLab token", re.compile(r"(?<![A-Za-z0-9])glpat-[0-9A-Za-z_\-]{20,}")),
)
SECRET_LAST_PARTS = frozenset(
    {"key", "token", "secret", "password", "passwd", "passphrase", "apikey", "credential", "credentials"}
)
PASSWORD_PARTS = frozenset({"password", "passwd", "passphrase"})
NAME_PARTS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
FAKE_MARKERS = re.compile(
    r"xxxx|\*\*\*|your|example|dummy|fake|placeholder|redacted|changeme|[_\-]here\b|replace[_\-]?me|insert|\.\.\.|<|>",
    re.IGNORECASE,
)
NOT_A_VALUE = re.compile(r"^(?:[$<{%*]|\./|~|/)|://|\s")
HEX = re.compile(r"^[0-9a-f]{32,}$|^[0-9A-F]{32,}$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TOKEN_CHARACTERS = re.compile(r"^[A-Za-z0-9+/=_\-.:]+$")
ENV_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
MIN_ENTROPY = 3.5


def name_parts(name: str) -> List[str]:
    """``OPENAI_API_KEY`` / ``openaiApiKey`` -> ``['openai', 'api', 'key']``."""
    return [part.lower() for part in NAME_PARTS.findall(name)]


def secret_kind(name: str) -> Optional[str]:
    """'password' or 'secret' when a name says it holds a credential, else None."""
    parts = name_parts(name)
    if not parts:
        return None
    if parts[-1] in PASSWORD_PARTS:
        return "password"
    if parts[-1] in SECRET_LAST_PARTS or "secret" in parts or parts[-2:] == ["key", "id"]:
        return "secret"
    return None


def entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(text)
    total = len(text)
    return -sum(count / total * math.log2(count / total) for count in counts.values())


def _looks_fake(token: str) -> bool:
    return bool(FAKE_MARKERS.search(token)) or len(set(token)) < 8


def known_format(value: str) -> Optional[str]:
    """The provider whose token format a literal carries (not visibly fake), or None."""
    for label, pattern in KNOWN_FORMATS:
        match = pattern.search(value)
        if match is not None and not _looks_fake(match.group(0)):
            return label
    return None


def token_shape(value: str, kind: str) -> Optional[str]:
    """What kind of secret a literal looks like, or None when it does not look like one."""
    label = known_format(value)
    if label is not None:
        return label
    text = value.strip()
    if NOT_A_VALUE.search(text) or _looks_fake(text):
        return None
    has_digit = any(c.isdigit() for c in text)
    has_alpha = any(c.isalpha() for c in text)
    has_upper = any(c.isupper() for c in text)
    has_lower = any(c.islower() for c in text)
    if kind == "password" and len(text) >= 6 and not ENV_NAME.match(text):
        classes = sum([has_upper, has_lower, has_digit, any(not c.isalnum() for c in text)])
        if classes >= 2:
            return "password"
    if not TOKEN_CHARACTERS.match(text):
        return None
    if (HEX.match(text) and has_digit and has_alpha) or UUID.match(text):
        return "hex key"
    if len(text) >= 20 and has_digit and has_upper and has_lower and entropy(text) >= MIN_ENTROPY:
        return "high-entropy string"
    digits = sum(c.isdigit() for c in text)
    letters = sum(c.isalpha() for c in text)
    if len(text) >= 24 and digits >= 4 and letters >= 4 and entropy(text) >= MIN_ENTROPY and "_" not in text:
        return "high-entropy string"
    return None


def literal_value(expression: Optional[cst.BaseExpression]) -> Optional[str]:
    """The text of a plain (non-bytes, non-f) string literal, implicit concatenations included."""
    pieces: List[str] = []
    pending: List[Optional[cst.BaseExpression]] = [expression]
    while pending:
        node = pending.pop()
        if isinstance(node, cst.ConcatenatedString):
            pending.append(node.right)
            pending.append(node.left)
        elif isinstance(node, cst.SimpleString):
            value = node.evaluated_value
            if not isinstance(value, str):
                return None
            pieces.append(value)
        else:
            return None
    return "".join(pieces)


def target_name(target: cst.BaseExpression) -> Optional[str]:
    """The name an assignment writes: ``x``, ``obj.x`` or the string key of ``d['x']``."""
    if isinstance(target, cst.Name):
        return target.value
    if isinstance(target, cst.Attribute):
        return target.attr.value
    if isinstance(target, cst.Subscript) and len(target.slice) == 1:
        index = target.slice[0].slice
        if isinstance(index, cst.Index):
            return literal_value(index.value)
    return None


class HardcodedSecretRule(Rule):
    """Flags token-shaped literals written to secret-like names (see the module docstring)."""

    code = "SEC001"
    section = "10"
    summary = "hard-coded secret: token-shaped literal assigned to a name like *_KEY, *_TOKEN, *_SECRET, password"
    rationale = (
        "A committed token is leaked for good (history keeps it); read secrets from the environment "
        "or a store such as google.colab.userdata.get('KEY')."
    )
    exemptions = (
        "Reads (os.environ['X'], os.getenv, userdata.get('KEY')), literals that are not token-shaped, values "
        'under names that are not secret-like, visibly fake values (hf_xxxx..., sk-your-key-here, '
        '<token>, ${TOKEN}), and in test files ([integration] tests) passwords and generic high-entropy '
        'values, which are fixtures: only known provider formats (hf_, sk-, ghp_, AKIA ...) are reported there.'
    )
    valid = (
        Valid("import os\n\nHF_TOKEN = os.environ['HF_TOKEN']\n"),
        Valid("import os\n\nOPENAI_API_KEY = os.getenv('OPENAI_API_KEY', '')\n"),
        Valid("from google.colab import userdata\n\nHF_TOKEN = userdata.get('HF_TOKEN')\n"),
        Valid("PAD_TOKEN = '<|endoftext|>'\nEOS_TOKEN = '</s>'\n"),
        Valid("CACHE_KEY = 'model_outputs_v1'\nSORT_KEY = 'step'\n"),
        Valid("HF_TOKEN = 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'\n"),
        Valid("OPENAI_API_KEY = 'sk-your-key-here-0000000000000000'\n"),
        Valid("GITHUB_TOKEN = 'ghp_<paste-your-token>'\nAPI_KEY = 'EXAMPLEKEY1234567890abcdefABCDEF'\n"),
        Valid("PASSWORD_ENV_VAR = 'DB_PASSWORD'\npassword = 'DB_PASSWORD'\n"),
        Valid("token = tokenizer.decode(ids)\n"),
        Valid("CHECKPOINT_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'\n"),
        Valid(
            "import httpx\n\n\ndef test_digest_auth(server: object) -> None:\n"
            "    auth = httpx.DigestAuth(username='user', password='password123')\n"
            "    client = httpx.Client(auth=auth)\n",
            path="tests/client/test_auth.py",
        ),
        Valid(
            "def make_settings() -> dict:\n    return {'secret_key': 'f3a9c2e81b7d4065a9e2c4b8d1f70a6e', 'password': 'CircleOfLife'}\n",
            path="tests/conftest.py",
        ),
    )
    invalid = (
        Invalid("HF_TOKEN = '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'\n", line=1),
        Invalid("HF_TOKEN = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz12345678'\n", line=1),
        Invalid("client = OpenAI(api_key='sk-proj-4fGh8KlM2nBv7QxZ9wRt3YcE5uJ1aPs6')\n", line=1),
        Invalid("import os\n\nos.environ['GITHUB_TOKEN'] = 'ghp_Z8kL2mN4pQ6rS8tU0vW2xY4zA6bC8dE0fG2h'\n", line=3),
        Invalid("AWS_ACCESS_KEY_ID = 'AKIAQ3EGT5KZR7VN2WPM'\n", line=1),
        Invalid("config = {'secret_key': 'f3a9c2e81b7d4065a9e2c4b8d1f70a6e'}\n", line=1),
        Invalid("def connect(password: str = 'S3cr3tPass!') -> None:\n    open_db(password)\n", line=1),
        Invalid("class Settings:\n    def __init__(self) -> None:\n        self.api_token = 'Zt8Kq2Lm9Xw4Rb7Nc1Vy6Hp3'\n", line=3),
        Invalid(
            "def test_upload() -> None:\n    upload(token='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')\n",
            path="tests/test_hub.py",
            line=2,
        ),
        Invalid("import httpx\n\nauth = httpx.DigestAuth(username='user', password='password123')\n", path="client.py", line=3),
    )

    def __init__(self, context: FileContext) -> None:
        super().__init__(context)
        self.test_file = matches_any(context.path, context.settings.table("integration")["tests"])

    def _check(self, name: Optional[str], value: Optional[cst.BaseExpression]) -> None:
        if name is None:
            return
        if not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            return
        kind = secret_kind(name)
        if kind is None:
            return
        text = literal_value(value)
        if not text:
            return
        shape = known_format(text) if self.test_file else token_shape(text, kind)
        if shape is not None:
            self.report(
                value,
                f"hard-coded secret ({shape}) in '{name}': read it from the environment or a secrets store "
                "(os.environ, google.colab.userdata.get)",
            )

    def visit_Assign(self, node: cst.Assign) -> None:
        """``NAME = 'literal'``, ``obj.name = ...``, ``mapping['NAME'] = ...``."""
        for target in node.targets:
            self._check(target_name(target.target), node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        """``NAME: str = 'literal'``."""
        self._check(target_name(node.target), node.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        """``login(token='literal')``."""
        if node.keyword is not None:
            self._check(node.keyword.value, node.value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        """``{'api_key': 'literal'}``."""
        self._check(literal_value(node.key), node.value)

    def visit_Param(self, node: cst.Param) -> None:
        """``def f(token='literal')``."""
        self._check(node.name.value, node.default)
