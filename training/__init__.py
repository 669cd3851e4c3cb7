"""Reference PyTorch training package of prefguard (policy section 10).

A small nanoGPT-style pipeline that follows every rule of the preferences
document: real text only, memmap batches, hardware-aware precision, atomic and
numerically ordered checkpoints with exact resume, DDP through torchrun, result
files, and the 5-section notebook generated from these sources. It imports
neither ``checks`` nor ``hooks``. Run it with ``python -m training``.
"""
