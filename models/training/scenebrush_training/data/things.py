"""Countable objects drawn as instances: trees, bushes, stones and houses.

Each shape is built in its own small box (mask + colour) and stamped onto the canvas
back to front, so nearer objects occlude farther ones and every object keeps its own id.
"""

from __future__ import annotations

import numpy as np

from scenebrush_training.data.canvas import Canvas, lerp, rgb
from scenebrush_training.data.noise import lattice_noise

LAND = ("grass", "snow", "dirt", "sand", "rock", "flower", "hill")


def _grid(h: int, w: int):
    r = (np.arange(h, dtype=np.float32)[:, None] + 0.5) / h  # 0 top .. 1 bottom
    x = (np.arange(w, dtype=np.float32)[None, :] + 0.5 - w / 2) / (w / 2)  # -1 .. 1
    return r, x


def _noise(rng, h, w, cells):
    return lattice_noise(rng, h, w, max(1, min(h, int(cells))), max(1, min(w, int(cells * w / max(h, 1)) + 1)))


def conifer(rng, h: int, spec, sun: float):
    w = max(3, int(h * rng.uniform(0.3, 0.46)))
    r, x = _grid(h, w)
    trunk_top = 1 - rng.uniform(0.08, 0.14)
    layers = rng.integers(4, 8)
    frac = (r / trunk_top * layers) % 1.0
    jag = _noise(rng, h, w, max(2, h / 3)) * 0.12
    half = (0.08 + 0.92 * r / trunk_top) * (0.6 + 0.4 * frac) + jag
    crown = (np.abs(x) < half) & (r < trunk_top)
    trunk = (np.abs(x) < 0.09) & (r >= trunk_top - 0.04)
    base = rgb((rng.uniform(0.06, 0.14), rng.uniform(0.18, 0.30), rng.uniform(0.09, 0.16)))
    clump = _noise(rng, h, w, max(2, h / 4))
    shade = np.clip(0.75 + 0.35 * x * sun - 0.25 * (1 - frac) + 0.2 * clump, 0.35, 1.3)
    col = base * shade[..., None]
    if spec.season == "winter":
        snowy = (frac < 0.35) & (clump > -0.2)
        col = np.where(snowy[..., None], rgb((0.88, 0.90, 0.96)) * shade[..., None], col)
    col = np.where(trunk[..., None] & ~crown[..., None], rgb((0.24, 0.16, 0.10)) * shade[..., None], col)
    return crown | trunk, col


def deciduous(rng, h: int, spec, sun: float):
    w = max(3, int(h * rng.uniform(0.55, 0.9)))
    r, x = _grid(h, w)
    crown_bottom = rng.uniform(0.6, 0.75)
    cy = crown_bottom / 2
    crown = np.zeros((h, w), bool)
    for _ in range(rng.integers(4, 8)):
        bx, by = rng.uniform(-0.45, 0.45), cy + rng.uniform(-0.15, 0.15)
        rad = rng.uniform(0.3, 0.5)
        crown |= ((x - bx) ** 2 + ((r - by) / crown_bottom * 2) ** 2) < rad**2
    edge = _noise(rng, h, w, max(2, h / 3))
    crown &= ((x) ** 2 + ((r - cy) / crown_bottom * 2) ** 2) < 0.85 + 0.35 * edge
    taper = 0.06 + 0.05 * r
    trunk = (np.abs(x + 0.05 * np.sin(r * 9)) < taper) & (r > cy)
    if spec.season == "autumn":
        leaf = [(0.80, 0.42, 0.08), (0.86, 0.68, 0.14), (0.62, 0.18, 0.08), (0.55, 0.55, 0.12)]
    elif spec.season == "winter":
        leaf = [(0.40, 0.34, 0.30), (0.48, 0.44, 0.40)]
    else:
        leaf = [(0.20, 0.40, 0.12), (0.30, 0.48, 0.16), (0.16, 0.32, 0.10), (0.36, 0.50, 0.20)]
    base = rgb(leaf[int(rng.integers(len(leaf)))]) * rng.uniform(0.85, 1.1)
    clump = _noise(rng, h, w, max(2, h / 5))
    fine = _noise(rng, h, w, max(2, h / 2))
    ny = (r - cy) / max(crown_bottom, 1e-3) * 2
    shade = np.clip(0.78 + 0.3 * x * sun - 0.3 * ny + 0.3 * clump + 0.12 * fine, 0.3, 1.35)
    col = base * shade[..., None]
    if spec.season == "winter":
        crown &= (fine + clump) > -0.3  # bare branches: a sparse, see-through crown
    col = np.where((trunk & ~crown)[..., None], rgb((0.26, 0.18, 0.12)) * (0.8 + 0.3 * x * sun)[..., None], col)
    return crown | trunk, col


def bush(rng, h: int, spec, sun: float):
    w = max(3, int(h * rng.uniform(1.3, 2.2)))
    r, x = _grid(h, w)
    edge = _noise(rng, h, w, max(2, h / 2))
    mask = (x**2 + ((r - 0.62) / 0.62) ** 2) < 0.9 + 0.25 * edge
    mask &= r < 0.98
    greens = [(0.22, 0.36, 0.12), (0.30, 0.42, 0.15), (0.18, 0.30, 0.14)]
    if spec.season == "autumn":
        greens = [(0.55, 0.30, 0.10), (0.45, 0.40, 0.12)]
    elif spec.season == "winter":
        greens = [(0.80, 0.82, 0.88), (0.35, 0.33, 0.30)]
    base = rgb(greens[int(rng.integers(len(greens)))]) * rng.uniform(0.85, 1.1)
    clump = _noise(rng, h, w, max(2, h / 3))
    shade = np.clip(0.8 + 0.25 * x * sun - 0.35 * (r - 0.5) + 0.3 * clump, 0.35, 1.3)
    return mask, base * shade[..., None]


def stone(rng, h: int, spec, sun: float):
    w = max(3, int(h * rng.uniform(1.2, 2.0)))
    r, x = _grid(h, w)
    edge = _noise(rng, h, w, 3)
    mask = (x**2 + ((r - 0.6) / 0.6) ** 2) < 0.8 + 0.3 * edge
    mask &= r < 0.97
    greys = [(0.55, 0.53, 0.50), (0.45, 0.44, 0.44), (0.58, 0.50, 0.42), (0.40, 0.38, 0.35)]
    base = rgb(greys[int(rng.integers(len(greys)))]) * rng.uniform(0.85, 1.15)
    tex = _noise(rng, h, w, max(2, h / 2))
    shade = np.clip(1.05 - 0.55 * r + 0.35 * x * sun + 0.15 * tex, 0.3, 1.3)
    col = base * shade[..., None]
    if spec.season != "winter" and rng.random() < 0.3:
        moss = (tex > 0.2) & (r < 0.6)
        col = np.where(moss[..., None], rgb((0.30, 0.40, 0.18)) * shade[..., None], col)
    elif spec.season == "winter":
        cap = r < 0.35 + 0.1 * tex
        col = np.where(cap[..., None], rgb((0.92, 0.94, 0.98)) * shade[..., None], col)
    return mask, col


def house(rng, h: int, spec, sun: float):
    """A gabled house seen three-quarter: front gable, side wall and roof plane."""
    front = h * rng.uniform(0.6, 0.9)
    wall_h = h * rng.uniform(0.45, 0.6)
    roof_h = h - wall_h
    side = front * rng.uniform(0.6, 1.3)
    slant = 0.3
    w = int(front + side) + 2
    hh = int(h + side * slant) + 2
    ys = np.arange(hh, dtype=np.float32)[:, None] + 0.5
    xs = np.arange(w, dtype=np.float32)[None, :] + 0.5
    bottom = hh - 1.0
    wall_top = bottom - wall_h
    cx = front / 2
    apex_y = wall_top - roof_h
    face = (xs < front) & (ys <= bottom) & ((ys >= wall_top) | (ys >= apex_y + np.abs(xs - cx) * roof_h / cx))
    u = xs - front
    side_wall = (u >= 0) & (u <= side) & (ys <= bottom - u * slant) & (ys >= wall_top - u * slant)
    # Roof plane: apex A, eave corner B, depth vector V; solve P = A + s(B - A) + t V.
    ax_, ay_ = cx, apex_y
    bx_, by_ = front + 0.06 * front, wall_top + 0.06 * roof_h
    vx, vy = side, -side * slant
    det = (bx_ - ax_) * vy - (by_ - ay_) * vx
    px, py = xs - ax_, ys - ay_
    s = (px * vy - py * vx) / det
    t = ((bx_ - ax_) * py - (by_ - ay_) * px) / det
    roof = (s >= 0) & (s <= 1) & (t >= 0) & (t <= 1)
    walls = [(0.90, 0.88, 0.82), (0.85, 0.78, 0.62), (0.62, 0.18, 0.14), (0.55, 0.38, 0.24), (0.70, 0.70, 0.68)]
    roofs = [(0.50, 0.16, 0.12), (0.30, 0.22, 0.18), (0.32, 0.34, 0.38), (0.20, 0.22, 0.30)]
    wall_c = rgb(walls[int(rng.integers(len(walls)))])
    roof_c = rgb(roofs[int(rng.integers(len(roofs)))])
    if spec.season == "winter" and rng.random() < 0.8:
        roof_c = rgb((0.90, 0.92, 0.97))
    front_lit = 0.95 if sun < 0 else 0.7
    side_lit = 1.0 - front_lit + 0.65
    col = np.zeros((hh, w, 3), np.float32)
    col[face] = wall_c * front_lit
    col[side_wall] = wall_c * side_lit
    shingles = 0.9 + 0.1 * np.sign(np.sin(s * 40))
    col = np.where(roof[..., None], roof_c[None, None, :] * (0.85 * shingles)[..., None], col)
    glow = spec.light.name in ("dusk",)
    window_c = rgb((1.0, 0.85, 0.45)) if glow else rgb((0.15, 0.18, 0.22))
    door = face & (np.abs(xs - cx) < front * 0.1) & (ys > bottom - wall_h * 0.6)
    col[door] = rgb((0.25, 0.16, 0.10))
    for k in range(int(rng.integers(1, 4))):
        uc = side * (k + 0.5) / 3
        win = (
            side_wall
            & (np.abs(u - uc) < side * 0.08)
            & (np.abs(ys + u * slant - (wall_top + wall_h * 0.4)) < wall_h * 0.15)
        )
        col[win] = window_c
    mask = face | side_wall | roof
    if sun > 0:  # the side wall faces away from the sun: mirror the whole house
        mask, col = mask[:, ::-1], col[:, ::-1]
    return mask, col


def _shadow(c: Canvas, foot_y: float, cx: float, w: float, sun: float) -> None:
    ry = max(1.0, w * 0.12)
    rx = w * 0.7
    sx = cx - sun * w * 0.3
    y0, y1 = int(foot_y - ry), int(foot_y + ry) + 1
    x0, x1 = int(sx - rx), int(sx + rx) + 1
    y0, x0 = max(0, y0), max(0, x0)
    y1, x1 = min(c.h, y1), min(c.w, x1)
    if y0 >= y1 or x0 >= x1:
        return
    ys = np.arange(y0, y1, dtype=np.float32)[:, None]
    xs = np.arange(x0, x1, dtype=np.float32)[None, :]
    d = ((xs - sx) / rx) ** 2 + ((ys - foot_y) / ry) ** 2
    c.img[y0:y1, x0:x1] *= (1 - 0.35 * np.clip(1 - d, 0, 1))[..., None]


def populate(c: Canvas, rng, spec, yh: float, L: dict[str, int]) -> None:
    land = np.isin(c.lab, [L[n] for n in LAND])
    span = max(c.h - yh, 1)
    items = []  # (foot_y, kind, x, size)

    def foot(dz):
        return yh + dz * span

    near_water = spec.water == "sea"
    if rng.random() < (0.2 if near_water else 0.5):  # a forest band
        d0 = rng.uniform(0.0, 0.35)
        d1 = d0 + rng.uniform(0.05, 0.3)
        xa = rng.uniform(-0.1, 0.6)
        xb = min(1.1, xa + rng.uniform(0.3, 1.0))
        for _ in range(int(rng.uniform(15, 55) * (xb - xa))):
            items.append(("tree", rng.uniform(xa, xb), rng.uniform(d0, d1)))
    for _ in range(int(rng.integers(0, 8))):
        items.append(("tree", rng.uniform(-0.05, 1.05), rng.uniform(0.02, 0.9) ** 1.3))
    for _ in range(int(rng.integers(0, 9))):
        items.append(("bush", rng.uniform(0, 1), rng.uniform(0.05, 1.0)))
    for _ in range(int(rng.integers(0, 9 if spec.water in ("sea", "river") else 6))):
        items.append(("stone", rng.uniform(0, 1), rng.uniform(0.1, 1.0)))
    if rng.random() < 0.35:
        vx, vd = rng.uniform(0.1, 0.9), rng.uniform(0.03, 0.5)
        for _ in range(int(rng.integers(1, 5))):
            items.append(("house", vx + rng.uniform(-0.15, 0.15), vd * rng.uniform(0.8, 1.25)))
    sun = 1.0 if spec.sun_x > 0.5 else -1.0
    tint = spec.light.tint
    haze_col = spec.light.sky_horizon
    conifer_odds = 0.85 if spec.season == "winter" else rng.uniform(0.2, 0.7)
    placed = sorted(((foot(d), kind, x) for kind, x, d in items), key=lambda t: t[0])
    for fy, kind, xf in placed:
        fyi = int(fy)
        xi = int(xf * c.w)
        if not (0 <= fyi < c.h and 0 <= xi < c.w) or not land[fyi, xi]:
            continue
        dz = (fy - yh) / span
        scale = c.h * (0.015 + 0.5 * dz)
        if kind == "tree":
            size = scale * rng.uniform(0.7, 1.4)
            draw = conifer if rng.random() < conifer_odds else deciduous
            label = L["tree"]
        elif kind == "bush":
            size, draw, label = scale * rng.uniform(0.2, 0.4), bush, L["bush"]
        elif kind == "stone":
            size, draw, label = scale * rng.uniform(0.1, 0.3), stone, L["stone"]
        else:
            size, draw, label = scale * rng.uniform(0.35, 0.6), house, L["house"]
        h = int(size)
        if h < 3:
            continue
        mask, col = draw(rng, h, spec, sun)
        haze = 0.4 * (1 - dz) ** 4
        col = lerp(col * tint, haze_col, np.float32(haze))
        mh, mw = mask.shape
        _shadow(c, fy, xi, mw / 2, sun)
        c.stamp(int(fy) - mh + 1 + max(1, mh // 20), xi - mw // 2, mask, col, label)
