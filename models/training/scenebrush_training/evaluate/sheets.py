"""A sheet of what a trained generator does: held-out label maps under several z, a style
image encoded to z and applied to other maps, and a half-unpainted map (UNKNOWN filled in)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from PIL import Image

from scenebrush_training.evaluate.generator import generate, load_generator
from scenebrush_training.data.palette import load_palette
from scenebrush_training.data.pngio import load_index, load_instances, load_rgb


def _tile(img: np.ndarray, size: int) -> np.ndarray:
    if img.shape[0] == size:
        return img
    return np.asarray(Image.fromarray(img).resize((size, size), Image.NEAREST))


@torch.no_grad()
def generator_sheet(run: Path, heldout: Path, out: Path, maps: int = 4, zs: int = 4, seed: int = 0) -> Path:
    gen, enc, cfg, step = load_generator(run)
    palette = load_palette("landscape")
    names = sorted(p.name for p in (heldout / "images").glob("*.png"))
    pick = [names[i] for i in np.linspace(0, len(names) - 1, maps + 2).astype(int)]
    labs = np.stack([load_index(heldout / "labels" / n) for n in pick])
    insts = np.stack([load_instances(heldout / "instances" / n) for n in pick])
    real = np.stack([load_rgb(heldout / "images" / n) for n in pick])
    size = real.shape[1]
    g = torch.Generator().manual_seed(seed)
    rows = []
    # Rows 1..maps: label colours | real render | generated under zs different z.
    zset = torch.randn(zs, gen.z_dim, generator=g)
    for i in range(maps):
        cells = [palette.colorize(labs[i]), real[i]]
        for k in range(zs):
            cells.append(generate(gen, labs[i : i + 1], insts[i : i + 1], zset[k : k + 1], cfg.size, size)[0])
        rows.append(np.concatenate(cells, 1))
    # Style encoding: the last held-out render as a style image, applied to the first maps.
    style = real[-1]
    x = torch.from_numpy(style).permute(2, 0, 1)[None].float() / 127.5 - 1
    if x.shape[-1] != cfg.size:
        x = torch.nn.functional.interpolate(x, size=(cfg.size, cfg.size), mode="area")
    mu, _ = enc(x)
    cells = [np.full_like(style, 255), style]
    for i in range(zs):
        cells.append(generate(gen, labs[i : i + 1], insts[i : i + 1], mu, cfg.size, size)[0])
    rows.append(np.concatenate(cells, 1))
    # Half-unpainted: the right half of a map set to UNKNOWN; the generator fills it.
    half = labs[maps - 1].copy()
    half_inst = insts[maps - 1].copy()
    half[:, size // 2 :] = 255
    half_inst[:, size // 2 :] = 0
    shown = palette.colorize(half)
    cells = [shown, real[maps - 1]]
    for k in range(zs):
        cells.append(generate(gen, half[None], half_inst[None], zset[k : k + 1], cfg.size, size)[0])
    rows.append(np.concatenate(cells, 1))
    out.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(np.concatenate(rows, 0)).save(out)
    return out


@torch.no_grad()
def style_sheet(run: Path, heldout: Path, out: Path, index: int = 7) -> Path:
    """One map, 8 looks; an interpolation row between two looks; a regional edit and its reach."""
    import torch.nn.functional as F

    from scenebrush_training.tensors import instance_edges, one_hot

    gen, _, cfg, step = load_generator(run)
    palette = load_palette("landscape")
    names = sorted(p.name for p in (heldout / "images").glob("*.png"))
    name = names[index % len(names)]
    lab = load_index(heldout / "labels" / name)
    inst = load_instances(heldout / "instances" / name)
    size = lab.shape[0]
    s = cfg.size
    lab_t = F.interpolate(torch.from_numpy(lab.astype(np.int64))[None, None].float(), size=(s, s), mode="nearest")[
        :, 0
    ].long()
    inst_t = F.interpolate(torch.from_numpy(inst.astype(np.int64))[None, None].float(), size=(s, s), mode="nearest")[
        :, 0
    ].long()
    oh, edge = one_hot(lab_t, gen.num_classes), instance_edges(inst_t)

    def render(zmap: torch.Tensor) -> np.ndarray:
        img = gen(oh, edge, zmap)
        img = F.interpolate(img, size=(size, size), mode="bilinear", align_corners=False)
        return ((img.clamp(-1, 1) + 1) * 127.5).round().byte()[0].permute(1, 2, 0).numpy()

    g = torch.Generator().manual_seed(3)
    looks = torch.randn(8, gen.z_dim, generator=g)
    row1 = [render(looks[k][None, :, None, None].expand(-1, -1, s, s)) for k in range(8)]
    row2 = []
    for k in range(8):
        t = k / 7
        z = (1 - t) * looks[0] + t * looks[1]
        row2.append(render(z[None, :, None, None].expand(-1, -1, s, s)))
    # Regional edit: the left third of the sky takes look 5; the rest keeps look 0.
    zmap = looks[0][None, :, None, None].expand(-1, -1, s, s).clone()
    region = torch.zeros(s, s, dtype=torch.bool)
    region[: s // 2, : s // 3] = True
    zmap[0][:, region] = looks[5][:, None]
    edited = render(zmap)
    base = row1[0]
    mask_img = palette.colorize(lab).copy()
    rm = F.interpolate(region[None, None].float(), size=(size, size), mode="nearest")[0, 0].numpy() > 0
    mask_img[rm] = (mask_img[rm] * 0.4 + np.array([255, 0, 255]) * 0.6).astype(np.uint8)
    diff = np.abs(edited.astype(int) - base.astype(int)).max(-1)
    heat = np.stack([np.clip(diff * 8, 0, 255)] * 3, -1).astype(np.uint8)
    blank = np.full_like(base, 255)
    row3 = [palette.colorize(lab), mask_img, base, edited, heat, row1[5], blank, blank]
    sheet = np.concatenate([np.concatenate(r, 1) for r in (row1, row2, row3)], 0)
    out.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(sheet).save(out)
    return out
