"""The git-aware guards as pure functions: strict JSON, append-only diff, memory rules."""
