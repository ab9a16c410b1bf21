"""Guidance images for retrieval-guided synthesis (RESAIL): retrieved segments composed by the
paper's four rules, and distorted ground truth (colour transfer, thin-plate-spline warp,
resolution loss) that stands in for retrieval during training. Mirrors the app's Java
(`dev.scenebrush.inference.retrieval`): same library file, same geometric score, same rules."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image
from scipy import ndimage
from scipy.interpolate import RBFInterpolator

from scenebrush_training.retrieval.segments import CLASS_ENTRY, HEADER, MAGIC, RECORD_HEAD, Segment, cut_segments

SCALE_WEIGHT = 0.1
ASPECT_WEIGHT = 0.1


class Library:
    """segments.bin read with numpy (the app memory-maps the same file)."""

    def __init__(self, path: Path):
        raw = np.fromfile(str(path), dtype=np.uint8)
        magic, version, m, p, classes, _, count, _ = HEADER.unpack_from(raw.tobytes()[: HEADER.size], 0)
        if magic != MAGIC or version != 1:
            raise ValueError(f"{path}: not a version-1 segment library")
        self.mask_size, self.patch_size, self.count = m, p, count
        table = np.frombuffer(raw[HEADER.size : HEADER.size + classes * CLASS_ENTRY.size].tobytes(), "<u4")
        self.first, self.n = table[0::2].astype(int), table[1::2].astype(int)
        rec = RECORD_HEAD.size + m * m + p * p * 3
        start = HEADER.size + classes * CLASS_ENTRY.size
        recs = raw[start : start + count * rec].reshape(count, rec)
        head = np.frombuffer(
            recs[:, : RECORD_HEAD.size].tobytes(),
            dtype=np.dtype(
                [
                    ("cls", "<u2"),
                    ("flags", "<u2"),
                    ("sw", "<u2"),
                    ("sh", "<u2"),
                    ("x", "<u2"),
                    ("y", "<u2"),
                    ("w", "<u2"),
                    ("h", "<u2"),
                    ("area", "<u4"),
                    ("source", "<u4"),
                ]
            ),
        )
        self.cls = head["cls"].astype(int)
        self.source = head["source"].astype(int)
        self.rel_area = head["area"] / (head["sw"].astype(float) * head["sh"])
        self.aspect = head["w"] / head["h"].astype(float)
        self.masks = recs[:, RECORD_HEAD.size : RECORD_HEAD.size + m * m].reshape(count, m, m) > 0
        self.patches = recs[:, RECORD_HEAD.size + m * m :].reshape(count, p, p, 3)

    def best(
        self,
        cls: int,
        mask: np.ndarray,
        rel_area: float,
        aspect: float,
        exclude_source: int = -1,
        rng: np.random.Generator | None = None,
        top: int = 1,
    ) -> int:
        """The best-scoring segment of the class (a random one of the top few with rng); -1 if none."""
        if cls >= len(self.n) or self.n[cls] == 0:
            return -1
        idx = np.arange(self.first[cls], self.first[cls] + self.n[cls])
        idx = idx[self.source[idx] != exclude_source]
        if len(idx) == 0:
            return -1
        shape = (self.masks[idx] != mask[None]).mean((1, 2))
        score = (
            shape
            + SCALE_WEIGHT * np.abs(np.log(rel_area / self.rel_area[idx]))
            + ASPECT_WEIGHT * np.abs(np.log(aspect / self.aspect[idx]))
        )
        order = idx[np.argsort(score)[:top]]
        return int(order[rng.integers(len(order))] if rng is not None else order[0])


def compose(
    labels: np.ndarray,
    palette,
    segments: list[Segment],
    patches: list[np.ndarray | None],
    masks: list[np.ndarray | None],
    full_masks: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Guidance (H, W, 3) uint8 and where it is set (H, W) bool, by RESAIL's rules.

    For each painted segment (full_masks: its pixels in the map), the retrieved patch and mask
    (any size) are resized to its box: kept inside both (1); for stuff, dropped outside the
    painted segment (2); for objects, kept outside it over stuff (3), dropped over objects (4).
    Stuff first, then objects from the largest.
    """
    h, w = labels.shape
    out = np.zeros((h, w, 3), np.uint8)
    have = np.zeros((h, w), bool)
    things = np.array([c.kind == "thing" for c in palette.classes] + [False] * (256 - len(palette)))
    stuff_px = ~things[labels] & (labels < len(palette))
    order = sorted(range(len(segments)), key=lambda i: (segments[i].thing, -segments[i].area))
    for i in order:
        if patches[i] is None:
            continue
        s = segments[i]
        x, y, bw, bh = s.box
        m = np.asarray(Image.fromarray(masks[i].astype(np.uint8) * 255).resize((bw, bh), Image.NEAREST)) > 0
        pt = np.asarray(Image.fromarray(patches[i]).resize((bw, bh), Image.BILINEAR))
        painted = full_masks[i][y : y + bh, x : x + bw]
        keep = m & painted
        if s.thing:
            keep |= m & ~painted & stuff_px[y : y + bh, x : x + bw]
        out[y : y + bh, x : x + bw][keep] = pt[keep]
        have[y : y + bh, x : x + bw] |= keep
    return out, have


def segment_masks(labels: np.ndarray, instances: np.ndarray, segments: list[Segment]) -> list[np.ndarray]:
    """Each segment's pixels in the whole map (cut_segments keeps only the normalised mask)."""
    out = []
    comps: dict[int, np.ndarray] = {}
    for s in segments:
        x, y, w, h = s.box
        if s.thing:
            ids = instances[y : y + h, x : x + w][labels[y : y + h, x : x + w] == s.cls]
            iid = np.bincount(ids[ids > 0]).argmax() if (ids > 0).any() else 0
            full = (labels == s.cls) & (instances == iid)
        else:
            if s.cls not in comps:
                comps[s.cls] = ndimage.label(labels == s.cls)[0]
            comp = comps[s.cls]
            inside = comp[y : y + h, x : x + w][labels[y : y + h, x : x + w] == s.cls]
            k = np.bincount(inside[inside > 0]).argmax()
            full = comp == k
        out.append(full)
    return out


def retrieved_guidance(
    image,
    labels,
    instances,
    palette,
    library: Library,
    source: int,
    rng: np.random.Generator | None = None,
    min_area: int = 16,
):
    """Guidance from the library for a map (its own render excluded, as in training)."""
    h, w = labels.shape
    segs = cut_segments(image, labels, instances, palette, source, library.mask_size, 1, min_area)
    full = segment_masks(labels, instances, segs)
    patches, masks = [], []
    for s in segs:
        k = library.best(s.cls, s.mask > 0, s.area / (w * h), s.box[2] / s.box[3], source, rng, top=3)
        patches.append(None if k < 0 else library.patches[k])
        masks.append(None if k < 0 else library.masks[k])
    return compose(labels, palette, segs, patches, masks, full)


def tps_warp(mask: np.ndarray, patch: np.ndarray, rng: np.random.Generator, strength: float = 0.08):
    """A thin-plate-spline warp of a segment (mask and patch together): control points on a grid
    moved by up to `strength` of the box side."""
    h, w = mask.shape
    if min(h, w) < 4:
        return mask, patch
    g = np.stack(np.meshgrid(np.linspace(0, h - 1, 3), np.linspace(0, w - 1, 3), indexing="ij"), -1).reshape(-1, 2)
    moved = g + rng.normal(0, strength, g.shape) * np.array([h, w])
    yy, xx = np.mgrid[0:h, 0:w]
    pts = np.stack([yy.ravel(), xx.ravel()], 1).astype(float)
    src = RBFInterpolator(moved, g, kernel="thin_plate_spline")(pts)  # where each output pixel comes from
    coords = [src[:, 0].reshape(h, w), src[:, 1].reshape(h, w)]
    m = ndimage.map_coordinates(mask.astype(float), coords, order=0, mode="constant") > 0.5
    p = np.stack(
        [ndimage.map_coordinates(patch[..., c].astype(float), coords, order=1, mode="nearest") for c in range(3)], -1
    )
    return m, np.clip(p, 0, 255).astype(np.uint8)


def distorted_guidance(
    image, labels, instances, palette, library: Library | None, rng: np.random.Generator, min_area: int = 16
):
    """Ground truth made to look retrieved: per segment a colour transfer towards a random library
    segment of its class, a thin-plate-spline warp of its shape, and a resolution loss."""
    h, w = labels.shape
    segs = cut_segments(image, labels, instances, palette, -1, 8, 1, min_area)
    full = segment_masks(labels, instances, segs)
    patches, masks = [], []
    for s, fm in zip(segs, full):
        x, y, bw, bh = s.box
        crop = image[y : y + bh, x : x + bw].astype(float)
        inside = fm[y : y + bh, x : x + bw]
        if library is not None and s.cls < len(library.n) and library.n[s.cls] > 0:
            k = library.first[s.cls] + int(rng.integers(library.n[s.cls]))
            ref = (
                library.patches[k][
                    library.masks[k]
                    if library.mask_size == library.patch_size
                    else np.ones(library.patches[k].shape[:2], bool)
                ]
                .reshape(-1, 3)
                .astype(float)
            )
            if len(ref) and inside.any():
                mu, sd = crop[inside].mean(0), crop[inside].std(0) + 1e-3
                rmu, rsd = ref.mean(0), ref.std(0) + 1e-3
                t = rng.uniform(0.3, 1.0)  # how far towards the other segment's colours
                crop = (crop - mu) / sd * (sd + t * (rsd - sd)) + mu + t * (rmu - mu)
        crop = np.clip(crop, 0, 255).astype(np.uint8)
        m, crop = tps_warp(inside, crop, rng)
        f = int(rng.integers(2, 5))  # resolution loss
        small = Image.fromarray(crop).resize((max(1, bw // f), max(1, bh // f)), Image.BILINEAR)
        crop = np.asarray(small.resize((bw, bh), Image.BILINEAR))
        patches.append(crop)
        masks.append(m)
    return compose(labels, palette, segs, patches, masks, full)
