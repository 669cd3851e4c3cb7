"""The project's generated reference documentation (docs/): rules, commands, configuration, memory files, guard."""
