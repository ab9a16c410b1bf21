"""Pieces the generator families share."""

from __future__ import annotations

import torch


def downsample_nearest(t: torch.Tensor, factor: int) -> torch.Tensor:
    return t if factor == 1 else t[:, :, factor // 2 :: factor, factor // 2 :: factor]
