import json
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from scenebrush_training.train import zprior
from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.evaluate.generator import load_generator
from scenebrush_training.data.training_set import LandscapeData
from scenebrush_training.train.gan import Trainer
from scenebrush_training.train.options import TrainConfig
from scenebrush_training.tensors import instance_edges, one_hot

CONFIGS = Path(__file__).parents[1] / "configs"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("zprior")
    write_dataset(root, 6, 64, seed=7, progress=False)
    return root


@pytest.fixture(scope="module")
def run(data, tmp_path_factory):
    """A two-step SC-GAN smoke run with its prior fitted through the command line."""
    out = tmp_path_factory.mktemp("run") / "scgan"
    cfg = TrainConfig.load(CONFIGS / "smoke_scgan.json", steps=2, max_samples=6, holdout=0)
    Trainer(cfg, out).fit(LandscapeData(data, 64, 0, 6))
    assert main(["fit-z-prior", "--run", str(out), "--data", str(data), "--threads", "1"]) == 0
    return out


@pytest.fixture(scope="module")
def axis_run(run, data, tmp_path_factory):
    """The same run with its prior fitted with the main axis's quantile map (not affine)."""
    out = tmp_path_factory.mktemp("run") / "scgan-axis"
    out.mkdir()
    (out / "checkpoint.pt").write_bytes((run / "checkpoint.pt").read_bytes())
    fit = ["fit-z-prior", "--run", str(out), "--data", str(data), "--threads", "1", "--main-axis-quantiles"]
    assert main(fit) == 0
    return out


class TableEncoder(torch.nn.Module):
    """Returns a fixed (mu, logvar) row per image, picked by the image's first pixel value."""

    def __init__(self, mu: np.ndarray, logvar: np.ndarray):
        super().__init__()
        self.mu, self.logvar = torch.tensor(mu, dtype=torch.float32), torch.tensor(logvar, dtype=torch.float32)

    def forward(self, image):
        idx = ((image[:, 0, 0, 0] + 1) * 127.5).round().long()
        return self.mu[idx], self.logvar[idx]


def test_fit_is_the_aggregate_posterior_of_the_encoder():
    rng = np.random.default_rng(3)
    n, z = 40, 5
    mu = rng.normal(0.5, 0.2, (n, z)) @ rng.normal(0, 1, (z, z))
    logvar = rng.normal(-3, 0.5, (n, z))
    images = np.zeros((n, 8, 8, 3), np.uint8)
    images[:, :, :, :] = np.arange(n, dtype=np.uint8)[:, None, None, None]
    expected = np.cov(mu.T) + np.diag(np.exp(logvar).mean(0))
    prior = zprior.fit(TableEncoder(mu, logvar), images, 8, batch=16)
    factor = np.array(prior["factor"])
    assert prior["images"] == n and "axis" not in prior
    np.testing.assert_allclose(prior["mean"], mu.mean(0), atol=1e-5)
    np.testing.assert_allclose(factor @ factor.T, expected, rtol=1e-4, atol=1e-5)
    assert np.allclose(factor, np.tril(factor)) and (np.diag(factor) > 0).all()
    # With the main axis: the same covariance, its columns the covariance's axes, the main one
    # first (the one the quantile map takes).
    prior = zprior.fit(TableEncoder(mu, logvar), images, 8, batch=16, main_axis=True)
    factor = np.array(prior["factor"])
    np.testing.assert_allclose(factor @ factor.T, expected, rtol=1e-4, atol=1e-5)
    lengths = np.linalg.norm(factor, axis=0)
    assert (np.diff(lengths) <= 1e-9).all()
    np.testing.assert_allclose(np.abs(factor[:, 0] / lengths[0]), np.abs(prior["axis"]["direction"]), atol=1e-6)
    assert (np.diff(prior["axis"]["values"]) > 0).all()


def clustered_prior(fraction_day: float = 0.7, n: int = 200, z: int = 4):
    """An encoder that sorts images into two tight clusters along one direction (like day and dusk
    lights), and the prior fitted to it."""
    rng = np.random.default_rng(5)
    direction = np.array([0.6, 0.8, 0.0, 0.0])[:z]
    day = rng.random(n) < fraction_day
    mu = np.where(day[:, None], 1.0, -2.0) * direction + rng.normal(0, 0.05, (n, z))
    logvar = np.full((n, z), np.log(0.01))
    images = np.zeros((n, 8, 8, 3), np.uint8)
    images[:, :, :, :] = np.arange(n, dtype=np.uint8)[:, None, None, None]
    encoder = TableEncoder(mu, logvar)
    return zprior.fit(encoder, images, 8, batch=64, main_axis=True), encoder, images, direction, day.mean()


class ConstantGenerator(torch.nn.Module):
    """Returns the z it is given (mapped), so the prior's map can be read through with_prior."""

    z_dim, num_classes, num_up, multiple_of = 4, 1, 0, 1

    def forward(self, label, instance_edge, z):
        return z


def test_standard_normal_draws_fall_on_the_clusters_as_often_as_the_images_do():
    prior, _, _, direction, fraction_day = clustered_prior()
    gen = zprior.with_prior(ConstantGenerator(), prior)
    z = torch.randn(20000, 4, 1, 1, generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        position = gen(None, None, z)[:, :, 0, 0].double().numpy() @ direction - np.array(prior["mean"]) @ direction
    centre = np.array(prior["mean"]) @ direction
    position += centre
    near_day, near_dusk = np.abs(position - 1.0) < 0.4, np.abs(position + 2.0) < 0.4
    # A Gaussian of the same mean and variance puts a third of its draws between the clusters.
    assert near_day.mean() + near_dusk.mean() > 0.95
    assert abs(near_day.mean() - fraction_day) < 0.03


def test_the_encoder_inverts_the_axis_map():
    prior, encoder, images, _, _ = clustered_prior()
    gen = zprior.with_prior(ConstantGenerator(), prior)
    enc = zprior.ZPriorEncoder(encoder, prior)
    x = torch.from_numpy(images[:50]).permute(0, 3, 1, 2).float() / 127.5 - 1
    with torch.no_grad():
        z, logvar = enc(x)
        back = gen(None, None, z[:, :, None, None])[:, :, 0, 0]
    assert torch.isfinite(logvar).all()
    np.testing.assert_allclose(back.numpy(), encoder(x)[0].numpy(), atol=1e-4)


def test_generator_maps_standard_normal_z_to_the_fitted_prior(run):
    gen, enc, cfg, step = load_generator(run)
    assert isinstance(gen, zprior.ZPriorGenerator) and isinstance(enc, zprior.ZPriorEncoder)
    prior = json.loads((run / zprior.FILE).read_text())
    assert prior["step"] == step and prior["images"] == 6
    # The map itself: a standard-normal z comes out with the fitted mean and covariance.
    z = torch.randn(20000, cfg.z_dim, 1, 1, generator=torch.Generator().manual_seed(0))
    mapped = gen.map_z(z)[:, :, 0, 0].double().numpy()
    factor = np.array(prior["factor"])
    np.testing.assert_allclose(mapped.mean(0), prior["mean"], atol=0.05 * np.abs(factor).max() + 1e-6)
    np.testing.assert_allclose(np.cov(mapped.T), factor @ factor.T, atol=0.05 * (factor @ factor.T).max())


def test_encoded_style_reproduces_the_same_image_through_the_prior(run, data):
    gen, enc, cfg, _ = load_generator(run)
    img = torch.from_numpy(LandscapeData(data, 64, 0, 6).images[:2]).permute(0, 3, 1, 2).float() / 127.5 - 1
    lab = one_hot(torch.zeros(2, 64, 64, dtype=torch.long), gen.num_classes)
    edge = instance_edges(torch.zeros(2, 64, 64, dtype=torch.long))
    with torch.no_grad():
        plain_mu = enc.enc(img)[0]
        mu, logvar = enc(img)
        through_prior = gen(lab, edge, mu[:, :, None, None].expand(-1, -1, 64, 64))
        direct = gen.gen(lab, edge, plain_mu[:, :, None, None].expand(-1, -1, 64, 64))
    assert torch.isfinite(logvar).all()
    assert float((through_prior - direct).abs().max()) < 1e-4
    # ... while a standard-normal z means something else with the prior than without it.
    z = torch.randn(2, gen.z_dim, 1, 1).expand(-1, -1, 64, 64)
    with torch.no_grad():
        assert float((gen(lab, edge, z) - gen.gen(lab, edge, z)).abs().max()) > 1e-3


@pytest.mark.parametrize("fitted", ["run", "axis_run"])
def test_split_generator_keeps_the_prior(fitted, data, request):
    # The tiled export's trunk takes z pooled; the prior's map must give the same picture through
    # that pooling, even for a z that differs per pixel (regional styles), also where it is not
    # affine (the main axis's quantile map, applied after each pooling).
    gen, _, _, _ = load_generator(request.getfixturevalue(fitted))
    assert isinstance(gen.along, zprior.PiecewiseLinear) == (fitted == "axis_run")
    d = LandscapeData(data, 64, 0, 6)
    lab = one_hot(torch.from_numpy(d.labels[:1].astype(np.int64)), gen.num_classes)
    edge = instance_edges(torch.from_numpy(d.instances[:1].astype(np.int64)))
    z = torch.randn(1, gen.z_dim, 64, 64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        whole = gen(lab, edge, z)
        feats = gen.trunk(lab, edge, F.avg_pool2d(z, 4), 2, z_pooled=True)
        split = gen.finish(feats, lab, edge, z, 2)
    assert float((whole - split).abs().max()) < 1e-5


@pytest.mark.parametrize("fitted", ["run", "axis_run"])
def test_export_carries_the_prior_and_its_reference(fitted, tmp_path, request):
    run = request.getfixturevalue(fitted)
    state = torch.load(run / "checkpoint.pt", map_location="cpu")
    trainer = Trainer(TrainConfig(**state["config"]), run)
    manifest = json.loads(trainer.export(tmp_path / "pack", "smoke", "Smoke", measure_reach=False).read_text())
    assert manifest["training"]["zPrior"].startswith("fitted aggregate posterior (6 training images")
    ref = json.loads((tmp_path / "pack" / "reference.json").read_text())
    gen = load_generator(run)[0]
    h, w = ref["height"], ref["width"]
    lab = one_hot(torch.tensor(ref["labels"]).view(1, h, w), gen.num_classes)
    edge = instance_edges(torch.tensor(ref["instances"]).view(1, h, w))
    z = torch.tensor(ref["z"])[None, :, None, None].expand(-1, -1, h, w)
    with torch.no_grad():
        with_prior = gen(lab, edge, z).numpy().ravel()
        without = gen.gen(lab, edge, z).numpy().ravel()
    stored = np.asarray(ref["image"])
    assert np.abs(stored - with_prior).max() < 1e-4 < np.abs(stored - without).max()


def test_a_prior_fitted_on_an_older_checkpoint_is_refused(data, tmp_path, capsys):
    cfg = TrainConfig.load(CONFIGS / "smoke_scgan.json", steps=3, max_samples=6, holdout=0)
    out = tmp_path / "run"
    Trainer(cfg, out).fit(LandscapeData(data, 64, 0, 6), until=2)
    assert main(["fit-z-prior", "--run", str(out), "--data", str(data), "--threads", "1"]) == 0
    Trainer(cfg, out).fit(LandscapeData(data, 64, 0, 6))  # one more step: the encoder moved
    with pytest.raises(ValueError, match="fitted at step 2 but the checkpoint is at step 3"):
        load_generator(out)
    assert main(["evaluate-run", "--run", str(out), "--heldout", str(data), "--threads", "1"]) == 2
    assert "fit-z-prior" in capsys.readouterr().err


def test_runs_without_an_encoder_have_no_prior_to_fit(data, tmp_path, capsys):
    cfg = TrainConfig.load(CONFIGS / "smoke_resail.json", steps=1, max_samples=6, holdout=0)
    Trainer(cfg, tmp_path / "run").fit(LandscapeData(data, 64, 0, 6))
    assert main(["fit-z-prior", "--run", str(tmp_path / "run"), "--data", str(data), "--threads", "1"]) == 2
    assert "no style encoder" in capsys.readouterr().err
