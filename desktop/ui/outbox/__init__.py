"""通知 Outbox: outgoing messages, retried or cancelled by hand."""
