"""The orbit's world map as a picture (Pillow, no Qt): land, Russia, the coverage bands
and 24 hours of ground track on an equirectangular map, with a legend underneath.

`orbit --map FILE` writes it; the app's map panel draws the same layers itself from
`map_layers`, so both show the same things."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import coverage
from .imaging import _font, atomic_write
from .orbit import Orbit, julian_date, sidereal_angle_rad, split_at_antimeridian, utc
from .orbit_report import DISTANCES_KM, OrbitParams

OCEAN = (214, 226, 238)
LAND = (200, 196, 186)
RUSSIA_FAR = (236, 214, 210)  # Russia beyond the widest band
GRID = (176, 190, 206)
TRACK = (20, 40, 110)
TEXT = (30, 30, 40)
# Russia's area in each band, from the overflown band outwards: darker is closer
ZONE_COLOURS = ((150, 24, 30), (214, 72, 44), (240, 140, 60), (248, 200, 110))
BAND_LINES = ((120, 20, 26), (190, 60, 36), (214, 120, 40), (200, 160, 60))


@dataclass(frozen=True)
class MapLayers:
    """What a map of one orbit shows, in degrees (lon -180..180, lat)."""

    track: list[tuple[np.ndarray, np.ndarray]]  # pieces (lon, lat), none crosses 180
    bands: list[tuple[str, float, float]]  # (label, |lat| limit, share of Russia)
    start: tuple[float, float]  # lon, lat where the track starts


def map_orbit(params: OrbitParams, date: _dt.date) -> Orbit:
    """The orbit the map draws: its first ascending node over Greenwich at 00:00 UTC
    on `date` (the plans give no node; any other node shifts the track east or west)."""
    epoch = utc(date)
    gast = float(np.degrees(sidereal_angle_rad(julian_date(epoch))))
    return Orbit(params.inclination_deg, params.altitude_km, epoch, raan_deg=gast)


def map_layers(params: OrbitParams, date: _dt.date, hours: float = 24.0) -> MapLayers:
    orbit = map_orbit(params, date)
    _, lat, lon = orbit.ground_track(0.0, hours * 3600.0, step_s=20.0)
    pieces = split_at_antimeridian(lon, lat)
    top = orbit.max_geodetic_latitude_deg()
    overflown, within = coverage.band_shares(top, DISTANCES_KM)
    bands = [("overflown", top, overflown)]
    for d in DISTANCES_KM:
        bands.append(
            (f"within {d} km", coverage.widened_limit_deg(top, d), within[f"{d:g}"])
        )
    return MapLayers(pieces, bands, (float(lon[0]), float(lat[0])))


def render_map(params: OrbitParams, date: _dt.date, width: int = 1600, title: str = ""):
    """The map as a Pillow RGB image (width x width/2, plus the legend)."""
    from PIL import Image, ImageChops, ImageDraw

    layers = map_layers(params, date)
    ss = 2  # drawn twice as large, then filtered down: smooth edges
    w, h = width * ss, width * ss // 2

    def px(lon, lat):
        return (np.asarray(lon) + 180.0) / 360.0 * w, (
            90.0 - np.asarray(lat)
        ) / 180.0 * h

    img = Image.new("RGB", (w, h), OCEAN)
    img.paste(LAND, mask=_mask(coverage.world_land(), (w, h), px))
    russia = _mask(coverage.russia(), (w, h), px)
    img.paste(RUSSIA_FAR, mask=russia)
    # Russia coloured by band, the widest first so the narrower ones sit on top
    for (_, limit, _), colour in reversed(
        list(zip(layers.bands, ZONE_COLOURS, strict=True))
    ):
        strip = Image.new("L", (w, h), 0)
        ImageDraw.Draw(strip).rectangle(
            [0, px(0, limit)[1], w, px(0, -limit)[1]], fill=255
        )
        img.paste(colour, mask=ImageChops.multiply(strip, russia))
    draw = ImageDraw.Draw(img)
    for lon in range(-180, 181, 30):
        x = px(lon, 0)[0]
        draw.line([(x, 0), (x, h)], fill=GRID, width=ss)
    for lat in range(-90, 91, 30):
        y = px(0, lat)[1]
        draw.line([(0, y), (w, y)], fill=GRID, width=ss * (2 if lat == 0 else 1))
    outline_width = max(1, ss)
    for ring in coverage.russia().rings:
        x, y = px(ring[:, 0], ring[:, 1])
        draw.line(
            list(zip(x.tolist(), y.tolist(), strict=True)),
            fill=(110, 20, 20),
            width=outline_width,
        )
    for track_lon, track_lat in layers.track:
        x, y = px(track_lon, track_lat)
        draw.line(
            list(zip(x.tolist(), y.tolist(), strict=True)),
            fill=TRACK,
            width=2 * ss,
            joint="curve",
        )
    for (_, limit, _), colour in zip(layers.bands, BAND_LINES, strict=True):
        if limit >= 89.9:  # a band over the pole has no edge to draw
            continue
        for sign in (1, -1):
            y = px(0, sign * limit)[1]
            _dashed(draw, y, w, colour, 2 * ss, 14 * ss)
    sx, sy = px(*layers.start)
    r = 6 * ss
    draw.ellipse([sx - r, sy - r, sx + r, sy + r], fill=TRACK, outline=(255, 255, 255))
    picture = img.resize((width, width // 2), Image.Resampling.LANCZOS)
    return _with_legend(picture, layers, params, date, title)


def _mask(outline, size, px):
    """An 'L' mask of an outline: outer rings filled, holes cleared."""
    from PIL import Image, ImageDraw

    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    for poly in outline.polygons:
        for k, ring in enumerate(poly):
            x, y = px(ring[:, 0], ring[:, 1])
            if len(x) >= 3:
                draw.polygon(
                    list(zip(x.tolist(), y.tolist(), strict=True)),
                    fill=255 if k == 0 else 0,
                )
    return mask


def _with_legend(picture, layers: MapLayers, params, date, title: str):
    from PIL import Image, ImageDraw

    width = picture.width
    px_text = max(11, width // 80)
    font, small = _font(px_text), _font(max(9, int(px_text * 0.8)))
    line_h = int(px_text * 1.5)
    legend_h = line_h * (2 + (len(layers.bands) + 1) // 2) + px_text
    out = Image.new("RGB", (width, picture.height + legend_h), (250, 250, 252))
    out.paste(picture, (0, 0))
    draw = ImageDraw.Draw(out)
    pad = px_text
    y = picture.height + pad // 2
    head = title or f"Orbit {params.inclination_deg:g}°, {params.altitude_km:g} km"
    draw.text((pad, y), head, font=font, fill=TEXT)
    y += line_h
    draw.text(
        (pad, y),
        f"24 h of ground track from {date.isoformat()} 00:00 UTC (first ascending node "
        "over 0° longitude; the plans give no node). Russia: "
        f"{coverage.russia().name}.",
        font=small,
        fill=TEXT,
    )
    y += line_h
    col_w = width // 2
    for k, ((label, limit, share), colour, line) in enumerate(
        zip(layers.bands, ZONE_COLOURS, BAND_LINES, strict=True)
    ):
        x = pad + (k % 2) * col_w
        yy = y + (k // 2) * line_h
        box = [x, yy + 2, x + px_text * 2, yy + px_text]
        draw.rectangle(box, fill=colour, outline=line)
        draw.line([box[0], box[3] + 3, box[2], box[3] + 3], fill=line, width=2)
        draw.text(
            (x + px_text * 3, yy),
            f"{label}: |lat| ≤ {limit:.1f}° (dashed), {100 * share:.1f} % of Russia's "
            "area",
            font=small,
            fill=TEXT,
        )
    return out


def _dashed(draw, y: float, width: int, colour, thick: int, dash: int) -> None:
    for x in range(0, width, 2 * dash):
        draw.line([(x, y), (min(width, x + dash), y)], fill=colour, width=thick)


def write_map(path: str | Path, params: OrbitParams, date: _dt.date, title: str = ""):
    """Render the map and write it as PNG through a temporary file."""
    picture = render_map(params, date, title=title)
    return atomic_write(
        path, lambda tmp: picture.save(tmp, format="PNG", optimize=True)
    )
