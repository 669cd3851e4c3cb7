"""Every conversation with git (named vcs so it never shadows GitPython's ``git``)."""
