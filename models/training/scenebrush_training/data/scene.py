"""Procedural landscape scenes: an image, its label map and its instance map.

Layers are drawn back to front: sky and sun, clouds, mountain ranges with snow by
altitude and atmospheric haze, hills, fog, ground (meadow, snow field, beach), water
that reflects what stands above it, then things (trees, bushes, stones, houses) as
instances sized by their depth in the scene.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scenebrush_training.data import things
from scenebrush_training.data.canvas import Canvas, lerp, rgb, smoothstep
from scenebrush_training.data.lights import LIGHT_ODDS, LIGHTS, Light
from scenebrush_training.data.noise import fbm, fbm1d, ridge1d
from scenebrush_training.data.palette import Palette, load_palette

RENDERER_VERSION = 1


SEASONS = {"summer": 0.55, "autumn": 0.2, "winter": 0.25}
WATER = {"sea": 0.28, "lake": 0.25, "river": 0.2, "none": 0.27}
# The classes the renderer paints: a palette must name them all.
DRAWN_CLASSES = frozenset(
    "sky clouds fog mountain hill snow rock dirt sand grass flower sea river lake tree bush stone house".split()
)


def _choose(rng: np.random.Generator, odds: dict[str, float]) -> str:
    keys = list(odds)
    p = np.array([odds[k] for k in keys])
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


@dataclass
class SceneSpec:
    light: Light
    season: str
    water: str
    horizon: float
    sun_x: float
    sun_y: float
    labels: dict[str, int] = field(default_factory=dict)


@dataclass
class Sample:
    image: np.ndarray  # (H, W, 3) uint8 RGB
    labels: np.ndarray  # (H, W) uint8 class indices
    instances: np.ndarray  # (H, W) uint16, 0 = none
    meta: dict


def light_of(seed: int, index: int) -> str:
    """The time of day sample (seed, index) is rendered in, without rendering it."""
    return _choose(np.random.default_rng([seed, index]), LIGHT_ODDS)


class LandscapeRenderer:
    def __init__(self, palette: Palette | None = None):
        self.palette = palette or load_palette("landscape")
        self.L = {c.name: i for i, c in enumerate(self.palette.classes)}
        missing = DRAWN_CLASSES - set(self.L)
        if missing:
            raise ValueError(f"palette '{self.palette.id}' lacks classes the renderer draws: {sorted(missing)}")

    # ------------------------------------------------------------------ entry point
    def render(self, seed: int, height: int = 256, width: int | None = None, index: int = 0) -> Sample:
        width = width or height
        if height < 32 or width < 32 or height > 8192 or width > 8192:
            raise ValueError(f"sample size must be 32..8192 on a side, got {height}x{width}")
        rng = np.random.default_rng([seed, index])
        light = LIGHTS[_choose(rng, LIGHT_ODDS)]  # first draw: light_of() repeats it
        season = _choose(rng, SEASONS)
        water = _choose(rng, WATER)
        spec = SceneSpec(
            light,
            season,
            water,
            horizon=float(rng.uniform(0.34, 0.62)),
            sun_x=float(rng.uniform(0.1, 0.9)),
            sun_y=float(rng.uniform(*light.sun_height)),
        )
        c = Canvas(height, width)
        yh = spec.horizon * height
        self._sky(c, rng, spec, yh)
        self._clouds(c, rng, spec, yh)
        sky_only = c.img.copy()
        self._mountains(c, rng, spec, yh)
        self._hills(c, rng, spec, yh)
        fog = rng.random() < (0.45 if light.name == "overcast" else 0.18)
        if fog:
            self._fog(c, rng, spec, yh)
        self._ground(c, rng, spec, yh)
        self._water(c, rng, spec, yh, sky_only)
        self._patches(c, rng, spec, yh)
        things.populate(c, rng, spec, yh, self.L)
        c.compact_instances()
        grain = rng.normal(0, 0.012, (height, width, 1)).astype(np.float32)
        image = np.clip((c.img + grain) * 255 + 0.5, 0, 255).astype(np.uint8)
        meta = {
            "seed": int(seed),
            "index": int(index),
            "light": light.name,
            "season": season,
            "water": water,
            "fog": bool(fog),
            "horizon": round(spec.horizon, 4),
            "renderer": RENDERER_VERSION,
        }
        return Sample(image, c.lab, c.inst, meta)

    # ------------------------------------------------------------------ layers
    def _sky(self, c: Canvas, rng, spec: SceneSpec, yh: float) -> None:
        lt = spec.light
        t = np.clip(c.ys / max(yh, 1), 0, 1) ** rng.uniform(1.2, 2.2)
        sky = lerp(lt.sky_top, lt.sky_horizon, t[..., None]) * np.ones((1, c.w, 1), np.float32)
        sx, sy = spec.sun_x * c.w, spec.sun_y * yh
        d2 = ((c.xs - sx) ** 2 + (c.ys - sy) ** 2) / (c.h * c.h)
        if lt.name != "overcast":
            glow = np.exp(-d2 / rng.uniform(0.01, 0.05)) * rng.uniform(0.25, 0.5)
            sky = sky + (lt.sun - sky) * glow[..., None]
            if lt.name != "dusk" or spec.sun_y < 0.95:
                disc = smoothstep(0.0009, 0.0005, d2)
                sky = sky + (lt.sun * 1.05 - sky) * disc[..., None]
        sky += fbm(rng, c.h, c.w, 2, 3, aspect=3)[..., None] * 0.02
        c.img[:] = sky
        c.lab[:] = self.L["sky"]

    def _clouds(self, c: Canvas, rng, spec: SceneSpec, yh: float) -> None:
        lt = spec.light
        cover = rng.uniform(*lt.cloudiness)
        if cover < 0.05:
            return
        aspect = rng.uniform(1.5, 4.0)
        d = fbm(rng, c.h, c.w, rng.uniform(2.0, 4.0), 6, aspect=aspect) * 0.5 + 0.5
        thr = 0.68 - 0.33 * cover
        fade = 1 - smoothstep(yh * rng.uniform(0.55, 0.85), yh, c.ys)
        alpha = smoothstep(thr, thr + 0.1, d) * fade
        # Thick cores read darker underneath, thin edges catch the light.
        below = np.roll(d, -max(1, c.h // 64), axis=0)
        lit = np.clip(0.75 - (d - thr) * 2.0 + (d - below) * 6.0, 0, 1)
        col = lerp(lt.cloud_dark, lt.cloud_lit, lit[..., None])
        sx = spec.sun_x * c.w
        rim = np.exp(-((c.xs - sx) ** 2) / (0.08 * c.w * c.w)) * (1 - lit) * 0.25
        col = col + (lt.sun - col) * rim[..., None] * (lt.name != "overcast")
        c.paint(alpha > 0.5, col, self.L["clouds"], alpha=alpha)
        c.lab[alpha > 0.5] = self.L["clouds"]

    def _mountains(self, c: Canvas, rng, spec: SceneSpec, yh: float) -> None:
        n = int(rng.choice(4, p=[0.15, 0.35, 0.33, 0.17]))
        lt = spec.light
        rock_cols = [(0.42, 0.40, 0.40), (0.38, 0.37, 0.44), (0.47, 0.42, 0.35), (0.30, 0.34, 0.28), (0.52, 0.47, 0.42)]
        snowline = rng.uniform(0.15, 0.45) if spec.season == "winter" else rng.uniform(0.45, 0.95)
        sun_side = 1.0 if spec.sun_x > 0.5 else -1.0
        for k in range(n):
            far = 1 - k / max(n, 1)  # 1 = farthest range
            amp = c.h * rng.uniform(0.10, 0.36) * (0.65 + 0.45 * far) * min(1.0, yh / (0.45 * c.h))
            prof = yh + 1 - amp * ridge1d(rng, c.w, rng.uniform(1.5, 4.0), 7)
            prof += rng.uniform(0, 0.02) * c.h
            mask = (c.ys >= prof[None, :]) & (c.ys < yh + 2)
            if not mask.any():
                continue
            alt = np.clip((yh - c.ys) / amp, 0, 1) * np.ones((1, c.w), np.float32)
            tex = fbm(rng, c.h, c.w, 8, 5)
            gully = fbm(rng, c.h, c.w, rng.uniform(5, 9), 4, aspect=0.45)
            # Faces toward the sun are lit: shade from the horizontal slope of a height field made
            # of the ridge profile carried down the flanks plus eroded gullies.
            ridge_slope = np.gradient(prof)[None, :] * np.exp(-(c.ys - prof[None, :]) / (0.6 * amp))
            height = -np.abs(gully) * 0.5 + tex * 0.25
            slope = np.gradient(height, axis=1) * c.w / 48.0 - ridge_slope * 0.6
            shade = np.clip(0.8 + 0.8 * slope * sun_side + 0.15 * tex, 0.3, 1.3)
            base = rgb(rock_cols[int(rng.integers(len(rock_cols)))]) * rng.uniform(0.85, 1.15)
            col = base * shade[..., None] * lt.tint
            snow = mask & (alt + 0.18 * tex - 0.12 * np.abs(gully) > snowline)
            snow_col = (
                rgb((0.93, 0.95, 1.0)) * np.clip(0.72 + 0.45 * slope * sun_side + 0.08 * tex, 0.55, 1.1)[..., None]
            )
            col = np.where(snow[..., None], snow_col * lt.tint, col)
            haze = np.clip(0.42 * far**1.5 + 0.22 * (1 - alt) ** 2 + rng.uniform(-0.05, 0.08), 0, 0.85)
            col = lerp(col, lt.sky_horizon, haze[..., None])
            c.paint(mask, col, self.L["mountain"])
            c.lab[snow] = self.L["snow"]

    def _hills(self, c: Canvas, rng, spec: SceneSpec, yh: float) -> None:
        n = int(rng.choice(3, p=[0.45, 0.35, 0.2]))
        lt = spec.light
        for k in range(n):
            amp = c.h * rng.uniform(0.025, 0.11)
            prof = yh + 1 - amp * (0.5 + 0.5 * fbm1d(rng, c.w, rng.uniform(1, 3), 4))
            mask = (c.ys >= prof[None, :]) & (c.ys < yh + 2)
            canopy = fbm(rng, c.h, c.w, 24, 3)
            broad = fbm(rng, c.h, c.w, 4, 3)
            if spec.season == "winter":
                base, alt_col = rgb((0.86, 0.88, 0.93)), rgb((0.55, 0.58, 0.60))
            elif spec.season == "autumn":
                base, alt_col = rgb((0.50, 0.42, 0.18)), rgb((0.30, 0.32, 0.14))
            else:
                base, alt_col = rgb((0.36, 0.52, 0.20)), rgb((0.16, 0.30, 0.12))
            t = np.clip(0.5 + 0.6 * canopy + 0.3 * broad, 0, 1)[..., None]
            col = lerp(alt_col, base, t) * lt.tint
            haze = 0.35 - 0.12 * k + rng.uniform(-0.05, 0.1)
            col = lerp(col, lt.sky_horizon, np.float32(np.clip(haze, 0, 0.8)))
            label = self.L["snow"] if spec.season == "winter" and rng.random() < 0.7 else self.L["hill"]
            c.paint(mask, col, label)

    def _fog(self, c: Canvas, rng, spec: SceneSpec, yh: float) -> None:
        centre = yh - rng.uniform(0.0, 0.12) * c.h
        thick = rng.uniform(0.03, 0.09) * c.h
        wisps = fbm(rng, c.h, c.w, 3, 5, aspect=4) * 0.5 + 0.5
        alpha = np.exp(-(((c.ys - centre) / thick) ** 2)) * np.clip(0.55 + 0.7 * wisps, 0, 1.1)
        alpha = np.clip(alpha * rng.uniform(0.8, 1.05), 0, 0.97)
        col = lerp(rgb((0.84, 0.85, 0.87)), spec.light.sky_horizon, 0.4) * np.ones((c.h, c.w, 1), np.float32)
        c.paint(np.ones((c.h, c.w), bool), col, None, alpha=alpha)
        c.lab[alpha > 0.6] = self.L["fog"]

    def _ground(self, c: Canvas, rng, spec: SceneSpec, yh: float) -> None:
        lt = spec.light
        y0 = int(np.ceil(yh))
        depth = np.clip((c.ys - yh) / max(c.h - yh, 1), 0, 1)
        fine = fbm(rng, c.h, c.w, 40, 3)
        coarse = fbm(rng, c.h, c.w, 6, 4, aspect=2)
        detail = lerp(fine, fbm(rng, c.h, c.w, 14, 3), depth)
        blades = rng.normal(0, 1, (c.h, c.w)).astype(np.float32) * (0.04 + 0.1 * depth)
        if spec.season == "winter":
            light_c, dark_c, label = rgb((0.95, 0.96, 1.0)), rgb((0.70, 0.76, 0.86)), self.L["snow"]
            blades *= 0.25
        elif spec.season == "autumn":
            light_c, dark_c, label = rgb((0.62, 0.58, 0.28)), rgb((0.30, 0.32, 0.13)), self.L["grass"]
        else:
            hue = rng.uniform(0, 1)
            light_c = lerp(rgb((0.45, 0.66, 0.24)), rgb((0.66, 0.68, 0.30)), hue)
            dark_c = lerp(rgb((0.16, 0.34, 0.10)), rgb((0.33, 0.38, 0.14)), hue)
            label = self.L["grass"]
        t = np.clip(0.55 + 0.45 * coarse + 0.35 * detail + blades, 0, 1)[..., None]
        col = lerp(dark_c, light_c, t) * lt.tint
        col = lerp(col, lt.sky_horizon, (0.45 * (1 - depth) ** 4)[..., None])
        mask = c.ys >= y0 - 0.0
        mask = np.broadcast_to(mask, (c.h, c.w))
        c.paint(mask, col, label)

    def _reflect(
        self, c: Canvas, rng, top: float, mask: np.ndarray, water_col: np.ndarray, strength: float, source: np.ndarray
    ) -> np.ndarray:
        """Mirror source about the water line `top`, with ripples that grow toward the viewer."""
        depth = np.clip((c.ys - top) / max(c.h - top, 1), 0, 1)
        ripple = fbm(rng, c.h, c.w, 30, 3, aspect=6) * (1.0 + 8.0 * depth) * (c.w / 256)
        src_y = np.clip(np.rint(2 * top - c.ys - 1 + np.abs(ripple) * 0.5), 0, c.h - 1).astype(np.int32)
        src_x = np.clip(np.rint(c.xs + ripple), 0, c.w - 1).astype(np.int32)
        refl = source[src_y, src_x]
        refl = refl * 0.85
        k = np.clip(strength - 0.45 * depth, 0.15, 0.95)
        col = lerp(water_col, refl, k[..., None])
        streak = fbm(rng, c.h, c.w, 60, 2, aspect=10)
        col = col * (1 + 0.12 * streak * (0.3 + depth))[..., None]
        return col

    def _water(self, c: Canvas, rng, spec: SceneSpec, yh: float, sky_only: np.ndarray) -> None:
        lt = spec.light
        if spec.water == "none":
            return
        source = c.img.copy()
        if spec.water == "sea":
            shore = yh + c.h * rng.uniform(0.10, 0.32) + fbm1d(rng, c.w, 2, 4) * c.h * 0.05
            mask = (c.ys >= yh - 0.5) & (c.ys < shore[None, :])
            water_col = lerp(lt.water, rgb((0.05, 0.35, 0.40)), np.float32(rng.uniform(0, 0.5)))
            col = self._reflect(c, rng, yh, mask, water_col * lt.tint, 0.8, source)
            if lt.name in ("golden", "dusk", "day"):
                sx = spec.sun_x * c.w
                glitter = np.exp(
                    -((c.xs - sx) ** 2) / (0.004 * c.w * c.w * (1 + 8 * np.clip(c.ys - yh, 0, None) / c.h))
                )
                spark = (fbm(rng, c.h, c.w, 50, 2, aspect=8) > 0.25) * glitter
                col = lerp(col, lt.sun, (spark * 0.6)[..., None])
            # Foam where waves meet the beach.
            foam = (c.ys > shore[None, :] - c.h * 0.012) & mask
            col = np.where(foam[..., None], lerp(col, rgb((0.95, 0.96, 0.97)) * lt.tint, 0.6), col)
            c.paint(mask, col, self.L["sea"])
            beach_end = shore + c.h * rng.uniform(0.05, 0.25) + fbm1d(rng, c.w, 3, 4) * c.h * 0.03
            if rng.random() < 0.3:
                beach_end[:] = c.h + 1
            bmask = (c.ys >= shore[None, :]) & (c.ys < beach_end[None, :])
            self._sand(c, rng, spec, bmask, shore)
        elif spec.water == "lake":
            top = yh + c.h * rng.uniform(0.01, 0.06)
            cx = c.w * rng.uniform(0.2, 0.8)
            rx = c.w * rng.uniform(0.35, 0.9)
            ry = c.h * rng.uniform(0.12, 0.35)
            wob = fbm(rng, c.h, c.w, 4, 5) * 0.7
            inside = ((c.xs - cx) / rx) ** 2 + ((c.ys - top) / ry) ** 2 + wob < 1
            mask = inside & (c.ys >= top)
            col = self._reflect(c, rng, top, mask, lt.water * 1.1 * lt.tint, 0.9, source)
            c.paint(mask, col, self.L["lake"])
        else:  # river in perspective, widening toward the viewer
            start = yh + c.h * rng.uniform(0.0, 0.05)
            depth = np.clip((c.ys[:, 0] - start) / max(c.h - start, 1), 0, 1)
            x0, x1 = rng.uniform(0.3, 0.7), rng.uniform(0.1, 0.9)
            meander = fbm1d(rng, c.h, 2, 3) * 0.25
            centre = c.w * (x0 + (x1 - x0) * depth + meander * depth)
            half = c.w * (0.004 + rng.uniform(0.07, 0.2) * depth**1.25)
            dist = np.abs(c.xs - centre[:, None])
            mask = (dist < half[:, None]) & (c.ys >= start)
            col = self._reflect(c, rng, start, mask, lt.water * 1.2 * lt.tint, 0.55, sky_only)
            if rng.random() < 0.5:
                bank = (dist < half[:, None] * 1.25 + 1) & (c.ys >= start) & ~mask
                self._dirt(c, rng, spec, bank)
            c.paint(mask, col, self.L["river"])

    def _sand(self, c: Canvas, rng, spec: SceneSpec, mask: np.ndarray, wet_line: np.ndarray | None = None) -> None:
        lt = spec.light
        ripples = fbm(rng, c.h, c.w, 30, 2, aspect=5)
        grain = rng.normal(0, 0.03, (c.h, c.w)).astype(np.float32)
        base = lerp(rgb((0.86, 0.78, 0.58)), rgb((0.80, 0.72, 0.55)), np.float32(rng.uniform()))
        col = base * (0.95 + 0.08 * ripples + grain)[..., None]
        if wet_line is not None:
            wet = np.exp(-np.clip(c.ys - wet_line[None, :], 0, None) / (0.02 * c.h))
            col = col * (1 - 0.3 * wet)[..., None]
        c.paint(mask, col * lt.tint, self.L["sand"])

    def _dirt(self, c: Canvas, rng, spec: SceneSpec, mask: np.ndarray) -> None:
        pebbles = fbm(rng, c.h, c.w, 50, 2)
        tex = fbm(rng, c.h, c.w, 10, 3)
        base = lerp(rgb((0.45, 0.33, 0.22)), rgb((0.55, 0.45, 0.32)), np.float32(rng.uniform()))
        col = base * (0.9 + 0.15 * tex + 0.12 * np.sign(pebbles) * np.abs(pebbles) ** 0.5)[..., None]
        c.paint(mask, col * spec.light.tint, self.L["dirt"])

    def _patches(self, c: Canvas, rng, spec: SceneSpec, yh: float) -> None:
        """Dirt paths and patches, flower meadows and rock outcrops on open ground."""
        ground = (c.lab == self.L["grass"]) | (c.lab == self.L["snow"]) & (c.ys > yh)
        depth = np.clip((c.ys - yh) / max(c.h - yh, 1), 0, 1)
        if spec.water != "river" and rng.random() < 0.3:
            start = yh + c.h * rng.uniform(0.02, 0.1)
            d = np.clip((c.ys[:, 0] - start) / max(c.h - start, 1), 0, 1)
            x0, x1 = rng.uniform(0.2, 0.8), rng.uniform(0.0, 1.0)
            centre = c.w * (x0 + (x1 - x0) * d**1.5 + fbm1d(rng, c.h, 2, 3) * 0.1 * d)
            half = c.w * (0.002 + rng.uniform(0.03, 0.07) * d)
            path = (np.abs(c.xs - centre[:, None]) < half[:, None]) & (c.ys >= start) & ground
            self._dirt(c, rng, spec, path)
        if rng.random() < 0.3:
            blobs = fbm(rng, c.h, c.w, rng.uniform(3, 6), 4, aspect=2.5)
            patch = (blobs > rng.uniform(0.35, 0.5)) & ground & (c.lab != self.L["dirt"])
            self._dirt(c, rng, spec, patch)
        if spec.season != "winter" and rng.random() < 0.55:
            field = fbm(rng, c.h, c.w, rng.uniform(2.5, 5), 4, aspect=2.5)
            patch = (field > rng.uniform(0.15, 0.4)) & (c.lab == self.L["grass"]) & (depth > 0.04)
            if patch.any():
                hues = [
                    (0.95, 0.20, 0.25),
                    (0.98, 0.85, 0.20),
                    (0.65, 0.35, 0.85),
                    (0.98, 0.97, 0.95),
                    (0.98, 0.55, 0.75),
                    (0.95, 0.55, 0.15),
                ]
                pick = rng.choice(len(hues), size=min(3, len(hues)), replace=False)
                col = c.img.copy()
                for j, hidx in enumerate(pick):
                    fine = rng.random((c.h, c.w)) < (0.10 + 0.12 * depth) / (1 + j)
                    # Near petals are bigger: draw a coarse dot field as 2x2 blocks too.
                    coarse = np.repeat(
                        np.repeat(rng.random(((c.h + 1) // 2, (c.w + 1) // 2)) < 0.06 / (1 + j), 2, 0), 2, 1
                    )[: c.h, : c.w] & (depth > 0.5)
                    dots = fine | coarse
                    tint = rgb(hues[hidx]) * spec.light.tint * rng.uniform(0.85, 1.05)
                    col[dots] = tint
                col = col * (0.85 + 0.15 * rng.random((c.h, c.w, 1), np.float32))
                c.paint(patch, col, self.L["flower"])
        if rng.random() < 0.28:
            blobs = fbm(rng, c.h, c.w, rng.uniform(4, 9), 5)
            side = smoothstep(0.6, 0.0, np.abs(c.xs / c.w - rng.choice([0.1, 0.5, 0.9])))
            out = (blobs * 0.7 + side * 0.6 > rng.uniform(0.55, 0.75)) & (c.ys > yh - c.h * 0.02)
            out &= c.lab != self.L["sea"]
            out &= c.lab != self.L["lake"]
            cracks = np.abs(fbm(rng, c.h, c.w, 12, 3)) < 0.05
            tex = fbm(rng, c.h, c.w, 20, 3)
            top_lit = np.clip(0.8 + 0.5 * np.gradient(blobs, axis=0) * -c.h / 16 + 0.2 * tex, 0.45, 1.2)
            base = rgb((0.50, 0.48, 0.46)) * rng.uniform(0.8, 1.15)
            col = base * top_lit[..., None] * np.where(cracks, 0.55, 1.0)[..., None] * spec.light.tint
            c.paint(out, col, self.L["rock"])


_DEFAULT: LandscapeRenderer | None = None


def render_sample(seed: int, index: int = 0, size: int = 256, width: int | None = None) -> Sample:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = LandscapeRenderer()
    return _DEFAULT.render(seed, size, width, index)
