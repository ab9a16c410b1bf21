"""Adversarial losses shared by the trainers: hinge for the discriminator, feature matching."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def hinge_d(real_outs, fake_outs) -> torch.Tensor:
    loss = 0.0
    for r, f in zip(real_outs, fake_outs):
        loss = loss + F.relu(1 - r[-1]).mean() + F.relu(1 + f[-1]).mean()
    return loss / len(real_outs)


def feature_matching(real_outs, fake_outs) -> torch.Tensor:
    loss = 0.0
    n = 0
    for r, f in zip(real_outs, fake_outs):
        for rf, ff in zip(r[:-1], f[:-1]):
            loss = loss + F.l1_loss(ff, rf.detach())
            n += 1
    return loss / max(n, 1)
