"""An alert about a candidate question names its deadline: a question mailed before any interview
has no interview to describe, and "提问回复超时" alone does not say which question is meant."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from desktop.core.scheduling.desk_views import DeskAlert
from desktop.ui.today.models import alert_text


def test_a_question_alert_without_an_interview_names_its_deadline(qapp):
    alert = DeskAlert(id=1, kind="question_overdue", raised_at=datetime(2026, 12, 4, 2, 20, tzinfo=timezone.utc),
                      interview_id=None, change_request_id=None, candidate="", starts_at=None, room="",
                      detail={"question_id": 7, "due_at": "2026-12-04T02:20:00+00:00"})
    text = alert_text(alert, ZoneInfo("Asia/Shanghai"))
    assert "12-04" in text and "10:20" in text
