"""The orbit numbers of a plan: `orbit_summary` (the dict `orbit --json` prints and
`info --json` carries), the text table, and the method they are computed by."""

from __future__ import annotations

import datetime as _dt
import math
import textwrap
from dataclasses import dataclass, replace

from . import coverage, sunlight
from .errors import PlanError, UsageError
from .orbit import (
    MAX_ALTITUDE_KM,
    MIN_ALTITUDE_KM,
    Orbit,
    sun_synchronous_inclination,
    utc,
)

# ros-2026 names the ISS's orbit but no altitude; the 2022-2025 plans give 400 km.
DEFAULT_ALTITUDE_KM = 400.0
DISTANCES_KM = (500, 1000, 1500)
SUMMARY_KEYS = (
    "inclination_deg",
    "altitude_km",
    "period_min",
    "nodal_drift_deg_per_day",
    "max_latitude_deg",
    "sun_synchronous_inclination_deg",
    "russia_overflown_share",
    "russia_within_km",
    "eclipse_max_min",
    "beta_no_eclipse_deg",
    "beta_range_deg",
    "outline",
    "method",
)


@dataclass(frozen=True)
class OrbitParams:
    """The two numbers an orbit is built from, and where they came from."""

    inclination_deg: float
    altitude_km: float
    altitude_assumed: bool = False
    label: str = ""

    def checked(self) -> OrbitParams:
        i, h = self.inclination_deg, self.altitude_km
        if not (math.isfinite(i) and 0.0 <= i <= 180.0):
            raise UsageError(f"inclination {i:g} degrees is outside 0-180")
        if not (math.isfinite(h) and MIN_ALTITUDE_KM <= h <= MAX_ALTITUDE_KM):
            raise UsageError(
                f"altitude {h:g} km is outside "
                f"{MIN_ALTITUDE_KM:g}-{MAX_ALTITUDE_KM:g} km"
            )
        return self


def load_plan(key: str):
    """A plan by id or file: the one place this module reaches the plan loader."""
    from .catalogue import load_plan as _load
    from .catalogue import resolve_plan

    return _load(resolve_plan(key))


def plan_orbit_params(plan) -> list[OrbitParams]:
    """The plan's orbit as published, then the ends of its ranges (altitude first);
    empty when the plan states no inclination."""
    figures = getattr(plan, "orbit", None) or {}
    inc = figures.get("inclination")
    if inc is None:
        return []
    alt = figures.get("altitude")
    base = OrbitParams(
        inc.value,
        alt.value if alt is not None else DEFAULT_ALTITUDE_KM,
        altitude_assumed=alt is None,
        label="as published",
    )
    out = [base]
    if alt is not None and alt.has_range:
        for end in sorted({alt.low, alt.high} - {alt.value}):
            out.append(replace(base, altitude_km=end, label=f"altitude {end:g} km"))
    if inc.has_range:
        for end in sorted({inc.low, inc.high} - {inc.value}):
            out.append(
                replace(base, inclination_deg=end, label=f"inclination {end:g}°")
            )
    return out


def _params(plan_or_params) -> OrbitParams | None:
    if isinstance(plan_or_params, OrbitParams):
        return plan_or_params
    if isinstance(plan_or_params, dict):
        try:
            return OrbitParams(
                float(plan_or_params["inclination_deg"]),
                float(plan_or_params.get("altitude_km", DEFAULT_ALTITUDE_KM)),
                altitude_assumed="altitude_km" not in plan_or_params,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"orbit parameters {plan_or_params!r}: {exc}") from exc
    found = plan_orbit_params(plan_or_params)
    return found[0] if found else None


def orbit_summary(plan_or_params, date: _dt.date | None = None) -> dict | None:
    """The orbit numbers as a dict with exactly SUMMARY_KEYS, for a plan (its published
    figures), an OrbitParams, or a dict with inclination_deg and altitude_km; None for
    a plan that states no inclination. `date` starts the year the beta angle is taken
    over (today, UTC, by default; the result barely depends on it)."""
    params = _params(plan_or_params)
    if params is None:
        return None
    params = params.checked()
    start = utc(date if date is not None else _dt.datetime.now(_dt.UTC).date())
    orbit = Orbit(params.inclination_deg, params.altitude_km, epoch=start)
    max_lat = orbit.max_geodetic_latitude_deg()
    overflown, within = coverage.band_shares(max_lat, DISTANCES_KM)
    low, high = sunlight.beta_envelope_deg(params.inclination_deg, start)
    # the least |beta| reached gives the longest shadow
    least = 0.0 if low <= 0.0 <= high else min(abs(low), abs(high))
    sso = sun_synchronous_inclination(params.altitude_km)
    return {
        "inclination_deg": round(params.inclination_deg, 4),
        "altitude_km": round(params.altitude_km, 3),
        "period_min": round(orbit.nodal_period_s / 60.0, 3),
        "nodal_drift_deg_per_day": round(orbit.nodal_drift_deg_per_day, 4),
        "max_latitude_deg": round(max_lat, 3),
        "sun_synchronous_inclination_deg": None if sso is None else round(sso, 3),
        "russia_overflown_share": round(overflown, 4),
        "russia_within_km": {k: round(v, 4) for k, v in within.items()},
        "eclipse_max_min": round(float(sunlight.shadow_minutes(least, orbit)), 2),
        "beta_no_eclipse_deg": round(
            sunlight.beta_no_eclipse_deg(params.altitude_km), 3
        ),
        "beta_range_deg": [round(low, 2), round(high, 2)],
        "outline": coverage.russia().name,
        "method": method_text(params, start.date()),
    }


def method_text(params: OrbitParams, start: _dt.date) -> str:
    assumed = (
        f" The plan gives no altitude: {params.altitude_km:g} km is assumed."
        if params.altitude_assumed
        else ""
    )
    end = start + _dt.timedelta(days=365)
    return (
        "Circular orbit, radius = 6378.137 km (WGS 84 equatorial) + altitude; node and "
        "station drift at the first-order secular J2 rates (J2 = 1.08263e-3); period "
        "is node to node. Max latitude is the geodetic latitude of the point below the "
        "station at the orbit's top (inclination, or 180 - inclination if retrograde). "
        "Russia 'overflown' = the share of its area inside |lat| <= max latitude, the "
        "band its ground tracks cross as the node drifts (a track itself has no "
        "width); 'within d km' = inside that band widened by d along the meridian. "
        "Areas on the WGS 84 ellipsoid (cylindrical equal-area projection, edges "
        "straight in lon/lat, densified to 0.1 degree). Outline: Natural Earth 4.1.0 "
        "admin 0, 1:50m, de facto borders (Crimea and the southern Kurils inside "
        "Russia). Beta = the Sun's angle to the orbit plane, Sun by Meeus (ch. 25); "
        f"its range is over {start.isoformat()} to {end.isoformat()} for every node "
        "(the plans give no node). Shadow: a cylinder of the equatorial radius; the "
        "longest is at the smallest |beta| in that range; no shadow above the "
        "no-eclipse beta." + assumed
    )


def _fmt(value, digits: int) -> str:
    if value is None:
        return "none"
    return f"{value:.{digits}f}"


def summary_rows(summary: dict) -> list[tuple[str, str]]:
    """Label and text for each number of a summary (the table's rows)."""
    s = summary
    within = s["russia_within_km"]
    low, high = s["beta_range_deg"]
    return [
        ("Inclination", f"{_fmt(s['inclination_deg'], 2)}°"),
        ("Altitude", f"{_fmt(s['altitude_km'], 0)} km"),
        ("Period (node to node)", f"{_fmt(s['period_min'], 2)} min"),
        ("Node drift", f"{_fmt(s['nodal_drift_deg_per_day'], 3)}°/day"),
        ("Highest latitude below", f"{_fmt(s['max_latitude_deg'], 2)}°"),
        (
            "Sun-synchronous inclination",
            f"{_fmt(s['sun_synchronous_inclination_deg'], 2)}°",
        ),
        ("Russia overflown", f"{100 * s['russia_overflown_share']:.1f} %"),
        *((f"Russia within {k} km", f"{100 * v:.1f} %") for k, v in within.items()),
        ("Longest shadow per orbit", f"{_fmt(s['eclipse_max_min'], 1)} min"),
        ("No shadow above beta", f"{_fmt(s['beta_no_eclipse_deg'], 1)}°"),
        ("Beta over the year", f"{low:.1f}° to {high:.1f}°"),
    ]


def summary_table(summaries: list[tuple[str, dict]], title: str = "") -> str:
    """A plain-text table: one row per number, one column per summary."""
    rows = [summary_rows(s) for _, s in summaries]
    labels = [label for label, _ in rows[0]]
    heads = [name for name, _ in summaries]
    width0 = max(len(x) for x in labels)
    widths = [
        max(len(h), *(len(r[k][1]) for k in range(len(labels))))
        for h, r in zip(heads, rows, strict=True)
    ]
    lines = [title] if title else []
    lines.append(
        " " * width0
        + "  "
        + "  ".join(h.rjust(w) for h, w in zip(heads, widths, strict=True))
    )
    for k, label in enumerate(labels):
        cells = (r[k][1].rjust(w) for r, w in zip(rows, widths, strict=True))
        lines.append(label.ljust(width0) + "  " + "  ".join(cells))
    lines.append("")
    lines.append(f"Outline: {summaries[0][1]['outline']}")
    lines.extend(textwrap.wrap(f"Method: {summaries[0][1]['method']}", 88))
    return "\n".join(lines) + "\n"


def params_for(
    plan_key: str | None, inclination: str | None, altitude: str | None
) -> tuple[str, list[OrbitParams]]:
    """The orbits `orbit` reports: a plan's (with its ranges) unless the command line
    sets a value, and the name to title them with."""
    inc = _number(inclination, "--inclination") if inclination is not None else None
    alt = _number(altitude, "--altitude") if altitude is not None else None
    if plan_key is None:
        if inc is None:
            raise UsageError("orbit: give --plan, or --inclination (and --altitude)")
        alt_km = DEFAULT_ALTITUDE_KM if alt is None else alt
        return "orbit", [OrbitParams(inc, alt_km, alt is None, "as given").checked()]
    plan = load_plan(plan_key)
    found = plan_orbit_params(plan)
    if not found and inc is None:
        raise PlanError(
            getattr(plan, "path", plan_key),
            [f"plan '{plan.id}' states no orbit inclination; give --inclination"],
        )
    if inc is not None or alt is not None:
        if found:
            base = found[0]
        elif inc is not None:
            base = OrbitParams(inc, DEFAULT_ALTITUDE_KM, True)
        else:
            # never taken: a plan with no orbit and no --inclination raised above
            raise AssertionError("orbit: no inclination to report")
        found = [
            OrbitParams(
                base.inclination_deg if inc is None else inc,
                base.altitude_km if alt is None else alt,
                base.altitude_assumed and alt is None,
                "as given",
            )
        ]
    return plan.id, [p.checked() for p in found]


def _number(text: str, option: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise UsageError(f"{option} '{text}' is not a number") from None
    if not math.isfinite(value):
        raise UsageError(f"{option} '{text}' is not a finite number")
    return value
