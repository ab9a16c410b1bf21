"""PyTorch eager timing of a pack's generator architecture, for the Java benchmark's ratio."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import torch

from scenebrush_training.nets.spade import SPADEGenerator


def torch_latency(pack: Path, sizes: list[int], runs: int, threads: int) -> dict[str, float]:
    manifest = json.loads((pack / "pack.json").read_text())
    if "network" not in manifest:
        raise ValueError(f"{pack}/pack.json has no 'network' block: cannot rebuild the generator")
    torch.set_num_threads(threads)
    if manifest["network"].get("type", "").endswith("-released"):
        from scenebrush_training.export.convert import from_config

        gen = from_config(manifest["network"])  # timing only: fresh weights of the same shapes
    elif manifest["network"].get("type") == "scgan":
        from scenebrush_training.nets.scgan import SCGANGenerator

        gen = SCGANGenerator.from_config(manifest["network"]).eval()
    else:
        gen = SPADEGenerator.from_config(manifest["network"]).eval()
    # Spectral norm is folded into the weights at export; fold it here too for a like-for-like run.
    for m in gen.modules():
        if hasattr(m, "weight_orig"):
            torch.nn.utils.remove_spectral_norm(m)
    out = {}
    c = gen.num_classes + 1
    with torch.no_grad():
        for s in sizes:
            label = torch.zeros(1, c, s, s)
            label[:, 0] = 1
            args = (label, torch.zeros(1, 1, s, s), torch.randn(1, gen.z_dim, s, s))
            gen(*args)
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                gen(*args)
                times.append((time.perf_counter() - t0) * 1000)
            out[str(s)] = statistics.median(times)
    if manifest.get("refiners"):
        out["ladder"] = ladder_latency(manifest, gen, sizes, runs)
    return out


def _median_ms(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


@torch.no_grad()
def ladder_latency(manifest: dict, gen, sizes: list[int], runs: int) -> dict:
    """Per size: eager milliseconds of the base at the ladder's base size, then of each rung's
    stage at its size (the app's plan: halve the output until near the pack's resolution)."""
    import math

    from scenebrush_training.nets.refiner import RefinerStage, upsample_picture

    stage = RefinerStage.from_config(manifest["training"]["refiners"]["network"]).eval()
    base_side = max(manifest["resolution"])
    c = gen.num_classes + 1
    out = {}
    for s in sizes:
        k = max(0, round(math.log2(s / base_side)))
        b = max(1, round(s / 2**k))
        m = manifest.get("multipleOf", 32)
        bw = max(m, round(b / m) * m)
        label = torch.zeros(1, c, bw, bw)
        label[:, 0] = 1
        times = [_median_ms(lambda: gen(label, torch.zeros(1, 1, bw, bw), torch.randn(1, gen.z_dim, bw, bw)), runs)]
        for j in range(1, k + 1):
            r = round(s / 2 ** (k - j))
            lab = torch.zeros(1, c, r, r)
            lab[:, 0] = 1
            below = torch.rand(1, 3, r // 2, r // 2)
            times.append(
                _median_ms(
                    lambda: stage(upsample_picture(below, r, r), lab, torch.zeros(1, 1, r, r), torch.randn(1, 1, r, r)),
                    runs,
                )
            )
        out[str(s)] = times
    return out
