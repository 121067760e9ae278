"""Where InterviewDesk keeps its files. The one module that knows about platformdirs.

Nothing is created at import time. Tests and portable installs point everything at another folder
with INTERVIEWDESK_HOME (or by passing `home=`)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "InterviewDesk"
APP_AUTHOR = "InterviewDesk"
DATABASE_FILE = "interviewdesk.db"


@dataclass(frozen=True)
class AppDirs:
    data: Path      # the embedded database, its key file and automatic pre-migration backups
    config: Path    # machine-level settings (machine.json)
    logs: Path

    @property
    def default_database(self) -> Path:
        return self.data / DATABASE_FILE

    @property
    def machine_settings(self) -> Path:
        return self.config / "machine.json"

    @property
    def migration_backups(self) -> Path:
        return self.data / "backups"


def app_dirs(home: Path | None = None) -> AppDirs:
    home = home or (Path(os.environ["INTERVIEWDESK_HOME"]) if os.environ.get("INTERVIEWDESK_HOME") else None)
    if home is not None:
        return AppDirs(data=home / "data", config=home / "config", logs=home / "logs")
    return AppDirs(
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def resources_dir() -> Path:
    """resources/ of the source tree, or of a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
