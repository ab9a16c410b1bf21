"""The SC-GAN generator: semantic vectors, spatially conditional convolution and normalisation."""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm
from scenebrush_training.nets.blocks import downsample_nearest, pooled_z


class SCNorm(nn.Module):
    """Spatially conditional normalisation (SC-GAN eq. 5): parameter-free batch norm (local in
    eval mode, so tiling still works), then per-pixel scale and shift mixed from n candidates by
    the semantic vectors."""

    def __init__(self, channels: int, n: int):
        super().__init__()
        self.norm = nn.BatchNorm2d(channels, affine=False)
        self.scale = nn.Parameter(torch.ones(n, channels))
        self.shift = nn.Parameter(torch.zeros(n, channels))

    def forward(self, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
        s = torch.einsum("nkhw,kc->nchw", v, self.scale)
        m = torch.einsum("nkhw,kc->nchw", v, self.shift)
        return self.norm(x) * s + m


class SCConv(nn.Module):
    """Spatially conditional convolution (SC-GAN eq. 4): n candidate kernels, mixed per pixel by
    the semantic vectors; one standard convolution computes all candidates."""

    def __init__(self, cin: int, cout: int, n: int, k: int = 3, padding: str = "zeros"):
        super().__init__()
        self.n, self.cout = n, cout
        self.conv = spectral_norm(nn.Conv2d(cin, n * cout, k, 1, k // 2, padding_mode=padding))

    def forward(self, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
        y = self.conv(x)
        n, _, h, w = y.shape
        return (y.view(n, self.n, self.cout, h, w) * v[:, :, None]).sum(1)


class SCBlock(nn.Module):
    def __init__(self, cin: int, cout: int, n: int, padding: str = "zeros"):
        super().__init__()
        mid = min(cin, cout)
        self.norm0, self.conv0 = SCNorm(cin, n), SCConv(cin, mid, n, padding=padding)
        self.norm1, self.conv1 = SCNorm(mid, n), SCConv(mid, cout, n, padding=padding)
        self.skip = spectral_norm(nn.Conv2d(cin, cout, 1, bias=False)) if cin != cout else None

    def forward(self, x, v):
        s = self.skip(x) if self.skip is not None else x
        dx = self.conv0(F.leaky_relu(self.norm0(x, v), 0.2), v)
        dx = self.conv1(F.leaky_relu(self.norm1(dx, v), 0.2), v)
        return s + dx


class SCGANGenerator(nn.Module):
    """SC-GAN (Wang et al. 2021) under the tensor contract: a semantic-vector generator (cascaded
    refinement from the coarsest label scale up, softmax with temperature into n-way semantic
    vectors at every scale, plus an RGB head for its regression loss) and a render generator of
    spatially conditional blocks starting from the z map. During training the regression
    output is kept in `last_svg_rgb`.

    padding: what the 3x3 convolutions see past the picture's edges. "zeros" (the bundled base)
    lets the network tell where the edges are, and it draws a frame there (models/docs/
    base-recipes.md, "A frame along the picture's edges"); "reflect" shows them the picture
    mirrored instead."""

    # Used only by the training loss; the export leaves it out (warm starts train it afresh).
    TRAINING_ONLY = ("svg_rgb.",)

    def __init__(
        self,
        num_classes: int,
        z_dim: int = 32,
        ngf: int = 16,
        num_up: int = 5,
        n_vectors: int = 8,
        svg_ch: int = 32,
        temperature: float = 1.0,
        max_mult: int = 8,
        padding: str = "zeros",
    ):
        super().__init__()
        if padding not in ("zeros", "reflect"):
            raise ValueError(f"padding must be 'zeros' or 'reflect', got {padding!r}")
        self.num_classes, self.z_dim, self.num_up, self.temperature = num_classes, z_dim, num_up, temperature
        self._config = {
            "type": "scgan",
            "numClasses": num_classes,
            "zDim": z_dim,
            "ngf": ngf,
            "numUp": num_up,
            "nVectors": n_vectors,
            "svgChannels": svg_ch,
            "temperature": temperature,
            "maxMult": max_mult,
        }
        if padding != "zeros":  # absent = zeros, so packs from before the option compare equal
            self._config["padding"] = padding
        seg_ch = num_classes + 2
        self.svg = nn.ModuleList()
        self.to_v = nn.ModuleList()
        for i in range(num_up + 1):
            cin = seg_ch + z_dim + (svg_ch if i else 0)
            self.svg.append(
                nn.Sequential(
                    nn.Conv2d(cin, svg_ch, 3, 1, 1, padding_mode=padding),
                    nn.LeakyReLU(0.2, True),
                    nn.Conv2d(svg_ch, svg_ch, 3, 1, 1, padding_mode=padding),
                    nn.LeakyReLU(0.2, True),
                )
            )
            self.to_v.append(nn.Conv2d(svg_ch, n_vectors, 1))
        self.svg_rgb = nn.Conv2d(svg_ch, 3, 3, 1, 1, padding_mode=padding)
        chans = [ngf * min(max_mult, 2 ** (num_up - i)) for i in range(num_up + 1)]
        self.chans = chans
        self.fc = nn.Conv2d(z_dim, chans[0], 3, 1, 1, padding_mode=padding)
        self.head = SCBlock(chans[0], chans[0], n_vectors, padding)
        self.ups = nn.ModuleList([SCBlock(chans[i], chans[i + 1], n_vectors, padding) for i in range(num_up)])
        self.to_rgb = nn.Conv2d(chans[-1], 3, 3, 1, 1, padding_mode=padding)
        self.last_svg_rgb = None

    def config(self) -> dict:
        return dict(self._config)

    @classmethod
    def from_config(cls, cfg: dict) -> "SCGANGenerator":
        return cls(
            cfg["numClasses"],
            cfg["zDim"],
            cfg["ngf"],
            cfg["numUp"],
            cfg["nVectors"],
            cfg["svgChannels"],
            cfg["temperature"],
            cfg.get("maxMult", 8),
            cfg.get("padding", "zeros"),
        )

    @property
    def multiple_of(self) -> int:
        return 2**self.num_up

    def _stage(self, i: int, h, label, instance_edge, z, z_factor: int = 1, z_map=None):
        """Semantic-vector stage i (at 1 / 2**(num_up - i)): its hidden state and vectors."""
        f = 2 ** (self.num_up - i)
        zf = pooled_z(z, f // z_factor, z_map)
        cond = torch.cat([downsample_nearest(label, f), downsample_nearest(instance_edge, f), zf], 1)
        if h is not None:
            cond = torch.cat([cond, F.interpolate(h, scale_factor=2.0, mode="nearest")], 1)
        h = self.svg[i](cond)
        return h, torch.softmax(self.temperature * self.to_v[i](h), 1)

    def trunk(self, label, instance_edge, z, head_blocks: int = 0, z_pooled: bool = False, z_map=None) -> torch.Tensor:
        """Both generators up to 1 / 2**head_blocks of the output size; the features are the render
        activations and the semantic-vector generator's hidden state, concatenated."""
        zf = 2**head_blocks if z_pooled else 1
        n = self.num_up - head_blocks
        h, v = self._stage(0, None, label, instance_edge, z, zf, z_map)
        x = self.fc(pooled_z(z, 2**self.num_up // zf, z_map))
        x = self.head(x, v)
        for i in range(1, n + 1):
            h, v = self._stage(i, h, label, instance_edge, z, zf, z_map)
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = self.ups[i - 1](x, v)
        return torch.cat([x, h], 1)

    def finish(self, feats, label, instance_edge, z, head_blocks: int = 0, z_map=None) -> torch.Tensor:
        """The last head_blocks stages of both generators and the RGB layer, from trunk features."""
        n = self.num_up - head_blocks
        # Channel counts from the architecture (not the tensor), so the exported graph knows them.
        x, h = torch.split(feats, [self.chans[n], self.svg_rgb.in_channels], 1)
        for i in range(n + 1, self.num_up + 1):
            h, v = self._stage(i, h, label, instance_edge, z, z_map=z_map)
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = self.ups[i - 1](x, v)
        self.last_svg_rgb = torch.tanh(self.svg_rgb(h)) if self.training else None
        return torch.tanh(self.to_rgb(F.leaky_relu(x, 0.2)))

    def forward(self, label, instance_edge, z, z_map=None):
        feats = self.trunk(label, instance_edge, z, z_map=z_map)
        return self.finish(feats, label, instance_edge, z, z_map=z_map)
