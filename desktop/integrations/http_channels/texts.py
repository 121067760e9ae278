"""The words both HTTP channels send, from the message templates (Settings → 消息模板)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desktop.core.delivery.outbox import PermanentFailure
from desktop.core.errors import DeskError
from desktop.core.notifications import templates
from desktop.core.notifications.templates import Rendered


def rendered_text(session: Session, event: str, channel: str, payload: dict[str, Any] | None) -> Rendered:
    """The entry's text; `payload` None renders the sample interview (previews and tests from
    Settings). A template that cannot be used fails the entry: sending again would not fix it."""
    try:
        return templates.render(session, event, channel, templates.sample_payload(session) if payload is None
                                else payload)
    except DeskError as error:
        raise PermanentFailure(f"无法生成消息内容：{error.detail or error.code}") from None
