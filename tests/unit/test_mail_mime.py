"""The e-mail bytes the outbox writes itself (desktop/integrations/mail/mime.py) read back through
the email package as the message the email package itself would have made of the same content:
the same subject, names, addresses, texts and attachments, in lines a relay accepts."""

from __future__ import annotations

import base64
import random
from datetime import datetime, timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import SMTP, default

import pytest

from desktop.integrations.mail import mime, smtp
from desktop.integrations.mail.smtp import SmtpConfig

NOW = datetime(2026, 11, 24, 0, 30, tzinfo=timezone.utc)
CALENDAR = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:面试：内科住院医师 初试\r\nEND:VCALENDAR\r\n".encode()
LONG_ZH = "感谢您报考我单位内科住院医师岗位。经资格审查，现通知您参加初试，具体安排如下：" * 3
LONG_EN = ("Thank you for applying for the post of resident physician in internal medicine. " * 3).strip()

CASES = {
    "invitation in Chinese": dict(
        from_name="市第一医院人事处", to=("候选人1", "kandidat1@example.cn"),
        subject="面试通知：内科住院医师岗位初试（2026年11月24日（星期二）08:30）请按时参加",
        text=f"候选人1，您好：\n\n{LONG_ZH}\n\n面试时间：2026年11月24日\n人事处", html="<p>候选人1，您好：</p>\n",
        calendar=(CALENDAR, "REQUEST")),
    "cancellation in English": dict(
        from_name="HR Office, City Hospital", to=("Wei Zhang", "wei.zhang@example.cn"),
        subject="Interview cancelled: resident physician, internal medicine, first round, Tuesday 24 November",
        text=f"Dear Mr Zhang,\n\n{LONG_EN}\nA line with trailing spaces   \nTabs\there\n.\nFrom the office",
        html="<p>Dear Mr Zhang,</p>", calendar=(CALENDAR, "CANCEL")),
    "short ASCII text only": dict(from_name="", to=("", "admin@hospital.example.cn"), subject="Test",
                                  text="This is a test.", html=""),
    "names that need quoting or encoding": dict(
        from_name='Dr. "Li" (HR), Office', to=("Zhang, Wei", "z@example.cn"),
        subject="Re: [HR] \"quoted\" (and more); a, b", text="Line\r\nwith CRLF\rand CR\n", html=""),
    "offer with a Chinese file name": dict(
        from_name="人事处", to=("李明", "li.ming@example.cn"), subject="录用通知", text="李明，您好：\n附件为录用通知书。",
        html="<p>李明，您好：</p>",
        attachments=((b"%PDF-1.4\n" + bytes(range(256)) * 4, "录用通知书.pdf"),
                     (b'{"name": "\xe6\x9d\x8e\xe6\x98\x8e"}', "个人信息副本-李明-2026-11-24-请妥善保存本文件并核对内容.json"))),
    "a long word in an ASCII subject": dict(
        from_name="HR", to=("", "x@example.cn"), subject="Ref " + "A" * 90, text="x", html=""),
}


def config(from_name: str) -> SmtpConfig:
    return SmtpConfig("smtp.example.cn", 25, "none", "", "", "", "hr@hospital.example.cn", from_name, 10)


def reference(case: dict) -> EmailMessage:
    """The same message made the email package's way (what the outbox sent before)."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = case["subject"]
    message["From"] = Address(case["from_name"], addr_spec="hr@hospital.example.cn")
    message["To"] = Address(case["to"][0], addr_spec=case["to"][1])
    message.set_content(case["text"])
    if case["html"]:
        message.add_alternative(case["html"], subtype="html")
    if case.get("calendar"):
        body, method = case["calendar"]
        message.add_attachment(body, maintype="text", subtype="calendar", filename="invitation.ics"
                               if method == "REQUEST" else "cancel.ics", params={"method": method, "charset": "utf-8"})
    for content, filename in case.get("attachments", ()):
        message.add_attachment(content, maintype="application", subtype=filename.rpartition(".")[2],
                               filename=filename)
    return BytesParser(policy=default).parsebytes(message.as_bytes())


def shape(message: EmailMessage) -> list:
    """What a reader gets from a message: headers as read, and each part's type, parameters, name and content."""
    parts = []
    for part in message.walk():
        if part.is_multipart():
            parts.append(part.get_content_type())
            continue
        content = part.get_payload(decode=True)
        if part.get_content_maintype() == "text" and part.get_filename() is None:
            content = part.get_content().replace("\r\n", "\n")
        parts.append((part.get_content_type(), part.get_param("method"), part.get_content_charset(),
                      part.get_filename(), content))
    people = [(str(message[h].addresses[0].display_name), message[h].addresses[0].addr_spec) for h in ("From", "To")]
    return [str(message["Subject"]), people, parts]


@pytest.mark.parametrize("name", CASES)
def test_a_message_reads_as_the_email_package_would_have_written_it(name):
    case = CASES[name]
    outgoing = smtp.compose_bytes(config(case["from_name"]), to=case["to"], subject=case["subject"],
                                  text=case["text"], html=case["html"], now=NOW, calendar=case.get("calendar"),
                                  attachments=case.get("attachments", ()))
    ours = BytesParser(policy=default).parsebytes(outgoing.raw)
    assert shape(ours) == shape(reference(case))
    assert ours["Message-ID"] == outgoing.message_id and ours["Date"].datetime == NOW
    assert ours["Auto-Submitted"] == "auto-generated" and ours["MIME-Version"] == "1.0"
    assert not ours.defects and all(not part.defects for part in ours.walk())
    assert outgoing.raw.isascii() and not outgoing.international
    lines = outgoing.raw.split(b"\r\n")
    assert b"\n" not in b"".join(lines) and b"\r" not in b"".join(lines)      # CRLF only
    assert max(map(len, lines)) <= 78


def test_an_address_in_chinese_is_written_as_it_is_and_asks_for_smtputf8():
    outgoing = smtp.compose_bytes(config("人事处"), to=("李明", "李明@例子.中国"), subject="面试通知", text="您好",
                                  html="", now=NOW)
    message = smtp.parsed(outgoing)
    assert outgoing.international
    assert message["To"].addresses[0].addr_spec == "李明@例子.中国"
    assert message["To"].addresses[0].display_name == "李明"


def test_a_body_line_that_starts_like_a_boundary_does_not_end_the_part():
    text = "--=_ a line that looks like a boundary\n--\n"
    outgoing = smtp.compose_bytes(config("HR"), to=("", "x@example.cn"), subject="s", text=text, html="<p>x</p>",
                                  now=NOW)
    message = BytesParser(policy=default).parsebytes(outgoing.raw)
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n") == text


def test_a_subject_that_looks_like_an_encoded_word_reads_as_written():
    """(The email package writes it as it is, and readers then decode it into something else.)"""
    subject = "=?utf-8?q?not-an-encoded-word?= here"
    outgoing = smtp.compose_bytes(config("HR"), to=("", "x@example.cn"), subject=subject, text="x", html="", now=NOW)
    assert str(BytesParser(policy=default).parsebytes(outgoing.raw)["Subject"]) == subject


def words_one_character_at_a_time(value: str, first_room: int) -> list[str]:
    """How mime wrote encoded words before it cut the UTF-8 bytes: character by character."""
    words, chunk, size = [], [], 0
    limit = min(45, max((first_room - 12) // 4 * 3, 3))
    for char in value:
        width = len(char.encode("utf-8"))
        if chunk and size + width > limit:
            words.append("=?utf-8?b?" + base64.b64encode("".join(chunk).encode("utf-8")).decode("ascii") + "?=")
            chunk, size, limit = [], 0, 45
        chunk.append(char)
        size += width
    if chunk or not words:
        words.append("=?utf-8?b?" + base64.b64encode("".join(chunk).encode("utf-8")).decode("ascii") + "?=")
    return words


def test_headers_and_bodies_are_the_same_bytes_as_written_piece_by_piece():
    """Encoded words cut in the UTF-8 bytes, and base64 encoded whole then cut into lines, are the
    bytes the per-character and per-57-byte loops wrote: Chinese, accented letters, emoji (one wider
    than the narrowest room), ASCII, at every room a header leaves."""
    rng = random.Random(14)
    alphabet = "ab Z9-" + "面试通知内科住院医师岗位初试" + "éü" + "😀🀄"
    for _ in range(3000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        room = rng.randrange(0, 90)
        assert mime._encoded_words(value, room) == words_one_character_at_a_time(value, room), (value, room)
    for size in [*range(0, 300), 4096, 65537]:
        data = rng.randbytes(size)
        assert mime._base64(data) == base64.encodebytes(data).replace(b"\n", b"\r\n")
