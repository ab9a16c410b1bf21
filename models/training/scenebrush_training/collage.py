"""Class-specific generators (CollageGAN, Li et al. 2021) for single objects: each thing class
gets its own small generator that re-renders an instance from its surroundings.

Training data are instance crops: a square box twice the instance's size around it, cut from a
real render; the instance is removed from the context (masked to 0, or blurred to keep its
colour tone: `context` in the config), and the generator sees the context, the cropped labels,
the instance mask and its own z. Losses: hinge adversarial and feature matching on the crop
with the generated instance pasted into the real context, plus L1 inside the instance.
Exported under docs/design.md §5: context, label, mask, z [N, Z] -> image.
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
from PIL import Image, ImageFilter
from torch import nn

from .networks import SPADEResBlock, MultiScaleDiscriminator, _downsample_nearest
from .palette import load_palette
from .pngio import load_index, load_instances, load_rgb
from .train_gan import feature_matching, hinge_d, load_config, one_hot

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


def instance_crops(root: Path, class_index: int, size: int, context: str, min_area: int, max_crops: int,
                   holdout: int = 0):
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


class ClassGenerator(nn.Module):
    """Encoder on (context, labels, mask) to a 4x4 grid, then SPADE blocks back up, conditioned
    on labels, mask and context at each scale and on the object's own z (broadcast)."""

    def __init__(self, num_classes: int, size: int = 64, ngf: int = 16, hidden: int = 16, z_dim: int = 16):
        super().__init__()
        self.num_classes, self.size, self.z_dim = num_classes, size, z_dim
        self.num_up = int(np.log2(size // 4))
        self._config = {"type": "class", "numClasses": num_classes, "size": size, "ngf": ngf, "hidden": hidden,
                        "zDim": z_dim}
        cin = 3 + num_classes + 1 + 1
        cond = cin + z_dim
        chans = [ngf * min(8, 2 ** (self.num_up - i)) for i in range(self.num_up + 1)]
        enc, c = [], cin
        for i in range(self.num_up):
            co = chans[self.num_up - i - 1]
            enc += [nn.Conv2d(c, co, 4, 2, 1), nn.LeakyReLU(0.2, True)]
            c = co
        self.encoder = nn.Sequential(*enc)
        self.ups = nn.ModuleList([SPADEResBlock(chans[i], chans[i + 1], cond, hidden) for i in range(self.num_up)])
        self.to_rgb = nn.Conv2d(chans[-1], 3, 3, 1, 1)

    def config(self) -> dict:
        return dict(self._config)

    @property
    def multiple_of(self) -> int:
        return 2 ** self.num_up

    def forward(self, context, label, mask, z):
        x_in = torch.cat([context, label, mask], 1)
        h, w = x_in.shape[2:]
        zmap = z[:, :, None, None].expand(-1, -1, h, w)
        cond_full = torch.cat([x_in, zmap], 1)
        x = self.encoder(x_in)
        for i, block in enumerate(self.ups):
            x = F.interpolate(x, scale_factor=2.0, mode="nearest")
            f = 2 ** (self.num_up - i - 1)
            # The condition at this scale, in cond_full's channel order: context, label, mask, z.
            cond = cond_full if f == 1 else torch.cat(
                [F.avg_pool2d(context, f), _downsample_nearest(label, f), _downsample_nearest(mask, f),
                 F.avg_pool2d(zmap, f)], 1)
            x = block(x, cond)
        return torch.tanh(self.to_rgb(F.leaky_relu(x, 0.2)))


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
        self.opt_g = torch.optim.Adam(self.G.parameters(), lr=cfg.lr_g, betas=(0.0, 0.999))
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=cfg.lr_d, betas=(0.0, 0.999))
        self.step = 0
        self.history: list[dict] = []
        self.ckpt = out / "checkpoint.pt"
        if self.ckpt.is_file():
            s = torch.load(self.ckpt, map_location=self.device)
            self.G.load_state_dict(s["G"]); self.D.load_state_dict(s["D"]); self.G_ema.load_state_dict(s["G_ema"])
            self.opt_g.load_state_dict(s["opt_g"]); self.opt_d.load_state_dict(s["opt_d"])
            self.step, self.history = s["step"], s.get("history", [])
            print(f"resumed {self.ckpt} at step {self.step}", file=sys.stderr, flush=True)

    def save(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        s = {"G": self.G.state_dict(), "D": self.D.state_dict(), "G_ema": self.G_ema.state_dict(),
             "opt_g": self.opt_g.state_dict(), "opt_d": self.opt_d.state_dict(), "step": self.step,
             "config": asdict(self.cfg), "history": self.history[-2000:]}
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
            z = torch.randn(cfg.batch, cfg.z_dim, device=d)
            fake = self.G(context, label, mask, z)
            pasted = mask * fake + (1 - mask) * real
            cond = torch.cat([label, mask], 1)
            d_fake = self.D(torch.cat([pasted, cond], 1))
            with torch.no_grad():
                d_real = self.D(torch.cat([real, cond], 1))
            losses = {"g_adv": -sum(o[-1].mean() for o in d_fake) / len(d_fake),
                      "g_fm": feature_matching(d_real, d_fake) * cfg.lambda_fm,
                      "g_l1": (F.l1_loss(fake * mask, real * mask) * cfg.lambda_l1)}
            self.opt_g.zero_grad(set_to_none=True)
            sum(losses.values()).backward()
            self.opt_g.step()
            d_loss = hinge_d(self.D(torch.cat([real, cond], 1)), self.D(torch.cat([pasted.detach(), cond], 1)))
            self.opt_d.zero_grad(set_to_none=True)
            d_loss.backward()
            self.opt_d.step()
            losses["d_hinge"] = d_loss
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
                print(f"step {self.step}/{cfg.steps} " + " ".join(f"{k}={v:.3f}" for k, v in vals.items())
                      + f" [{time.perf_counter() - t0:.0f}s]", flush=True)
            if self.step % cfg.checkpoint_every == 0:
                self.save()
        self.save()

    def export(self, path: Path) -> dict:
        """ONNX (context, label, mask, z -> image) and the pack.json classGenerators entry."""
        gen = self.G_ema.cpu().eval()
        s = self.cfg.size
        args = (torch.zeros(1, 3, s, s), torch.zeros(1, self.nc + 1, s, s), torch.zeros(1, 1, s, s),
                torch.zeros(1, self.cfg.z_dim))
        args[1][:, -1] = 1
        dyn = {"context": {0: "N", 2: "H", 3: "W"}, "label": {0: "N", 2: "H", 3: "W"},
               "mask": {0: "N", 2: "H", 3: "W"}, "z": {0: "N"}, "image": {0: "N", 2: "H", 3: "W"}}
        torch.onnx.export(gen, args, str(path), input_names=["context", "label", "mask", "z"],
                          output_names=["image"], dynamic_axes=dyn, opset_version=13, do_constant_folding=True)
        self.G_ema.to(self.device)
        return {"class": self.cfg.class_name, "file": path.name, "resolution": [s, s], "context": self.cfg.context,
                "zDim": self.cfg.z_dim, "network": gen.config(), "training": {"steps": self.step}}


def attach_class_generator(pack: Path, trainer: ClassTrainer, fp16: bool = False) -> Path:
    """Adds (or replaces) the class's generator in a pack's classGenerators."""
    from .export import _to_fp16

    manifest_path = pack / "pack.json"
    manifest = json.loads(manifest_path.read_text())
    entry = trainer.export(pack / f"class-{trainer.cfg.class_name}.onnx")
    if fp16:
        _to_fp16(pack / entry["file"])
        entry["fp16"] = True
    gens = [g for g in manifest.get("classGenerators", []) if g.get("class") != entry["class"]]
    manifest["classGenerators"] = gens + [entry]
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest_path


@torch.no_grad()
def evaluate_class(base_run: Path, class_run: Path, heldout: Path, max_maps: int = 200, threads: int = 2,
                   seed: int = 0) -> dict:
    """Per-class Fréchet distance of instance crops (CollageGAN's Table 4 analogue): crops of the
    class's instances from the real held-out renders against the same crops of the base
    generator's render, and of that render after the class pass (the class generator re-renders
    each instance from the base render's context; pasted with a dilated soft alpha).
    Features are the evaluation segmenter's, as for the whole-image distance."""
    from scipy import ndimage

    from .evaluate_generator import generate, load_generator
    from .metrics import frechet_distance
    from .segmenter import load_segmenter, predict

    torch.set_num_threads(threads)
    gen, _, cfg, base_steps = load_generator(base_run)
    state = torch.load(class_run / "checkpoint.pt", map_location="cpu")
    ccfg = ClassConfig(**state["config"])
    trainer = ClassTrainer(ccfg, class_run)
    cg = trainer.G_ema.cpu().eval()
    s = ccfg.size
    names = sorted(p.name for p in (heldout / "images").glob("*.png"))[:max_maps]
    g = torch.Generator().manual_seed(seed)
    real_c, base_c, class_c = [], [], []
    for n in names:
        image = load_rgb(heldout / "images" / n)
        labels = load_index(heldout / "labels" / n)
        inst = load_instances(heldout / "instances" / n)
        present = labels == trainer.cls
        if not present.any():
            continue
        h, w = labels.shape
        base = generate(gen, labels[None], inst[None], torch.randn(1, gen.z_dim, generator=g), cfg.size, h)[0]
        for iid in np.unique(inst[present]):
            m = present & (inst == iid)
            ys, xs = np.nonzero(m)
            if iid == 0 or len(ys) < ccfg.min_area:
                continue
            y0, x0, side = crop_box(ys, xs, h, w)
            sl = (slice(y0, y0 + side), slice(x0, x0 + side))
            rs = lambda a, mode: np.asarray(Image.fromarray(a).resize((s, s), mode))  # noqa: E731
            real, bcrop = rs(image[sl], Image.BILINEAR), rs(base[sl], Image.BILINEAR)
            mk = rs(m[sl].astype(np.uint8) * 255, Image.NEAREST) > 0
            lab = rs(labels[sl], Image.NEAREST)
            ctx = torch.from_numpy(remove_instance(bcrop, mk, ccfg.context)).permute(2, 0, 1)[None].float() / 127.5 - 1
            mt = torch.from_numpy(mk)[None, None].float()
            if ccfg.context == "mask":
                ctx = ctx * (1 - mt)
            out = cg(ctx, one_hot(torch.from_numpy(lab.astype(np.int64))[None], trainer.nc), mt,
                     torch.randn(1, ccfg.z_dim, generator=g))
            out = ((out[0].clamp(-1, 1) + 1) * 127.5).permute(1, 2, 0).numpy()
            grow = max(1, s // 32)
            alpha = ndimage.uniform_filter(ndimage.binary_dilation(mk, iterations=grow).astype(float), 2 * grow + 1)
            alpha = np.maximum(alpha, mk)[..., None]
            comp = (alpha * out + (1 - alpha) * bcrop).round().clip(0, 255).astype(np.uint8)
            real_c.append(real), base_c.append(bcrop), class_c.append(comp)
    if len(real_c) < 2:
        raise ValueError(f"fewer than 2 '{ccfg.class_name}' instances in {heldout}")
    seg = load_segmenter()
    f_real = predict(seg, np.stack(real_c))[1]
    return {"class": ccfg.class_name, "instances": len(real_c), "maps": len(names),
            "base_run_steps": base_steps, "class_run_steps": trainer.step,
            "fd_base": frechet_distance(predict(seg, np.stack(base_c))[1], f_real),
            "fd_class": frechet_distance(predict(seg, np.stack(class_c))[1], f_real)}
