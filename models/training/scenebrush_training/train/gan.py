"""`train`: the base generator (SPADE or the pix2pix-style baseline) with a VAE style encoder.

options (a JSON config file) -> Trainer -> model (G, D, E) -> networks. Losses come back as a
named dict. Training drops labels to UNKNOWN at random, whole maps and regions (OCO-GAN), and
swaps in artist-style simplified maps, so unpainted areas and coarse paintings render well."""

from __future__ import annotations

import copy
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
import numpy as np
import torch
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from scenebrush_training.nets.patch import MultiScaleDiscriminator
from scenebrush_training.nets.resail import RESAILGenerator
from scenebrush_training.nets.scgan import SCGANGenerator
from scenebrush_training.nets.spade import SPADEGenerator
from scenebrush_training.nets.encoder import StyleEncoder
from scenebrush_training.nets.unet import UNetGenerator
from scenebrush_training.train import batches, distributed, oasis
from scenebrush_training.train import warmstart, zprior
from scenebrush_training.train.kept import keep
from scenebrush_training.train.options import TrainConfig
from scenebrush_training.data.training_set import LandscapeData
from scenebrush_training.nets.oasis import SegmentationDiscriminator
from scenebrush_training.train.perceptual import RandomFeatures, perceptual_loss
from scenebrush_training.data.palette import load_palette
from scenebrush_training.train.losses import feature_matching
from scenebrush_training.train.losses import hinge_d, mode_seeking
from scenebrush_training.tensors import instance_edges
from scenebrush_training.tensors import one_hot


class Trainer:
    def __init__(self, cfg: TrainConfig, out: Path, palette_id: str = "landscape", init_from: Path | None = None):
        self.cfg, self.out = cfg, out
        # Every keep_every steps the checkpoint is also kept in steps/<step>/ (0: only the latest).
        self.keep_every = 0
        # Same seed on every rank: every copy starts from the same weights.
        torch.manual_seed(cfg.seed)
        torch.set_num_threads(cfg.threads)
        self.ranks = distributed.from_environment()
        self.device = self.ranks.device()
        self.palette = load_palette(palette_id)
        nc = len(self.palette)
        self.nc = nc
        self.G = self.new_generator()
        if cfg.discriminator == "oasis":
            self.D = SegmentationDiscriminator(nc, cfg.ndf, depth=min(cfg.num_up, 5))
        else:
            self.D = MultiScaleDiscriminator(3 + nc + 2, cfg.ndf, cfg.d_scales)
        self.E = StyleEncoder(cfg.z_dim) if cfg.use_encoder and cfg.generator != "resail" else None
        self.library = None
        self.features = RandomFeatures().to(self.device) if cfg.lambda_perceptual else None
        self.D.to(self.device)
        self.warm_start: dict | None = None
        self.ckpt = out / "checkpoint.pt"
        if init_from is not None and not self.ckpt.is_file():
            self.warm_start = warmstart.apply(init_from, self.palette.id, self.G, self.E)
            print(
                f"started from pack {init_from} at step {self.warm_start['steps']}"
                + (f"; trained afresh: {', '.join(self.warm_start['fresh'])}" if self.warm_start["fresh"] else "")
                + (f"; changed: {', '.join(self.warm_start['changed'])}" if "changed" in self.warm_start else ""),
                file=sys.stderr,
                flush=True,
            )
        if self.E is not None:
            self.E.to(self.device)
        self.G.to(self.device)
        self.G_ema = copy.deepcopy(self.G).eval()
        # Generator and encoder train through DistributedDataParallel when there are several ranks;
        # the discriminator runs several forwards per backward (real, fake, LabelMix), which DDP
        # does not allow, so its gradients are averaged by hand after its backward.
        self.G_train, self.E_train = self.G, self.E
        if self.ranks.distributed:
            ids = [self.device.index] if self.device.type == "cuda" else None
            self.G_train = DistributedDataParallel(self.G, device_ids=ids, find_unused_parameters=True)
            if self.E is not None:
                self.E_train = DistributedDataParallel(self.E, device_ids=ids, find_unused_parameters=True)
        g_params = list(self.G.parameters()) + (list(self.E.parameters()) if self.E is not None else [])
        self.opt_g = torch.optim.Adam(g_params, lr=cfg.lr_g, betas=(cfg.beta1, cfg.beta2))
        self.opt_d = torch.optim.Adam(self.D.parameters(), lr=cfg.lr_d, betas=(cfg.beta1, cfg.beta2))
        self.step = self.warm_start["steps"] if self.warm_start else 0
        self.history: list[dict] = []
        if self.ckpt.is_file():
            self._resume()

    @classmethod
    def from_run(cls, run: Path) -> "Trainer":
        """The trainer of a run folder, with the config its checkpoint was trained with."""
        state = torch.load(Path(run) / "checkpoint.pt", map_location="cpu")
        return cls(TrainConfig(**state["config"]), Path(run), state.get("palette", "landscape"))

    def new_generator(self):
        return generator_for(self.cfg, self.nc)

    def segment_library(self, data: "LandscapeData"):
        """resail: the library guidance is retrieved from (cut from the training data if none given)."""
        if self.library is None:
            from scenebrush_training.retrieval.guidance import Library
            from scenebrush_training.retrieval.segments import build_library

            path = Path(self.cfg.library) if self.cfg.library else self.out / "segments.bin"
            if not path.is_file():
                self.out.mkdir(parents=True, exist_ok=True)
                build_library(data.root, path, max_segments=20000, max_bytes=200_000_000)
            self.library_path = path
            self.library = Library(path)
        return self.library

    # ------------------------------------------------------------------ state
    def _resume(self) -> None:
        s = torch.load(self.ckpt, map_location=self.device)
        trained_on = s.get("palette", "landscape")
        if trained_on != self.palette.id:
            raise ValueError(f"{self.ckpt} was trained on palette '{trained_on}', the data uses '{self.palette.id}'")
        self.G.load_state_dict(s["G"])
        self.D.load_state_dict(s["D"])
        self.G_ema.load_state_dict(s["G_ema"])
        if self.E is not None:
            self.E.load_state_dict(s["E"])
        self.opt_g.load_state_dict(s["opt_g"])
        self.opt_d.load_state_dict(s["opt_d"])
        self.step = s["step"]
        self.history = s.get("history", [])
        self.warm_start = s.get("warm_start")
        print(f"resumed {self.ckpt} at step {self.step}", file=sys.stderr, flush=True)

    def save(self) -> None:
        if not self.ranks.writes:
            return
        self.out.mkdir(parents=True, exist_ok=True)
        s = {
            "G": self.G.state_dict(),
            "D": self.D.state_dict(),
            "G_ema": self.G_ema.state_dict(),
            "opt_g": self.opt_g.state_dict(),
            "opt_d": self.opt_d.state_dict(),
            "step": self.step,
            "config": asdict(self.cfg),
            "palette": self.palette.id,
            "history": self.history[-2000:],
        }
        if self.warm_start:
            s["warm_start"] = self.warm_start
        if self.E is not None:
            s["E"] = self.E.state_dict()
        tmp = self.ckpt.with_suffix(".tmp")
        torch.save(s, tmp)
        tmp.replace(self.ckpt)
        keep(self.out, self.step, self.keep_every, self.ckpt)

    # ------------------------------------------------------------------ data
    def batch(self, data: LandscapeData, rng: np.random.Generator):
        shard = self.ranks.shard(len(data))
        idx = shard[rng.integers(0, len(shard), self.cfg.batch)]
        resail = self.cfg.generator == "resail"
        b = batches.sample(self.cfg, data, idx, rng, self.palette, self.segment_library(data) if resail else None)
        d = self.device
        # The real picture's own classes, before artist simplification and dropping (oasis).
        self.true_target = torch.where(b.true >= self.nc, torch.full_like(b.true, oasis.IGNORE), b.true).to(d)
        if resail:
            self.guidance = b.guidance.to(d)
        return b.real.to(d), one_hot(b.labels, self.nc).to(d), instance_edges(b.instances).to(d)

    def z_map(self, real: torch.Tensor | None, n: int, h: int, w: int):
        """Encoded (reparameterised) z during training, broadcast as a spatial map; KL term."""
        if self.E is not None and real is not None:
            mu, logvar = self.E_train(real)
            z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
            terms = 1 + logvar - mu.pow(2) - logvar.exp()
            kl = -0.5 * (terms.sum() if self.cfg.kl_reduction == "sum" else terms.mean())
        else:
            z = torch.randn(n, self.cfg.z_dim, device=self.device)
            kl = torch.zeros((), device=self.device)
        return z[:, :, None, None].expand(-1, -1, h, w), kl

    # ------------------------------------------------------------------ one step
    def train_step(self, x, label, edge) -> dict[str, float]:
        cfg = self.cfg
        n, _, h, w = x.shape
        cond = torch.cat([label, edge], 1)
        # Generator (and encoder)
        if cfg.generator == "resail":
            kl = torch.zeros((), device=self.device)
            fake, other = self.G_train(label, edge, self.guidance), None
        else:
            z, kl = self.z_map(x, n, h, w)
            if cfg.lambda_ms:
                # One forward for both renders (DDP allows one per backward): the second under
                # the next picture's z, a style the prior holds.
                z_other = z.detach().roll(1, 0)
                both = self.G_train(torch.cat([label, label]), torch.cat([edge, edge]), torch.cat([z, z_other]))
                fake, other = both[:n], both[n:]
            else:
                fake, other = self.G_train(label, edge, z), None
        # With mode seeking the second render is judged too: it is what another z gives a user.
        judged, times = (fake, 1) if other is None else (both, 2)
        if cfg.discriminator == "oasis":
            targets = oasis.class_targets(label)
            losses = {"g_adv": oasis.generator_loss(self.D, judged, torch.cat([targets] * times))}
        else:
            d_fake = self.D(torch.cat([judged, torch.cat([cond] * times)], 1))
            with torch.no_grad():
                d_real = self.D(torch.cat([x, cond], 1))
            losses = {
                "g_adv": -sum(o[-1].mean() for o in d_fake) / len(d_fake),
                "g_fm": feature_matching(d_real, [[f[:n] for f in o] for o in d_fake]) * cfg.lambda_fm,
            }
        losses["g_kl"] = kl * cfg.lambda_kl
        if cfg.lambda_l1:
            losses["g_l1"] = F.l1_loss(F.avg_pool2d(fake, 4), F.avg_pool2d(x, 4)) * cfg.lambda_l1
        if self.features is not None:
            losses["g_perc"] = perceptual_loss(self.features, fake, x) * cfg.lambda_perceptual
        if cfg.generator == "scgan" and self.G.last_svg_rgb is not None:
            losses["g_svg"] = self.svg_loss(x)
        if other is not None:
            losses["g_ms"] = mode_seeking(fake, other, z, z_other) * cfg.lambda_ms
        g_total = sum(losses.values())
        self.opt_g.zero_grad(set_to_none=True)
        g_total.backward()
        self.opt_g.step()
        losses.update(self.discriminator_step(x, fake.detach(), cond))
        self._update_ema()
        return {k: float(v) for k, v in losses.items()}

    def svg_loss(self, x: torch.Tensor) -> torch.Tensor:
        """scgan: the semantic-vector generator's own picture regressed to the real one."""
        return F.l1_loss(self.G.last_svg_rgb[: x.shape[0]], x) * self.cfg.lambda_svg

    def discriminator_step(self, x, fake, cond) -> dict[str, torch.Tensor]:
        if self.cfg.discriminator == "oasis":
            d_losses = oasis.discriminator_losses(self.D, x, fake, self.true_target, self.cfg.lambda_labelmix)
        else:
            d_losses = {"d_hinge": hinge_d(self.D(torch.cat([x, cond], 1)), self.D(torch.cat([fake, cond], 1)))}
        d_loss = sum(d_losses.values())
        self.opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        distributed.average_gradients(self.D.parameters(), self.ranks)
        self.opt_d.step()
        return d_losses

    @torch.no_grad()
    def _update_ema(self) -> None:
        decay = min(self.cfg.ema, (1 + self.step) / (10 + self.step))
        for pe, p in zip(self.G_ema.parameters(), self.G.parameters()):
            pe.mul_(decay).add_(p.detach(), alpha=1 - decay)
        for be, b in zip(self.G_ema.buffers(), self.G.buffers()):
            be.copy_(b)

    def fit(self, data: LandscapeData, until: int | None = None) -> None:
        cfg = self.cfg
        until = min(cfg.steps, until or cfg.steps)
        # Each rank draws its own batches; one process draws as it always has.
        rng = np.random.default_rng([cfg.seed, self.step] + ([self.ranks.rank] if self.ranks.distributed else []))
        t0 = time.perf_counter()
        self.G.train()
        self.D.train()
        if self.warm_start and self.cfg.d_warmup and "d_warmup" not in self.warm_start:
            warmstart.warm_up(self, data, rng)
        while self.step < until:
            x, label, edge = self.batch(data, rng)
            losses = self.train_step(x, label, edge)
            self.step += 1
            if self.step % cfg.log_every == 0 and self.ranks.writes:
                self.history.append({"step": self.step, **{k: round(v, 4) for k, v in losses.items()}})
                print(
                    f"step {self.step}/{cfg.steps} "
                    + " ".join(f"{k}={v:.3f}" for k, v in losses.items())
                    + f" [{time.perf_counter() - t0:.0f}s]",
                    flush=True,
                )
            if self.step % cfg.checkpoint_every == 0:
                distributed.check_in_step([self.G, self.D], self.ranks)
                self.save()
        distributed.check_in_step([self.G, self.D], self.ranks)
        self.save()

    def export(
        self,
        folder: Path,
        pack_id: str,
        name: str,
        metrics: dict | None = None,
        fp16: bool = False,
        measure_reach: bool = True,
    ) -> Path:
        from scenebrush_training.export.pack import write_pack

        if self.cfg.generator == "resail":
            return self.export_retrieval(folder, metrics)
        # Fresh modules plus state dicts: spectral-normed modules cannot be deep-copied mid-training.
        gen = self.new_generator()
        gen.load_state_dict({k: v.cpu() for k, v in self.G_ema.state_dict().items()})
        gen.eval()
        enc = None
        if self.E is not None:
            enc = StyleEncoder(self.cfg.z_dim)
            enc.load_state_dict({k: v.cpu() for k, v in self.E.state_dict().items()})
            enc.eval()
        training = {
            "dataset": "procedural landscapes (models/training dataset)",
            "steps": self.step,
            "config": asdict(self.cfg),
            "metrics": metrics or {},
        }
        if self.warm_start:
            training["startedFrom"] = {k: self.warm_start[k] for k in ("id", "steps")}
        gen, enc, prior = zprior.apply(self.out, self.step, gen, enc)
        if prior is not None:
            training["zPrior"] = zprior.describe(prior)
        return write_pack(
            folder, pack_id, name, self.palette.id, gen, enc, self.cfg.size, training, fp16, measure_reach
        )

    def export_retrieval(self, folder: Path, metrics: dict | None = None) -> Path:
        """retrieval.onnx, the segment library and retrieval.json (the pack.json "retrieval" block
        with provenance); `attach-retrieval` adds them to a pack."""
        import shutil

        from scenebrush_training.export.pack import export_retrieval_generator

        gen = self.new_generator()
        gen.load_state_dict({k: v.cpu() for k, v in self.G_ema.state_dict().items()})
        gen.eval()
        folder.mkdir(parents=True, exist_ok=True)
        export_retrieval_generator(gen, folder / "retrieval.onnx", self.cfg.size)
        lib = Path(self.cfg.library) if self.cfg.library else self.out / "segments.bin"
        if lib.is_file():
            shutil.copyfile(lib, folder / "segments.bin")
        block = {
            "generator": "retrieval.onnx",
            "library": "segments.bin",
            "network": gen.config(),
            "training": {"steps": self.step, "config": asdict(self.cfg), "metrics": metrics or {}},
        }
        (folder / "retrieval.json").write_text(json.dumps(block, indent=2) + "\n")
        return folder / "retrieval.json"


def generator_for(cfg: TrainConfig, nc: int):
    """The base generator a config describes, untrained, for a palette of nc classes."""
    if cfg.generator == "spade":
        return SPADEGenerator(nc, cfg.z_dim, cfg.ngf, cfg.num_up, spade_hidden=cfg.spade_hidden)
    if cfg.generator == "unet":
        return UNetGenerator(nc, cfg.z_dim, cfg.ngf, cfg.num_up)
    if cfg.generator == "resail":
        return RESAILGenerator(nc, cfg.ngf, cfg.num_up, hidden=cfg.spade_hidden)
    if cfg.generator == "scgan":
        return SCGANGenerator(
            nc,
            cfg.z_dim,
            cfg.ngf,
            cfg.num_up,
            cfg.sc_vectors,
            cfg.spade_hidden,
            cfg.sc_temperature,
            padding=cfg.padding,
        )
    raise ValueError(f"generator must be 'spade', 'unet', 'resail' or 'scgan', got {cfg.generator!r}")
