"""The outbox hands a message to the relay with the commands smtplib's sendmail would have sent,
and meets each answer the relay may give as sendmail would: the same error, the same RSET or
hang-up. Only the addresses are quoted without parsing them as headers, where that gives the same."""

from __future__ import annotations

import random
import smtplib

import pytest

from desktop.integrations.mail import smtp
from desktop.integrations.mail.smtp import Outgoing


class Scripted(smtplib.SMTP):
    """An SMTP session without a socket: what is sent is written down, the answers are scripted."""

    def __init__(self, answers: list[tuple[int, bytes]], *, size: bool = True) -> None:
        super().__init__()
        self.answers, self.said = list(answers), []
        self.does_esmtp, self.ehlo_resp = True, b"ok"
        self.esmtp_features = {"size": "10240000"} if size else {}

    def send(self, s) -> None:
        self.said.append(s if isinstance(s, bytes) else s.encode("ascii"))

    def getreply(self):
        return self.answers.pop(0)

    def close(self) -> None:
        self.said.append(b"<closed>")


ANSWERS = {
    "accepted": [(250, b"ok"), (250, b"ok"), (354, b"go on"), (250, b"queued")],
    "forwarded recipient": [(250, b"ok"), (251, b"will forward"), (354, b"go on"), (250, b"queued")],
    "sender refused": [(550, b"no"), (250, b"reset")],
    "sender, service closing": [(421, b"bye")],
    "recipient refused": [(250, b"ok"), (550, b"no such user"), (250, b"reset")],
    "recipient, try later": [(250, b"ok"), (452, b"full"), (250, b"reset")],
    "recipient, service closing": [(250, b"ok"), (421, b"bye")],
    "data refused": [(250, b"ok"), (250, b"ok"), (554, b"no")],
    "content refused": [(250, b"ok"), (250, b"ok"), (354, b"go on"), (552, b"too big"), (250, b"reset")],
    "content, service closing": [(250, b"ok"), (250, b"ok"), (354, b"go on"), (421, b"bye")],
}


def outcome(send, answers, size=True):
    """What went over the wire (the bytes, however many writes carried them) and the error raised."""
    conn = Scripted(answers, size=size)
    try:
        send(conn)
        error = None
    except smtplib.SMTPException as exc:
        error = (type(exc), exc.args)
    return b"".join(conn.said), error


@pytest.mark.parametrize("case", ANSWERS)
@pytest.mark.parametrize("size", [True, False])
def test_the_conversation_is_smtplibs(case, size):
    raw = b"Subject: x\r\n\r\nbody\r\n.starts with a dot\r\n"
    outgoing = Outgoing(raw, "<m@x>", "hr@hospital.example.cn", "kandidat1@example.cn")
    ours = outcome(lambda conn: smtp.transmit(conn, outgoing), ANSWERS[case], size)
    theirs = outcome(lambda conn: conn.sendmail(outgoing.sender, [outgoing.recipient], raw), ANSWERS[case], size)
    assert ours == theirs


def test_the_end_of_data_waits_for_settled_and_everything_before_it_does_not():
    """The outbox worker records the thread's previous delivery while this one is under way: the
    relay gets the envelope and the message's bytes first, and the end of data (which makes the relay
    take the message) only once `settled` has returned."""
    raw = b"Subject: x\r\n\r\nbody\r\n.starts with a dot"        # no line end at the end: one is added
    outgoing = Outgoing(raw, "<m@x>", "hr@hospital.example.cn", "kandidat1@example.cn")
    conn = Scripted(ANSWERS["accepted"])
    said_when_settled: list[bytes] = []
    smtp.transmit(conn, outgoing, lambda: said_when_settled.append(b"".join(conn.said)))
    assert said_when_settled == [b"mail FROM:<hr@hospital.example.cn> size=38\r\nrcpt TO:<kandidat1@example.cn>\r\n"
                                 b"data\r\nSubject: x\r\n\r\nbody\r\n..starts with a dot\r\n"]
    assert b"".join(conn.said) == said_when_settled[0] + b".\r\n"


def test_a_refusal_before_the_data_never_waits_for_settled():
    """Nothing to complete, nothing to wait for: a refused recipient is a failed delivery at once."""
    outgoing = Outgoing(b"Subject: x\r\n\r\nbody\r\n", "<m@x>", "hr@hospital.example.cn", "kandidat1@example.cn")
    calls: list[str] = []
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        smtp.transmit(Scripted(ANSWERS["recipient refused"]), outgoing, lambda: calls.append("settled"))
    assert calls == []


def test_addresses_are_quoted_as_smtplib_quotes_them():
    rng = random.Random(14)
    atoms = ["a", "Li.Ming", "kandidat0.17", "x_y", "a+tag", "a-b", "9", "hr", "例子", "a b", '"q"', "(c)",
             "", "[1.2.3.4]", "a..b", ".a", "b.", "<a>", "a,b", "a;b", "a'b", "a\\b"]
    for _ in range(5000):
        local = rng.choice(atoms) + rng.choice(["", ".", "+", "-"]) + rng.choice(atoms)
        domain = ".".join(rng.choice(["example", "cn", "hospital", "a-b", "x", "", "[1.2.3.4]", "例子"])
                          for _ in range(rng.randrange(1, 4)))
        address = local + rng.choice(["@", "@@", ""]) + domain
        assert smtp._quoted(address) == smtplib.quoteaddr(address), address
