"""What the panels share: translated labels of quantities, confidences and module
kinds, confidence badges, and source links (a link only where a source has a
page; an outlet-only source is named without one)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt

from models3d.figures import LABELS

BADGE = {  # confidence -> background colour
    "confirmed": "#2e7d32",
    "conflict": "#d84315",
    "uncertain": "#8d6e00",
    "inferred": "#6a1b9a",
}
ROLE_MODULE = Qt.ItemDataRole.UserRole
ROLE_REFERENCE = Qt.ItemDataRole.UserRole + 1


def tr(s: str) -> str:
    return QCoreApplication.translate("panels", s)


def quantity_label(q: str) -> str:
    return {
        "mass": tr("Mass"),
        "length": tr("Length"),
        "diameter": tr("Diameter"),
        "pressurized_volume": tr("Pressurized volume"),
        "power": tr("Electrical power"),
        "array_area": tr("Solar array area"),
        "propellant": tr("Propellant"),
        "design_life": tr("Design life"),
        "docking_ports": tr("Docking ports"),
        "crew": tr("Crew"),
        "inclination": tr("Inclination"),
        "altitude": tr("Altitude"),
    }.get(q, LABELS.get(q, q))


def confidence_label(c: str | None) -> str:
    return {
        "confirmed": tr("confirmed"),
        "conflict": tr("conflict"),
        "uncertain": tr("uncertain"),
        "inferred": tr("inferred"),
        None: tr("unknown"),
    }.get(c, c or "")


def kind_label(kind: str) -> str:
    """What a module kind (models3d.kinds.KINDS) draws, in the interface language."""
    return {
        "node": tr("node"),
        "core": tr("core module"),
        "lab": tr("laboratory"),
        "cylinder": tr("pressurized module"),
        "power": tr("power module"),
        "airlock": tr("airlock"),
        "platform": tr("open platform"),
        "soyuz": tr("Soyuz-type ship"),
        "progress": tr("Progress-type ship"),
        "orel": tr("Orel-type ship"),
        "truss": tr("truss segment"),
        "us_node": tr("connecting node"),
        "us_module": tr("berthed module"),
    }.get(kind, kind)


def badge(conf: str | None) -> str:
    color = BADGE.get(conf or "", "#555555")
    return (
        f'<span style="background-color:{color}; color:#ffffff;">'
        f"&nbsp;{html.escape(confidence_label(conf))}&nbsp;</span>"
    )


def source_title(src) -> str:
    """'Title — Outlet, date', and for an outlet-only source that there is no page."""
    text = f"{src.title} — {src.outlet}" + (f", {src.date}" if src.date else "")
    if src.outlet_only or not src.url:
        text += " (" + tr("outlet only: no page to link") + ")"
    return text


def source_ref(src, label: str) -> str:
    """`label` linking the source's page, or in grey without a link when only the
    outlet is known (an empty href would open nothing and pretend to be a source)."""
    title = html.escape(source_title(src), quote=True)
    if src.outlet_only or not src.url:
        return f'<span style="color:gray;" title="{title}">{html.escape(label)}</span>'
    return (
        f'<a href="{html.escape(src.url, quote=True)}" title="{title}">'
        f"{html.escape(label)}</a>"
    )


def source_links(plan, ids) -> str:
    """Source ids, each linking its page; '*' marks low reliability."""
    out = []
    for sid in ids:
        src = plan.sources.get(sid)
        if src is None:
            out.append(html.escape(sid))
            continue
        out.append(source_ref(src, sid + ("*" if src.low_reliability else "")))
    return ", ".join(out)
