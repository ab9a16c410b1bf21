"""OASIS-style training signal: class-balanced segmentation losses and LabelMix for the
segmentation discriminator (nets/oasis.py).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from scenebrush_training.nets.oasis import SegmentationDiscriminator


IGNORE = 255  # pixels without a class to be judged by (UNKNOWN in the condition)


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
    losses = {
        "d_real": segmentation_loss(logits_real, true_target, balanced_weights(true_target, nc)),
        "d_fake": segmentation_loss(logits_fake, fake_target(true_target, nc)),
    }
    if lambda_labelmix:
        mask = label_mix_mask(true_target)
        mixed = D(mask * real + (1 - mask) * fake)
        expected = mask * logits_real + (1 - mask) * logits_fake
        losses["d_labelmix"] = F.mse_loss(mixed, expected) * lambda_labelmix
    return losses
