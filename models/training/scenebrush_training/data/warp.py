"""Shape-warp augmentation: one smooth random displacement field bends a sample's picture and
maps together, so the generator meets shapes the renderer never draws (an artist's are looser)
while picture and labels still agree pixel for pixel."""

from __future__ import annotations

import numpy as np
from scipy import ndimage


def displacement(shape: tuple[int, int], rng: np.random.Generator, strength: float, cells: int = 4):
    """(dy, dx) in pixels: Gaussian offsets on a cells×cells grid, cubic-interpolated to full size,
    so neighbouring pixels move together; the largest offset is at most `strength` pixels."""
    h, w = shape
    field = []
    for _ in range(2):
        coarse = rng.standard_normal((cells + 1, cells + 1))
        fine = ndimage.zoom(coarse, (h / (cells + 1), w / (cells + 1)), order=3, mode="nearest")[:h, :w]
        peak = np.abs(fine).max()
        field.append(fine * (strength / peak if peak > 0 else 0.0))
    return field[0], field[1]


def warp_sample(image: np.ndarray, maps: list[np.ndarray], rng: np.random.Generator, strength: float):
    """The picture (H×W×3 uint8, bilinear) and each label or instance map (H×W, nearest: no new
    classes or ids appear) sampled through the same displacement; borders repeat the edge."""
    h, w = image.shape[:2]
    for m in maps:
        if m.shape != (h, w):
            raise ValueError(f"warp: map of shape {m.shape} does not match the picture's {(h, w)}")
    dy, dx = displacement((h, w), rng, strength)
    ys, xs = np.mgrid[:h, :w].astype(np.float32)
    coords = np.stack([ys + dy, xs + dx])
    picture = np.stack(
        [
            ndimage.map_coordinates(image[..., c].astype(np.float32), coords, order=1, mode="nearest")
            for c in range(image.shape[2])
        ],
        axis=-1,
    )
    warped = [ndimage.map_coordinates(m, coords, order=0, mode="nearest") for m in maps]
    return np.clip(np.rint(picture), 0, 255).astype(image.dtype), warped
