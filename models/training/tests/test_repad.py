import json
from pathlib import Path

import numpy as np
import pytest
import torch

from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.data.training_set import LandscapeData
from scenebrush_training.train.gan import Trainer
from scenebrush_training.train.options import TrainConfig
from scenebrush_training.train.repad import RepadError, fit, interior, student_loss, teacher_of

CONFIGS = Path(__file__).parents[1] / "configs"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("repad")
    write_dataset(root, 6, 64, seed=12, progress=False)
    return root


def write_config(folder: Path, **overrides) -> Path:
    cfg = json.loads((CONFIGS / "smoke_scgan.json").read_text())
    cfg.update(max_samples=6, holdout=0, checkpoint_every=5, **overrides)
    path = folder / f"cfg_{len(list(folder.glob('cfg_*')))}.json"
    path.write_text(json.dumps(cfg))
    return path


@pytest.fixture(scope="module")
def pack(data, tmp_path_factory):
    """A zero-padded SC-GAN trained a few steps and exported: the teacher."""
    base = tmp_path_factory.mktemp("teacher")
    trainer = Trainer(TrainConfig.load(write_config(base), steps=4), base / "run")
    trainer.fit(LandscapeData(data, 64, 0, 6), until=4)
    assert main(["fit-z-prior", "--run", str(base / "run"), "--data", str(data), "--threads", "1"]) == 0
    trainer.export(base / "pack", "teacher", "Teacher", measure_reach=False)
    return base / "pack"


def repad(pack, data, out, config, until, *extra):
    args = ["repad", "--pack", str(pack), "--config", str(config), "--out", str(out), "--data", str(data)]
    return main(args + ["--until", str(until), "--threads", "1", *extra])


def test_the_re_padded_generator_moves_towards_the_packs_picture(pack, data, tmp_path):
    """Same weights under other padding draw another picture; the student's steps bring it back
    towards the teacher's inside the band (one batch, so the fall is the fit's, not the data's)."""
    student = Trainer(
        TrainConfig.load(write_config(tmp_path, padding="reflect", lr_g=1e-5)), tmp_path / "s", init_from=pack
    )
    teacher = teacher_of(pack, student)
    x, label, edge = student.batch(LandscapeData(data, 64, 0, 6), np.random.default_rng(99))
    z, _ = student.z_map(x, len(x), 64, 64)
    z = z.detach()
    student.batch = lambda *_: (x, label, edge)
    student.z_map = lambda *_: (z, None)
    inside = interior(64, 64, 1 / 32, "cpu")

    @torch.no_grad()
    def error():
        return float(student_loss(student.G.eval()(label, edge, z), teacher(label, edge, z), inside))

    before = error()
    assert before > 1e-3  # other padding, same weights: not the teacher's picture
    fit(student, teacher, None, student.step + 8)
    assert error() < 0.98 * before
    # What the band holds costs nothing: only the interior is taught.
    out = teacher(label, edge, z).detach()
    moved = out.clone()
    moved[..., :2, :] += 1
    assert float(student_loss(moved, out, inside)) == 0


def test_the_repad_command_makes_an_ordinary_run(pack, data, tmp_path):
    config = write_config(tmp_path, padding="reflect")
    assert repad(pack, data, tmp_path / "run", config, 4 + 3) == 0
    run = Trainer.from_run(tmp_path / "run")
    assert run.step == 7 and run.cfg.padding == "reflect"
    assert run.warm_start["changed"] == ["padding: zeros → reflect"]
    assert run.warm_start["repad"] == {"band": 1 / 32}
    # The averaged generator is the student itself, which is what gets exported.
    for key, value in run.G_ema.state_dict().items():
        assert torch.equal(value, run.G.state_dict()[key]), key
    manifest = json.loads(run.export(tmp_path / "out", "next", "Next", measure_reach=False).read_text())
    assert manifest["network"]["padding"] == "reflect"
    assert manifest["training"]["startedFrom"] == {"id": "teacher", "steps": 4}
    assert repad(pack, data, tmp_path / "run", config, 9) == 0
    assert Trainer.from_run(tmp_path / "run").step == 9


def test_a_pack_with_the_configs_padding_or_a_bad_band_is_refused(pack, data, tmp_path, capsys):
    with pytest.raises(RepadError, match="already uses padding 'zeros'"):
        teacher_of(pack, Trainer(TrainConfig.load(write_config(tmp_path)), tmp_path / "a", init_from=pack))
    assert repad(pack, data, tmp_path / "b", write_config(tmp_path, padding="reflect"), 6, "--band", "0.6") != 0
    assert "--band must be a fraction" in capsys.readouterr().err
    # A folder that holds an ordinary run is not re-padded over.
    assert repad(pack, data, pack.parent / "run", write_config(tmp_path, padding="reflect"), 6) != 0
    assert "did not start from a pack" in capsys.readouterr().err
