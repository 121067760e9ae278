"""安排下一轮 from wherever HR meets a passed round (the calibration view, the alert on Today): the
proposal is read in the background, then the booking dialog opens prefilled with it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QWidget

from desktop.core import next_round
from desktop.ui.schedule.booking_dialog import BookingDialog

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def book_next_round(ctx: "AppContext", interview_id: int, parent: QWidget,
                    failed: Callable[[BaseException], None]) -> None:
    """Open the booking dialog for the round after this interview's (kept as parent.next_round_dialog)."""
    actor = ctx.actor

    def opened(found: next_round.NextRound) -> None:
        dialog = BookingDialog(ctx, prefill=found, parent=parent)
        parent.next_round_dialog = dialog
        dialog.open()

    ctx.read(lambda session: next_round.proposal(session, actor, interview_id), opened, failed, owner=parent)
