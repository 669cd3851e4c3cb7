"""Putting an existing repository under the policy (``prefguard init``): the content of every file it writes."""
