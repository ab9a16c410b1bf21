"""Training beyond one process: the environment torchrun sets up, data shards, one writer.

`torchrun --nproc_per_node N -m scenebrush_training train ...` starts N copies; each reads its
rank from the environment, joins one process group (NCCL on GPUs, gloo on CPUs), trains on its
own shard of the data and averages gradients with the others, so every copy holds the same
weights. Rank 0 alone logs and writes checkpoints, in the single-process format, so a run can
resume with any number of processes, one included.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import torch
import torch.distributed as dist


@dataclass(frozen=True)
class Ranks:
    rank: int = 0
    world: int = 1
    local: int = 0

    @property
    def distributed(self) -> bool:
        return self.world > 1

    @property
    def writes(self) -> bool:
        """Whether this process logs and saves (rank 0)."""
        return self.rank == 0

    def device(self) -> torch.device:
        if torch.cuda.is_available():
            return torch.device("cuda", self.local) if self.distributed else torch.device("cuda")
        return torch.device("cpu")

    def shard(self, n: int) -> np.ndarray:
        """The sample indices this rank trains on: every world-th one from its rank."""
        if self.world > n:
            raise ValueError(f"{self.world} processes need at least as many samples, got {n}")
        return np.arange(self.rank, n, self.world)


def from_environment() -> Ranks:
    """This process's place in a torchrun launch (one process when WORLD_SIZE is unset)."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world < 1:
        raise ValueError(f"WORLD_SIZE must be at least 1, got {world}")
    ranks = Ranks(int(os.environ.get("RANK", "0")), world, int(os.environ.get("LOCAL_RANK", "0")))
    if ranks.distributed and not dist.is_initialized():
        if torch.cuda.is_available():
            torch.cuda.set_device(ranks.local)
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    return ranks


def shut_down(ranks: Ranks) -> None:
    """Waits for every rank, then leaves the process group.

    A rank that exits while gloo's threads still run (rank 0 still writing its checkpoint, say)
    can abort at interpreter exit ("terminate called without an active exception").
    """
    if ranks.distributed and dist.is_initialized():
        dist.barrier()
        dist.destroy_process_group()


def average_gradients(parameters, ranks: Ranks) -> None:
    """Mean of every rank's gradients, in place: the same step on every copy."""
    if not ranks.distributed:
        return
    for p in parameters:
        if p.grad is not None:
            dist.all_reduce(p.grad)
            p.grad /= ranks.world


def check_in_step(modules: list, ranks: Ranks) -> None:
    """Raises when the ranks' weights have drifted apart (they must take the same steps)."""
    if not ranks.distributed:
        return
    total = torch.zeros(2, dtype=torch.float64)
    for m in modules:
        for p in m.parameters():
            total[0] += p.detach().double().sum().cpu()
            total[1] += p.detach().double().abs().sum().cpu()
    everyone = [torch.zeros_like(total) for _ in range(ranks.world)]
    dist.all_gather(everyone, total)
    if any(not torch.allclose(t, everyone[0], rtol=1e-9, atol=1e-9) for t in everyone):
        raise RuntimeError(f"rank {ranks.rank}: the ranks' weights differ: {[t.tolist() for t in everyone]}")
