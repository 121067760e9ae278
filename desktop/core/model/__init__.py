"""Every table of InterviewDesk, importable from one place."""

from desktop.core.model.archive import ArchiveRecord, RetentionPolicy
from desktop.core.model.base import Base
from desktop.core.model.delivery import CalendarItem, CalendarSyncState, MessageTemplate, OutboxEntry, OutboxState
from desktop.core.model.evaluation import CandidateQuestion, Recommendation, Score, Scorecard, ScorecardCriterion
from desktop.core.model.offers import Contract, Offer, OfferStatus
from desktop.core.model.org import Department, Role, RoleGrant, User
from desktop.core.model.recruiting import (
    CLOSED_STAGES, Application, ApplicationEvent, ApplicationStage, Candidate, Education, Gender, PersonalDataRequest,
    Position,
    PositionStatus, Round, RoundKind, TalentPoolEntry, TalentTag, candidate_tags,
)
from desktop.core.model.scheduling import (
    Alert, ApprovalChain, ApprovalMailCode, ApprovalStep, BusyBlock, ChangeKind, ChangeRequest, ChangeStatus, Channel, Confirmation,
    Decision, Delegation, FollowUpTask, Holiday, Interview, InterviewMode, InterviewParticipant,
    InterviewStatus, Notice, ParticipantRole, Party, ResponseState, Room, StepKind, TimelineEvent, Verdict,
)
from desktop.core.model.system import AuditAnchor, AuditEntry, AuditHead, Setting, audit_keys

__all__ = [
    "Alert", "Application", "ApplicationEvent", "ApplicationStage", "CLOSED_STAGES", "ApprovalChain",
    "ApprovalMailCode", "ApprovalStep", "ArchiveRecord", "AuditAnchor", "AuditEntry",
    "AuditHead", "Base", "BusyBlock", "CalendarItem", "CalendarSyncState", "Candidate", "CandidateQuestion", "ChangeKind", "ChangeRequest", "ChangeStatus",
    "Channel", "Confirmation", "Contract", "Decision", "Delegation", "Department", "Education", "FollowUpTask",
    "Gender", "Holiday", "Interview", "InterviewMode", "InterviewParticipant", "InterviewStatus", "MessageTemplate",
    "Notice",
    "Offer", "OfferStatus", "OutboxEntry", "OutboxState", "ParticipantRole", "Party", "PersonalDataRequest",
    "Position", "PositionStatus", "Recommendation", "ResponseState", "RetentionPolicy", "Role", "RoleGrant",
    "Room", "Round", "RoundKind", "Score", "Scorecard", "ScorecardCriterion", "Setting", "StepKind",
    "TalentPoolEntry", "TalentTag", "TimelineEvent", "User", "Verdict", "audit_keys", "candidate_tags",
]
