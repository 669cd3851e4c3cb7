"""Integration verification (policy section 9): import graph, WIRED, DUPLICATE, TESTED, ACTIVE."""
