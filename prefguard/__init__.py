"""prefguard's installed namespace: the console launcher and, in a wheel, the private code folder ``_lib``."""
