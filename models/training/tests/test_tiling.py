"""The split generator used by memory-bounded exports (docs/contracts.md, "tiling")."""
import json

import onnx
import pytest
import torch

from scenebrush_training.__main__ import main
from scenebrush_training.export.tiling import attach_tiling, finish_reach, receptive_field
from scenebrush_training.nets.spade import SPADEGenerator


def _gen(seed=0):
    torch.manual_seed(seed)
    g = SPADEGenerator(18, 8, 8, 4, spade_hidden=8)
    with torch.no_grad():  # settle BatchNorm statistics so eval mode is not the identity
        g.train()(torch.rand(2, 19, 64, 64), torch.zeros(2, 1, 64, 64), torch.randn(2, 8, 64, 64))
    return g.eval()


@pytest.mark.parametrize("head_blocks", [1, 2, 3])
def test_trunk_then_finish_is_the_generator(head_blocks):
    g = _gen()
    lab = torch.nn.functional.one_hot(torch.randint(0, 19, (1, 48, 80)), 19).permute(0, 3, 1, 2).float()
    edge = (torch.rand(1, 1, 48, 80) > 0.9).float()
    z = torch.randn(1, 8, 48, 80)
    with torch.no_grad():
        feats = g.trunk(lab, edge, z, head_blocks)
        assert feats.shape[2:] == (48 // 2**head_blocks, 80 // 2**head_blocks)
        assert torch.equal(g.finish(feats, lab, edge, z, head_blocks), g(lab, edge, z))
        # The exported trunk takes z pooled to its own size: the same features up to rounding.
        pooled = g.trunk(lab, edge, torch.nn.functional.avg_pool2d(z, 2**head_blocks), head_blocks, True)
        assert torch.allclose(pooled, feats, atol=1e-5)


def test_finish_reach_bounds_what_a_change_can_touch():
    g = _gen()
    reach = finish_reach(g, 2)
    assert 0 < reach < 64
    size, p = 128, 64
    lab = torch.zeros(1, 19, size, size)
    lab[:, 0] = 1
    edge = torch.zeros(1, 1, size, size)
    z = torch.randn(1, 8, 1, 1).expand(-1, -1, size, size).clone()
    with torch.no_grad():
        feats = g.trunk(lab, edge, z, 2)
        base = g.finish(feats, lab, edge, z, 2)
        lab2 = lab.clone()
        lab2[:, :, p, p] = 0
        lab2[:, 3, p, p] = 1
        diff = (g.finish(feats, lab2, edge, z, 2) - base).abs().amax(1)[0]
    ys, xs = torch.nonzero(diff > 0, as_tuple=True)
    assert len(ys) and max(int((ys - p).abs().max()), int((xs - p).abs().max())) <= reach


def test_receptive_field_bounds_a_change_at_any_place():
    # pack.json's receptiveField sizes the halo of tiled exports (plus one coarse cell): a change
    # anywhere, at any phase of the coarsest grid, must stay inside it.
    g = _gen()
    reach = receptive_field(g, size=384)
    assert 16 < reach < 192
    size = 384
    lab = torch.zeros(1, 19, size, size)
    lab[:, 9] = 1
    edge = torch.zeros(1, 1, size, size)
    z = torch.randn(1, 8, 1, 1).expand(-1, -1, size, size).clone()
    farthest = 0
    with torch.no_grad():
        base = g(lab, edge, z)
        for y, x in [(190, 193), (181, 205), (203, 171), (176, 176)]:
            # Every input changes at the pixel: its class, its object edge and its style.
            lab2, edge2, z2 = lab.clone(), edge.clone(), z.clone()
            lab2[:, :, y, x] = 0
            lab2[:, 2, y, x] = 1
            edge2[:, :, y, x] = 1
            z2[:, :, y, x] -= 2.0
            diff = (g(lab2, edge2, z2) - base).abs().amax(1)[0]
            ys, xs = torch.nonzero(diff > 0, as_tuple=True)
            farthest = max(farthest, int((ys - y).abs().max()), int((xs - x).abs().max()))
    assert reach - g.multiple_of <= farthest <= reach + g.multiple_of


def test_packs_carry_the_split_generator_and_attach_checks_the_model(tmp_path):
    pack = tmp_path / "pack"
    assert main(["export-untrained", "--out", str(pack), "--ngf", "4", "--num-up", "4", "--no-receptive-field"]) == 0
    manifest = json.loads((pack / "pack.json").read_text())
    tiling = manifest["tiling"]
    assert tiling["scale"] == 4 and tiling["finishReach"] > 0
    trunk = onnx.load(str(pack / tiling["trunk"]["file"]))
    finish = onnx.load(str(pack / tiling["finish"]["file"]))
    assert [i.name for i in trunk.graph.input] == ["label", "instance_edge", "z"]
    assert [o.name for o in trunk.graph.output] == ["features"]
    assert [i.name for i in finish.graph.input] == ["features", "label", "instance_edge", "z"]
    assert [o.name for o in finish.graph.output] == ["image"]

    def axes(value):
        return [d.dim_param for d in value.type.tensor_type.shape.dim[2:]]

    # Axes at 1/scale must not share names with the full-size ones (ONNX Runtime would take them
    # as equal and reuse buffers of the wrong size).
    assert axes(finish.graph.input[0]) == ["h", "w"] and axes(finish.graph.input[1]) == ["H", "W"]
    assert axes(trunk.graph.input[2]) == ["h", "w"] and axes(trunk.graph.output[0]) == ["h", "w"]

    # Re-attaching from the same weights works; other weights are refused by the reference check.
    del manifest["tiling"]
    (pack / "pack.json").write_text(json.dumps(manifest))
    assert main(["attach-tiling", "--pack", str(pack), "--untrained", "--ngf", "4", "--num-up", "4"]) == 0
    assert "tiling" in json.loads((pack / "pack.json").read_text())
    with pytest.raises(ValueError, match="not the pack's"):
        attach_tiling(pack, SPADEGenerator(18, 8, 4, 4, spade_hidden=16))


def test_half_weights_halves_the_named_parts_and_marks_them(tmp_path):
    pack = tmp_path / "pack"
    assert main(["export-untrained", "--out", str(pack), "--ngf", "8", "--num-up", "4", "--no-receptive-field"]) == 0
    manifest = json.loads((pack / "pack.json").read_text())
    trunk = pack / manifest["tiling"]["trunk"]["file"]
    before = {f: (pack / f).stat().st_size for f in ("generator.onnx", trunk.name)}
    assert main(["half-weights", "--pack", str(pack), "--parts", "trunk"]) == 0
    manifest = json.loads((pack / "pack.json").read_text())
    assert manifest["tiling"]["trunk"]["fp16"] is True and "fp16" not in manifest["generator"]
    assert trunk.stat().st_size < 0.6 * before[trunk.name]
    assert (pack / "generator.onnx").stat().st_size == before["generator.onnx"]
    model = onnx.load(str(trunk))
    onnx.checker.check_model(model)
    assert [i.type.tensor_type.elem_type for i in model.graph.input] == [onnx.TensorProto.FLOAT] * 3
    # Twice is the same as once; unknown or missing parts are named.
    size = trunk.stat().st_size
    assert main(["half-weights", "--pack", str(pack), "--parts", "trunk"]) == 0
    assert trunk.stat().st_size == size
    assert main(["half-weights", "--pack", str(pack), "--parts", "wheels"]) != 0
    assert main(["half-weights", "--pack", str(pack), "--parts", "retrieval"]) != 0
