"""User management for administrators: list, add with roles and a department scope, disable and
enable, reset a password (the user chooses a new one at the next login)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QGridLayout, QHBoxLayout, QHeaderView, QLineEdit, QMessageBox, QPushButton,
    QTableView, QVBoxLayout, QWidget,
)

from desktop.core import accounts
from desktop.core.accounts import UserInfo
from desktop.core.errors import ValidationFailed
from desktop.core.model import Role
from desktop.core import labels
from desktop.ui import signatures
from desktop.ui.errors import show_error
from desktop.ui.forms import DepartmentPicker, EditDialog
from desktop.ui.login import secret_field
from desktop.ui.list_model import ListTableModel
from desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext



class UserTableModel(ListTableModel):
    COL_USERNAME, COL_NAME, COL_DEPARTMENT, COL_ROLES, COL_STATE, COL_LAST_LOGIN, COL_KEY, COL_KEY_CREATED = range(8)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def headers(self) -> list[str]:
        return [self.tr("User name"), self.tr("Name"), self.tr("Department"), self.tr("Roles"), self.tr("State"),
                self.tr("Last login"), self.tr("Signing key"), self.tr("Key created")]

    def display(self, row: UserInfo, column: int) -> str:
        if column == self.COL_ROLES:
            return labels.joined(labels.role(r) + (f" ({d})" if d else "") for r, d in row.roles)
        if column == self.COL_STATE:
            if not row.is_active:
                return self.tr("Disabled")
            if row.locked_until is not None and row.locked_until > self.ctx.clock.now():
                return self.tr("Locked until {0}").format(self.ctx.format_time(row.locked_until))
            return self.tr("Active")
        if column == self.COL_KEY:
            # the first half of the key id identifies it; the tooltip has all of it
            return signatures.fingerprint(row.key_id[:16]) + " …" if row.key_id else self.tr("at next sign-in")
        return {self.COL_USERNAME: row.username, self.COL_NAME: row.display_name,
                self.COL_DEPARTMENT: row.department,
                self.COL_LAST_LOGIN: self.ctx.format_time(row.last_login_at),
                self.COL_KEY_CREATED: self.ctx.format_time(row.key_created_at)}.get(column, "")

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_KEY:
            row = self.rows[index.row()]
            return (self.tr("Key id {0}").format(signatures.fingerprint(row.key_id)) if row.key_id else
                    self.tr("No signing key yet: it is made when the user signs in with their own password."))
        return super().data(index, role)


class AddUserDialog(EditDialog):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Add user"))
        self.setMinimumWidth(480)
        add = self.form.add
        self.username = add("username", self.tr("User name *"), QLineEdit())
        self.display_name = add("display_name", self.tr("Name *"), QLineEdit())
        self.password = add("password", self.tr("Temporary password *"), secret_field())
        self.again = add("password_again", self.tr("Password again *"), secret_field())
        self.department = add("department_id", self.tr("Department"), DepartmentPicker(ctx, optional=True))
        roles_box = QWidget()
        grid = QGridLayout(roles_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.roles: dict[str, QCheckBox] = {}
        for n, code in enumerate(labels.ROLES):
            self.roles[code] = QCheckBox(labels.role(code))
            grid.addWidget(self.roles[code], n // 3, n % 3)
        add("roles", self.tr("Roles *"), roles_box)
        self.scope = add("scope", self.tr("Roles apply to"),
                         DepartmentPicker(ctx, optional=True, none_text=self.tr("The whole institution")))
        self.assemble(hint_label(self.tr("The user chooses a new password at the first login.")))

    def work(self):
        if self.password.text() != self.again.text():
            raise ValidationFailed({"password_again": "password_mismatch"})
        actor = self.ctx.actor
        scope = self.scope.department_id()
        roles = [(Role(code), scope) for code, box in self.roles.items() if box.isChecked()]
        fields: dict[str, Any] = dict(username=self.username.text(), display_name=self.display_name.text(),
                                      password=self.password.text(), roles=roles,
                                      department_id=self.department.department_id())
        return (lambda session: accounts.add_user(session, actor, **fields)), "user", (lambda info: (info.id,))


class ResetPasswordDialog(EditDialog):
    def __init__(self, ctx: "AppContext", username: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.username = username
        self.setWindowTitle(self.tr("Reset password of {0}").format(username))
        self.password = self.form.add("password", self.tr("Temporary password"), secret_field())
        self.again = self.form.add("password_again", self.tr("Password again"), secret_field())
        self.assemble(hint_label(self.tr("The user chooses a new password at the next login.")))

    def work(self):
        if self.password.text() != self.again.text():
            raise ValidationFailed({"password_again": "password_mismatch"})
        actor, username, password = self.ctx.actor, self.username, self.password.text()
        return (lambda session: accounts.reset_password(session, actor, username, password)), "user", \
            (lambda info: (info.id,))


class UsersPanel(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: EditDialog | None = None
        self.confirmation: QMessageBox | None = None
        self.model = UserTableModel(ctx, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UserTableModel.COL_ROLES, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton(self.tr("Add user…"))
        self.toggle_button = QPushButton(self.tr("Disable"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.key_button = QPushButton(self.tr("Issue new signing key…"))
        self.key_button.setToolTip(self.tr("Retire the user's signing key: it still verifies what it signed, "
                                           "signs nothing more, and the user gets a new key at the next sign-in."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.toggle_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.key_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_user)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.key_button.clicked.connect(self.issue_new_key)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        ctx.sig_changed.connect(self._changed)
        self._update_buttons()
        self.load()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity == "user":
            self.load()

    def load(self) -> None:
        actor = self.ctx.actor
        self.ctx.read(lambda session: accounts.list_users(session, actor), self._arrived,
                      lambda error: show_error(error, self), owner=self)

    def _arrived(self, users: list[UserInfo]) -> None:
        selected = self.selected()
        self.model.set_rows(users)
        if selected is not None:
            for row, user in enumerate(users):
                if user.username == selected.username:
                    self.table.selectRow(row)
        self._update_buttons()

    def _selection_changed(self, *_args: object) -> None:
        self._update_buttons()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        user = self.selected()
        self.toggle_button.setEnabled(user is not None and user.id != self.ctx.actor.user_id)
        self.reset_button.setEnabled(user is not None)
        self.key_button.setEnabled(user is not None and bool(user.key_id))
        self.toggle_button.setText(self.tr("Enable") if user is not None and not user.is_active
                                   else self.tr("Disable"))

    def add_user(self) -> None:
        self.dialog = AddUserDialog(self.ctx, self)
        self.dialog.open()

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None:
            self.dialog = ResetPasswordDialog(self.ctx, user.username, self)
            dialog = self.dialog
            dialog.sig_saved.connect(lambda info: self._password_reset(info, dialog.password.text()))
            dialog.open()

    def _password_reset(self, info: UserInfo, temporary: str) -> None:
        """Say that it worked, and show the temporary password once more to pass on to the user."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Password reset"), self.tr(
            "The password of {0} ({1}) was reset. Give them this temporary password; at their next sign-in "
            "they must choose their own:").format(info.display_name, info.username), parent=self)
        box.setInformativeText(temporary)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirmation = box
        box.open()

    def issue_new_key(self) -> None:
        """Asked first: the old key is retired for good (nobody can read it to carry it over)."""
        user = self.selected()
        if user is None or not user.key_id:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Issue new signing key"), self.tr(
            "Retire the signing key of {0} ({1}), key id {2}? What it signed stays verifiable; it signs nothing "
            "more. {0} gets a new key at the next sign-in; until then their decisions are not signed.").format(
            user.display_name, user.username, signatures.fingerprint(user.key_id)), parent=self)
        self.retire_key = box.addButton(self.tr("Retire and issue new key"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _code: self._key_answered(box, user))
        self.confirmation = box
        box.open()

    def _key_answered(self, box: QMessageBox, user: UserInfo) -> None:
        self.confirmation = None
        if box.clickedButton() is not self.retire_key:
            return
        actor = self.ctx.actor
        self.ctx.write(lambda session: accounts.issue_new_key(session, actor, user.username), None,
                       lambda error: show_error(error, self), entity="user", ids=lambda info: (info.id,), owner=self)

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        actor = self.ctx.actor
        self.ctx.write(lambda session: accounts.set_active(session, actor, user.username, not user.is_active),
                       None, lambda error: show_error(error, self), entity="user", ids=lambda info: (info.id,),
                       owner=self)
