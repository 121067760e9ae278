"""设置 Settings: language and own password for everyone; institution settings and users for
administrators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.core.permissions import Action
from desktop.core import accounts
from desktop.core import labels
from desktop.ui import i18n
from desktop.ui.errors import show_error
from desktop.ui.password import ChangePasswordDialog
from desktop.ui.settings.after import AfterInterviewSettings
from desktop.ui.settings.anchors import AnchorSettings
from desktop.ui.settings.backups import BackupSettings
from desktop.ui.settings.chains import ChainsPanel
from desktop.ui.settings.contract_template import ContractTemplateSettings
from desktop.ui.settings.contracts import ContractSettings
from desktop.ui.settings.exchange import ExchangeSettings
from desktop.ui.settings.gateways import GatewaySettings
from desktop.ui.settings.holidays import HolidaysPanel
from desktop.ui.settings.dossiers import DossierSettings
from desktop.ui.settings.institution import InstitutionSettings
from desktop.ui.settings.mail import MailSettings
from desktop.ui.settings.offer_templates import OfferTemplateSettings
from desktop.ui.settings.retention import RetentionSettings
from desktop.ui.settings.room import RoomSettings
from desktop.ui.settings.scorecard_settings import ScorecardSettings
from desktop.ui.settings.matching import MatchSettings
from desktop.ui.settings.questions import QuestionSettings
from desktop.ui.settings.routing import ChannelRouting
from desktop.ui.settings.templates import TemplatesPanel
from desktop.ui.settings.unlock import OsUnlockSettings
from desktop.ui.settings.users import UsersPanel
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}   # each language in its own words


class GeneralSettings(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: ChangePasswordDialog | None = None
        self.language = QComboBox()
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(self.language.findData(i18n.normalise(ctx.language)), 0))
        self.language.currentIndexChanged.connect(self.save_language)
        self.language_note = hint_label(self.tr("Your own language: other users of this computer keep theirs."))
        self.language_note.setWordWrap(False)   # one short line; wrapped, the form squeezed it into three

        actor = ctx.actor
        roles = labels.joined(dict.fromkeys(labels.role(role) for role, _dept in actor.grants)) or "—"
        self.password_button = QPushButton(self.tr("Change my password…"))
        self.password_button.clicked.connect(self.change_password)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Signed in as"), QLabel(f"{actor.display_name} ({actor.username})"))
        form.addRow(self.tr("Roles"), QLabel(roles))
        form.addRow(self.tr("Database"), QLabel(ctx.database_label()))
        form.addRow("", self.password_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addLayout(form)
        layout.addStretch(1)

    def save_language(self, _index: int = -1) -> None:
        """The signed-in user's own language (other users of this desktop keep theirs); the window
        is rebuilt in it at once (desktop/ui/signin.Desk listens for "language")."""
        code, actor = self.language.currentData(), self.ctx.actor
        if code == i18n.normalise(self.ctx.language):
            return
        self.language.setEnabled(False)
        self.ctx.write(lambda session: accounts.set_own_language(session, actor, code),
                       lambda _none: self._language_saved(code), self._language_refused, entity="language",
                       owner=self)

    def _language_saved(self, code: str) -> None:
        self.ctx.language = code
        self.language.setEnabled(True)

    def _language_refused(self, error: BaseException) -> None:
        self.language.setEnabled(True)
        show_error(error, self)

    def change_password(self) -> None:
        self.dialog = ChangePasswordDialog(self.ctx.tasks, self.ctx.db, self.ctx.actor, parent=self)
        self.dialog.open()


class SettingsPage(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.general = GeneralSettings(ctx)
        self.tabs.addTab(self.general, self.tr("General"))
        self.institution: InstitutionSettings | None = None
        self.users: UsersPanel | None = None
        self.chains: ChainsPanel | None = None
        self.mail: MailSettings | None = None
        self.holidays: HolidaysPanel | None = None
        self.gateways: GatewaySettings | None = None
        self.exchange: ExchangeSettings | None = None
        self.templates: TemplatesPanel | None = None
        self.routing: ChannelRouting | None = None
        self.anchors: AnchorSettings | None = None
        self.backups: BackupSettings | None = None
        self.room: RoomSettings | None = None
        self.matching: MatchSettings | None = None
        self.after: AfterInterviewSettings | None = None
        self.questions: QuestionSettings | None = None
        self.contracts: ContractSettings | None = None
        self.contract_template: ContractTemplateSettings | None = None
        self.offer_templates: OfferTemplateSettings | None = None
        self.scorecards: ScorecardSettings | None = None
        self.dossiers: DossierSettings | None = None
        if ctx.may(Action.SETTINGS_MANAGE):
            self.institution = InstitutionSettings(ctx)
            self.tabs.addTab(self.institution, self.tr("Institution"))
            self.mail = MailSettings(ctx)
            self.tabs.addTab(self.mail, self.tr("Mail"))
        if ctx.may(Action.USERS_MANAGE):
            self.users = UsersPanel(ctx)
            self.tabs.addTab(self.users, self.tr("Users"))
        if ctx.may(Action.SETTINGS_MANAGE):
            self.chains = ChainsPanel(ctx)
            self.tabs.addTab(self.chains, self.tr("Approval chains"))
            self.holidays = HolidaysPanel(ctx)
            self.tabs.addTab(self.holidays, self.tr("Holidays"))
            self.gateways = GatewaySettings(ctx)
            self.tabs.addTab(self.gateways, self.tr("SMS and OA"))
            self.exchange = ExchangeSettings(ctx)
            self.tabs.addTab(self.exchange, self.tr("Exchange"))
            self.templates = TemplatesPanel(ctx)
            self.tabs.addTab(self.templates, self.tr("Message templates"))
            self.routing = ChannelRouting(ctx)
            self.tabs.addTab(self.routing, self.tr("Channels"))
            self.room = RoomSettings(ctx)
            self.tabs.addTab(self.room, self.tr("Interview room"))
            self.matching = MatchSettings(ctx)
            self.tabs.addTab(self.matching, self.tr("Match report"))
            self.after = AfterInterviewSettings(ctx)
            self.tabs.addTab(self.after, self.tr("After the interview"))
            self.questions = QuestionSettings(ctx)
            self.tabs.addTab(self.questions, self.tr("Candidate questions"))
            self.scorecards = ScorecardSettings(ctx)
            self.tabs.addTab(self.scorecards, self.tr("Scorecards"))
            self.contracts = ContractSettings(ctx)
            self.tabs.addTab(self.contracts, self.tr("Labour contracts"))
            self.contract_template = ContractTemplateSettings(ctx)
            self.tabs.addTab(self.contract_template, self.tr("Contract template"))
            self.offer_templates = OfferTemplateSettings(ctx)
            self.tabs.addTab(self.offer_templates, self.tr("Offer templates"))
            self.anchors = AnchorSettings(ctx)
            self.tabs.addTab(self.anchors, self.tr("Audit anchors"))
            self.retention = RetentionSettings(ctx)
            self.tabs.addTab(self.retention, self.tr("Retention"))
            self.dossiers = DossierSettings(ctx)
            self.tabs.addTab(self.dossiers, self.tr("Dossiers"))
            self.backups = BackupSettings(ctx)
            self.tabs.addTab(self.backups, self.tr("Backups"))
        self.unlock: OsUnlockSettings | None = None
        if ctx.may(Action.SETTINGS_MANAGE) and ctx.db.is_embedded:
            self.unlock = OsUnlockSettings(ctx)
            self.tabs.addTab(self.unlock, self.tr("Sign-in"))
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Settings")))
        layout.addWidget(self.tabs, 1)

    def show_tab(self, name: str) -> None:
        """Bring one tab forward (another page links to it); a tab this user does not have is ignored."""
        widget = getattr(self, name, None)
        if isinstance(widget, QWidget) and self.tabs.indexOf(widget) >= 0:
            self.tabs.setCurrentWidget(widget)
