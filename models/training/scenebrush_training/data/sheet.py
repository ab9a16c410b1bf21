"""Sample sheets: rendered images beside their label colours."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from scenebrush_training.data.palette import load_palette
from scenebrush_training.data.scene import LandscapeRenderer


def sample_sheet(out: Path, count: int = 16, seed: int = 0, size: int = 256, per_row: int = 4) -> Path:
    palette = load_palette("landscape")
    renderer = LandscapeRenderer(palette)
    tiles = []
    for i in range(count):
        s = renderer.render(seed, size, size, i)
        tiles.append(np.concatenate([s.image, palette.colorize(s.labels)], 1))
    blank = np.full_like(tiles[0], 255)
    rows = []
    for r in range(0, count, per_row):
        row = tiles[r : r + per_row]
        row += [blank] * (per_row - len(row))
        rows.append(np.concatenate(row, 1))
    out.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.concatenate(rows, 0)).save(out)
    return out
