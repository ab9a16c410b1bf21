"""A rendered data set held in memory for training, and OCO-GAN-style label dropping."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from scenebrush_training.data.pngio import load_index, load_instances, load_rgb


class LandscapeData:
    """Rendered samples held in memory as uint8 arrays."""

    def __init__(self, root: Path, size: int, holdout: int, max_samples: int = 0):
        names = sorted(p.name for p in (root / "images").glob("*.png"))
        if holdout:
            names = names[:-holdout]
        if max_samples:
            names = names[:max_samples]
        if not names:
            raise ValueError(f"no training samples in {root}/images")
        self.root = root
        self.images = np.stack([load_rgb(root / "images" / n) for n in names])
        self.labels = np.stack([load_index(root / "labels" / n) for n in names])
        self.instances = np.stack([load_instances(root / "instances" / n) for n in names])
        self.size = size

    def __len__(self) -> int:
        return len(self.images)


def drop_labels(labels: np.ndarray, rng: np.random.Generator, whole: float, regions: float) -> np.ndarray:
    """OCO-GAN-style conditioning dropout: the whole map, or random blobs, become UNKNOWN."""
    out = labels.copy()
    r = rng.random()
    if r < whole:
        out[:] = 255
    elif r < whole + regions:
        h, w = out.shape
        for _ in range(rng.integers(1, 4)):
            cy, cx = rng.uniform(0, h), rng.uniform(0, w)
            ry, rx = rng.uniform(0.1, 0.4) * h, rng.uniform(0.1, 0.4) * w
            ys, xs = np.ogrid[:h, :w]
            out[((ys - cy) / ry) ** 2 + ((xs - cx) / rx) ** 2 < 1] = 255
    return out
