# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""Loss estimates and the unigram baseline the results are compared against."""

import math
from typing import Dict

import numpy as np
import torch
from torch import nn

from training.data import BinDataset
from training.precision import PrecisionPlan, autocast_context


def unigram_baseline(dataset: BinDataset) -> float:
    """Cross-entropy (nats/token) of the val split under the train split's unigram distribution.

    Counts are add-one smoothed so every id has a probability. A language model
    that has learned anything about context must beat this number.
    """
    train_counts = np.bincount(np.asarray(dataset.splits["train"]), minlength=dataset.vocab_size).astype(np.float64)
    val_counts = np.bincount(np.asarray(dataset.splits["val"]), minlength=dataset.vocab_size).astype(np.float64)
    probabilities = (train_counts + 1.0) / (train_counts.sum() + dataset.vocab_size)
    return float(-(val_counts * np.log(probabilities)).sum() / val_counts.sum())


@torch.no_grad()
def estimate_loss(
    model: nn.Module,
    dataset: BinDataset,
    plan: PrecisionPlan,
    batch_size: int,
    block_size: int,
    iterations: int,
    seed: int,
) -> Dict[str, float]:
    """Mean loss on ``iterations`` batches of each split, drawn with a fixed seed.

    The eval generator is separate from the training one, so evaluating never
    moves the data position, and every evaluation sees the same batches.
    """
    was_training = model.training
    model.eval()
    device = torch.device(plan.device)
    losses: Dict[str, float] = {}
    for split in ("train", "val"):
        generator = torch.Generator().manual_seed(seed)
        total = 0.0
        for _ in range(iterations):
            inputs, targets = dataset.get_batch(split, batch_size, block_size, generator, device)
            with autocast_context(plan):
                _, loss = model(inputs, targets)
            total += float(loss.item())
        losses[split] = total / iterations
    model.train(was_training)
    return losses


def perplexity(loss: float) -> float:
    """exp(loss), capped so a diverged run still serialises."""
    return math.exp(min(loss, 50.0))
