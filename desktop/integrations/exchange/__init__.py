"""Exchange calendars through Exchange Web Services (exchangelib): interview meetings written into
the interviewers' calendars through the outbox (sender), free/busy for the conflict check and slot
finder (freebusy), interviewers' answers and Outlook changes read back (sync), and the connection
test of Settings → Exchange (connection). Settings: `exchange.*` (config)."""

from desktop.integrations.exchange.config import ExchangeConfig, configured
from desktop.integrations.exchange.connection import ConnectionReport, test_connection
from desktop.integrations.exchange.freebusy import ExchangeCalendar
from desktop.integrations.exchange.sender import ExchangeSender
from desktop.integrations.exchange.sync import SyncSummary, sync_responses

__all__ = ["ConnectionReport", "ExchangeCalendar", "ExchangeConfig", "ExchangeSender", "SyncSummary", "configured",
           "sync_responses", "test_connection"]
