"""SPADE generator and VAE style encoder under the tensor contract of docs/design.md §5.

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
    def __init__(self, cin: int, cout: int, cond_channels: int, hidden: int):
        super().__init__()
        mid = min(cin, cout)
        self.norm0 = SPADE(cin, cond_channels, hidden)
        self.conv0 = spectral_norm(nn.Conv2d(cin, mid, 3, 1, 1))
        self.norm1 = SPADE(mid, cond_channels, hidden)
        self.conv1 = spectral_norm(nn.Conv2d(mid, cout, 3, 1, 1))
        self.learned_skip = cin != cout
        if self.learned_skip:
            self.norm_s = SPADE(cin, cond_channels, hidden)
            self.conv_s = spectral_norm(nn.Conv2d(cin, cout, 1, bias=False))

    def forward(self, x, cond):
        s = self.conv_s(self.norm_s(x, cond)) if self.learned_skip else x
        dx = self.conv0(F.leaky_relu(self.norm0(x, cond), 0.2))
        dx = self.conv1(F.leaky_relu(self.norm1(dx, cond), 0.2))
        return s + dx


def _downsample_nearest(t: torch.Tensor, factor: int) -> torch.Tensor:
    return t if factor == 1 else t[:, :, factor // 2::factor, factor // 2::factor]


class SPADEGenerator(nn.Module):
    def __init__(self, num_classes: int, z_dim: int = 64, ngf: int = 32, num_up: int = 5,
                 max_mult: int = 8, spade_hidden: int = 64):
        super().__init__()
        self.num_classes, self.z_dim, self.num_up = num_classes, z_dim, num_up
        self._config = {"type": "spade", "numClasses": num_classes, "zDim": z_dim, "ngf": ngf,
                        "numUp": num_up, "maxMult": max_mult, "spadeHidden": spade_hidden}
        # Every SPADE is conditioned on the one-hot labels (incl. UNKNOWN), the instance edges and
        # the z map pooled to its resolution, so a regional or per-object z acts where it is painted.
        cond = num_classes + 1 + 1 + z_dim
        chans = [ngf * min(max_mult, 2 ** (num_up - i)) for i in range(num_up + 1)]
        self.fc = nn.Conv2d(cond, chans[0], 3, 1, 1)
        self.head = SPADEResBlock(chans[0], chans[0], cond, spade_hidden)
        self.ups = nn.ModuleList([SPADEResBlock(chans[i], chans[i + 1], cond, spade_hidden)
                                  for i in range(num_up)])
        self.to_rgb = nn.Conv2d(chans[-1], 3, 3, 1, 1)

    def config(self) -> dict:
        """Architecture as recorded in pack.json, enough to rebuild the network."""
        return dict(self._config)

    @classmethod
    def from_config(cls, cfg: dict) -> "SPADEGenerator":
        if cfg.get("type") != "spade":
            raise ValueError(f"not a SPADE generator config: type={cfg.get('type')!r}")
        return cls(cfg["numClasses"], cfg["zDim"], cfg["ngf"], cfg["numUp"], cfg.get("maxMult", 8),
                   cfg.get("spadeHidden", 64))

    @property
    def multiple_of(self) -> int:
        return 2 ** self.num_up

    @staticmethod
    def _cond(label, instance_edge, z, factor: int, z_factor: int = 1) -> torch.Tensor:
        """The condition at 1/factor: labels and edges sampled (before concatenating, so no
        full-size copy is made), z average-pooled; z may come pooled by z_factor already."""
        zf = z if factor == z_factor else F.avg_pool2d(z, factor // z_factor)
        return torch.cat([_downsample_nearest(label, factor), _downsample_nearest(instance_edge, factor), zf], 1)

    def trunk(self, label, instance_edge, z, head_blocks: int = 0, z_pooled: bool = False) -> torch.Tensor:
        """Features before the last head_blocks up-blocks, at 1 / 2**head_blocks of the output
        size (the coarse part of the network, whose reach is most of the receptive field).
        z_pooled: z comes average-pooled to that size (what the exported trunk takes)."""
        zf = 2 ** head_blocks if z_pooled else 1
        c0 = self._cond(label, instance_edge, z, 2 ** self.num_up, zf)
        x = self.fc(c0)
        x = self.head(x, c0)
        for i, block in enumerate(self.ups[: self.num_up - head_blocks]):
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = block(x, self._cond(label, instance_edge, z, 2 ** (self.num_up - i - 1), zf))
        return x

    def finish(self, x, label, instance_edge, z, head_blocks: int = 0) -> torch.Tensor:
        """The last head_blocks up-blocks and the RGB layer, from trunk features: a short reach,
        so a large export can run this fine, memory-heavy part in small tiles."""
        for i in range(self.num_up - head_blocks, self.num_up):
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = self.ups[i](x, self._cond(label, instance_edge, z, 2 ** (self.num_up - i - 1)))
        return torch.tanh(self.to_rgb(F.leaky_relu(x, 0.2)))

    def forward(self, label, instance_edge, z):
        return self.finish(self.trunk(label, instance_edge, z), label, instance_edge, z)


class RESAIL(nn.Module):
    """Retrieval-based spatially adaptive normalisation (Shi et al. 2022): the SPADE modulation
    from the labels plus a fine, per-pixel one from the guidance image (RGB and where it is set),
    whose middle layer is itself modulated by the labels (AdaIN-like); the two are summed."""

    def __init__(self, channels: int, cond_channels: int, hidden: int = 64):
        super().__init__()
        self.norm = nn.BatchNorm2d(channels, affine=False)
        self.shared = nn.Sequential(nn.Conv2d(cond_channels, hidden, 3, 1, 1), nn.ReLU(inplace=True))
        self.gamma = nn.Conv2d(hidden, channels, 3, 1, 1)
        self.beta = nn.Conv2d(hidden, channels, 3, 1, 1)
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


class RESAILResBlock(nn.Module):
    def __init__(self, cin: int, cout: int, cond_channels: int, hidden: int):
        super().__init__()
        mid = min(cin, cout)
        self.norm0 = RESAIL(cin, cond_channels, hidden)
        self.conv0 = spectral_norm(nn.Conv2d(cin, mid, 3, 1, 1))
        self.norm1 = RESAIL(mid, cond_channels, hidden)
        self.conv1 = spectral_norm(nn.Conv2d(mid, cout, 3, 1, 1))
        self.learned_skip = cin != cout
        if self.learned_skip:
            self.norm_s = RESAIL(cin, cond_channels, hidden)
            self.conv_s = spectral_norm(nn.Conv2d(cin, cout, 1, bias=False))

    def forward(self, x, cond, guide):
        s = self.conv_s(self.norm_s(x, cond, guide)) if self.learned_skip else x
        dx = self.conv0(F.leaky_relu(self.norm0(x, cond, guide), 0.2))
        dx = self.conv1(F.leaky_relu(self.norm1(dx, cond, guide), 0.2))
        return s + dx


class RESAILGenerator(nn.Module):
    """The retrieval generator: SPADE's layout with RESAIL blocks. Inputs label [N, C+1, H, W],
    instance_edge [N, 1, H, W], guidance [N, 3, H, W] in [-1, 1] with 0 where nothing was
    retrieved (the contract's "zeros where none"); its presence channel is derived inside."""

    def __init__(self, num_classes: int, ngf: int = 32, num_up: int = 5, max_mult: int = 8, hidden: int = 64):
        super().__init__()
        self.num_classes, self.num_up = num_classes, num_up
        self.z_dim = 0
        self._config = {"type": "resail", "numClasses": num_classes, "ngf": ngf, "numUp": num_up,
                        "maxMult": max_mult, "hidden": hidden}
        cond = num_classes + 2
        chans = [ngf * min(max_mult, 2 ** (num_up - i)) for i in range(num_up + 1)]
        self.fc = nn.Conv2d(cond, chans[0], 3, 1, 1)
        self.head = RESAILResBlock(chans[0], chans[0], cond, hidden)
        self.ups = nn.ModuleList([RESAILResBlock(chans[i], chans[i + 1], cond, hidden) for i in range(num_up)])
        self.to_rgb = nn.Conv2d(chans[-1], 3, 3, 1, 1)

    def config(self) -> dict:
        return dict(self._config)

    @property
    def multiple_of(self) -> int:
        return 2 ** self.num_up

    def forward(self, label, instance_edge, guidance):
        seg = torch.cat([label, instance_edge], 1)
        present = (guidance.abs().sum(1, keepdim=True) > 0).float()
        guide = torch.cat([guidance, present], 1)
        f = 2 ** self.num_up

        def at(factor: int):
            if factor == 1:
                return seg, guide
            return _downsample_nearest(seg, factor), F.avg_pool2d(guide, factor)

        c, g = at(f)
        x = self.fc(c)
        x = self.head(x, c, g)
        for i, block in enumerate(self.ups):
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            c, g = at(2 ** (self.num_up - i - 1))
            x = block(x, c, g)
        return torch.tanh(self.to_rgb(F.leaky_relu(x, 0.2)))


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

    def __init__(self, cin: int, cout: int, n: int, k: int = 3):
        super().__init__()
        self.n, self.cout = n, cout
        self.conv = spectral_norm(nn.Conv2d(cin, n * cout, k, 1, k // 2))

    def forward(self, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
        y = self.conv(x)
        n, _, h, w = y.shape
        return (y.view(n, self.n, self.cout, h, w) * v[:, :, None]).sum(1)


class SCBlock(nn.Module):
    def __init__(self, cin: int, cout: int, n: int):
        super().__init__()
        mid = min(cin, cout)
        self.norm0, self.conv0 = SCNorm(cin, n), SCConv(cin, mid, n)
        self.norm1, self.conv1 = SCNorm(mid, n), SCConv(mid, cout, n)
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
    output is kept in `last_svg_rgb`."""

    def __init__(self, num_classes: int, z_dim: int = 32, ngf: int = 16, num_up: int = 5, n_vectors: int = 8,
                 svg_ch: int = 32, temperature: float = 1.0, max_mult: int = 8):
        super().__init__()
        self.num_classes, self.z_dim, self.num_up, self.temperature = num_classes, z_dim, num_up, temperature
        self._config = {"type": "scgan", "numClasses": num_classes, "zDim": z_dim, "ngf": ngf, "numUp": num_up,
                        "nVectors": n_vectors, "svgChannels": svg_ch, "temperature": temperature, "maxMult": max_mult}
        seg_ch = num_classes + 2
        self.svg = nn.ModuleList()
        self.to_v = nn.ModuleList()
        for i in range(num_up + 1):
            cin = seg_ch + z_dim + (svg_ch if i else 0)
            self.svg.append(nn.Sequential(nn.Conv2d(cin, svg_ch, 3, 1, 1), nn.LeakyReLU(0.2, True),
                                          nn.Conv2d(svg_ch, svg_ch, 3, 1, 1), nn.LeakyReLU(0.2, True)))
            self.to_v.append(nn.Conv2d(svg_ch, n_vectors, 1))
        self.svg_rgb = nn.Conv2d(svg_ch, 3, 3, 1, 1)
        chans = [ngf * min(max_mult, 2 ** (num_up - i)) for i in range(num_up + 1)]
        self.chans = chans
        self.fc = nn.Conv2d(z_dim, chans[0], 3, 1, 1)
        self.head = SCBlock(chans[0], chans[0], n_vectors)
        self.ups = nn.ModuleList([SCBlock(chans[i], chans[i + 1], n_vectors) for i in range(num_up)])
        self.to_rgb = nn.Conv2d(chans[-1], 3, 3, 1, 1)
        self.last_svg_rgb = None

    def config(self) -> dict:
        return dict(self._config)

    @classmethod
    def from_config(cls, cfg: dict) -> "SCGANGenerator":
        return cls(cfg["numClasses"], cfg["zDim"], cfg["ngf"], cfg["numUp"], cfg["nVectors"], cfg["svgChannels"],
                   cfg["temperature"], cfg.get("maxMult", 8))

    @property
    def multiple_of(self) -> int:
        return 2 ** self.num_up

    def _stage(self, i: int, h, label, instance_edge, z, z_factor: int = 1):
        """Semantic-vector stage i (at 1 / 2**(num_up - i)): its hidden state and vectors."""
        f = 2 ** (self.num_up - i)
        zf = z if f == z_factor else F.avg_pool2d(z, f // z_factor)
        cond = torch.cat([_downsample_nearest(label, f), _downsample_nearest(instance_edge, f), zf], 1)
        if h is not None:
            cond = torch.cat([cond, F.interpolate(h, scale_factor=2.0, mode="nearest")], 1)
        h = self.svg[i](cond)
        return h, torch.softmax(self.temperature * self.to_v[i](h), 1)

    def trunk(self, label, instance_edge, z, head_blocks: int = 0, z_pooled: bool = False) -> torch.Tensor:
        """Both generators up to 1 / 2**head_blocks of the output size; the features are the render
        activations and the semantic-vector generator's hidden state, concatenated."""
        zf = 2 ** head_blocks if z_pooled else 1
        n = self.num_up - head_blocks
        h, v = self._stage(0, None, label, instance_edge, z, zf)
        x = self.fc(F.avg_pool2d(z, 2 ** self.num_up // zf))
        x = self.head(x, v)
        for i in range(1, n + 1):
            h, v = self._stage(i, h, label, instance_edge, z, zf)
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = self.ups[i - 1](x, v)
        return torch.cat([x, h], 1)

    def finish(self, feats, label, instance_edge, z, head_blocks: int = 0) -> torch.Tensor:
        """The last head_blocks stages of both generators and the RGB layer, from trunk features."""
        n = self.num_up - head_blocks
        # Channel counts from the architecture (not the tensor), so the exported graph knows them.
        x, h = torch.split(feats, [self.chans[n], self.svg_rgb.in_channels], 1)
        for i in range(n + 1, self.num_up + 1):
            h, v = self._stage(i, h, label, instance_edge, z)
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            x = self.ups[i - 1](x, v)
        self.last_svg_rgb = torch.tanh(self.svg_rgb(h)) if self.training else None
        return torch.tanh(self.to_rgb(F.leaky_relu(x, 0.2)))

    def forward(self, label, instance_edge, z):
        return self.finish(self.trunk(label, instance_edge, z), label, instance_edge, z)


class StyleEncoder(nn.Module):
    """Image -> (mu, logvar) of the style z (SPADE's VAE encoder, smaller)."""

    def __init__(self, z_dim: int = 64, nef: int = 32, layers: int = 5):
        super().__init__()
        mods, c = [], 3
        for i in range(layers):
            co = nef * min(8, 2 ** i)
            mods += [spectral_norm(nn.Conv2d(c, co, 3, 2, 1)), nn.InstanceNorm2d(co, affine=True),
                     nn.LeakyReLU(0.2, inplace=True)]
            c = co
        self.body = nn.Sequential(*mods)
        self.mu = nn.Linear(c, z_dim)
        self.logvar = nn.Linear(c, z_dim)

    def forward(self, image):
        h = self.body(image).mean((2, 3))
        return self.mu(h), self.logvar(h)


class PatchDiscriminator(nn.Module):
    """PatchGAN on (image, condition); returns every layer's output for feature matching."""

    def __init__(self, in_channels: int, ndf: int = 32, layers: int = 4):
        super().__init__()
        blocks, c = [], in_channels
        for i in range(layers):
            co = ndf * min(8, 2 ** i)
            stride = 2 if i < layers - 1 else 1
            blocks.append(nn.Sequential(spectral_norm(nn.Conv2d(c, co, 4, stride, 2)),
                                        nn.LeakyReLU(0.2, inplace=True)))
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


class UNetGenerator(nn.Module):
    """pix2pix-style baseline: the label map goes straight into an encoder-decoder, no SPADE."""

    def __init__(self, num_classes: int, z_dim: int = 64, ngf: int = 32, depth: int = 5):
        super().__init__()
        self.num_classes, self.z_dim, self.num_up = num_classes, z_dim, depth
        self._config = {"type": "unet", "numClasses": num_classes, "zDim": z_dim, "ngf": ngf, "numUp": depth}
        cin = num_classes + 2 + z_dim
        chans = [ngf * min(8, 2 ** i) for i in range(depth + 1)]
        self.inc = nn.Sequential(nn.Conv2d(cin, chans[0], 3, 1, 1), nn.LeakyReLU(0.2, True))
        self.downs = nn.ModuleList([nn.Sequential(spectral_norm(nn.Conv2d(chans[i], chans[i + 1], 4, 2, 1)),
                                                  nn.InstanceNorm2d(chans[i + 1]), nn.LeakyReLU(0.2, True))
                                    for i in range(depth)])
        self.ups = nn.ModuleList([nn.Sequential(spectral_norm(nn.Conv2d(chans[i + 1] * (1 if i == depth - 1 else 2),
                                                                        chans[i], 3, 1, 1)),
                                                nn.InstanceNorm2d(chans[i]), nn.ReLU(True))
                                  for i in reversed(range(depth))])
        self.out = nn.Conv2d(chans[0] * 2, 3, 3, 1, 1)

    def config(self) -> dict:
        return dict(self._config)

    @property
    def multiple_of(self) -> int:
        return 2 ** self.num_up

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
