"""Running checks over files: discovery, workers, caches."""
