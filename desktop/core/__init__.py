"""Domain model, services, policies, persistence and audit. Imports no Qt."""
