"""Local accounts: Argon2id password hashes, lockout after repeated failures, roles per department."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop.core import audit, settings, signing
from desktop.core.errors import (
    AccountDisabled, AccountLocked, DuplicateRecord, InvalidState, LoginFailed, NotFound, PermissionDenied,
    ValidationFailed, WeakPassword,
)
from desktop.core.model import Department, Role, RoleGrant, User
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor, Database
from desktop.core.validation import MAX_LENGTH, clean_name, email_problem, name_problem, normalise_phone, phone_problem

_hasher = PasswordHasher()  # Argon2id with the library's current recommended parameters
_dummy_hash: str | None = None


def _timing_equaliser() -> str:
    """A hash to verify against for unknown user names, so they take as long as wrong passwords.
    Computed on first use, not at import."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("timing equaliser for unknown user names")
    return _dummy_hash


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    department: str
    roles: tuple[tuple[str, str], ...]  # (role, department name or "")
    is_active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    version: int
    key_id: str = ""                        # the active signing key ("": none yet, made at the next login)
    key_created_at: datetime | None = None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str, minimum: int = 8) -> None:
    kinds = sum(bool(any(test(c) for c in password))
                for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))
    if len(password) < minimum:
        raise WeakPassword("too short", minimum=minimum, reason="length")
    if kinds < 2:
        raise WeakPassword("needs two kinds of characters", minimum=minimum, reason="variety")


def _actor_for(user: User) -> Actor:
    return Actor(user_id=user.id, username=user.username, display_name=user.display_name,
                 department_id=user.department_id,
                 grants=tuple(sorted(((g.role.value, g.department_id) for g in user.grants),
                                     key=lambda g: (g[0], g[1] or 0))))


def has_users(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(User)))


def _check_new_user(session: Session, username: str, display_name: str, password: str) -> None:
    problems = {}
    if (not username.strip() or len(username) > MAX_LENGTH["username"] or any(c.isspace() for c in username)
            or name_problem(username, MAX_LENGTH["username"])):
        problems["username"] = "username_format"
    problem = name_problem(display_name, MAX_LENGTH["display_name"])
    if problem:
        problems["display_name"] = problem
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise DuplicateRecord("username taken", field="username")
    check_password_strength(password, settings.institution_value(session, "security.min_password_length"))


def add_user(session: Session, actor: Actor, *, username: str, display_name: str, password: str,
             roles: list[tuple[Role, int | None]], department_id: int | None = None,
             email: str | None = None, phone: str | None = None) -> UserInfo:
    require(session, actor, Action.USERS_MANAGE)
    username = username.strip()
    _check_new_user(session, username, display_name, password)
    contact = {key: problem for key, problem in (("email", email_problem(email or "")),
                                                 ("phone", phone_problem(phone or ""))) if problem}
    if contact:
        raise ValidationFailed(contact)
    if not roles:
        raise ValidationFailed({"roles": "required"})
    user = User(username=username, display_name=clean_name(display_name), password_hash=hash_password(password),
                department_id=department_id, email=(email or "").strip() or None,
                phone=normalise_phone(phone or "") or None, created_at=session.info["clock"].now(),
                must_change_password=not actor.system and actor.user_id is not None)
    user.grants = [RoleGrant(role=Role(role), department_id=dept) for role, dept in roles]
    session.add(user)
    session.flush()
    # No signing key yet: it is made at the first sign-in, wrapped under the user's own password
    # (after a temporary password, at the password change), so it costs no Argon2 run here.
    return user_info(session, user.id)


def create_first_admin(session: Session, *, username: str, display_name: str, password: str) -> UserInfo:
    """Only on a database without users: the first account, an institution-wide admin who is also an
    HR officer, so that a small office can start working at once."""
    if has_users(session):
        raise PermissionDenied("users exist", action="first_admin")
    return add_user(session, Actor.command_line(), username=username, display_name=display_name,
                    password=password, roles=[(Role.ADMIN, None), (Role.HR_OFFICER, None)])


def user_info(session: Session, user_id: int) -> UserInfo:
    user = session.scalar(select(User).options(selectinload(User.grants)).where(User.id == user_id))
    if user is None:
        raise NotFound("user", entity="user")
    names = dict(session.execute(select(Department.id, Department.name)).all())
    key = signing.active_key(session, user.id)
    return UserInfo(
        id=user.id, username=user.username, display_name=user.display_name,
        department=names.get(user.department_id, "") if user.department_id else "",
        roles=tuple((g.role.value, names.get(g.department_id, "") if g.department_id else "") for g in user.grants),
        is_active=user.is_active, locked_until=user.locked_until, last_login_at=user.last_login_at,
        version=user.version, key_id=key.key_id if key else "", key_created_at=key.created_at if key else None)


def list_users(session: Session, actor: Actor) -> list[UserInfo]:
    require(session, actor, Action.USERS_MANAGE)
    ids = session.scalars(select(User.id).order_by(User.username)).all()
    return [user_info(session, i) for i in ids]


def _user_by_name(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    if user is None:
        raise NotFound("user", entity="user")
    return user


def set_active(session: Session, actor: Actor, username: str, active: bool) -> UserInfo:
    require(session, actor, Action.USERS_MANAGE)
    user = _user_by_name(session, username)
    if not active and actor.user_id == user.id:
        raise PermissionDenied("cannot disable yourself", action="disable_self")
    user.is_active = active
    if active:
        user.failed_logins, user.locked_until = 0, None
    session.flush()
    return user_info(session, user.id)


def reset_password(session: Session, actor: Actor, username: str, new_password: str) -> UserInfo:
    """An admin sets a temporary password; the user must choose a new one at the next login. The
    signing key wrapped under the old password is retired (it still verifies what it signed): the
    user gets a new key under the password they choose."""
    require(session, actor, Action.USERS_MANAGE)
    user = _user_by_name(session, username)
    check_password_strength(new_password, settings.institution_value(session, "security.min_password_length"))
    user.password_hash = hash_password(new_password)
    user.failed_logins, user.locked_until = 0, None
    user.must_change_password = True
    signing.retire(session, user.id, session.info["clock"].now(), "reset")
    session.flush()
    return user_info(session, user.id)


def issue_new_key(session: Session, actor: Actor, username: str) -> UserInfo:
    """An administrator retires a user's signing key (lost trust in it, a departure of duties): it
    still verifies what it signed, signs nothing more, and the user gets a new key at the next login."""
    require(session, actor, Action.USERS_MANAGE)
    user = _user_by_name(session, username)
    retiring = signing.active_key(session, user.id)
    if retiring is None:
        raise InvalidState("no signing key", status="no_signing_key")
    signing.retire(session, user.id, session.info["clock"].now(), "reissued")
    audit.record(session, "key_reissued", "User", user.id, key_id=retiring.key_id)
    return user_info(session, user.id)


def change_own_password(session: Session, actor: Actor, old_password: str, new_password: str) -> None:
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("user", entity="user")
    try:
        _hasher.verify(user.password_hash, old_password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise LoginFailed("old password wrong") from None
    check_password_strength(new_password, settings.institution_value(session, "security.min_password_length"))
    user.password_hash = hash_password(new_password)
    user.must_change_password = False
    # The same signing key under the new password (a new one after an administrator's reset).
    key = signing.rewrap(session, user.id, old_password, new_password, session.info["clock"].now())
    session.flush()
    signing.KEYRING.put(user.id, key)


@dataclass(frozen=True)
class LoginResult:
    actor: Actor
    must_change_password: bool
    language: str | None = None      # the user's own interface language; None: the machine's


LANGUAGES = ("zh_CN", "en")


def set_own_language(session: Session, actor: Actor, language: str | None) -> None:
    """Each user's interface language, applied at their login (None: follow this desktop's setting)."""
    if language is not None and language not in LANGUAGES:
        raise ValidationFailed({"language": "choice"})
    user = session.get(User, actor.user_id)
    if user is None:
        raise NotFound("user", entity="user")
    user.language = language
    session.flush()


def login(db: Database, username: str, password: str) -> LoginResult:
    """Check a password. Failures are counted (and committed) even though the login is refused;
    after `security.max_failed_logins` the account locks for `security.lockout_minutes`."""
    failure: Exception | None = None
    result: LoginResult | None = None
    key: signing.UnlockedKey | signing.PendingKey | None = None
    with db.session(write=True) as session:
        now: datetime = session.info["clock"].now()
        user = session.scalar(select(User).options(selectinload(User.grants))
                              .where(func.lower(User.username) == username.strip().lower()))
        if user is None:
            try:
                _hasher.verify(_timing_equaliser(), password)
            except VerificationError:
                pass
            failure = LoginFailed("unknown user or wrong password")
        elif not user.is_active:
            # Only someone who knows the password learns that the account exists but is disabled.
            try:
                _hasher.verify(user.password_hash, password)
                failure = AccountDisabled("account disabled")
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                failure = LoginFailed("unknown user or wrong password")
        elif user.locked_until is not None and user.locked_until > now:
            failure = AccountLocked("locked", until=user.locked_until)
        else:
            try:
                _hasher.verify(user.password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                limit = settings.institution_value(session, "security.max_failed_logins")
                minutes = settings.institution_value(session, "security.lockout_minutes")
                user.failed_logins = (0 if user.locked_until else user.failed_logins) + 1
                user.locked_until = None
                if user.failed_logins >= limit:
                    user.locked_until = now + timedelta(minutes=minutes)
                    user.failed_logins = 0
                    audit.record(session, "lockout", "User", user.id, minutes=minutes)
                    failure = AccountLocked("locked", until=user.locked_until)
                else:
                    failure = LoginFailed("unknown user or wrong password", remaining=limit - user.failed_logins)
            else:
                if _hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = hash_password(password)
                user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
                session.info["actor"] = _actor_for(user)
                audit.record(session, "login", "User", user.id)
                if not user.must_change_password:   # a temporary password wraps no key (change_own_password)
                    key = signing.unlock(session, user.id, password, now)
                result = LoginResult(_actor_for(user), user.must_change_password, user.language)
    if failure is not None:
        raise failure
    assert result is not None
    if key is not None:       # committed: decisions from now on are signed with it (unwrapped when first needed)
        signing.KEYRING.put(result.actor.user_id, key)
    return result


def sign_out(user_id: int | None) -> None:
    """The user's unlocked signing key leaves this process (sign-out, switching user)."""
    if user_id is not None:
        signing.KEYRING.forget(user_id)


def actor_for_user(session: Session, user_id: int) -> Actor:
    user = session.scalar(select(User).options(selectinload(User.grants)).where(User.id == user_id))
    if user is None:
        raise NotFound("user", entity="user")
    return _actor_for(user)

