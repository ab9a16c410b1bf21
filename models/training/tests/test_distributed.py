"""Two CPU processes train one run as torchrun would start them (gloo), and one process resumes it."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import torch

from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.train.distributed import Ranks
from scenebrush_training.data.training_set import LandscapeData
from scenebrush_training.train.gan import Trainer
from scenebrush_training.train.options import TrainConfig

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def train_two_ranks(config: Path, run: Path, data: Path, port: str, timeout: float = 600):
    """Starts ranks 0 and 1 as torchrun would; when one fails, the other is stopped rather than left
    waiting for it. Returns their outputs and exit codes."""
    procs = []
    for rank in (0, 1):
        # The environment torchrun gives each process it starts.
        env = dict(
            os.environ,
            MASTER_ADDR="127.0.0.1",
            MASTER_PORT=port,
            RANK=str(rank),
            LOCAL_RANK=str(rank),
            WORLD_SIZE="2",
            OMP_NUM_THREADS="1",
        )
        cmd = [sys.executable, "-m", "scenebrush_training", "train", "--config", str(config)]
        cmd += ["--out", str(run), "--data", str(data), "--threads", "1"]
        procs.append(
            subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        )
    deadline = time.monotonic() + timeout
    while any(p.poll() is None for p in procs) and time.monotonic() < deadline:
        if any(p.poll() not in (None, 0) for p in procs):
            break
        time.sleep(0.2)
    for p in procs:
        if p.poll() is None:
            p.kill()
    return [p.communicate()[0] for p in procs], [p.returncode for p in procs]


def test_ranks_split_the_data_into_disjoint_shards():
    shards = [Ranks(r, 3).shard(10) for r in range(3)]
    assert sorted(np.concatenate(shards).tolist()) == list(range(10))
    assert Ranks().shard(4).tolist() == [0, 1, 2, 3]
    with pytest.raises(ValueError, match="need at least as many samples"):
        Ranks(0, 5).shard(4)


def test_two_processes_train_and_one_resumes_the_checkpoint(tmp_path):
    data = tmp_path / "data"
    write_dataset(data, 8, 64, seed=2, progress=False)
    config = tmp_path / "ddp.json"
    cfg = json.loads((ROOT / "configs" / "smoke.json").read_text())
    cfg.update(steps=40, checkpoint_every=20, log_every=1, lambda_l1=5.0)
    config.write_text(json.dumps(cfg))
    run = tmp_path / "run"
    # A free port can be taken by another process before rank 0 binds it: then start again.
    for attempt in range(3):
        outs, codes = train_two_ranks(config, run, data, str(free_port()))
        if not any("Address already in use" in out for out in outs):
            break
    assert codes == [0, 0], outs
    assert "rank 0 of 2 (4 samples)" in outs[0] and "rank 1 of 2 (4 samples)" in outs[1]
    assert "step 40/40" in outs[0] and "step 40/40" not in outs[1], "rank 0 alone logs"

    state = torch.load(run / "checkpoint.pt", map_location="cpu")
    assert state["step"] == 40
    l1 = [h["g_l1"] for h in state["history"]]
    assert np.mean(l1[-8:]) < np.mean(l1[:8]), l1

    # One process picks the run up where the two left it.
    single = Trainer(TrainConfig.load(config, steps=42), run)
    assert single.step == 40 and single.ranks.world == 1
    single.fit(LandscapeData(data, 64, 0, 8))
    assert single.step == 42
