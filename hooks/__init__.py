"""prefguard's adapters: command line, git, files, caches and output formats."""
