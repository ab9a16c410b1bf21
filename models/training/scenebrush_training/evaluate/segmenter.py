"""The evaluation network: a small U-Net trained to segment rendered landscapes.

Following the papers' protocol, generated images are scored by how well a segmenter
trained on real images recovers their label maps (mIoU, pixel accuracy); its pooled
deep features stand in for Inception features in a Frechet distance.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

WEIGHTS = Path(__file__).resolve().parents[2] / "weights" / "segmenter.pt"
INPUT_SIZE = 128


def _block(cin: int, cout: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride, 1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, 1, 1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class SegNet(nn.Module):
    WIDTHS = (16, 32, 48, 80, 112)

    def __init__(self, num_classes: int):
        super().__init__()
        w = self.WIDTHS
        self.num_classes = num_classes
        self.enc = nn.ModuleList([_block(3, w[0])] + [_block(w[i - 1], w[i], 2) for i in range(1, len(w))])
        self.context = nn.Sequential(
            nn.Conv2d(w[-1], w[-1], 3, 1, 2, dilation=2, bias=False), nn.BatchNorm2d(w[-1]), nn.ReLU(inplace=True)
        )
        self.dec = nn.ModuleList([_block(w[i + 1] + w[i], w[i]) for i in reversed(range(len(w) - 1))])
        self.head = nn.Conv2d(w[0], num_classes, 1)

    @property
    def feature_dim(self) -> int:
        return self.WIDTHS[-1] + self.WIDTHS[-2]

    def forward(self, x: torch.Tensor, with_features: bool = False):
        skips = []
        for e in self.enc:
            x = e(x)
            skips.append(x)
        x = self.context(x) + x
        feats = torch.cat([x.mean((2, 3)), skips[-2].mean((2, 3))], 1)
        for d, s in zip(self.dec, reversed(skips[:-1])):
            x = F.interpolate(x, size=s.shape[2:], mode="bilinear", align_corners=False)
            x = d(torch.cat([x, s], 1))
        logits = self.head(x)
        return (logits, feats) if with_features else logits


def to_input(images: np.ndarray) -> torch.Tensor:
    """(N, H, W, 3) uint8 -> (N, 3, S, S) float in [-1, 1] at the network's input size."""
    x = torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float() / 127.5 - 1
    if x.shape[2:] != (INPUT_SIZE, INPUT_SIZE):
        x = F.interpolate(x, size=(INPUT_SIZE, INPUT_SIZE), mode="bilinear", align_corners=False)
    return x


def load_segmenter(path: Path = WEIGHTS) -> SegNet:
    if not Path(path).is_file():
        raise FileNotFoundError(
            f"segmenter weights not found at {path}; train them with "
            "'python3 -m scenebrush_training train-segmenter'"
        )
    blob = torch.load(path, map_location="cpu")
    net = SegNet(blob["num_classes"])
    net.load_state_dict({k: v.float() for k, v in blob["state"].items()})
    net.eval()
    return net


@torch.no_grad()
def predict(net: SegNet, images: np.ndarray, batch: int = 16) -> tuple[np.ndarray, np.ndarray]:
    """Label maps (at each image's own size) and pooled features for a stack of images."""
    labels, feats = [], []
    for i in range(0, len(images), batch):
        chunk = images[i : i + batch]
        logits, f = net(to_input(chunk), with_features=True)
        if logits.shape[2:] != chunk.shape[1:3]:
            logits = F.interpolate(logits, size=chunk.shape[1:3], mode="bilinear", align_corners=False)
        labels.append(logits.argmax(1).to(torch.uint8).numpy())
        feats.append(f.double().numpy())
    return np.concatenate(labels), np.concatenate(feats)


def _load_split(root: Path, names: list[str]):
    from scenebrush_training.data.pngio import load_index, load_rgb

    imgs = np.stack([load_rgb(root / "images" / n) for n in names])
    labs = np.stack([load_index(root / "labels" / n) for n in names])
    return imgs, labs


def train(
    data: Path,
    out: Path = WEIGHTS,
    steps: int = 3000,
    batch: int = 8,
    lr: float = 2e-3,
    threads: int = 2,
    holdout: int = 200,
    log_every: int = 50,
    checkpoint: Path | None = None,
    num_classes: int | None = None,
) -> dict:
    """Train on a rendered data set folder; the last `holdout` samples are never trained on."""
    from scenebrush_training.evaluate.metrics import confusion, scores
    from scenebrush_training.data.palette import load_palette

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    names = sorted(p.name for p in (data / "images").glob("*.png"))
    if len(names) <= holdout:
        raise ValueError(f"{data} has {len(names)} samples; need more than the {holdout} held out")
    train_names, test_names = names[:-holdout], names[-holdout:]
    meta = json.loads((data / "dataset.json").read_text())
    palette = load_palette(meta["palette"])
    nc = num_classes or len(palette)
    imgs, labs = _load_split(data, train_names)
    net = SegNet(nc)
    opt = torch.optim.AdamW(net.parameters(), lr=lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    start = 0
    checkpoint = checkpoint or out.with_suffix(".ckpt")
    if checkpoint.is_file():
        ck = torch.load(checkpoint, map_location="cpu")
        net.load_state_dict(ck["net"])
        opt.load_state_dict(ck["opt"])
        sched.load_state_dict(ck["sched"])
        start = ck["step"]
        print(f"resumed from {checkpoint} at step {start}")
    rng = np.random.default_rng(start)
    t0 = time.perf_counter()
    net.train()
    for step in range(start, steps):
        idx = rng.integers(0, len(imgs), batch)
        x = to_input(imgs[idx])
        y = torch.from_numpy(labs[idx].astype(np.int64))
        if y.shape[1:] != (INPUT_SIZE, INPUT_SIZE):
            y = F.interpolate(y[:, None].float(), size=(INPUT_SIZE, INPUT_SIZE), mode="nearest")[:, 0].long()
        if rng.random() < 0.5:
            x, y = x.flip(3), y.flip(2)
        # Colour jitter so the network keys on structure and texture, not exact tints.
        x = x * torch.empty(batch, 3, 1, 1).uniform_(0.85, 1.15) + torch.empty(batch, 3, 1, 1).uniform_(-0.1, 0.1)
        loss = F.cross_entropy(net(x), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
        if (step + 1) % log_every == 0:
            print(f"step {step + 1}/{steps} loss {loss.item():.4f} {time.perf_counter() - t0:.0f}s", flush=True)
        if (step + 1) % 250 == 0 or step + 1 == steps:
            torch.save(
                {"net": net.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(), "step": step + 1},
                checkpoint,
            )
    net.eval()
    timgs, tlabs = _load_split(data, test_names)
    pred, _ = predict(net, timgs)
    s = scores(confusion(pred, tlabs, nc))
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(
        {
            "num_classes": nc,
            "palette": palette.id,
            "state": {k: (v.half() if v.is_floating_point() else v) for k, v in net.state_dict().items()},
            "heldout": {"samples": len(test_names), "miou": s["miou"], "accuracy": s["accuracy"]},
            "trained_on": {"data": meta, "steps": steps, "batch": batch},
        },
        out,
    )
    return {"heldout_miou": s["miou"], "heldout_accuracy": s["accuracy"], "per_class_iou": s["per_class"]}
