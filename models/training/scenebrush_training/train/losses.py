"""Losses shared by the trainers: hinge for the discriminator, feature matching, mode seeking."""

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


def mode_seeking(fake: torch.Tensor, other: torch.Tensor, z: torch.Tensor, z_other: torch.Tensor) -> torch.Tensor:
    """MSGAN's term: two renders of the same maps under two z must lie as far apart, per unit of
    z distance, as they can. The z are detached, so an encoder cannot lower the term by pulling
    its codes together."""
    apart = (fake - other).abs().mean() / (z.detach() - z_other.detach()).abs().mean()
    return 1.0 / (apart + 1e-5)
