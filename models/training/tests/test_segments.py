"""Segment library: cutting, the binary layout, size bounds."""

from __future__ import annotations


import numpy as np
import pytest

from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.retrieval.segments import (
    CLASS_ENTRY,
    HEADER,
    MAGIC,
    RECORD_HEAD,
    Segment,
    balanced_subset,
    cut_segments,
    normalised_mask,
    record_size,
)
from scenebrush_training.data.palette import load_palette


def test_masks_are_normalised_to_their_box():
    square = np.ones((10, 30), bool)
    assert (normalised_mask(square, 8) == 255).all()
    tri = np.tri(40, 40, dtype=bool)  # lower-left triangle
    m = normalised_mask(tri, 8)
    assert m[7, 0] == 255 and m[0, 7] == 0
    assert 0.4 < (m == 255).mean() < 0.7


def test_things_are_instances_and_stuff_connected_components():
    pal = load_palette("landscape")
    sky, tree, grass = pal.index("sky"), pal.index("tree"), pal.index("grass")
    labels = np.full((64, 64), sky, np.uint8)
    labels[40:, :] = grass
    labels[40:, 30:34] = sky  # splits the grass into two components
    inst = np.zeros((64, 64), np.int64)
    labels[10:20, 5:15] = tree
    inst[10:20, 5:15] = 1
    labels[10:20, 40:50] = tree
    inst[10:20, 40:50] = 2
    image = np.zeros((64, 64, 3), np.uint8)
    segs = cut_segments(image, labels, inst, pal, 0, 8, 8, 4)
    by_class = {}
    for s in segs:
        by_class.setdefault(s.cls, []).append(s)
    assert len(by_class[tree]) == 2 and all(s.thing for s in by_class[tree])
    assert len(by_class[grass]) == 2 and not by_class[grass][0].thing
    assert sorted(s.box for s in by_class[tree]) == [(5, 10, 10, 10), (40, 10, 10, 10)]


def test_library_file_layout_and_bounds(tmp_path):
    data = tmp_path / "data"
    write_dataset(data, 6, 96, seed=4, progress=False)
    out = tmp_path / "seg.bin"
    assert (
        main(
            [
                "segment-library",
                "--data",
                str(data),
                "--out",
                str(out),
                "--max-segments",
                "40",
                "--mask",
                "16",
                "--patch",
                "8",
            ]
        )
        == 0
    )
    raw = out.read_bytes()
    magic, version, mask, patch, classes, _, count, pal = HEADER.unpack_from(raw, 0)
    assert magic == MAGIC and version == 1 and (mask, patch) == (16, 8) and count == 40
    assert pal.rstrip(b"\0") == b"landscape" and classes == len(load_palette("landscape"))
    assert len(raw) == HEADER.size + classes * CLASS_ENTRY.size + count * record_size(16, 8)
    table = [CLASS_ENTRY.unpack_from(raw, HEADER.size + 8 * c) for c in range(classes)]
    assert sum(n for _, n in table) == count
    at = HEADER.size + classes * CLASS_ENTRY.size
    last = -1
    for i in range(count):  # records are grouped by class, in class order
        cls = RECORD_HEAD.unpack_from(raw, at + i * record_size(16, 8))[0]
        assert cls >= last
        last = cls
    # A byte budget bounds the library.
    small = tmp_path / "small.bin"
    main(
        [
            "segment-library",
            "--data",
            str(data),
            "--out",
            str(small),
            "--max-bytes",
            "5000",
            "--mask",
            "16",
            "--patch",
            "8",
        ]
    )
    assert small.stat().st_size <= 5000


def test_bad_arguments(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["segment-library", "--data", str(tmp_path), "--out", str(tmp_path / "x"), "--mask", "0"])
    assert main(["segment-library", "--data", str(tmp_path / "nothing"), "--out", str(tmp_path / "x")]) != 0


def _seg(cls: int, source: int) -> Segment:
    return Segment(
        cls, False, 64, 64, (0, 0, 4, 4), 16, source, np.zeros((4, 4), np.uint8), np.zeros((2, 2, 3), np.uint8)
    )


def test_a_bounded_library_shares_room_between_classes_and_renders():
    # Class 0 is common (300 segments in 100 renders), class 1 rare (5), class 2 middling (40).
    segs = [_seg(0, i // 3) for i in range(300)] + [_seg(1, i) for i in range(5)] + [_seg(2, i) for i in range(40)]
    kept = balanced_subset(segs, 65)
    per = {c: [s for s in kept if s.cls == c] for c in range(3)}
    assert len(kept) == 65
    assert len(per[1]) == 5  # a rare class keeps all it has
    assert len(per[0]) == 30 and len(per[2]) == 30  # the rest is shared evenly
    sources = sorted(s.source for s in per[0])
    assert sources[0] == 0 and sources[-1] == 99  # spread over all renders, not the first ones
    assert len({id(s) for s in kept}) == 65  # no segment twice
    assert balanced_subset(segs, 1000) == segs
