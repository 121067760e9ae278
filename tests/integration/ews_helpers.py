"""Names and helpers shared by the Exchange tests: the service account the `ews_server` fixture
creates, and exchangelib objects built the way the calendar provider builds them."""

from __future__ import annotations

from datetime import timedelta

SERVICE_ACCOUNT = "svc@example.cn"
SERVICE_PASSWORD = "Svc-Pa55word!"
INTERVIEWERS = {"wang@example.cn": "王主任", "li@example.cn": "李科长", "zhao@example.cn": "赵老师"}
ROOM = "room101@example.cn"


def make_account(url: str, mailbox: str, access_type: str, login: str = SERVICE_ACCOUNT,
                 password: str = SERVICE_PASSWORD, **config):
    """An exchangelib Account for `mailbox`, logging in as `login`, in Shanghai time."""
    from exchangelib import Account, Configuration, Credentials, EWSTimeZone

    configuration = Configuration(service_endpoint=url, credentials=Credentials(login, password), **config)
    return Account(mailbox, config=configuration, access_type=access_type, autodiscover=False,
                   default_timezone=EWSTimeZone("Asia/Shanghai"))


def interview_start(account, day: int = 23, hour: int = 10):
    from exchangelib import EWSDateTime

    return EWSDateTime(2026, 11, day, hour, 0, tzinfo=account.default_timezone)


def meeting(account, subject: str = "初试", attendees=("wang@example.cn",), resources=(), hour: int = 10, **fields):
    """An unsaved one-hour CalendarItem in the account's calendar."""
    from exchangelib import Attendee, CalendarItem, Mailbox

    start = interview_start(account, hour=hour)
    return CalendarItem(account=account, folder=account.calendar, subject=subject, start=start,
                        end=start + timedelta(hours=1), location="101会议室",
                        required_attendees=[Attendee(mailbox=Mailbox(email_address=a)) for a in attendees],
                        resources=[Attendee(mailbox=Mailbox(email_address=r)) for r in resources] or None,
                        **fields)
