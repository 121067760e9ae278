"""Windows DPAPI through ctypes (CryptProtectData / CryptUnprotectData), machine scope: every Windows
user of this PC can open the slot, nobody on another PC can. The protected blob is the token kept in
the key file; DPAPI itself keeps nothing, so there is nothing to forget."""

from __future__ import annotations

import base64
import ctypes
import sys

from desktop.core.errors import OsUnlockFailed

CRYPTPROTECT_UI_FORBIDDEN = 0x01
CRYPTPROTECT_LOCAL_MACHINE = 0x04


class _Blob(ctypes.Structure):
    _fields_ = [("cbData", ctypes.c_uint32), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _blob(data: bytes) -> tuple[_Blob, ctypes.Array]:
    buffer = ctypes.create_string_buffer(data, len(data))
    return _Blob(len(data), ctypes.cast(buffer, ctypes.POINTER(ctypes.c_char))), buffer


def _entropy(slot_id: str) -> bytes:
    return b"InterviewDesk database key " + slot_id.encode("ascii")


class DpapiKeyStore:
    name = "dpapi"

    def available(self) -> bool:
        return sys.platform == "win32"

    def _call(self, function_name: str, data: bytes, slot_id: str) -> bytes:
        crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)   # type: ignore[attr-defined]
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        source, _keep = _blob(data)
        entropy, _keep_entropy = _blob(_entropy(slot_id))
        result = _Blob()
        function = getattr(crypt32, function_name)
        flags = CRYPTPROTECT_UI_FORBIDDEN | (CRYPTPROTECT_LOCAL_MACHINE if function_name == "CryptProtectData" else 0)
        args = [ctypes.byref(source)]
        args += [ctypes.c_wchar_p("InterviewDesk")] if function_name == "CryptProtectData" else [None]
        ok = function(*args, ctypes.byref(entropy), None, None, flags, ctypes.byref(result))
        if not ok:
            raise OsUnlockFailed(f"{function_name} failed ({ctypes.get_last_error()})", reason="refused")
        try:
            return ctypes.string_at(result.pbData, result.cbData)
        finally:
            kernel32.LocalFree(result.pbData)

    def protect(self, slot_id: str, secret: bytes) -> str:
        return base64.b64encode(self._call("CryptProtectData", secret, slot_id)).decode("ascii")

    def unprotect(self, slot_id: str, token: str) -> bytes:
        try:
            blob = base64.b64decode(token.encode("ascii"), validate=True)
        except ValueError:
            raise OsUnlockFailed("slot token damaged", reason="refused") from None
        return self._call("CryptUnprotectData", blob, slot_id)

    def forget(self, slot_id: str, token: str) -> None:
        """The blob lives only in the key file, which loses the slot."""
