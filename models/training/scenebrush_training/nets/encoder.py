"""The VAE style encoder: an image to the mean and log-variance of z."""

from __future__ import annotations

import torch.nn as nn
from torch.nn.utils import spectral_norm


class StyleEncoder(nn.Module):
    """Image -> (mu, logvar) of the style z (SPADE's VAE encoder, smaller)."""

    def __init__(self, z_dim: int = 64, nef: int = 32, layers: int = 5):
        super().__init__()
        mods, c = [], 3
        for i in range(layers):
            co = nef * min(8, 2**i)
            mods += [
                spectral_norm(nn.Conv2d(c, co, 3, 2, 1)),
                nn.InstanceNorm2d(co, affine=True),
                nn.LeakyReLU(0.2, inplace=True),
            ]
            c = co
        self.body = nn.Sequential(*mods)
        self.mu = nn.Linear(c, z_dim)
        self.logvar = nn.Linear(c, z_dim)

    def forward(self, image):
        h = self.body(image).mean((2, 3))
        return self.mu(h), self.logvar(h)
