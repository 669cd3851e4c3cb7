"""Judgements behind the AI assistant hooks: hook input, edits as the tools apply them, verdicts."""
