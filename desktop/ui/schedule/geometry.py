"""Where things go on the schedule canvas: the days and hours across, the lanes down, and each
block's rectangle in content coordinates.

Every block is at least as wide as its candidate's name and start time, whatever the zoom: blocks
that would then overlap go into tracks, and a lane grows as tall as its tracks need, so the week
fits the window without horizontal scrolling and every block stays readable. Ghost blocks (the
proposed time of a pending change request) take their place among the others the same way."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime, time, timezone, tzinfo

from PySide6.QtCore import QCoreApplication, QPointF, QRectF
from PySide6.QtGui import QFontMetricsF

from desktop.core.scheduling.desk_views import ScheduleBoard
from desktop.core.scheduling.views import Block


@dataclass
class Placed:
    block: Block
    rect: QRectF          # content coordinates
    anchor_x: float = 0.0  # where the start time is; the rect may sit left of it near the day's end
    ghost: bool = False    # the proposed time of a pending change request, not the interview itself


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


class ScheduleGeometry:
    """Mixed into the canvas (a QAbstractScrollArea): computes and answers geometry from `board`,
    `zone` and the font its viewport paints with."""

    LANE_WIDTH = 150
    HEADER_HEIGHT = 44
    ROW_HEIGHT = 50            # a lane with one track; lanes with overlapping blocks grow
    COLLAPSED_DAY = 46
    PADDING = 4                # between a block's border and its text
    MAX_BLOCK_WIDTH = 160      # a very long name is elided beyond this

    board: ScheduleBoard | None
    zone: tzinfo

    def init_geometry(self) -> None:
        self.board = None
        self.zone = timezone.utc
        self.placed: list[Placed] = []
        self.lane_index: dict[int, int] = {}
        self.day_x: list[float] = []
        self.day_w: list[float] = []
        self.expanded: list[bool] = []
        self.lane_top: list[float] = []
        self.lane_height: list[float] = []
        self.range_start = 8 * 60
        self.range_end = 18 * 60
        self.pph = 60.0
        self._content_width = float(self.LANE_WIDTH)
        self._content_height = float(self.HEADER_HEIGHT)

    @property
    def first_day(self) -> date:
        return self.board.view.first_day if self.board else date.today()

    def _lay_out(self, width: int) -> None:
        """Days, hours, lanes and blocks for a view `width` pixels wide."""
        board = self.board
        days = board.days
        shown = board.view.blocks + board.view.ghosts
        starts = [self._local(b.starts_at) for b in shown]
        begin = [s.hour * 60 + s.minute for s in starts]
        finish = [m + (b.ends_at - b.starts_at).total_seconds() / 60 for m, b in zip(begin, shown, strict=True)]
        earliest = int(min([minutes(board.day_start)] + begin))   # bookings outside hours stay visible
        latest = int(max([minutes(board.day_end)] + [min(24 * 60, m) for m in finish]))
        self.range_start = max(0, earliest // 30 * 30)
        self.range_end = min(24 * 60, -(-latest // 30) * 30)
        busy_days = {s.date() for s in starts}
        self.expanded = [d.working or d.day in busy_days for d in days]
        hours = (self.range_end - self.range_start) / 60
        wide = max(1, sum(self.expanded))
        available = width - self.LANE_WIDTH - self.COLLAPSED_DAY * (len(days) - wide)
        self.pph = max(6.0, available / (wide * hours))   # the whole span fits; blocks widen to their text
        self.day_x, self.day_w, x = [], [], float(self.LANE_WIDTH)
        for open_day in self.expanded:
            day_width = self.pph * hours if open_day else float(self.COLLAPSED_DAY)
            self.day_x.append(x)
            self.day_w.append(day_width)
            x += day_width
        self._content_width = x
        self._place_blocks()
        self._content_height = self.lane_top[-1] + self.lane_height[-1] if self.lane_top else self.HEADER_HEIGHT

    def _local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    def _x_of(self, day_index: int, minute_of_day: float) -> float:
        return self.day_x[day_index] + (minute_of_day - self.range_start) * self.pph / 60

    def text_lines(self, placed: Placed) -> list[str]:
        """What a block says: the candidate, then the start time (a ghost: the proposed time)."""
        start = f"{self._local(placed.block.starts_at):%H:%M}"
        return [placed.block.candidate,
                QCoreApplication.translate("ScheduleCanvas", "proposed {0}").format(start) if placed.ghost else start]

    def metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.viewport().font())   # the font the canvas paints with

    @property
    def track_height(self) -> float:
        return 2 * self.metrics().lineSpacing() + 6

    def _place_blocks(self) -> None:
        """Blocks of one lane and day go into tracks so that none covers another: each block is
        placed at its start time and made wide enough for its text, then takes the first track
        where it overlaps nothing. The lane is as tall as its busiest day needs."""
        self.placed = []
        groups: dict[tuple[int, int], list[Placed]] = {}
        view = self.board.view
        for block, ghost in [(b, False) for b in view.blocks] + [(b, True) for b in view.ghosts]:
            day_index = (self._local(block.starts_at).date() - self.first_day).days
            if 0 <= day_index < len(self.day_x) and block.lane_id in self.lane_index:
                groups.setdefault((block.lane_id, day_index), []).append(self._sized(block, day_index, ghost))
        tracks_of: dict[tuple[int, int], int] = {}
        for key, items in groups.items():
            items.sort(key=lambda p: (p.rect.left(), p.block.starts_at, p.ghost, p.block.interview_id))
            track_ends: list[float] = []
            for placed in items:
                free = next((n for n, end in enumerate(track_ends) if end <= placed.rect.left()), None)
                if free is None:
                    track_ends.append(0.0)
                    free = len(track_ends) - 1
                track_ends[free] = placed.rect.right() + 2
                placed.rect.moveTop(free * self.track_height)   # relative to the lane until the lanes are known
            tracks_of[key] = len(track_ends)
            self.placed.extend(items)
        self.lane_top, self.lane_height, y = [], [], float(self.HEADER_HEIGHT)
        for lane in view.lanes:
            tracks = max([t for (lane_id, _d), t in tracks_of.items() if lane_id == lane.id], default=1)
            height = max(float(self.ROW_HEIGHT), tracks * self.track_height + 6)
            self.lane_top.append(y)
            self.lane_height.append(height)
            y += height
        single = {lane.id for lane in view.lanes
                  if all(t <= 1 for (lane_id, _d), t in tracks_of.items() if lane_id == lane.id)}
        for placed in self.placed:
            row = self.lane_index[placed.block.lane_id]
            height = self.lane_height[row] - 6 if placed.block.lane_id in single else self.track_height - 2
            placed.rect = QRectF(placed.rect.left(), self.lane_top[row] + 3 + placed.rect.top(), placed.rect.width(),
                                 height)

    def _sized(self, block: Block, day_index: int, ghost: bool) -> Placed:
        start, end = self._local(block.starts_at), self._local(block.ends_at)
        start_min = start.hour * 60 + start.minute
        end_min = min(self.range_end, start_min + (end - start).total_seconds() / 60)
        x0, x1 = self._x_of(day_index, start_min), self._x_of(day_index, end_min)
        placed = Placed(block, QRectF(), x0, ghost)
        metrics = self.metrics()
        text = max(metrics.horizontalAdvance(line) for line in self.text_lines(placed)) + 2 * self.PADDING + 2
        day_right = self.day_x[day_index] + self.day_w[day_index]
        width = min(max(6.0, x1 - x0 - 2, min(text, self.MAX_BLOCK_WIDTH)), self.day_w[day_index] - 2)
        left = max(self.day_x[day_index] + 1, min(x0 + 1, day_right - 1 - width))   # late blocks stay in their day
        placed.rect = QRectF(left, 0, width, 0)
        return placed

    def lane_at(self, y: float) -> int:
        """The row of the lane at content height `y` (clamped to the first and last lane)."""
        return max(0, min(bisect.bisect_right(self.lane_top, y) - 1, len(self.lane_top) - 1))

    def placed_blocks(self, interview_id: int) -> list[Placed]:
        return [p for p in self.placed if p.block.interview_id == interview_id]

    def content_point(self, day: date, local_time: time, lane_id: int) -> QPointF:
        day_index = (day - self.first_day).days
        x = self._x_of(day_index, local_time.hour * 60 + local_time.minute)
        row = self.lane_index[lane_id]
        return QPointF(x, self.lane_top[row] + self.lane_height[row] / 2)

    def _visible_rows(self, off: QPointF, height: int) -> range:
        if not self.lane_top:
            return range(0)
        return range(self.lane_at(off.y()), self.lane_at(off.y() + height) + 1)

    def text_rects(self, placed: Placed) -> list[QRectF]:
        """Where the lines of a block are written (content coordinates); tests measure against them."""
        inner = placed.rect.adjusted(self.PADDING, 2, -self.PADDING + 1, -2)
        line_h = inner.height() / 2
        return [QRectF(inner.left(), inner.top() + n * line_h, inner.width(), line_h) for n in range(2)]

    def hour_labels(self, day_index: int) -> list[tuple[QRectF, str]]:
        """The hour marks over one open day: as many as fit side by side without touching, each
        inside its own day (so the last hour of a day never runs into the first of the next)."""
        metrics = self.metrics()
        long_text, short_text = metrics.horizontalAdvance("00:00") + 6, metrics.horizontalAdvance("00") + 6
        step = next((s for s in (60, 120, 180, 240, 360, 480, 720) if self.pph * s / 60 >= short_text), 1440)
        use_long = self.pph * step / 60 >= long_text
        right = self.day_x[day_index] + self.day_w[day_index]
        found = []
        for minute in range(-(-self.range_start // 60) * 60, self.range_end, step):
            label = f"{minute // 60:02d}:00" if use_long else f"{minute // 60}"
            hx = self._x_of(day_index, minute)
            box = QRectF(hx + 2, 22, metrics.horizontalAdvance(label) + 2, 20)
            if box.right() <= right - 2:
                found.append((box, label))
        return found
