"""Read-only pages whose actions arrive with later capabilities: today, schedule, approvals, outbox,
reports and archive."""
