"""Class-specific generators (CollageGAN): instance crops, context removal, every class config
trains a few steps, resumes, exports and attaches to a pack."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import pytest

from scenebrush_training.__main__ import main
from scenebrush_training.train.collage import ClassConfig, ClassTrainer, crop_box, instance_crops, remove_instance
from scenebrush_training.export.collage import attach_class_generator
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.data.palette import load_palette

CLASS_CONFIGS = sorted((Path(__file__).parents[1] / "configs").glob("class_*.json"))
PAL = load_palette("landscape")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("collage")
    write_dataset(root, 10, 128, seed=11, progress=False)
    return root


def test_crop_is_twice_the_instance_and_inside_the_image():
    ys, xs = np.array([10, 19]), np.array([30, 39])  # a 10x10 instance
    y0, x0, side = crop_box(ys, xs, 128, 128)
    assert side == 20 and (y0, x0) == (5, 25)
    y0, x0, side = crop_box(np.array([0, 9]), np.array([120, 127]), 128, 128)  # at a corner
    assert y0 == 0 and x0 + side <= 128


def test_context_removes_the_instance():
    img = np.full((32, 32, 3), 200, np.uint8)
    img[8:24, 8:24] = (30, 120, 30)
    mask = np.zeros((32, 32), bool)
    mask[8:24, 8:24] = True
    masked = remove_instance(img, mask, "mask")
    assert (masked[mask] == 0).all() and (masked[~mask] == 200).all()
    blurred = remove_instance(img, mask, "blur")
    assert (blurred[~mask] == 200).all()
    centre = blurred[16, 16].astype(int)
    assert np.abs(centre - [30, 120, 30]).sum() > 30  # the object's own pixels are gone ...
    assert centre[1] > centre[0]  # ... but its green tone stays


@pytest.mark.parametrize("config", CLASS_CONFIGS, ids=lambda p: p.stem)
def test_every_class_config_trains_resumes_exports_and_attaches(config, data, tmp_path):
    cfg = ClassConfig.load(config, steps=2, batch=2, threads=1, checkpoint_every=1, log_every=1, holdout=0, min_area=8)
    t = ClassTrainer(cfg, tmp_path / "run")
    crops = instance_crops(data, t.cls, cfg.size, cfg.context, cfg.min_area, 50)
    assert crops[0].shape[1:] == (cfg.size, cfg.size, 3) and crops[2].any()
    t.fit(crops, until=1)
    resumed = ClassTrainer(cfg, tmp_path / "run")
    assert resumed.step == 1
    resumed.fit(crops)
    assert resumed.step == 2
    assert main(["export-untrained", "--out", str(tmp_path / "pack"), "--ngf", "4", "--num-up", "4"]) == 0
    attach_class_generator(tmp_path / "pack", resumed)
    m = json.loads((tmp_path / "pack" / "pack.json").read_text())
    entry = m["classGenerators"][0]
    assert entry["class"] == cfg.class_name and entry["context"] == cfg.context
    model = onnx.load(str(tmp_path / "pack" / entry["file"]))
    onnx.checker.check_model(model)
    assert [i.name for i in model.graph.input] == ["context", "label", "mask", "z"]
    full = (tmp_path / "pack" / entry["file"]).stat().st_size
    attach_class_generator(tmp_path / "pack", resumed, fp16=True)
    entry = json.loads((tmp_path / "pack" / "pack.json").read_text())["classGenerators"][0]
    assert entry["fp16"] and len(m["classGenerators"]) == 1
    assert (tmp_path / "pack" / entry["file"]).stat().st_size < 0.6 * full


def test_stuff_classes_and_bad_configs_are_refused(tmp_path):
    with pytest.raises(ValueError, match="thing classes"):
        ClassTrainer(ClassConfig(class_name="sky", threads=1), tmp_path / "r")
    bad = tmp_path / "c.json"
    bad.write_text(json.dumps({"class_name": "tree", "context": "smudge"}))
    with pytest.raises(ValueError, match="context must be one of"):
        ClassConfig.load(bad)


def test_evaluate_class_scores_base_and_class_pass(data, tmp_path):
    from scenebrush_training.evaluate.collage import evaluate_class
    from scenebrush_training.train.gan import LandscapeData, Trainer, TrainConfig

    base_cfg = TrainConfig.load(
        Path(__file__).parents[1] / "configs" / "smoke.json",
        steps=1,
        size=64,
        batch=2,
        max_samples=6,
        holdout=0,
        threads=1,
    )
    bt = Trainer(base_cfg, tmp_path / "base")
    bt.fit(LandscapeData(data, 64, 0, 6))
    cfg = ClassConfig.load(CLASS_CONFIGS[-1], steps=1, batch=2, threads=1, holdout=0, min_area=8, size=32)
    ct = ClassTrainer(cfg, tmp_path / "cls")
    ct.fit(instance_crops(data, ct.cls, cfg.size, cfg.context, cfg.min_area, 20))
    r = evaluate_class(tmp_path / "base", tmp_path / "cls", data, max_maps=10, threads=1)
    assert r["class"] == "tree" and r["instances"] >= 2
    assert np.isfinite(r["fd_base"]) and np.isfinite(r["fd_class"]) and r["fd_base"] >= 0
