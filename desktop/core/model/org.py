"""Departments, users and their roles."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.core.model.base import Base, StrEnum, Versioned, enum_column


class Role(StrEnum):
    ADMIN = "admin"                        # 系统管理员
    HR_OFFICER = "hr_officer"              # 人事专员
    INTERVIEWER = "interviewer"            # 面试官
    DEPT_LEADER = "dept_leader"            # 部门领导
    PERSONNEL_OFFICE = "personnel_office"  # 人事处
    DIRECTOR = "director"                  # 主管领导
    RECEPTION = "reception"                # 前台/后勤


class Department(Versioned, Base):
    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("departments.id"), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]

    parent: Mapped[Optional["Department"]] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Department"]] = relationship(back_populates="parent")


class User(Versioned, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[Optional[str]] = mapped_column(String(254))
    phone: Mapped[Optional[str]] = mapped_column(String(32))
    department_id: Mapped[Optional[int]] = mapped_column(ForeignKey("departments.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(255), info={"audit": "secret"})
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[Optional[datetime]]
    last_login_at: Mapped[Optional[datetime]]
    exchange_mailbox: Mapped[Optional[str]] = mapped_column(String(254))
    away_until: Mapped[Optional[datetime]]
    language: Mapped[Optional[str]] = mapped_column(String(8))   # the user's own UI language; None: the machine's
    created_at: Mapped[datetime]

    department: Mapped[Optional[Department]] = relationship()
    grants: Mapped[list["RoleGrant"]] = relationship(back_populates="user", cascade="all, delete-orphan")


class RoleGrant(Base):
    """A role held by a user, limited to one department (and its sub-departments) or institution-wide."""

    __tablename__ = "role_grants"
    __table_args__ = (UniqueConstraint("user_id", "role", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role))
    department_id: Mapped[Optional[int]] = mapped_column(ForeignKey("departments.id"))

    user: Mapped[User] = relationship(back_populates="grants")
