"""Typed errors raised by core. The UI and the command line word them for the user in one place each
(desktop/ui/messages.py); texts here are for developers and never carry personal data or keys."""

from __future__ import annotations


class DeskError(Exception):
    """Base of every error core raises on purpose. `code` identifies the message to show."""

    code = "error"

    def __init__(self, detail: str = "", **params: object) -> None:
        super().__init__(detail or self.code)
        self.detail = detail
        self.params = params


class WrongPassphrase(DeskError):
    """The passphrase (or recovery key) does not unlock the database, or the file is damaged."""

    code = "wrong_passphrase"


class KeyFileMissing(DeskError):
    code = "keyfile_missing"


class OsUnlockFailed(DeskError):
    """This computer's key store (Windows DPAPI, the system keyring) could not open the database's
    OS key slot. `reason`: no_store, no_slot, other_store, missing, refused, store_error."""

    code = "os_unlock_failed"


class DatabaseMissing(DeskError):
    code = "database_missing"


class DatabaseExists(DeskError):
    code = "database_exists"


class NetworkShareRefused(DeskError):
    """SQLite files on network shares get corrupted; such paths are refused."""

    code = "network_share"


class DatabaseUnreachable(DeskError):
    code = "database_unreachable"


class NewerSchema(DeskError):
    """The database was written by a newer InterviewDesk than this one."""

    code = "newer_schema"


class BackupInvalid(DeskError):
    code = "backup_invalid"


class ValidationFailed(DeskError):
    """Input was refused before anything was written. `problems` maps field name to a problem code."""

    code = "validation"

    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("invalid: " + ", ".join(sorted(problems)))
        self.problems = problems


class NotFound(DeskError):
    code = "not_found"


class StaleWrite(DeskError):
    """Someone else saved the record since it was read: nothing was overwritten."""

    code = "stale_write"


class DuplicateRecord(DeskError):
    code = "duplicate"


class PermissionDenied(DeskError):
    code = "permission_denied"


class LoginFailed(DeskError):
    code = "login_failed"


class AccountLocked(DeskError):
    code = "account_locked"


class AccountDisabled(DeskError):
    code = "account_disabled"


class WeakPassword(DeskError):
    code = "weak_password"


class UnknownSetting(DeskError):
    code = "unknown_setting"


class InvalidSetting(DeskError):
    code = "invalid_setting"


class BackupExists(DeskError):
    """The backup destination (or its key file) already exists; backups never overwrite."""

    code = "backup_exists"


class BackupFailed(DeskError):
    """Writing the backup copy failed (disk full, destination unwritable); nothing was left behind."""

    code = "backup_failed"


class ServerBackupUnsupported(DeskError):
    """Server (PostgreSQL) databases are backed up with the server's own tools (pg_dump)."""

    code = "server_backup_unsupported"


class ConflictsFound(DeskError):
    """The booking or change conflicts with others. `conflicts` lists them (scheduling.conflicts.Conflict);
    `overridable` is False when one of them is hard (never overridable)."""

    code = "conflicts"

    def __init__(self, conflicts: list, overridable: bool) -> None:
        super().__init__("conflicts: " + ", ".join(sorted({c.kind.value for c in conflicts})))
        self.conflicts = conflicts
        self.overridable = overridable


class AlreadyDecided(DeskError):
    """Someone else decided this step (or the request) first."""

    code = "already_decided"


class InvalidState(DeskError):
    """The record is not in a state that allows this action (e.g. changing a cancelled interview)."""

    code = "invalid_state"


class CalendarFileInvalid(DeskError):
    """An iCalendar (.ics) file could not be read; nothing was imported. `reason` is a code the UI
    words; `line` the file's line where it went wrong (0 when not known); `name` a property or
    time zone name when it helps (never personal data)."""

    code = "calendar_file"

    def __init__(self, reason: str, line: int = 0, name: str = "") -> None:
        super().__init__(f"calendar file: {reason} at line {line} {name}".strip(), reason=reason, line=line,
                         name=name)


class CalendarReplyRefused(DeskError):
    """A calendar reply was not recorded: its UID names no interview (`unknown_uid`) or it was not
    sent by the interview's candidate (`not_candidate`)."""

    code = "calendar_reply"

    def __init__(self, reason: str) -> None:
        super().__init__(f"calendar reply: {reason}", reason=reason)
