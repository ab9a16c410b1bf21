from pathlib import Path

import numpy as np
import pytest
import torch

from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.data.training_set import LandscapeData
from scenebrush_training.data.warp import displacement, warp_sample
from scenebrush_training.train.gan import Trainer
from scenebrush_training.train.options import TrainConfig

CONFIGS = Path(__file__).parents[1] / "configs"


def blocks(h=96, w=128):
    """A label map of rectangles, its instance ids, and a picture whose colour is the label."""
    lab = np.zeros((h, w), np.uint8)
    lab[h // 3 :, :] = 9
    lab[h // 2 : h // 2 + 20, 30:60] = 14
    lab[10:30, 80:120] = 1
    inst = np.zeros((h, w), np.uint16)
    inst[h // 2 : h // 2 + 20, 30:60] = 700
    picture = np.repeat((lab.astype(np.uint8) * 12)[..., None], 3, axis=2)
    return picture, lab, inst


def test_displacement_is_smooth_and_bounded():
    dy, dx = displacement((96, 128), np.random.default_rng(0), 12.0)
    assert dy.shape == dx.shape == (96, 128)
    assert np.abs(dy).max() == pytest.approx(12.0, rel=1e-4) and np.abs(dx).max() == pytest.approx(12.0, rel=1e-4)
    # Neighbouring pixels move together: one pixel apart, offsets differ by a fraction of a pixel.
    assert np.abs(np.diff(dy, axis=0)).max() < 1.0 and np.abs(np.diff(dx, axis=1)).max() < 1.0


def test_picture_and_maps_bend_together_and_keep_their_values():
    picture, lab, inst = blocks()
    out, (wlab, winst) = warp_sample(picture, [lab, inst], np.random.default_rng(1), 12.0)
    assert out.shape == picture.shape and out.dtype == np.uint8
    assert wlab.dtype == np.uint8 and winst.dtype == np.uint16
    assert not np.array_equal(wlab, lab), "the shapes must move"
    assert set(np.unique(wlab)) <= set(np.unique(lab)) and set(np.unique(winst)) <= {0, 700}
    # Objects keep their ids: wherever the warped instance is the object, so is the warped label.
    assert (wlab[winst == 700] == 14).all()
    # Away from edges the warped picture still shows the warped label's colour.
    inner = np.ones_like(wlab, bool)
    for sy in (-1, 0, 1):
        for sx in (-1, 0, 1):
            inner &= np.roll(np.roll(wlab, sy, 0), sx, 1) == wlab
    assert inner.mean() > 0.5
    assert (out[..., 0][inner] == wlab[inner] * 12).all()


def test_zero_strength_is_the_identity_and_shapes_are_checked():
    picture, lab, inst = blocks()
    out, (wlab, winst) = warp_sample(picture, [lab, inst], np.random.default_rng(2), 0.0)
    assert np.array_equal(out, picture) and np.array_equal(wlab, lab) and np.array_equal(winst, inst)
    with pytest.raises(ValueError, match=r"map of shape \(96, 127\) does not match the picture's \(96, 128\)"):
        warp_sample(picture, [lab[:, :-1]], np.random.default_rng(0), 5.0)


def test_config_checks_the_warp_options():
    with pytest.raises(ValueError, match="warp_prob must be in \\[0, 1\\]"):
        TrainConfig.load(CONFIGS / "smoke.json", warp_prob=1.5)
    with pytest.raises(ValueError, match="warp_px >= 0"):
        TrainConfig.load(CONFIGS / "smoke.json", warp_px=-1)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("warpdata")
    write_dataset(root, 4, 64, seed=3, progress=False)
    return LandscapeData(root, 64, 0, 4)


def make_batch(data, tmp_path, **overrides):
    cfg = TrainConfig.load(CONFIGS / "smoke_oasis.json", artist_prob=0, drop_whole=0, drop_regions=0, **overrides)
    trainer = Trainer(cfg, tmp_path / f"run{len(overrides)}{overrides.get('warp_prob', 0)}")
    real, labels, edges = trainer.batch(data, np.random.default_rng(5))
    return trainer, real, labels


def test_training_batches_are_warped_and_their_targets_follow(data, tmp_path):
    plain_trainer, plain, plain_labels = make_batch(data, tmp_path)
    again_trainer, again, again_labels = make_batch(data, tmp_path, warp_prob=0.0, warp_px=30.0)
    # Off, the data stream is the one runs had before the option existed (resumes stay exact).
    assert torch.equal(plain, again) and torch.equal(plain_labels, again_labels)
    warp_trainer, warped, warped_labels = make_batch(data, tmp_path, warp_prob=1.0, warp_px=10.0)
    assert not torch.equal(plain_labels, warped_labels)
    # The discriminator's target (the real picture's own classes) is the warped map too.
    target = warp_trainer.true_target
    assert torch.equal(warped_labels.argmax(1), target.clamp(max=warped_labels.shape[1] - 1))
