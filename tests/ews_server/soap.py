"""SOAP envelopes as Exchange writes them: namespaces, the ServerVersionInfo header, response messages
and SOAP faults. Everything here builds or reads lxml elements; nothing knows about HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

SOAPNS = "http://schemas.xmlsoap.org/soap/envelope/"
MNS = "http://schemas.microsoft.com/exchange/services/2006/messages"
TNS = "http://schemas.microsoft.com/exchange/services/2006/types"
ENS = "http://schemas.microsoft.com/exchange/services/2006/errors"
NSMAP = {"s": SOAPNS, "m": MNS, "t": TNS}

# Which request schema versions each server release accepts, and what it reports about itself. Exchange
# 2016 and 2019 really answer with the internal schema name V2017_07_11 (exchangelib knows to keep the
# version it asked for when it sees one of those).
_SCHEMAS_2013 = ("Exchange2007", "Exchange2007_SP1", "Exchange2010", "Exchange2010_SP1", "Exchange2010_SP2",
                 "Exchange2013", "Exchange2013_SP1")


@dataclass(frozen=True)
class ServerRelease:
    name: str
    build: tuple[int, int, int, int]
    reported_schema: str
    accepted_schemas: tuple[str, ...]


RELEASES = {
    "Exchange2013": ServerRelease("Exchange2013", (15, 0, 1497, 2), "Exchange2013_SP1", _SCHEMAS_2013),
    "Exchange2016": ServerRelease("Exchange2016", (15, 1, 2507, 6), "V2017_07_11", _SCHEMAS_2013 + ("Exchange2016",)),
    "Exchange2019": ServerRelease("Exchange2019", (15, 2, 1118, 7), "V2017_07_11", _SCHEMAS_2013 + ("Exchange2016",)),
}


def m(tag: str) -> str:
    return f"{{{MNS}}}{tag}"


def t(tag: str) -> str:
    return f"{{{TNS}}}{tag}"


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    """Append a child; `tag` is 'm:Name' or 't:Name'."""
    prefix, name = tag.split(":")
    child = etree.SubElement(parent, f"{{{NSMAP[prefix]}}}{name}", {k: str(v) for k, v in attrs.items()})
    if text is not None:
        child.text = text
    return child


def text_of(elem: etree._Element | None, path: str, default: str | None = None) -> str | None:
    """Text of the first descendant at `path` (written with m:/t: prefixes), or `default`."""
    if elem is None:
        return default
    found = elem.find(path, NSMAP)
    if found is None or found.text is None:
        return default
    return found.text


def ews_datetime(value: datetime) -> str:
    """UTC with a Z and whole seconds: exchangelib parses exactly '%Y-%m-%dT%H:%M:%SZ'."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(text: str) -> datetime:
    """xs:dateTime as clients send it (Z or an offset); a value without a zone is read as UTC."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@dataclass
class SoapRequest:
    operation: str
    body: etree._Element          # the m:<Operation> element
    requested_schema: str | None
    impersonate: str | None       # PrimarySmtpAddress from ExchangeImpersonation
    timezone_id: str | None       # TimeZoneContext/TimeZoneDefinition/@Id


class MalformedRequest(Exception):
    """The bytes are not a SOAP request Exchange would understand."""


def read_request(raw: bytes) -> SoapRequest:
    try:
        root = etree.fromstring(raw, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        raise MalformedRequest(str(e)) from e
    body = root.find(f"{{{SOAPNS}}}Body")
    if root.tag != f"{{{SOAPNS}}}Envelope" or body is None or len(body) == 0:
        raise MalformedRequest("not a SOAP envelope")
    payload = body[0]
    operation = etree.QName(payload).localname
    operation = operation.removesuffix("Request")
    header = root.find(f"{{{SOAPNS}}}Header")
    schema = impersonate = tz_id = None
    if header is not None:
        version = header.find("t:RequestServerVersion", NSMAP)
        schema = version.get("Version") if version is not None else None
        impersonate = text_of(header, "t:ExchangeImpersonation/t:ConnectingSID/t:PrimarySmtpAddress")
        tz = header.find("t:TimeZoneContext/t:TimeZoneDefinition", NSMAP)
        tz_id = tz.get("Id") if tz is not None else None
    return SoapRequest(operation, payload, schema, impersonate.lower() if impersonate else None, tz_id)


def envelope(release: ServerRelease, body_child: etree._Element | None) -> etree._Element:
    env = etree.Element(f"{{{SOAPNS}}}Envelope", nsmap=NSMAP)
    header = etree.SubElement(env, f"{{{SOAPNS}}}Header")
    major, minor, major_build, minor_build = release.build
    sub(header, "t:ServerVersionInfo", MajorVersion=major, MinorVersion=minor, MajorBuildNumber=major_build,
        MinorBuildNumber=minor_build, Version=release.reported_schema)
    body = etree.SubElement(env, f"{{{SOAPNS}}}Body")
    if body_child is not None:
        body.append(body_child)
    return env


def serialize(env: etree._Element) -> bytes:
    return etree.tostring(env, xml_declaration=True, encoding="utf-8")


def response_message(container: etree._Element, operation: str, error: EwsError | None = None) -> etree._Element:
    """One <m:OperationResponseMessage>, Success or the error Exchange reports for this element."""
    if error is None:
        msg = sub(container, f"m:{operation}ResponseMessage", ResponseClass="Success")
        sub(msg, "m:ResponseCode", "NoError")
        return msg
    msg = sub(container, f"m:{operation}ResponseMessage", ResponseClass="Error")
    sub(msg, "m:MessageText", error.message)
    sub(msg, "m:ResponseCode", error.code)
    sub(msg, "m:DescriptiveLinkKey", "0")
    return msg


def soap_fault(code: str, message: str, back_off_ms: int | None = None) -> etree._Element:
    """The SOAP Fault Exchange sends for request-level failures (busy server, impersonation refused,
    unsupported schema version), with the EWS code in the detail as exchangelib reads it."""
    fault = etree.Element(f"{{{SOAPNS}}}Fault", nsmap={"s": SOAPNS})
    etree.SubElement(fault, "faultcode").text = "s:Client" if code != "ErrorServerBusy" else "s:Server"
    etree.SubElement(fault, "faultstring").text = message
    detail = etree.SubElement(fault, "detail")
    etree.SubElement(detail, f"{{{ENS}}}ResponseCode", nsmap={"e": ENS}).text = code
    etree.SubElement(detail, f"{{{ENS}}}Message", nsmap={"e": ENS}).text = message
    if back_off_ms is not None:
        xml = sub(detail, "t:MessageXml")
        sub(xml, "t:Value", str(back_off_ms), Name="BackOffMilliseconds")
    return fault


class EwsError(Exception):
    """An error reported inside a response message (ResponseClass="Error")."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class SoapFaultError(Exception):
    """An error that fails the whole request as a SOAP Fault (HTTP 500)."""

    def __init__(self, code: str, message: str, back_off_ms: int | None = None):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.back_off_ms = back_off_ms
