"""A training batch for the base generator: samples of the data set with a config's augmentations
(shape warp, artist-style maps, dropped labels, mirroring), brought to the training size."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from scenebrush_training.data.simplify import artist_map
from scenebrush_training.data.training_set import LandscapeData, drop_labels
from scenebrush_training.data.warp import warp_sample
from scenebrush_training.train.options import TrainConfig


@dataclass
class Batch:
    real: torch.Tensor  # [N, 3, H, W] in [-1, 1]
    labels: torch.Tensor  # [N, H, W] class ids the generator is given (simplified, dropped)
    instances: torch.Tensor  # [N, H, W] object ids
    true: torch.Tensor  # [N, H, W] the real picture's own classes, before simplifying and dropping
    guidance: torch.Tensor | None  # resail: [N, 3, H, W], 0 where nothing is retrieved


def sample(cfg: TrainConfig, data: LandscapeData, idx, rng: np.random.Generator, palette, library=None) -> Batch:
    """The samples idx of data, each augmented as cfg says; library: resail's segment library."""
    imgs, labs, insts, guides, trues = [], [], [], [], []
    for i in idx:
        img, lab, inst = data.images[i], data.labels[i], data.instances[i]
        if cfg.warp_prob and rng.random() < cfg.warp_prob:
            img, (lab, inst) = warp_sample(img, [lab, inst], rng, cfg.warp_px)
        true = lab
        if rng.random() < cfg.artist_prob:
            lab, inst = artist_map(lab, inst, palette.thing_indices, rng)
        lab = drop_labels(lab, rng, cfg.drop_whole, cfg.drop_regions)
        if rng.random() < 0.5:
            img, lab, inst, true = img[:, ::-1], lab[:, ::-1], inst[:, ::-1], true[:, ::-1]
        img, lab, inst = np.ascontiguousarray(img), np.ascontiguousarray(lab), np.ascontiguousarray(inst)
        imgs.append(img)
        labs.append(lab)
        insts.append(inst)
        trues.append(np.ascontiguousarray(true))
        if library is not None:
            from scenebrush_training.retrieval.guidance import distorted_guidance, retrieved_guidance

            if rng.random() < cfg.retrieved_prob:
                g, _ = retrieved_guidance(img, lab, inst, palette, library, int(i), rng)
            else:
                g, _ = distorted_guidance(img, lab, inst, palette, library, rng)
            guides.append(g)
    x = torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).float().div(127.5).sub(1)
    lab = torch.from_numpy(np.stack(labs).astype(np.int64))
    inst = torch.from_numpy(np.stack(insts).astype(np.int64))
    true = torch.from_numpy(np.stack(trues).astype(np.int64))
    s = (cfg.size, cfg.size)
    if x.shape[-1] != cfg.size:
        true = F.interpolate(true[:, None].float(), size=s, mode="nearest")[:, 0].long()
        x = F.interpolate(x, size=s, mode="area")
        lab = F.interpolate(lab[:, None].float(), size=s, mode="nearest")[:, 0].long()
        inst = F.interpolate(inst[:, None].float(), size=s, mode="nearest")[:, 0].long()
    guidance = None
    if library is not None:
        # 0 stays 0 ("no guidance"); set pixels map to [-1, 1] like images.
        g = torch.from_numpy(np.stack(guides)).permute(0, 3, 1, 2).float()
        present = (g.sum(1, keepdim=True) > 0).float()
        guidance = (g / 127.5 - 1) * present
        if guidance.shape[-1] != cfg.size:
            guidance = F.interpolate(guidance, size=s, mode="area")
    return Batch(x, lab, inst, true, guidance)
