"""`attach-gallery`: the pictures the app shows beside a pack, cut from real renders of its data.

Materials: one square tile per palette class, so the palette reads as pictures of what each
class looks like instead of colour chips. A stuff class gets the window of a render most filled
with it; a thing class gets its largest object framed whole. Among the candidates (one per
render) the tile is the one nearest the median colour, so it shows the typical look rather than
a winter or dusk outlier. Classes the data never shows get no tile (the app keeps their chip).

Looks: a few real renders per time of day (day, golden hour, overcast, dusk). The app encodes
them with the pack's style encoder and offers their mean style as a preset.

Both land in the pack folder and in pack.json ("materials", "looks"; docs/contracts.md).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from scenebrush_training.data.palette import Palette, load_palette
from scenebrush_training.data.dataset import sample_name
from scenebrush_training.data.pngio import load_index, load_instances, load_rgb
from scenebrush_training.data.scene import light_of

TILE = 64
COLUMNS = 6
LOOKS = (("day", "Day"), ("golden", "Golden hour"), ("overcast", "Overcast"), ("dusk", "Dusk"))
_FULL = 0.95  # a stuff window counts when this much of it is the class
_PARTLY = 0.3  # ... or, for a class never that full, the fullest window at least this full


def _best_window(mask: np.ndarray, side: int, stride: int = 8) -> tuple[float, int, int]:
    """(fraction, y, x) of the side x side window holding most of `mask`."""
    s = np.pad(mask.astype(np.int32).cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    ys = np.arange(0, mask.shape[0] - side + 1, stride)
    xs = np.arange(0, mask.shape[1] - side + 1, stride)
    a = (
        s[ys[:, None] + side, xs[None] + side]
        - s[ys[:, None], xs[None] + side]
        - s[ys[:, None] + side, xs[None]]
        + s[ys[:, None], xs[None]]
    )
    k = int(np.argmax(a))
    y, x = divmod(k, a.shape[1])
    return float(a.flat[k]) / (side * side), int(ys[y]), int(xs[x])


def _object_window(inst: np.ndarray, labels: np.ndarray, cls: int) -> tuple[int, int, int, int] | None:
    """(area, y, x, side) framing the largest whole object of the class, or None."""
    ids, counts = np.unique(inst[labels == cls], return_counts=True)
    h, w = labels.shape
    best = None
    for i, n in sorted(zip(ids, counts), key=lambda t: -t[1]):
        if i == 0 or n < 120:
            continue
        yy, xx = np.nonzero(inst == i)
        if yy.min() == 0 or xx.min() == 0 or yy.max() == h - 1 or xx.max() == w - 1:
            continue  # cut by the picture's edge: not the whole object
        side = int(max(yy.max() - yy.min(), xx.max() - xx.min()) * 1.3) + 4
        if side > min(h, w):
            continue
        cy, cx = (yy.min() + yy.max()) // 2, (xx.min() + xx.max()) // 2
        y = int(np.clip(cy - side // 2, 0, h - side))
        x = int(np.clip(cx - side // 2, 0, w - side))
        best = (int(n), y, x, side)
        break
    return best


def _crop(image: np.ndarray, y: int, x: int, side: int, tile: int) -> np.ndarray:
    patch = Image.fromarray(image[y : y + side, x : x + side])
    return np.asarray(patch.resize((tile, tile), Image.LANCZOS) if side != tile else patch)


def material_tiles(data: Path, palette: Palette, samples: int = 600, tile: int = TILE) -> dict[int, np.ndarray]:
    """Class index -> (tile, tile, 3) uint8, for every class the first `samples` renders show."""
    names = sorted(p.name for p in (data / "images").glob("*.png"))[:samples]
    if not names:
        raise ValueError(f"no renders in {data}/images")
    things = set(palette.thing_indices)
    candidates: dict[int, list[np.ndarray]] = {}
    fallback: dict[int, tuple[float, np.ndarray]] = {}  # thin classes (fog, paths): fullest window
    for name in names:
        image = load_rgb(data / "images" / name)
        labels = load_index(data / "labels" / name)
        inst = load_instances(data / "instances" / name) if things else None
        side = max(16, round(tile * labels.shape[0] / 256))
        for cls in np.unique(labels):
            cls = int(cls)
            if cls >= len(palette):
                continue
            if cls in things:
                found = _object_window(inst, labels, cls)
                if found is None:
                    continue
                _, y, x, s = found
                candidates.setdefault(cls, []).append(_crop(image, y, x, s, tile))
            else:
                frac, y, x = _best_window(labels == cls, side)
                if frac >= _FULL:
                    candidates.setdefault(cls, []).append(_crop(image, y, x, side, tile))
                elif frac >= _PARTLY and frac > fallback.get(cls, (0.0, None))[0]:
                    fallback[cls] = (frac, _crop(image, y, x, side, tile))
    for cls, (_, crop) in fallback.items():
        candidates.setdefault(cls, [crop])
    tiles = {}
    for cls, crops in candidates.items():
        means = np.array([c.reshape(-1, 3).mean(0) for c in crops])
        typical = np.median(means, axis=0)
        tiles[cls] = crops[int(np.argmin(((means - typical) ** 2).sum(1)))]
    return tiles


def write_materials(pack: Path, tiles: dict[int, np.ndarray], palette: Palette, tile: int = TILE) -> dict:
    """materials.png (tiles in palette order, row by row, COLUMNS wide) and its pack.json block."""
    rows = -(-len(palette) // COLUMNS)
    atlas = np.zeros((rows * tile, COLUMNS * tile, 4), np.uint8)
    for cls, t in tiles.items():
        r, c = divmod(cls, COLUMNS)
        atlas[r * tile : (r + 1) * tile, c * tile : (c + 1) * tile, :3] = t
        atlas[r * tile : (r + 1) * tile, c * tile : (c + 1) * tile, 3] = 255
    Image.fromarray(atlas, "RGBA").save(pack / "materials.png", optimize=True)
    return {"atlas": "materials.png", "tile": tile, "classes": [c.name for c in palette.classes]}


def write_looks(pack: Path, data: Path, per_look: int = 4, size: int = 128) -> list[dict]:
    """looks/<light>-<k>.png: the first renders of each time of day, at the pack's size."""
    manifest = json.loads((data / "dataset.json").read_text())
    if "seed" not in manifest:
        return []  # imported pictures: their light is not known
    seed, start, count = manifest["seed"], manifest.get("start", 0), manifest["count"]
    (pack / "looks").mkdir(exist_ok=True)
    picked: dict[str, list[int]] = {name: [] for name, _ in LOOKS}
    for i in range(start, start + count):
        light = light_of(seed, i)
        if light in picked and len(picked[light]) < per_look:
            picked[light].append(i)
        if all(len(v) == per_look for v in picked.values()):
            break
    looks = []
    for name, title in LOOKS:
        if not picked[name]:
            continue
        files = []
        for k, i in enumerate(picked[name]):
            image = Image.open(data / "images" / sample_name(i)).convert("RGB").resize((size, size), Image.LANCZOS)
            rel = f"looks/{name}-{k}.png"
            image.save(pack / rel, optimize=True)
            files.append(rel)
        looks.append({"name": title, "images": files})
    return looks


def attach_gallery(pack: Path, data: Path, samples: int = 600, per_look: int = 4) -> dict:
    """Adds materials and looks to the pack folder and its pack.json; returns what was added."""
    manifest_path = pack / "pack.json"
    manifest = json.loads(manifest_path.read_text())
    palette = load_palette(manifest["palette"])
    tiles = material_tiles(data, palette, samples)
    manifest["materials"] = write_materials(pack, tiles, palette)
    manifest["looks"] = write_looks(pack, data, per_look, manifest["resolution"][0])
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return {
        "materials": sorted(palette.classes[c].name for c in tiles),
        "looks": [(lk["name"], len(lk["images"])) for lk in manifest["looks"]],
    }
