"""A fitted prior for the style z: the region of z space the encoder actually uses.

The KL term pulls the encoder's posterior towards N(0, 1) only loosely, so the generator learns
the small region the encoder maps images to, and a z drawn from N(0, 1) (what a style seed gives,
docs/contracts.md) lands mostly outside it: washed-out colours, skies read as clouds. After
training we fit a Gaussian to the aggregate posterior over the training images (mean m,
covariance Cov(mu) + E[diag sigma^2]) and build the map z' = m + L z (L its Cholesky factor)
into the exported generator, so the contract stays "z is standard normal". The exported encoder
returns L^-1 (mu - m), so an encoded style still reproduces the look the generator learnt for it.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

FILE = "z_prior.json"


@torch.no_grad()
def fit(enc, images: np.ndarray, size: int, batch: int = 32) -> dict:
    """Mean and Cholesky factor of the aggregate posterior of enc over images ([N, H, W, 3] uint8,
    resized to the training size the way training batches are)."""
    enc = enc.eval()
    mus, variances = [], []
    for i in range(0, len(images), batch):
        x = torch.from_numpy(np.ascontiguousarray(images[i : i + batch])).permute(0, 3, 1, 2).float().div(127.5).sub(1)
        if x.shape[-1] != size:
            x = F.interpolate(x, size=(size, size), mode="area")
        mu, logvar = enc(x)
        mus.append(mu.double())
        variances.append(logvar.double().exp())
    mu = torch.cat(mus)
    var = torch.cat(variances)
    if len(mu) < 2:
        raise ValueError(f"fitting the z prior needs at least 2 images, got {len(mu)}")
    mean = mu.mean(0)
    centred = mu - mean
    cov = centred.T @ centred / (len(mu) - 1) + torch.diag(var.mean(0))
    chol = torch.linalg.cholesky(cov + 1e-6 * torch.eye(len(mean), dtype=cov.dtype))
    return {"mean": mean.tolist(), "chol": chol.tolist(), "images": len(mu)}


def save(run: Path, prior: dict, step: int) -> Path:
    path = Path(run) / FILE
    path.write_text(json.dumps(dict(prior, step=step)) + "\n")
    return path


def load(run: Path, step: int) -> dict | None:
    """The run's fitted prior, None when it has none; an error when it was fitted on another
    checkpoint (the encoder has moved since: the fit no longer describes it)."""
    path = Path(run) / FILE
    if not path.is_file():
        return None
    prior = json.loads(path.read_text())
    if prior.get("step") != step:
        raise ValueError(
            f"{path} was fitted at step {prior.get('step')} but the checkpoint is at step {step}: "
            f"run 'fit-z-prior --run {run} --data …' again"
        )
    return prior


def describe(prior: dict | None) -> str:
    if prior is None:
        return "standard normal"
    return f"fitted aggregate posterior ({prior['images']} training images, step {prior['step']})"


class ZPriorGenerator(torch.nn.Module):
    """gen with standard-normal z mapped to the fitted prior first. The map is affine and the
    same at every pixel, so it commutes with the pooling the split trunk takes z through."""

    def __init__(self, gen, prior: dict):
        super().__init__()
        self.gen = gen
        chol = torch.tensor(prior["chol"], dtype=torch.float32)
        if chol.shape != (gen.z_dim, gen.z_dim):
            raise ValueError(f"z prior is for z of size {chol.shape[0]}, the generator takes {gen.z_dim}")
        self.register_buffer("weight", chol[:, :, None, None])
        self.register_buffer("bias", torch.tensor(prior["mean"], dtype=torch.float32))

    def map_z(self, z: torch.Tensor) -> torch.Tensor:
        return F.conv2d(z, self.weight, self.bias)

    def forward(self, label, instance_edge, z):
        return self.gen(label, instance_edge, self.map_z(z))

    def config(self) -> dict:
        return self.gen.config()

    @property
    def num_classes(self) -> int:
        return self.gen.num_classes

    @property
    def z_dim(self) -> int:
        return self.gen.z_dim

    @property
    def num_up(self) -> int:
        return self.gen.num_up

    @property
    def multiple_of(self) -> int:
        return self.gen.multiple_of


class _ZPriorSplitGenerator(ZPriorGenerator):
    """The same for generators that can be split for tiled export (trunk and finish)."""

    def trunk(self, label, instance_edge, z, head_blocks: int = 0, z_pooled: bool = False):
        return self.gen.trunk(label, instance_edge, self.map_z(z), head_blocks, z_pooled)

    def finish(self, features, label, instance_edge, z, head_blocks: int = 0):
        return self.gen.finish(features, label, instance_edge, self.map_z(z), head_blocks)


def with_prior(gen, prior: dict) -> ZPriorGenerator:
    """gen behind the prior's z map, keeping its split (trunk/finish) when it has one."""
    cls = _ZPriorSplitGenerator if hasattr(gen, "trunk") else ZPriorGenerator
    return cls(gen, prior).eval()


def apply(run: Path, step: int, gen, enc):
    """(gen, enc, prior) with the run's fitted prior applied when it has one; prior is None and
    gen/enc are returned unchanged otherwise."""
    prior = load(run, step)
    if prior is None:
        return gen, enc, None
    return with_prior(gen, prior), ZPriorEncoder(enc, prior).eval() if enc is not None else None, prior


class ZPriorEncoder(torch.nn.Module):
    """enc with its output expressed in the standard-normal z of ZPriorGenerator:
    mu' = L^-1 (mu - m); logvar' is the log of the diagonal of L^-1 diag(sigma^2) L^-T."""

    def __init__(self, enc, prior: dict):
        super().__init__()
        self.enc = enc
        chol = torch.tensor(prior["chol"], dtype=torch.float64)
        inv = torch.linalg.inv(chol)
        self.register_buffer("inv", inv.float())
        self.register_buffer("inv_sq", (inv**2).float())
        self.register_buffer("mean", torch.tensor(prior["mean"], dtype=torch.float32))

    def forward(self, image):
        mu, logvar = self.enc(image)
        return (mu - self.mean) @ self.inv.T, torch.log(logvar.exp() @ self.inv_sq.T)
