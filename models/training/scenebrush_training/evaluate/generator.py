"""Scores a trained generator on held-out renders, following the papers' protocol.

For each held-out label map (and its artist-style simplification) the generator renders an
image from a sampled z; the segmenter's mIoU / accuracy against the map measure alignment, the
feature-Frechet distance to the real renders measures realism, and the mean pairwise feature
distance across z measures diversity.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from scenebrush_training.evaluate.ladder import frame_bands, frame_offsets
from scenebrush_training.evaluate.metrics import confusion, diversity, frechet_distance, scores
from scenebrush_training.data.pngio import load_index, load_instances, load_rgb
from scenebrush_training.evaluate.segmenter import load_segmenter, predict
from scenebrush_training.train import zprior
from scenebrush_training.train.gan import Trainer
from scenebrush_training.tensors import instance_edges, one_hot


def load_generator(run: Path):
    t = Trainer.from_run(run)
    gen, enc, _ = zprior.apply(run, t.step, t.G_ema.cpu().eval(), t.E.cpu().eval() if t.E is not None else None)
    return gen, enc, t.cfg, t.step


@torch.no_grad()
def generate(gen, labels: np.ndarray, insts: np.ndarray, z: torch.Tensor, size: int, out: int) -> np.ndarray:
    lab = torch.from_numpy(labels.astype(np.int64))
    inst = torch.from_numpy(insts.astype(np.int64))
    if lab.shape[-1] != size:
        lab = F.interpolate(lab[:, None].float(), size=(size, size), mode="nearest")[:, 0].long()
        inst = F.interpolate(inst[:, None].float(), size=(size, size), mode="nearest")[:, 0].long()
    zmap = z[:, :, None, None].expand(-1, -1, size, size)
    if isinstance(gen, RetrievalGuided):
        gen.insts = inst.numpy()  # retrieval cuts objects by instance id
    img = gen(one_hot(lab, gen.num_classes), instance_edges(inst), zmap)
    if size != out:
        img = F.interpolate(img, size=(out, out), mode="bilinear", align_corners=False)
    return ((img.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()


class RetrievalGuided:
    """A resail run's generator behind generate()'s interface: guidance is retrieved from the run's
    segment library for each map (a random one of the 3 best per segment, so z stands for the draw)."""

    def __init__(self, gen, library: Path, palette):
        from scenebrush_training.retrieval.guidance import Library

        self.gen, self.library, self.palette = gen, Library(library), palette
        self.num_classes, self.z_dim = gen.num_classes, 1
        self.labels = self.insts = None

    def __call__(self, label, edge, zmap):
        from scenebrush_training.retrieval.guidance import retrieved_guidance

        idx = label.argmax(1).numpy().astype(np.uint8)
        idx[idx == self.num_classes] = 255
        guides = []
        for i in range(len(idx)):
            seed = int(abs(float(zmap[i, 0, 0, 0])) * 1e6)
            lab = idx[i]
            inst = np.zeros_like(lab, dtype=np.int64)  # edges carry the instances; retrieval uses them below
            inst = self.insts[i] if self.insts is not None and self.insts[i].shape == lab.shape else inst
            g, have = retrieved_guidance(
                np.zeros(lab.shape + (3,), np.uint8),
                lab,
                inst,
                self.palette,
                self.library,
                -1,
                np.random.default_rng(seed),
            )
            t = torch.from_numpy(g).permute(2, 0, 1).float() / 127.5 - 1
            guides.append(t * torch.from_numpy(have)[None].float())
        return self.gen(label, edge, torch.stack(guides))


def evaluate_run(
    run: Path, heldout: Path, z_count: int = 4, diversity_maps: int = 50, batch: int = 8, threads: int = 2
) -> dict:
    torch.set_num_threads(threads)
    gen, _, cfg, step = load_generator(run)
    if cfg.generator == "resail":
        from scenebrush_training.data.palette import load_palette

        gen = RetrievalGuided(
            gen, Path(cfg.library) if cfg.library else run / "segments.bin", load_palette("landscape")
        )
    seg = load_segmenter()
    names = sorted(p.name for p in (heldout / "images").glob("*.png"))
    real = np.stack([load_rgb(heldout / "images" / n) for n in names])
    out_size = real.shape[1]
    result = {"run": str(run), "steps": step, "samples": len(names), "z": zprior.describe(zprior.load(run, step))}
    real_feats = predict(seg, real)[1]
    real_bands = [frame_bands(im) for im in real]
    g = torch.Generator().manual_seed(0)
    variants = [("labels", "instances")]
    if (heldout / "labels_artist").is_dir():
        variants.append(("labels_artist", "instances_artist"))
    for lab_dir, inst_dir in variants:
        labs = np.stack([load_index(heldout / lab_dir / n) for n in names])
        insts = np.stack([load_instances(heldout / inst_dir / n) for n in names])
        conf = np.zeros((seg.num_classes, seg.num_classes + 1), np.int64)
        feats, bands = [], []
        for i in range(0, len(names), batch):
            z = torch.randn(len(names[i : i + batch]), gen.z_dim, generator=g)
            imgs = generate(gen, labs[i : i + batch], insts[i : i + batch], z, cfg.size, out_size)
            pred, f = predict(seg, imgs)
            conf += confusion(pred, labs[i : i + batch], seg.num_classes)
            feats.append(f)
            bands += [frame_bands(im) for im in imgs]
        s = scores(conf)
        key = "artist" if lab_dir.endswith("artist") else "maps"
        result[key] = {
            "miou": s["miou"],
            "accuracy": s["accuracy"],
            "frechet_distance": frechet_distance(np.concatenate(feats), real_feats),
            "frame": frame_offsets(bands, real_bands),
        }
    labs = np.stack([load_index(heldout / "labels" / n) for n in names[:diversity_maps]])
    insts = np.stack([load_instances(heldout / "instances" / n) for n in names[:diversity_maps]])
    per_z = []
    for k in range(z_count):
        z = torch.randn(len(labs), gen.z_dim, generator=g)
        fs = []
        for i in range(0, len(labs), batch):
            fs.append(
                predict(
                    seg, generate(gen, labs[i : i + batch], insts[i : i + batch], z[i : i + batch], cfg.size, out_size)
                )[1]
            )
        per_z.append(np.concatenate(fs))
    result["diversity"] = diversity([np.stack([f[i] for f in per_z]) for i in range(len(labs))])
    result["real_diversity_reference"] = float(np.mean(np.linalg.norm(real_feats[1:] - real_feats[:-1], axis=1)))
    result["parameters"] = int(
        sum(p.numel() for p in (gen.gen if isinstance(gen, RetrievalGuided) else gen).parameters())
    )
    return result
