"""Reading and changing settings of both scopes, as the Settings page and `interviewdesk config` do.

An import validates every entry before writing any: one bad value and nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.errors import InvalidSetting
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor


@dataclass(frozen=True)
class SettingValue:
    key: str
    scope: str
    value: Any
    shown: str
    is_default: bool


def list_values(session: Session | None, machine_file: Path) -> list[SettingValue]:
    machine = settings.read_machine(machine_file)
    institution = settings.institution_values(session) if session is not None else {}
    result = []
    for key, spec in sorted(settings.REGISTRY.items()):
        if spec.scope == "machine":
            value, is_default = machine.get(key, spec.default), key not in machine
        elif session is None:
            continue
        else:
            value = institution[key]
            is_default = value == spec.default
        result.append(SettingValue(key, spec.scope, value, spec.shown(value), is_default))
    return result


def get_value(session: Session | None, machine_file: Path, key: str) -> Any:
    spec = settings.spec_of(key)
    if spec.scope == "machine":
        return settings.machine_value(machine_file, key)
    if session is None:
        raise InvalidSetting("needs the database", key=key, reason="needs_database")
    return settings.institution_value(session, key)


def set_values(session: Session | None, actor: Actor, machine_file: Path, values: dict[str, Any]) -> list[str]:
    """Check every value, then write them all; returns the keys that were written."""
    parsed = {key: settings.spec_of(key).parse(value) for key, value in values.items()}
    institution = {k: v for k, v in parsed.items() if settings.REGISTRY[k].scope == "institution"}
    machine = {k: v for k, v in parsed.items() if settings.REGISTRY[k].scope == "machine"}
    if institution:
        if session is None:
            raise InvalidSetting("needs the database", key=next(iter(institution)), reason="needs_database")
        require(session, actor, Action.SETTINGS_MANAGE)
        for key, value in institution.items():
            settings.store_institution(session, key, value, actor.username)
    if machine:
        def write_machine_file(*_args: Any) -> None:
            current = settings.read_machine(machine_file)
            current.update(machine)
            settings.write_machine(machine_file, current)

        if institution and session is not None:
            # Both or neither: the local file is written only once the database has committed.
            event.listen(session, "after_commit", write_machine_file, once=True)
        else:
            write_machine_file()
    return sorted(parsed)


def export_values(session: Session | None, machine_file: Path) -> dict[str, dict[str, Any]]:
    """Both scopes, for preconfiguring other desktops: {"machine": {...}, "institution": {...}}.
    Secrets (passwords, signing keys, a server address with its password) stay out: the file is
    carried around and kept, and they are set again where they are needed."""
    exported: dict[str, dict[str, Any]] = {"machine": {}, "institution": {}}
    for item in list_values(session, machine_file):
        if item.key == "database.url":
            # every desktop of a server-mode office needs the address; the password stays behind
            exported[item.scope][item.key] = _without_password(item.value)
        elif not settings.REGISTRY[item.key].secret:
            exported[item.scope][item.key] = item.value
    return exported


def _without_password(url: str) -> str:
    if not url:
        return url
    parts = make_url(url)
    return URL.create(parts.drivername, parts.username, None, parts.host, parts.port, parts.database,
                      parts.query).render_as_string(hide_password=False)


def secret_keys() -> list[str]:
    """The settings an export leaves out (database.url goes without its password)."""
    return sorted(key for key, spec in settings.REGISTRY.items() if spec.secret and key != "database.url")


def flatten_import(data: dict[str, Any]) -> dict[str, Any]:
    """Accept the exported shape ({"machine": {...}, "institution": {...}}) or flat keys."""
    if not isinstance(data, dict):
        raise InvalidSetting("not an object", key="", reason="file")
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("machine", "institution") and isinstance(value, dict):
            for inner, inner_value in value.items():
                spec = settings.spec_of(inner)
                if spec.scope != key:
                    raise InvalidSetting(f"{inner} is a {spec.scope} setting", key=inner, reason="scope")
                flat[inner] = inner_value
        else:
            flat[key] = value
    return flat
