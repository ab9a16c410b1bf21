"""The tensor contract's Python twin of TensorPrep (docs/design.md §5): one-hot labels with an
UNKNOWN channel, and instance edges computed exactly as the app computes them.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def one_hot(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    """(N, H, W) int with UNKNOWN=255 -> (N, C+1, H, W), UNKNOWN in the last channel."""
    idx = torch.where(labels >= num_classes, torch.full_like(labels, num_classes), labels)
    return F.one_hot(idx, num_classes + 1).permute(0, 3, 1, 2).float()


def instance_edges(inst: torch.Tensor) -> torch.Tensor:
    """(N, H, W) ids -> (N, 1, H, W): 1 where a 4-neighbour has another id (as the app computes)."""
    e = torch.zeros_like(inst, dtype=torch.bool)
    e[:, :, 1:] |= inst[:, :, 1:] != inst[:, :, :-1]
    e[:, :, :-1] |= inst[:, :, 1:] != inst[:, :, :-1]
    e[:, 1:, :] |= inst[:, 1:, :] != inst[:, :-1, :]
    e[:, :-1, :] |= inst[:, 1:, :] != inst[:, :-1, :]
    return e[:, None].float()
