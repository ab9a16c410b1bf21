"""ONNX graphs of our networks: spectral norm folded, dynamic sizes, optional float16 weights."""

from __future__ import annotations

from pathlib import Path

import torch

OPSET = 13


def strip_spectral_norm(module: torch.nn.Module) -> torch.nn.Module:
    """Folds spectral norm into plain weights (in place), for export: the same function in eval
    mode, but the ONNX file holds one weight per layer instead of weight_orig, u, v and the
    folded copy (about half the size)."""
    from torch.nn.utils import remove_spectral_norm

    for m in module.modules():
        if hasattr(m, "weight_orig"):
            remove_spectral_norm(m)
    return module


def export_image_model(module, args: tuple, path: Path, inputs: tuple[str, ...]) -> None:
    """ONNX of a network that draws an `image`: batch, height and width stay dynamic on every input."""
    dyn = {n: {0: "N", 2: "H", 3: "W"} for n in (*inputs, "image")}
    torch.onnx.export(
        module,
        args,
        str(path),
        input_names=list(inputs),
        output_names=["image"],
        dynamic_axes=dyn,
        opset_version=OPSET,
        do_constant_folding=True,
    )


def to_fp16(path: Path) -> None:
    """Store weights as float16 while keeping float32 inputs and outputs."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    # Weights are stored in fp16 and cast back to fp32 at load: halves the pack, same graph.
    new_inits, casts = [], []
    for init in model.graph.initializer:
        arr = numpy_helper.to_array(init)
        if arr.dtype.name == "float32" and arr.size > 16:
            half = numpy_helper.from_array(arr.astype("float16"), init.name + "_fp16")
            new_inits.append(half)
            casts.append(onnx.helper.make_node("Cast", [half.name], [init.name], to=onnx.TensorProto.FLOAT))
        else:
            new_inits.append(init)
    del model.graph.initializer[:]
    model.graph.initializer.extend(new_inits)
    nodes = list(model.graph.node)
    del model.graph.node[:]
    model.graph.node.extend(casts + nodes)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
