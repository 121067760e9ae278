"""An sRGB ICC profile (version 2.1, display class, matrix/TRC) for the PDF/A OutputIntent, built
from the published sRGB definition (IEC 61966-2-1: the D50-adapted primaries and the piecewise
transfer curve) instead of shipping a third-party profile file: PDF/A-1 needs an ICC profile of
version 2.x (PDFBox Preflight refuses version 4, which is what littleCMS writes by default), and
this keeps the licence question away from the archive. The bytes are fixed: every dossier embeds
the same profile."""

from __future__ import annotations

import struct
from functools import lru_cache

_D50 = (0.9642, 1.0, 0.8249)
# sRGB primaries, chromatically adapted to D50 (Bradford), as in every sRGB v2 profile
_RED, _GREEN, _BLUE = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(values: tuple[float, float, float]) -> bytes:
    return b"XYZ " + b"\0" * 4 + b"".join(_s15(v) for v in values)


def _curve() -> bytes:
    points = []
    for i in range(1024):
        c = i / 1023
        linear = c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        points.append(round(linear * 65535))
    return b"curv" + b"\0" * 4 + struct.pack(">I", len(points)) + struct.pack(f">{len(points)}H", *points)


def _desc(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return (b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_)) + ascii_
            + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)


def _text(text: str) -> bytes:
    return b"text" + b"\0" * 4 + text.encode("ascii") + b"\0"


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    curve = _curve()
    tags = [(b"desc", _desc("sRGB IEC61966-2.1")), (b"cprt", _text("No copyright, use freely")),
            (b"wtpt", _xyz(_D50)), (b"rXYZ", _xyz(_RED)), (b"gXYZ", _xyz(_GREEN)), (b"bXYZ", _xyz(_BLUE)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    entries, data, seen = [], b"", {}
    for signature, body in tags:
        if body in seen:                      # the three curves share one copy
            entries.append((signature, *seen[body]))
            continue
        while (offset + len(data)) % 4:
            data += b"\0"
        seen[body] = (offset + len(data), len(body))
        entries.append((signature, *seen[body]))
        data += body
    while len(data) % 4:
        data += b"\0"
    size = 128 + table_size + len(data)
    header = (struct.pack(">I", size) + b"\0" * 4 + bytes((2, 0x10, 0, 0)) + b"mntr" + b"RGB " + b"XYZ "
              + struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4 + b"\0" * 4 + b"\0" * 4
              + b"\0" * 4 + b"\0" * 8 + struct.pack(">I", 0) + b"".join(_s15(v) for v in _D50)
              + b"\0" * 4 + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128
    table = struct.pack(">I", len(tags)) + b"".join(s + struct.pack(">II", o, n) for s, o, n in entries)
    return header + table + data
