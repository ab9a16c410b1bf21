"""The retrieval-guided generator (RESAIL): label modulation plus guidance modulation."""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from scenebrush_training.nets.blocks import downsample_nearest
from scenebrush_training.nets.spade import SPADE, SPADEResBlock


class RESAIL(SPADE):
    """Retrieval-based spatially adaptive normalisation (Shi et al. 2022): the SPADE modulation
    from the labels plus a fine, per-pixel one from the guidance image (RGB and where it is set),
    whose middle layer is itself modulated by the labels (AdaIN-like); the two are summed."""

    def __init__(self, channels: int, cond_channels: int, hidden: int = 64):
        super().__init__(channels, cond_channels, hidden)
        self.g_in = nn.Conv2d(4, hidden, 3, 1, 1)
        self.g_mid = nn.Conv2d(hidden, hidden, 3, 1, 1)
        self.g_scale = nn.Conv2d(cond_channels, hidden, 3, 1, 1)
        self.g_shift = nn.Conv2d(cond_channels, hidden, 3, 1, 1)
        self.g_gamma = nn.Conv2d(hidden, channels, 3, 1, 1)
        self.g_beta = nn.Conv2d(hidden, channels, 3, 1, 1)

    def forward(self, x: torch.Tensor, cond: torch.Tensor, guide: torch.Tensor) -> torch.Tensor:
        a = self.shared(cond)
        f = F.relu(self.g_in(guide))
        f = F.instance_norm(self.g_mid(f)) * (1 + self.g_scale(cond)) + self.g_shift(cond)
        f = F.relu(f)
        return self.norm(x) * (1 + self.gamma(a) + self.g_gamma(f)) + self.beta(a) + self.g_beta(f)


class RESAILGenerator(nn.Module):
    """The retrieval generator: SPADE's layout with RESAIL blocks. Inputs label [N, C+1, H, W],
    instance_edge [N, 1, H, W], guidance [N, 3, H, W] in [-1, 1] with 0 where nothing was
    retrieved (the contract's "zeros where none"); its presence channel is derived inside."""

    def __init__(self, num_classes: int, ngf: int = 32, num_up: int = 5, max_mult: int = 8, hidden: int = 64):
        super().__init__()
        self.num_classes, self.num_up = num_classes, num_up
        self.z_dim = 0
        self._config = {
            "type": "resail",
            "numClasses": num_classes,
            "ngf": ngf,
            "numUp": num_up,
            "maxMult": max_mult,
            "hidden": hidden,
        }
        cond = num_classes + 2
        chans = [ngf * min(max_mult, 2 ** (num_up - i)) for i in range(num_up + 1)]
        self.fc = nn.Conv2d(cond, chans[0], 3, 1, 1)
        self.head = SPADEResBlock(chans[0], chans[0], cond, hidden, RESAIL)
        self.ups = nn.ModuleList([SPADEResBlock(chans[i], chans[i + 1], cond, hidden, RESAIL) for i in range(num_up)])
        self.to_rgb = nn.Conv2d(chans[-1], 3, 3, 1, 1)

    def config(self) -> dict:
        return dict(self._config)

    @property
    def multiple_of(self) -> int:
        return 2**self.num_up

    def forward(self, label, instance_edge, guidance):
        seg = torch.cat([label, instance_edge], 1)
        present = (guidance.abs().sum(1, keepdim=True) > 0).float()
        guide = torch.cat([guidance, present], 1)
        f = 2**self.num_up

        def at(factor: int):
            if factor == 1:
                return seg, guide
            return downsample_nearest(seg, factor), F.avg_pool2d(guide, factor)

        c, g = at(f)
        x = self.fc(c)
        x = self.head(x, c, g)
        for i, block in enumerate(self.ups):
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            c, g = at(2 ** (self.num_up - i - 1))
            x = block(x, c, g)
        return torch.tanh(self.to_rgb(F.leaky_relu(x, 0.2)))
