"""PyTorch eager timing of a pack's generator architecture, for the Java benchmark's ratio."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import torch

from .networks import SPADEGenerator


def torch_latency(pack: Path, sizes: list[int], runs: int, threads: int) -> dict[str, float]:
    manifest = json.loads((pack / "pack.json").read_text())
    if "network" not in manifest:
        raise ValueError(f"{pack}/pack.json has no 'network' block: cannot rebuild the generator")
    torch.set_num_threads(threads)
    if manifest["network"].get("type", "").endswith("-released"):
        from .convert import from_config
        gen = from_config(manifest["network"])  # timing only: fresh weights of the same shapes
    elif manifest["network"].get("type") == "scgan":
        from .networks import SCGANGenerator
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
    return out
