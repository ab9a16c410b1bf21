"""Segmentation scores, Frechet distance of features and diversity across z."""

from __future__ import annotations

import numpy as np

from scenebrush_training.data.palette import UNKNOWN_INDEX


def confusion(pred: np.ndarray, truth: np.ndarray, num_classes: int) -> np.ndarray:
    """(C, C+1) counts, rows = truth, columns = prediction; column C collects predictions
    outside the palette (they count as misses). UNKNOWN truth pixels are ignored."""
    if pred.shape != truth.shape:
        raise ValueError(f"prediction shape {pred.shape} differs from label shape {truth.shape}")
    keep = truth != UNKNOWN_INDEX
    t = truth[keep].astype(np.int64)
    p = np.minimum(pred[keep].astype(np.int64), num_classes)
    if t.size and t.max() >= num_classes:
        raise ValueError(f"label value {int(t.max())} is outside the palette's {num_classes} classes")
    m = np.bincount(t * (num_classes + 1) + p, minlength=num_classes * (num_classes + 1))
    return m.reshape(num_classes, num_classes + 1)


def scores(conf: np.ndarray) -> dict:
    c = conf.shape[0]
    tp = np.diag(conf[:, :c]).astype(np.float64)
    gt = conf.sum(1).astype(np.float64)
    pr = conf[:, :c].sum(0).astype(np.float64)
    union = gt + pr - tp
    present = union > 0
    iou = np.where(present, tp / np.maximum(union, 1), np.nan)
    return {
        "miou": float(np.nanmean(iou)) if present.any() else float("nan"),
        "accuracy": float(tp.sum() / max(gt.sum(), 1)),
        "per_class": [None if np.isnan(v) else float(v) for v in iou],
    }


def _sqrt_psd(a: np.ndarray) -> np.ndarray:
    w, v = np.linalg.eigh((a + a.T) / 2)
    return (v * np.sqrt(np.clip(w, 0, None))) @ v.T


def frechet_distance(fa: np.ndarray, fb: np.ndarray) -> float:
    """||mu_a - mu_b||^2 + Tr(Ca + Cb - 2 (Ca^1/2 Cb Ca^1/2)^1/2); symmetric, 0 for equal sets."""
    if fa.ndim != 2 or fb.ndim != 2 or fa.shape[1] != fb.shape[1]:
        raise ValueError(f"feature sets must be (N, D) with equal D, got {fa.shape} and {fb.shape}")
    if len(fa) < 2 or len(fb) < 2:
        raise ValueError("each set needs at least 2 images for a Frechet distance")
    mu_a, mu_b = fa.mean(0), fb.mean(0)
    ca, cb = np.cov(fa, rowvar=False), np.cov(fb, rowvar=False)
    sa = _sqrt_psd(ca)
    cross = _sqrt_psd(sa @ cb @ sa)
    d = float(((mu_a - mu_b) ** 2).sum() + np.trace(ca) + np.trace(cb) - 2 * np.trace(cross))
    return max(d, 0.0)


def diversity(groups: list[np.ndarray]) -> float:
    """Mean pairwise L2 feature distance between renders of the same map under different z."""
    dists = []
    for f in groups:
        if len(f) < 2:
            continue
        diff = f[:, None, :] - f[None, :, :]
        d = np.sqrt((diff**2).sum(-1))
        iu = np.triu_indices(len(f), 1)
        dists.append(d[iu].mean())
    if not dists:
        raise ValueError("diversity needs at least one map rendered with 2 or more z")
    return float(np.mean(dists))
