"""The pix2pix-style baseline: the label map straight into a U-Net, z concatenated to its input."""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm


class UNetGenerator(nn.Module):
    """pix2pix-style baseline: the label map goes straight into an encoder-decoder, no SPADE."""

    def __init__(self, num_classes: int, z_dim: int = 64, ngf: int = 32, depth: int = 5):
        super().__init__()
        self.num_classes, self.z_dim, self.num_up = num_classes, z_dim, depth
        self._config = {"type": "unet", "numClasses": num_classes, "zDim": z_dim, "ngf": ngf, "numUp": depth}
        cin = num_classes + 2 + z_dim
        chans = [ngf * min(8, 2**i) for i in range(depth + 1)]
        self.inc = nn.Sequential(nn.Conv2d(cin, chans[0], 3, 1, 1), nn.LeakyReLU(0.2, True))
        self.downs = nn.ModuleList(
            [
                nn.Sequential(
                    spectral_norm(nn.Conv2d(chans[i], chans[i + 1], 4, 2, 1)),
                    nn.InstanceNorm2d(chans[i + 1]),
                    nn.LeakyReLU(0.2, True),
                )
                for i in range(depth)
            ]
        )
        self.ups = nn.ModuleList(
            [
                nn.Sequential(
                    spectral_norm(nn.Conv2d(chans[i + 1] * (1 if i == depth - 1 else 2), chans[i], 3, 1, 1)),
                    nn.InstanceNorm2d(chans[i]),
                    nn.ReLU(True),
                )
                for i in reversed(range(depth))
            ]
        )
        self.out = nn.Conv2d(chans[0] * 2, 3, 3, 1, 1)

    def config(self) -> dict:
        return dict(self._config)

    @property
    def multiple_of(self) -> int:
        return 2**self.num_up

    def forward(self, label, instance_edge, z):
        x = self.inc(torch.cat([label, instance_edge, z], 1))
        skips = [x]
        for d in self.downs:
            x = d(x)
            skips.append(x)
        skips.pop()
        for u in self.ups:
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = u(x)
            x = torch.cat([x, skips.pop()], 1)
        return torch.tanh(self.out(x))
