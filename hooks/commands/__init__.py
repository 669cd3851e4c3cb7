"""One module per ``prefguard`` command: parse arguments, call, print."""
