"""Export of ladder refinement stages into a pack (docs/contracts.md, "refiners")."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

from scenebrush_training.export.graphs import export_image_model
from scenebrush_training.data.palette import load_palette
from scenebrush_training.train.refiner import RefinerConfig, RefinerTrainer
from scenebrush_training.nets.refiner import RefinerStage, upsample_picture
from scenebrush_training.tensors import instance_edges, one_hot

REFINER_FILE = "refiner.onnx"
REFERENCE_FILE = "refiner-reference.json"
INPUTS = ("picture", "label", "instance_edge", "noise")


def export_refiner(stage: RefinerStage, path: Path, size: int = 64) -> None:
    stage = stage.eval()
    c = stage.num_classes + 1
    args = (
        torch.zeros(1, 3, size, size),
        torch.zeros(1, c, size, size),
        torch.zeros(1, 1, size, size),
        torch.zeros(1, 1, size, size),
    )
    args[1][:, -1] = 1
    export_image_model(stage, args, path, INPUTS)


@torch.no_grad()
def measured_reach(stage: RefinerStage, size: int = 96) -> int:
    """Farthest output pixel (Chebyshev) that changes when one input pixel of any input changes."""
    stage = stage.eval()
    c = stage.num_classes + 1
    g = torch.Generator().manual_seed(0)
    pic = torch.rand(1, 3, size, size, generator=g) * 2 - 1
    lab = torch.zeros(1, c, size, size)
    lab[:, 0] = 1
    edge = torch.zeros(1, 1, size, size)
    noise = torch.randn(1, 1, size, size, generator=g)
    base = stage(pic, lab, edge, noise)
    m, reach = size // 2, 0
    for which in range(4):
        ins = [pic.clone(), lab.clone(), edge.clone(), noise.clone()]
        if which == 1:
            ins[1][:, :, m, m] = 0
            ins[1][:, 3, m, m] = 1
        else:
            ins[which][:, :, m, m] += 1.0
        d = (stage(*ins) - base).abs().amax(1)[0] > 1e-7
        ys, xs = torch.nonzero(d, as_tuple=True)
        if len(ys):
            reach = max(reach, int((ys - m).abs().max()), int((xs - m).abs().max()))
    return reach


@torch.no_grad()
def write_refiner_reference(stage: RefinerStage, path: Path, palette_id: str, size: int = 48) -> None:
    """A small scene, the picture below (a coarser render brought up bilinearly), its noise and
    the PyTorch output, so any runtime can check it runs the same stage."""
    from scenebrush_training.data.scene import LandscapeRenderer

    palette = load_palette(palette_id)
    h, w = size, size + 16
    sample = LandscapeRenderer(palette).render(0, h, w, 3)
    labels = sample.labels.copy()
    labels[: h // 4, : w // 4] = 255
    img = torch.from_numpy(sample.image).permute(2, 0, 1)[None].float() / 127.5 - 1
    picture = upsample_picture(torch.nn.functional.avg_pool2d(img, 2), h, w)
    noise = torch.from_numpy(np.random.default_rng(0).standard_normal((1, 1, h, w)).astype(np.float32))
    lab = one_hot(torch.from_numpy(labels.astype(np.int64))[None], len(palette))
    edge = instance_edges(torch.from_numpy(sample.instances.astype(np.int64))[None])
    out = stage.eval()(picture, lab, edge, noise)[0].numpy()
    r6 = lambda a: np.round(a.ravel().astype(np.float64), 6).tolist()  # noqa: E731
    path.write_text(
        json.dumps(
            {
                "width": w,
                "height": h,
                "labels": labels.ravel().tolist(),
                "instances": sample.instances.ravel().tolist(),
                "picture": r6(picture.numpy()),
                "noise": r6(noise.numpy()),
                "image": r6(out),
            }
        )
    )


def attach_refiners(pack: Path, run: Path | None, untrained: str | None, stages: int = 3, seed: int = 0) -> Path:
    """Exports one trained (or freshly initialised) stage, shared by every rung of the ladder,
    and lists the rungs in pack.json: scale = the output's long side at the pack's resolution."""
    manifest_path = Path(pack) / "pack.json"
    manifest = json.loads(manifest_path.read_text())
    if not 1 <= stages <= 6:
        raise ValueError(f"--stages must be 1..6, got {stages}")
    nc = len(load_palette(manifest["palette"]))
    if run is not None:
        trainer = RefinerTrainer.from_run(run)
        stage, steps, config = trainer.G_ema, trainer.step, trainer.cfg.__dict__
        started_from = trainer.started_from
    else:
        started_from = None
        cfg = RefinerConfig.load(Path(untrained))
        torch.manual_seed(seed)
        stage, steps, config = RefinerStage(nc, cfg.channels, cfg.blocks, cfg.family), 0, cfg.__dict__
        with torch.no_grad():  # a fresh tail is zero (identity); give fixtures a visible effect
            stage.tail.weight.normal_(0, 0.05)
    if stage.num_classes != nc:
        raise ValueError(
            f"the refiner was trained for {stage.num_classes} classes; "
            f"pack palette '{manifest['palette']}' has {nc}"
        )
    export_refiner(stage, Path(pack) / REFINER_FILE)
    write_refiner_reference(stage, Path(pack) / REFERENCE_FILE, manifest["palette"])
    reach = max(measured_reach(stage), stage.receptive_field)
    base = max(manifest["resolution"])
    manifest["refiners"] = [
        {
            "scale": base * 2 ** (i + 1),
            "file": REFINER_FILE,
            "reference": REFERENCE_FILE,
            "labelChannels": nc + 1,
            "receptiveField": reach,
        }
        for i in range(stages)
    ]
    manifest["training"]["refiners"] = {
        "steps": steps,
        "network": stage.config(),
        "config": {k: v for k, v in config.items() if k != "data"},
    }
    if started_from:
        manifest["training"]["refiners"]["startedFrom"] = started_from
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest_path


def copy_refiners(pack: Path, source: Path) -> Path:
    """Gives pack the ladder of source: its refiner files and `refiners` entries, unchanged. The
    refiners read only the picture, labels and object edges, so any base generator of the same
    palette can use them; a different palette or base resolution is refused (other label channels,
    other rung sizes)."""
    from scenebrush_training.export.parts import copy_parts

    if not copy_parts(pack, source, ("refiners",)):
        raise ValueError(f"{source} has no ladder (no 'refiners' in its pack.json)")
    return Path(pack) / "pack.json"
