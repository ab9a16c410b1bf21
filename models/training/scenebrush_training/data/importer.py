"""`dataset import`: a folder of photos with label PNGs into the training format of `dataset`.

Layouts, by how their label PNGs store classes:
- `ade20k`: 8-bit values 1..150 are the palette's classes in order, 0 is "other" (UNKNOWN);
- `coco-stuff`: 8-bit values 0..181 are the classes, 255 is unlabeled;
- `cityscapes`: `*_gtFine_labelIds.png` values 0..33 are the ids, with `*_gtFine_instanceIds.png`
  beside them when present (id // 1000 the class, each id one object);
- `colour`: RGB maps in the exact colours of any palette (`--palette`), black is UNKNOWN.

Pictures pair with label maps by file name (Cityscapes: the name before `_leftImg8bit` and
`_gtFine_…`). Each pair is cropped to its centred square and resized to `--size` (pictures with
Lanczos, labels nearest), so a set of any sizes trains as one. Thing classes without instance
maps get one object per connected region. Every problem names the file: a picture without a
label map or the other way round, sizes that differ, values or colours the layout does not know.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
from PIL import Image
from scipy import ndimage

from scenebrush_training.data.dataset import SUBDIRS, sample_name
from scenebrush_training.data.palette import UNKNOWN_INDEX, Palette, load_palette
from scenebrush_training.data.pngio import save_index, save_instances, save_rgb

LAYOUTS = {"ade20k": "ade20k", "coco-stuff": "coco-stuff", "cityscapes": "cityscapes", "colour": None}
PICTURES = (".jpg", ".jpeg", ".png")
MAX_SIDE = 8192
_CITY_IMAGE, _CITY_LABEL, _CITY_INSTANCE = "_leftImg8bit", "_gtFine_labelIds", "_gtFine_instanceIds"


def _stem(path: Path, layout: str, picture: bool) -> str:
    s = path.stem
    if layout == "cityscapes":
        suffix = _CITY_IMAGE if picture else _CITY_LABEL
        return s[: -len(suffix)] if s.endswith(suffix) else ""
    return s


def pairs(images: Path, labels: Path, layout: str) -> list[tuple[Path, Path]]:
    """(picture, label map) by name; raises naming every picture or map without its partner."""
    for folder, what in ((images, "--images"), (labels, "--labels")):
        if not folder.is_dir():
            raise FileNotFoundError(f"{what}: no folder {folder}")
    pics = {_stem(p, layout, True): p for p in sorted(images.rglob("*")) if p.suffix.lower() in PICTURES}
    maps = {_stem(p, layout, False): p for p in sorted(labels.rglob("*.png"))}
    pics.pop("", None)
    maps.pop("", None)
    if not pics:
        raise ValueError(f"no pictures ({', '.join(PICTURES)}) in {images}")
    lone_pics = sorted(set(pics) - set(maps))
    lone_maps = sorted(set(maps) - set(pics))
    if lone_pics or lone_maps:
        parts = []
        if lone_pics:
            parts.append(f"no label map for {len(lone_pics)} picture(s): {', '.join(lone_pics[:5])}")
        if lone_maps:
            parts.append(f"no picture for {len(lone_maps)} label map(s): {', '.join(lone_maps[:5])}")
        raise ValueError("; ".join(parts))
    return [(pics[k], maps[k]) for k in sorted(pics)]


def _open(path: Path) -> Image.Image:
    try:
        im = Image.open(path)
    except (OSError, ValueError) as e:
        raise ValueError(f"{path.name}: not a readable picture ({e})") from None
    if max(im.size) > MAX_SIDE:  # checked from the header, before decoding
        raise ValueError(f"{path.name}: {im.size[0]}x{im.size[1]} is over {MAX_SIDE} pixels on a side")
    return im


def label_indices(path: Path, layout: str, palette: Palette) -> np.ndarray:
    """(H, W) uint8 palette indices, UNKNOWN_INDEX where unlabeled."""
    im = _open(path)
    if layout == "colour":
        rgb = np.asarray(im.convert("RGB")).astype(np.int32)
        code = rgb[..., 0] << 16 | rgb[..., 1] << 8 | rgb[..., 2]
        table = {c.color[0] << 16 | c.color[1] << 8 | c.color[2]: i for i, c in enumerate(palette.classes)}
        table.setdefault(0, UNKNOWN_INDEX)
        values, inverse = np.unique(code, return_inverse=True)
        unknown = [v for v in values if int(v) not in table]
        if unknown:
            shown = ", ".join(f"#{int(v):06X}" for v in unknown[:5])
            raise ValueError(
                f"{path.name}: {len(unknown)} colour(s) not in palette '{palette.id}': {shown} "
                f"(colour maps must use the palette's exact colours; black is unlabeled)"
            )
        return np.array([table[int(v)] for v in values], np.uint8)[inverse].reshape(code.shape)
    if im.mode not in ("L", "P", "I", "I;16"):
        raise ValueError(f"{path.name}: a {layout} label map is a one-channel PNG of class values, got mode {im.mode}")
    values = np.asarray(im).astype(np.int64)
    n = len(palette)
    if layout == "ade20k":
        out = np.where(values == 0, UNKNOWN_INDEX, values - 1)
        bad = (values < 0) | (values > n)
    elif layout == "coco-stuff":
        out = np.where(values == 255, UNKNOWN_INDEX, values)
        bad = (values < 0) | ((values >= n) & (values != 255))
    else:  # cityscapes: ids 0..33; anything else (license plate -1 stored as 255) is unlabeled
        out = np.where((values < 0) | (values >= n - 1), UNKNOWN_INDEX, values)
        bad = np.zeros(values.shape, bool)
    if bad.any():
        wrong = np.unique(values[bad])
        raise ValueError(
            f"{path.name}: value(s) {', '.join(str(int(v)) for v in wrong[:8])} are not {layout} classes "
            f"(palette '{palette.id}' has {n})"
        )
    return out.astype(np.uint8)


def instances_of(labels: np.ndarray, palette: Palette, instance_path: Path | None) -> np.ndarray:
    """(H, W) uint16 object ids: from a Cityscapes instance map, else one per connected region of a thing."""
    out = np.zeros(labels.shape, np.uint16)
    if instance_path is not None and instance_path.is_file():
        ids = np.asarray(_open(instance_path)).astype(np.int64)
        if ids.shape != labels.shape:
            raise ValueError(f"{instance_path.name}: {ids.shape[1]}x{ids.shape[0]} differs from its label map")
        objects = np.unique(ids[ids >= 1000])
        for k, v in enumerate(objects[:65535], start=1):
            out[ids == v] = k
        return out
    next_id = 1
    for cls in palette.thing_indices:
        regions, count = ndimage.label(labels == cls)
        for r in range(1, count + 1):
            if next_id > 65535:
                return out
            out[regions == r] = next_id
            next_id += 1
    return out


def _square(im: Image.Image, size: int, resample) -> Image.Image:
    w, h = im.size
    s = min(w, h)
    left, top = (w - s) // 2, (h - s) // 2
    return im.crop((left, top, left + s, top + s)).resize((size, size), resample)


def import_dataset(
    images: Path, labels: Path, out: Path, layout: str, palette_id: str | None = None, size: int = 256
) -> dict:
    """Writes out/images, labels, labels_color, instances and dataset.json; returns the manifest."""
    if layout not in LAYOUTS:
        raise ValueError(f"--layout must be one of {', '.join(LAYOUTS)}, got {layout!r}")
    if layout == "colour" and not palette_id:
        raise ValueError("--layout colour needs --palette: the palette whose colours the maps use")
    palette = load_palette(palette_id or LAYOUTS[layout])
    if not 32 <= size <= 8192:
        raise ValueError(f"--size must be 32..8192, got {size}")
    found = pairs(images, labels, layout)
    t0 = time.perf_counter()
    for picture, label in found:  # every problem before anything is written; nothing kept in memory
        p, lab = _open(picture), _open(label)
        if p.size != lab.size:
            raise ValueError(
                f"{picture.name} is {p.size[0]}x{p.size[1]} "
                f"but its label map {label.name} is {lab.size[0]}x{lab.size[1]}"
            )
        label_indices(label, layout, palette)
    out.mkdir(parents=True, exist_ok=True)
    for d in SUBDIRS:
        (out / d).mkdir(exist_ok=True)
    for i, (picture, label) in enumerate(found):
        idx = label_indices(label, layout, palette)
        inst_path = label.with_name(label.name.replace(_CITY_LABEL, _CITY_INSTANCE)) if layout == "cityscapes" else None
        inst = instances_of(idx, palette, inst_path)
        name = sample_name(i)
        rgb = _square(_open(picture).convert("RGB"), size, Image.LANCZOS)
        small = np.asarray(_square(Image.fromarray(idx, "L"), size, Image.NEAREST))
        ids = np.asarray(_square(Image.fromarray(inst.astype(np.int32), "I"), size, Image.NEAREST)).astype(np.uint16)
        save_rgb(out / "images" / name, np.asarray(rgb))
        save_index(out / "labels" / name, small)
        save_rgb(out / "labels_color" / name, palette.colorize(small))
        save_instances(out / "instances" / name, ids)
    manifest = {
        "palette": palette.id,
        "size": size,
        "count": len(found),
        "imported": {"layout": layout, "images": str(images), "labels": str(labels)},
        "sources": [p.name for p, _ in found],
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (out / "dataset.json").write_text(json.dumps(manifest, indent=2))
    return {k: v for k, v in manifest.items() if k != "sources"}
