"""`users add | list | disable | enable | reset-password | new-key`: local accounts, through core.accounts."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.cli.context import USER_PASSWORD_ENV, Cli, Failure, UsageError
from desktop.core import accounts, settings
from desktop.core.accounts import UserInfo
from desktop.core.model import Department, Role
from desktop.core import labels


def _department(session: Session, code: str) -> int:
    found = session.scalar(select(Department.id).where(Department.code == code.strip().upper()))
    if found is None:
        raise Failure(QCoreApplication.translate("Cli", "Unknown department code: {0}").format(code))
    return found


def _role(text: str) -> Role:
    try:
        return Role(text.strip())
    except ValueError:
        raise UsageError(QCoreApplication.translate("Cli", "Unknown role “{0}”. Roles: {1}").format(
            text, ", ".join(r.value for r in Role))) from None


def _grants(session: Session, specs: list[str]) -> list[tuple[Role, int | None]]:
    """ROLE or ROLE@DEPTCODE, as given to --role."""
    return [(_role(role), _department(session, dept) if dept else None)
            for role, _, dept in (spec.partition("@") for spec in specs)]


def _password(cli: Cli, username: str) -> str:
    return cli.secret(env=USER_PASSWORD_ENV, file=None, confirm=True,
                      prompt=QCoreApplication.translate("Cli", "Password for {0}: ").format(username))


def _roles_text(info: UserInfo) -> str:
    parts = [QCoreApplication.translate("Cli", "{0} ({1})").format(labels.role(role), dept) if dept
             else labels.role(role) for role, dept in info.roles]
    return QCoreApplication.translate("Cli", ", ").join(parts)


def add(cli: Cli) -> int:
    args = cli.args
    for spec in args.role:  # a wrong role is a usage error, found before asking for a password
        _role(spec.partition("@")[0])
    password = _password(cli, args.username)
    with cli.database() as db, db.session(cli.actor, write=True) as session:
        info = accounts.add_user(session, cli.actor, username=args.username, display_name=args.name,
                                 password=password, roles=_grants(session, args.role),
                                 department_id=_department(session, args.department) if args.department else None,
                                 email=args.email or None)
    cli.say(QCoreApplication.translate("Cli", "User {0} ({1}) added: {2}").format(
        info.username, info.display_name, _roles_text(info)))
    return 0


def list_(cli: Cli) -> int:
    with cli.database() as db, db.session(cli.actor) as session:
        users = accounts.list_users(session, cli.actor)
        zone = ZoneInfo(settings.institution_value(session, "office.timezone"))
    now = cli.clock.now()
    rows = []
    for u in users:
        if not u.is_active:
            state = QCoreApplication.translate("Cli", "disabled")
        elif u.locked_until and u.locked_until > now:
            state = QCoreApplication.translate("Cli", "locked until {0}").format(
                u.locked_until.astimezone(zone).strftime("%Y-%m-%d %H:%M"))
        else:
            state = QCoreApplication.translate("Cli", "active")
        last = u.last_login_at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if u.last_login_at else "-"
        rows.append((u.username, u.display_name, u.department or "-", _roles_text(u), state, last))
    cli.table((QCoreApplication.translate("Cli", "User name"), QCoreApplication.translate("Cli", "Name"),
               QCoreApplication.translate("Cli", "Department"), QCoreApplication.translate("Cli", "Roles"),
               QCoreApplication.translate("Cli", "State"), QCoreApplication.translate("Cli", "Last sign-in")), rows)
    cli.say(QCoreApplication.translate("Cli", "{0} users").format(len(users)))
    return 0


def _set_active(cli: Cli, active: bool) -> UserInfo:
    with cli.database() as db, db.session(cli.actor, write=True) as session:
        return accounts.set_active(session, cli.actor, cli.args.username, active)


def disable(cli: Cli) -> int:
    info = _set_active(cli, False)
    cli.say(QCoreApplication.translate("Cli", "User {0} disabled: they can no longer sign in.").format(info.username))
    return 0


def enable(cli: Cli) -> int:
    info = _set_active(cli, True)
    cli.say(QCoreApplication.translate("Cli", "User {0} enabled (and unlocked).").format(info.username))
    return 0


def reset_password(cli: Cli) -> int:
    password = _password(cli, cli.args.username)
    with cli.database() as db, db.session(cli.actor, write=True) as session:
        info = accounts.reset_password(session, cli.actor, cli.args.username, password)
    cli.say(QCoreApplication.translate(
        "Cli", "Password of {0} reset. They must choose a new one at their next sign-in.").format(info.username))
    return 0


def new_key(cli: Cli) -> int:
    with cli.database() as db, db.session(cli.actor, write=True) as session:
        info = accounts.issue_new_key(session, cli.actor, cli.args.username)
    cli.say(QCoreApplication.translate(
        "Cli", "The signing key of {0} is retired: it still verifies what it signed. They get a new key at "
               "their next sign-in.").format(info.username))
    return 0
