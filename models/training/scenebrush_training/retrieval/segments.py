"""Segment library for retrieval-guided synthesis (RESAIL): real segments cut from training
renders, each with its class, box, a normalised shape mask and an RGB patch, in a flat binary
file the app memory-maps (docs/segments.md).

Segments are the instances of thing classes and the connected components of stuff classes.
Records are grouped by class, so a query scans only the segments of its own class.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image
from scipy import ndimage

from scenebrush_training.data.palette import load_palette

MAGIC = b"SBSEGLIB"
VERSION = 1
HEADER = struct.Struct("<8sIHHHHI32s")  # magic, version, mask, patch, classes, flags, count, palette
CLASS_ENTRY = struct.Struct("<II")  # first record, record count
RECORD_HEAD = struct.Struct("<HHHHHHHHII")  # class, flags, src w, h, box x, y, w, h, area, source
FLAG_THING = 1


def record_size(mask: int, patch: int) -> int:
    return RECORD_HEAD.size + mask * mask + patch * patch * 3


@dataclass
class Segment:
    cls: int
    thing: bool
    src_w: int
    src_h: int
    box: tuple[int, int, int, int]  # x, y, w, h
    area: int
    source: int
    mask: np.ndarray  # (M, M) uint8 0/255
    patch: np.ndarray  # (P, P, 3) uint8


def normalised_mask(region: np.ndarray, size: int) -> np.ndarray:
    """A boolean region (its bounding box) resized to size x size: 255 inside, 0 outside.

    Area-averaged then thresholded at one half, so thin parts survive as well as they can.
    """
    img = Image.fromarray((region * 255).astype(np.uint8))
    small = np.asarray(img.resize((size, size), Image.BILINEAR if min(region.shape) < size else Image.BOX))
    return np.where(small >= 128, 255, 0).astype(np.uint8)


def cut_segments(
    image: np.ndarray,
    labels: np.ndarray,
    instances: np.ndarray,
    palette,
    source: int,
    mask_size: int,
    patch_size: int,
    min_area: int,
) -> list[Segment]:
    h, w = labels.shape
    out = []

    def add(region: np.ndarray, cls: int, thing: bool):
        ys, xs = np.nonzero(region)
        if len(ys) < min_area:
            return
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        box = region[y0:y1, x0:x1]
        patch = np.asarray(Image.fromarray(image[y0:y1, x0:x1]).resize((patch_size, patch_size), Image.BILINEAR))
        out.append(
            Segment(
                cls,
                thing,
                w,
                h,
                (int(x0), int(y0), int(x1 - x0), int(y1 - y0)),
                int(len(ys)),
                source,
                normalised_mask(box, mask_size),
                patch.astype(np.uint8),
            )
        )

    for cls, c in enumerate(palette.classes):
        present = labels == cls
        if not present.any():
            continue
        if c.kind == "thing":
            for iid in np.unique(instances[present]):
                if iid != 0:
                    add(present & (instances == iid), cls, True)
        else:
            comp, n = ndimage.label(present)
            for k in range(1, n + 1):
                add(comp == k, cls, False)
    return out


def write_library(
    path: Path, segments: list[Segment], palette_id: str, num_classes: int, mask_size: int, patch_size: int
) -> dict:
    segments = sorted(segments, key=lambda s: (s.cls, s.source, s.box[1], s.box[0]))
    pal = palette_id.encode()
    if len(pal) > 32:
        raise ValueError(f"palette id {palette_id!r} is longer than 32 bytes")
    table = [[0, 0] for _ in range(num_classes)]
    for i, s in enumerate(segments):
        if table[s.cls][1] == 0:
            table[s.cls][0] = i
        table[s.cls][1] += 1
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as f:
        f.write(HEADER.pack(MAGIC, VERSION, mask_size, patch_size, num_classes, 0, len(segments), pal))
        for first, count in table:
            f.write(CLASS_ENTRY.pack(first, count))
        for s in segments:
            f.write(RECORD_HEAD.pack(s.cls, FLAG_THING if s.thing else 0, s.src_w, s.src_h, *s.box, s.area, s.source))
            f.write(s.mask.tobytes())
            f.write(s.patch.tobytes())
    tmp.replace(path)
    return {
        "segments": len(segments),
        "bytes": path.stat().st_size,
        "perClass": {i: c for i, (_, c) in enumerate(table) if c},
    }


def build_library(
    data: Path,
    out: Path,
    max_segments: int = 12000,
    min_area: int = 48,
    mask_size: int = 24,
    patch_size: int = 24,
    max_bytes: int = 40_000_000,
    start: int = 0,
) -> dict:
    """Cut segments from a rendered data set (dataset command) until max_segments or max_bytes."""
    meta = json.loads((data / "dataset.json").read_text())
    palette = load_palette(meta.get("palette", "landscape"))
    limit = min(
        max_segments, (max_bytes - HEADER.size - len(palette) * CLASS_ENTRY.size) // record_size(mask_size, patch_size)
    )
    if limit < 1:
        raise ValueError(f"--max-bytes {max_bytes} leaves room for no segment")
    segments: list[Segment] = []
    names = sorted(p.name for p in (data / "labels").glob("*.png"))[start:]
    for i, name in enumerate(names):
        image = np.asarray(Image.open(data / "images" / name).convert("RGB"))
        labels = np.asarray(Image.open(data / "labels" / name))
        instances = np.asarray(Image.open(data / "instances" / name)).astype(np.int64)
        segments += cut_segments(image, labels, instances, palette, start + i, mask_size, patch_size, min_area)
    total = len(segments)
    segments = balanced_subset(segments, limit)
    stats = write_library(out, segments, palette.id, len(palette), mask_size, patch_size)
    stats["renders"] = len(names)
    stats["cut"] = total
    stats["sources"] = len({s.source for s in segments})
    return stats


def balanced_subset(segments: list[Segment], limit: int) -> list[Segment]:
    """At most limit segments, shared between the classes as evenly as their counts allow (a rare
    class keeps all it has) and, within a class, spread over all source renders: a small library
    still offers every class a variety of shapes and looks."""
    if len(segments) <= limit:
        return segments
    by_class: dict[int, list[Segment]] = {}
    for s in segments:
        by_class.setdefault(s.cls, []).append(s)
    counts = sorted(len(v) for v in by_class.values())
    quota, left, classes = 0, limit, len(counts)
    for n in counts:  # water-filling: the largest per-class quota whose total fits the limit
        share = left // classes
        if n <= share:
            left, classes = left - n, classes - 1
        else:
            quota = share
            break
    extra = left - quota * classes  # the remainder goes one each to the largest classes
    kept = []
    for cls, members in sorted(by_class.items(), key=lambda kv: -len(kv[1])):
        take = len(members)
        if take > quota:
            take = quota + (1 if extra > 0 else 0)
            extra -= 1 if extra > 0 else 0
        members.sort(key=lambda s: (s.source, s.box[1], s.box[0]))
        # Evenly spaced picks; spacing >= 1, so rounding half up keeps them distinct.
        picks = np.floor(np.linspace(0, len(members) - 1, take) + 0.5).astype(int) if take else []
        kept += [members[int(k)] for k in picks]
    return kept
