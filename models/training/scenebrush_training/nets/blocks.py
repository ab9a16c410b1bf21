"""Pieces the generator families share."""

from __future__ import annotations

import torch
import torch.nn.functional as F


def downsample_nearest(t: torch.Tensor, factor: int) -> torch.Tensor:
    return t if factor == 1 else t[:, :, factor // 2 :: factor, factor // 2 :: factor]


def pooled_z(z: torch.Tensor, factor: int, z_map=None) -> torch.Tensor:
    """z average-pooled by factor, then through z_map (a per-pixel map, e.g. a fitted prior's).
    Mapping after pooling, at every scale, keeps a split generator exact: its trunk is given z
    pooled and reads the same values as the whole generator even where z varies per pixel."""
    zf = z if factor == 1 else F.avg_pool2d(z, factor)
    return zf if z_map is None else z_map(zf)
