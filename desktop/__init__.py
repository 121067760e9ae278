"""InterviewDesk (面试协同台): interview management for offices that keep personnel data in-house."""

__version__ = "0.1.0"
