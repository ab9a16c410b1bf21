"""`attach-class`: a trained class generator (CollageGAN) exported into a pack."""

from __future__ import annotations

import json
from pathlib import Path
from scenebrush_training.train.collage import ClassTrainer


MODES = ("base", "class")


def attach_class_generator(pack: Path, trainer: ClassTrainer, fp16: bool = False, default_mode: str = "base") -> Path:
    """Adds (or replaces) the class's generator in a pack's classGenerators. default_mode: the mode
    new objects of the class start in, "class" where the generator was measured better than the
    base generator's drawing of the class (docs/contracts.md)."""
    if default_mode not in MODES:
        raise ValueError(f"default mode must be one of {', '.join(MODES)}, got {default_mode!r}")
    from scenebrush_training.export.graphs import to_fp16 as to_fp16

    manifest_path = pack / "pack.json"
    manifest = json.loads(manifest_path.read_text())
    entry = trainer.export(pack / f"class-{trainer.cfg.class_name}.onnx")
    if fp16:
        to_fp16(pack / entry["file"])
        entry["fp16"] = True
    if default_mode != "base":
        entry["defaultMode"] = default_mode
    gens = [g for g in manifest.get("classGenerators", []) if g.get("class") != entry["class"]]
    manifest["classGenerators"] = gens + [entry]
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest_path
