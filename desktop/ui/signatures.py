"""How a signed decision shows (issue 13 §1): "签名有效 / 签名无效 / 未签名" in the decision's row,
coloured, with the signer, the key and the time in the tooltip. Used by the approvals page (change
requests and offers) and the offer section of the applications panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from desktop.core.signing import SignatureCheck

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

SIGNATURE_ROLE = Qt.ItemDataRole.UserRole + 41     # a signature cell's state code: valid / invalid / unsigned
COLOURS = {"valid": "#2e7d32", "invalid": "#c0392b", "unsigned": "#6b6b6b"}


def fingerprint(key_id: str) -> str:
    """A key id as people compare it aloud: groups of four ("3f9a 0c21 …")."""
    return " ".join(key_id[i:i + 4] for i in range(0, len(key_id), 4))


def state_text(check: SignatureCheck) -> str:
    if check.state == "valid":
        return QCoreApplication.translate("Signatures", "Signature valid")
    if check.state == "invalid":
        return QCoreApplication.translate("Signatures", "Signature invalid")
    return QCoreApplication.translate("Signatures", "Not signed")


def tooltip(ctx: "AppContext", check: SignatureCheck, signer: str, *, by_mail: bool = False) -> str:
    signed = (signer or "—", fingerprint(check.key_id), ctx.format_time(check.signed_at))
    if check.state == "valid":
        return QCoreApplication.translate(
            "Signatures", "Signed by {0} with key {1} on {2}. The decision is unchanged since.").format(*signed)
    if check.state == "invalid":
        return QCoreApplication.translate(
            "Signatures", "Signed by {0} with key {1} on {2}, but the decision as recorded no longer matches the "
                          "signature: it was changed after signing. Do not rely on it.").format(*signed)
    if by_mail:
        return QCoreApplication.translate(
            "Signatures", "Decided by a reply to the approval mail: such decisions carry no signature.")
    return QCoreApplication.translate(
        "Signatures", "No signature: decided before decisions were signed, or without the approver's signing key "
                      "(it is unlocked at sign-in).")


def show_in(table: QTableWidget, row: int, column: int, ctx: "AppContext", check: SignatureCheck, signer: str,
            *, by_mail: bool = False) -> None:
    """The signature cell of one decision's row."""
    item = QTableWidgetItem(state_text(check))
    item.setToolTip(tooltip(ctx, check, signer, by_mail=by_mail))
    item.setForeground(QBrush(QColor(COLOURS.get(check.state, COLOURS["unsigned"]))))
    item.setData(SIGNATURE_ROLE, check.state)
    table.setItem(row, column, item)
