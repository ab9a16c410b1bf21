"""PNG reading and writing for images, index label maps, colour label maps and 16-bit instance maps."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from scenebrush_training.data.palette import UNKNOWN_COLOR, UNKNOWN_INDEX, Palette


def save_rgb(path: Path, image: np.ndarray) -> None:
    Image.fromarray(image, "RGB").save(path, compress_level=1)


def save_index(path: Path, labels: np.ndarray) -> None:
    Image.fromarray(labels.astype(np.uint8), "L").save(path, compress_level=1)


def save_instances(path: Path, inst: np.ndarray) -> None:
    Image.fromarray(inst.astype(np.uint16), "I;16").save(path, compress_level=1)


def load_rgb(path: Path) -> np.ndarray:
    try:
        with Image.open(path) as im:
            return np.asarray(im.convert("RGB"))
    except (OSError, ValueError) as e:
        raise ValueError(f"cannot read image {path}: {e}") from None


def load_index(path: Path) -> np.ndarray:
    try:
        with Image.open(path) as im:
            if im.mode not in ("L", "P"):
                raise ValueError(f"expected an 8-bit index PNG (mode L), got mode {im.mode}")
            return np.asarray(im.convert("L") if im.mode == "P" else im)
    except OSError as e:
        raise ValueError(f"cannot read label map {path}: {e}") from None


def load_instances(path: Path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(im).astype(np.uint16)


def colors_to_index(rgb: np.ndarray, palette: Palette) -> np.ndarray:
    """Exact colour -> class index; UNKNOWN_COLOR -> UNKNOWN_INDEX; anything else is an error."""
    key = (rgb[..., 0].astype(np.int32) << 16) | (rgb[..., 1].astype(np.int32) << 8) | rgb[..., 2]
    out = np.zeros(key.shape, np.uint8)
    matched = np.zeros(key.shape, bool)
    for i, c in enumerate(palette.classes):
        m = key == ((c.color[0] << 16) | (c.color[1] << 8) | c.color[2])
        out[m] = i
        matched |= m
    m = key == ((UNKNOWN_COLOR[0] << 16) | (UNKNOWN_COLOR[1] << 8) | UNKNOWN_COLOR[2])
    out[m] = UNKNOWN_INDEX
    matched |= m
    bad = int((~matched).sum())
    if bad:
        raise ValueError(f"{bad} pixels have colours that are not in palette '{palette.id}'")
    return out
