"""What an Exchange error means for the outbox: try again later (with the server's back-off when it
names one), or stop and show HR why, in words an HR officer understands. Reasons never carry the
mailbox address or the password."""

from __future__ import annotations

import requests
from exchangelib.errors import (
    CASError,
    ErrorAccessDenied,
    ErrorConnectionFailed,
    ErrorConnectionFailedTransientError,
    ErrorImpersonateUserDenied,
    ErrorInternalServerTransientError,
    ErrorInvalidSmtpAddress,
    ErrorMailboxMoveInProgress,
    ErrorMailboxStoreUnavailable,
    ErrorMailRecipientNotFound,
    ErrorNonExistentMailbox,
    ErrorServerBusy,
    ErrorTimeoutExpired,
    RateLimitError,
    TransportError,
    UnauthorizedError,
)

from desktop.core.delivery.outbox import (
    DeliveryFailed,
    PermanentFailure,
    TemporaryFailure,
)

NOT_FOUND = (ErrorNonExistentMailbox, ErrorMailRecipientNotFound, ErrorInvalidSmtpAddress)
TRANSIENT = (ErrorTimeoutExpired, ErrorInternalServerTransientError, ErrorConnectionFailed,
             ErrorConnectionFailedTransientError, ErrorMailboxMoveInProgress, ErrorMailboxStoreUnavailable,
             RateLimitError)
# exchangelib re-raises connection trouble as ErrorServerBusy with its own guess of a wait; only the
# server's own BackOffMilliseconds is a back-off worth keeping.
_REWORDED = ("Reraised from", "Caused by")


def is_tls_problem(exc: BaseException) -> bool:
    text = str(exc)
    return isinstance(exc, requests.exceptions.SSLError) or "CERTIFICATE_VERIFY_FAILED" in text \
        or "SSLError" in text or "certificate verify failed" in text


def classify(exc: BaseException) -> DeliveryFailed:
    """The outbox's view of an exception raised by exchangelib or requests."""
    if isinstance(exc, DeliveryFailed):
        return exc
    if isinstance(exc, ErrorServerBusy):
        own = exc.back_off if exc.back_off and not str(exc).startswith(_REWORDED) else None
        if str(exc).startswith(_REWORDED):
            return TemporaryFailure("无法连接 Exchange 服务器（连接中断或服务器暂不可用），稍后自动重试")
        return TemporaryFailure("Exchange 服务器繁忙（ErrorServerBusy），按服务器要求稍后重试", retry_after=own)
    if isinstance(exc, ErrorImpersonateUserDenied):
        return PermanentFailure("服务账号没有模拟（Impersonation）该面试官邮箱的权限，请联系 Exchange 管理员授权")
    if isinstance(exc, ErrorAccessDenied):
        return PermanentFailure("服务账号无权访问该邮箱的日历（拒绝访问），请联系 Exchange 管理员授予代理权限")
    if isinstance(exc, NOT_FOUND):
        return PermanentFailure("Exchange 中找不到该邮箱，请检查面试官或会议室的 Exchange 邮箱地址")
    if isinstance(exc, UnauthorizedError) or isinstance(exc, CASError) and "401" in str(exc):
        return PermanentFailure("Exchange 服务账号登录失败（401），请在设置中检查用户名和密码")
    if isinstance(exc, TRANSIENT):
        if str(exc).startswith(_REWORDED) and ("Connection" in str(exc) or "Timeout" in str(exc)):
            return TemporaryFailure("无法连接 Exchange 服务器（连接被拒绝、中断或超时），稍后自动重试")
        return TemporaryFailure("Exchange 服务器暂时不可用，稍后自动重试")
    if is_tls_problem(exc):
        return PermanentFailure("Exchange 服务器的 TLS 证书不受信任，请在设置中指定内部 CA 证书文件")
    if isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout, ConnectionError,
                        TimeoutError, OSError)):
        return TemporaryFailure("无法连接 Exchange 服务器，稍后自动重试")
    if isinstance(exc, TransportError):
        return TemporaryFailure("与 Exchange 服务器通信失败（" + type(exc).__name__ + "），稍后自动重试")
    return TemporaryFailure("Exchange 操作失败（" + type(exc).__name__ + "），稍后自动重试")
