"""The multi-scale PatchGAN discriminator on (image, labels), with features for feature matching."""

from __future__ import annotations

import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm


class PatchDiscriminator(nn.Module):
    """PatchGAN on (image, condition); returns every layer's output for feature matching."""

    def __init__(self, in_channels: int, ndf: int = 32, layers: int = 4):
        super().__init__()
        blocks, c = [], in_channels
        for i in range(layers):
            co = ndf * min(8, 2**i)
            stride = 2 if i < layers - 1 else 1
            blocks.append(nn.Sequential(spectral_norm(nn.Conv2d(c, co, 4, stride, 2)), nn.LeakyReLU(0.2, inplace=True)))
            c = co
        blocks.append(nn.Sequential(nn.Conv2d(c, 1, 4, 1, 2)))
        self.blocks = nn.ModuleList(blocks)

    def forward(self, x):
        feats = []
        for b in self.blocks:
            x = b(x)
            feats.append(x)
        return feats


class MultiScaleDiscriminator(nn.Module):
    def __init__(self, in_channels: int, ndf: int = 32, scales: int = 2, layers: int = 4):
        super().__init__()
        self.ds = nn.ModuleList([PatchDiscriminator(in_channels, ndf, layers) for _ in range(scales)])

    def forward(self, x):
        outs = []
        for i, d in enumerate(self.ds):
            if i:
                x = F.avg_pool2d(x, 3, 2, 1, count_include_pad=False)
            outs.append(d(x))
        return outs
