"""The times of day a landscape is rendered in: sky, sun, cloud, water colours and the light's
tint on the ground, with the odds of each."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scenebrush_training.data.canvas import rgb


@dataclass(frozen=True)
class Light:
    name: str
    sky_top: np.ndarray
    sky_horizon: np.ndarray
    sun: np.ndarray
    cloud_lit: np.ndarray
    cloud_dark: np.ndarray
    tint: np.ndarray  # colour of the light on the ground and objects
    water: np.ndarray
    sun_height: tuple[float, float]  # sun y as a fraction of the horizon height
    cloudiness: tuple[float, float]


LIGHTS = {
    "day": Light(
        "day",
        rgb((0.22, 0.45, 0.82)),
        rgb((0.70, 0.83, 0.95)),
        rgb((1.0, 0.98, 0.90)),
        rgb((0.99, 0.99, 1.0)),
        rgb((0.62, 0.67, 0.76)),
        rgb((1.0, 1.0, 0.97)),
        rgb((0.08, 0.24, 0.38)),
        (0.05, 0.5),
        (0.0, 0.6),
    ),
    "golden": Light(
        "golden",
        rgb((0.28, 0.38, 0.64)),
        rgb((0.99, 0.74, 0.42)),
        rgb((1.0, 0.86, 0.55)),
        rgb((1.0, 0.84, 0.62)),
        rgb((0.55, 0.40, 0.45)),
        rgb((1.08, 0.88, 0.68)),
        rgb((0.12, 0.20, 0.30)),
        (0.55, 0.9),
        (0.0, 0.6),
    ),
    "overcast": Light(
        "overcast",
        rgb((0.52, 0.55, 0.60)),
        rgb((0.78, 0.79, 0.80)),
        rgb((0.0, 0.0, 0.0)),
        rgb((0.86, 0.87, 0.89)),
        rgb((0.48, 0.50, 0.55)),
        rgb((0.82, 0.85, 0.88)),
        rgb((0.18, 0.24, 0.28)),
        (0.3, 0.6),
        (0.65, 0.95),
    ),
    "dusk": Light(
        "dusk",
        rgb((0.07, 0.09, 0.25)),
        rgb((0.88, 0.46, 0.34)),
        rgb((1.0, 0.55, 0.30)),
        rgb((0.96, 0.56, 0.46)),
        rgb((0.22, 0.17, 0.30)),
        rgb((0.62, 0.50, 0.56)),
        rgb((0.06, 0.08, 0.16)),
        (0.8, 1.0),
        (0.1, 0.6),
    ),
}
LIGHT_ODDS = {"day": 0.45, "golden": 0.2, "overcast": 0.2, "dusk": 0.15}
