"""ONNX export and pack manifests (docs/design.md §5)."""

from __future__ import annotations

import json
from pathlib import Path

import torch

from scenebrush_training.nets.spade import SPADEGenerator
from scenebrush_training.nets.encoder import StyleEncoder

OPSET = 13


def strip_spectral_norm(module: torch.nn.Module) -> torch.nn.Module:
    """Folds spectral norm into plain weights (in place), for export: the same function in eval
    mode, but the ONNX file holds one weight per layer instead of weight_orig, u, v and the
    folded copy (about half the size)."""
    from torch.nn.utils import remove_spectral_norm

    for m in module.modules():
        if hasattr(m, "weight_orig"):
            remove_spectral_norm(m)
    return module


def export_image_model(module, args: tuple, path: Path, inputs: tuple[str, ...]) -> None:
    """ONNX of a network that draws an `image`: batch, height and width stay dynamic on every input."""
    dyn = {n: {0: "N", 2: "H", 3: "W"} for n in (*inputs, "image")}
    torch.onnx.export(
        module,
        args,
        str(path),
        input_names=list(inputs),
        output_names=["image"],
        dynamic_axes=dyn,
        opset_version=OPSET,
        do_constant_folding=True,
    )


def export_generator(gen: SPADEGenerator, path: Path, size: int = 256, fp16: bool = False) -> None:
    gen = gen.eval()
    c = gen.num_classes + 1
    args = (torch.zeros(1, c, size, size), torch.zeros(1, 1, size, size), torch.zeros(1, gen.z_dim, size, size))
    args[0][:, -1] = 1
    export_image_model(gen, args, path, ("label", "instance_edge", "z"))
    if fp16:
        to_fp16(path)


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


@torch.no_grad()
def finish_reach(gen: SPADEGenerator, head_blocks: int, size: int = 128) -> int:
    """Farthest output pixel (Chebyshev distance, output pixels) that changes when one input
    pixel of the finishing part changes (features, labels, edges or z), probed at each phase of
    its feature grid; a tile of the finishing part needs this much margin."""
    gen = gen.eval()
    scale = 2**head_blocks
    c = gen.num_classes + 1
    g = torch.Generator().manual_seed(0)
    lab = torch.zeros(1, c, size, size)
    lab[:, 0] = 1
    edge = torch.zeros(1, 1, size, size)
    z = torch.randn(1, gen.z_dim, 1, 1, generator=g).expand(-1, -1, size, size).clone()
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


def export_retrieval_generator(gen, path: Path, size: int = 256) -> None:
    """The retrieval generator: label, instance_edge, guidance -> image (docs/design.md §5).

    Spectral norm is folded into the weights first (as for the generator): else the graph keeps
    weight_orig and recomputes sigma on every run, and the file holds the weights twice."""
    gen = strip_spectral_norm(gen.eval())
    c = gen.num_classes + 1
    args = (torch.zeros(1, c, size, size), torch.zeros(1, 1, size, size), torch.zeros(1, 3, size, size))
    args[0][:, -1] = 1
    export_image_model(gen, args, path, ("label", "instance_edge", "guidance"))


def export_encoder(enc: StyleEncoder, path: Path, size: int = 256) -> None:
    enc = strip_spectral_norm(enc.eval())
    torch.onnx.export(
        enc,
        (torch.zeros(1, 3, size, size),),
        str(path),
        input_names=["image"],
        output_names=["mu", "logvar"],
        dynamic_axes={"image": {0: "N", 2: "H", 3: "W"}, "mu": {0: "N"}, "logvar": {0: "N"}},
        opset_version=OPSET,
        do_constant_folding=True,
    )


def to_fp16(path: Path) -> None:
    """Store weights as float16 while keeping float32 inputs and outputs."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    # Weights are stored in fp16 and cast back to fp32 at load: halves the pack, same graph.
    new_inits, casts = [], []
    for init in model.graph.initializer:
        arr = numpy_helper.to_array(init)
        if arr.dtype.name == "float32" and arr.size > 16:
            half = numpy_helper.from_array(arr.astype("float16"), init.name + "_fp16")
            new_inits.append(half)
            casts.append(onnx.helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT))
        else:
            new_inits.append(init)
    del model.graph.initializer[:]
    model.graph.initializer.extend(new_inits)
    nodes = list(model.graph.node)
    del model.graph.node[:]
    model.graph.node.extend(casts + nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


HALF_PARTS = ("generator", "encoder", "trunk", "finish", "retrieval")


def store_half(pack: Path, parts: list[str]) -> Path:
    """Stores the weights of the named parts of a pack in float16 (inputs and outputs stay
    float32) and marks them "fp16" in pack.json: about half the size each. The generator's own
    reference check (1e-3) still applies; the app treats the files as any other."""
    manifest_path = pack / "pack.json"
    manifest = json.loads(manifest_path.read_text())
    blocks = {
        "generator": manifest.get("generator"),
        "encoder": manifest.get("encoder"),
        "trunk": manifest.get("tiling", {}).get("trunk"),
        "finish": manifest.get("tiling", {}).get("finish"),
        "retrieval": manifest.get("retrieval"),
    }
    for part in parts:
        if part not in blocks:
            raise ValueError(f"unknown part {part!r}; valid: {', '.join(HALF_PARTS)}")
        block = blocks[part]
        if block is None:
            raise ValueError(f"{pack}: the pack has no {part}")
        if block.get("fp16"):
            continue
        to_fp16(pack / (block["generator"] if part == "retrieval" else block["file"]))
        block["fp16"] = True
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest_path


def write_pack(
    folder: Path,
    pack_id: str,
    name: str,
    palette: str,
    gen: SPADEGenerator,
    enc: StyleEncoder | None,
    resolution: int = 256,
    training: dict | None = None,
    fp16: bool = False,
    measure_reach: bool = True,
) -> Path:
    """generator.onnx, the split generator, encoder.onnx, reference.json and pack.json. Without
    measure_reach the manifest has no `receptiveField` (probing it takes minutes for a large
    network on a CPU) and the app pads tiled exports with its default halo (docs/contracts.md)."""
    folder.mkdir(parents=True, exist_ok=True)
    strip_spectral_norm(gen.eval())
    export_generator(gen, folder / "generator.onnx", resolution, fp16)
    manifest = {
        "id": pack_id,
        "name": name,
        "palette": palette,
        "resolution": [resolution, resolution],
        "multipleOf": gen.multiple_of,
        "zDim": gen.z_dim,
        "generator": {"file": "generator.onnx"},
        "network": gen.config(),
    }
    if measure_reach:
        manifest["receptiveField"] = receptive_field(gen)
    if hasattr(gen, "trunk") and gen.num_up > 2:
        manifest["tiling"] = export_tiling(gen, folder, resolution)
    if enc is not None:
        export_encoder(enc, folder / "encoder.onnx", resolution)
        manifest["encoder"] = {"file": "encoder.onnx"}
    manifest["training"] = training or {"dataset": "none", "steps": 0, "metrics": {}}
    write_reference(gen, folder / "reference.json", palette)
    (folder / "pack.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return folder / "pack.json"


def _banded_scene(palette, h: int, w: int):
    """Horizontal bands of the palette's first classes, and two objects of its first thing class."""
    import numpy as np

    stuff = [i for i, c in enumerate(palette.classes) if c.kind == "stuff"][:4] or [0]
    labels = np.zeros((h, w), np.uint8)
    for k, cls in enumerate(stuff):
        labels[k * h // len(stuff) :] = cls
    instances = np.zeros((h, w), np.uint16)
    if palette.thing_indices:
        thing = palette.thing_indices[0]
        for k, x in enumerate((w // 3, 2 * w // 3), start=1):
            labels[h // 2 : h // 2 + h // 5, x : x + w // 8] = thing
            instances[h // 2 : h // 2 + h // 5, x : x + w // 8] = k
    return labels, instances


@torch.no_grad()
def write_reference(gen, path: Path, palette_id: str, size: int = 64) -> None:
    """A small scene, its z and the PyTorch output: lets any runtime check it runs the same model.

    The label map is a rendered landscape (for other palettes: bands of classes with two objects)
    with an unpainted (UNKNOWN) corner; instance edges are derived exactly as the app derives them.
    """
    import numpy as np

    from scenebrush_training.data.palette import load_palette
    from scenebrush_training.data.scene import LandscapeRenderer
    from scenebrush_training.tensors import instance_edges, one_hot

    palette = load_palette(palette_id)
    h, w = size, size + gen.multiple_of
    if palette.id == "landscape":
        sample = LandscapeRenderer(palette).render(0, h, w, 3)
        labels, instances = sample.labels.copy(), sample.instances
    else:
        labels, instances = _banded_scene(palette, h, w)
    labels[: h // 4, : w // 4] = 255
    z = np.random.default_rng(0).standard_normal(gen.z_dim).astype(np.float32)
    lab = torch.from_numpy(labels.astype(np.int64))[None]
    inst = torch.from_numpy(instances.astype(np.int64))[None]
    zt = torch.from_numpy(z)[None, :, None, None].expand(-1, -1, h, w)
    out = gen.eval()(one_hot(lab, len(palette)), instance_edges(inst), zt)[0].numpy()
    path.write_text(
        json.dumps(
            {
                "width": w,
                "height": h,
                "labels": labels.ravel().tolist(),
                "instances": instances.ravel().tolist(),
                "z": z.tolist(),
                "image": np.round(out.ravel().astype(np.float64), 6).tolist(),
            }
        )
    )


@torch.no_grad()
def receptive_field(gen, size: int = 768) -> int:
    """Farthest output pixel (Chebyshev distance) that changes when a few input pixels change.

    Probed at several phases of the coarsest grid, since pooling and strided sampling make the
    reach depend on where in a cell the change falls. The app sizes its export tiles' halo on it.
    """
    gen = gen.eval()
    c = gen.num_classes + 1
    g = torch.Generator().manual_seed(0)
    lab = torch.zeros(1, c, size, size)
    lab[:, 0] = 1
    edge = torch.zeros(1, 1, size, size)
    z = torch.randn(1, gen.z_dim, 1, 1, generator=g).expand(-1, -1, size, size).clone()
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
def write_retrieval_reference(gen, path: Path, palette_id: str, library_path: Path, size: int = 64) -> None:
    """A scene, its composed guidance and the PyTorch output of the retrieval generator, so any
    runtime (and its own guidance composition) can be checked against PyTorch."""
    import numpy as np

    from scenebrush_training.retrieval.guidance import Library, retrieved_guidance
    from scenebrush_training.data.palette import load_palette
    from scenebrush_training.data.scene import LandscapeRenderer
    from scenebrush_training.tensors import instance_edges, one_hot

    palette = load_palette(palette_id)
    h, w = size, size + gen.multiple_of
    sample = LandscapeRenderer(palette).render(0, h, w, 3)
    guide, have = retrieved_guidance(
        sample.image, sample.labels, sample.instances.astype(np.int64), palette, Library(library_path), -1
    )
    g = torch.from_numpy(guide).permute(2, 0, 1)[None].float()
    g = (g / 127.5 - 1) * torch.from_numpy(have)[None, None].float()
    lab = torch.from_numpy(sample.labels.astype(np.int64))[None]
    inst = torch.from_numpy(sample.instances.astype(np.int64))[None]
    out = gen.eval()(one_hot(lab, len(palette)), instance_edges(inst), g)[0].numpy()
    path.write_text(
        json.dumps(
            {
                "width": w,
                "height": h,
                "labels": sample.labels.ravel().tolist(),
                "instances": sample.instances.ravel().tolist(),
                "guidance": np.round(g[0].numpy().ravel().astype(np.float64), 6).tolist(),
                "image": np.round(out.ravel().astype(np.float64), 6).tolist(),
            }
        )
    )


def attach_retrieval(pack: Path, gen, library: Path, training: dict | None = None, fp16: bool = False) -> Path:
    """Adds a retrieval generator and its segment library to a pack (pack.json "retrieval")."""
    import shutil

    manifest_path = pack / "pack.json"
    manifest = json.loads(manifest_path.read_text())
    export_retrieval_generator(gen, pack / "retrieval.onnx", 64)
    if library.resolve() != (pack / "segments.bin").resolve():
        shutil.copyfile(library, pack / "segments.bin")
    write_retrieval_reference(gen, pack / "retrieval-reference.json", manifest["palette"], pack / "segments.bin")
    manifest["retrieval"] = {
        "generator": "retrieval.onnx",
        "library": "segments.bin",
        "network": gen.config(),
        "training": training or {"steps": 0},
    }
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return store_half(pack, ["retrieval"]) if fp16 else manifest_path


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
