"""
Train a small character-level transformer on a single GPU or with DDP.
Settings come from config/*.py files and --key=value overrides.
"""

import os
import time
import math
from contextlib import nullcontext

import numpy as np
import torch

from trainer.model import TinyGPT, TinyConfig

# -----------------------------------------------------------------------------
# default settings
out_dir = 'out'
eval_interval = 250
batch_size = 12
block_size = 256
learning_rate = 6e-4
max_iters = 5000
wandb_entity = None
device = 'cuda'
exec(open('configurator.py').read())
# -----------------------------------------------------------------------------

data_dir = os.path.join('data', 'chars')
train_data = np.memmap(os.path.join(data_dir, 'train.bin'), dtype=np.uint16, mode='r')


def get_batch():
    ix = torch.randint(len(train_data) - block_size, (batch_size,))
    x = torch.stack([torch.from_numpy((train_data[i:i + block_size]).astype(np.int64)) for i in ix])
    y = torch.stack([torch.from_numpy((train_data[i + 1:i + 1 + block_size]).astype(np.int64)) for i in ix])
    return x.to(device), y.to(device)


model = TinyGPT(TinyConfig(block_size=block_size))
optimizer = model.configure_optimizers(learning_rate)
X, Y = get_batch()
t0 = time.time()
for iter_num in range(max_iters):
    logits, loss = model(X, Y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    X, Y = get_batch()
    if iter_num % eval_interval == 0:
        print(f"step {iter_num}: loss {loss.item():.4f}")
        checkpoint = {'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'iter_num': iter_num}
        torch.save(checkpoint, os.path.join(out_dir, 'ckpt.pt'))
