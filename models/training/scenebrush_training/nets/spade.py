"""The SPADE generator and its normalisation blocks.

Inputs: label [N, C+1, H, W] one-hot incl. UNKNOWN, instance_edge [N, 1, H, W],
z [N, Z, H, W] (a spatial style map). Output: image [N, 3, H, W] in [-1, 1].
H and W may be any multiple of 2**num_up; all resampling is by fixed factors
(pooling, strided slicing, x2 upsampling) so the ONNX export keeps them dynamic.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm
from scenebrush_training.nets.blocks import downsample_nearest, pooled_z


class SPADE(nn.Module):
    """Param-free BatchNorm modulated per pixel by the label map (Park et al., eq. 1)."""

    def __init__(self, channels: int, cond_channels: int, hidden: int = 64):
        super().__init__()
        self.norm = nn.BatchNorm2d(channels, affine=False)
        self.shared = nn.Sequential(nn.Conv2d(cond_channels, hidden, 3, 1, 1), nn.ReLU(inplace=True))
        self.gamma = nn.Conv2d(hidden, channels, 3, 1, 1)
        self.beta = nn.Conv2d(hidden, channels, 3, 1, 1)

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        a = self.shared(cond)
        return self.norm(x) * (1 + self.gamma(a)) + self.beta(a)


class SPADEResBlock(nn.Module):
    """SPADE's residual block; `norm` is the modulation (SPADE, or a subclass such as RESAIL whose
    forward takes more conditioning, passed on as `*cond`)."""

    def __init__(self, cin: int, cout: int, cond_channels: int, hidden: int, norm: type[SPADE] = SPADE):
        super().__init__()
        mid = min(cin, cout)
        self.norm0 = norm(cin, cond_channels, hidden)
        self.conv0 = spectral_norm(nn.Conv2d(cin, mid, 3, 1, 1))
        self.norm1 = norm(mid, cond_channels, hidden)
        self.conv1 = spectral_norm(nn.Conv2d(mid, cout, 3, 1, 1))
        self.learned_skip = cin != cout
        if self.learned_skip:
            self.norm_s = norm(cin, cond_channels, hidden)
            self.conv_s = spectral_norm(nn.Conv2d(cin, cout, 1, bias=False))

    def forward(self, x, *cond):
        s = self.conv_s(self.norm_s(x, *cond)) if self.learned_skip else x
        dx = self.conv0(F.leaky_relu(self.norm0(x, *cond), 0.2))
        dx = self.conv1(F.leaky_relu(self.norm1(dx, *cond), 0.2))
        return s + dx


class SPADEGenerator(nn.Module):
    def __init__(
        self,
        num_classes: int,
        z_dim: int = 64,
        ngf: int = 32,
        num_up: int = 5,
        max_mult: int = 8,
        spade_hidden: int = 64,
    ):
        super().__init__()
        self.num_classes, self.z_dim, self.num_up = num_classes, z_dim, num_up
        self._config = {
            "type": "spade",
            "numClasses": num_classes,
            "zDim": z_dim,
            "ngf": ngf,
            "numUp": num_up,
            "maxMult": max_mult,
            "spadeHidden": spade_hidden,
        }
        # Every SPADE is conditioned on the one-hot labels (incl. UNKNOWN), the instance edges and
        # the z map pooled to its resolution, so a regional or per-object z acts where it is painted.
        cond = num_classes + 1 + 1 + z_dim
        chans = [ngf * min(max_mult, 2 ** (num_up - i)) for i in range(num_up + 1)]
        self.fc = nn.Conv2d(cond, chans[0], 3, 1, 1)
        self.head = SPADEResBlock(chans[0], chans[0], cond, spade_hidden)
        self.ups = nn.ModuleList([SPADEResBlock(chans[i], chans[i + 1], cond, spade_hidden) for i in range(num_up)])
        self.to_rgb = nn.Conv2d(chans[-1], 3, 3, 1, 1)

    def config(self) -> dict:
        """Architecture as recorded in pack.json, enough to rebuild the network."""
        return dict(self._config)

    @classmethod
    def from_config(cls, cfg: dict) -> "SPADEGenerator":
        if cfg.get("type") != "spade":
            raise ValueError(f"not a SPADE generator config: type={cfg.get('type')!r}")
        return cls(
            cfg["numClasses"], cfg["zDim"], cfg["ngf"], cfg["numUp"], cfg.get("maxMult", 8), cfg.get("spadeHidden", 64)
        )

    @property
    def multiple_of(self) -> int:
        return 2**self.num_up

    @staticmethod
    def _cond(label, instance_edge, z, factor: int, z_factor: int = 1, z_map=None) -> torch.Tensor:
        """The condition at 1/factor: labels and edges sampled (before concatenating, so no
        full-size copy is made), z average-pooled (and mapped: pooled_z); z may come pooled by
        z_factor already."""
        zf = pooled_z(z, factor // z_factor, z_map)
        return torch.cat([downsample_nearest(label, factor), downsample_nearest(instance_edge, factor), zf], 1)

    def trunk(self, label, instance_edge, z, head_blocks: int = 0, z_pooled: bool = False, z_map=None) -> torch.Tensor:
        """Features before the last head_blocks up-blocks, at 1 / 2**head_blocks of the output
        size (the coarse part of the network, whose reach is most of the receptive field).
        z_pooled: z comes average-pooled to that size (what the exported trunk takes)."""
        zf = 2**head_blocks if z_pooled else 1
        c0 = self._cond(label, instance_edge, z, 2**self.num_up, zf, z_map)
        x = self.fc(c0)
        x = self.head(x, c0)
        for i, block in enumerate(self.ups[: self.num_up - head_blocks]):
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = block(x, self._cond(label, instance_edge, z, 2 ** (self.num_up - i - 1), zf, z_map))
        return x

    def finish(self, x, label, instance_edge, z, head_blocks: int = 0, z_map=None) -> torch.Tensor:
        """The last head_blocks up-blocks and the RGB layer, from trunk features: a short reach,
        so a large export can run this fine, memory-heavy part in small tiles."""
        for i in range(self.num_up - head_blocks, self.num_up):
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = self.ups[i](x, self._cond(label, instance_edge, z, 2 ** (self.num_up - i - 1), z_map=z_map))
        return torch.tanh(self.to_rgb(F.leaky_relu(x, 0.2)))

    def forward(self, label, instance_edge, z, z_map=None):
        feats = self.trunk(label, instance_edge, z, z_map=z_map)
        return self.finish(feats, label, instance_edge, z, z_map=z_map)
