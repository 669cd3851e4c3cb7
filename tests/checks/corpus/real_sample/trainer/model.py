import torch
from torch import nn


class TinyConfig:
    def __init__(self, block_size=256, n_embd=128):
        self.block_size = block_size
        self.n_embd = n_embd


class TinyGPT(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.head = nn.Linear(config.n_embd, config.n_embd)

    def forward(self, x, targets=None):
        B, T = x.size()
        return self.head(x), None

    def configure_optimizers(self, learning_rate):
        return torch.optim.AdamW(self.parameters(), lr=learning_rate)
