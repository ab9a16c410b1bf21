"""The three aligned layers a sample is made of, plus the drawing helpers they share."""

from __future__ import annotations

import numpy as np


def smoothstep(a: float, b: float, x: np.ndarray) -> np.ndarray:
    t = np.clip((x - a) / (b - a), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def lerp(a, b, t):
    return a + (b - a) * t


def rgb(values) -> np.ndarray:
    return np.asarray(values, np.float32)


class Canvas:
    """RGB image in [0, 1], label indices and instance ids, drawn back to front."""

    def __init__(self, h: int, w: int):
        self.h, self.w = h, w
        self.img = np.zeros((h, w, 3), np.float32)
        self.lab = np.zeros((h, w), np.uint8)
        self.inst = np.zeros((h, w), np.uint16)
        self.next_instance = 1
        self.ys = np.arange(h, dtype=np.float32)[:, None]
        self.xs = np.arange(w, dtype=np.float32)[None, :]

    def paint(self, mask: np.ndarray, color: np.ndarray, label: int | None, alpha: np.ndarray | None = None) -> None:
        """Blend colour (HxWx3 or 3) where mask holds; set label where mask holds."""
        if alpha is None:
            if color.ndim == 3:
                self.img[mask] = color[mask]
            else:
                self.img[mask] = color
        else:
            a = (alpha * mask)[..., None]
            self.img += (color - self.img) * a
        if label is not None:
            self.lab[mask] = label
            self.inst[mask] = 0

    def stamp(self, y0: int, x0: int, mask: np.ndarray, color: np.ndarray, label: int) -> int:
        """Draw one object (local mask and colour at offset y0, x0) as a new instance; return its id."""
        h, w = mask.shape
        ya, yb = max(0, y0), min(self.h, y0 + h)
        xa, xb = max(0, x0), min(self.w, x0 + w)
        if ya >= yb or xa >= xb:
            return 0
        m = mask[ya - y0 : yb - y0, xa - x0 : xb - x0]
        if not m.any():
            return 0
        c = color[ya - y0 : yb - y0, xa - x0 : xb - x0]
        iid = self.next_instance
        self.next_instance += 1
        self.img[ya:yb, xa:xb][m] = c[m]
        self.lab[ya:yb, xa:xb][m] = label
        self.inst[ya:yb, xa:xb][m] = iid
        return iid

    def compact_instances(self) -> None:
        """Renumber the instances that are still visible as 1..K in drawing order."""
        ids = np.unique(self.inst)
        ids = ids[ids != 0]
        lut = np.zeros(int(self.inst.max()) + 1, np.uint16)
        lut[ids] = np.arange(1, len(ids) + 1, dtype=np.uint16)
        self.inst = lut[self.inst]
