"""One day hour by hour: a row per agent, the shift as a bar, breaks inside it.

Painted with QPainter, only the rows in view, so 300 agents scroll smoothly.
Drag a shift bar sideways to move the shift to another template start, or a
break to move it inside the shift; the page turns the drop into an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip

from scheduler.domain import Project, Roster, ShiftAssignment
from scheduler.export.roster_workbook import shift_family
from ui.dates import moment_label
from ui.models.roster_model import FAMILY_COLOURS
from ui.widgets.time_axis import TimeAxis

BAR_COLOURS = {"morning": "#f1c232", "afternoon": "#6fa8dc", "night": "#8e7cc3"}
BREAK_COLOUR = QColor("#ffffff")


@dataclass(frozen=True)
class GanttRow:
    agent_id: str
    label: str
    shift: ShiftAssignment | None  # the day's own shift
    spill: ShiftAssignment | None  # yesterday's shift running into this day
    broken: bool = False
    locked: bool = False


class GanttView(QAbstractScrollArea):
    shift_move_requested = Signal(str, object, int)  # agent, day, minutes to move
    break_move_requested = Signal(str, object, int, int)  # agent, day, break index, minutes
    agent_clicked = Signal(str)

    ROW_HEIGHT = 22
    HEADER_HEIGHT = 26

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.axis = TimeAxis()
        self._rows: list[GanttRow] = []
        self._project: Project | None = None
        self._day: date | None = None
        self._day_start = 0
        self._selected: str | None = None
        self._drag: dict | None = None
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setMouseTracking(True)
        self.setMinimumHeight(120)
        self.verticalScrollBar().setSingleStep(self.ROW_HEIGHT)

    # -- data ----------------------------------------------------------------------------
    def set_day(self, project: Project | None, roster: Roster | None, day: date | None,
                agent_ids: list[str] | None = None, broken: set[str] = frozenset(),
                locked: set[str] = frozenset()) -> None:
        self._project, self._day = project, day
        self._rows = []
        if project is None or day is None or day not in project.horizon:
            self._update_scroll()
            self.viewport().update()
            return
        timeline = project.timeline
        index = project.horizon.index(day)
        self._day_start = timeline.day_start(index)
        previous = project.horizon.dates()[index - 1] if index > 0 else None
        today: dict[str, ShiftAssignment] = {}
        spill: dict[str, ShiftAssignment] = {}
        for shift in (roster.shifts if roster else ()):
            if shift.day == day:
                today[shift.agent_id] = shift
            elif shift.day == previous and timeline.utc_to_minutes(shift.end) > self._day_start:
                spill[shift.agent_id] = shift
        names = {a.id: a.name for a in project.agents}
        order = agent_ids if agent_ids is not None else [a.id for a in project.agents]
        label_width = self.axis.left - 12
        metrics = QFontMetrics(self.font())
        for agent_id in order:
            label = metrics.elidedText(f"{agent_id}  {names.get(agent_id, '')}", Qt.TextElideMode.ElideRight,
                                       label_width)
            self._rows.append(GanttRow(agent_id, label, today.get(agent_id), spill.get(agent_id),
                                       agent_id in broken, agent_id in locked))
        self._update_scroll()
        self.viewport().update()

    def rows(self) -> list[GanttRow]:
        return list(self._rows)

    def select_agent(self, agent_id: str | None) -> None:
        self._selected = agent_id
        row = next((r for r, item in enumerate(self._rows) if item.agent_id == agent_id), None)
        if row is not None:
            top = self.verticalScrollBar().value()
            visible = self.viewport().height() - self.HEADER_HEIGHT
            y = row * self.ROW_HEIGHT
            if y < top or y + self.ROW_HEIGHT > top + visible:
                self.verticalScrollBar().setValue(max(0, y - visible // 2))
        self.viewport().update()

    def align_with(self, outer: TimeAxis) -> None:
        """Use ``outer`` (in this widget's outer coordinates) inside the scrolled viewport,
        so a chart of the same width below lines up hour for hour."""
        frame = self.frameWidth()
        scrollbar = self.verticalScrollBar().sizeHint().width()
        self.axis = TimeAxis(outer.left - frame, max(0, outer.right - frame - scrollbar), outer.start, outer.span)

    # -- geometry --------------------------------------------------------------------------
    def _update_scroll(self) -> None:
        content = len(self._rows) * self.ROW_HEIGHT
        visible = max(0, self.viewport().height() - self.HEADER_HEIGHT)
        self.verticalScrollBar().setRange(0, max(0, content - visible))
        self.verticalScrollBar().setPageStep(max(self.ROW_HEIGHT, visible))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._update_scroll()

    def _minutes(self, moment) -> int:
        return self._project.timeline.utc_to_minutes(moment) - self._day_start

    def _row_at(self, y: float) -> int | None:
        if y < self.HEADER_HEIGHT:
            return None
        row = int((y - self.HEADER_HEIGHT + self.verticalScrollBar().value()) // self.ROW_HEIGHT)
        return row if 0 <= row < len(self._rows) else None

    def _bar_rect(self, shift: ShiftAssignment, row_top: float) -> QRectF:
        width = self.viewport().width()
        x0 = self.axis.x(self._minutes(shift.start), width)
        x1 = self.axis.x(self._minutes(shift.end), width)
        return QRectF(x0, row_top + 3, max(2.0, x1 - x0), self.ROW_HEIGHT - 6)

    def _hit(self, pos: QPointF) -> tuple[int, str, int] | None:
        """(row, "shift"|"break", break index) under the mouse."""
        row = self._row_at(pos.y())
        if row is None:
            return None
        item = self._rows[row]
        if item.shift is None:
            return None
        top = self.HEADER_HEIGHT + row * self.ROW_HEIGHT - self.verticalScrollBar().value()
        bar = self._bar_rect(item.shift, top)
        if not bar.adjusted(-2, 0, 2, 0).contains(pos):
            return None
        width = self.viewport().width()
        for b, pause in enumerate(item.shift.breaks):
            x0 = self.axis.x(self._minutes(pause.start), width)
            x1 = self.axis.x(self._minutes(pause.end), width)
            if x0 - 2 <= pos.x() <= max(x1, x0 + 4) + 2:
                return row, "break", b
        return row, "shift", -1

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self.viewport())
        width, height = self.viewport().width(), self.viewport().height()
        painter.fillRect(0, 0, width, height, QColor("#ffffff"))
        if self._project is None or self._day is None:
            painter.setPen(QColor("#666666"))
            painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Solve a roster, then pick a day in the grid to see it hour by hour."))
            painter.end()
            return
        offset = self.verticalScrollBar().value()
        first = offset // self.ROW_HEIGHT
        last = min(len(self._rows), first + (height - self.HEADER_HEIGHT) // self.ROW_HEIGHT + 2)
        self._paint_grid(painter, width, height)
        for row in range(first, last):
            painter.setClipRect(0, self.HEADER_HEIGHT, width, height - self.HEADER_HEIGHT)
            self._paint_row(painter, row, self.HEADER_HEIGHT + row * self.ROW_HEIGHT - offset, width)
        painter.setClipping(False)
        self._paint_header(painter, width)
        painter.end()

    def _paint_grid(self, painter: QPainter, width: int, height: int) -> None:
        step = self.axis.tick_step(width)
        painter.setPen(QPen(QColor("#e6e6e6"), 1))
        for minute in range(self.axis.start, self.axis.start + self.axis.span + 1, 60):
            x = self.axis.x(minute, width)
            painter.setPen(QPen(QColor("#d0d0d0" if minute % step == 0 else "#eeeeee"), 1))
            painter.drawLine(QPointF(x, self.HEADER_HEIGHT), QPointF(x, height))
        # the next day starts here
        x = self.axis.x(self._next_midnight(), width)
        painter.setPen(QPen(QColor("#999999"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, self.HEADER_HEIGHT), QPointF(x, height))

    def _next_midnight(self) -> int:
        timeline = self._project.timeline
        index = self._project.horizon.index(self._day)
        return timeline.day_start(index + 1) - self._day_start

    def _paint_header(self, painter: QPainter, width: int) -> None:
        painter.fillRect(0, 0, width, self.HEADER_HEIGHT, QColor("#f3f3f3"))
        painter.setPen(QColor("#999999"))
        painter.drawLine(0, self.HEADER_HEIGHT - 1, width, self.HEADER_HEIGHT - 1)
        painter.setPen(QColor("#333333"))
        painter.drawText(QRectF(6, 0, self.axis.left - 8, self.HEADER_HEIGHT),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         self.tr("Agent"))
        step = self.axis.tick_step(width)
        timeline = self._project.timeline
        for minute in range(self.axis.start, self.axis.start + self.axis.span + 1, step):
            x = self.axis.x(minute, width)
            local = timeline.minutes_to_local(self._day_start + minute)
            painter.drawText(QRectF(x - 24, 0, 48, self.HEADER_HEIGHT), Qt.AlignmentFlag.AlignCenter,
                             f"{local:%H:%M}")

    def _paint_row(self, painter: QPainter, row: int, top: float, width: int) -> None:
        item = self._rows[row]
        if item.agent_id == self._selected:
            painter.fillRect(QRectF(0, top, width, self.ROW_HEIGHT), QColor("#e8f0fe"))
        elif row % 2:
            painter.fillRect(QRectF(0, top, width, self.ROW_HEIGHT), QColor("#fafafa"))
        painter.setPen(QColor("#b00020") if item.broken else QColor("#222222"))
        painter.drawText(QRectF(6, top, self.axis.left - 10, self.ROW_HEIGHT),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, item.label)
        # bars stay right of the names, also a night shift from the day before
        painter.setClipRect(QRectF(self.axis.left, max(top, self.HEADER_HEIGHT), width - self.axis.left,
                                   self.ROW_HEIGHT))
        if item.spill is not None:
            self._paint_bar(painter, item.spill, top, faded=True)
        if item.shift is not None:
            drag = self._drag if self._drag and self._drag["row"] == row else None
            self._paint_bar(painter, item.shift, top, broken=item.broken, locked=item.locked, drag=drag)

    def _paint_bar(self, painter: QPainter, shift: ShiftAssignment, top: float, *, faded=False,
                   broken=False, locked=False, drag=None) -> None:
        width = self.viewport().width()
        family = shift_family(shift, self._project)
        bar = self._bar_rect(shift, top)
        shift_offset = drag["minutes"] if drag and drag["what"] == "shift" else 0
        if shift_offset:
            dx = self.axis.x(shift_offset, width) - self.axis.x(0, width)
            bar.translate(dx, 0)
        colour = QColor(BAR_COLOURS.get(family, FAMILY_COLOURS.get(family, "#cccccc")))
        if faded:
            colour.setAlpha(90)
        painter.setPen(QPen(QColor("#b00020"), 2) if broken else QPen(colour.darker(130), 1))
        painter.setBrush(QBrush(colour))
        painter.drawRoundedRect(bar, 3, 3)
        for b, pause in enumerate(shift.breaks):
            minutes = shift_offset
            if drag and drag["what"] == "break" and drag["index"] == b:
                minutes += drag["minutes"]
            x0 = self.axis.x(self._minutes(pause.start) + minutes, width)
            x1 = self.axis.x(self._minutes(pause.end) + minutes, width)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(BREAK_COLOUR if not faded else QColor(255, 255, 255, 120)))
            painter.drawRect(QRectF(x0, bar.top() + 2, max(2.0, x1 - x0), bar.height() - 4))
        if locked and not faded:
            self._paint_lock(painter, bar.right() - 11, bar.top() + 2)
        if drag is not None:
            painter.setPen(QPen(QColor("#1a73e8"), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(bar.adjusted(-1, -1, 1, 1), 3, 3)

    @staticmethod
    def _paint_lock(painter: QPainter, x: float, y: float) -> None:
        painter.setPen(QPen(QColor("#333333"), 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(x + 1.5, y, 6, 7), 0, 180 * 16)
        painter.setBrush(QBrush(QColor("#333333")))
        painter.drawRect(QRectF(x, y + 4, 9, 7))

    # -- mouse ------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        pos = event.position()
        row = self._row_at(pos.y())
        if row is not None:
            self._selected = self._rows[row].agent_id
            self.agent_clicked.emit(self._selected)
        hit = self._hit(pos)
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            row, what, index = hit
            self._drag = {"row": row, "what": what, "index": index, "x": pos.x(), "minutes": 0}
        self.viewport().update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        pos = event.position()
        if self._drag is not None:
            width = self.viewport().width()
            minutes = self.axis.minute_at(pos.x(), width) - self.axis.minute_at(self._drag["x"], width)
            step = 5 if self._drag["what"] == "break" else 15
            self._drag["minutes"] = int(round(minutes / step) * step)
            self.viewport().update()
            return
        hit = self._hit(pos)
        if hit is None:
            self.viewport().unsetCursor()
            return
        self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        drag, self._drag = self._drag, None
        self.viewport().update()
        if drag is None or not drag["minutes"]:
            return
        item = self._rows[drag["row"]]
        if drag["what"] == "shift":
            self.shift_move_requested.emit(item.agent_id, self._day, drag["minutes"])
        else:
            self.break_move_requested.emit(item.agent_id, self._day, drag["index"], drag["minutes"])

    def viewportEvent(self, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == event.Type.ToolTip and self._project is not None:
            row = self._row_at(event.pos().y())
            if row is not None:
                QToolTip.showText(event.globalPos(), self._tooltip(self._rows[row]), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, item: GanttRow) -> str:
        zone = self._project.site.zone
        lines = [item.label]
        for shift in (item.spill, item.shift):
            if shift is None:
                continue
            lines.append(f"{moment_label(shift.start.astimezone(zone))}–{shift.end.astimezone(zone):%H:%M}")
            lines += [f"  {b.kind} {b.start.astimezone(zone):%H:%M}–{b.end.astimezone(zone):%H:%M}"
                      for b in shift.breaks]
        if item.shift is None and item.spill is None:
            lines.append(self.tr("Not working"))
        else:
            lines.append(self.tr("Drag the bar to move the shift, or a white break to move the break."))
        return "\n".join(lines)
