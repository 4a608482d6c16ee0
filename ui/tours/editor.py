"""Tours > Tour editor: make and change a tour while the window shows what it says.

Steps are listed on the left; the selected step's fields are on the right. "Add step"
and "Record view" take the window's plan, phase, camera (as an exact keyframe), display
mode and selection. Every widget writes only its own field back into the step, so a
tour opened and saved unchanged is the same tour (the round-trip test holds this). Save
refuses a tour the reader would refuse, listing its problems.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
)

from models3d.catalogue import plan_key
from models3d.errors import RossError, TourError
from models3d.tour import (
    STATION,
    Camera,
    Caption,
    Step,
    Text,
    Tour,
    Transition,
    dumps_tour,
    load_tour,
    read_tour,
    write_tour,
)

from .editor_layout import EditorLayout, ids_of


def tr(s: str) -> str:
    return QCoreApplication.translate("tours", s)


class TourEditor(EditorLayout, QDialog):
    def __init__(self, window, feature):
        super().__init__(window)
        self.setObjectName("tour_editor")
        self.setWindowTitle(tr("Tour editor"))
        self.window_ = window
        self.feature = feature
        self.plans = feature.player.plans
        self.steps: list[Step] = []
        self.tour_id = "my-tour"
        self.summary: Text | None = None
        self.path = ""
        self._loading = False
        self._build()
        self.set_tour(Tour("my-tour", Text(tr("New tour"), "Новая экскурсия"), ()))

    # ---- the tour --------------------------------------------------------------------

    def set_tour(self, tour: Tour, path: str = "") -> None:
        self.steps = list(tour.steps)
        self.tour_id = tour.id
        self.title = tour.title
        self.summary = tour.summary
        self.path = path
        self._loading = True
        self.id_edit.setText(tour.id)
        self.title_en.setText(tour.title.en)
        self.title_ru.setText(tour.title.ru)
        self._loading = False
        self._refill_list(0)

    def tour(self) -> Tour:
        return Tour(self.tour_id, self.title, tuple(self.steps), self.summary)

    def check(self) -> list[str]:
        """The reader's problems with the tour as it stands ([] when it is valid)."""
        try:
            read_tour(
                dumps_tour(self.tour()),
                f"{self.tour_id or 'tour'}.tour.json",
                self.plans,
            )
        except TourError as exc:
            return exc.problems
        return []

    def _refill_list(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        lang = self.window_.model.language
        for i, s in enumerate(self.steps):
            cap = s.caption.text.get(lang) if s.caption else ""
            self.list.addItem(
                f"{i + 1}. {s.plan} · {s.phase} · {s.duration:g} s"
                + (f" — {cap[:40]}" if cap else "")
            )
        self.list.blockSignals(False)
        row = max(0, min(row, len(self.steps) - 1))
        self.list.setCurrentRow(row if self.steps else -1)
        self._show_step(self.list.currentRow())
        for key in ("remove", "up", "down", "preview"):
            self.buttons[key].setEnabled(bool(self.steps))

    def current(self) -> int:
        return self.list.currentRow()

    # ---- showing and editing one step ----------------------------------------------

    def _show_step(self, row: int) -> None:
        self.form.setEnabled(0 <= row < len(self.steps))
        if not 0 <= row < len(self.steps):
            return
        s = self.steps[row]
        self._loading = True
        try:
            self._select(self.plan, s.plan)
            self._fill_phases(s)
            t = s.transition
            self.docking.setChecked(t is not None)
            self.docking_secs.setValue(t.duration if t else min(3.0, s.duration))
            self._select(self.source, t.source if t else None)
            self.duration.setValue(s.duration)
            self.whole_fly.setChecked(s.fly is None)
            self.fly.setValue(s.fly if s.fly is not None else s.duration)
            self.fly.setEnabled(s.fly is not None)
            self._select(self.easing, s.easing)
            cap = s.caption
            self.caption_en.setPlainText(cap.text.en if cap else "")
            self.caption_ru.setPlainText(cap.text.ru if cap else "")
            self.sources.setText(", ".join(cap.sources) if cap else "")
            self._select(self.kind, cap.kind if cap else "fact")
            self.highlight.setText(", ".join(s.highlight))
            self._select(self.mode, s.mode)
            self.orbit.setChecked(s.orbit)
            self._describe_camera(s.camera)
        finally:
            self._loading = False

    def _fill_phases(self, s: Step) -> None:
        try:
            plan = self.plans.get(s.plan)
        except (KeyError, RossError):
            return
        self.frame.clear()
        self.frame.addItem(tr("the station"), STATION)
        for mid in plan.modules:
            self.frame.addItem(mid, mid)
        for box, key in (
            (self.phase, s.phase),
            (self.source, s.transition.source if s.transition else None),
        ):
            box.clear()
            for ph in plan.phases:
                box.addItem(f"{ph.index + 1}. {ph.id}", ph.id)
            if key is not None and box.findData(key) < 0:
                box.insertItem(0, str(key), key)  # a number or 'final' as written
            self._select(box, key)

    @staticmethod
    def _select(box: QComboBox, data) -> None:
        i = box.findData(data)
        if i >= 0:
            box.setCurrentIndex(i)

    def _describe_camera(self, c: Camera) -> None:
        if c.is_keyframe:
            x, y, z = c.center or (0, 0, 0)
            self.camera_label.setText(
                tr(
                    "Keyframe: centre ({0}, {1}, {2}) m, distance {3} m, elevation "
                    "{4}°, azimuth {5}°"
                ).format(
                    *(
                        f"{v:.1f}"
                        for v in (
                            x,
                            y,
                            z,
                            c.distance or 0,
                            c.elevation or 0,
                            c.azimuth or 0,
                        )
                    )
                )
            )
        else:
            what = c.frame if c.frame not in (None, STATION) else tr("the station")
            how = c.view or (
                f"{c.elevation:g}°, {c.azimuth:g}°"
                if c.elevation is not None
                else "iso"
            )
            self.camera_label.setText(
                tr("Frames {0} from the {1} view").format(what, how)
                + (f", {c.distance:g} m" if c.distance else "")
            )

    def _edit(self, **fields) -> None:
        row = self.current()
        if self._loading or not 0 <= row < len(self.steps):
            return
        self.steps[row] = replace(self.steps[row], **fields)
        self._update_row(row)

    def _update_row(self, row: int) -> None:
        s = self.steps[row]
        cap = s.caption.text.get(self.window_.model.language) if s.caption else ""
        item = self.list.item(row)
        if item is not None:
            item.setText(
                f"{row + 1}. {s.plan} · {s.phase} · {s.duration:g} s"
                + (f" — {cap[:40]}" if cap else "")
            )
        self.problems.setText("")

    def _plan_edited(self) -> None:
        row = self.current()
        if self._loading or not 0 <= row < len(self.steps):
            return
        pid = self.plan.currentData()
        plan = self.plans.get(pid)
        # another plan: its last phase, framed; ids of the old plan mean nothing there
        self._edit(
            plan=pid,
            phase=plan.phases[-1].id,
            transition=None,
            highlight=(),
            camera=Camera(view="iso"),
        )
        self._show_step(row)

    def _transition_edited(self) -> None:
        if self._loading:
            return
        on = self.docking.isChecked() and self.source.currentData() is not None
        self._edit(
            transition=Transition(
                self.source.currentData(), float(self.docking_secs.value())
            )
            if on
            else None
        )

    def _fly_edited(self) -> None:
        if self._loading:
            return
        whole = self.whole_fly.isChecked()
        self.fly.setEnabled(not whole)
        self._edit(fly=None if whole else float(self.fly.value()))

    def _frame_edited(self) -> None:
        frame = self.frame.currentData()
        self._edit(
            camera=Camera(
                view=self.view.currentData(), frame=None if frame == STATION else frame
            )
        )
        row = self.current()
        if 0 <= row < len(self.steps):
            self._describe_camera(self.steps[row].camera)

    def _caption_edited(self) -> None:
        if self._loading:
            return
        en = self.caption_en.toPlainText().strip()
        ru = self.caption_ru.toPlainText().strip()
        srcs, kind = ids_of(self.sources.text()), self.kind.currentData()
        if not (en or ru or srcs):
            self._edit(caption=None)
        else:
            self._edit(caption=Caption(Text(en, ru), srcs, kind))

    def _title_edited(self) -> None:
        if not self._loading:
            self.title = Text(
                self.title_en.text().strip(), self.title_ru.text().strip()
            )

    # ---- steps -----------------------------------------------------------------------

    def _window_step(self) -> Step:
        m, view = self.window_.model, self.window_.view
        pid = (
            m.plan.id
            if m.plan is not None and plan_key(m.plan) == m.plan.id
            else self.plans.ids()[0]
        )
        plan = self.plans.get(pid)
        phase = plan.phases[min(m.phase, len(plan.phases) - 1)].id
        center, distance, el, az = view.camera_state()
        return Step(
            pid,
            phase,
            6.0,
            Camera.keyframe(center, distance, el, az),
            mode=m.mode,
            highlight=(m.selected,) if m.selected else (),
        )

    def add_step(self) -> None:
        """A new step after the current one: the window as it is now."""
        row = self.current() + 1 if self.steps else 0
        self.steps.insert(row, self._window_step())
        self._refill_list(row)

    def record_view(self) -> None:
        """The current step's camera becomes the window's camera, exactly."""
        row = self.current()
        if not 0 <= row < len(self.steps):
            return
        center, distance, el, az = self.window_.view.camera_state()
        self._edit(camera=Camera.keyframe(center, distance, el, az))
        self._describe_camera(self.steps[row].camera)

    def remove_step(self) -> None:
        row = self.current()
        if 0 <= row < len(self.steps):
            del self.steps[row]
            self._refill_list(row)

    def move_step(self, delta: int) -> None:
        row = self.current()
        to = row + delta
        if 0 <= row < len(self.steps) and 0 <= to < len(self.steps):
            self.steps[row], self.steps[to] = self.steps[to], self.steps[row]
            self._refill_list(to)

    # ---- files and playing ---------------------------------------------------------

    def new_tour(self) -> None:
        self.set_tour(Tour("my-tour", Text(tr("New tour"), "Новая экскурсия"), ()))

    def _valid(self) -> bool:
        problems = self.check()
        self.problems.setText("\n".join(problems[:12]))
        return not problems

    def save_to(self, path: str) -> bool:
        if not self._valid():
            return False
        try:
            write_tour(self.tour(), path)
        except (RossError, OSError) as exc:
            self.problems.setText(str(exc))
            return False
        self.path = path
        return True

    def open_path(self, path: str) -> bool:
        try:
            tour = load_tour(path, self.plans)
        except (RossError, OSError) as exc:
            self.problems.setText(str(exc))
            return False
        self.set_tour(tour, path)
        self.problems.setText("")
        return True

    def save_file(self) -> None:
        name = self.path or f"{self.tour_id or 'tour'}.tour.json"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Save tour"), name, tr("Tours (*.tour.json)")
        )
        if path:
            self.save_to(path)

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open tour"), self.path, tr("Tours (*.tour.json *.json)")
        )
        if path:
            self.open_path(path)

    def preview_step(self) -> None:
        row = self.current()
        if not 0 <= row < len(self.steps) or not self._valid():
            return
        tour = self.tour()
        start = tour.starts()[row]
        self.feature.player.start(
            tour, at=start, until=start + tour.steps[row].duration
        )

    def play_tour(self) -> None:
        if self.steps and self._valid():
            self.feature.play_tour(self.tour())
