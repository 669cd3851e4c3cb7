"""Shared analyses of source code that several rules read."""
