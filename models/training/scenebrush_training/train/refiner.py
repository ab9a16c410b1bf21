"""Training of ladder refinement stages on random crops of the renderer's own renders.

The target is a crop of a real render at the stage's size; the input picture is the same crop
taken down x2 (area), softened and noised as the stage below softens it, and brought back up
bilinearly as the app does. So training fits a CPU at any output size: only crops are run.

Above the first rung the app feeds a stage its own output, with its own faults (sharpened edges
overshoot into light or dark rims), which a softened real picture never shows; repeated over
rungs they grow into halos. With ``self_input`` p, a batch's input is instead, with probability
p, the stage's own (EMA) output for the crop taken down x2 again, as the rung below gives it, so
the stage learns to take its own output as it comes.
"""

from __future__ import annotations

import copy
import json
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from scenebrush_training.nets.patch import PatchDiscriminator
from scenebrush_training.data.palette import load_palette
from scenebrush_training.data.pngio import load_index, load_instances, load_rgb
from scenebrush_training.nets.refiner import RefinerStage, upsample_picture
from scenebrush_training.data.training_set import drop_labels
from scenebrush_training.train.kept import keep
from scenebrush_training.train.options import load_config
from scenebrush_training.train.losses import feature_matching, hinge_d
from scenebrush_training.tensors import instance_edges, one_hot


@dataclass
class RefinerConfig:
    name: str = "refiner"
    family: str = "concat"
    data: list = field(default_factory=list)  # dataset folders, one per render size
    crop: int = 128
    batch: int = 6
    steps: int = 20000
    channels: int = 16
    blocks: int = 3
    ndf: int = 16
    d_layers: int = 3
    lr_g: float = 2e-4
    lr_d: float = 4e-4
    lambda_l1: float = 5.0
    lambda_fm: float = 5.0
    blur_max: float = 1.5  # sigma of the softening at the lower size, drawn from [0, blur_max]
    noise_max: float = 0.03  # std of added noise at the lower size, drawn from [0, noise_max]
    drop_regions: float = 0.15
    self_input: float = 0.0  # probability that a batch's input is the stage's own output below
    ema: float = 0.999
    checkpoint_every: int = 250
    log_every: int = 50
    threads: int = 1
    seed: int = 0
    holdout: int = 0
    max_samples: int = 0

    @classmethod
    def load(cls, path: Path, **overrides) -> "RefinerConfig":
        return load_config(cls, path, overrides)


class RenderSet:
    """Every render of the given folders in memory (uint8); crops are drawn across all sizes."""

    def __init__(self, roots: list, holdout: int = 0, max_samples: int = 0):
        if not roots:
            raise ValueError("no data folders given (config key 'data' or --data)")
        self.images, self.labels, self.instances = [], [], []
        for root in map(Path, roots):
            names = sorted(p.name for p in (root / "images").glob("*.png"))
            names = names[:-holdout] if holdout else names
            names = names[:max_samples] if max_samples else names
            if not names:
                raise ValueError(f"no renders in {root}/images")
            for n in names:
                self.images.append(load_rgb(root / "images" / n))
                self.labels.append(load_index(root / "labels" / n))
                self.instances.append(load_instances(root / "instances" / n))

    def __len__(self) -> int:
        return len(self.images)


def gaussian_blur(x: torch.Tensor, sigma: float) -> torch.Tensor:
    if sigma < 0.2:
        return x
    r = max(1, int(3 * sigma + 0.5))
    t = torch.arange(-r, r + 1, dtype=x.dtype)
    k = torch.exp(-0.5 * (t / sigma) ** 2)
    k = k / k.sum()
    c = x.shape[1]
    x = F.pad(x, (r, r, r, r), mode="replicate")
    x = F.conv2d(x, k.view(1, 1, 1, -1).expand(c, 1, 1, -1), groups=c)
    return F.conv2d(x, k.view(1, 1, -1, 1).expand(c, 1, -1, 1), groups=c)


def degrade(target: torch.Tensor, rng: np.random.Generator, blur_max: float, noise_max: float) -> torch.Tensor:
    """What the stage below gives for this crop: x2 down, softened, noised, bilinear up."""
    h, w = target.shape[-2:]
    low = F.avg_pool2d(target, 2)
    low = gaussian_blur(low, float(rng.uniform(0, blur_max)))
    low = low + torch.randn_like(low) * float(rng.uniform(0, noise_max))
    return upsample_picture(low, h, w)


class RefinerTrainer:
    def __init__(self, cfg: RefinerConfig, out: Path, palette_id: str = "landscape"):
        self.cfg, self.out = cfg, Path(out)
        torch.manual_seed(cfg.seed)
        torch.set_num_threads(cfg.threads)
        self.nc = len(load_palette(palette_id))
        self.G = RefinerStage(self.nc, cfg.channels, cfg.blocks, cfg.family)
        self.D = PatchDiscriminator(3 + self.nc + 2, cfg.ndf, cfg.d_layers)
        self.G_ema = copy.deepcopy(self.G).eval()
        self.opt_g = torch.optim.Adam(self.G.parameters(), lr=cfg.lr_g, betas=(0.0, 0.99))
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=cfg.lr_d, betas=(0.0, 0.99))
        self.step, self.history = 0, []
        self.started_from = None  # {"pack": id, "steps": n} when the run began from a pack's stage
        self.keep_every = 0  # also keep every N-th step's checkpoint in steps/<step>/ (0: only the latest)
        self.ckpt = self.out / "checkpoint.pt"
        if self.ckpt.is_file():
            s = torch.load(self.ckpt, map_location="cpu")
            for k in ("G", "D", "G_ema", "opt_g", "opt_d"):
                getattr(self, k).load_state_dict(s[k])
            self.step, self.history = s["step"], s.get("history", [])
            self.started_from = s.get("started_from")
            print(f"resumed {self.ckpt} at step {self.step}", file=sys.stderr, flush=True)

    @classmethod
    def from_run(cls, run: Path) -> "RefinerTrainer":
        state = torch.load(Path(run) / "checkpoint.pt", map_location="cpu")
        return cls(RefinerConfig(**state["config"]), Path(run))

    def init_from_pack(self, pack: Path) -> None:
        """Starts from the stage a pack's ladder carries (its first rung's file): same network only;
        the discriminator starts fresh, the step count continues from the pack's."""
        from scenebrush_training.train.warmstart import WarmStartError, onnx_weights

        meta = json.loads((pack / "pack.json").read_text())
        rungs = meta.get("refiners") or []
        if not rungs:
            raise WarmStartError(f"{pack}: the pack has no refiners")
        recorded = (meta.get("training") or {}).get("refiners") or {}
        network = recorded.get("network", {})
        for key, value in self.G.config().items():
            if key in network and network[key] != value:
                raise WarmStartError(f"{pack}: refiner {key} is {network[key]}, the run's is {value}")
        weights = onnx_weights(pack / rungs[0]["file"], "")
        state = self.G.state_dict()
        if set(weights) != set(state) or any(weights[k].shape != tuple(state[k].shape) for k in state):
            raise WarmStartError(f"{pack}: {rungs[0]['file']} does not hold this run's stage network")
        self.G.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()})
        self.G_ema.load_state_dict(self.G.state_dict())
        self.step = int(recorded.get("steps", 0))
        self.started_from = {"pack": meta.get("id", pack.name), "steps": self.step}
        print(f"started from {pack}'s refiner at step {self.step}", file=sys.stderr, flush=True)

    def save(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        s = {k: getattr(self, k).state_dict() for k in ("G", "D", "G_ema", "opt_g", "opt_d")}
        s.update(step=self.step, config=asdict(self.cfg), history=self.history[-2000:])
        if self.started_from:
            s["started_from"] = self.started_from
        tmp = self.ckpt.with_suffix(".tmp")
        torch.save(s, tmp)
        tmp.replace(self.ckpt)
        keep(self.out, self.step, self.keep_every, self.ckpt)

    def batch(self, data: RenderSet, rng: np.random.Generator):
        cfg = self.cfg
        imgs, labs, insts = [], [], []
        for _ in range(cfg.batch):
            i = int(rng.integers(len(data)))
            img, lab, inst = data.images[i], data.labels[i], data.instances[i]
            h, w = lab.shape
            c = min(cfg.crop, h, w) // 4 * 4
            y = int(rng.integers(0, (h - c) // 4 + 1)) * 4
            x = int(rng.integers(0, (w - c) // 4 + 1)) * 4
            img, lab, inst = img[y : y + c, x : x + c], lab[y : y + c, x : x + c], inst[y : y + c, x : x + c]
            if rng.random() < 0.5:
                img, lab, inst = img[:, ::-1], lab[:, ::-1], inst[:, ::-1]
            imgs.append(np.ascontiguousarray(img))
            labs.append(drop_labels(np.ascontiguousarray(lab), rng, 0.0, cfg.drop_regions))
            insts.append(np.ascontiguousarray(inst))
        target = torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).float().div(127.5).sub(1)
        lab_idx = torch.from_numpy(np.stack(labs).astype(np.int64))
        inst_idx = torch.from_numpy(np.stack(insts).astype(np.int64))
        label = one_hot(lab_idx, self.nc)
        edge = instance_edges(inst_idx)
        if cfg.self_input > 0 and rng.random() < cfg.self_input:
            picture = self.own_input(target, lab_idx, inst_idx, rng)
        else:
            picture = degrade(target, rng, cfg.blur_max, cfg.noise_max)
        return target, picture, label, edge

    @torch.no_grad()
    def own_input(self, target, lab_idx, inst_idx, rng: np.random.Generator) -> torch.Tensor:
        """The input the rung below gives: the stage's own output at half the crop's size (from the
        crop taken down x2 and softened as usual), clamped as the app clamps it, brought back up."""
        h, w = target.shape[-2:]
        half = F.avg_pool2d(target, 2)
        lab, inst = lab_idx[:, ::2, ::2], inst_idx[:, ::2, ::2]
        below = degrade(half, rng, self.cfg.blur_max, self.cfg.noise_max)
        noise = torch.from_numpy(rng.standard_normal((len(half), 1) + tuple(half.shape[-2:])).astype(np.float32))
        out = self.G_ema(below, one_hot(lab, self.nc), instance_edges(inst), noise).clamp(-1, 1)
        return upsample_picture(out, h, w)

    def train_step(self, target, picture, label, edge) -> dict:
        cfg = self.cfg
        cond = torch.cat([label, edge], 1)
        noise = torch.randn_like(edge)
        fake = self.G(picture, label, edge, noise)
        d_fake = self.D(torch.cat([fake, cond], 1))
        with torch.no_grad():
            d_real = self.D(torch.cat([target, cond], 1))
        losses = {
            "g_adv": -d_fake[-1].mean(),
            "g_fm": feature_matching([d_real], [d_fake]) * cfg.lambda_fm,
            "g_l1": F.l1_loss(fake, target) * cfg.lambda_l1,
        }
        self.opt_g.zero_grad(set_to_none=True)
        sum(losses.values()).backward()
        self.opt_g.step()
        d_loss = hinge_d([self.D(torch.cat([target, cond], 1))], [self.D(torch.cat([fake.detach(), cond], 1))])
        self.opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        self.opt_d.step()
        losses["d_hinge"] = d_loss
        with torch.no_grad():
            decay = min(cfg.ema, (1 + self.step) / (10 + self.step))
            for pe, p in zip(self.G_ema.parameters(), self.G.parameters()):
                pe.mul_(decay).add_(p.detach(), alpha=1 - decay)
        return {k: float(v) for k, v in losses.items()}

    def fit(self, data: RenderSet, until: int | None = None) -> None:
        cfg = self.cfg
        until = min(cfg.steps, until or cfg.steps)
        rng = np.random.default_rng([cfg.seed, self.step])
        t0 = time.perf_counter()
        while self.step < until:
            losses = self.train_step(*self.batch(data, rng))
            self.step += 1
            if self.step % cfg.log_every == 0:
                self.history.append({"step": self.step, **{k: round(v, 4) for k, v in losses.items()}})
                print(
                    f"step {self.step}/{cfg.steps} "
                    + " ".join(f"{k}={v:.3f}" for k, v in losses.items())
                    + f" [{time.perf_counter() - t0:.0f}s]",
                    flush=True,
                )
            if self.step % cfg.checkpoint_every == 0:
                self.save()
        self.save()


def train(
    config: Path,
    out: Path,
    data: list | None = None,
    until: int | None = None,
    threads: int | None = None,
    init_from_pack: Path | None = None,
    keep_every: int = 0,
) -> RefinerTrainer:
    cfg = RefinerConfig.load(config, threads=threads)
    if data:
        cfg.data = [str(d) for d in data]
    trainer = RefinerTrainer(cfg, out)
    trainer.keep_every = keep_every
    if init_from_pack is not None and trainer.step == 0:
        trainer.init_from_pack(Path(init_from_pack))
    trainer.fit(RenderSet(cfg.data, cfg.holdout, cfg.max_samples), until)
    (Path(out) / "refiner.json").write_text(json.dumps(trainer.G.config(), indent=2) + "\n")
    return trainer
