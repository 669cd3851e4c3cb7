"""The Claude Code hook events behind ``prefguard assistant``: files, git and output around checks.assistant."""
