"""“Test connection” in Settings → Exchange: walks the layers one by one (address, DNS, TCP, TLS,
sign-in, access to a mailbox in the configured mode) and says in plain Chinese which one failed.

The first layers are checked with the standard library before exchangelib is involved, because
exchangelib reports DNS, refused connections and certificate problems all as one kind of transport
error; the administrator needs to know whether to call the network team, fix the CA file, or fix the
password."""

from __future__ import annotations

import os
import socket
import ssl
import sys
from dataclasses import dataclass
from urllib.parse import urlsplit

from exchangelib.errors import (
    ErrorAccessDenied,
    ErrorImpersonateUserDenied,
    ErrorInvalidSmtpAddress,
    ErrorMailRecipientNotFound,
    ErrorNonExistentMailbox,
    UnauthorizedError,
)

from desktop.core.validation import mask_email
from desktop.integrations.exchange import failures
from desktop.integrations.exchange.account import account
from desktop.integrations.exchange.config import (
    DELEGATE,
    IMPERSONATION,
    ORGANIZER,
    ExchangeConfig,
)


@dataclass(frozen=True)
class ConnectionReport:
    ok: bool
    layer: str           # ok, config, dns, tcp, tls, auth, impersonation, delegate, mailbox, server
    message: str         # Chinese, for the administrator
    server_version: str = ""


def _fail(layer: str, message: str) -> ConnectionReport:
    return ConnectionReport(False, layer, message)


def test_connection(config: ExchangeConfig, mailbox: str = "") -> ConnectionReport:
    """Check the settings against the server. `mailbox`: an interviewer's (or the organizer's)
    address to try the configured access mode on; empty uses the organizer or service mailbox."""
    parts = urlsplit(config.ews_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _fail("config", "EWS 地址无效，应形如 https://mail.example.cn/EWS/Exchange.asmx")
    if config.auth == "SSPI" and sys.platform != "win32":
        return _fail("config", "Windows 集成登录只能在加入域的 Windows 电脑上使用，请改用 NTLM 或 Basic")
    if config.auth != "SSPI" and not (config.username and config.password):
        return _fail("config", "请填写服务账号的用户名和密码")
    if config.ca_file and not os.path.isfile(config.ca_file):
        return _fail("config", "找不到内部 CA 证书文件，请检查路径")
    host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
    timeout = float(config.timeout_seconds)

    try:
        address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][4]
    except socket.gaierror:
        return _fail("dns", f"无法解析服务器名称 {host}（DNS 查询失败），请检查 EWS 地址或本机 DNS 设置")
    try:
        raw = socket.create_connection(address[:2], timeout=timeout)
    except ConnectionRefusedError:
        return _fail("tcp", f"服务器 {host} 拒绝了端口 {port} 的连接，请检查端口和防火墙")
    except OSError:
        return _fail("tcp", f"连接服务器 {host} 端口 {port} 超时或网络不可达，请检查网络和防火墙")
    with raw:
        if parts.scheme == "https":
            problem = _tls_problem(raw, host, config.ca_file)
            if problem:
                return _fail("tls", problem)

    target = mailbox.strip() or (config.organizer_mailbox if config.mode == ORGANIZER else "") \
        or config.service_mailbox
    if not target:
        return _fail("config", "请填写服务账号邮箱，或填写一个面试官邮箱用于测试")
    try:
        acc = account(config, target)
        _ = acc.calendar    # GetFolder of the calendar, in the configured access mode
        version = acc.protocol.version.api_version or ""
    except UnauthorizedError:
        return _fail("auth", "登录被拒绝（401）：服务账号用户名或密码错误，或认证方式（NTLM/Basic）与服务器不符")
    except ErrorImpersonateUserDenied:
        return _fail("impersonation", "登录成功，但服务账号没有模拟（ApplicationImpersonation）权限，"
                                      "请联系 Exchange 管理员授予")
    except ErrorAccessDenied:
        mode = "代理（委派）" if config.mode in (DELEGATE, ORGANIZER) else "访问"
        return _fail("delegate", f"登录成功，但服务账号没有该邮箱的{mode}权限，请联系 Exchange 管理员授予")
    except (ErrorNonExistentMailbox, ErrorMailRecipientNotFound, ErrorInvalidSmtpAddress):
        return _fail("mailbox", f"登录成功，但 Exchange 中找不到邮箱 {mask_email(target)}，请检查地址")
    except Exception as exc:  # noqa: BLE001 - anything else the server said: worded like a delivery failure
        if failures.is_tls_problem(exc):
            return _fail("tls", "TLS 证书校验失败，请指定签发服务器证书的内部 CA 证书文件")
        return _fail("server", failures.classify(exc).reason)
    mode = {IMPERSONATION: "模拟", DELEGATE: "代理", ORGANIZER: "组织者邮箱"}[config.mode]
    return ConnectionReport(True, "ok", f"连接成功：已登录并以{mode}方式打开日历（服务器版本 {version}）", version)


def _tls_problem(raw: socket.socket, host: str, ca_file: str) -> str:
    context = ssl.create_default_context(cafile=ca_file or None)
    try:
        with context.wrap_socket(raw, server_hostname=host, do_handshake_on_connect=True):
            return ""
    except ssl.SSLCertVerificationError as exc:
        detail = exc.verify_message or "证书无法验证"
        hint = "请检查所选 CA 证书文件是否签发了服务器证书" if ca_file else "请在“内部 CA 证书文件”中选择单位的根证书"
        return f"TLS 证书不受信任（{detail}），{hint}"
    except ssl.SSLError as exc:
        return f"TLS 握手失败（{exc.reason or '协议错误'}），请确认服务器地址使用 HTTPS"
    except OSError:
        return "TLS 握手时连接中断，请确认端口提供 HTTPS 服务"
