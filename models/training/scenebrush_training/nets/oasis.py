"""The OASIS-style segmentation discriminator: a U-Net labelling every pixel with a class or "fake"."""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm


class _Down(nn.Module):
    def __init__(self, cin: int, cout: int, pool: bool):
        super().__init__()
        self.body = nn.Sequential(
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(cin, cout, 3, 1, 1)),
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(cout, cout, 3, 1, 1)),
        )
        self.skip = spectral_norm(nn.Conv2d(cin, cout, 1))
        self.pool = pool

    def forward(self, x):
        y = self.body(x) + self.skip(x)
        return F.avg_pool2d(y, 2) if self.pool else y


class _Up(nn.Module):
    def __init__(self, cin: int, cskip: int, cout: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(cin + cskip, cout, 3, 1, 1)),
            nn.LeakyReLU(0.2),
            spectral_norm(nn.Conv2d(cout, cout, 3, 1, 1)),
        )
        self.skip = spectral_norm(nn.Conv2d(cin + cskip, cout, 1))

    def forward(self, x, skip):
        x = torch.cat([F.interpolate(x, size=skip.shape[-2:], mode="nearest"), skip], 1)
        return self.body(x) + self.skip(x)


class SegmentationDiscriminator(nn.Module):
    """(N, 3, H, W) image -> (N, num_classes + 1, H, W) logits; the last channel is "fake"."""

    def __init__(self, num_classes: int, ndf: int = 16, depth: int = 5):
        super().__init__()
        chans = [ndf * min(8, 2**i) for i in range(depth + 1)]
        self.stem = spectral_norm(nn.Conv2d(3, chans[0], 3, 1, 1))
        self.downs = nn.ModuleList([_Down(chans[i], chans[i + 1], pool=True) for i in range(depth)])
        self.ups = nn.ModuleList([_Up(chans[i + 1], chans[i], chans[i]) for i in reversed(range(depth))])
        self.head = nn.Conv2d(chans[0], num_classes + 1, 1)
        self.num_classes = num_classes

    def forward(self, x):
        x = self.stem(x)
        skips = []
        for down in self.downs:
            skips.append(x)
            x = down(x)
        for up, skip in zip(self.ups, reversed(skips)):
            x = up(x, skip)
        return self.head(F.leaky_relu(x, 0.2))
