"""Converters for the released SPADE and OASIS checkpoints: random weights under the official
parameter names, saved, converted, and compared with the network they came from."""

from __future__ import annotations

import json

import onnx
import pytest
import torch

from scenebrush_training.__main__ import main
from scenebrush_training.export.convert import TARGETS, ConversionError, convert, load_checkpoint, wrap
from scenebrush_training.data.palette import load_palette
from scenebrush_training.export.fixtures import released_like, write_checkpoint
from scenebrush_training.tensors import instance_edges, one_hot


def scene(palette_len: int, h: int = 64, w: int = 96, seed: int = 0):
    g = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, palette_len, (1, h // 8, w // 8), generator=g)
    labels = labels.repeat_interleave(8, 1).repeat_interleave(8, 2)
    labels[:, :16, :16] = 255  # unpainted corner
    inst = torch.zeros(1, h, w, dtype=torch.long)
    inst[:, 30:44, 40:60] = 1
    return labels, inst


def by_hand(arch: str, dataset: str, labels: torch.Tensor, inst: torch.Tensor, n: int) -> torch.Tensor:
    """The released network's own input, built independently of the wrapper."""
    t = TARGETS[(arch, dataset)]
    if t.unknown == "append":  # SPADE: don't-care is the channel after the classes
        idx = torch.where(labels == 255, torch.full_like(labels, n), labels)
        seg = torch.nn.functional.one_hot(idx, n + 1)
    elif t.unknown == "prepend":  # OASIS ADE20K: raw ADE ids, 0 = other
        idx = torch.where(labels == 255, torch.zeros_like(labels), labels + 1)
        seg = torch.nn.functional.one_hot(idx, n + 1)
    else:  # Cityscapes: unpainted is 'unlabeled' (id 0)
        idx = torch.where(labels == 255, torch.zeros_like(labels), labels)
        seg = torch.nn.functional.one_hot(idx, n)
    seg = seg.permute(0, 3, 1, 2).float()
    if t.instance:
        seg = torch.cat((seg, instance_edges(inst)), 1)
    return seg


@pytest.mark.parametrize("arch,dataset", list(TARGETS))
def test_converted_wrapper_equals_the_released_network(tmp_path, arch, dataset):
    ckpt = tmp_path / "net.pth"
    original = write_checkpoint(arch, dataset, ckpt, seed=3)
    wrapper, target = wrap(arch, dataset, load_checkpoint(ckpt))
    n = len(load_palette(target.palette))
    labels, inst = scene(n)
    z = torch.randn(1, wrapper.z_dim, 1, 1).expand(-1, -1, 64, 96)
    with torch.no_grad():
        ours = wrapper(one_hot(labels, n), instance_edges(inst), z)
        seg = by_hand(arch, dataset, labels, inst, n)
        theirs = original(seg) if arch == "spade" else original(seg, z)
    assert ours.shape == (1, 3, 64, 96)
    assert (ours - theirs).abs().max().item() <= 1e-5
    assert ours.std().item() > 0  # not a constant picture


def test_convert_writes_a_pack_under_the_contract(tmp_path):
    ckpt = tmp_path / "latest_net_G.pth"
    write_checkpoint("spade", "coco-stuff", ckpt)
    manifest_path = convert("spade", "coco-stuff", ckpt, tmp_path / "pack", measure_receptive_field=False)
    m = json.loads(manifest_path.read_text())
    assert m["palette"] == "coco-stuff" and m["multipleOf"] == 32 and m["zDim"] == 1
    assert m["license"]["name"] == "CC BY-NC-SA 4.0" and m["license"]["commercialUse"] is False
    assert m["converted"]["from"] == "latest_net_G.pth" and len(m["converted"]["sha256"]) == 64
    model = onnx.load(str(tmp_path / "pack" / "generator.onnx"))
    onnx.checker.check_model(model)
    assert [i.name for i in model.graph.input] == ["label", "instance_edge", "z"]
    assert model.graph.input[0].type.tensor_type.shape.dim[1].dim_value == 183
    ref = json.loads((tmp_path / "pack" / "reference.json").read_text())
    assert len(ref["image"]) == 3 * ref["width"] * ref["height"]


def test_oasis_license_and_noise_input(tmp_path):
    ckpt = tmp_path / "G_EMA.pth"
    write_checkpoint("oasis", "ade20k", ckpt)
    m = json.loads(convert("oasis", "ade20k", ckpt, tmp_path / "p", measure_receptive_field=False).read_text())
    assert m["license"]["name"] == "AGPL-3.0" and m["zDim"] == 64
    model = onnx.load(str(tmp_path / "p" / "generator.onnx"))
    # No instance edges in this network, yet the graph keeps the contract's three inputs.
    assert [i.name for i in model.graph.input] == ["label", "instance_edge", "z"]


def test_a_checkpoint_with_missing_and_misshaped_tensors_is_refused_with_a_list(tmp_path):
    state = released_like("spade", "ade20k").state_dict()
    del state["up_2.conv_1.weight_orig"], state["up_2.conv_1.weight_u"], state["up_2.conv_1.weight_v"]
    state["conv_img.weight"] = torch.zeros(3, 5, 3, 3)
    state["fc_mu.weight"] = torch.zeros(1)
    torch.save(state, str(tmp_path / "bad.pth"))
    with pytest.raises(ConversionError) as e:
        convert("spade", "ade20k", tmp_path / "bad.pth", tmp_path / "out")
    msg = str(e.value)
    assert "1 missing: up_2.conv_1.weight" in msg
    assert "1 unexpected: fc_mu.weight" in msg
    assert "conv_img.weight: checkpoint (3, 5, 3, 3)" in msg
    assert not (tmp_path / "out" / "pack.json").exists()


def test_wrong_data_set_wrong_architecture_and_garbage_are_refused(tmp_path):
    ckpt = tmp_path / "coco.pth"
    write_checkpoint("spade", "coco-stuff", ckpt)
    with pytest.raises(ConversionError, match="expects 36 label channels.*has 184"):
        convert("spade", "cityscapes", ckpt, tmp_path / "x")
    with pytest.raises(ConversionError, match="missing tensor body.0.norm_0"):
        convert("oasis", "ade20k", ckpt, tmp_path / "y")
    (tmp_path / "junk.pth").write_bytes(b"not a checkpoint")
    with pytest.raises(ConversionError, match="not a PyTorch checkpoint"):
        convert("spade", "coco-stuff", tmp_path / "junk.pth", tmp_path / "z")


def test_convert_command_line(tmp_path, capsys):
    ckpt = tmp_path / "net.pth"
    write_checkpoint("spade", "cityscapes", ckpt)
    assert (
        main(["convert", "spade", "cityscapes", str(ckpt), "--out", str(tmp_path / "cs"), "--no-receptive-field"]) == 0
    )
    m = json.loads((tmp_path / "cs" / "pack.json").read_text())
    assert m["resolution"] == [512, 256] and m["network"]["instanceEdge"] is True
    assert main(["convert", "oasis", "cityscapes", str(ckpt), "--out", str(tmp_path / "o")]) != 0
    assert "error:" in capsys.readouterr().err


@pytest.mark.parametrize("arch,dataset", [("spade", "ade20k"), ("oasis", "cityscapes")])
def test_the_pack_network_block_rebuilds_the_same_shapes_for_the_benchmark(tmp_path, arch, dataset):
    from scenebrush_training.export.convert import from_config

    ckpt = tmp_path / "n.pth"
    write_checkpoint(arch, dataset, ckpt)
    m = json.loads(convert(arch, dataset, ckpt, tmp_path / "p", measure_receptive_field=False).read_text())
    rebuilt = from_config(m["network"])
    wrapper, _ = wrap(arch, dataset, load_checkpoint(ckpt))
    assert {k: v.shape for k, v in rebuilt.state_dict().items()} == {
        k: v.shape for k, v in wrapper.state_dict().items()
    }
