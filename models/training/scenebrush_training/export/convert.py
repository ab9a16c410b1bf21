"""Converts the papers' released generator checkpoints (SPADE: COCO-Stuff, ADE20K, Cityscapes;
OASIS: ADE20K, Cityscapes) into model packs under the tensor contract of docs/design.md §5.

A thin wrapper maps the contract's inputs to each network's own: the palette's classes in data
set order, the UNKNOWN channel to the network's "don't care" channel (or to Cityscapes'
'unlabeled'), the instance edges where the network takes them, and the z map to OASIS' noise
input (SPADE's released generators take no noise; their z input is accepted and ignored).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

from scenebrush_training.export.graphs import export_image_model
from scenebrush_training.export.tiling import receptive_field
from scenebrush_training.data.palette import load_palette
from scenebrush_training.nets.released import OasisReleased, SpadeReleased


class ConversionError(ValueError):
    """A checkpoint that does not fit the chosen network: says which tensors and why."""


@dataclass(frozen=True)
class Target:
    palette: str
    unknown: str  # "append": own last channel, "prepend": channel 0, "fold0": into class 0
    instance: bool  # expected instance-edge channel (checked against the checkpoint)
    resolution: tuple[int, int]  # width, height the checkpoint was trained at
    title: str


TARGETS: dict[tuple[str, str], Target] = {
    ("spade", "coco-stuff"): Target("coco-stuff", "append", True, (256, 256), "SPADE COCO-Stuff"),
    ("spade", "ade20k"): Target("ade20k", "append", False, (256, 256), "SPADE ADE20K"),
    ("spade", "cityscapes"): Target("cityscapes", "fold0", True, (512, 256), "SPADE Cityscapes"),
    ("oasis", "ade20k"): Target("ade20k", "prepend", False, (256, 256), "OASIS ADE20K"),
    ("oasis", "cityscapes"): Target("cityscapes", "fold0", False, (512, 256), "OASIS Cityscapes"),
}

LICENSES = {
    "spade": {
        "name": "CC BY-NC-SA 4.0",
        "commercialUse": False,
        "url": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
        "source": "https://github.com/NVlabs/SPADE (pretrained models linked from its README)",
        "note": "NVIDIA's released SPADE weights: non-commercial use only.",
    },
    "oasis": {
        "name": "AGPL-3.0",
        "commercialUse": True,
        "url": "https://www.gnu.org/licenses/agpl-3.0.html",
        "source": "https://github.com/boschresearch/OASIS (pretrained checkpoints linked from its README)",
        "note": "Bosch Research's OASIS release is AGPL-3.0: share changes under the same licence.",
    },
}

STRIP_PREFIXES = ("module.", "netG.", "netEMA.", "generator.")


def load_checkpoint(path: Path) -> dict[str, torch.Tensor]:
    """A generator state dict from a .pth file, spectral normalisation folded into the weights."""
    try:
        obj = torch.load(str(path), map_location="cpu")
    except Exception as e:  # noqa: BLE001 - any unreadable file gets the same clear message
        raise ConversionError(f"{path}: not a PyTorch checkpoint ({type(e).__name__}: {e})") from e
    if isinstance(obj, dict) and isinstance(obj.get("state_dict"), dict):
        obj = obj["state_dict"]
    if not isinstance(obj, dict) or not obj or not all(isinstance(v, torch.Tensor) for v in obj.values()):
        raise ConversionError(f"{path}: expected a generator state dict (name -> tensor)")
    state = {}
    for k, v in obj.items():
        for p in STRIP_PREFIXES:
            if k.startswith(p):
                k = k[len(p) :]
        state[k] = v.float() if v.is_floating_point() else v
    return fold_spectral_norm(state)


def fold_spectral_norm(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """weight_orig / sigma with sigma = u . (W v): what spectral norm computes in eval mode."""
    out = {}
    for k, v in state.items():
        if k.endswith(".weight_orig"):
            base = k[: -len("_orig")]
            u, vv = state.get(base + "_u"), state.get(base + "_v")
            if u is None or vv is None:
                raise ConversionError(f"{k} comes without {base}_u and {base}_v (spectral norm vectors)")
            sigma = torch.dot(u, v.reshape(v.shape[0], -1) @ vv)
            out[base] = v / sigma
        elif not (k.endswith(".weight_u") or k.endswith(".weight_v")):
            out[k] = v
    return out


def _need(state: dict, key: str, path_hint: str) -> torch.Tensor:
    if key not in state:
        raise ConversionError(f"missing tensor {key}: is this a {path_hint} generator checkpoint?")
    return state[key]


def build_network(arch: str, state: dict[str, torch.Tensor], z_dim: int = 64, num_up: str = "normal") -> nn.Module:
    """Our network sized from the checkpoint's own tensor shapes."""
    fc = _need(state, "fc.weight", arch.upper())
    if fc.dim() != 4:
        raise ConversionError(f"fc.weight has shape {tuple(fc.shape)}; expected a 3x3 convolution")
    if arch == "spade":
        if any(k.startswith("up_4.") for k in state):
            num_up = "most"
        hidden = _need(state, "head_0.norm_0.mlp_shared.0.weight", "SPADE").shape[0]
        return SpadeReleased(semantic_nc=fc.shape[1], ngf=fc.shape[0] // 16, num_up=num_up, hidden=hidden)
    if arch == "oasis":
        blocks = {int(k.split(".")[1]) for k in state if k.startswith("body.") and k.split(".")[1].isdigit()}
        if fc.shape[1] <= z_dim:
            raise ConversionError(f"fc.weight takes {fc.shape[1]} channels, not more than z_dim={z_dim}")
        hidden = _need(state, "body.0.norm_0.mlp_shared.0.weight", "OASIS").shape[0]
        return OasisReleased(
            semantic_nc=fc.shape[1] - z_dim,
            z_dim=z_dim,
            ch=fc.shape[0] // 16,
            num_res_blocks=len(blocks) or 6,
            hidden=hidden,
        )
    raise ConversionError(f"unknown architecture {arch!r}; valid: spade, oasis")


def load_weights(net: nn.Module, state: dict[str, torch.Tensor]) -> None:
    """Strict load that lists every missing, unexpected and mis-shaped tensor at once."""
    want = {k: v for k, v in net.state_dict().items() if not k.endswith("num_batches_tracked")}
    have = {k: v for k, v in state.items() if not k.endswith("num_batches_tracked")}
    missing = sorted(set(want) - set(have))
    unexpected = sorted(set(have) - set(want))
    shaped = [
        f"{k}: checkpoint {tuple(have[k].shape)}, network {tuple(want[k].shape)}"
        for k in sorted(set(want) & set(have))
        if have[k].shape != want[k].shape
    ]
    problems = []
    for title, items in (("missing", missing), ("unexpected", unexpected), ("mis-shaped", shaped)):
        if items:
            shown = ", ".join(items[:12]) + (f", … ({len(items) - 12} more)" if len(items) > 12 else "")
            problems.append(f"{len(items)} {title}: {shown}")
    if problems:
        raise ConversionError("checkpoint does not fit the network: " + "; ".join(problems))
    net.load_state_dict({k: have[k] for k in want}, strict=False)


class ContractWrapper(nn.Module):
    """Our inputs (label one-hot + UNKNOWN, instance_edge, z map) -> the released network's."""

    def __init__(self, net: nn.Module, arch: str, num_classes: int, unknown: str, instance: bool, z_dim: int):
        super().__init__()
        self.net, self.arch = net, arch
        self.num_classes, self.unknown, self.instance, self.z_dim = num_classes, unknown, instance, z_dim
        self.multiple_of = net.downsampling

    def semantic(self, label: torch.Tensor, edge: torch.Tensor) -> torch.Tensor:
        cls, unk = label[:, : self.num_classes], label[:, self.num_classes :]
        if self.unknown == "append":
            seg = torch.cat((cls, unk), 1)
        elif self.unknown == "prepend":
            seg = torch.cat((unk, cls), 1)
        else:  # fold0: unpainted is the data set's 'unlabeled' class 0
            seg = torch.cat((cls[:, :1] + unk, cls[:, 1:]), 1)
        return torch.cat((seg, edge), 1) if self.instance else seg

    def forward(self, label: torch.Tensor, instance_edge: torch.Tensor, z: torch.Tensor) -> torch.Tensor:
        seg = self.semantic(label, instance_edge)
        out = self.net(seg, z) if self.arch == "oasis" else self.net(seg)
        # Inputs a network does not use (SPADE's releases take no noise, some no instance edges)
        # stay inputs of the graph, so every pack has the contract's three.
        if self.arch != "oasis":
            out = out + 0.0 * z[:, :1, :1, :1]
        if not self.instance:
            out = out + 0.0 * instance_edge[:, :1, :1, :1]
        return out


def channels_expected(target: Target, num_classes: int, instance: bool) -> int:
    return num_classes + (1 if target.unknown in ("append", "prepend") else 0) + (1 if instance else 0)


def wrap(
    arch: str, dataset: str, state: dict[str, torch.Tensor], z_dim: int = 64, num_up: str = "normal"
) -> tuple[ContractWrapper, Target]:
    key = (arch, dataset)
    if key not in TARGETS:
        raise ConversionError(f"no converter for {arch} {dataset}; valid: " + ", ".join(f"{a} {d}" for a, d in TARGETS))
    target = TARGETS[key]
    palette = load_palette(target.palette)
    net = build_network(arch, state, z_dim, num_up)
    found = net.semantic_nc
    instance = target.instance
    if found != channels_expected(target, len(palette), instance):
        # The instance channel is an option of the training run: accept either layout.
        if found == channels_expected(target, len(palette), not instance):
            instance = not instance
        else:
            raise ConversionError(
                f"{target.title} expects {channels_expected(target, len(palette), instance)} label channels "
                f"({len(palette)} classes of palette '{target.palette}'"
                f"{', a dont-care channel' if target.unknown != 'fold0' else ''}"
                f"{', an instance-edge channel' if instance else ''}), the checkpoint has {found}"
            )
    load_weights(net, state)
    pack_z = z_dim if arch == "oasis" else 1
    return ContractWrapper(net.eval(), arch, len(palette), target.unknown, instance, pack_z).eval(), target


def reference_scene(palette_len: int, things: list[int], w: int, h: int, seed: int = 0):
    """Rectangles of random classes, an unpainted corner and two objects: a scene for reference.json."""
    rng = np.random.default_rng(seed)
    labels = np.full((h, w), int(rng.integers(palette_len)), np.int64)
    inst = np.zeros((h, w), np.int64)
    for _ in range(6):
        y0, x0 = int(rng.integers(h)), int(rng.integers(w))
        labels[y0 : y0 + int(rng.integers(8, h)), x0 : x0 + int(rng.integers(8, w))] = int(rng.integers(palette_len))
    for i, c in enumerate(things[:2]):
        y0, x0 = h // 2 + 4 * i, w // 3 + 20 * i
        labels[y0 : y0 + 12, x0 : x0 + 14] = c
        inst[y0 : y0 + 12, x0 : x0 + 14] = i + 1
    labels[: h // 4, : w // 4] = 255
    return labels, inst


@torch.no_grad()
def write_reference(wrapper: ContractWrapper, palette, path: Path) -> None:
    from scenebrush_training.tensors import instance_edges, one_hot

    m = wrapper.multiple_of
    w, h = 3 * m, 2 * m
    things = [i for i, c in enumerate(palette.classes) if c.kind == "thing"]
    labels, inst = reference_scene(len(palette), things, w, h)
    z = np.random.default_rng(1).standard_normal(wrapper.z_dim).astype(np.float32)
    lab = one_hot(torch.from_numpy(labels)[None], len(palette))
    edge = instance_edges(torch.from_numpy(inst)[None])
    zt = torch.from_numpy(z)[None, :, None, None].expand(-1, -1, h, w)
    out = wrapper(lab, edge, zt)[0].numpy()
    path.write_text(
        json.dumps(
            {
                "width": w,
                "height": h,
                "labels": labels.ravel().tolist(),
                "instances": inst.ravel().tolist(),
                "z": z.tolist(),
                "image": np.round(out.ravel().astype(np.float64), 6).tolist(),
            }
        )
    )


def export_onnx(wrapper: ContractWrapper, path: Path) -> None:
    m = wrapper.multiple_of
    c = wrapper.num_classes + 1
    args = (
        torch.zeros(1, c, 2 * m, 2 * m),
        torch.zeros(1, 1, 2 * m, 2 * m),
        torch.zeros(1, wrapper.z_dim, 2 * m, 2 * m),
    )
    args[0][:, -1] = 1
    export_image_model(wrapper, args, path, ("label", "instance_edge", "z"))


def network_config(wrapper: ContractWrapper, arch: str, dataset: str, params: int) -> dict:
    """Enough to rebuild the wrapped network (random weights) for the PyTorch side of the benchmark."""
    net = wrapper.net
    hidden = (net.head_0 if arch == "spade" else net.body[0]).norm_0.mlp_shared[0].out_channels
    cfg = {
        "type": f"{arch}-released",
        "dataset": dataset,
        "semanticChannels": net.semantic_nc,
        "unknown": wrapper.unknown,
        "instanceEdge": wrapper.instance,
        "hidden": hidden,
        "parameters": params,
    }
    if arch == "spade":
        cfg.update(ngf=net.ngf, numUp=net.num_up)
    else:
        cfg.update(ch=net.ch, zDim=net.z_dim, numResBlocks=net.num_res_blocks)
    return cfg


def from_config(cfg: dict) -> ContractWrapper:
    """The wrapped network of a converted pack's "network" block, with fresh weights."""
    arch = cfg["type"].split("-")[0]
    target = TARGETS[(arch, cfg["dataset"])]
    n = len(load_palette(target.palette))
    if arch == "spade":
        net = SpadeReleased(cfg["semanticChannels"], cfg["ngf"], cfg["numUp"], cfg["hidden"])
        z = 1
    else:
        net = OasisReleased(cfg["semanticChannels"], cfg["zDim"], cfg["ch"], cfg["numResBlocks"], cfg["hidden"])
        z = cfg["zDim"]
    return ContractWrapper(net.eval(), arch, n, cfg["unknown"], cfg["instanceEdge"], z).eval()


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def convert(
    arch: str,
    dataset: str,
    checkpoint: Path,
    out: Path,
    pack_id: str | None = None,
    name: str | None = None,
    z_dim: int = 64,
    num_up: str = "normal",
    measure_receptive_field: bool | None = None,
) -> Path:
    """Checkpoint -> pack folder (generator.onnx, pack.json, reference.json). Returns pack.json."""
    state = load_checkpoint(checkpoint)
    wrapper, target = wrap(arch, dataset, state, z_dim, num_up)
    palette = load_palette(target.palette)
    out.mkdir(parents=True, exist_ok=True)
    export_onnx(wrapper, out / "generator.onnx")
    params = sum(p.numel() for p in wrapper.parameters())
    manifest = {
        "id": pack_id or f"{arch}-{dataset}",
        "name": name or target.title,
        "palette": target.palette,
        "resolution": list(target.resolution),
        "multipleOf": wrapper.multiple_of,
        "zDim": wrapper.z_dim,
        "generator": {"file": "generator.onnx"},
        "network": network_config(wrapper, arch, dataset, params),
        "license": LICENSES[arch],
        "converted": {"from": checkpoint.name, "sha256": sha256(checkpoint), "architecture": arch, "dataset": dataset},
        "training": {"dataset": f"{dataset} (released checkpoint)", "steps": 0, "metrics": {}},
    }
    # Probing the reach of a full-size network takes minutes on a CPU; without it the app uses its
    # default halo for tiled export (docs/contracts.md).
    if measure_receptive_field if measure_receptive_field is not None else params < 20_000_000:
        manifest["receptiveField"] = receptive_field(wrapper)
    write_reference(wrapper, palette, out / "reference.json")
    (out / "pack.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return out / "pack.json"
