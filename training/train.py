# -*- coding: utf-8 -*-
# Copyright (c) 2024-2026 Vasile Lucian Borbeleac / FRAGMERGENT TECHNOLOGY S.R.L.
# Cluj-Napoca, Romania
"""The training loop: data, model, precision, checkpoints, evaluation and results.

``run_training(config)`` runs one training run described by the dict that
``training.config.load_config`` returns, single-process or under torchrun, and
returns a summary dict. The loop follows policy section 10: gradient
accumulation, clipping, warmup + cosine decay, early stopping after K plateau
evaluations, best_model.pt, atomic checkpoints with exact resume, OOM recovery,
and the ``Step X/Y | loss | tok/s | ETA`` progress line.
"""

import copy
import json
import math
import os
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import torch

from training.checkpoints import CheckpointManager, load_model_state, model_state_dict, unwrap_model
from training.data import BinDataset, DatasetMeta, prepare_dataset, validate_dataset
from training.ddp import (
    DistributedContext,
    all_gather_objects,
    all_reduce_mean,
    barrier,
    destroy_distributed,
    detect_distributed,
    gradient_sync,
    init_distributed,
    wrap_model,
)
from training.early_stopping import EarlyStopping
from training.evaluation import estimate_loss, perplexity, unigram_baseline
from training.memory import free_memory, peak_memory_mb, reset_peak_memory
from training.model import GPT, GPTConfig
from training.paths import RunPaths, run_paths_from_config
from training.precision import PrecisionPlan, autocast_context, configure_backends, detect_precision
from training.progress import ProgressMeter
from training.results import format_report, write_results
from training.scaler import make_grad_scaler
from training.schedule import learning_rate_at
from training.seeding import capture_rng_state, restore_rng_state, set_seed
from training.tokenizer import CharTokenizer

CHECKPOINT_FORMAT_VERSION = 1
EVAL_SEED_OFFSET = 7919
MAX_NONFINITE_STEPS = 10
AUTO_THREADS_MAX = 8
SEPARATOR = "=" * 70


def build_optimizer(model: torch.nn.Module, train: Dict[str, Any], plan: PrecisionPlan) -> torch.optim.AdamW:
    """AdamW with weight decay on matrices only (biases, norms and embeddings' 1-D params excluded)."""
    decay = [parameter for parameter in model.parameters() if parameter.requires_grad and parameter.dim() >= 2]
    no_decay = [parameter for parameter in model.parameters() if parameter.requires_grad and parameter.dim() < 2]
    groups = [
        {"params": decay, "weight_decay": float(train["weight_decay"])},
        {"params": no_decay, "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(
        groups,
        lr=float(train["learning_rate"]),
        betas=(float(train["beta1"]), float(train["beta2"])),
        fused=plan.device_type == "cuda",
    )


def read_dataset_meta(bin_dir: Path) -> DatasetMeta:
    """The meta.json written by rank 0 (other DDP ranks read it after the barrier)."""
    with open(bin_dir / "meta.json", "r", encoding="utf-8") as handle:
        return DatasetMeta.from_dict(json.load(handle))


class Trainer:
    """One training run: owns the model, optimizer, data and checkpoint state."""

    def __init__(self, config: Dict[str, Any], context: DistributedContext, plan: PrecisionPlan) -> None:
        self.config = copy.deepcopy(config)
        self.train = self.config["train"]
        self.context = context
        self.plan = plan
        self.device = torch.device(plan.device)
        self.paths: RunPaths = run_paths_from_config(self.train)
        seed = int(self.train["seed"])
        self.seed = seed
        if context.is_main:
            self.paths.create()
            print(f"[INFO] Run folder: {self.paths.root}")
            print(plan.describe())
            for note in plan.notes:
                print(f"[INFO] {note}", flush=True)
            if context.enabled:
                print(f"[INFO] DDP: world size {context.world_size}")
            meta = prepare_dataset(self.train, self.paths)
        barrier(context)
        if not context.is_main:
            meta = read_dataset_meta(self.paths.cache_bin)
        self.meta = meta
        self.model_config = GPTConfig.from_dict({**self.config["model"], "vocab_size": meta.vocab_size})
        if context.is_main:
            validate_dataset(meta, self.paths.cache_bin, self.model_config.block_size)
        self.dataset = BinDataset(self.paths.cache_bin, meta)
        self.tokenizer = CharTokenizer.load(self.paths.cache_processed / "tokenizer.json")
        set_seed(seed)
        self.raw_model = GPT(self.model_config).to(self.device)
        if context.rank > 0:
            set_seed(seed + context.rank)
        self.data_generator = torch.Generator().manual_seed(seed + context.rank)
        self.optimizer = build_optimizer(self.raw_model, self.train, plan)
        self.scaler = make_grad_scaler(plan)
        self.early_stopping = EarlyStopping(
            int(self.train["early_stopping_patience"]), float(self.train["early_stopping_min_delta"])
        )
        self.checkpoints = CheckpointManager(self.paths.checkpoints, int(self.train["keep_checkpoints"]))
        self.step = 0
        self.tokens_seen = 0
        self.loss_history: List[float] = []
        self.eval_history: List[Dict[str, Any]] = []
        self.micro_batch_size = int(self.train["batch_size"])
        self.grad_accum_steps = int(self.train["grad_accum_steps"])
        self.nonfinite_steps = 0
        self.resumed_from: Optional[str] = None
        if self.train["resume"]:
            self._resume()
        self.model = self.raw_model
        if self.train["compile"]:
            self.model = torch.compile(self.model)
        self.model = wrap_model(self.model, context, self.device)
        self._log(
            f"[INFO] Model: {self.raw_model.num_parameters():,} parameters, "
            f"{self.model_config.n_layer} layers, {self.model_config.n_embd} wide, block {self.model_config.block_size}, "
            f"vocab {self.model_config.vocab_size}"
        )

    def _log(self, message: str) -> None:
        """Print on the main rank only."""
        if self.context.is_main:
            print(message, flush=True)

    @property
    def block_size(self) -> int:
        """Context length of the model."""
        return self.model_config.block_size

    @property
    def tokens_per_step(self) -> int:
        """Tokens consumed by one optimizer step over every rank."""
        return self.micro_batch_size * self.grad_accum_steps * self.block_size * self.context.world_size

    @property
    def epoch(self) -> int:
        """Completed passes over the train split (by tokens drawn)."""
        return self.tokens_seen // max(self.dataset.num_tokens("train"), 1)

    def _resume(self) -> None:
        """Load the newest readable checkpoint and continue exactly where it stopped."""
        found = self.checkpoints.load_latest()
        if found is None:
            self._log("[INFO] No checkpoint found; starting from step 0")
            return
        path, state = found
        saved_model_config = state.get("model_config")
        if saved_model_config is not None and saved_model_config != self.model_config.to_dict():
            raise RuntimeError(
                f"{path} was trained with model config {saved_model_config}, the current config is "
                f"{self.model_config.to_dict()}; pass --no-resume or choose another --run-name"
            )
        load_model_state(self.raw_model, state["model"])
        self.optimizer.load_state_dict(state["optimizer"])
        if self.scaler is not None and state.get("scaler") is not None:
            self.scaler.load_state_dict(state["scaler"])
        self.step = int(state["step"])
        self.tokens_seen = int(state.get("tokens_seen", 0))
        self.loss_history = [float(value) for value in state["loss_history"]]
        self.eval_history = [dict(entry) for entry in state.get("eval_history", [])]
        if state.get("early_stopping") is not None:
            self.early_stopping.load_state_dict(state["early_stopping"])
        self.micro_batch_size = int(state.get("micro_batch_size", self.micro_batch_size))
        self.grad_accum_steps = int(state.get("grad_accum_steps", self.grad_accum_steps))
        rng_states = state["rng"]
        if len(rng_states) == self.context.world_size:
            restore_rng_state(rng_states[self.context.rank], self.data_generator)
        else:
            self._log(
                f"[WARN] Checkpoint holds RNG states of {len(rng_states)} rank(s), this run has "
                f"{self.context.world_size}; batches will differ from the interrupted run"
            )
        self.resumed_from = path.name
        self._log(f"[OK] Resumed from {path.name}: step {self.step}, epoch {int(state['epoch'])}")

    def checkpoint_state(self) -> Dict[str, Any]:
        """Everything needed to continue exactly (collective under DDP: every rank must call it)."""
        rng_states = all_gather_objects(capture_rng_state(self.data_generator), self.context)
        return {
            "format_version": CHECKPOINT_FORMAT_VERSION,
            "model": model_state_dict(self.model),
            "optimizer": self.optimizer.state_dict(),
            "scaler": self.scaler.state_dict() if self.scaler is not None else None,
            "step": self.step,
            "epoch": self.epoch,
            "tokens_seen": self.tokens_seen,
            "loss_history": list(self.loss_history),
            "eval_history": [dict(entry) for entry in self.eval_history],
            "early_stopping": self.early_stopping.state_dict(),
            "micro_batch_size": self.micro_batch_size,
            "grad_accum_steps": self.grad_accum_steps,
            "config": copy.deepcopy(self.config),
            "model_config": self.model_config.to_dict(),
            "precision": self.plan.label,
            "rng": rng_states,
        }

    def save_checkpoint(self) -> None:
        """Write ``ckpt_step<N>.pt`` atomically on the main rank."""
        state = self.checkpoint_state()
        if self.context.is_main:
            path = self.checkpoints.save(state, self.step)
            print(f"[OK] Checkpoint saved: {path.name}", flush=True)
        barrier(self.context)

    def _save_best(self, val_loss: float) -> None:
        """Write best_model.pt (weights, configs, step and val loss) on the main rank."""
        if not self.context.is_main:
            return
        self.checkpoints.save_best(
            {
                "model": model_state_dict(self.model),
                "model_config": self.model_config.to_dict(),
                "config": copy.deepcopy(self.config),
                "step": self.step,
                "val_loss": val_loss,
            }
        )

    def _forward_backward_update(self) -> float:
        """One optimizer step over ``grad_accum_steps`` micro-batches; returns the mean loss."""
        self.model.train()
        total = torch.zeros((), device=self.device)
        for micro_step in range(self.grad_accum_steps):
            inputs, targets = self.dataset.get_batch(
                "train", self.micro_batch_size, self.block_size, self.data_generator, self.device
            )
            last = micro_step == self.grad_accum_steps - 1
            with gradient_sync(self.model, sync=last):
                with autocast_context(self.plan):
                    _, loss = self.model(inputs, targets)
                scaled = loss / self.grad_accum_steps
                if self.scaler is not None:
                    self.scaler.scale(scaled).backward()
                else:
                    scaled.backward()
            total += loss.detach()
            del inputs, targets, loss, scaled
        if self.scaler is not None:
            self.scaler.unscale_(self.optimizer)
        clip = float(self.train["grad_clip"])
        grad_norm = torch.nn.utils.clip_grad_norm_(self.model.parameters(), clip if clip > 0 else math.inf)
        if self.scaler is not None:
            self.scaler.step(self.optimizer)
            self.scaler.update()
        elif torch.isfinite(grad_norm):
            self.optimizer.step()
            self.nonfinite_steps = 0
        else:
            self.nonfinite_steps += 1
            print(f"[WARN] Non-finite gradient at step {self.step + 1}; update skipped", flush=True)
            if self.nonfinite_steps >= MAX_NONFINITE_STEPS:
                raise FloatingPointError(f"{MAX_NONFINITE_STEPS} non-finite steps in a row; lower learning_rate")
        self.optimizer.zero_grad(set_to_none=True)
        return float(total.item()) / self.grad_accum_steps

    def train_step(self) -> float:
        """One optimizer step; on CUDA out-of-memory, free memory, halve the micro-batch and retry."""
        while True:
            try:
                return self._forward_backward_update()
            except torch.cuda.OutOfMemoryError as error:
                message = str(error).splitlines()[0] if str(error) else "out of memory"
                if self.context.enabled or self.micro_batch_size <= 1:
                    print(f"[ERROR] Out of memory at micro-batch {self.micro_batch_size}: {message}", flush=True)
                    raise
            self.optimizer.zero_grad(set_to_none=True)
            free_memory()
            self.micro_batch_size //= 2
            self.grad_accum_steps *= 2
            print(
                f"[WARN] Out of memory ({message}); retrying with micro-batch {self.micro_batch_size} "
                f"x {self.grad_accum_steps} accumulation steps",
                flush=True,
            )

    def evaluate(self) -> Dict[str, float]:
        """Train/val loss on fixed eval batches, averaged over ranks."""
        losses = estimate_loss(
            unwrap_model(self.model),
            self.dataset,
            self.plan,
            self.micro_batch_size,
            self.block_size,
            int(self.train["eval_iters"]),
            self.seed + EVAL_SEED_OFFSET + self.context.rank,
        )
        return {split: all_reduce_mean(value, self.context, self.device) for split, value in losses.items()}

    def _record_eval(self, losses: Dict[str, float]) -> Dict[str, Any]:
        """Append an evaluation to the history and the metrics log."""
        entry = {
            "step": self.step,
            "epoch": self.epoch,
            "train_loss": losses["train"],
            "val_loss": losses["val"],
            "learning_rate": self.optimizer.param_groups[0]["lr"],
        }
        self.eval_history.append(entry)
        if self.context.is_main:
            with open(self.paths.logs / "metrics.jsonl", "a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry) + "\n")
        return entry

    def _set_learning_rate(self) -> None:
        """Apply the warmup + cosine schedule for the coming step."""
        rate = learning_rate_at(
            self.step,
            float(self.train["learning_rate"]),
            float(self.train["min_learning_rate"]),
            int(self.train["warmup_steps"]),
            int(self.train["max_steps"]),
        )
        for group in self.optimizer.param_groups:
            group["lr"] = rate

    def sample(self, num_tokens: int) -> str:
        """Text generated by the model from a fixed seed (shown at the end of a run)."""
        if num_tokens <= 0:
            return ""
        model = unwrap_model(self.model)
        was_training = model.training
        model.eval()
        prompt = torch.tensor([self.tokenizer.encode("def ").tolist()], dtype=torch.long, device=self.device)
        generator = torch.Generator(device=self.device).manual_seed(self.seed)
        with autocast_context(self.plan):
            ids = model.generate(prompt, num_tokens, temperature=0.8, generator=generator)
        model.train(was_training)
        return self.tokenizer.decode(ids[0].tolist())

    def run(self) -> Dict[str, Any]:
        """Train until max_steps, early stopping, or stop_at_step; return the summary."""
        max_steps = int(self.train["max_steps"])
        stop_at = int(self.train["stop_at_step"])
        eval_interval = int(self.train["eval_interval"])
        checkpoint_interval = int(self.train["checkpoint_interval"])
        reset_peak_memory(self.device)
        if not self.eval_history:
            self._record_eval(self.evaluate())
            self._log(f"[INFO] Step 0 | val loss: {self.eval_history[-1]['val_loss']:.3f} (untrained model)")
        meter = ProgressMeter(
            self.step, max_steps, self.tokens_per_step, int(self.train["log_interval"]), float(self.train["log_seconds"])
        )
        stopped_early = False
        interrupted = False
        saved_at = -1
        self._log(f"[INFO] Training from step {self.step} to {max_steps} ({self.tokens_per_step:,} tokens/step)")
        while self.step < max_steps:
            if stop_at and self.step >= stop_at:
                interrupted = True
                break
            self._set_learning_rate()
            loss = self.train_step()
            self.step += 1
            self.tokens_seen += self.tokens_per_step
            self.loss_history.append(loss)
            line = meter.line_if_due(self.step, loss)
            if line is not None:
                self._log(line)
            if self.step % eval_interval == 0 or self.step == max_steps:
                eval_started = time.perf_counter()
                entry = self._record_eval(self.evaluate())
                improved = self.early_stopping.update(entry["val_loss"], self.step)
                if improved:
                    self._save_best(entry["val_loss"])
                self._log(
                    f"[INFO] Eval step {self.step}: train {entry['train_loss']:.3f} | val {entry['val_loss']:.3f}"
                    + (" | best, best_model.pt saved" if improved else f" | plateau {self.early_stopping.plateau_evals}")
                )
                meter.exclude(time.perf_counter() - eval_started)
                if self.early_stopping.should_stop:
                    stopped_early = True
                    self._log(
                        f"[INFO] Early stopping: no val improvement for {self.early_stopping.plateau_evals} evaluations"
                    )
            if self.step % checkpoint_interval == 0 or stopped_early:
                self.save_checkpoint()
                saved_at = self.step
            if stopped_early:
                break
        if saved_at != self.step:
            self.save_checkpoint()
        tokens_per_sec = meter.tokens_per_sec(self.step) if self.step > meter.start_step else 0.0
        if interrupted:
            self._log(f"[INFO] Stopped at step {self.step} as requested (stop_at_step); resume to continue")
        return self._finish(tokens_per_sec, stopped_early, interrupted)

    def _finish(self, tokens_per_sec: float, stopped_early: bool, interrupted: bool) -> Dict[str, Any]:
        """Build the summary and, on the main rank, write the result files."""
        unigram = unigram_baseline(self.dataset)
        final = self.eval_history[-1]
        memory_mb, memory_kind = peak_memory_mb(self.device)
        summary: Dict[str, Any] = {
            "run_folder": str(self.paths.root),
            "device": self.plan.device,
            "device_name": self.plan.device_name,
            "precision": self.plan.label,
            "world_size": self.context.world_size,
            "parameters": self.raw_model.num_parameters(),
            "model_config": self.model_config.to_dict(),
            "data_sources": list(self.meta.sources),
            "train_tokens": self.meta.train_tokens,
            "val_tokens": self.meta.val_tokens,
            "steps": self.step,
            "max_steps": int(self.train["max_steps"]),
            "epoch": self.epoch,
            "tokens_seen": self.tokens_seen,
            "resumed_from": self.resumed_from,
            "stopped_early": stopped_early,
            "interrupted": interrupted,
            "initial_val_loss": float(self.eval_history[0]["val_loss"]),
            "final_train_loss": float(final["train_loss"]),
            "final_val_loss": float(final["val_loss"]),
            "final_val_perplexity": perplexity(float(final["val_loss"])),
            "best_val_loss": self.early_stopping.best_loss,
            "best_step": self.early_stopping.best_step,
            "unigram_val_loss": unigram,
            "unigram_val_perplexity": perplexity(unigram),
            "tokens_per_sec": tokens_per_sec,
            "peak_memory_mb": memory_mb,
            "peak_memory_kind": memory_kind,
        }
        if self.context.is_main and not interrupted:
            summary["sample"] = self.sample(int(self.train["sample_tokens"]))
            written = write_results(self.paths.results, summary, self.loss_history, self.eval_history)
            print(SEPARATOR)
            print(format_report(summary), end="")
            print(SEPARATOR)
            if summary["sample"]:
                print(f"[INFO] Sample: {summary['sample']!r}")
            print(f"[OK] Results written: {', '.join(path.name for path in written.values())} in {self.paths.results}")
        return summary


def configure_threads(train: Dict[str, Any], context: DistributedContext, plan: PrecisionPlan) -> int:
    """Set torch's CPU thread count and return it.

    ``num_threads > 0`` is used as given. With 0 (auto) a CPU run takes half of
    its share of the cores (at least 1, at most 8): small models gain little from
    more threads, and OpenMP threads competing with other processes for every
    core slow training down several times over on shared machines.
    """
    requested = int(train["num_threads"])
    if requested > 0:
        torch.set_num_threads(requested)
    elif plan.device_type == "cpu":
        share = (os.cpu_count() or 1) // context.world_size
        torch.set_num_threads(max(1, min(AUTO_THREADS_MAX, share // 2)))
    return torch.get_num_threads()


def run_training(config: Dict[str, Any]) -> Dict[str, Any]:
    """Run one training (single process or one torchrun rank) and return its summary."""
    train = config["train"]
    context = detect_distributed()
    plan = detect_precision(str(train["device"]), context.local_rank)
    configure_backends(plan)
    init_distributed(context, plan.device_type)
    try:
        threads = configure_threads(train, context, plan)
        if context.is_main:
            print(SEPARATOR)
            if plan.device_type == "cpu":
                print(f"[INFO] CPU threads per process: {threads}")
        trainer = Trainer(config, context, plan)
        return trainer.run()
    finally:
        destroy_distributed(context)
