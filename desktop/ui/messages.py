"""The one place where core's typed errors and validation problems become words for people.

Used by the windows and by the command line. Texts are English in the source and translated
through Qt's translation files (resources/i18n); Simplified Chinese is the default language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.core import errors



def field_label(name: str) -> str:
    labels = {
        "name": QCoreApplication.translate("Messages", "Name"), "gender": QCoreApplication.translate("Messages", "Gender"), "phone": QCoreApplication.translate("Messages", "Phone"), "email": QCoreApplication.translate("Messages", "E-mail"),
        "id_number": QCoreApplication.translate("Messages", "ID number"), "birth_date": QCoreApplication.translate("Messages", "Date of birth"), "education": QCoreApplication.translate("Messages", "Education"),
        "school": QCoreApplication.translate("Messages", "School"), "major": QCoreApplication.translate("Messages", "Major"), "years_experience": QCoreApplication.translate("Messages", "Years of experience"),
        "source_channel": QCoreApplication.translate("Messages", "Source"), "department_id": QCoreApplication.translate("Messages", "Department"), "code": QCoreApplication.translate("Messages", "Code"),
        "title": QCoreApplication.translate("Messages", "Title"), "headcount": QCoreApplication.translate("Messages", "Headcount"), "min_years": QCoreApplication.translate("Messages", "Minimum years"),
        "status": QCoreApplication.translate("Messages", "Status"), "closes_on": QCoreApplication.translate("Messages", "Closing date"), "username": QCoreApplication.translate("Messages", "User name"),
        "display_name": QCoreApplication.translate("Messages", "Display name"), "roles": QCoreApplication.translate("Messages", "Roles"), "password": QCoreApplication.translate("Messages", "Password"),
        "applications": QCoreApplication.translate("Messages", "Applications"), "edit_form": QCoreApplication.translate("Messages", "Personal fields"),
        "password_again": QCoreApplication.translate("Messages", "Password again"), "opened_on": QCoreApplication.translate("Messages", "Opening date"),
        "skills": QCoreApplication.translate("Messages", "Skills"), "description": QCoreApplication.translate("Messages", "Description"),
    }
    return labels.get(name, name)


def problem_text(code: str) -> str:
    texts = {
        "required": QCoreApplication.translate("Messages", "is required"),
        "too_long": QCoreApplication.translate("Messages", "is too long"),
        "range": QCoreApplication.translate("Messages", "is out of range"),
        "choice": QCoreApplication.translate("Messages", "is not one of the allowed choices"),
        "phone_chars": QCoreApplication.translate("Messages", "may only contain digits, spaces, dashes and a leading +86"),
        "phone_mobile": QCoreApplication.translate("Messages", "is not a valid mobile number (11 digits starting with 13–19)"),
        "phone_format": QCoreApplication.translate("Messages", "is not a valid phone number (mobile, or area code and number)"),
        "email_format": QCoreApplication.translate("Messages", "is not a valid e-mail address"),
        "id_length": QCoreApplication.translate("Messages", "must have 18 characters"),
        "id_chars": QCoreApplication.translate("Messages", "must be 17 digits followed by a digit or X"),
        "id_birth_date": QCoreApplication.translate("Messages", "contains an impossible date of birth"),
        "id_checksum": QCoreApplication.translate("Messages", "has a wrong check digit; please check the number again"),
        "code_format": QCoreApplication.translate("Messages", "may only contain letters, digits, - and _ (at most 32)"),
        "username_format": QCoreApplication.translate("Messages", "must not be empty or contain spaces"),
        "before_opening": QCoreApplication.translate("Messages", "is before the opening date"),
        "has_applications": QCoreApplication.translate("Messages", "exist; withdraw them before deleting the candidate"),
        "not_personal": QCoreApplication.translate("Messages", "is not a personal field"),
        "password_mismatch": QCoreApplication.translate("Messages", "does not match the first entry"),
    }
    return texts.get(code, code)


def validation_text(error: errors.ValidationFailed) -> str:
    separator = QCoreApplication.translate("Messages", "{0}: {1}")
    lines = [separator.format(field_label(f), problem_text(c)) for f, c in error.problems.items()]
    return "\n".join(lines)


def describe(error: BaseException) -> str:
    """A complete sentence for the user. Never includes personal data or key material."""
    p = getattr(error, "params", {})
    if isinstance(error, errors.ValidationFailed):
        return QCoreApplication.translate("Messages", "Please correct the following:") + "\n" + validation_text(error)
    if isinstance(error, errors.WrongPassphrase):
        return QCoreApplication.translate("Messages", "Wrong passphrase, or the file is damaged; restore from backup.")
    if isinstance(error, errors.KeyFileMissing):
        return QCoreApplication.translate("Messages", "The key file next to the database ({0}) is missing. Restore it from the backup "
                  "together with the database.").format(p.get("name", error.detail))
    if isinstance(error, errors.DatabaseMissing):
        return QCoreApplication.translate("Messages", "No database at this location. Create one with “interviewdesk init” or in the "
                  "first-run dialog.")
    if isinstance(error, errors.DatabaseExists):
        return QCoreApplication.translate("Messages", "A database already exists there; nothing was changed.")
    if isinstance(error, errors.NetworkShareRefused):
        return QCoreApplication.translate("Messages", "The database file is on a network share. SQLite files on network shares get "
                  "corrupted, so this is refused. For several HR officers, use server (LAN) mode: "
                  "interviewdesk --db-url postgresql://server/database …")
    if isinstance(error, errors.DatabaseUnreachable):
        return QCoreApplication.translate("Messages", "The database server did not answer. Check the address, the network and that the "
                  "server is running.")
    if isinstance(error, errors.NewerSchema):
        return QCoreApplication.translate("Messages", "This database was written by a newer version of InterviewDesk. Install that "
                  "version; nothing was changed.")
    if isinstance(error, errors.BackupInvalid):
        return QCoreApplication.translate("Messages", "The backup failed its checks ({0}); nothing was replaced.").format(p.get("reason", error.detail))
    if isinstance(error, errors.BackupExists):
        return QCoreApplication.translate("Messages", "A file of that name already exists; backups never overwrite. Choose "
                  "another name or folder.")
    if isinstance(error, errors.BackupFailed):
        return QCoreApplication.translate("Messages", "The backup could not be written (is the disk full or the folder "
                  "read-only?); nothing was left behind.")
    if isinstance(error, errors.ServerBackupUnsupported):
        return QCoreApplication.translate("Messages", "Server databases are backed up on the server with pg_dump.")
    if isinstance(error, errors.StaleWrite):
        return QCoreApplication.translate("Messages", "Someone else saved this record in the meantime. Your changes were not saved; "
                  "reload the record and make them again.")
    if isinstance(error, errors.DuplicateRecord):
        which = p.get("field")
        if which:
            return QCoreApplication.translate("Messages", "{0} is already in use.").format(field_label(str(which)))
        return QCoreApplication.translate("Messages", "This record already exists.")
    if isinstance(error, errors.NotFound):
        return QCoreApplication.translate("Messages", "The record no longer exists.")
    if isinstance(error, errors.PermissionDenied):
        return QCoreApplication.translate("Messages", "You do not have permission for this action.")
    if isinstance(error, errors.LoginFailed):
        if "remaining" in p:
            return QCoreApplication.translate("Messages", "Wrong user name or password. {0} attempt(s) left before the account is locked.").format(
                p["remaining"])
        return QCoreApplication.translate("Messages", "Wrong user name or password.")
    if isinstance(error, errors.AccountLocked):
        return QCoreApplication.translate("Messages", "Too many failed attempts: the account is locked. Try again later or ask the "
                  "administrator to unlock it.")
    if isinstance(error, errors.AccountDisabled):
        return QCoreApplication.translate("Messages", "This account is disabled. Ask the administrator.")
    if isinstance(error, errors.WeakPassword):
        if p.get("reason") == "variety":
            return QCoreApplication.translate("Messages", "Too weak: use at least two kinds of characters (letters, digits, symbols).")
        return QCoreApplication.translate("Messages", "Too short: use at least {0} characters.").format(p.get("minimum", 8))
    if isinstance(error, errors.UnknownSetting):
        return QCoreApplication.translate("Messages", "Unknown setting: {0}").format(p.get("key", error.detail))
    if isinstance(error, errors.InvalidSetting):
        reason = p.get("reason")
        key = p.get("key", "")
        if reason == "choice":
            return QCoreApplication.translate("Messages", "{0}: choose one of {1}.").format(key, p.get("choices", ""))
        if reason in ("minimum", "maximum"):
            return QCoreApplication.translate("Messages", "{0}: the value is out of range (limit {1}).").format(key, p.get("limit", ""))
        if reason == "needs_database":
            return QCoreApplication.translate("Messages", "{0} is stored in the database; open the database first.").format(key)
        if reason == "file":
            return QCoreApplication.translate("Messages", "The settings file could not be read: {0}").format(key)
        return QCoreApplication.translate("Messages", "{0}: the value has the wrong format.").format(key)
    if isinstance(error, errors.DeskError):
        return QCoreApplication.translate("Messages", "The operation failed ({0}).").format(error.code)
    return QCoreApplication.translate("Messages", "An unexpected error occurred. Your data is safe; details can be copied for the IT office.")
