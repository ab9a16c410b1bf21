"""A perceptual loss on the features of a fixed random-weight CNN.

pix2pixHD and SPADE compare generated and real pictures on VGG features; no pretrained network
can be downloaded here, and our segmenter is the evaluation network (training against it would
teach the generator to please the judge). Random convolutional features still measure local
structure and texture at several scales: each stage's L1 distance between the pictures'
features, normalised by the real features' mean magnitude so every stage weighs alike.

The weights come from a fixed seed and are never trained or saved, so checkpoints do not
change shape and a resumed run sees the same features.
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

STAGE_WIDTHS = (32, 64, 128, 256)
FEATURE_SEED = 20241


class RandomFeatures(nn.Module):
    """Four stride-2 stages (3x3 convolutions, leaky ReLU) with frozen He-initialised weights."""

    def __init__(self, widths: tuple[int, ...] = STAGE_WIDTHS, seed: int = FEATURE_SEED):
        super().__init__()
        gen = torch.Generator().manual_seed(seed)
        self.stages = nn.ModuleList()
        cin = 3
        for cout in widths:
            conv = nn.Conv2d(cin, cout, 3, 2, 1)
            with torch.no_grad():
                conv.weight.normal_(0.0, (2.0 / (cin * 9)) ** 0.5, generator=gen)
                conv.bias.zero_()
            self.stages.append(conv)
            cin = cout
        self.requires_grad_(False)

    def forward(self, x: torch.Tensor) -> list[torch.Tensor]:
        feats = []
        for conv in self.stages:
            x = F.leaky_relu(conv(x), 0.2)
            feats.append(x)
        return feats


def perceptual_loss(features: RandomFeatures, fake: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
    """Mean over stages of |f(fake) - f(real)| / mean |f(real)|; gradients reach only `fake`."""
    with torch.no_grad():
        real_feats = features(real)
    loss = fake.new_zeros(())
    for ff, rf in zip(features(fake), real_feats):
        loss = loss + F.l1_loss(ff, rf) / (rf.abs().mean() + 1e-6)
    return loss / len(real_feats)
