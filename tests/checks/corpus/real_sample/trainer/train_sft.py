import glob
import os

import torch
from safetensors.torch import load_file

from config import *


def load_sharded(ckpt_dir):
    # 逐个加载同一个检查点的所有分片
    state = {}
    shard_files = glob.glob(os.path.join(ckpt_dir, "*.safetensors"))
    for f in sorted(shard_files):
        state.update(load_file(f))
    return state


def latest_checkpoint(save_dir):
    names = sorted(os.listdir(os.path.join(save_dir, "ckpt")))
    return names[-1]


def save_epoch(model, scaler, save_dir, hidden_size):
    # 保存半精度权重
    ckp = f"{save_dir}/sft_{hidden_size}.pth"
    state_dict = model.state_dict()
    state = {k: v.half() for k, v in state_dict.items()}
    torch.save(state, ckp)
    torch.save(scaler.state_dict(), f"{save_dir}/scaler.pth")
    torch.save(torch.get_rng_state(), f"{save_dir}/rng.pth")


def run(steps):
    for step in range(steps):
        print(step)
    print('-' * 100)
