"""Adopting the policy on existing code: baseline fingerprints, matching, pruning and the gate."""
