"""`evaluate-class`: per-class Fréchet distance of instance crops, base render vs. class pass."""

from __future__ import annotations

from pathlib import Path
import numpy as np
import torch
from PIL import Image
from scenebrush_training.data.pngio import load_index, load_instances, load_rgb
from scenebrush_training.tensors import one_hot
from scenebrush_training.train.collage import ClassConfig
from scenebrush_training.train.collage import ClassTrainer
from scenebrush_training.train.collage import crop_box
from scenebrush_training.train.collage import remove_instance


@torch.no_grad()
def evaluate_class(
    base_run: Path, class_run: Path, heldout: Path, max_maps: int = 200, threads: int = 2, seed: int = 0
) -> dict:
    """Per-class Fréchet distance of instance crops (CollageGAN's Table 4 analogue): crops of the
    class's instances from the real held-out renders against the same crops of the base
    generator's render, and of that render after the class pass (the class generator re-renders
    each instance from the base render's context; pasted with a dilated soft alpha).
    Features are the evaluation segmenter's, as for the whole-image distance."""
    from scipy import ndimage

    from scenebrush_training.evaluate.generator import generate, load_generator
    from scenebrush_training.evaluate.metrics import frechet_distance
    from scenebrush_training.evaluate.segmenter import load_segmenter, predict

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
            out = cg(
                ctx,
                one_hot(torch.from_numpy(lab.astype(np.int64))[None], trainer.nc),
                mt,
                torch.randn(1, ccfg.z_dim, generator=g),
            )
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
    return {
        "class": ccfg.class_name,
        "instances": len(real_c),
        "maps": len(names),
        "base_run_steps": base_steps,
        "class_run_steps": trainer.step,
        "fd_base": frechet_distance(predict(seg, np.stack(base_c))[1], f_real),
        "fd_class": frechet_distance(predict(seg, np.stack(class_c))[1], f_real),
    }


def _luma(rgb: np.ndarray) -> np.ndarray:
    return rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114


@torch.no_grad()
def score_class_renders(
    heldout: Path,
    base: Path,
    looks: list[Path],
    classes: list[str],
    min_area: int = 24,
    max_maps: int = 200,
    threads: int = 2,
) -> dict:
    """Class generators as the app renders them (`render --class-mode`), per class: Fréchet
    distance of instance crops (twice the instance's size, at 64²) of the base render and of the
    class pass against the real held-out renders; mean object luminance of each (a silhouette is
    far darker than the real object); and how much a new look changes the object: the mean absolute
    grey-level difference inside the object between each further look folder and the first, which
    must differ only in the objects' look seeds (`--object-seed`)."""
    from scenebrush_training.data.dataset import dataset_palette
    from scenebrush_training.data.palette import load_palette
    from scenebrush_training.evaluate.metrics import frechet_distance
    from scenebrush_training.evaluate.segmenter import load_segmenter, predict

    if not looks:
        raise ValueError("at least one class-pass folder is needed")
    torch.set_num_threads(threads)
    palette = load_palette(dataset_palette(heldout))
    wanted = {palette.index(c): c for c in classes}
    names = sorted(p.name for p in (heldout / "images").glob("*.png"))[:max_maps]
    crops = {c: {"real": [], "base": [], "class": [], "luma": [], "change": []} for c in wanted.values()}
    for n in names:
        labels, inst = load_index(heldout / "labels" / n), load_instances(heldout / "instances" / n)
        real = load_rgb(heldout / "images" / n)
        pictures = [load_rgb(d / n) for d in [base, *looks]]
        if any(p.shape != real.shape for p in pictures):
            raise ValueError(f"{n}: renders must be {real.shape[1]}x{real.shape[0]} like the held-out image")
        h, w = labels.shape
        for cls, name in wanted.items():
            present = labels == cls
            for iid in np.unique(inst[present]):
                m = present & (inst == iid)
                ys, xs = np.nonzero(m)
                if iid == 0 or len(ys) < min_area:
                    continue
                y0, x0, side = crop_box(ys, xs, h, w)
                sl = (slice(y0, y0 + side), slice(x0, x0 + side))
                rs = lambda a: np.asarray(Image.fromarray(a[sl]).resize((64, 64), Image.BILINEAR))  # noqa: E731
                got = crops[name]
                got["real"].append(rs(real)), got["base"].append(rs(pictures[0])), got["class"].append(rs(pictures[1]))
                lumas = [_luma(p[m].astype(np.float64)) for p in [real, *pictures]]
                got["luma"].append([float(v.mean()) for v in lumas[:3]])
                got["change"].extend(float(np.abs(v - lumas[2]).mean()) for v in lumas[3:])
    seg = load_segmenter()
    out = {"maps": len(names), "looks": len(looks), "classes": {}}
    for name, got in crops.items():
        if len(got["real"]) < 2:
            raise ValueError(f"fewer than 2 '{name}' instances of at least {min_area} px in {heldout}")
        feats = {k: predict(seg, np.stack(got[k]))[1] for k in ("real", "base", "class")}
        luma = np.array(got["luma"]).mean(0)
        out["classes"][name] = {
            "instances": len(got["real"]),
            "fd_base": frechet_distance(feats["base"], feats["real"]),
            "fd_class": frechet_distance(feats["class"], feats["real"]),
            "luma_real": round(float(luma[0]), 1),
            "luma_base": round(float(luma[1]), 1),
            "luma_class": round(float(luma[2]), 1),
            "luma_ratio": round(float(luma[2] / luma[0]), 3),
            "look_change": round(float(np.mean(got["change"])), 2) if got["change"] else None,
        }
    return out
