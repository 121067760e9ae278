"""The schedule drawn as lanes (interviewers or rooms) over the office's working hours, one column
per day; interviews are blocks coloured by their live state, conflicts outlined in red and hatched.

Where everything goes is worked out in geometry.py (every block readable, the week fitting the
width). A pending change request shows where it would move the interview as a dashed ghost block
in the 待审批 colour.

A click on a block reports it; dragging a movable block to another time or lane reports the move
(snapped to 15 minutes), and the page turns it into a change request. The lane names and the day
header stay in place while the rest scrolls. Only what is visible is painted, so a department with
thirty interviewers and a busy week stays smooth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone, tzinfo

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from desktop.core.scheduling.desk_views import ScheduleBoard
from desktop.core.scheduling.views import Block
from desktop.core import labels
from desktop.ui.schedule import colors, words
from desktop.ui.schedule.geometry import Placed, ScheduleGeometry, minutes

MOVABLE = frozenset({"unconfirmed", "confirmed", "pending_approval", "late"})


@dataclass(frozen=True)
class Move:
    """A block dropped somewhere else: the page proposes this as a change request."""

    interview_id: int
    from_lane: int
    to_lane: int
    old_start: datetime
    starts_at: datetime


class ScheduleCanvas(ScheduleGeometry, QAbstractScrollArea):
    sig_block_clicked = Signal(int)       # interview id
    sig_block_moved = Signal(object)      # Move

    SNAP_MINUTES = 15

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.init_geometry()
        self.can_drag = False
        self.selected_id: int | None = None
        self._press: tuple[Placed, QPointF] | None = None
        self._drag: tuple[Placed, datetime, int] | None = None
        self.viewport().setMouseTracking(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMinimumHeight(240)

    # --- data ----------------------------------------------------------------------------------

    def set_board(self, board: ScheduleBoard, zone: tzinfo, *, can_drag: bool) -> None:
        self.board, self.zone, self.can_drag = board, zone, can_drag
        self._press = self._drag = None
        self.lane_index = {lane.id: n for n, lane in enumerate(board.view.lanes)}
        self._relayout()

    def _relayout(self) -> None:
        if self.board is None:
            return
        self._lay_out(self.viewport().width())
        self.horizontalScrollBar().setRange(0, max(0, int(self._content_width - self.viewport().width())))
        self.horizontalScrollBar().setPageStep(self.viewport().width())
        self.verticalScrollBar().setRange(0, max(0, int(self._content_height - self.viewport().height())))
        self.verticalScrollBar().setPageStep(self.viewport().height())
        self.viewport().update()

    @property
    def dragging(self) -> bool:
        return self._press is not None

    # --- geometry helpers (also used by tests) ------------------------------------------------------

    def offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def reveal(self, rect: QRectF) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        view_w = self.viewport().width() - self.LANE_WIDTH
        view_h = self.viewport().height() - self.HEADER_HEIGHT
        if not (h.value() + self.LANE_WIDTH <= rect.left() and rect.right() <= h.value() + self.LANE_WIDTH + view_w):
            h.setValue(int(rect.left() - self.LANE_WIDTH - 20))
        if not (v.value() + self.HEADER_HEIGHT <= rect.top() and rect.bottom() <= v.value() + self.HEADER_HEIGHT + view_h):
            v.setValue(int(rect.top() - self.HEADER_HEIGHT - 10))

    def viewport_point(self, content: QPointF) -> QPoint:
        return (content - self.offset()).toPoint()

    def _hit(self, viewport_pos: QPointF) -> Placed | None:
        if viewport_pos.x() < self.LANE_WIDTH or viewport_pos.y() < self.HEADER_HEIGHT:
            return None
        point = viewport_pos + self.offset()
        for placed in reversed(self.placed):
            if placed.rect.contains(point):
                return placed
        return None

    def _target(self, placed: Placed, viewport_pos: QPointF) -> tuple[datetime, int] | None:
        """Where a block dragged by the point it was grabbed at would land: start time and lane."""
        assert self._press is not None
        grab = self._press[1]
        point = viewport_pos + self.offset()
        left = placed.anchor_x + point.x() - grab.x()
        day_index = next((i for i in range(len(self.day_x)) if self.expanded[i]
                          and self.day_x[i] <= left + 1 < self.day_x[i] + self.day_w[i]), None)
        if day_index is None:
            return None
        minute = self.range_start + (left - self.day_x[day_index]) * 60 / self.pph
        minute = round(minute / self.SNAP_MINUTES) * self.SNAP_MINUTES
        duration = (placed.block.ends_at - placed.block.starts_at).total_seconds() / 60
        minute = max(self.range_start, min(minute, self.range_end - duration))
        lanes = self.board.view.lanes
        lane = lanes[self.lane_at(point.y())].id
        day = self.first_day + timedelta(days=day_index)
        local = datetime.combine(day, time(0, 0), tzinfo=self.zone) + timedelta(minutes=minute)
        return local.astimezone(timezone.utc), lane

    # --- events --------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        placed = self._hit(event.position())
        if placed is not None:
            self._press = (placed, event.position() + self.offset())
            self._drag = None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        placed, grabbed = self._press
        moved = (event.position() + self.offset() - grabbed).manhattanLength() > 4
        if moved and self.can_drag and not placed.ghost and placed.block.state in MOVABLE:
            target = self._target(placed, event.position())
            self._drag = (placed, *target) if target else None
            if target:
                QToolTip.showText(event.globalPosition().toPoint(), words.when(self.zone, target[0]), self)
            self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, drag = self._press, self._drag
        self._press = self._drag = None
        if press is None:
            return
        placed = press[0]
        block = placed.block
        if drag is not None:
            _p, start, lane = drag
            self.viewport().update()
            if start != block.starts_at or lane != block.lane_id:
                self.sig_block_moved.emit(Move(block.interview_id, block.lane_id, lane, block.starts_at, start))
            return
        self.selected_id = block.interview_id
        self.viewport().update()
        self.sig_block_clicked.emit(block.interview_id)

    def viewportEvent(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            placed = self._hit(QPointF(event.pos()))
            if placed is not None:
                QToolTip.showText(event.globalPos(), self._tooltip(placed.block, placed.ghost), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, block: Block, ghost: bool = False) -> str:
        lines = [f"<b>{block.candidate}</b> · {block.position} · {block.round}",
                 words.when(self.zone, block.starts_at, block.ends_at)]
        if ghost:
            lines.insert(1, self.tr("Proposed by a change request waiting for approval"))
        if block.room:
            lines.append(block.room)
        lines.append(labels.live_state(block.state))
        if block.conflict:
            lines.append(f"<span style='color:{colors.CONFLICT}'>" + self.tr("Overlaps another interview in this lane")
                         + "</span>")
        return "<br>".join(lines)

    # --- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.viewport().rect(), QColor("#ffffff"))
        if self.board is None:
            return
        off = self.offset()
        width, height = self.viewport().width(), self.viewport().height()
        painter.save()
        painter.setClipRect(QRectF(self.LANE_WIDTH, self.HEADER_HEIGHT, width, height))
        painter.translate(-off)
        self._paint_grid(painter, off, width, height)
        self._paint_blocks(painter, off, width, height)
        painter.restore()
        painter.save()
        painter.setClipRect(QRectF(self.LANE_WIDTH, 0, width, self.HEADER_HEIGHT))
        painter.translate(-off.x(), 0)
        self._paint_header(painter)
        painter.restore()
        painter.save()
        painter.setClipRect(QRectF(0, self.HEADER_HEIGHT, self.LANE_WIDTH, height))
        painter.translate(0, -off.y())
        self._paint_lanes(painter, off, height)
        painter.restore()
        painter.fillRect(QRectF(0, 0, self.LANE_WIDTH, self.HEADER_HEIGHT), QColor("#f5f6f8"))
        painter.setPen(QColor("#d9dde3"))
        painter.drawLine(QPointF(0, self.HEADER_HEIGHT - 0.5), QPointF(width, self.HEADER_HEIGHT - 0.5))
        painter.drawLine(QPointF(self.LANE_WIDTH - 0.5, 0), QPointF(self.LANE_WIDTH - 0.5, height))
        painter.setPen(QColor("#5c6370"))
        painter.drawText(QRectF(8, 0, self.LANE_WIDTH - 12, self.HEADER_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                         self.tr("Interviewer") if self.board.view.by == "interviewer" else self.tr("Room"))

    def _paint_grid(self, painter: QPainter, off: QPointF, width: int, height: int) -> None:
        bottom = self._content_height
        for row in self._visible_rows(off, height):
            if row % 2:
                painter.fillRect(QRectF(self.LANE_WIDTH, self.lane_top[row], self._content_width, self.lane_height[row]),
                                 QColor("#fafbfc"))
        for i, day in enumerate(self.board.days):
            x, w = self.day_x[i], self.day_w[i]
            if x > off.x() + width or x + w < off.x():
                continue
            if not day.working:
                painter.fillRect(QRectF(x, self.HEADER_HEIGHT, w, bottom - self.HEADER_HEIGHT), QBrush(QColor("#e9ebef"),
                                                                                   Qt.BrushStyle.BDiagPattern))
            elif self.board.lunch and self.expanded[i]:
                a, b = (minutes(t) for t in self.board.lunch)
                painter.fillRect(QRectF(self._x_of(i, a), self.HEADER_HEIGHT, (b - a) * self.pph / 60,
                                        bottom - self.HEADER_HEIGHT),
                                 QColor("#f1f2f4"))
            if self.expanded[i]:
                painter.setPen(QPen(QColor("#eceef1"), 1))
                for minute in range(self.range_start // 60 * 60 + 60, self.range_end, 60):
                    hx = self._x_of(i, minute)
                    painter.drawLine(QPointF(hx, self.HEADER_HEIGHT), QPointF(hx, bottom))
            painter.setPen(QPen(QColor("#c9ced6"), 1))
            painter.drawLine(QPointF(x + w - 0.5, 0), QPointF(x + w - 0.5, bottom))
        painter.setPen(QPen(QColor("#e4e7ec"), 1))
        for row in self._visible_rows(off, height):
            y = self.lane_top[row] + self.lane_height[row] - 0.5
            painter.drawLine(QPointF(self.LANE_WIDTH, y), QPointF(self._content_width, y))
        now = self._local(self.board.now)
        day_index = (now.date() - self.first_day).days
        minute = now.hour * 60 + now.minute
        if 0 <= day_index < len(self.day_x) and self.expanded[day_index] and \
                self.range_start <= minute <= self.range_end:
            nx = self._x_of(day_index, minute)
            painter.setPen(QPen(QColor(colors.CONFLICT), 1.5))
            painter.drawLine(QPointF(nx, self.HEADER_HEIGHT), QPointF(nx, bottom))

    def _paint_blocks(self, painter: QPainter, off: QPointF, width: int, height: int) -> None:
        visible = QRectF(off.x(), off.y(), width, height)
        for placed in self.placed:
            if placed.rect.intersects(visible):
                self._paint_ghost(painter, placed) if placed.ghost else self._paint_block(painter, placed)
        if self._drag is not None:
            placed, start, lane = self._drag
            duration = placed.block.ends_at - placed.block.starts_at
            local = self._local(start)
            day_index = (local.date() - self.first_day).days
            x0 = self._x_of(day_index, local.hour * 60 + local.minute)
            row = self.lane_index[lane]
            ghost = QRectF(x0 + 1, self.lane_top[row] + 3, max(placed.rect.width(), duration.total_seconds() / 3600
                                                               * self.pph - 2), self.lane_height[row] - 8)
            painter.setBrush(QColor(47, 111, 209, 60))
            painter.setPen(QPen(QColor("#2f6fd1"), 1.5, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(ghost, 3, 3)
            painter.setPen(QColor("#1d4f9c"))
            painter.drawText(ghost.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, f"{local:%H:%M}")

    def _paint_block(self, painter: QPainter, placed: Placed) -> None:
        block, rect = placed.block, placed.rect
        painter.setBrush(colors.fill(block.state))
        pen = QPen(colors.border(block.state), 1)
        if block.conflict:
            pen = QPen(QColor(colors.CONFLICT), 2.2)
        if block.interview_id == self.selected_id:
            pen = QPen(QColor("#1d4f9c"), 2.6)
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 3, 3)
        if block.conflict:
            painter.fillRect(rect.adjusted(2, 2, -2, -2), QBrush(QColor(214, 40, 40, 90), Qt.BrushStyle.BDiagPattern))
        self._paint_text(painter, placed, colors.text(block.state))

    def _paint_ghost(self, painter: QPainter, placed: Placed) -> None:
        fill = colors.fill("pending_approval")
        fill.setAlpha(150)
        painter.setBrush(fill)
        painter.setPen(QPen(colors.border("pending_approval"), 1.6, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(placed.rect, 3, 3)
        self._paint_text(painter, placed, colors.text("pending_approval"))

    def _paint_text(self, painter: QPainter, placed: Placed, color: QColor) -> None:
        if placed.rect.width() < 22:
            return   # too narrow for a word: the colour, the tooltip and the detail tell the rest
        painter.setPen(color)
        metrics = QFontMetricsF(painter.font())
        for line, box in zip(self.text_lines(placed), self.text_rects(placed), strict=True):
            shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, box.width() + 1)
            if len(shown) > 1:   # a lone ellipsis says nothing
                painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)

    def _paint_header(self, painter: QPainter) -> None:
        painter.fillRect(QRectF(self.LANE_WIDTH, 0, self._content_width, self.HEADER_HEIGHT), QColor("#f5f6f8"))
        metrics = QFontMetricsF(painter.font())
        for i, day in enumerate(self.board.days):
            x, w = self.day_x[i], self.day_w[i]
            today = day.day == self._local(self.board.now).date()
            painter.setPen(QColor("#1d4f9c") if today else QColor("#1f2329"))
            title = words.day_label(day.day) if w > 60 else f"{day.day:%d}"
            if day.holiday and w > 60:
                title += f" {day.holiday}"
            elif not day.working and w > 90:
                title += " " + self.tr("(day off)")
            painter.drawText(QRectF(x + 4, 2, w - 8, 20), Qt.AlignmentFlag.AlignCenter,
                             metrics.elidedText(title, Qt.TextElideMode.ElideRight, w - 8))
            if self.expanded[i]:
                painter.setPen(QColor("#7a818c"))
                for box, label in self.hour_labels(i):
                    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(QColor("#c9ced6"))
            painter.drawLine(QPointF(x + w - 0.5, 0), QPointF(x + w - 0.5, self.HEADER_HEIGHT))

    def _paint_lanes(self, painter: QPainter, off: QPointF, height: int) -> None:
        painter.fillRect(QRectF(0, self.HEADER_HEIGHT, self.LANE_WIDTH, self._content_height - self.HEADER_HEIGHT),
                         QColor("#f8f9fb"))
        metrics = QFontMetricsF(painter.font())
        lanes = self.board.view.lanes
        for row in self._visible_rows(off, height):
            y, row_h = self.lane_top[row], self.lane_height[row]
            painter.setPen(QColor("#1f2329"))
            painter.drawText(QRectF(8, y, self.LANE_WIDTH - 14, self.ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(lanes[row].name, Qt.TextElideMode.ElideRight, self.LANE_WIDTH - 14))
            painter.setPen(QColor("#e4e7ec"))
            painter.drawLine(QPointF(0, y + row_h - 0.5), QPointF(self.LANE_WIDTH, y + row_h - 0.5))
