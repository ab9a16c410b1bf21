"""`evaluate`: mIoU / accuracy, feature-Frechet distance and diversity for sets of images."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from scenebrush_training.evaluate.metrics import confusion, diversity, frechet_distance, scores
from scenebrush_training.data.pngio import load_index, load_rgb


def _pngs(folder: Path, what: str) -> list[str]:
    if not folder.is_dir():
        raise FileNotFoundError(f"{what} folder {folder} does not exist")
    names = sorted(p.name for p in folder.glob("*.png"))
    if not names:
        raise ValueError(f"{what} folder {folder} holds no .png files")
    return names


def _matched(a: Path, b: Path, what_a: str, what_b: str) -> list[str]:
    na, nb = _pngs(a, what_a), set(_pngs(b, what_b))
    missing = [n for n in na if n not in nb]
    if missing:
        raise ValueError(
            f"{len(missing)} {what_a} files have no {what_b} file of the same name " f"(first: {missing[0]})"
        )
    return na


def _images(folder: Path, names: list[str]) -> np.ndarray:
    imgs = [load_rgb(folder / n) for n in names]
    shapes = {i.shape for i in imgs}
    if len(shapes) > 1:
        raise ValueError(f"images in {folder} differ in size: {sorted(shapes)}")
    return np.stack(imgs)


def evaluate(
    images: Path | None = None,
    labels: Path | None = None,
    predictions: Path | None = None,
    reference: Path | None = None,
    z_sets: list[Path] | None = None,
    segmenter: Path | None = None,
    num_classes: int | None = None,
) -> dict:
    from scenebrush_training.data.palette import load_palette

    result: dict = {}
    net = None

    def seg():
        nonlocal net
        if net is None:
            from scenebrush_training.evaluate.segmenter import WEIGHTS, load_segmenter

            net = load_segmenter(segmenter or WEIGHTS)
        return net

    if labels is not None:
        nc = num_classes or len(load_palette("landscape"))
        if predictions is not None:
            names = _matched(predictions, labels, "prediction", "label")
            preds = [load_index(predictions / n) for n in names]
        else:
            if images is None:
                raise ValueError("--labels needs --images (to segment) or --predictions")
            from scenebrush_training.evaluate.segmenter import predict

            names = _matched(images, labels, "image", "label")
            preds = list(predict(seg(), _images(images, names))[0])
            nc = num_classes or seg().num_classes
        conf = np.zeros((nc, nc + 1), np.int64)
        for n, p in zip(names, preds):
            conf += confusion(p, load_index(labels / n), nc)
        s = scores(conf)
        result.update(miou=s["miou"], accuracy=s["accuracy"], per_class_iou=s["per_class"], pairs=len(names))
    if reference is not None:
        if images is None:
            raise ValueError("--reference needs --images to compare against")
        from scenebrush_training.evaluate.segmenter import predict

        fa = predict(seg(), _images(images, _pngs(images, "image")))[1]
        fb = predict(seg(), _images(reference, _pngs(reference, "reference")))[1]
        result["frechet_distance"] = frechet_distance(fa, fb)
    if z_sets:
        if len(z_sets) < 2:
            raise ValueError("--z-sets needs two or more folders (one per z)")
        from scenebrush_training.evaluate.segmenter import predict

        names = _pngs(z_sets[0], "z-set")
        for d in z_sets[1:]:
            _matched(z_sets[0], d, "z-set", f"z-set {d}")
        feats = [predict(seg(), _images(d, names))[1] for d in z_sets]
        groups = [np.stack([f[i] for f in feats]) for i in range(len(names))]
        result["diversity"] = diversity(groups)
    if not result:
        raise ValueError("nothing to evaluate: give --labels, --reference or --z-sets")
    return result
