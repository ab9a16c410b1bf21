"""Mode seeking (`lambda_ms`): a second render under another picture's z, pushed apart from the first."""

import json
from pathlib import Path

import pytest
import torch

from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.data.training_set import LandscapeData
from scenebrush_training.train.gan import Trainer
from scenebrush_training.train.losses import mode_seeking
from scenebrush_training.train.options import TrainConfig

ROOT = Path(__file__).resolve().parents[1]


def test_the_term_falls_as_renders_move_apart_and_leaves_z_alone():
    torch.manual_seed(0)
    fake = torch.rand(2, 3, 8, 8, requires_grad=True)
    z = torch.randn(2, 4, 8, 8, requires_grad=True)
    z_other = z.roll(1, 0)
    near = mode_seeking(fake, fake.detach() + 0.01, z, z_other)
    far = mode_seeking(fake, fake.detach() + 0.5, z, z_other)
    assert float(far) < float(near)
    near.backward()
    assert fake.grad.abs().sum() > 0
    # An encoder must not lower the term by pulling its codes together.
    assert z.grad is None


def test_batch_of_one_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="lambda_ms needs batch >= 2"):
        TrainConfig(lambda_ms=0.1, batch=1)


def test_a_run_with_mode_seeking_logs_the_term_and_judges_both_renders(tmp_path, monkeypatch):
    data = tmp_path / "data"
    write_dataset(data, 4, 64, seed=3, progress=False)
    cfg = json.loads((ROOT / "configs" / "scgan_oasis_ms_cpu.json").read_text())
    cfg.update(steps=2, size=64, batch=2, holdout=0, threads=1, checkpoint_every=2, log_every=1)
    (tmp_path / "ms.json").write_text(json.dumps(cfg))
    trainer = Trainer(TrainConfig.load(tmp_path / "ms.json"), tmp_path / "run")
    judged = []
    forward = trainer.D.forward
    monkeypatch.setattr(trainer.D, "forward", lambda x: judged.append(x.shape[0]) or forward(x))
    trainer.fit(LandscapeData(data, 64, 0, 4))
    assert trainer.step == 2
    assert all("g_ms" in h and h["g_ms"] > 0 for h in trainer.history), trainer.history
    # Per step, the generator's loss sees both renders of the batch of 2 (4 pictures).
    assert judged.count(4) == 2, judged
