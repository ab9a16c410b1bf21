"""Draws the SceneBrush icon (a painted label map turning into a landscape) at every size the
installers need: scenebrush.png (Linux), scenebrush.ico (Windows), scenebrush.icns (macOS) and
sbrush-document.png for project files. Run: python3 installers/icons/make_icons.py"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
S = 1024  # drawn large, scaled down with antialiasing


def landscape(size: int) -> Image.Image:
    img = Image.new("RGBA", (size, size))
    d = ImageDraw.Draw(img)
    for y in range(size):  # sky: deep blue to warm horizon
        t = y / size
        d.line([(0, y), (size, y)], fill=(int(40 + 200 * t), int(90 + 110 * t), int(200 - 40 * t)))
    d.ellipse([size * 0.62, size * 0.16, size * 0.80, size * 0.34], fill=(255, 236, 170))
    d.polygon([(0, size * 0.62), (size * 0.28, size * 0.30), (size * 0.50, size * 0.55),
               (size * 0.70, size * 0.38), (size, size * 0.62)], fill=(92, 96, 130))
    d.polygon([(size * 0.22, size * 0.37), (size * 0.28, size * 0.30), (size * 0.34, size * 0.37)],
              fill=(240, 244, 250))
    d.rectangle([0, size * 0.62, size, size], fill=(76, 150, 72))
    d.polygon([(size * 0.38, size), (size * 0.50, size * 0.62), (size * 0.56, size * 0.62),
               (size * 0.72, size)], fill=(70, 130, 200))
    return img


def labels(size: int) -> Image.Image:
    """The same scene as flat label colours, as an artist paints it."""
    img = Image.new("RGBA", (size, size), (110, 180, 235))
    d = ImageDraw.Draw(img)
    d.polygon([(0, size * 0.62), (size * 0.28, size * 0.30), (size * 0.50, size * 0.55),
               (size * 0.70, size * 0.38), (size, size * 0.62)], fill=(130, 110, 90))
    d.rectangle([0, size * 0.62, size, size], fill=(120, 200, 60))
    d.polygon([(size * 0.38, size), (size * 0.50, size * 0.62), (size * 0.56, size * 0.62),
               (size * 0.72, size)], fill=(40, 90, 255))
    return img


def icon() -> Image.Image:
    art = landscape(S)
    flat = labels(S)
    # A diagonal brush stroke reveals the rendering over the painted labels.
    mask = Image.new("L", (S, S), 0)
    md = ImageDraw.Draw(mask)
    md.polygon([(S * 0.18, S), (S, S * 0.18), (S, S), ], fill=255)
    md.line([(S * 0.10, S * 1.02), (S * 1.02, S * 0.10)], fill=255, width=int(S * 0.10))
    mask = mask.filter(ImageFilter.GaussianBlur(S * 0.01))
    scene = Image.composite(art, flat, mask)
    rounded = Image.new("L", (S, S), 0)
    ImageDraw.Draw(rounded).rounded_rectangle([S * 0.04, S * 0.04, S * 0.96, S * 0.96],
                                              radius=S * 0.2, fill=255)
    out = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    out.paste(scene, (0, 0), rounded)
    # brush tip on the seam
    d = ImageDraw.Draw(out)
    d.line([(S * 0.30, S * 0.70), (S * 0.52, S * 0.48)], fill=(250, 250, 250), width=int(S * 0.05))
    d.ellipse([S * 0.25, S * 0.67, S * 0.35, S * 0.77], fill=(255, 120, 60))
    return out


def document_icon(base: Image.Image) -> Image.Image:
    out = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(out)
    d.polygon([(S * 0.18, S * 0.04), (S * 0.66, S * 0.04), (S * 0.84, S * 0.22), (S * 0.84, S * 0.96),
               (S * 0.18, S * 0.96)], fill=(245, 245, 245), outline=(160, 160, 160), width=8)
    small = base.resize((int(S * 0.54), int(S * 0.54)), Image.LANCZOS)
    out.paste(small, (int(S * 0.24), int(S * 0.34)), small)
    return out


def main() -> None:
    art = icon()
    art.resize((256, 256), Image.LANCZOS).save(HERE / "scenebrush.png")
    window_icon = HERE.parents[1] / "app/src/main/resources/dev/scenebrush/app/scenebrush-icon.png"
    window_icon.parent.mkdir(parents=True, exist_ok=True)
    art.resize((64, 64), Image.LANCZOS).save(window_icon)
    document_icon(art).resize((256, 256), Image.LANCZOS).save(HERE / "sbrush-document.png")
    art.resize((256, 256), Image.LANCZOS).save(
        HERE / "scenebrush.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    art.resize((1024, 1024), Image.LANCZOS).save(HERE / "scenebrush.icns")
    print("wrote", ", ".join(p.name for p in sorted(HERE.glob("s*.*")) if p.suffix != ".py"))


if __name__ == "__main__":
    main()
