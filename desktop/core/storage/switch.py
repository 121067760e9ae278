"""Putting a verified backup in place of a database and its key file, so that a crash or power cut
at any moment leaves either the old pair or the new pair, never the new data under the old key.

The steps, each one a function so that each can be observed on its own:

1. stage_database   the backup is copied beside the target (`<db>.restoring`), fsynced, and its
                    SHA-256 compared with the verified one;
2. stage_key_file   the backup's key file, when it is needed, is written beside the target's
                    (`<db>.keys.restoring`) and fsynced;
3. write_marker     `<db>.restore-switch` is written atomically: from here on the restore is
                    decided and will be finished, by this run or by the next open;
4. replace_database the old WAL and journal are removed (they would be replayed into the restored
                    file) and the staged file renamed over the target;
5. replace_key_file the staged key file is renamed over the target's;
6. remove_marker    the restore is complete.

Before the marker exists, whatever was staged is removed on the next open (roll back: the old
files were never touched). Once it exists, the next open finishes the remaining renames (roll
forward: the staged files are complete and checked). `settle` does either.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import BackupInvalid
from desktop.core.storage.files import (
    fsync_file, refuse_if_in_use, sha256_of, write_atomic, write_synced,
)
from desktop.core.storage.keys import fsync_dir, key_file_for

SIDE_FILES = ("-wal", "-shm", "-journal")   # SQLite's companions of a database file
MARKER_FORMAT = "interviewdesk-restore/1"


@dataclass(frozen=True)
class Switch:
    """Where the files of one restore live. `key_file_json` is None when the target's own key file
    already opens the restored data and stays."""

    target: Path
    backup: Path
    sha256: str
    key_file_json: str | None

    @property
    def staged_database(self) -> Path:
        return staged_database_of(self.target)

    @property
    def staged_key_file(self) -> Path:
        return staged_key_file_of(self.target)

    @property
    def marker(self) -> Path:
        return marker_of(self.target)

    # --- the steps ------------------------------------------------------------------------------

    def stage_database(self) -> None:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.backup, self.staged_database)
        fsync_file(self.staged_database)
        if sha256_of(self.staged_database)[0] != self.sha256:  # the backup changed under us, or the copy is bad
            raise BackupInvalid("copy differs from the verified backup", problems=("sha256",))

    def stage_key_file(self) -> None:
        if self.key_file_json is not None:
            write_synced(self.staged_key_file, self.key_file_json)
        fsync_dir(self.target.parent)

    def write_marker(self) -> None:
        refuse_if_in_use(self.target)   # the last moment to say no: nothing has been replaced yet
        body = {"format": MARKER_FORMAT, "sha256": self.sha256, "key_file": self.key_file_json is not None}
        write_atomic(self.marker, json.dumps(body))
        fsync_dir(self.target.parent)

    def replace_database(self) -> None:
        _replace_database(self.target)

    def replace_key_file(self) -> None:
        _replace_key_file(self.target)

    def remove_marker(self) -> None:
        self.marker.unlink(missing_ok=True)
        fsync_dir(self.target.parent)

    def steps(self) -> list[Callable[[], None]]:
        return [self.stage_database, self.stage_key_file, self.write_marker,
                self.replace_database, self.replace_key_file, self.remove_marker]

    def run(self) -> None:
        """All steps. A failure before the switch is decided removes what was staged; one after it
        is left for `settle` to finish on the next open."""
        decided = False
        try:
            for step in self.steps():
                if step == self.replace_database:
                    decided = True
                step()
        except BaseException:
            if not decided:
                roll_back(self.target)
            raise


def staged_database_of(target: Path) -> Path:
    return target.with_name(target.name + ".restoring")


def staged_key_file_of(target: Path) -> Path:
    keys = key_file_for(target)
    return keys.with_name(keys.name + ".restoring")


def marker_of(target: Path) -> Path:
    return target.with_name(target.name + ".restore-switch")


def settle(target: Path) -> str | None:
    """Finish or roll back a restore that was interrupted at `target`; "finished", "rolled_back" or
    None when there was nothing to do. Runs before the database is opened or replaced."""
    target = Path(target)
    if marker_of(target).exists():
        _replace_database(target)
        _replace_key_file(target)
        marker_of(target).unlink(missing_ok=True)
        fsync_dir(target.parent)
        return "finished"
    if roll_back(target):
        return "rolled_back"
    return None


def roll_back(target: Path) -> bool:
    """Remove the staged files of a restore that was not decided (no marker)."""
    removed = False
    for path in (marker_of(target).with_name(marker_of(target).name + ".tmp"), staged_key_file_of(target),
                 staged_database_of(target)):
        if path.exists():
            path.unlink(missing_ok=True)
            removed = True
    if removed:
        fsync_dir(target.parent)
    return removed


def _replace_database(target: Path) -> None:
    staged = staged_database_of(target)
    if not staged.exists():
        return   # already renamed before the interruption
    for suffix in SIDE_FILES:
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    try:
        os.replace(staged, target)
    except FileNotFoundError:   # another process settling the same restore got there first
        return
    fsync_dir(target.parent)


def _replace_key_file(target: Path) -> None:
    staged = staged_key_file_of(target)
    try:
        os.replace(staged, key_file_for(target))
    except FileNotFoundError:   # the target keeps its own key file, or it was renamed already
        return
    fsync_dir(target.parent)
