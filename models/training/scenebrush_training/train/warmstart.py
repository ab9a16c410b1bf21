"""Warm start: a new run's generator and style encoder taken from a pack's exported weights.

A checkpoint (weights, discriminator, optimiser states) lives in a run folder outside the
repository and is lost with the machine; a pack is what is kept. Starting a run from a pack
continues its generator under another recipe (a new discriminator, more steps, other data, a
user's own pictures) instead of from scratch. Taken: the exported generator ("gen." weights) and
encoder ("enc." weights), float16 or float32. Left out: the fitted z prior the export wraps around
them (fitted again after training), the discriminator and the optimiser states (start fresh) and
training-only heads the export drops (named in the log). The step counter continues from the
pack's recorded steps, so checkpoints count steps the way the pack's own run did.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import torch

from scenebrush_training.train import distributed


class WarmStartError(ValueError):
    """A pack whose weights do not fit the run: says which and why."""


def onnx_weights(path: Path, prefix: str) -> dict[str, np.ndarray]:
    """The initializers of an ONNX file under `prefix`, the prefix and an fp16 store's
    `_fp16` suffix removed, as float32 arrays."""
    import onnx
    from onnx import numpy_helper

    try:
        model = onnx.load(str(path))
    except Exception as e:  # noqa: BLE001 - any unreadable file gets the same clear message
        raise WarmStartError(f"{path}: not a readable ONNX file ({type(e).__name__}: {e})") from e
    out = {}
    for init in model.graph.initializer:
        name = init.name
        if not name.startswith(prefix):
            continue
        name = name[len(prefix) :]
        if name.endswith("_fp16"):
            name = name[: -len("_fp16")]
        arr = numpy_helper.to_array(init)
        out[name] = arr.astype(np.float32) if arr.dtype.kind == "f" else arr
    if not out:
        raise WarmStartError(f"{path}: no weights named '{prefix}…' (not exported by this project?)")
    return out


def _power_iteration(weight: torch.Tensor, iterations: int = 50) -> tuple[torch.Tensor, torch.Tensor]:
    """Spectral norm's u and v for `weight`, converged (torch keeps them between steps)."""
    w = weight.reshape(weight.shape[0], -1).double()
    v = torch.ones(w.shape[1], dtype=w.dtype) / w.shape[1] ** 0.5
    for _ in range(iterations):
        u = torch.nn.functional.normalize(w @ v, dim=0, eps=1e-12)
        v = torch.nn.functional.normalize(w.T @ u, dim=0, eps=1e-12)
    return u.float(), v.float()


def load_into(module: torch.nn.Module, weights: dict[str, np.ndarray], source: str) -> list[str]:
    """Copies exported weights into `module`. A spectral-normed layer gets the folded weight as
    weight_orig with converged u, v: its effective weight is the folded one divided by its
    largest singular value, which training's lagging estimate left near 1, not exactly (on the
    bundled pack's reference scene the output moves by 0.001 on average, 0.009 at most). Returns the names
    of parameters the export does not hold, which must be the module's declared training-only
    ones; anything else missing or mis-shaped is an error naming the tensors."""
    training_only = tuple(getattr(module, "TRAINING_ONLY", ()))
    state = module.state_dict()
    new_state, fresh, missing, misshaped = {}, [], [], []
    for key, current in state.items():
        if key.endswith(("weight_u", "weight_v", "num_batches_tracked")):
            continue
        stored = key[: -len("_orig")] if key.endswith("weight_orig") else key
        if stored not in weights:
            (fresh if key.startswith(training_only) else missing).append(key)
            continue
        value = torch.from_numpy(np.ascontiguousarray(weights[stored])).to(current.dtype)
        if tuple(value.shape) != tuple(current.shape):
            misshaped.append(f"{key} {tuple(value.shape)} (run: {tuple(current.shape)})")
            continue
        if key.endswith("weight_orig"):
            u, v = _power_iteration(value)
            new_state[key[: -len("orig")] + "u"] = u
            new_state[key[: -len("orig")] + "v"] = v
        new_state[key] = value
    if missing or misshaped:
        raise WarmStartError(
            f"{source}: the weights do not fit the run's network"
            + (f"; missing {missing[:6]}{' …' if len(missing) > 6 else ''}" if missing else "")
            + (f"; other shapes {misshaped[:6]}" if misshaped else "")
        )
    module.load_state_dict(new_state, strict=False)
    return fresh


def read_manifest(pack: Path) -> dict:
    path = Path(pack) / "pack.json"
    if not path.is_file():
        raise WarmStartError(f"{pack}: no pack.json (not a model pack folder)")
    return json.loads(path.read_text())


# Network fields a run may change from its pack's: they alter no weight's shape or meaning.
# "padding" is what the convolutions see past the picture's edges (absent = "zeros"); a base
# trained with zeros can go on with reflection and unlearn the frame it drew along the edges.
CHANGEABLE = {"padding": "zeros"}


def check_fits(manifest: dict, pack: Path, palette_id: str, network: dict) -> list[str]:
    """The pack must share the run's palette and generator architecture; returns the changeable
    fields the run changes, as "field: pack → run"."""
    if manifest.get("palette") != palette_id:
        raise WarmStartError(f"{pack}: the pack uses palette '{manifest.get('palette')}', the data '{palette_id}'")
    theirs = manifest.get("network", {})

    def field(block: dict, k: str):
        return block.get(k, CHANGEABLE.get(k))

    differ = sorted(k for k in set(theirs) | set(network) if field(theirs, k) != field(network, k))
    fixed = [k for k in differ if k not in CHANGEABLE]
    if fixed:
        shown = ", ".join(f"{k}: pack {theirs.get(k)!r}, run {network.get(k)!r}" for k in fixed)
        raise WarmStartError(f"{pack}: the pack's generator differs from the config's ({shown})")
    return [f"{k}: {field(theirs, k)} → {field(network, k)}" for k in differ]


def apply(pack: Path, palette_id: str, generator: torch.nn.Module, encoder: torch.nn.Module | None) -> dict:
    """Loads the pack's generator (and encoder, when the run has one) in place; returns the record
    the run keeps: the pack, its steps and the parameters left fresh."""
    pack = Path(pack)
    manifest = read_manifest(pack)
    changed = check_fits(manifest, pack, palette_id, generator.config())
    gen_file = pack / manifest["generator"]["file"]
    fresh = load_into(generator, onnx_weights(gen_file, "gen."), str(gen_file))
    if encoder is not None:
        block = manifest.get("encoder")
        if not block:
            raise WarmStartError(f"{pack}: the pack has no style encoder, the run trains one")
        enc_file = pack / block["file"]
        fresh += load_into(encoder, onnx_weights(enc_file, "enc."), str(enc_file))
    steps = int(manifest.get("training", {}).get("steps", 0))
    record = {"pack": str(pack), "id": manifest.get("id"), "steps": steps, "fresh": fresh}
    if changed:
        record["changed"] = changed
    return record


def warm_up(trainer, data, rng: np.random.Generator) -> None:
    """A run started from a pack: what starts fresh learns alone for `d_warmup` batches while
    the pack's generator holds still. The discriminator learns to tell its pictures from real
    ones, and the training-only heads the export dropped (SC-GAN's `svg_rgb`) learn to read the
    generator's state, so the generator's first steps follow a judge and a regression that
    already fit it instead of pulling it anywhere while they learn. Recorded in the checkpoint,
    so a resumed run does not do it again."""
    steps, log_every = trainer.cfg.d_warmup, trainer.cfg.log_every
    fresh = set(trainer.warm_start["fresh"])
    heads = [p for name, p in trainer.G.named_parameters() if name in fresh]
    opt_heads = torch.optim.Adam(heads, lr=trainer.cfg.lr_d, betas=(trainer.cfg.beta1, trainer.cfg.beta2))
    held = [p for name, p in trainer.G.named_parameters() if name not in fresh]
    flags = [p.requires_grad for p in held]
    for p in held:
        p.requires_grad_(False)
    t0 = time.perf_counter()
    try:
        for i in range(1, steps + 1):
            x, label, edge = trainer.batch(data, rng)
            n, _, h, w = x.shape
            with torch.no_grad():
                z, _ = trainer.z_map(x, n, h, w)
            # The plain module, not its DDP wrapper: only the heads need gradients here.
            fake = trainer.G(label, edge, z)
            logged = {}
            if heads and trainer.G.last_svg_rgb is not None:
                head_loss = trainer.svg_loss(x)
                opt_heads.zero_grad(set_to_none=True)
                head_loss.backward()
                distributed.average_gradients(heads, trainer.ranks)
                opt_heads.step()
                logged["g_svg"] = head_loss
            logged.update(trainer.discriminator_step(x, fake.detach(), torch.cat([label, edge], 1)))
            if i % log_every == 0 and trainer.ranks.writes:
                print(
                    f"warm-up {i}/{steps} "
                    + " ".join(f"{k}={float(v):.3f}" for k, v in logged.items())
                    + f" [{time.perf_counter() - t0:.0f}s]",
                    flush=True,
                )
    finally:
        for p, flag in zip(held, flags):
            p.requires_grad_(flag)
    trainer.warm_start["d_warmup"] = steps
    trainer.save()
