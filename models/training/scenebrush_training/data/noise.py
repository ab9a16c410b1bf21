"""Fast value noise: random lattices upsampled with separable interpolation matrices.

An (h, w) image of noise costs two small matrix products per octave, which keeps the
renderer well above ten 256x256 samples per second on one core.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np


@lru_cache(maxsize=256)
def _interp_matrix(n_out: int, n_in: int) -> np.ndarray:
    """(n_out, n_in) matrix that resamples n_in lattice points to n_out with smoothstep weights."""
    pos = (np.arange(n_out) + 0.5) * (n_in - 1) / n_out
    i0 = np.clip(np.floor(pos).astype(int), 0, n_in - 2) if n_in > 1 else np.zeros(n_out, int)
    t = pos - i0
    t = t * t * (3 - 2 * t)
    m = np.zeros((n_out, n_in), np.float32)
    if n_in == 1:
        m[:, 0] = 1
        return m
    m[np.arange(n_out), i0] = 1 - t
    m[np.arange(n_out), i0 + 1] += t
    return m


def lattice_noise(rng: np.random.Generator, h: int, w: int, cells_y: int, cells_x: int) -> np.ndarray:
    """Smooth noise in [-1, 1] with about cells_y x cells_x features across the image."""
    grid = rng.uniform(-1, 1, (cells_y + 1, cells_x + 1)).astype(np.float32)
    return _interp_matrix(h, cells_y + 1) @ grid @ _interp_matrix(w, cells_x + 1).T


def fbm(
    rng: np.random.Generator,
    h: int,
    w: int,
    base_cells: float = 4,
    octaves: int = 5,
    aspect: float = 1.0,
    gain: float = 0.5,
) -> np.ndarray:
    """Fractal sum of lattice noise; aspect > 1 stretches features horizontally. Roughly [-1, 1]."""
    out = np.zeros((h, w), np.float32)
    amp, total = 1.0, 0.0
    cells = base_cells
    for _ in range(octaves):
        cy = max(1, int(round(cells)))
        cx = max(1, int(round(cells * w / h / aspect)))
        cy, cx = min(cy, h), min(cx, w)
        out += amp * lattice_noise(rng, h, w, cy, cx)
        total += amp
        amp *= gain
        cells *= 2
    return out / total


def fbm1d(rng: np.random.Generator, n: int, base_cells: float = 3, octaves: int = 5, gain: float = 0.5) -> np.ndarray:
    out = np.zeros(n, np.float32)
    amp, total, cells = 1.0, 0.0, base_cells
    for _ in range(octaves):
        c = max(1, min(n, int(round(cells))))
        grid = rng.uniform(-1, 1, c + 1).astype(np.float32)
        out += amp * (_interp_matrix(n, c + 1) @ grid)
        total += amp
        amp *= gain
        cells *= 2
    return out / total


def ridge1d(rng: np.random.Generator, n: int, base_cells: float = 3, octaves: int = 6) -> np.ndarray:
    """Mountain-like profile in [0, 1]: sharp peaks from folded noise."""
    out = np.zeros(n, np.float32)
    amp, total, cells = 1.0, 0.0, base_cells
    for _ in range(octaves):
        c = max(1, min(n, int(round(cells))))
        grid = rng.uniform(-1, 1, c + 1).astype(np.float32)
        out += amp * (1 - np.abs(_interp_matrix(n, c + 1) @ grid))
        total += amp
        amp *= 0.5
        cells *= 2.1
    out /= total
    return out**1.6
