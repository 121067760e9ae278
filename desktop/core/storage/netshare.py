"""Detect database paths on network shares.

SQLite's locking is unreliable over SMB and NFS and files there get corrupted, so the embedded
database refuses such paths and points the admin to server (LAN) mode instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath, PureWindowsPath

from desktop.core.errors import NetworkShareRefused

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p",
    "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "glusterfs", "fuse.glusterfs", "ceph",
    "fuse.cephfs", "lustre", "gpfs", "ocfs2", "gfs2", "fuse.rclone", "fuse.s3fs", "afpfs",
})
DRIVE_REMOTE = 4  # GetDriveTypeW


def is_unc(path: str) -> bool:
    text = path.replace("/", "\\")
    if text.upper().startswith("\\\\?\\UNC\\"):
        return True
    if text.startswith("\\\\?\\") or text.startswith("\\\\.\\"):
        return False
    return text.startswith("\\\\")


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, filesystem type) pairs from /proc/mounts text."""
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append((parts[1].replace("\\040", " "), parts[2]))
    return mounts


def filesystem_of(path: PurePath, mounts: Iterable[tuple[str, str]]) -> str | None:
    best, best_len = None, -1
    text = str(path)
    for point, fstype in mounts:
        prefix = point.rstrip("/") + "/"
        if (text == point or text.startswith(prefix) or point == "/") and len(point) > best_len:
            best, best_len = fstype, len(point)
    return best


def _existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path.resolve()


def _windows_drive_type(drive: str) -> int:
    import ctypes  # only on Windows

    return ctypes.windll.kernel32.GetDriveTypeW(drive)  # type: ignore[attr-defined]


def network_reason(
    path: str | os.PathLike[str],
    *,
    platform: str = sys.platform,
    mounts: Iterable[tuple[str, str]] | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """Why `path` is on a network share ("unc", "mapped_drive", or the filesystem type), or None."""
    text = os.fspath(path)
    if is_unc(text):
        return "unc"
    if platform.startswith("win"):
        drive = PureWindowsPath(text).drive
        if drive and len(drive) == 2:
            kind = (drive_type or _windows_drive_type)(drive + "\\")
            if kind == DRIVE_REMOTE:
                return "mapped_drive"
        return None
    if mounts is None:
        try:
            mounts = parse_mounts(Path("/proc/mounts").read_text())
        except OSError:
            return None
        target = _existing_ancestor(Path(text))
    else:
        target = PurePath(text)
    fstype = filesystem_of(target, mounts)
    if fstype and (fstype in NETWORK_FILESYSTEMS or fstype.split(".")[-1] in NETWORK_FILESYSTEMS):
        return fstype
    return None


def refuse_network_path(path: str | os.PathLike[str], **kwargs) -> None:
    reason = network_reason(path, **kwargs)
    if reason:
        raise NetworkShareRefused(f"network path ({reason})", reason=reason)
