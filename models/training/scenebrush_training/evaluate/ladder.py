"""Scores at the size the user sees: pictures rendered at 512² or 1024² against real renders of
the same maps at that size (models/docs/ladder.md).

- segmenter mIoU / accuracy of the picture taken down to the segmenter's input (area), against
  the maps taken to that size;
- patch Frechet distance: segmenter features of full-resolution 128² crops (the same places in
  both sets), so texture and edges at the shown size count, not only layout;
- sharpness: mean |Laplacian| of the luminance at full size, generated over real (1.0 = as
  crisp as the renders; a stretched 128² picture scores far below);
- edge sharpness: the same within 3 pixels of a class boundary only (maps at the picture's size),
  generated over real: a stage that over-sharpens edges, ringing into light or dark rims along
  objects, scores above 1 there even when the picture as a whole is not too sharp;
- colour distance: per class, the mean RGB (0..255) of its pixels over the whole set, generated
  against real; the mean over classes of the Euclidean distance (tan lakes score high);
- frame: per side, the mean RGB of the outermost band (1/64 of the side) minus that of the band
  next to it, over the whole set, generated against real (a real picture's own gradient, sky
  darker at the top, cancels); the Euclidean distance in grey levels. A generator that draws a
  frame along the edges (lighter or bluer than the picture inside) scores high on that side.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from scenebrush_training.evaluate.folders import _matched
from scenebrush_training.evaluate.metrics import confusion, frechet_distance, scores
from scenebrush_training.data.pngio import load_index, load_rgb

CROP = 128
CROPS_PER_IMAGE = 4


def _down(img: np.ndarray, size: int) -> np.ndarray:
    x = torch.from_numpy(np.array(img)).permute(2, 0, 1)[None].float()
    x = F.adaptive_avg_pool2d(x, (size, size))
    return x[0].permute(1, 2, 0).round().clamp(0, 255).to(torch.uint8).numpy()


def _labels_at(lab: np.ndarray, size: int) -> np.ndarray:
    h, w = lab.shape
    ys = ((np.arange(size) + 0.5) * h / size).astype(int)
    xs = ((np.arange(size) + 0.5) * w / size).astype(int)
    return lab[ys][:, xs]


def _laplacian(img: np.ndarray) -> np.ndarray:
    g = img.astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    return np.abs(4 * g[1:-1, 1:-1] - g[:-2, 1:-1] - g[2:, 1:-1] - g[1:-1, :-2] - g[1:-1, 2:])


def sharpness(img: np.ndarray) -> float:
    return float(_laplacian(img).mean())


EDGE_BAND = 3


def edge_band(labels: np.ndarray) -> np.ndarray:
    """Pixels within EDGE_BAND of a class boundary, cropped like the Laplacian (1 px each side)."""
    from scipy.ndimage import binary_dilation

    b = np.zeros(labels.shape, bool)
    b[:, 1:] |= labels[:, 1:] != labels[:, :-1]
    b[:, :-1] |= labels[:, 1:] != labels[:, :-1]
    b[1:] |= labels[1:] != labels[:-1]
    b[:-1] |= labels[1:] != labels[:-1]
    return binary_dilation(b, iterations=EDGE_BAND - 1)[1:-1, 1:-1]


def edge_sharpness(img: np.ndarray, band: np.ndarray) -> tuple[float, int]:
    """Sum of |Laplacian| over the band and its pixel count."""
    return float(_laplacian(img)[band].sum()), int(band.sum())


SIDES = ("top", "bottom", "left", "right")


def frame_bands(img: np.ndarray) -> np.ndarray:
    """(4, 3): per side (SIDES), mean RGB of the outermost band minus the band next to it."""
    a = img.astype(np.float64)
    k = max(1, min(a.shape[:2]) // 64)
    views = (a, a[::-1], a.transpose(1, 0, 2), a.transpose(1, 0, 2)[::-1])
    return np.stack([v[:k].mean((0, 1)) - v[k : 2 * k].mean((0, 1)) for v in views])


def frame_offsets(gen_bands: np.ndarray, real_bands: np.ndarray) -> dict[str, float]:
    """Per side, |mean generated band difference - mean real one| over the set, in grey levels."""
    d = np.mean(gen_bands, 0) - np.mean(real_bands, 0)
    return {side: float(np.linalg.norm(d[i])) for i, side in enumerate(SIDES)}


def crops(img: np.ndarray, rng: np.random.Generator) -> list[np.ndarray]:
    h, w = img.shape[:2]
    out = []
    for _ in range(CROPS_PER_IMAGE):
        y, x = int(rng.integers(0, h - CROP + 1)), int(rng.integers(0, w - CROP + 1))
        out.append(img[y : y + CROP, x : x + CROP])
    return out


def evaluate_at_size(images: Path, heldout: Path, maps: str = "labels", threads: int = 2) -> dict:
    from scenebrush_training.evaluate.segmenter import INPUT_SIZE, WEIGHTS, load_segmenter, predict

    torch.set_num_threads(threads)
    net = load_segmenter(WEIGHTS)
    names = _matched(images, heldout / "images", "image", "real render")
    conf_gen = np.zeros((net.num_classes, net.num_classes + 1), np.int64)
    conf_real = np.zeros_like(conf_gen)
    sharp_gen, sharp_real, crops_gen, crops_real = [], [], [], []
    frames_gen, frames_real = [], []
    edge = np.zeros((2, 2))  # (gen, real) x (sum, count)
    colour = np.zeros((2, net.num_classes, 4))  # (gen, real) x class x (r, g, b, count)
    size = None
    for i, n in enumerate(names):
        gen, real = load_rgb(images / n), load_rgb(heldout / "images" / n)
        if gen.shape != real.shape:
            raise ValueError(
                f"{images / n} is {gen.shape[1]}x{gen.shape[0]} but the real render is "
                f"{real.shape[1]}x{real.shape[0]}: render at the held-out set's size"
            )
        size = gen.shape[:2]
        lab = _labels_at(load_index(heldout / maps / n), INPUT_SIZE)
        (pg,), _ = predict(net, _down(gen, INPUT_SIZE)[None])
        (pr,), _ = predict(net, _down(real, INPUT_SIZE)[None])
        conf_gen += confusion(pg, lab, net.num_classes)
        conf_real += confusion(pr, lab, net.num_classes)
        full = load_index(heldout / maps / n)
        if full.shape == gen.shape[:2]:
            band = edge_band(full)
            for k, im in enumerate((gen, real)):
                edge[k] += edge_sharpness(im, band)
                for c in np.unique(full[full < net.num_classes]):
                    px = im[full == c].astype(np.float64)
                    colour[k, c, :3] += px.sum(0)
                    colour[k, c, 3] += len(px)
        frames_gen.append(frame_bands(gen))
        frames_real.append(frame_bands(real))
        sharp_gen.append(sharpness(gen))
        sharp_real.append(sharpness(real))
        crops_gen += crops(gen, np.random.default_rng([i, 7]))
        crops_real += crops(real, np.random.default_rng([i, 7]))
    fg = predict(net, np.stack(crops_gen))[1]
    fr = predict(net, np.stack(crops_real))[1]
    g, r = scores(conf_gen), scores(conf_real)
    seen = colour[1, :, 3] > 0
    means = colour[:, seen, :3] / colour[:, seen, 3:]
    colour_distance = float(np.sqrt(((means[0] - means[1]) ** 2).sum(-1)).mean()) if seen.any() else float("nan")
    return {
        "size": [int(size[1]), int(size[0])],
        "pictures": len(names),
        "maps": maps,
        "miou": g["miou"],
        "accuracy": g["accuracy"],
        "real_miou": r["miou"],
        "real_accuracy": r["accuracy"],
        "patch_fd": frechet_distance(fg, fr),
        "sharpness_ratio": float(np.mean(sharp_gen) / np.mean(sharp_real)),
        "edge_sharpness_ratio": (
            float((edge[0, 0] / edge[0, 1]) / (edge[1, 0] / edge[1, 1])) if edge[1, 0] > 0 else float("nan")
        ),
        "colour_distance": colour_distance,
        "frame": frame_offsets(frames_gen, frames_real),
        "crops": len(crops_gen),
    }
