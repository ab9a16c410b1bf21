"""Class-specific generators (CollageGAN, Li et al. 2021) for single objects: each thing class
gets its own small generator that re-renders an instance from its surroundings.

Training data are instance crops: a square box twice the instance's size around it, cut from a
real render; the instance is removed from the context (masked to 0, or blurred to keep its
colour tone: `context` in the config), and the generator sees the context, the cropped labels,
the instance mask and its own z. Losses: hinge adversarial and feature matching on the crop
with the generated instance pasted into the real context, plus L1 inside the instance.
Exported under docs/design.md §5: context, label, mask, z [N, Z] -> image."""

from __future__ import annotations

import copy
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image, ImageFilter
from scenebrush_training.nets.patch import MultiScaleDiscriminator
from scenebrush_training.data.palette import load_palette
from scenebrush_training.data.pngio import load_index, load_instances, load_rgb
from scenebrush_training.train.losses import feature_matching, hinge_d
from scenebrush_training.train.options import load_config
from scenebrush_training.tensors import one_hot
from scenebrush_training.nets.collage import AppearanceEncoder, ClassGenerator


CONTEXT_MODES = ("mask", "blur")


@dataclass
class ClassConfig:
    name: str = "class"
    class_name: str = "tree"
    data: str = ""
    size: int = 64
    context: str = "blur"
    batch: int = 8
    steps: int = 10000
    ngf: int = 16
    hidden: int = 16
    z_dim: int = 16
    ndf: int = 16
    lr_g: float = 1e-4
    lr_d: float = 4e-4
    lambda_fm: float = 10.0
    lambda_l1: float = 10.0
    # Above 0: an appearance encoder gives the L1-supervised render its z (cVAE), and a second
    # render from z ~ N(0, 1) is judged by the discriminator alone, so a new z is a new look
    # instead of the blurred mean that L1 pulls a z-blind generator to (BicycleGAN).
    lambda_kl: float = 0.0
    lambda_latent: float = 0.0  # the encoder must read the random z back from its render
    lambda_ms: float = 0.0  # mode seeking: renders of two z must differ as much as the z do
    nef: int = 16
    ema: float = 0.999
    min_area: int = 40
    max_crops: int = 4000
    checkpoint_every: int = 250
    log_every: int = 50
    threads: int = 2
    seed: int = 0
    holdout: int = 200
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, **overrides) -> "ClassConfig":
        cfg = load_config(cls, path, overrides)
        if cfg.context not in CONTEXT_MODES:
            raise ValueError(f"context must be one of {CONTEXT_MODES}, got {cfg.context!r}")
        return cfg


def crop_box(ys: np.ndarray, xs: np.ndarray, h: int, w: int) -> tuple[int, int, int]:
    """A square twice the instance's larger side, centred on it, shifted to stay in the image."""
    cy, cx = (ys.min() + ys.max() + 1) / 2, (xs.min() + xs.max() + 1) / 2
    side = int(min(max(h, w), 2 * max(ys.max() - ys.min() + 1, xs.max() - xs.min() + 1)))
    side = max(side, 8)
    y0 = int(np.clip(round(cy - side / 2), 0, max(0, h - side)))
    x0 = int(np.clip(round(cx - side / 2), 0, max(0, w - side)))
    return y0, x0, min(side, h, w)


def remove_instance(image: np.ndarray, mask: np.ndarray, mode: str) -> np.ndarray:
    """The context: the instance's pixels set to 0 ("mask") or to a strong blur of the crop
    ("blur", keeps the colour tone, as CollageGAN's blurred context)."""
    out = image.copy()
    if mode == "mask":
        out[mask] = 0
    else:
        radius = max(2, image.shape[0] // 6)
        blurred = np.asarray(Image.fromarray(image).filter(ImageFilter.GaussianBlur(radius)))
        out[mask] = blurred[mask]
    return out


def instance_crops(
    root: Path, class_index: int, size: int, context: str, min_area: int, max_crops: int, holdout: int = 0
):
    """(context, labels, mask, real) arrays of every instance of the class, resized to size²."""
    names = sorted(p.name for p in (root / "labels").glob("*.png"))
    if holdout:
        names = names[:-holdout]
    ctx, labs, masks, reals = [], [], [], []
    for n in names:
        labels = load_index(root / "labels" / n)
        inst = load_instances(root / "instances" / n)
        present = labels == class_index
        if not present.any():
            continue
        image = load_rgb(root / "images" / n)
        h, w = labels.shape
        for iid in np.unique(inst[present]):
            if iid == 0:
                continue
            m = present & (inst == iid)
            ys, xs = np.nonzero(m)
            if len(ys) < min_area:
                continue
            y0, x0, side = crop_box(ys, xs, h, w)
            sl = (slice(y0, y0 + side), slice(x0, x0 + side))
            img_c, lab_c, m_c = image[sl], labels[sl], m[sl]
            resize = lambda a, mode: np.asarray(Image.fromarray(a).resize((size, size), mode))  # noqa: E731
            real = resize(img_c, Image.BILINEAR)
            mk = resize(m_c.astype(np.uint8) * 255, Image.NEAREST) > 0
            reals.append(real)
            labs.append(resize(lab_c, Image.NEAREST))
            masks.append(mk)
            ctx.append(remove_instance(real, mk, context))
            if len(reals) >= max_crops:
                return np.stack(ctx), np.stack(labs), np.stack(masks), np.stack(reals)
    if not reals:
        raise ValueError(f"no instances of class {class_index} with at least {min_area} px in {root}")
    return np.stack(ctx), np.stack(labs), np.stack(masks), np.stack(reals)


class ClassTrainer:
    def __init__(self, cfg: ClassConfig, out: Path, palette_id: str = "landscape"):
        self.cfg, self.out = cfg, out
        torch.manual_seed(cfg.seed)
        torch.set_num_threads(cfg.threads)
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.palette = load_palette(palette_id)
        self.cls = self.palette.index(cfg.class_name)
        if self.palette.classes[self.cls].kind != "thing":
            raise ValueError(f"class generators are for thing classes; '{cfg.class_name}' is stuff")
        nc = len(self.palette)
        self.nc = nc
        self.G = ClassGenerator(nc, cfg.size, cfg.ngf, cfg.hidden, cfg.z_dim).to(self.device)
        self.D = MultiScaleDiscriminator(3 + nc + 2, cfg.ndf, 2).to(self.device)
        self.G_ema = copy.deepcopy(self.G).eval()
        self.E = AppearanceEncoder(cfg.z_dim, cfg.size, cfg.nef).to(self.device) if cfg.lambda_kl > 0 else None
        g_params = list(self.G.parameters()) + (list(self.E.parameters()) if self.E else [])
        self.opt_g = torch.optim.Adam(g_params, lr=cfg.lr_g, betas=(0.0, 0.999))
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=cfg.lr_d, betas=(0.0, 0.999))
        self.step = 0
        self.history: list[dict] = []
        self.ckpt = out / "checkpoint.pt"
        if self.ckpt.is_file():
            s = torch.load(self.ckpt, map_location=self.device)
            self.G.load_state_dict(s["G"])
            self.D.load_state_dict(s["D"])
            self.G_ema.load_state_dict(s["G_ema"])
            if self.E is not None:
                self.E.load_state_dict(s["E"])
            self.opt_g.load_state_dict(s["opt_g"])
            self.opt_d.load_state_dict(s["opt_d"])
            self.step, self.history = s["step"], s.get("history", [])
            print(f"resumed {self.ckpt} at step {self.step}", file=sys.stderr, flush=True)

    def save(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        s = {
            "G": self.G.state_dict(),
            "D": self.D.state_dict(),
            "G_ema": self.G_ema.state_dict(),
            **({"E": self.E.state_dict()} if self.E is not None else {}),
            "opt_g": self.opt_g.state_dict(),
            "opt_d": self.opt_d.state_dict(),
            "step": self.step,
            "config": asdict(self.cfg),
            "history": self.history[-2000:],
        }
        tmp = self.ckpt.with_suffix(".tmp")
        torch.save(s, tmp)
        tmp.replace(self.ckpt)

    def fit(self, crops, until: int | None = None) -> None:
        cfg = self.cfg
        ctx, labs, masks, reals = crops
        until = min(cfg.steps, until or cfg.steps)
        rng = np.random.default_rng([cfg.seed, self.step])
        t0 = time.perf_counter()
        d = self.device
        while self.step < until:
            idx = rng.integers(0, len(reals), cfg.batch)
            flip = rng.random() < 0.5

            def t(a):  # noqa: E306
                a = a[idx][:, :, ::-1] if flip else a[idx]
                return np.ascontiguousarray(a)

            real = torch.from_numpy(t(reals)).permute(0, 3, 1, 2).float().div(127.5).sub(1).to(d)
            context = torch.from_numpy(t(ctx)).permute(0, 3, 1, 2).float().div(127.5).sub(1).to(d)
            mask = torch.from_numpy(t(masks))[:, None].float().to(d)
            label = one_hot(torch.from_numpy(t(labs).astype(np.int64)), self.nc).to(d)
            context = context * (1 - mask) if cfg.context == "mask" else context
            losses = self.train_step(real, context, label, mask)
            with torch.no_grad():
                decay = min(cfg.ema, (1 + self.step) / (10 + self.step))
                for pe, p in zip(self.G_ema.parameters(), self.G.parameters()):
                    pe.mul_(decay).add_(p.detach(), alpha=1 - decay)
                for be, b in zip(self.G_ema.buffers(), self.G.buffers()):
                    be.copy_(b)
            self.step += 1
            if self.step % cfg.log_every == 0:
                vals = {k: round(float(v), 4) for k, v in losses.items()}
                self.history.append({"step": self.step, **vals})
                print(
                    f"step {self.step}/{cfg.steps} "
                    + " ".join(f"{k}={v:.3f}" for k, v in vals.items())
                    + f" [{time.perf_counter() - t0:.0f}s]",
                    flush=True,
                )
            if self.step % cfg.checkpoint_every == 0:
                self.save()
        self.save()

    def train_step(self, real, context, label, mask) -> dict:
        """One generator and one discriminator update; the losses by name."""
        cfg, n = self.cfg, len(real)
        z = torch.randn(n, cfg.z_dim, device=self.device)
        losses = {}
        if self.E is not None:
            mu, logvar = self.E(real, mask)
            z_enc = mu + torch.randn_like(mu) * (0.5 * logvar).exp()
            losses["g_kl"] = -0.5 * (1 + logvar - mu**2 - logvar.exp()).mean() * cfg.lambda_kl
            z, twice = torch.cat([z_enc, z]), lambda t: torch.cat([t, t])  # noqa: E731
            real2, context2, label2, mask2 = twice(real), twice(context), twice(label), twice(mask)
        else:
            real2, context2, label2, mask2 = real, context, label, mask
        fake = self.G(context2, label2, mask2, z)
        pasted = mask2 * fake + (1 - mask2) * real2
        cond, cond2 = torch.cat([label, mask], 1), torch.cat([label2, mask2], 1)
        d_fake = self.D(torch.cat([pasted, cond2], 1))
        with torch.no_grad():
            d_real = self.D(torch.cat([real, cond], 1))
        supervised = fake[:n]  # rendered from the real object's own z (or, without encoder, any z)
        losses["g_adv"] = -sum(o[-1].mean() for o in d_fake) / len(d_fake)
        losses["g_fm"] = feature_matching(d_real, [[f[:n] for f in o] for o in d_fake]) * cfg.lambda_fm
        losses["g_l1"] = F.l1_loss(supervised * mask, real * mask) * cfg.lambda_l1
        if self.E is not None:
            free = fake[n:]
            if cfg.lambda_latent > 0:
                losses["g_latent"] = F.l1_loss(self.E(free, mask)[0], z[n:]) * cfg.lambda_latent
            if cfg.lambda_ms > 0:
                apart = ((free - supervised).abs() * mask).sum() / (mask.sum() * 3 + 1e-6)
                losses["g_ms"] = cfg.lambda_ms / (apart / (z[n:] - z[:n]).abs().mean() + 1e-5)
        self.opt_g.zero_grad(set_to_none=True)
        sum(losses.values()).backward()
        self.opt_g.step()
        d_loss = hinge_d(self.D(torch.cat([real, cond], 1)), self.D(torch.cat([pasted.detach(), cond2], 1)))
        self.opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        self.opt_d.step()
        losses["d_hinge"] = d_loss
        return losses

    def export(self, path: Path) -> dict:
        """ONNX (context, label, mask, z -> image) and the pack.json classGenerators entry."""
        gen = self.G_ema.cpu().eval()
        s = self.cfg.size
        args = (
            torch.zeros(1, 3, s, s),
            torch.zeros(1, self.nc + 1, s, s),
            torch.zeros(1, 1, s, s),
            torch.zeros(1, self.cfg.z_dim),
        )
        args[1][:, -1] = 1
        dyn = {
            "context": {0: "N", 2: "H", 3: "W"},
            "label": {0: "N", 2: "H", 3: "W"},
            "mask": {0: "N", 2: "H", 3: "W"},
            "z": {0: "N"},
            "image": {0: "N", 2: "H", 3: "W"},
        }
        torch.onnx.export(
            gen,
            args,
            str(path),
            input_names=["context", "label", "mask", "z"],
            output_names=["image"],
            dynamic_axes=dyn,
            opset_version=13,
            do_constant_folding=True,
        )
        self.G_ema.to(self.device)
        return {
            "class": self.cfg.class_name,
            "file": path.name,
            "resolution": [s, s],
            "context": self.cfg.context,
            "zDim": self.cfg.z_dim,
            "network": gen.config(),
            "training": {"steps": self.step},
        }
