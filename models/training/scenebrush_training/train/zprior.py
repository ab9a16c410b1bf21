"""A fitted prior for the style z: the region of z space the encoder actually uses.

The KL term pulls the encoder's posterior towards N(0, 1) only loosely, so the generator learns
the small region the encoder maps images to, and a z drawn from N(0, 1) (what a style seed gives,
docs/contracts.md) lands mostly outside it: washed-out colours, skies read as clouds. After
training we fit a Gaussian to the aggregate posterior over the training images (mean m,
covariance Cov(mu) + E[diag sigma^2]) and build the map z' = m + L z (L its Cholesky factor)
into the exported generator, so the contract stays "z is standard normal". The exported encoder
returns L^-1 (mu - m), so an encoded style still reproduces the look the generator learnt for it.

One Gaussian is a poor fit along the main axis of that region: the encoder sorts the training
images by their light there (dusk, golden, overcast and day as separate clusters), and a Gaussian
puts most of its draws between them. Optionally (`fit-z-prior --main-axis-quantiles`) L is taken
from the covariance's eigenvectors (its first column the main axis) and the first coordinate of z
is mapped through the quantiles of the images' spread along that axis instead: a monotone
piecewise-linear map with which standard-normal draws fall on the clusters as often as the
training images do. The map is applied after each pooling of z in the generator, so the split
generator's pooled trunk input stays exact; the encoder inverts it. Measured in models/README.md
(lower distance on label maps, lower diversity): not the default.
"""

from __future__ import annotations

import inspect
import json
import math
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

FILE = "z_prior.json"


@torch.no_grad()
def fit(enc, images: np.ndarray, size: int, batch: int = 32, main_axis: bool = False) -> dict:
    """Mean and factor L (L L^T the covariance) of the aggregate posterior of enc over images
    ([N, H, W, 3] uint8, resized to the training size the way training batches are). L is the
    Cholesky factor; with main_axis, the scaled eigenvectors (main axis first) and the quantile
    map along the main axis."""
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
    cov = cov + 1e-6 * torch.eye(len(mean), dtype=cov.dtype)
    if not main_axis:
        return {"mean": mean.tolist(), "factor": torch.linalg.cholesky(cov).tolist(), "images": len(mu)}
    scale, vectors = torch.linalg.eigh(cov)
    scale, vectors = scale.flip(0), vectors.flip(1)  # largest first: column 0 is the main axis
    axis = vectors[:, 0]
    spread = centred @ axis, (var @ axis**2).sqrt()
    return {
        "mean": mean.tolist(),
        "factor": (vectors * scale.sqrt()).tolist(),
        "axis": {"direction": axis.tolist(), **axis_quantiles(*spread)},
        "images": len(mu),
    }


AXIS_KNOTS = [k / 8 for k in range(-28, 29)]  # standard-normal values -3.5 .. 3.5


def axis_quantiles(position: torch.Tensor, sigma: torch.Tensor, draws: int = 16) -> dict:
    """The map along the main axis: at each knot u, the quantile Phi(u) of the images' positions
    on the axis, each spread by its own posterior sigma (draws per image, a fixed seed)."""
    g = torch.Generator().manual_seed(0)
    spread = position[None] + sigma[None] * torch.randn(draws, len(position), generator=g, dtype=position.dtype)
    levels = torch.tensor([0.5 * (1 + math.erf(u / math.sqrt(2))) for u in AXIS_KNOTS], dtype=position.dtype)
    values = torch.quantile(spread.flatten(), levels)
    # Strictly increasing, so the encoder can invert the map.
    step = 1e-4 * float(values[-1] - values[0]) + 1e-9
    values = torch.cummax(values + step * torch.arange(len(values), dtype=values.dtype), 0).values
    return {"knots": list(AXIS_KNOTS), "values": values.tolist()}


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
    if "chol" in prior:  # fitted before the main axis was: a plain Gaussian, L its Cholesky factor
        prior["factor"] = prior.pop("chol")
    if prior.get("step") != step:
        raise ValueError(
            f"{path} was fitted at step {prior.get('step')} but the checkpoint is at step {step}: "
            f"run 'fit-z-prior --run {run} --data …' again"
        )
    return prior


def describe(prior: dict | None) -> str:
    if prior is None:
        return "standard normal"
    text = f"fitted aggregate posterior ({prior['images']} training images, step {prior['step']})"
    return text + (", main axis by quantiles" if prior.get("axis") else "")


class PiecewiseLinear(torch.nn.Module):
    """The monotone map through (knots[k], values[k]), continued by its end slopes, on [N, 1, ...]
    tensors; built from ReLUs so it exports to ONNX as plain arithmetic."""

    def __init__(self, knots, values):
        super().__init__()
        k = torch.tensor(knots, dtype=torch.float64)
        v = torch.tensor(values, dtype=torch.float64)
        slopes = (v[1:] - v[:-1]) / (k[1:] - k[:-1])
        self.register_buffer("start", torch.tensor([float(k[0]), float(v[0]), float(slopes[0])]))
        self.register_buffer("bends", k[1:-1].float())
        self.register_buffer("turns", (slopes[1:] - slopes[:-1]).float())

    @staticmethod
    def _per_knot(t: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        return t.view((1, -1) + (1,) * (x.dim() - 2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        k0, v0, s0 = self.start
        bent = torch.relu(x - self._per_knot(self.bends, x)) * self._per_knot(self.turns, x)
        return v0 + s0 * (x - k0) + bent.sum(1, keepdim=True)

    def slope(self, x: torch.Tensor) -> torch.Tensor:
        past = (x > self._per_knot(self.bends, x)).to(x.dtype) * self._per_knot(self.turns, x)
        return self.start[2] + past.sum(1, keepdim=True)


class ZPriorGenerator(torch.nn.Module):
    """gen with standard-normal z mapped to the fitted prior first. The affine part of the map is
    the same at every pixel, so it commutes with the pooling the split trunk takes z through; the
    main axis's map does not, so a generator that pools z itself is then given the map to apply
    after each pooling (z_map). An affine map is applied once, before the generator: one 1x1
    convolution at full size, as in the packs exported before."""

    def __init__(self, gen, prior: dict):
        super().__init__()
        self.gen = gen
        factor = torch.tensor(prior["factor"], dtype=torch.float32)
        if factor.shape != (gen.z_dim, gen.z_dim):
            raise ValueError(f"z prior is for z of size {factor.shape[0]}, the generator takes {gen.z_dim}")
        axis = prior.get("axis")
        self.along = PiecewiseLinear(axis["knots"], axis["values"]) if axis else None
        if axis:
            factor[:, 0] = 0  # the first coordinate goes through the axis map instead
            self.register_buffer("direction", torch.tensor(axis["direction"], dtype=torch.float32)[None, :, None, None])
        self.register_buffer("weight", factor[:, :, None, None])
        self.register_buffer("bias", torch.tensor(prior["mean"], dtype=torch.float32))
        self.pools_z = axis is not None and "z_map" in inspect.signature(gen.forward).parameters

    def map_z(self, z: torch.Tensor) -> torch.Tensor:
        mapped = F.conv2d(z, self.weight, self.bias)
        return mapped if self.along is None else mapped + self.direction * self.along(z[:, :1])

    def forward(self, label, instance_edge, z):
        if self.pools_z:
            return self.gen(label, instance_edge, z, z_map=self.map_z)
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
        if self.pools_z:
            return self.gen.trunk(label, instance_edge, z, head_blocks, z_pooled, z_map=self.map_z)
        return self.gen.trunk(label, instance_edge, self.map_z(z), head_blocks, z_pooled)

    def finish(self, features, label, instance_edge, z, head_blocks: int = 0):
        if self.pools_z:
            return self.gen.finish(features, label, instance_edge, z, head_blocks, z_map=self.map_z)
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
    mu' = L^-1 (mu - m); logvar' is the log of the diagonal of L^-1 diag(sigma^2) L^-T. With a
    main-axis map, the first coordinate is that map's inverse of mu's position on the axis, and
    its variance the axis variance scaled by the inverse's slope there."""

    def __init__(self, enc, prior: dict):
        super().__init__()
        self.enc = enc
        factor = torch.tensor(prior["factor"], dtype=torch.float64)
        inv = torch.linalg.inv(factor)
        self.register_buffer("inv", inv.float())
        self.register_buffer("inv_sq", (inv**2).float())
        self.register_buffer("mean", torch.tensor(prior["mean"], dtype=torch.float32))
        axis = prior.get("axis")
        self.back = PiecewiseLinear(axis["values"], axis["knots"]) if axis else None
        if axis:
            self.register_buffer("direction", torch.tensor(axis["direction"], dtype=torch.float32)[:, None])

    def forward(self, image):
        mu, logvar = self.enc(image)
        centred = mu - self.mean
        z, var = centred @ self.inv.T, logvar.exp() @ self.inv_sq.T
        if self.back is not None:
            position = centred @ self.direction
            first = self.back(position)
            first_var = (logvar.exp() @ self.direction**2) * self.back.slope(position) ** 2
            z, var = torch.cat([first, z[:, 1:]], 1), torch.cat([first_var, var[:, 1:]], 1)
        return z, torch.log(var)
