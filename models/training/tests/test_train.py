import json

import numpy as np
import onnx
import pytest
import torch

from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.nets.spade import SPADEGenerator
from scenebrush_training.data.training_set import LandscapeData, drop_labels
from scenebrush_training.train.gan import Trainer
from scenebrush_training.train.options import TrainConfig
from scenebrush_training.tensors import instance_edges, one_hot

# Base-generator configs; class_*.json (class generators) and refiner_*.json (ladder stages) have
# their own smoke tests (test_collage.py, test_ladder.py).
CONFIGS = [
    p
    for p in sorted((__import__("pathlib").Path(__file__).parents[1] / "configs").glob("*.json"))
    if not p.name.startswith(("class_", "refiner_"))
]


def _exported_network(config):
    """What export writes depends only on these fields (Trainer.new_generator, the style encoder)."""
    cfg = TrainConfig.load(config)
    return (
        cfg.generator,
        cfg.ngf,
        cfg.num_up,
        cfg.z_dim,
        cfg.sc_vectors,
        cfg.spade_hidden,
        cfg.sc_temperature,
        cfg.padding,
    )


# Configs that differ only in losses or schedule export the same network: the first of each group
# exports (ONNX, reference, receptive-field probe: most of a smoke test's time), the others train
# and resume only.
EXPORTS = {}
for _config in CONFIGS:
    EXPORTS.setdefault(_exported_network(_config), _config)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("train")
    write_dataset(root, 6, 64, seed=5, progress=False)
    return root


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.stem)
def test_every_config_trains_resumes_and_exports(config, data, tmp_path):
    # A few steps at a small size: the config's architecture and losses, not its budget.
    overrides = dict(steps=2, size=64, batch=2, max_samples=6, holdout=0, threads=1, checkpoint_every=1, log_every=1)
    cfg = TrainConfig.load(config, **overrides)
    run = tmp_path / "run"
    t = Trainer(cfg, run)
    t.fit(LandscapeData(data, 64, 0, 6), until=1)
    assert t.step == 1 and (run / "checkpoint.pt").is_file()
    resumed = Trainer(cfg, run)
    assert resumed.step == 1
    resumed.fit(LandscapeData(data, 64, 0, 6))
    assert resumed.step == 2
    assert all(np.isfinite(v) for h in resumed.history for k, v in h.items())
    if EXPORTS[_exported_network(config)] != config:
        return
    # The reach probe runs at 768² (up to minutes a network on a CPU, and meaningless for weights
    # two steps old): one config runs it through export, test_tiling checks what it promises.
    measure_reach = config.name == "smoke_unet.json"
    pack = resumed.export(tmp_path / "pack", "smoke", "Smoke", {"note": 1}, measure_reach=measure_reach)
    if cfg.generator == "resail":
        block = json.loads(pack.read_text())
        assert block["training"]["steps"] == 2 and block["network"]["type"] == "resail"
        model = onnx.load(str(tmp_path / "pack" / "retrieval.onnx"))
        onnx.checker.check_model(model)
        assert [i.name for i in model.graph.input] == ["label", "instance_edge", "guidance"]
        assert (tmp_path / "pack" / "segments.bin").stat().st_size > 0
        return
    manifest = json.loads(pack.read_text())
    assert manifest["training"]["steps"] == 2 and manifest["network"]["type"] == cfg.generator
    assert ("receptiveField" in manifest) == measure_reach
    model = onnx.load(str(tmp_path / "pack" / "generator.onnx"))
    onnx.checker.check_model(model)
    names = [i.name for i in model.graph.input]
    assert names[:3] == ["label", "instance_edge", "z"]
    assert (tmp_path / "pack" / "reference.json").is_file()


def test_unknown_config_keys_are_named(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "x", "learning_rate": 1}))
    with pytest.raises(ValueError, match="unknown config keys \\['learning_rate'\\]"):
        TrainConfig.load(bad)


def test_kl_reduction_is_checked_and_sum_pulls_harder(tmp_path):
    with pytest.raises(ValueError, match="kl_reduction must be 'mean' or 'sum', got 'max'"):
        TrainConfig.load(CONFIGS[0].parent / "smoke.json", kl_reduction="max")
    torch.manual_seed(0)
    x = torch.rand(2, 3, 64, 64) * 2 - 1
    kls = {}
    for reduction in ("mean", "sum"):
        cfg = TrainConfig.load(CONFIGS[0].parent / "smoke.json", kl_reduction=reduction)
        t = Trainer(cfg, tmp_path / reduction)
        t.E.load_state_dict(
            Trainer(TrainConfig.load(CONFIGS[0].parent / "smoke.json"), tmp_path / "ref").E.state_dict()
        )
        kls[reduction] = float(t.z_map(x, 2, 64, 64)[1])
    # The sum counts every z value of every sample: z_dim x batch times the mean.
    assert kls["sum"] == pytest.approx(kls["mean"] * cfg.z_dim * 2, rel=1e-4)


def test_label_dropping_makes_unknown_regions():
    rng = np.random.default_rng(0)
    labels = np.zeros((64, 64), np.uint8)
    whole = drop_labels(labels, rng, whole=1.0, regions=0.0)
    assert (whole == 255).all()
    part = drop_labels(labels, rng, whole=0.0, regions=1.0)
    assert 0 < (part == 255).mean() < 1
    same = drop_labels(labels, rng, whole=0.0, regions=0.0)
    assert (same == 0).all()


def test_one_hot_and_edges_follow_the_tensor_contract():
    lab = torch.tensor([[[0, 2], [255, 1]]])
    oh = one_hot(lab, 3)
    assert oh.shape == (1, 4, 2, 2)
    assert oh[0, 3, 1, 0] == 1 and oh.sum() == 4
    inst = torch.tensor([[[0, 1, 1, 2]]])
    assert instance_edges(inst).flatten().tolist() == [1, 1, 1, 1]


def test_generator_is_spatially_dynamic():
    g = SPADEGenerator(18, 8, 8, 4, spade_hidden=8).eval()
    for h, w in [(32, 48), (64, 16)]:
        out = g(torch.zeros(1, 19, h, w), torch.zeros(1, 1, h, w), torch.zeros(1, 8, h, w))
        assert out.shape == (1, 3, h, w) and out.abs().max() <= 1


def test_train_command_reports_missing_data(tmp_path, capsys):
    cfg = tmp_path / "c.json"
    cfg.write_text(json.dumps({"name": "x"}))
    assert main(["train", "--config", str(cfg), "--out", str(tmp_path / "r")]) == 2
    assert "no training data" in capsys.readouterr().err


def test_evaluate_run_scores_a_trained_generator(tmp_path):
    from scenebrush_training.evaluate.generator import evaluate_run

    held = tmp_path / "held"
    write_dataset(held, 6, 64, seed=11, artist=True, progress=False)
    cfg = TrainConfig.load(CONFIGS[0].parent / "smoke.json", max_samples=6)
    t = Trainer(cfg, tmp_path / "run")
    t.fit(LandscapeData(held, 64, 0, 6))
    r = evaluate_run(tmp_path / "run", held, z_count=2, diversity_maps=3, batch=4, threads=1)
    assert r["steps"] == cfg.steps and r["samples"] == 6
    for key in ("maps", "artist"):
        assert 0 <= r[key]["miou"] <= 1 and 0 <= r[key]["accuracy"] <= 1
        assert r[key]["frechet_distance"] > 0
    assert r["diversity"] >= 0 and r["parameters"] > 0
