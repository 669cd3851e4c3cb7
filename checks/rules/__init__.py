"""Source rules: one rule class per module (see ``checks.config.codes``)."""
