"""Random-weight checkpoints laid out like the released SPADE and OASIS generators (same parameter
names, spectral-norm vectors, batch-norm statistics), for testing the converters without the
real weights. Widths are small; the converter sizes its network from the tensors it finds."""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from scenebrush_training.export.convert import TARGETS, channels_expected, convert
from scenebrush_training.data.palette import load_palette
from scenebrush_training.nets.released import OasisReleased, SpadeReleased


def released_like(arch: str, dataset: str, ngf: int = 1, hidden: int = 4, seed: int = 0) -> nn.Module:
    """The network in its training form: spectral norm on the blocks' convolutions, as released."""
    torch.manual_seed(seed)
    target = TARGETS[(arch, dataset)]
    n = channels_expected(target, len(load_palette(target.palette)), target.instance)
    net = SpadeReleased(n, ngf, hidden=hidden) if arch == "spade" else OasisReleased(n, 64, ngf, hidden=hidden)
    for name, m in net.named_modules():
        if isinstance(m, nn.Conv2d) and name.split(".")[-1] in ("conv_0", "conv_1", "conv_s"):
            nn.utils.spectral_norm(m)
    # A few training-mode passes give the batch norms real statistics and the spectral norms
    # power-iterated vectors, as in a released checkpoint.
    net.train()
    with torch.no_grad():
        m = net.downsampling
        for _ in range(3):
            seg = torch.rand(2, n, 2 * m, 2 * m)
            net(seg) if arch == "spade" else net(seg, torch.randn(2, 64, 2 * m, 2 * m))
    return net.eval()


def write_checkpoint(arch: str, dataset: str, path: Path, **kw) -> nn.Module:
    net = released_like(arch, dataset, **kw)
    torch.save(net.state_dict(), str(path))
    return net


def write_fixture_packs(out: Path) -> list[Path]:
    """One converted pack per supported checkpoint kind, under out/<arch>-<dataset>/."""
    made = []
    for arch, dataset in TARGETS:
        ckpt = out / f"{arch}-{dataset}.pth"
        out.mkdir(parents=True, exist_ok=True)
        write_checkpoint(arch, dataset, ckpt)
        made.append(
            convert(
                arch,
                dataset,
                ckpt,
                out / f"{arch}-{dataset}",
                name=f"{TARGETS[(arch, dataset)].title} (random-weight fixture)",
            )
        )
        ckpt.unlink()
    return made
