"""The source-rule engine: parse, walk, position, suppress and fix."""
