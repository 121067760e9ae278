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

    def __init__(self, answers: list[tuple[int, bytes]], *, size: bool = True, pipelining: bool = False) -> None:
        super().__init__()
        self.answers, self.said = list(answers), []
        self.does_esmtp, self.ehlo_resp = True, b"ok"
        self.esmtp_features = ({"size": "10240000"} if size else {}) | ({"pipelining": ""} if pipelining else {})

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


def outcome(send, answers, size=True, pipelining=False):
    """What went over the wire (the bytes, however many writes carried them) and the error raised."""
    conn = Scripted(answers, size=size, pipelining=pipelining)
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


# A relay that offers PIPELINING answers MAIL, RCPT and DATA together, refusing what follows a refusal.
PIPELINED = {
    "accepted": ANSWERS["accepted"],
    "forwarded recipient": ANSWERS["forwarded recipient"],
    "sender refused": [(550, b"no"), (503, b"sender first"), (503, b"recipient first"), (250, b"reset")],
    "sender, service closing": [(421, b"bye")],
    "recipient refused": [(250, b"ok"), (550, b"no such user"), (554, b"no valid recipients"), (250, b"reset")],
    "recipient, try later": [(250, b"ok"), (452, b"full"), (554, b"no valid recipients"), (250, b"reset")],
    "recipient, service closing": [(250, b"ok"), (421, b"bye")],
    "data refused": ANSWERS["data refused"],
    "content refused": ANSWERS["content refused"],
    "content, service closing": ANSWERS["content, service closing"],
}
ENVELOPE = b"mail FROM:<hr@hospital.example.cn> size=40\r\nrcpt TO:<kandidat1@example.cn>\r\ndata\r\n"
MESSAGE = b"Subject: x\r\n\r\nbody\r\n..starts with a dot\r\n.\r\n"
PIPELINED_WIRE = {
    "accepted": ENVELOPE + MESSAGE, "forwarded recipient": ENVELOPE + MESSAGE,
    "sender refused": ENVELOPE + b"rset\r\n", "sender, service closing": ENVELOPE + b"<closed>",
    "recipient refused": ENVELOPE + b"rset\r\n", "recipient, try later": ENVELOPE + b"rset\r\n",
    "recipient, service closing": ENVELOPE + b"<closed>", "data refused": ENVELOPE,
    "content refused": ENVELOPE + MESSAGE + b"rset\r\n", "content, service closing": ENVELOPE + MESSAGE + b"<closed>",
}


@pytest.mark.parametrize("case", PIPELINED)
def test_a_pipelining_relay_gets_the_envelope_in_one_write_and_each_answer_is_met_as_sendmail_meets_it(case):
    """MAIL, RCPT and DATA go in one write (two round trips a message instead of four); whatever the
    relay answers, the error is the one smtplib's sendmail raises for the same refusal, and the session
    is reset or hung up on as it does it."""
    raw = b"Subject: x\r\n\r\nbody\r\n.starts with a dot\r\n"
    outgoing = Outgoing(raw, "<m@x>", "hr@hospital.example.cn", "kandidat1@example.cn")
    conn = Scripted(PIPELINED[case], pipelining=True)
    try:
        smtp.transmit(conn, outgoing)
        ours = None
    except smtplib.SMTPException as exc:
        ours = (type(exc), exc.args)
    _wire, theirs = outcome(lambda c: c.sendmail(outgoing.sender, [outgoing.recipient], raw), ANSWERS[case])
    assert ours == theirs
    assert conn.said[0] == ENVELOPE                          # one write
    assert b"".join(conn.said) == PIPELINED_WIRE[case]
    assert conn.answers == []                                # every answer read: the session is in step


def test_a_pipelining_relay_that_takes_data_after_refusing_the_recipient_gets_an_empty_message_back_in_step():
    outgoing = Outgoing(b"Subject: x\r\n\r\nbody\r\n", "<m@x>", "hr@hospital.example.cn", "kandidat1@example.cn")
    conn = Scripted([(250, b"ok"), (550, b"no such user"), (354, b"go on"), (554, b"no recipients"), (250, b"reset")],
                    pipelining=True)
    with pytest.raises(smtplib.SMTPRecipientsRefused):
        smtp.transmit(conn, outgoing)
    assert b"".join(conn.said).endswith(b"data\r\n.\r\nrset\r\n") and conn.answers == []


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
