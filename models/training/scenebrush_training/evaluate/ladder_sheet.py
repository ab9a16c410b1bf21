"""Sheet of the ladder against today's direct render: per map, labels | direct | ladder | real,
each whole (scaled to a 256-px column) and as a 100 % crop from its centre band."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

COLUMN = 256
TITLES = ("labels", "direct render", "ladder", "real render")


def ladder_sheet(heldout: Path, direct: Path, ladder: Path, out: Path, names: list[str], maps: str = "labels") -> Path:
    color = "labels_color" if maps == "labels" else None
    rows = []
    for n in names:
        if color:
            lab = Image.open(heldout / color / n).convert("RGB")
        else:  # artist maps have no colour PNG: colour them with the palette
            from scenebrush_training.data.palette import load_palette
            from scenebrush_training.data.pngio import load_index

            lab = Image.fromarray(load_palette("landscape").colorize(load_index(heldout / maps / n)))
        row = [
            lab,
            Image.open(direct / n).convert("RGB"),
            Image.open(ladder / n).convert("RGB"),
            Image.open(heldout / "images" / n).convert("RGB"),
        ]
        sizes = {im.size for im in row}
        if len(sizes) != 1:
            raise ValueError(f"{n}: the four pictures differ in size: {sorted(sizes)}")
        rows.append(row)
    w, h = rows[0][0].size
    crop_box = (w // 2 - COLUMN // 2, int(h * 0.55) - COLUMN // 2, w // 2 + COLUMN // 2, int(h * 0.55) + COLUMN // 2)
    sheet = Image.new("RGB", (COLUMN * 4, 20 + len(rows) * 2 * COLUMN), "white")
    d = ImageDraw.Draw(sheet)
    for i, t in enumerate(TITLES):
        d.text((i * COLUMN + 6, 4), t + f" ({w}x{h}; below: 100 % crop)", fill="black")
    for r, row in enumerate(rows):
        y = 20 + r * 2 * COLUMN
        for i, im in enumerate(row):
            sheet.paste(im.resize((COLUMN, COLUMN * h // w), Image.BILINEAR), (i * COLUMN, y))
            sheet.paste(im.crop(crop_box), (i * COLUMN, y + COLUMN))
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out)
    return out
