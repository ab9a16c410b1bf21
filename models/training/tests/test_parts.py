"""`export --parts-from`: a new base keeps the class generators, retrieval, ladder, tiles and looks."""

import json
from pathlib import Path

import pytest

from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.data.training_set import LandscapeData
from scenebrush_training.export.parts import copy_parts
from scenebrush_training.train.gan import Trainer
from scenebrush_training.train.options import TrainConfig

CONFIGS = Path(__file__).parents[1] / "configs"


def old_pack(folder: Path, palette="landscape", resolution=(64, 64)) -> Path:
    """A pack with every base-independent part, each file holding its own name."""
    folder.mkdir(parents=True)
    files = ["class-tree.onnx", "retrieval.onnx", "segments.bin", "retrieval-reference.json", "refiner.onnx"]
    files += ["refiner-reference.json", "materials.png", "looks/day-0.png", "generator.onnx"]
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(name.encode())
    manifest = {
        "id": "old",
        "palette": palette,
        "resolution": list(resolution),
        "generator": {"file": "generator.onnx"},
        "classGenerators": [{"class": "tree", "file": "class-tree.onnx", "context": "blur"}],
        "retrieval": {"generator": "retrieval.onnx", "library": "segments.bin"},
        "refiners": [{"scale": 128, "file": "refiner.onnx", "reference": "refiner-reference.json"}],
        "materials": {"atlas": "materials.png", "tile": 64, "classes": ["sky"]},
        "looks": [{"name": "Day", "images": ["looks/day-0.png"]}],
        "training": {"steps": 9, "refiners": {"steps": 5}},
    }
    (folder / "pack.json").write_text(json.dumps(manifest))
    return folder


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("parts")
    write_dataset(root / "data", 4, 64, seed=2, progress=False)
    cfg = TrainConfig.load(CONFIGS / "smoke_scgan.json", steps=1, max_samples=4, holdout=0)
    Trainer(cfg, root / "run").fit(LandscapeData(root / "data", 64, 0, 4))
    return root / "run"


def test_a_new_base_keeps_every_part_of_the_pack_it_replaces(run, tmp_path, capsys):
    source = old_pack(tmp_path / "old")
    out = tmp_path / "new"
    assert (
        main(
            [
                "export",
                "--run",
                str(run),
                "--out",
                str(out),
                "--id",
                "new",
                "--name",
                "New",
                "--parts-from",
                str(source),
                "--no-receptive-field",
            ]
        )
        == 0
    )
    assert "kept from" in capsys.readouterr().out
    new, old = json.loads((out / "pack.json").read_text()), json.loads((source / "pack.json").read_text())
    for key in ("classGenerators", "retrieval", "refiners", "materials", "looks"):
        assert new[key] == old[key]
    for name in [
        "class-tree.onnx",
        "segments.bin",
        "retrieval-reference.json",
        "refiner-reference.json",
        "looks/day-0.png",
    ]:
        assert (out / name).read_bytes() == name.encode()
    # The base itself is the new run's, not the old pack's.
    assert (out / "generator.onnx").read_bytes() != b"generator.onnx"
    assert new["id"] == "new" and new["training"]["steps"] == 1
    assert new["training"]["refiners"] == {"steps": 5, "from": "old"}
    # Not probed on request: the app pads tiled exports with its default halo instead.
    assert "receptiveField" not in new


def test_parts_that_do_not_fit_are_refused_with_the_reason(run, tmp_path):
    out = tmp_path / "new"
    Trainer.from_run(run).export(out, "new", "New", measure_reach=False)
    with pytest.raises(ValueError, match="palette 'ade20k'|palette ade20k"):
        copy_parts(out, old_pack(tmp_path / "ade", palette="ade20k"))
    with pytest.raises(ValueError, match="resolution"):
        copy_parts(out, old_pack(tmp_path / "big", resolution=(256, 256)))
    with pytest.raises(ValueError, match="no pack.json"):
        copy_parts(out, tmp_path)
    outside = old_pack(tmp_path / "outside")
    (tmp_path / "secret.bin").write_bytes(b"x")
    manifest = json.loads((outside / "pack.json").read_text())
    manifest["materials"]["atlas"] = "../secret.bin"
    (outside / "pack.json").write_text(json.dumps(manifest))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with pytest.raises(ValueError, match="not a file inside the pack"):
        copy_parts(out, outside)
    # Refused, nothing was written: not the blocks checked before the bad one, nor their files.
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
