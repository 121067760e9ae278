"""Every table of InterviewDesk, importable from one place."""

from sqlalchemy.orm import configure_mappers

from desktop.core.model.archive import (
    ArchiveExport, ArchiveRecord, BackupRun, PurgeDecision, PurgeRequest, PurgeTombstone, RetentionPolicy, Signature, UserKey,
)
from desktop.core.model.base import Base
from desktop.core.model.delivery import (
    CalendarItem, CalendarSyncState, InboundMessage, MessageTemplate, OutboxEntry, OutboxState,
)
from desktop.core.model.evaluation import (
    CandidateQuestion, DecisionOutcome, QuestionStatus, QuestionTopic, Recommendation, RoundDecision, Score,
    Scorecard, ScorecardCriterion, ScorecardStatus, ScorecardTemplate, SurveyResponse,
)
from desktop.core.model.offers import Contract, ContractDocument, ContractTemplateRow, Offer, OfferStatus, OfferTemplate
from desktop.core.model.org import Department, Role, RoleGrant, User
from desktop.core.model.recruiting import (
    CLOSED_STAGES, Application, ApplicationEvent, ApplicationStage, Candidate, Education, Gender, PersonalDataRequest,
    Position, PositionRequirement,
    PositionStatus, RequirementKind, Round, RoundKind, TalentPoolEntry, TalentTag, candidate_tags,
)
from desktop.core.model.scheduling import (
    Alert, ApprovalChain, ApprovalMailCode, ApprovalStep, BusyBlock, ChangeKind, ChecklistTick, ChangeRequest, ChangeStatus, Channel, Confirmation,
    Decision, Delegation, FollowUpTask, Holiday, Interview, InterviewMode, InterviewNote, InterviewParticipant,
    InterviewStatus, Notice, ParticipantRole, Party, ResponseState, Room, StepKind, TimelineEvent, Verdict,
)
from desktop.core.model.system import AuditAnchor, AuditEntry, AuditHead, Setting, audit_keys

__all__ = [
    "Alert", "Application", "ApplicationEvent", "ApplicationStage", "CLOSED_STAGES", "ApprovalChain",
    "ApprovalMailCode", "ApprovalStep", "ArchiveExport", "ArchiveRecord", "BackupRun", "PurgeDecision", "PurgeRequest",
    "PurgeTombstone", "Signature", "UserKey", "AuditAnchor", "AuditEntry",
    "AuditHead", "Base", "BusyBlock", "CalendarItem", "CalendarSyncState", "Candidate", "CandidateQuestion", "ChangeKind", "ChangeRequest", "ChangeStatus",
    "Channel", "ChecklistTick", "Confirmation", "Contract", "ContractDocument", "ContractTemplateRow", "Decision", "DecisionOutcome", "RoundDecision", "ScorecardStatus", "ScorecardTemplate", "Delegation", "Department", "Education", "FollowUpTask",
    "Gender", "Holiday", "InboundMessage", "Interview", "InterviewMode", "InterviewNote", "InterviewParticipant", "InterviewStatus", "MessageTemplate",
    "Notice",
    "Offer", "OfferStatus", "OfferTemplate", "OutboxEntry", "OutboxState", "ParticipantRole", "Party", "PersonalDataRequest",
    "Position", "PositionRequirement", "PositionStatus", "QuestionStatus", "QuestionTopic", "Recommendation",
    "RequirementKind", "ResponseState", "RetentionPolicy", "Role", "RoleGrant",
    "Room", "Round", "RoundKind", "Score", "Scorecard", "ScorecardCriterion", "Setting", "StepKind", "SurveyResponse",
    "TalentPoolEntry", "TalentTag", "TimelineEvent", "User", "Verdict", "audit_keys", "candidate_tags",
]


def configure() -> None:
    """Join the tables' classes up (their relationships, inherited columns) now, rather than at the first
    ORM query, which otherwise pays for it (some 30 ms): the start does it on a worker once the first
    dialog is up (desktop/app.py). Done once; afterwards it returns at once."""
    configure_mappers()
