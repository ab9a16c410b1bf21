"""`dataset`: render N samples to a folder, deterministically per seed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from scenebrush_training.data.palette import load_palette
from scenebrush_training.data.pngio import save_index, save_instances, save_rgb
from scenebrush_training.data.scene import RENDERER_VERSION, LandscapeRenderer
from scenebrush_training.data.simplify import artist_map

try:
    from tqdm import tqdm
except ImportError:  # progress is a nicety, not a requirement

    def tqdm(it, **_):
        return it


SUBDIRS = ("images", "labels", "labels_color", "instances")
ARTIST_SUBDIRS = ("labels_artist", "instances_artist")


def dataset_palette(data: Path) -> str:
    """The palette a data set's labels use (dataset.json; rendered sets before it: landscape)."""
    manifest = data / "dataset.json"
    return json.loads(manifest.read_text()).get("palette", "landscape") if manifest.is_file() else "landscape"


def sample_name(i: int) -> str:
    return f"{i:06d}.png"


def write_dataset(
    out: Path,
    count: int,
    size: int = 256,
    seed: int = 0,
    start: int = 0,
    artist: bool = False,
    palette_id: str = "landscape",
    progress: bool = True,
) -> dict:
    if count < 1:
        raise ValueError(f"--count must be at least 1, got {count}")
    if not 32 <= size <= 8192:
        raise ValueError(f"--size must be 32..8192, got {size}")
    palette = load_palette(palette_id)
    renderer = LandscapeRenderer(palette)
    out.mkdir(parents=True, exist_ok=True)
    for d in SUBDIRS + (ARTIST_SUBDIRS if artist else ()):
        (out / d).mkdir(exist_ok=True)
    things = palette.thing_indices
    t0 = time.perf_counter()
    for i in tqdm(range(start, start + count), desc="rendering", unit="sample", disable=not progress):
        s = renderer.render(seed, size, size, i)
        name = sample_name(i)
        save_rgb(out / "images" / name, s.image)
        save_index(out / "labels" / name, s.labels)
        save_rgb(out / "labels_color" / name, palette.colorize(s.labels))
        save_instances(out / "instances" / name, s.instances)
        if artist:
            lab, inst = artist_map(s.labels, s.instances, things, np.random.default_rng([seed, i, 1]))
            save_index(out / "labels_artist" / name, lab)
            save_instances(out / "instances_artist" / name, inst)
    manifest = {
        "palette": palette.id,
        "size": size,
        "seed": seed,
        "start": start,
        "count": count,
        "artist": artist,
        "renderer": RENDERER_VERSION,
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (out / "dataset.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def benchmark(count: int = 40, size: int = 256, seed: int = 0) -> dict:
    """Samples per second for rendering alone and for rendering plus the artist-map augmentation."""
    import torch

    torch.set_num_threads(1)
    renderer = LandscapeRenderer()
    things = renderer.palette.thing_indices
    renderer.render(seed, size, size, 10_000)  # warm caches
    t0 = time.perf_counter()
    samples = [renderer.render(seed, size, size, i) for i in range(count)]
    t1 = time.perf_counter()
    for i, s in enumerate(samples):
        artist_map(s.labels, s.instances, things, np.random.default_rng(i))
    t2 = time.perf_counter()
    return {
        "size": size,
        "samples": count,
        "render_per_s": count / (t1 - t0),
        "artist_map_per_s": count / (t2 - t1),
        "render_plus_artist_per_s": count / (t2 - t0),
    }
