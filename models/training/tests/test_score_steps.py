"""`train --keep-every N` keeps every N-th checkpoint; `score-steps` scores each once and tables them."""

import json
from pathlib import Path

import pytest
import torch

from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.evaluate import steps
from scenebrush_training.train.kept import kept

CONFIGS = Path(__file__).resolve().parents[1] / "configs"


def test_kept_checkpoints_are_scored_once_each_and_tabled(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    write_dataset(data, 6, 64, seed=11, artist=True, progress=False)
    cfg = json.loads((CONFIGS / "smoke.json").read_text())
    cfg.update(steps=4, checkpoint_every=1, log_every=1, max_samples=6, holdout=0, threads=1)
    config = tmp_path / "c.json"
    config.write_text(json.dumps(cfg))
    run = tmp_path / "run"
    train = ["train", "--config", str(config), "--out", str(run), "--data", str(data), "--keep-every", "2"]
    assert main(train + ["--until", "3"]) == 0
    assert main(train) == 0  # resumed to 4
    assert [p.name for p in kept(run)] == ["000002", "000004"]
    assert [torch.load(p / "checkpoint.pt")["step"] for p in kept(run)] == [2, 4]
    capsys.readouterr()

    score = ["score-steps", "--run", str(run), "--data", str(data), "--heldout", str(data), "--threads", "1"]
    assert main(score) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    assert [r.split("|")[1].strip() for r in rows[1:]] == ["2", "4"], rows
    for folder in kept(run):
        scored = json.loads((folder / "eval.json").read_text())
        assert scored["z"].startswith("fitted aggregate posterior"), scored["z"]
        assert 0 <= scored["maps"]["miou"] <= 1 and scored["artist"]["frechet_distance"] > 0
        # The frame along each edge (evaluate.ladder.frame_offsets), its mean in the table's last column.
        frame = scored["maps"]["frame"]
        assert sorted(frame) == ["bottom", "left", "right", "top"] and all(v >= 0 for v in frame.values())
        row = next(r for r in rows if r.split("|")[1].strip() == str(scored["steps"]))
        assert float(row.split("|")[-2]) == pytest.approx(sum(frame.values()) / 4, abs=0.006)

    # Scored checkpoints are not scored again; a new one is.
    scored = []
    kept_scores = (run / "steps" / "000002" / "eval.json").read_text()

    def fake_score(folder, *args):
        scored.append(folder.name)
        (folder / "eval.json").write_text(kept_scores)

    monkeypatch.setattr(steps, "score", fake_score)
    (run / "steps" / "000004" / "eval.json").unlink()
    assert main(score) == 0
    assert scored == ["000004"]

    # --every scores only the steps that are its multiples; the table shows all scores there are.
    scored.clear()
    for folder in kept(run):
        (folder / "eval.json").unlink()
    capsys.readouterr()
    assert main(score + ["--every", "4"]) == 0
    assert scored == ["000004"]
    assert not (run / "steps" / "000002" / "eval.json").exists()


def test_score_steps_names_a_run_without_kept_checkpoints(tmp_path, capsys):
    (tmp_path / "run").mkdir()
    args = ["score-steps", "--run", str(tmp_path / "run"), "--data", str(tmp_path), "--heldout", str(tmp_path)]
    assert main(args) == 2
    assert "train with --keep-every" in capsys.readouterr().err


def test_score_steps_says_when_no_kept_checkpoint_is_at_a_multiple_of_every(tmp_path, capsys):
    run = tmp_path / "run"
    for step in (500, 1500):
        (run / "steps" / f"{step:06d}").mkdir(parents=True)
        (run / "steps" / f"{step:06d}" / "checkpoint.pt").write_bytes(b"")
    args = ["score-steps", "--run", str(run), "--data", str(tmp_path), "--heldout", str(tmp_path), "--every", "1000"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "steps 500, 1500" in err and "multiple of --every 1000" in err, err
    assert not (run / "steps" / "000500" / "eval.json").exists()
