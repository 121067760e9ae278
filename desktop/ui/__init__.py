"""PySide6 windows, table models, dialogs and workers. Calls core services only."""
