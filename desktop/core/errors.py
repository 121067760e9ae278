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
    """Writing the backup copy failed; nothing was left behind. `reason` (when known): no_folder,
    folder_missing, folder_unwritable, disk_full, write_failed, verify (with `problems`), tool_failed."""

    code = "backup_failed"


class BackupInProgress(DeskError):
    """Another desktop or program is writing a backup of this database right now."""

    code = "backup_in_progress"


class ServerBackupUnsupported(DeskError):
    """Server (PostgreSQL) databases are backed up with the server's own tool, pg_dump, which is not
    usable here. `reason`: tool_missing (with `tool`), tool_old (with `tool` and `server` versions)."""

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


class SecondPersonRequired(DeskError):
    """A decision that needs a second person (a purge of personal data) was made by the person who
    proposed it."""

    code = "second_person_required"


class SearchRefused(DeskError):
    """A search by phone number, ID number or e-mail was not run: the role may not see those fields
    (`reason` "not_allowed"), or the user made too many such searches (`reason` "rate_limited", with
    `limit` searches per `minutes`)."""

    code = "search_refused"


class InvalidState(DeskError):
    """The record is not in a state that allows this action (e.g. changing a cancelled interview)."""

    code = "invalid_state"


class CheckInRefused(DeskError):
    """Reception tried to check a candidate in outside the interview's check-in window. `reason` is
    other_day, too_early or too_late; `day`, `opens`, `closes` are the window in office time
    (YYYY-MM-DD, HH:MM) so the message can say when check-in is possible."""

    code = "check_in_refused"

    def __init__(self, reason: str, day: str, opens: str, closes: str) -> None:
        super().__init__(f"check-in refused: {reason}", reason=reason, day=day, opens=opens, closes=closes)


class CalendarFileInvalid(DeskError):
    """An iCalendar (.ics) file could not be read; nothing was imported. `reason` is a code the UI
    words; `line` the file's line where it went wrong (0 when not known); `name` a property or
    time zone name when it helps (never personal data)."""

    code = "calendar_file"

    def __init__(self, reason: str, line: int = 0, name: str = "") -> None:
        super().__init__(f"calendar file: {reason} at line {line} {name}".strip(), reason=reason, line=line,
                         name=name)


class RoomRefused(DeskError):
    """An action of the interview room (desktop/core/interview_room.py) that its state does not allow;
    nothing was written. `reason`: not_today, not_started, ended, unticked (`items`: the labels not
    ticked), overtime_reason (`minutes` over the plan), no_item (`ordinal`)."""

    code = "room_refused"

    def __init__(self, reason: str, detail: str, **params: object) -> None:
        super().__init__(detail, reason=reason, **params)


class TemplateInvalid(DeskError):
    """A message template (desktop/core/notifications/templates.py) was refused before anything was
    written. params: reason (unknown_field, field_not_allowed, braces, required, too_long,
    unknown_template), fields (names, for the first two), part (subject or body). The detail is the
    Chinese sentence: field names are no personal data."""

    code = "template_invalid"


class CalendarReplyRefused(DeskError):
    """A calendar reply was not recorded: its UID names no interview (`unknown_uid`) or it was not
    sent by the interview's candidate (`not_candidate`)."""

    code = "calendar_reply"

    def __init__(self, reason: str) -> None:
        super().__init__(f"calendar reply: {reason}", reason=reason)


class DatabaseDamaged(DeskError):
    """The database file is not a sound InterviewDesk database: `reason` is empty (0 bytes),
    truncated (not whole pages), not_database (another kind of file), no_schema (decrypts but holds
    nothing), does_not_decrypt (the key file opened but the file does not decrypt with it: damaged,
    or the key file belongs to another database) or malformed (SQLite found a damaged page). The
    file is never changed; the way out is a backup."""

    code = "database_damaged"

    def __init__(self, reason: str) -> None:
        super().__init__(f"database damaged: {reason}", reason=reason)


class KeyFileDamaged(DeskError):
    """The key file beside the database cannot be used: `reason` is encoding (not UTF-8), format
    (not the key file's JSON shape) or kdf_params (key derivation parameters outside sane bounds,
    refused before running Argon2 with them)."""

    code = "keyfile_damaged"

    def __init__(self, reason: str, name: str = "") -> None:
        super().__init__(f"key file damaged: {reason}", reason=reason, name=name)


class DatabaseBusy(DeskError):
    """Another program kept the database's write lock for longer than a writer waits
    (`waited` seconds); nothing of this action was written."""

    code = "database_busy"

    def __init__(self, waited: float) -> None:
        super().__init__(f"write lock not obtained within {waited:.0f} s", waited=round(waited))


class DatabaseInUse(DeskError):
    """The database file is open in another program (InterviewDesk on this computer, a scheduled
    `outbox run`, …), so it cannot be replaced now; nothing was changed."""

    code = "database_in_use"


# --- broken schema rules, told apart (desktop/core/failures.py) ---------------------------------------

class ReferenceMissing(DeskError):
    """The record refers to one that does not exist (a department deleted meanwhile, a wrong id).
    `field` names the reference when the database says which."""

    code = "missing_reference"


class StillReferenced(DeskError):
    """The record cannot be deleted: others still refer to it."""

    code = "still_referenced"


class ConstraintFailed(DeskError):
    """A rule of the schema other than uniqueness or a reference was broken (a missing required value)."""

    code = "constraint"


# --- failures of the disk, the file system or the database server -------------------------------------
# Each has its own wording and its own exit code on the command line; none says "unexpected".

class DiskFull(DeskError):
    """No space left: the disk, the user's quota, or the database's size limit."""

    code = "disk_full"


class StorageAccessDenied(DeskError):
    """The file or folder may not be read or written by this Windows/Linux user, or the database
    server refused the account the right."""

    code = "access_denied"


class ReadOnlyStorage(DeskError):
    """The file, the disk or the database is read-only."""

    code = "read_only"


class StorageIOError(DeskError):
    """The disk (or the server's) reported a read or write error."""

    code = "io_error"


class OutOfResources(DeskError):
    """The computer or the database server ran out of memory, open files or connections."""

    code = "out_of_resources"


class DatabaseOperationFailed(DeskError):
    """The database refused an operation for a reason of its own (a limit, a cancelled statement)."""

    code = "database_failed"


class StorageFailed(DeskError):
    """Another operating-system error with a file or folder; `errno` names it (e.g. ENAMETOOLONG)."""

    code = "os_error"



class ArchiveExportRefused(DeskError):
    """An archive package was not exported; nothing was left behind and nothing registered. `reason`:
    range (the first day is after the last), unknown_department (`code`), exists (the destination
    is already there: packages never overwrite), nothing (no dossier formed in the range), changed
    (a record changed while the package was written: export again), cancelled, archived_missing (the
    archive store no longer holds the dossier of a purged candidate as registered: `code` the 档号)."""

    code = "archive_export"

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(f"archive export refused: {reason}", reason=reason, **params)
        self.reason = reason


class BadLink(DeskError):
    """A link the app was asked to open is not a link to an interview. `reason`: empty, too_long,
    scheme, kind, id."""

    code = "bad_link"


class ContractIncomplete(DeskError):
    """A labour contract may not be issued: mandatory items of 劳动合同法 第十七条 are missing.
    `missing_items` names the items the template has no place for (codes of
    desktop.core.contracts.MANDATORY_ITEMS); `missing_fields` the values not filled in for this person
    (field codes); `unknown_fields` placeholders of the template nothing can fill. Codes only."""

    code = "contract_incomplete"

    def __init__(self, missing_items: tuple[str, ...] = (), missing_fields: tuple[str, ...] = (),
                 unknown_fields: tuple[str, ...] = ()) -> None:
        super().__init__("contract incomplete: " + ", ".join((*missing_items, *missing_fields, *unknown_fields)),
                         missing_items=missing_items, missing_fields=missing_fields, unknown_fields=unknown_fields)
        self.missing_items = missing_items
        self.missing_fields = missing_fields
        self.unknown_fields = unknown_fields


class SigningCertificateInvalid(DeskError):
    """The institution's signing certificate (PKCS#12 file) cannot be used. `reason`: missing (no file
    or empty), damaged (not a PKCS#12 file), wrong_password, no_key (no private key or certificate
    inside), not_yet_valid, expired."""

    code = "signing_certificate"

    def __init__(self, reason: str) -> None:
        super().__init__(f"signing certificate: {reason}", reason=reason)
        self.reason = reason


class DossierUnavailable(DeskError):
    """An application's dossier (面试档案) cannot be opened. `reason`: not_produced (no dossier yet),
    file_missing (the register names a file the archive store no longer has), file_changed (the
    file's SHA-256 is not the one registered: it was altered or replaced)."""

    code = "dossier_unavailable"
