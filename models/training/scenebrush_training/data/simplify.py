"""Artist-style label maps: coarse blobs with hard edges, small details dropped.

A painter does not trace every tree of a forest; they paint a few broad regions. A
majority vote over a disc-like window (box filter of the one-hot map, applied twice)
turns a rendered label map into such a painting, and instances are re-derived so each
remaining object keeps one id.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage


def _box(a: np.ndarray, r: int) -> np.ndarray:
    return ndimage.uniform_filter(a, size=2 * r + 1, mode="nearest")


def simplify_labels(
    labels: np.ndarray, instances: np.ndarray, thing_classes: list[int], radius: int
) -> tuple[np.ndarray, np.ndarray]:
    """Majority-filter the label map with the given radius (pixels) and rebuild instances."""
    if radius < 1:
        raise ValueError(f"radius must be >= 1 pixel, got {radius}")
    present = np.unique(labels)
    votes = np.empty((len(present),) + labels.shape, np.float32)
    for k, cls in enumerate(present):
        votes[k] = _box(_box((labels == cls).astype(np.float32), radius), max(1, radius // 2))
    out = present[np.argmax(votes, axis=0)].astype(labels.dtype)
    inst = np.zeros(instances.shape, np.uint16)
    next_id = 1
    for cls in present:
        if int(cls) not in thing_classes:
            continue
        region = out == cls
        if not region.any():
            continue
        # Keep the original object where it survives; merged or grown areas become
        # one instance per connected piece, as a painter's blob would.
        comps, n = ndimage.label(region)
        for comp in range(1, n + 1):
            m = comps == comp
            inst[m] = next_id
            next_id += 1
    return out, inst


def artist_map(
    labels: np.ndarray,
    instances: np.ndarray,
    thing_classes: list[int],
    rng: np.random.Generator,
    strength: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Random-strength simplification used as a training augmentation."""
    side = min(labels.shape)
    strength = rng.uniform(0.01, 0.035) if strength is None else strength
    return simplify_labels(labels, instances, thing_classes, max(1, int(round(side * strength))))
