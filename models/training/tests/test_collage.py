"""Class-specific generators (CollageGAN): instance crops, context removal, every class config
trains a few steps, resumes, exports and attaches to a pack."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch
from PIL import Image

from scenebrush_training.__main__ import main
from scenebrush_training.train.collage import ClassConfig, ClassTrainer, crop_box, instance_crops, remove_instance
from scenebrush_training.export.collage import attach_class_generator
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.data.palette import load_palette
from scenebrush_training.tensors import one_hot

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
    assert (
        main(
            ["export-untrained", "--out", str(tmp_path / "pack"), "--ngf", "4", "--num-up", "4", "--no-receptive-field"]
        )
        == 0
    )
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
    assert "defaultMode" not in entry  # new objects start in base mode unless the pack says so
    attach_class_generator(tmp_path / "pack", resumed, default_mode="class")
    entry = json.loads((tmp_path / "pack" / "pack.json").read_text())["classGenerators"][0]
    assert entry["defaultMode"] == "class"
    with pytest.raises(ValueError, match="one of base, class"):
        attach_class_generator(tmp_path / "pack", resumed, default_mode="retrieval")


def test_stuff_classes_and_bad_configs_are_refused(tmp_path):
    with pytest.raises(ValueError, match="thing classes"):
        ClassTrainer(ClassConfig(class_name="sky", threads=1), tmp_path / "r")
    bad = tmp_path / "c.json"
    bad.write_text(json.dumps({"class_name": "tree", "context": "smudge"}))
    with pytest.raises(ValueError, match="context must be one of"):
        ClassConfig.load(bad)


def test_evaluate_class_scores_base_and_class_pass(data, tmp_path):
    from scenebrush_training.evaluate.collage import evaluate_class
    from scenebrush_training.data.training_set import LandscapeData
    from scenebrush_training.train.gan import Trainer
    from scenebrush_training.train.options import TrainConfig

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


def test_the_appearance_encoder_trains_with_the_generator_and_resumes(data, tmp_path):
    cfg = ClassConfig.load(
        CLASS_CONFIGS[-1], steps=2, batch=2, threads=1, checkpoint_every=1, holdout=0, min_area=8, size=32
    )
    cfg.lambda_kl, cfg.lambda_latent, cfg.lambda_ms = 0.05, 1.0, 0.1
    t = ClassTrainer(cfg, tmp_path / "run")
    before = [p.detach().clone() for p in t.E.parameters()]
    crops = instance_crops(data, t.cls, cfg.size, cfg.context, cfg.min_area, 20)
    t.fit(crops, until=1)
    assert any(not torch.equal(a, b) for a, b in zip(before, t.E.parameters())), "the encoder did not learn"
    resumed = ClassTrainer(cfg, tmp_path / "run")
    assert resumed.step == 1
    for a, b in zip(t.E.state_dict().values(), resumed.E.state_dict().values()):
        assert torch.equal(a, b)
    losses = resumed.train_step(*_batch(crops, resumed))
    assert {"g_kl", "g_latent", "g_ms", "g_l1", "g_adv", "d_hinge"} <= set(losses)
    assert all(torch.isfinite(v) for v in losses.values())


def _batch(crops, t):
    ctx, labs, masks, reals = (a[:2] for a in crops)
    real = torch.from_numpy(reals).permute(0, 3, 1, 2).float() / 127.5 - 1
    context = torch.from_numpy(np.ascontiguousarray(ctx)).permute(0, 3, 1, 2).float() / 127.5 - 1
    label = one_hot(torch.from_numpy(labs.astype(np.int64)), t.nc)
    return real, context, label, torch.from_numpy(masks)[:, None].float()


def test_class_renders_are_scored_for_distance_luminance_and_look_change(data, tmp_path):
    from scenebrush_training.data.pngio import load_index, load_rgb
    from scenebrush_training.evaluate.collage import score_class_renders

    tree = PAL.index("tree")
    folders = {k: tmp_path / k for k in ("base", "look0", "look1")}
    for f in folders.values():
        f.mkdir()
    for p in sorted((data / "images").glob("*.png")):
        image, labels = load_rgb(p), load_index(data / "labels" / p.name)
        Image.fromarray(image).save(folders["base"] / p.name)
        dark = image.copy()
        dark[labels == tree] = 0  # a silhouette
        Image.fromarray(dark).save(folders["look0"] / p.name)
        dark[labels == tree] = 40  # the next look: 40 grey levels brighter
        Image.fromarray(dark).save(folders["look1"] / p.name)
    r = score_class_renders(data, folders["base"], [folders["look0"], folders["look1"]], ["tree"], min_area=8)
    s = r["classes"]["tree"]
    assert s["instances"] >= 2 and s["fd_base"] < 1e-6 < s["fd_class"]
    assert s["luma_class"] == 0 and s["luma_ratio"] == 0 and s["luma_base"] == s["luma_real"] > 20
    assert s["look_change"] == pytest.approx(40, abs=0.5)
    small = tmp_path / "small"
    small.mkdir()
    for p in folders["look1"].glob("*.png"):
        Image.open(p).resize((64, 64)).save(small / p.name)
    with pytest.raises(ValueError, match="renders must be 128x128"):
        score_class_renders(data, folders["base"], [small], ["tree"], min_area=8)
