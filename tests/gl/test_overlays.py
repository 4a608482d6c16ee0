"""The view aids (ui.overlays) in a real window and in exported pictures: the scale bar,
click-to-measure, dimensions, the person and the ISS outline, module labels with leader
lines, and the hover plate. Pictures are checked by code."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from models3d.catalogue import load_plan
from models3d.scale_figures import ISS_ARRAYS_M, ISS_TRUSS_M
from tests.conftest import PLANS
from ui.overlays import aids
from ui.overlays.painting import Projector

pytestmark = pytest.mark.gl  # a real OpenGL context (Xvfb in CI)


def image(pixmap_or_image) -> np.ndarray:
    """(h, w, 4) RGBA array of a QPixmap or QImage."""
    img = (
        pixmap_or_image.toImage()
        if hasattr(pixmap_or_image, "toImage")
        else pixmap_or_image
    )
    img = img.convertToFormat(img.Format.Format_RGBA8888)
    w, h = img.width(), img.height()
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h)
    return arr.reshape(h, img.bytesPerLine())[:, : w * 4].reshape(h, w, 4).copy()


def view_picture(win) -> np.ndarray:
    """What the user sees in the 3D view: the GL picture with the aids over it."""
    return image(win.overlay_controller.picture())[..., :3]


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB pixels."""
    c = rgb.astype(float) / 255
    lin = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def contrast(img: np.ndarray, rect) -> float:
    """Contrast ratio between the text (brightest pixels) and the plate (the median)
    inside a label's rectangle."""
    x, y, w, h = (round(v) for v in rect)
    lum = luminance(img[y + 2 : y + h - 2, x + 2 : x + w - 2].reshape(-1, 3))
    text, back = np.percentile(lum, 98), np.median(lum)
    return (text + 0.05) / (back + 0.05)


def paint(win):
    """Draw the aids now (as the overlay widget does) and return the controller, which
    keeps what it drew."""
    ctl = win.overlay_controller
    ctl.render()
    return ctl


# ---- scale bar -----------------------------------------------------------------------


def test_scale_bar_follows_the_zoom_and_stays_round(make_window):
    win = make_window("ros-2024")
    seen = set()
    for _ in range(8):
        ctl = paint(win)
        metres, px = ctl.scale
        mantissa = metres / 10 ** math.floor(math.log10(metres) + 1e-9)
        assert round(mantissa, 6) in (1.0, 2.0, 5.0)
        assert 160 / 2.5 - 1 <= px <= 160 + 1e-6
        # the bar's length is the length of `metres` at the orbit centre, measured apart
        proj = Projector(win.view)
        a, b = proj(np.stack([proj.center, proj.center + proj.right * metres]))[0]
        assert px == pytest.approx(float(np.linalg.norm(b - a)), rel=1e-3)
        seen.add(metres)
        win.view.zoom_at(win.view.width() / 2, win.view.height() / 2, 0.55)
    assert len(seen) >= 3  # zooming in gave shorter round lengths
    assert sorted(seen, reverse=True)[0] > sorted(seen)[0] * 8
    # drawn: light pixels with a dark halo at the bottom left, where the bar sits
    img = view_picture(win)
    h = img.shape[0]
    corner = img[h - 60 : h - 8, 10:200]
    assert (luminance(corner.reshape(-1, 3)) > 0.8).sum() > 60
    win.commands["scale_bar"].trigger()
    assert not win.model.overlays["scale_bar"]
    assert paint(win).scale is None


# ---- measuring -----------------------------------------------------------------------


def _top_of(win, mid: str, x_local: float) -> np.ndarray:
    """The world point on a module's hull straight above local (x, 0, 0)."""
    t = win.model.station[win.model.phase].transforms[mid]
    p = t[:3, :3] @ np.array([x_local, 0.0, 0.0]) + t[:3, 3]
    hit = win.model.pick(p + np.array([0.0, 0.0, 50.0]), np.array([0.0, 0.0, -1.0]))
    assert hit is not None
    assert hit.module_id == mid
    return hit.point


def test_measuring_two_points_of_a_module_gives_their_distance(make_window, qtbot):
    win = make_window("ros-2024")
    view, ctl = win.view, win.overlay_controller
    win.model.select("nem")
    view.view_preset("top", animate=False)
    view.fit_selected("bm", animate=False)
    half = 0.35 * win.model.plan.modules["bm"].shape.length
    ends = [_top_of(win, "bm", s * half) for s in (-1, 1)]
    expected = 2 * half  # both ends on the hull's straight top line, along the axis
    assert float(np.linalg.norm(ends[1] - ends[0])) == pytest.approx(expected, rel=1e-3)
    win.commands["measure"].trigger()
    assert ctl.measuring
    assert win.commands["measure"].isChecked()
    assert not win.commands["copy_measurement"].isEnabled()
    for p in ends:
        x, y = view.project(p)
        qtbot.mouseClick(
            view, Qt.MouseButton.LeftButton, pos=QPoint(round(x), round(y))
        )
    assert ctl.distance == pytest.approx(expected, rel=0.01)
    assert win.model.selected == "nem"  # measuring clicks select nothing
    words = f"{ctl.distance:.2f} m"
    assert words in win.statusBar().currentMessage()
    # drawn in the view: the line and the distance on a plate
    paint(win)
    assert ctl.measure_rect is not None
    # Ctrl+C copies "12.34 m"
    assert win.commands["copy_measurement"].isEnabled()
    # (without a window manager the window is never active, so the shortcut map does
    # not run here: the test checks the key and triggers the command)
    assert win.commands["copy_measurement"].shortcut() == QKeySequence("Ctrl+C")
    assert win.commands["measure"].shortcut() == QKeySequence("M")
    win.commands["copy_measurement"].trigger()
    assert QApplication.clipboard().text() == words
    # a click into empty space picks nothing and keeps the measurement
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert ctl.distance == pytest.approx(expected, rel=0.01)
    # Esc leaves the mode (and only then clears the selection again)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not ctl.measuring
    assert not win.commands["measure"].isChecked()
    assert ctl.distance is None
    assert win.model.selected == "nem"


# ---- dimensions ----------------------------------------------------------------------


def test_dimensions_show_the_plan_figures_with_their_confidence(make_window):
    win = make_window("ros-2024")
    assert paint(win).dimensions == []  # nothing selected
    win.model.select("nem")
    dims = {d.quantity: (d, rect) for d, rect in paint(win).dimensions}
    length, rect = dims["length"]
    assert length.words("en") == ("25.3 m", "uncertain")
    assert dims["diameter"][0].words("en") == ("4.1 m", "confirmed")
    assert length.words("ru") == ("25,3 м", "неточно")
    assert rect is not None
    # the dimension line is as long as the figure, along the module's axis
    assert float(np.linalg.norm(length.end - length.start)) == pytest.approx(25.3)
    axis = win.model.station[win.model.phase].transforms["nem"][:3, 0]
    assert abs(float(np.dot(length.end - length.start, axis))) == pytest.approx(25.3)
    diameter = dims["diameter"][0]
    assert float(np.linalg.norm(diameter.end - diameter.start)) == pytest.approx(4.1)
    # drawn: the dimension colour along the line, a dark plate with light text
    img = view_picture(win)
    proj = Projector(win.view)
    (x0, y0), (x1, y1) = proj(np.stack([length.start, length.end]))[0]
    samples = [
        img[round(y0 + (y1 - y0) * f), round(x0 + (x1 - x0) * f)]
        for f in np.linspace(0.05, 0.25, 9)
    ]
    blueish = [s for s in samples if s[2] > 180 and s[0] < 200]
    assert blueish, samples
    assert contrast(img, rect.getRect()) > 4.5
    # no published figure: the drawing's size, said so
    win.model.select("shm")
    dims = {d.quantity: d for d, _ in paint(win).dimensions}
    assert dims["length"].words("en") == ("5 m", "drawing size")
    assert dims["diameter"].confidence is None
    win.commands["dimensions"].trigger()
    assert paint(win).dimensions == []


# ---- the person and the ISS ----------------------------------------------------------


def test_person_and_iss_toggle_from_the_view_menu_at_true_scale(make_window):
    win = make_window("ros-2024")
    scene = win.scene
    assert scene.figures.items == {}
    win.commands["human_figure"].trigger()
    win.commands["iss_outline"].trigger()
    assert win.model.overlays["human"]
    assert win.model.overlays["iss"]
    assert set(scene.figures.items) == {"human", "iss"}
    for name, item in scene.figures.items.items():
        t = np.array(item.transform().data()).reshape(4, 4).T
        meshes, placed = win.model.scale_figures()[name]
        assert np.allclose(t, placed)
        lo, hi = meshes.bounds()
        corners = np.array(list(itertools.product(*zip(lo, hi, strict=True))))
        world = corners @ t[:3, :3].T + t[:3, 3]
        size = world.max(axis=0) - world.min(axis=0)
        if name == "human":
            assert size[2] == pytest.approx(1.8, abs=1e-4)
        else:  # NASA: truss 109 m across, arrays 73 m fore and aft
            assert size[1] == pytest.approx(ISS_TRUSS_M, rel=0.08)
            assert size[0] == pytest.approx(ISS_ARRAYS_M, rel=0.08)
    # both are in the view once the fit includes them; captions name them
    win.view.fit_all(animate=False)
    keys = {p.key for p in paint(win).label_layout.placed}
    assert {"figure:human", "figure:iss"} <= keys
    win.commands["human_figure"].trigger()
    win.commands["iss_outline"].trigger()
    assert scene.figures.items == {}


def test_person_and_iss_are_drawn_in_exports(tmp_path, gl_display, qapp):
    from ui.export.jobs import ExportRequest, make_job, run_job

    plan = load_plan(PLANS / "ros-2024.toml")
    last = len(plan.phases) - 1
    shots = {}
    for name, overlays in (
        ("plain", {}),
        ("human", {"human": True}),
        ("iss", {"iss": True}),
    ):
        # the camera of a view that frames the station with the ISS beside it
        out = tmp_path / f"{name}.png"
        req = ExportRequest(
            plan,
            [last],
            out,
            "png",
            640,
            400,
            1,
            camera=((-30.0, 0.0, 0.0), 160.0, 28.0, -55.0),
            overlays=overlays,
        )
        run_job(make_job(req))
        shots[name] = np.asarray(Image.open(out))[..., :3].astype(int)
    changed = {
        k: (np.abs(shots[k] - shots["plain"]).sum(axis=2) > 30).sum()
        for k in ("human", "iss")
    }
    assert changed["human"] > 20  # a small figure and its caption
    assert changed["iss"] > 20 * changed["human"]  # a station-sized outline


# ---- labels --------------------------------------------------------------------------


def test_module_labels_draw_abbreviations(make_window):
    win = make_window("ros-2024")
    before = view_picture(win)
    win.commands["labels"].setChecked(True)
    after = view_picture(win)
    assert (np.abs(after.astype(int) - before.astype(int)).sum(axis=2) > 30).sum() > 200
    layout = win.overlay_controller.label_layout
    assert sorted(layout.texts.values()) == sorted(
        win.model.plan.modules[m].abbr["en"] for m in win.model.shown_modules()
    )


@pytest.mark.parametrize("plan_id", ["ros-2024", "mir", "tiangong"])
def test_labels_do_not_overlap_and_sit_by_their_modules(make_window, plan_id):
    win = make_window(plan_id)
    win.commands["labels"].trigger()
    assert win.model.labels
    layout = paint(win).label_layout
    shown = set(win.model.shown_modules())
    placed = {p.key: p for p in layout.placed}
    assert set(placed) | set(layout.dropped) == shown
    assert len(placed) >= len(shown) - 1
    for a, b in itertools.combinations(layout.placed, 2):
        ra, rb = a.rect, b.rect
        assert not (
            ra[0] < rb[0] + rb[2]
            and rb[0] < ra[0] + ra[2]
            and ra[1] < rb[1] + rb[3]
            and rb[1] < ra[1] + ra[3]
        ), (a.key, b.key)
    for p in layout.placed:
        assert p.leader_length <= 100  # near its anchor, joined by a leader
    # each anchor is on its module: the pick under the anchor is that module
    on_module = [win.view.pick_at(*p.anchor) == p.key for p in layout.placed]
    assert sum(on_module) >= len(on_module) - 1
    # readable: light text on a dark plate, whatever is behind it
    img = view_picture(win)
    for p in layout.placed:
        assert contrast(img, p.rect) > 4.5, p.key


def test_the_base_modules_label_is_near_the_base_module(make_window):
    win = make_window("ros-2024")
    win.commands["labels"].trigger()
    for preset in ("iso", "front", "side", "top"):
        win.view.view_preset(preset, animate=False)
        win.overlay_controller._forget_anchors()
        bm = {p.key: p for p in paint(win).label_layout.placed}["bm"]
        assert win.view.pick_at(*bm.anchor) == "bm", preset
        assert bm.leader_length <= 100


def test_labels_are_drawn_in_exports_with_the_same_layout(tmp_path, gl_display, qapp):
    from ui.export.jobs import ExportRequest, make_job, run_job

    plan = load_plan(PLANS / "ros-2024.toml")
    pics = {}
    for on in (False, True):
        out = tmp_path / f"labels_{on}.png"
        req = ExportRequest(
            plan,
            [len(plan.phases) - 1],
            out,
            "png",
            800,
            500,
            1,
            overlays={"labels": on},
        )
        run_job(make_job(req))
        pics[on] = np.asarray(Image.open(out))[..., :3]
    diff = np.abs(pics[True].astype(int) - pics[False].astype(int)).sum(axis=2) > 30
    assert diff.sum() > 800  # eight plates with their text
    # the same renderer and layout give the rectangles: each is a readable plate
    from ui.export.offscreen import StationRenderer
    from ui.overlays import labels

    r = StationRenderer(plan)
    try:
        r.set_overlays({"labels": True})
        r.fit(800, 500, "iso", phase=len(plan.phases) - 1)
        r.set_phase(len(plan.phases) - 1)
        px = r.picture(800, 500)
        proj = Projector(r.view)
        anchors = labels.label_anchors(r.model, labels.module_transforms(r.scene), proj)
        layout = labels.place_labels(r.model, proj, anchors, labels.Style(1.0))
    finally:
        r.close()
    assert np.array_equal(px[..., :3], pics[True])
    assert len(layout.placed) == len(plan.station.modules(len(plan.phases) - 1))
    for p in layout.placed:
        assert contrast(px[..., :3], p.rect) > 4.5


# ---- hover ---------------------------------------------------------------------------


def test_hover_plate_names_the_module_at_the_cursor(make_window, qtbot):
    win = make_window("ros-2024")
    ctl = win.overlay_controller
    t = win.model.station[win.model.phase].transforms["bm"]
    x, y = win.view.project(t[:3, 3] + t[:3, 2] * 1.5)
    qtbot.mouseMove(win.view, QPoint(round(x), round(y)))
    qtbot.wait(30)
    assert win.model.hovered == "bm"
    paint(win)
    rect = ctl.hover_rect
    assert rect is not None
    assert rect.left() > x - 2  # below right of the cursor
    assert rect.top() > y - 2
    assert aids.hover_words(win.model, "bm") == (
        "Base Module (BM)",
        win.model.plan.modules["bm"].role["en"],
    )
    win.model.set_language("ru")
    assert aids.hover_words(win.model, "bm")[0] == "Базовый модуль (БМ)"
    win.model.set_language("en")
    img = view_picture(win)
    assert contrast(img, rect.getRect()) > 4.5
    # away from the station: no module, no plate
    qtbot.mouseMove(win.view, QPoint(4, 4))
    qtbot.wait(30)
    assert win.model.hovered is None
    assert paint(win).hover_rect is None


def test_the_overlay_moves_to_a_new_view_and_settings_are_kept(
    make_window, qtbot, windows
):
    win = make_window("ros-2024")
    ctl = win.overlay_controller
    win.commands["human_figure"].trigger()
    win.model.set_option("antialiasing", not bool(win.view.requested_samples))
    qtbot.waitUntil(lambda: ctl.view is win.view, timeout=3000)
    assert ctl.widget.parent() is win.view
    assert paint(win).scale is not None
    again = windows("ros-2024", show=False)
    assert again.model.overlays["human"]
