"""TLS for the institution's mail servers, which often carry certificates from an internal CA."""

from __future__ import annotations

import ssl


class ConfigurationProblem(Exception):
    """The mail settings cannot work as they are. `reason` is Chinese text for the admin or HR."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def context(ca_file: str) -> ssl.SSLContext:
    """Verify the server against the system's CAs, plus the internal CA file when one is set."""
    ctx = ssl.create_default_context()
    if ca_file:
        try:
            ctx.load_verify_locations(cafile=ca_file)
        except FileNotFoundError:
            raise ConfigurationProblem("找不到所设的 CA 证书文件，请检查邮件设置") from None
        except (ssl.SSLError, OSError, ValueError):
            raise ConfigurationProblem("CA 证书文件无法读取或格式不对，请检查邮件设置") from None
    return ctx
