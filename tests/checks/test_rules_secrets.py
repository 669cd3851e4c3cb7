"""SEC001: reads from the environment or a secrets store are never findings; token-shaped literals are."""

from typing import List

import pytest

from checks.engine.lint import lint_source
from checks.rules.hardcoded_secret import secret_kind, token_shape
from checks.config.settings import build_settings

SETTINGS = build_settings({}, select=["SEC001"])


def lines(source: str) -> List[int]:
    return [f.line for f in lint_source(source, "pkg/mod.py", SETTINGS) if f.code == "SEC001"]


@pytest.mark.parametrize(
    "source",
    [
        "import os\n\nHF_TOKEN = os.environ['HF_TOKEN']\n",
        "import os\n\nHF_TOKEN = os.environ.get('HF_TOKEN', '')\n",
        "import os\n\nAPI_KEY = os.getenv('API_KEY', 'sk-proj-4fGh8KlM2nBv7QxZ9wRt3YcE5uJ1aPs6')\n",
        "from google.colab import userdata\n\nHF_TOKEN = userdata.get('HF_TOKEN')\n",
        "from huggingface_hub import login\n\nlogin(token=userdata.get('HF_TOKEN'))\n",
        "secrets = {'HF_TOKEN': 'HF_TOKEN'}\n",
        "MASK_TOKEN = '[MASK]'\nBOS_TOKEN = '<|begin_of_text|>'\nSPECIAL_TOKEN = '<|reserved_special_token_0|>'\n",
        "TOKEN_PATTERN = r'(?u)\\b\\w\\w+\\b'\n",
        "API_KEY = f'{prefix}-{suffix}'\n",
        "password = input('Password: ')\n",
        "PASSWORD = '********'\n",
        "MODEL_ID = 'meta-llama/Llama-3.1-8B-Instruct'\nrun_id = 'a8f3k2l9x0m4n7b1v5c6z8q2'\n",
    ],
)
def test_not_a_hardcoded_secret(source: str) -> None:
    assert lines(source) == []


def test_every_place_a_literal_can_be_written_to_a_name() -> None:
    sample = "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"
    source = (
        f"HF_TOKEN: str = '{sample}'\n"
        f"login(token='{sample}')\n"
        f"settings = {{'hf_token': '{sample}'}}\n"
        f"os.environ['HF_TOKEN'] = '{sample}'\n"
        f"def pull(hf_token: str = '{sample}') -> None:\n    return None\n"
        f"client.api_key = ('sk-ant-api03-' 'Zt8Kq2Lm9Xw4Rb7Nc1Vy6Hp3Qd5')\n"
    )
    assert lines(source) == [1, 2, 3, 4, 5, 7]


def test_names() -> None:
    assert [secret_kind(n) for n in ("OPENAI_API_KEY", "hfToken", "db_password", "client_secret", "SECRET_VALUE")] == [
        "secret", "secret", "password", "secret", "secret",
    ]
    assert [secret_kind(n) for n in ("key_size", "tokens", "token_count", "keyboard", "password_prompt")] == [None] * 5


def test_shapes() -> None:
    assert token_shape("AKIAQ3EGT5KZR7VN2WPM", "secret") == "AWS access key"
    assert token_shape("123e4567-e89b-42d3-a456-426614174000", "secret") == "hex key"
    assert token_shape("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", "secret") == "high-entropy string"
    assert token_shape("model_outputs_cache_v1", "secret") is None
    assert token_shape("https://example.org/token", "secret") is None
    assert token_shape("hf_" + "a" * 34, "secret") is None
    assert token_shape("Tr0ub4dor", "password") == "password"
    assert token_shape("Tr0ub4dor", "secret") is None
