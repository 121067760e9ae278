"""Delivering the outbox: the queue (outbox) and the worker that drains it through senders."""
