"""The split generator for tiled exports (trunk and finish) and how far a change of input reaches
(docs/contracts.md, "receptiveField" and "tiling")."""

from __future__ import annotations

import json
from pathlib import Path

import torch

from scenebrush_training.export.graphs import OPSET, strip_spectral_norm
from scenebrush_training.nets.spade import SPADEGenerator


class _Trunk(torch.nn.Module):
    def __init__(self, gen: SPADEGenerator, head_blocks: int):
        super().__init__()
        self.gen, self.head_blocks = gen, head_blocks

    def forward(self, label, instance_edge, z):
        return self.gen.trunk(label, instance_edge, z, self.head_blocks, z_pooled=True)


class _Finish(torch.nn.Module):
    def __init__(self, gen: SPADEGenerator, head_blocks: int):
        super().__init__()
        self.gen, self.head_blocks = gen, head_blocks

    def forward(self, features, label, instance_edge, z):
        return self.gen.finish(features, label, instance_edge, z, self.head_blocks)


def export_tiling(gen: SPADEGenerator, folder: Path, size: int = 256, head_blocks: int = 2) -> dict:
    """The generator split in two for memory-bounded exports (docs/contracts.md, "tiling"):
    generator_trunk.onnx (label, instance_edge, z pooled to 1/scale -> features at 1/scale) and
    generator_finish.onnx (features, label, instance_edge, z -> image). Returns the pack.json block."""
    gen = gen.eval()
    if not 1 <= head_blocks < gen.num_up:
        raise ValueError(f"head_blocks must be between 1 and {gen.num_up - 1}, got {head_blocks}")
    scale = 2**head_blocks
    c = gen.num_classes + 1
    args = (torch.zeros(1, c, size, size), torch.zeros(1, 1, size, size), torch.zeros(1, gen.z_dim, size, size))
    args[0][:, -1] = 1
    # Wrappers in eval mode: the exporter restores a module's mode afterwards, and a wrapper left
    # in training mode would put gen back into it (BatchNorm statistics would then move).
    trunk = _Trunk(gen, head_blocks).eval()
    dyn = {n: {0: "N", 2: "H", 3: "W"} for n in ("label", "instance_edge", "z", "features", "image")}
    pooled = args[:2] + (torch.nn.functional.avg_pool2d(args[2], scale),)
    # Features and the trunk's z are at 1/scale: their axes get their own names, or ONNX Runtime
    # takes them for the full-size axes and reuses buffers of the wrong size.
    small = {0: "N", 2: "h", 3: "w"}
    dyn = dict(dyn, features=small)
    dyn_trunk = dict(dyn, z=small)
    torch.onnx.export(
        trunk,
        pooled,
        str(folder / "generator_trunk.onnx"),
        input_names=["label", "instance_edge", "z"],
        output_names=["features"],
        dynamic_axes=dyn_trunk,
        opset_version=OPSET,
        do_constant_folding=True,
    )
    with torch.no_grad():
        feats = trunk(*pooled)
    torch.onnx.export(
        _Finish(gen, head_blocks).eval(),
        (feats,) + args,
        str(folder / "generator_finish.onnx"),
        input_names=["features", "label", "instance_edge", "z"],
        output_names=["image"],
        dynamic_axes=dyn,
        opset_version=OPSET,
        do_constant_folding=True,
    )
    return {
        "trunk": {"file": "generator_trunk.onnx"},
        "finish": {"file": "generator_finish.onnx"},
        "scale": scale,
        "featureChannels": int(feats.shape[1]),
        "finishReach": finish_reach(gen, head_blocks),
    }


def _probe_scene(gen, size: int):
    """The scene a reach is probed on: one class everywhere, no edges, one fixed z."""
    g = torch.Generator().manual_seed(0)
    lab = torch.zeros(1, gen.num_classes + 1, size, size)
    lab[:, 0] = 1
    edge = torch.zeros(1, 1, size, size)
    z = torch.randn(1, gen.z_dim, 1, 1, generator=g).expand(-1, -1, size, size).clone()
    return lab, edge, z


@torch.no_grad()
def finish_reach(gen: SPADEGenerator, head_blocks: int, size: int = 128) -> int:
    """Farthest output pixel (Chebyshev distance, output pixels) that changes when one input
    pixel of the finishing part changes (features, labels, edges or z), probed at each phase of
    its feature grid; a tile of the finishing part needs this much margin."""
    gen = gen.eval()
    scale = 2**head_blocks
    c = gen.num_classes + 1
    lab, edge, z = _probe_scene(gen, size)
    feats = gen.trunk(lab, edge, z, head_blocks)
    base = gen.finish(feats, lab, edge, z, head_blocks)
    m = size // 2
    reach = 0
    for phase in range(scale):
        p = m + phase
        lab2, z2, e2, f2 = lab.clone(), z.clone(), edge.clone(), feats.clone()
        lab2[:, :, p, p] = 0
        lab2[:, min(5, c - 2), p, p] = 1
        z2[:, :, p, p] += 3.0
        e2[:, :, p, p] = 1
        f2[:, :, p // scale, p // scale] += 3.0
        d = (gen.finish(f2, lab2, e2, z2, head_blocks) - base).abs().amax(1)[0] > 0
        ys, xs = torch.nonzero(d, as_tuple=True)
        if len(ys):
            reach = max(reach, int((ys - p).abs().max()), int((xs - p).abs().max()))
    return reach


@torch.no_grad()
def receptive_field(gen, size: int = 768) -> int:
    """Farthest output pixel (Chebyshev distance) that changes when a few input pixels change.

    Probed at several phases of the coarsest grid, since pooling and strided sampling make the
    reach depend on where in a cell the change falls. The app sizes its export tiles' halo on it.
    """
    gen = gen.eval()
    c = gen.num_classes + 1
    lab, edge, z = _probe_scene(gen, size)
    base = gen(lab, edge, z)
    reach = 0
    m = size // 2
    for phase in range(0, gen.multiple_of, max(1, gen.multiple_of // 4)):
        p = m + phase
        lab2, z2, e2 = lab.clone(), z.clone(), edge.clone()
        lab2[:, :, p, p] = 0
        lab2[:, min(5, c - 2), p, p] = 1
        z2[:, :, p, p] += 3.0
        e2[:, :, p, p] = 1
        d = (gen(lab2, e2, z2) - base).abs().amax(1)[0] > 0
        ys, xs = torch.nonzero(d, as_tuple=True)
        if len(ys):
            reach = max(reach, int((ys - p).abs().max()), int((xs - p).abs().max()))
    return reach


@torch.no_grad()
def attach_tiling(pack: Path, gen: SPADEGenerator, head_blocks: int = 2, tolerance: float = 1e-4) -> Path:
    """Adds the split generator to an existing pack, after checking that gen is the pack's
    generator: it must reproduce the pack's reference.json output."""
    import numpy as np

    from scenebrush_training.data.palette import load_palette
    from scenebrush_training.tensors import instance_edges, one_hot

    manifest = json.loads((pack / "pack.json").read_text())
    if manifest.get("network", {}).get("type") not in ("spade", "scgan"):
        raise ValueError(
            f"{pack}: only SPADE and SC-GAN packs can be split for tiling, this one is "
            f"{manifest.get('network', {}).get('type')!r}"
        )
    ref = json.loads((pack / "reference.json").read_text())
    h, w = ref["height"], ref["width"]
    nc = len(load_palette(manifest["palette"]))
    lab = torch.tensor(ref["labels"], dtype=torch.int64).view(1, h, w)
    inst = torch.tensor(ref["instances"], dtype=torch.int64).view(1, h, w)
    z = torch.tensor(ref["z"])[None, :, None, None].expand(-1, -1, h, w)
    out = gen.eval()(one_hot(lab, nc), instance_edges(inst), z)[0].numpy().ravel()
    diff = float(np.abs(out - np.asarray(ref["image"], dtype=np.float32)).max())
    if diff > tolerance:
        raise ValueError(
            f"this generator is not the pack's: it differs from {pack / 'reference.json'} "
            f"by up to {diff:.3g} (tolerance {tolerance})"
        )
    resolution = manifest.get("resolution", [256])[0]
    manifest["tiling"] = export_tiling(strip_spectral_norm(gen), pack, resolution, head_blocks)
    (pack / "pack.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return pack / "pack.json"
