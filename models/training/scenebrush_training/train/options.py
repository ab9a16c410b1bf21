"""The base generator's training options (a JSON config file per run, configs/*.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TrainConfig:
    name: str = "spade"
    generator: str = "spade"  # or "unet" (baseline), or "resail" (retrieval generator)
    data: str = ""
    size: int = 256
    batch: int = 4
    steps: int = 10000
    ngf: int = 32
    spade_hidden: int = 32
    num_up: int = 5
    z_dim: int = 32
    ndf: int = 32
    d_scales: int = 2
    lr_g: float = 1e-4
    lr_d: float = 4e-4
    beta1: float = 0.0
    beta2: float = 0.999
    lambda_fm: float = 10.0
    lambda_kl: float = 0.05
    # "mean" over z's values and the batch (our CPU runs), or "sum" as in SPADE: a far stronger
    # pull of the encoder towards N(0, 1) at the same lambda_kl.
    kl_reduction: str = "mean"
    lambda_l1: float = 0.0
    ema: float = 0.999
    drop_whole: float = 0.1
    drop_regions: float = 0.3
    artist_prob: float = 0.3
    use_encoder: bool = True
    checkpoint_every: int = 250
    log_every: int = 25
    threads: int = 2
    seed: int = 0
    max_samples: int = 0  # 0 = all
    holdout: int = 200  # last samples of the data folder are never trained on
    sc_vectors: int = 8  # scgan: semantic vector size (kernel candidates)
    sc_temperature: float = 1.0  # scgan: softmax temperature of the semantic vectors
    lambda_svg: float = 10.0  # scgan: regression of the semantic-vector generator's image
    library: str = ""  # resail: segment library; empty = cut one from the data into the run folder
    retrieved_prob: float = 0.5  # resail: batches guided by retrieval (else by distorted ground truth)
    # "patch": multi-scale PatchGAN on (image, labels) with feature matching; "oasis": a
    # segmentation discriminator (N+1 classes, class-balanced, LabelMix; oasis.py).
    discriminator: str = "patch"
    lambda_labelmix: float = 10.0  # oasis: weight of the LabelMix consistency term
    # Weight of the perceptual loss on fixed random-CNN features (perceptual.py); 0 = off.
    lambda_perceptual: float = 0.0
    # Mode seeking (MSGAN): a second render of each map under another picture's z must differ
    # from the first as much as the two z do; 0 = off (needs batch >= 2).
    lambda_ms: float = 0.0
    # A run started from a pack (--init-from-pack) first trains what starts fresh (discriminator,
    # training-only heads) alone for this many batches, the pack's generator held still
    # (warmstart.warm_up); 0 = everything starts together.
    d_warmup: int = 0
    # Shape warp (data/warp.py): this share of samples has picture and maps bent by one smooth
    # random field moving pixels up to warp_px (at the data's size); 0 = off.
    warp_prob: float = 0.0
    warp_px: float = 12.0
    # scgan: what the generator's convolutions see past the edges, "zeros" or "reflect" (nets/scgan.py).
    padding: str = "zeros"
    extra: dict = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, **overrides) -> "TrainConfig":
        return load_config(cls, path, overrides)

    def __post_init__(self) -> None:
        if self.kl_reduction not in ("mean", "sum"):
            raise ValueError(f"kl_reduction must be 'mean' or 'sum', got {self.kl_reduction!r}")
        if self.discriminator not in ("patch", "oasis"):
            raise ValueError(f"discriminator must be 'patch' or 'oasis', got {self.discriminator!r}")
        if self.padding not in ("zeros", "reflect"):
            raise ValueError(f"padding must be 'zeros' or 'reflect', got {self.padding!r}")
        if self.padding != "zeros" and self.generator != "scgan":
            raise ValueError(f"padding {self.padding!r} is an scgan option; generator is {self.generator!r}")
        if self.d_warmup < 0:
            raise ValueError(f"d_warmup must be >= 0 batches, got {self.d_warmup}")
        if not 0 <= self.warp_prob <= 1 or self.warp_px < 0:
            raise ValueError(f"warp_prob must be in [0, 1] and warp_px >= 0, got {self.warp_prob} and {self.warp_px}")
        if self.lambda_ms and self.batch < 2:
            raise ValueError(f"lambda_ms needs batch >= 2 (the z of another picture), got batch {self.batch}")


def load_config(cls, path: Path, overrides: dict):
    """A config dataclass from JSON: unknown keys are named, non-None overrides win."""
    data = json.loads(Path(path).read_text())
    unknown = set(data) - set(cls.__dataclass_fields__)
    if unknown:
        raise ValueError(
            f"{path}: unknown config keys {sorted(unknown)}; " f"valid keys: {sorted(cls.__dataclass_fields__)}"
        )
    data.update({k: v for k, v in overrides.items() if v is not None})
    return cls(**data)
