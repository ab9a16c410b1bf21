"""Re-padding a pack's base generator: the same network with other padding, taught by the pack.

A base trained with zero padding draws a frame along the picture's edges (models/docs/base-recipes.md,
"A frame along the picture's edges"). Switching its convolutions to reflection padding removes
the frame at once but moves the whole picture (the coarse layers are only a few pixels wide, so
every pixel is near an edge there), and training on under a fresh discriminator pulls it further
away before it recovers. Here the pack's own generator, under its old padding, is the teacher: the
re-padded student learns to draw what the teacher draws for the same maps and z (L1), everywhere
except a band along the edges where the teacher draws the frame. Regression, not a game: no
discriminator step, and every pixel of the interior is a target.

The student's run folder is an ordinary run (resumable, scored by score-steps, exported by export);
its discriminator is never trained, so a run that goes on with `train` should warm it up first.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import torch

from scenebrush_training.train import warmstart
from scenebrush_training.train.gan import generator_for

DEFAULT_BAND = 1 / 32  # of the side: the teacher's frame is its outer 2-3 px at 128²


class RepadError(ValueError):
    """A pack and config that cannot be re-padded: says why."""


def teacher_of(pack: Path, trainer) -> torch.nn.Module:
    """The pack's generator under the padding it was trained with, frozen."""
    manifest = warmstart.read_manifest(pack)
    theirs = manifest.get("network", {}).get("padding", warmstart.CHANGEABLE["padding"])
    if theirs == trainer.cfg.padding:
        raise RepadError(f"{pack}: the pack already uses padding '{theirs}'; the config must set the other one")
    # The student's warm start has checked the pack against the config, padding aside.
    teacher = generator_for(replace(trainer.cfg, padding=theirs), trainer.nc)
    gen_file = pack / manifest["generator"]["file"]
    warmstart.load_into(teacher, warmstart.onnx_weights(gen_file, "gen."), str(gen_file))
    teacher.to(trainer.device).eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    return teacher


def interior(h: int, w: int, band: float, device) -> torch.Tensor:
    """(1, 1, H, W) weights: 1 inside, 0 in the band along every edge."""
    by, bx = round(h * band), round(w * band)
    mask = torch.zeros(1, 1, h, w, device=device)
    mask[..., by : h - by, bx : w - bx] = 1
    return mask


def student_loss(student_out, teacher_out, mask) -> torch.Tensor:
    return ((student_out - teacher_out).abs() * mask).sum() / (mask.sum() * student_out.shape[1] * len(student_out))


def fit(trainer, teacher, data, until: int, band: float = DEFAULT_BAND) -> None:
    """Trains the student (trainer.G) towards the teacher from the trainer's step to `until`. The
    style encoder stays the pack's (an encoded style image keeps its look), so z is drawn from it
    as in training; the averaged generator follows the student exactly (regression has none of a
    game's noise for an average to smooth)."""
    cfg = trainer.cfg
    rng = np.random.default_rng([cfg.seed, trainer.step, 7])
    # Eval mode, as the pack draws: batch norm keeps the pack's running statistics (in train mode
    # the student would learn to match the teacher through the batch's own statistics instead,
    # which no render uses), and spectral norm keeps its u and v.
    trainer.G.eval()
    # Regression: momentum smooths the batches' noise (the game's beta1 of 0 would not).
    for group in trainer.opt_g.param_groups:
        group["betas"] = (0.9, 0.999)
    t0, recent, mask = time.perf_counter(), [], None
    while trainer.step < until:
        x, label, edge = trainer.batch(data, rng)
        n, _, h, w = x.shape
        with torch.no_grad():
            z, _ = trainer.z_map(x, n, h, w)
            want = teacher(label, edge, z)
        if mask is None or mask.shape[-2:] != (h, w):
            mask = interior(h, w, band, x.device)
        loss = student_loss(trainer.G(label, edge, z), want, mask)
        # The run's own optimiser (its state is checkpointed); the encoder gets no gradient.
        trainer.opt_g.zero_grad(set_to_none=True)
        loss.backward()
        trainer.opt_g.step()
        trainer.step += 1
        recent.append(float(loss))
        if trainer.step % cfg.log_every == 0:
            # The mean since the last line: one batch's loss varies more than the fit moves.
            mean, recent = sum(recent) / len(recent), []
            trainer.history.append({"step": trainer.step, "repad_l1": round(mean, 5)})
            print(f"step {trainer.step} repad_l1={mean:.4f} [{time.perf_counter() - t0:.0f}s]", flush=True)
        if trainer.step % cfg.checkpoint_every == 0 or trainer.step == until:
            trainer.G_ema.load_state_dict(trainer.G.state_dict())
            trainer.save()
    print(f"stopped at step {trainer.step}; checkpoint {trainer.ckpt}", file=sys.stderr, flush=True)
