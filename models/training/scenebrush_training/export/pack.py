"""ONNX export and pack manifests (docs/design.md §5)."""

from __future__ import annotations

import json
from pathlib import Path

import torch

from scenebrush_training.nets.spade import SPADEGenerator
from scenebrush_training.nets.encoder import StyleEncoder
from scenebrush_training.export.graphs import OPSET, export_image_model, strip_spectral_norm, to_fp16
from scenebrush_training.export.tiling import export_tiling, receptive_field


def export_generator(gen: SPADEGenerator, path: Path, size: int = 256, fp16: bool = False) -> None:
    gen = gen.eval()
    c = gen.num_classes + 1
    args = (torch.zeros(1, c, size, size), torch.zeros(1, 1, size, size), torch.zeros(1, gen.z_dim, size, size))
    args[0][:, -1] = 1
    export_image_model(gen, args, path, ("label", "instance_edge", "z"))
    if fp16:
        to_fp16(path)


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
