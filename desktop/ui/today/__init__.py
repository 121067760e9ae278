"""今日 Today: the day's interviews, alerts and tasks, and the reminder heartbeat."""
