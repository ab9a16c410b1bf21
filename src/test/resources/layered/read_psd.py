"""Reads a PSD with psd-tools (Debian's python3-psd-tools) and prints what a user's editor sees.

Usage: read_psd.py file.psd x,y [x,y ...]
Prints one JSON object: the canvas size, every layer bottom first (name, offset, size,
visibility, and its RGBA at each given picture point inside it), and the composite's RGB there.
"""
import json
import sys

from psd_tools import PSDImage


def main():
    psd = PSDImage.open(sys.argv[1])
    points = [tuple(int(v) for v in p.split(",")) for p in sys.argv[2:]]
    composite = psd.topil()  # the stored composite, as written
    layers = []
    for layer in psd:
        image = layer.topil()
        samples = {}
        for x, y in points:
            lx, ly = x - layer.left, y - layer.top
            if 0 <= lx < layer.width and 0 <= ly < layer.height:
                samples["%d,%d" % (x, y)] = list(image.convert("RGBA").getpixel((lx, ly)))
        layers.append(
            {
                "name": layer.name,
                "left": layer.left,
                "top": layer.top,
                "width": layer.width,
                "height": layer.height,
                "visible": layer.visible,
                "samples": samples,
            }
        )
    out = {
        "width": psd.width,
        "height": psd.height,
        "channels": psd.channels,
        "layers": layers,
        "composite": {
            "%d,%d" % p: list(composite.convert("RGB").getpixel(p)) for p in points
        },
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
