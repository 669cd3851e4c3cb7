"""Configuration as plain data: settings, path globs and the code table."""
