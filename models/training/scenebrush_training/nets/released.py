"""Generators with the layout of the papers' released checkpoints, written from the SPADE and OASIS
papers and the public descriptions of their checkpoints' parameter names, so that those
checkpoints load by name. Convolutions are plain: spectral normalisation is folded into the
weights when a checkpoint is read (convert.py).

SPADE (Park et al. 2019, "normal" upsampling): a 3x3 conv on the label map downsampled to 1/32,
then SPADE residual blocks head_0, G_middle_0, G_middle_1, up_0..up_3 with nearest 2x upsampling
between them, then conv_img and tanh. OASIS (Sushko et al. 2021): the same kind of blocks in
`body`, conditioned on the label map concatenated with a 64-channel noise map.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class PublicSPADE(nn.Module):
    """Parameter-free batch norm, then a per-pixel scale and shift predicted from the labels."""

    def __init__(self, norm_nc: int, label_nc: int, norm_name: str, hidden: int = 128, ks: int = 3):
        super().__init__()
        self.norm_name = norm_name
        # The attribute name is the checkpoint's: param_free_norm (SPADE) or first_norm (OASIS).
        setattr(self, norm_name, nn.BatchNorm2d(norm_nc, affine=False))
        self.mlp_shared = nn.Sequential(nn.Conv2d(label_nc, hidden, ks, padding=ks // 2), nn.ReLU())
        self.mlp_gamma = nn.Conv2d(hidden, norm_nc, ks, padding=ks // 2)
        self.mlp_beta = nn.Conv2d(hidden, norm_nc, ks, padding=ks // 2)

    def forward(self, x: torch.Tensor, seg: torch.Tensor) -> torch.Tensor:
        normalized = getattr(self, self.norm_name)(x)
        seg = F.interpolate(seg, size=x.shape[2:], mode="nearest")
        actv = self.mlp_shared(seg)
        return normalized * (1 + self.mlp_gamma(actv)) + self.mlp_beta(actv)


class PublicBlock(nn.Module):
    """SPADE residual block: two SPADE-ReLU-conv steps, a learned 1x1 shortcut when widths differ."""

    def __init__(self, fin: int, fout: int, label_nc: int, norm_name: str, hidden: int = 128):
        super().__init__()
        self.learned_shortcut = fin != fout
        fmid = min(fin, fout)
        self.conv_0 = nn.Conv2d(fin, fmid, 3, padding=1)
        self.conv_1 = nn.Conv2d(fmid, fout, 3, padding=1)
        self.norm_0 = PublicSPADE(fin, label_nc, norm_name, hidden)
        self.norm_1 = PublicSPADE(fmid, label_nc, norm_name, hidden)
        if self.learned_shortcut:
            self.conv_s = nn.Conv2d(fin, fout, 1, bias=False)
            self.norm_s = PublicSPADE(fin, label_nc, norm_name, hidden)

    def forward(self, x: torch.Tensor, seg: torch.Tensor) -> torch.Tensor:
        xs = self.conv_s(self.norm_s(x, seg)) if self.learned_shortcut else x
        dx = self.conv_0(F.leaky_relu(self.norm_0(x, seg), 0.2))
        dx = self.conv_1(F.leaky_relu(self.norm_1(dx, seg), 0.2))
        return xs + dx


class SpadeReleased(nn.Module):
    """SPADE generator without the VAE: label map in, image out; the latent grid is 1/32 of it."""

    def __init__(self, semantic_nc: int, ngf: int = 64, num_up: str = "normal", hidden: int = 128):
        super().__init__()
        if num_up not in ("normal", "more", "most"):
            raise ValueError(f"num_up must be normal, more or most, got {num_up!r}")
        self.semantic_nc, self.ngf, self.num_up = semantic_nc, ngf, num_up
        nf = ngf
        self.fc = nn.Conv2d(semantic_nc, 16 * nf, 3, padding=1)
        args = (semantic_nc, "param_free_norm", hidden)
        self.head_0 = PublicBlock(16 * nf, 16 * nf, *args)
        self.G_middle_0 = PublicBlock(16 * nf, 16 * nf, *args)
        self.G_middle_1 = PublicBlock(16 * nf, 16 * nf, *args)
        self.up_0 = PublicBlock(16 * nf, 8 * nf, *args)
        self.up_1 = PublicBlock(8 * nf, 4 * nf, *args)
        self.up_2 = PublicBlock(4 * nf, 2 * nf, *args)
        self.up_3 = PublicBlock(2 * nf, 1 * nf, *args)
        if num_up == "most":
            self.up_4 = PublicBlock(nf, nf // 2, *args)
            final = nf // 2
        else:
            final = nf
        self.conv_img = nn.Conv2d(final, 3, 3, padding=1)

    @property
    def downsampling(self) -> int:
        return {"normal": 32, "more": 64, "most": 128}[self.num_up]

    def forward(self, seg: torch.Tensor) -> torch.Tensor:
        h, w = seg.shape[2] // self.downsampling, seg.shape[3] // self.downsampling
        x = self.fc(F.interpolate(seg, size=(h, w), mode="nearest"))
        x = self.head_0(x, seg)
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        x = self.G_middle_0(x, seg)
        if self.num_up in ("more", "most"):
            x = F.interpolate(x, scale_factor=2, mode="nearest")
        x = self.G_middle_1(x, seg)
        for block in (self.up_0, self.up_1, self.up_2, self.up_3):
            x = F.interpolate(x, scale_factor=2, mode="nearest")
            x = block(x, seg)
        if self.num_up == "most":
            x = F.interpolate(x, scale_factor=2, mode="nearest")
            x = self.up_4(x, seg)
        return torch.tanh(self.conv_img(F.leaky_relu(x, 0.2)))


class OasisReleased(nn.Module):
    """OASIS generator: noise map concatenated to the labels, six SPADE blocks in `body`."""

    def __init__(self, semantic_nc: int, z_dim: int = 64, ch: int = 64, num_res_blocks: int = 6, hidden: int = 128):
        super().__init__()
        self.semantic_nc, self.z_dim, self.ch, self.num_res_blocks = semantic_nc, z_dim, ch, num_res_blocks
        channels = [16 * ch, 16 * ch, 16 * ch, 8 * ch, 4 * ch, 2 * ch, 1 * ch][-(num_res_blocks + 1) :]
        cond = semantic_nc + z_dim
        self.fc = nn.Conv2d(cond, channels[0], 3, padding=1)
        self.body = nn.ModuleList(
            PublicBlock(channels[i], channels[i + 1], cond, "first_norm", hidden) for i in range(num_res_blocks)
        )
        self.conv_img = nn.Conv2d(channels[-1], 3, 3, padding=1)

    @property
    def downsampling(self) -> int:
        return 2 ** (self.num_res_blocks - 1)

    def forward(self, seg: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
        seg = torch.cat((z, seg), dim=1)
        h, w = seg.shape[2] // self.downsampling, seg.shape[3] // self.downsampling
        x = self.fc(F.interpolate(seg, size=(h, w), mode="nearest"))
        for i, block in enumerate(self.body):
            x = block(x, seg)
            if i < self.num_res_blocks - 1:
                x = F.interpolate(x, scale_factor=2, mode="nearest")
        return torch.tanh(self.conv_img(F.leaky_relu(x, 0.2)))
