"""Refinement stages of the resolution ladder (docs/contracts.md, "refiners").

A stage takes the picture of the stage below, already brought to its own size (bilinear), the
one-hot label map and instance edges at its own size, and one channel of N(0, 1) noise, and
returns the picture at that size with detail added. It is a residual network without any
normalisation over the picture, so a tile with a halo of half the receptive field equals the
same region of a one-shot run: exports can refine any size in bounded memory.

Two families, compared in models/docs/ladder.md at an equal step budget:
- ``concat``: the inputs concatenated into a plain residual network (a pix2pixHD local
  enhancer without its down-sampling front, which the ladder makes unnecessary);
- ``modulated``: the same network whose features are scaled and shifted per pixel by maps
  computed from the label map (SPADE's modulation without its normalisation, which would make
  tiles differ from one-shot runs).
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

FAMILIES = ("concat", "modulated")


class LabelModulation(nn.Module):
    """x * (1 + gamma(labels)) + beta(labels): per-pixel, per-class feature modulation."""

    def __init__(self, channels: int, cond_channels: int, hidden: int):
        super().__init__()
        self.shared = nn.Sequential(nn.Conv2d(cond_channels, hidden, 3, 1, 1), nn.LeakyReLU(0.2))
        self.gamma_beta = nn.Conv2d(hidden, 2 * channels, 3, 1, 1)

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        gamma, beta = self.gamma_beta(self.shared(cond)).chunk(2, 1)
        return x * (1 + gamma) + beta


class RefinerBlock(nn.Module):
    def __init__(self, channels: int, cond_channels: int, modulated: bool):
        super().__init__()
        self.conv0 = nn.Conv2d(channels, channels, 3, 1, 1)
        self.conv1 = nn.Conv2d(channels, channels, 3, 1, 1)
        self.mod = LabelModulation(channels, cond_channels, channels) if modulated else None

    def forward(self, x, cond):
        h = F.leaky_relu(self.conv0(x), 0.2)
        if self.mod is not None:
            h = self.mod(h, cond)
        return x + self.conv1(F.leaky_relu(h, 0.2))


class RefinerStage(nn.Module):
    """One x2 stage: (picture, label, instance_edge, noise) at the stage's size -> image."""

    def __init__(self, num_classes: int, channels: int = 16, blocks: int = 3, family: str = "concat"):
        super().__init__()
        if family not in FAMILIES:
            raise ValueError(f"refiner family must be one of {', '.join(FAMILIES)}; got {family!r}")
        if channels < 4 or blocks < 1:
            raise ValueError(f"refiner needs at least 4 channels and 1 block; got {channels}, {blocks}")
        self.num_classes, self.channels, self.n_blocks, self.family = num_classes, channels, blocks, family
        cond = num_classes + 2  # one-hot incl. UNKNOWN, instance edges
        self.head = nn.Conv2d(3 + cond + 1, channels, 3, 1, 1)
        self.blocks = nn.ModuleList(RefinerBlock(channels, cond, family == "modulated") for _ in range(blocks))
        self.tail = nn.Conv2d(channels, 3, 3, 1, 1)
        nn.init.zeros_(self.tail.weight)  # starts as the identity: the bilinear picture
        nn.init.zeros_(self.tail.bias)

    def config(self) -> dict:
        return {
            "numClasses": self.num_classes,
            "channels": self.channels,
            "blocks": self.n_blocks,
            "family": self.family,
        }

    @classmethod
    def from_config(cls, cfg: dict) -> "RefinerStage":
        return cls(cfg["numClasses"], cfg["channels"], cfg["blocks"], cfg["family"])

    @property
    def receptive_field(self) -> int:
        """How far (pixels, Chebyshev) an input change can reach in the output: head, two 3x3
        convolutions per block, tail. The label modulation of a block reaches 3 from the labels,
        never more than the feature path."""
        return 1 + 2 * self.n_blocks + 1

    def forward(self, picture, label, instance_edge, noise):
        cond = torch.cat([label, instance_edge], 1)
        x = F.leaky_relu(self.head(torch.cat([picture, cond, noise], 1)), 0.2)
        for b in self.blocks:
            x = b(x, cond)
        return picture + self.tail(F.leaky_relu(x, 0.2))


def upsample_picture(picture: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """The stage below's picture at this stage's size, as the app computes it (bilinear,
    half-pixel centres, edges clamped)."""
    if picture.shape[-2:] == (height, width):
        return picture
    return F.interpolate(picture, size=(height, width), mode="bilinear", align_corners=False)
