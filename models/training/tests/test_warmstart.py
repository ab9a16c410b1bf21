import json
from pathlib import Path

import numpy as np
import pytest
import torch

from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.export.pack import store_half
from scenebrush_training.data.training_set import LandscapeData
from scenebrush_training.train.gan import Trainer
from scenebrush_training.train.options import TrainConfig
from scenebrush_training.train.warmstart import WarmStartError, warm_up
from scenebrush_training.tensors import instance_edges, one_hot

CONFIGS = Path(__file__).parents[1] / "configs"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("warm")
    write_dataset(root, 6, 64, seed=11, progress=False)
    return root


def smoke_config(**overrides) -> TrainConfig:
    return TrainConfig.load(CONFIGS / "smoke_scgan.json", steps=6, max_samples=6, holdout=0, **overrides)


@pytest.fixture(scope="module")
def source(data, tmp_path_factory):
    """A three-step SC-GAN run, its prior fitted, exported with float16 generator and encoder."""
    base = tmp_path_factory.mktemp("source")
    run = base / "run"
    trainer = Trainer(smoke_config(), run)
    trainer.fit(LandscapeData(data, 64, 0, 6), until=3)
    assert main(["fit-z-prior", "--run", str(run), "--data", str(data), "--threads", "1"]) == 0
    pack = base / "pack"
    trainer.export(pack, "source", "Source", measure_reach=False)
    store_half(pack, ["generator", "encoder"])
    return trainer, pack


def probe(n_classes: int, z_dim: int):
    g = torch.Generator().manual_seed(3)
    lab = torch.randint(0, n_classes, (1, 64, 64), generator=g)
    inst = torch.zeros(1, 64, 64, dtype=torch.long)
    inst[:, 20:40, 20:40] = 1
    z = torch.randn(1, z_dim, 1, 1, generator=g).expand(-1, -1, 64, 64)
    return one_hot(lab, n_classes), instance_edges(inst), z


@torch.no_grad()
def test_a_new_run_starts_with_the_packs_generator_and_encoder(source, tmp_path):
    trained, pack = source
    fresh = Trainer(smoke_config(), tmp_path / "fresh")
    warm = Trainer(smoke_config(), tmp_path / "warm", init_from=pack)
    label, edge, z = probe(trained.nc, trained.cfg.z_dim)
    want = trained.G_ema.eval()(label, edge, z)
    got = warm.G_ema.eval()(label, edge, z)
    untrained = fresh.G_ema.eval()(label, edge, z)
    # The same function up to float16 storage and spectral norm's exact singular value.
    assert (got - want).abs().mean() < 0.01
    assert (untrained - want).abs().mean() > 10 * (got - want).abs().mean()
    image = torch.rand(2, 3, 64, 64) * 2 - 1
    mu_want, _ = trained.E.eval()(image)
    mu_got, _ = warm.E.eval()(image)
    assert (mu_got - mu_want).abs().max() < 0.02
    assert warm.step == 3
    assert warm.warm_start["fresh"] == ["svg_rgb.weight", "svg_rgb.bias"]


def test_the_warm_start_is_kept_through_resume_and_export(source, data, tmp_path):
    _, pack = source
    run = tmp_path / "run"
    warm = Trainer(smoke_config(), run, init_from=pack)
    warm.fit(LandscapeData(data, 64, 0, 6), until=4)
    assert warm.step == 4
    resumed = Trainer(smoke_config(), run)
    assert resumed.step == 4 and resumed.warm_start["id"] == "source"
    # A checkpoint wins over the pack: the run goes on where it stopped.
    again = Trainer(smoke_config(), run, init_from=pack)
    assert again.step == 4
    manifest = json.loads(resumed.export(tmp_path / "out", "next", "Next", measure_reach=False).read_text())
    assert manifest["training"]["steps"] == 4
    assert manifest["training"]["startedFrom"] == {"id": "source", "steps": 3}


def test_a_pack_of_another_network_or_palette_is_refused(source, tmp_path):
    _, pack = source
    with pytest.raises(WarmStartError, match="ngf: pack 8, run 16"):
        Trainer(smoke_config(ngf=16), tmp_path / "a", init_from=pack)
    with pytest.raises(WarmStartError, match="no pack.json"):
        Trainer(smoke_config(), tmp_path / "b", init_from=tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    manifest = json.loads((pack / "pack.json").read_text())
    (other / "pack.json").write_text(json.dumps(dict(manifest, palette="ade20k")))
    with pytest.raises(WarmStartError, match="palette 'ade20k'"):
        Trainer(smoke_config(), tmp_path / "c", init_from=other)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "pack.json").write_text((pack / "pack.json").read_text())
    (broken / manifest["generator"]["file"]).write_bytes(b"not onnx")
    with pytest.raises(WarmStartError, match="not a readable ONNX file"):
        Trainer(smoke_config(), tmp_path / "d", init_from=broken)


def test_a_run_may_change_the_padding_from_its_packs(source, tmp_path):
    """A zero-padded pack goes on under reflection padding with the same weights: the edges are
    what the new run has to learn, not the whole generator."""
    _, pack = source
    same = Trainer(smoke_config(), tmp_path / "same", init_from=pack)
    reflect = Trainer(smoke_config(padding="reflect"), tmp_path / "reflect", init_from=pack)
    assert reflect.warm_start["changed"] == ["padding: zeros → reflect"]
    assert "changed" not in same.warm_start
    want = same.G.state_dict()
    for key, value in reflect.G.state_dict().items():
        assert torch.equal(value, want[key]), key
    # Any other field of the network still has to match.
    with pytest.raises(WarmStartError, match="ngf: pack 8, run 16") as refused:
        Trainer(smoke_config(padding="reflect", ngf=16), tmp_path / "wide", init_from=pack)
    assert "padding" not in str(refused.value)


def test_the_train_command_starts_from_a_pack(source, data, tmp_path, capsys):
    _, pack = source
    run = tmp_path / "run"
    args = ["train", "--config", str(CONFIGS / "smoke_scgan.json"), "--out", str(run), "--data", str(data)]
    assert main(args + ["--steps", "6", "--until", "4", "--init-from-pack", str(pack)]) == 0
    err = capsys.readouterr().err
    assert "started from pack" in err and "at step 3" in err
    state = torch.load(run / "checkpoint.pt", map_location="cpu")
    assert state["step"] == 4 and state["warm_start"]["steps"] == 3


def test_the_fresh_parts_warm_up_alone_before_the_generator_moves(source, data, tmp_path, capsys):
    _, pack = source
    run = tmp_path / "run"
    warm = Trainer(smoke_config(d_warmup=3, log_every=1), run, init_from=pack)
    g_before = {k: v.clone() for k, v in warm.G.named_parameters()}
    d_before = {k: v.clone() for k, v in warm.D.named_parameters()}
    samples = LandscapeData(data, 64, 0, 6)
    warm_up(warm, samples, np.random.default_rng(0))
    moved = {k for k, v in warm.G.named_parameters() if not torch.equal(v, g_before[k])}
    # The head the export dropped learns to read the generator; the pack's weights stay put.
    assert moved == {"svg_rgb.weight", "svg_rgb.bias"}
    assert all(p.requires_grad for p in warm.G.parameters())
    assert any(not torch.equal(v, d_before[k]) for k, v in warm.D.named_parameters())
    out = capsys.readouterr().out
    assert warm.step == 3 and "warm-up 3/3" in out and "g_svg=" in out
    # Done once per run: the checkpoint records it, so a resumed run goes straight on.
    resumed = Trainer(smoke_config(d_warmup=3, log_every=1), run, init_from=pack)
    assert resumed.warm_start["d_warmup"] == 3
    resumed.fit(samples, until=4)
    out = capsys.readouterr().out
    assert "warm-up" not in out and resumed.step == 4


def test_a_run_from_scratch_has_no_warm_up_and_a_negative_one_is_refused(data, tmp_path, capsys):
    fresh = Trainer(smoke_config(d_warmup=3, log_every=1), tmp_path / "fresh")
    fresh.fit(LandscapeData(data, 64, 0, 6), until=1)
    assert "warm-up" not in capsys.readouterr().out
    with pytest.raises(ValueError, match="d_warmup must be >= 0"):
        smoke_config(d_warmup=-1)
