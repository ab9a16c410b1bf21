"""The class-specific generator (CollageGAN): one thing class, drawn into a crop of its context."""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from scenebrush_training.nets.spade import SPADEResBlock
from scenebrush_training.nets.blocks import downsample_nearest as downsample_nearest


class ClassGenerator(nn.Module):
    """Encoder on (context, labels, mask) to a 4x4 grid, then SPADE blocks back up, conditioned
    on labels, mask and context at each scale and on the object's own z (broadcast)."""

    def __init__(self, num_classes: int, size: int = 64, ngf: int = 16, hidden: int = 16, z_dim: int = 16):
        super().__init__()
        self.num_classes, self.size, self.z_dim = num_classes, size, z_dim
        self.num_up = int(np.log2(size // 4))
        self._config = {
            "type": "class",
            "numClasses": num_classes,
            "size": size,
            "ngf": ngf,
            "hidden": hidden,
            "zDim": z_dim,
        }
        cin = 3 + num_classes + 1 + 1
        cond = cin + z_dim
        chans = [ngf * min(8, 2 ** (self.num_up - i)) for i in range(self.num_up + 1)]
        enc, c = [], cin
        for i in range(self.num_up):
            co = chans[self.num_up - i - 1]
            enc += [nn.Conv2d(c, co, 4, 2, 1), nn.LeakyReLU(0.2, True)]
            c = co
        self.encoder = nn.Sequential(*enc)
        self.ups = nn.ModuleList([SPADEResBlock(chans[i], chans[i + 1], cond, hidden) for i in range(self.num_up)])
        self.to_rgb = nn.Conv2d(chans[-1], 3, 3, 1, 1)

    def config(self) -> dict:
        return dict(self._config)

    @property
    def multiple_of(self) -> int:
        return 2**self.num_up

    def forward(self, context, label, mask, z):
        x_in = torch.cat([context, label, mask], 1)
        h, w = x_in.shape[2:]
        zmap = z[:, :, None, None].expand(-1, -1, h, w)
        cond_full = torch.cat([x_in, zmap], 1)
        x = self.encoder(x_in)
        for i, block in enumerate(self.ups):
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            f = 2 ** (self.num_up - i - 1)
            # The condition at this scale, in cond_full's channel order: context, label, mask, z.
            cond = (
                cond_full
                if f == 1
                else torch.cat(
                    [
                        F.avg_pool2d(context, f),
                        downsample_nearest(label, f),
                        downsample_nearest(mask, f),
                        F.avg_pool2d(zmap, f),
                    ],
                    1,
                )
            )
            x = block(x, cond)
        return torch.tanh(self.to_rgb(F.leaky_relu(x, 0.2)))


class AppearanceEncoder(nn.Module):
    """The object's appearance to a Gaussian over its z (the cVAE half of BicycleGAN): sees only
    the object's pixels and mask, so z carries how the object looks, not its context. Used in
    training only; the app draws z from N(0, 1)."""

    def __init__(self, z_dim: int, size: int = 64, nf: int = 16):
        super().__init__()
        layers, c = [], 4
        for i in range(int(np.log2(size // 4))):
            co = nf * min(8, 2**i)
            layers += [nn.Conv2d(c, co, 4, 2, 1), nn.LeakyReLU(0.2, True)]
            c = co
        self.body = nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.mu = nn.Linear(c, z_dim)
        self.logvar = nn.Linear(c, z_dim)

    def forward(self, image, mask):
        h = self.body(torch.cat([image * mask, mask], 1))
        return self.mu(h), self.logvar(h).clamp(-8, 4)
