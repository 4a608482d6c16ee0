"""The docking topology of one phase as a flat schematic, without Qt: modules as boxes,
their ports as dots, occupied ports joined to the port they meet.

`port_map(plan, index)` projects the assembled station of phase `index` onto a plane
(a top view by default: the app's +X to the right, +Y up) so a panel can draw it with
any toolkit; `docked_text` says in words where a module is attached ("docked to UUM,
zenith port"). Both read `plan.station`; nothing here assembles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import wording
from .assembly import port_matrix
from .kinds import KINDS
from .plan import Plan, text

# which world axes become the schematic's x and y
_VIEWS = {"top": (0, 1), "side": (0, 2), "front": (1, 2)}


@dataclass(frozen=True)
class PortDot:
    name: str
    xy: tuple[float, float]
    occupied: bool


@dataclass(frozen=True)
class ModuleBox:
    module: str
    label: str
    center: tuple[float, float]
    half_size: tuple[float, float]
    category: str
    ports: tuple[PortDot, ...]


@dataclass(frozen=True)
class Link:
    child: str
    child_port: str
    parent: str
    parent_port: str


@dataclass(frozen=True)
class PortMap:
    boxes: tuple[ModuleBox, ...]
    links: tuple[Link, ...]
    view: str


def port_map(plan: Plan, index: int, view: str = "top", lang: str = "en") -> PortMap:
    """Boxes, port dots and links of phase `index`, in metres on the chosen plane."""
    ax, ay = _VIEWS[view]
    state = plan.station.snapshots[index]
    used = state.used_ports()
    boxes = []
    for mid in state.modules:
        module = plan.modules[mid]
        t = state.transforms[mid]
        half = np.array(
            [
                module.shape.length / 2,
                module.shape.diameter / 2,
                module.shape.diameter / 2,
            ]
        )
        # the half extent along each world axis of the module's rotated box
        extent = np.abs(t[:3, :3]) @ half
        ports = []
        for name in KINDS[module.kind].port_names(module.shape):
            p = (t @ port_matrix(module, name))[:3, 3]
            ports.append(
                PortDot(name, (float(p[ax]), float(p[ay])), name in used.get(mid, ()))
            )
        c = t[:3, 3]
        boxes.append(
            ModuleBox(
                mid,
                text(module.abbr, lang),
                (float(c[ax]), float(c[ay])),
                (float(extent[ax]), float(extent[ay])),
                module.category,
                tuple(ports),
            )
        )
    links = tuple(
        Link(j.child, j.own_port, j.parent, j.port)
        for j in state.joints.values()
        if j.child in state.modules
    )
    return PortMap(tuple(boxes), links, view)


def docked_text(plan: Plan, index: int, module_id: str, lang: str = "en") -> str:
    """'docked to UUM, zenith port' ('пристыкован к УУМ, верхний порт'), or '' for
    the root and for modules not on the station."""
    joint = plan.station.snapshots[index].joints.get(module_id)
    if joint is None:
        return ""
    lang = wording.lang_of(lang)
    parent = text(plan.modules[joint.parent].abbr, lang)
    port = wording.PORT_LABELS[lang].get(joint.port, joint.port)
    if lang == "ru":
        return f"пристыкован к {parent}, {port} порт"
    return f"docked to {parent}, {port} port"
