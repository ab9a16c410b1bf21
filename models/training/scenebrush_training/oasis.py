"""OASIS-style training signal: a segmentation discriminator instead of a real/fake patch critic.

The discriminator is a U-Net that labels every pixel of an image with one of the N classes or
"fake" (N+1 outputs). Real images are trained towards their true label map, generated ones
towards "fake"; the generator is trained to have its pixels read as the classes it was asked to
draw. Per-pixel cross-entropy is class-balanced (rare classes such as houses weigh as much as
sky), and LabelMix asks the discriminator's output on a real/fake mosaic cut along the label
map to equal the mosaic of its outputs, which keeps it from judging by texture alone.

The discriminator never sees the label map, so it cannot grade a picture by copying it: the
generator has to draw what the classes look like. Only the generator is exported; checkpoints
keep the same keys as the patch-critic runs (``D`` holds whichever discriminator was trained).
"""

from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils import spectral_norm

IGNORE = 255  # pixels without a class to be judged by (UNKNOWN in the condition)


class _Down(nn.Module):
    def __init__(self, cin: int, cout: int, pool: bool):
        super().__init__()
        self.body = nn.Sequential(nn.LeakyReLU(0.2), spectral_norm(nn.Conv2d(cin, cout, 3, 1, 1)),
                                  nn.LeakyReLU(0.2), spectral_norm(nn.Conv2d(cout, cout, 3, 1, 1)))
        self.skip = spectral_norm(nn.Conv2d(cin, cout, 1))
        self.pool = pool

    def forward(self, x):
        y = self.body(x) + self.skip(x)
        return F.avg_pool2d(y, 2) if self.pool else y


class _Up(nn.Module):
    def __init__(self, cin: int, cskip: int, cout: int):
        super().__init__()
        self.body = nn.Sequential(nn.LeakyReLU(0.2), spectral_norm(nn.Conv2d(cin + cskip, cout, 3, 1, 1)),
                                  nn.LeakyReLU(0.2), spectral_norm(nn.Conv2d(cout, cout, 3, 1, 1)))
        self.skip = spectral_norm(nn.Conv2d(cin + cskip, cout, 1))

    def forward(self, x, skip):
        x = torch.cat([F.interpolate(x, size=skip.shape[-2:], mode="nearest"), skip], 1)
        return self.body(x) + self.skip(x)


class SegmentationDiscriminator(nn.Module):
    """(N, 3, H, W) image -> (N, num_classes + 1, H, W) logits; the last channel is "fake"."""

    def __init__(self, num_classes: int, ndf: int = 16, depth: int = 5):
        super().__init__()
        chans = [ndf * min(8, 2 ** i) for i in range(depth + 1)]
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


def class_targets(one_hot_label: torch.Tensor) -> torch.Tensor:
    """(N, C+1, H, W) one-hot condition (UNKNOWN last) -> (N, H, W) class ids, UNKNOWN = IGNORE."""
    idx = one_hot_label.argmax(1)
    return torch.where(idx == one_hot_label.shape[1] - 1, torch.full_like(idx, IGNORE), idx)


def balanced_weights(target: torch.Tensor, num_classes: int) -> torch.Tensor:
    """Per-pixel weights that give every class present in the batch the same total weight."""
    valid = target != IGNORE
    counts = torch.bincount(target[valid].flatten(), minlength=num_classes).float()
    present = (counts > 0).sum().clamp(min=1)
    per_class = torch.where(counts > 0, valid.sum() / (present * counts.clamp(min=1)), torch.zeros_like(counts))
    return per_class[target.clamp(max=num_classes - 1)] * valid


def segmentation_loss(logits: torch.Tensor, target: torch.Tensor, weights: torch.Tensor | None = None):
    """Weighted per-pixel cross-entropy; IGNORE pixels count nothing."""
    ce = F.cross_entropy(logits, target, ignore_index=IGNORE, reduction="none")
    if weights is None:
        return ce.mean()
    return (ce * weights).sum() / weights.sum().clamp(min=1e-6)


def fake_target(like: torch.Tensor, num_classes: int) -> torch.Tensor:
    return torch.full(like.shape, num_classes, dtype=torch.long, device=like.device)


def label_mix_mask(target: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
    """(N, H, W) class ids -> (N, 1, H, W) mask: each class present in a sample goes wholly to
    the real or the fake side at random (IGNORE pixels to the real side)."""
    masks = []
    for t in target:
        ids = torch.unique(t)
        pick = torch.rand(len(ids), generator=generator, device=t.device) < 0.5
        chosen = ids[pick]
        masks.append(torch.isin(t, chosen).float())
    return torch.stack(masks)[:, None]


def generator_loss(D: SegmentationDiscriminator, fake, cond_target) -> torch.Tensor:
    """The generator wants its pixels read as the classes it was asked for."""
    weights = balanced_weights(cond_target, D.num_classes)
    return segmentation_loss(D(fake), cond_target, weights)


def discriminator_losses(D: SegmentationDiscriminator, real, fake, true_target, lambda_labelmix: float):
    """Real -> true classes (balanced), fake -> "fake", LabelMix consistency. Returns a dict."""
    nc = D.num_classes
    logits_real = D(real)
    logits_fake = D(fake)
    losses = {"d_real": segmentation_loss(logits_real, true_target, balanced_weights(true_target, nc)),
              "d_fake": segmentation_loss(logits_fake, fake_target(true_target, nc))}
    if lambda_labelmix:
        mask = label_mix_mask(true_target)
        mixed = D(mask * real + (1 - mask) * fake)
        expected = mask * logits_real + (1 - mask) * logits_fake
        losses["d_labelmix"] = F.mse_loss(mixed, expected) * lambda_labelmix
    return losses
