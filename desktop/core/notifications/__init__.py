"""Messages to candidates and staff: templates, their fields and rendering (no Qt)."""
