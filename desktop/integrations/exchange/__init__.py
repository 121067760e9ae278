"""Exchange calendars through Exchange Web Services (exchangelib): interview meetings written into
the interviewers' calendars through the outbox (sender), free/busy for the conflict check and slot
finder (freebusy), interviewers' answers and Outlook changes read back (sync), and the connection
test of Settings → Exchange (connection). Settings: `exchange.*` (config).

The names below load their module (and with it exchangelib, a large import) when first used, so
the parts that need no Exchange client (`meeting`: a meeting's texts for the 发件箱 viewer;
`config`) import without it and a start on a desktop without Exchange stays quick."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {"ExchangeConfig": "config", "configured": "config", "ConnectionReport": "connection",
          "test_connection": "connection", "ExchangeCalendar": "freebusy", "ExchangeSender": "sender",
          "SyncSummary": "sync", "sync_responses": "sync"}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOMES[name]}"), name)
