"""A database path on a network share is refused, whatever form the share takes; local paths pass."""

from __future__ import annotations

import pytest

from desktop.core.errors import NetworkShareRefused
from desktop.core.storage.netshare import is_unc, network_reason, parse_mounts, refuse_network_path

LINUX_MOUNTS = parse_mounts("""\
/dev/sda2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/sda3 /home ext4 rw,relatime 0 0
fileserver:/export/hr /mnt/hr nfs4 rw,relatime,vers=4.2 0 0
//fileserver/personnel /mnt/personnel cifs rw,relatime,vers=3.0 0 0
hr@fileserver:/srv/hr /home/hr/remote fuse.sshfs rw,nosuid,nodev 0 0
//fileserver/my\\040docs /media/my\\040docs cifs rw 0 0
/dev/sdb1 /mnt/hr-local ext4 rw 0 0
""")


@pytest.mark.parametrize("path", [
    r"\\fileserver\hr\interviewdesk.db",
    "//fileserver/hr/interviewdesk.db",
    r"\\?\UNC\fileserver\hr\interviewdesk.db",
    "//?/UNC/fileserver/hr/interviewdesk.db",
    r"\\192.168.1.20\共享\面试.db",
])
@pytest.mark.parametrize("platform", ["win32", "linux"])
def test_unc_paths_are_network_paths_on_every_platform(path, platform):
    assert is_unc(path)
    assert network_reason(path, platform=platform, mounts=[], drive_type=lambda d: 3) == "unc"
    with pytest.raises(NetworkShareRefused) as info:
        refuse_network_path(path, platform=platform, mounts=[], drive_type=lambda d: 3)
    assert info.value.params["reason"] == "unc"


@pytest.mark.parametrize("path", [r"\\?\C:\Data\interviewdesk.db", r"\\.\C:\Data\interviewdesk.db"])
def test_long_local_windows_paths_are_not_unc(path):
    assert not is_unc(path)


def test_mapped_drive_is_refused_and_local_drive_accepted():
    seen: list[str] = []

    def drive_type(root: str) -> int:
        seen.append(root)
        return {"Z:\\": 4, "C:\\": 3, "E:\\": 2}[root]

    assert network_reason(r"Z:\HR\interviewdesk.db", platform="win32", drive_type=drive_type) == "mapped_drive"
    assert network_reason(r"C:\Users\hr\AppData\Local\InterviewDesk\interviewdesk.db", platform="win32",
                          drive_type=drive_type) is None
    assert network_reason("E:/backup/interviewdesk.db", platform="win32", drive_type=drive_type) is None
    assert seen == ["Z:\\", "C:\\", "E:\\"]
    with pytest.raises(NetworkShareRefused):
        refuse_network_path(r"z:\HR\interviewdesk.db", platform="win32", drive_type=lambda d: 4)


@pytest.mark.parametrize("path, reason", [
    ("/mnt/hr/interviewdesk.db", "nfs4"),
    ("/mnt/hr/deep/er/interviewdesk.db", "nfs4"),
    ("/mnt/personnel/interviewdesk.db", "cifs"),
    ("/home/hr/remote/interviewdesk.db", "fuse.sshfs"),
    ("/media/my docs/interviewdesk.db", "cifs"),
])
def test_linux_network_mounts_are_refused(path, reason):
    assert network_reason(path, platform="linux", mounts=LINUX_MOUNTS) == reason
    with pytest.raises(NetworkShareRefused):
        refuse_network_path(path, platform="linux", mounts=LINUX_MOUNTS)


@pytest.mark.parametrize("path", [
    "/home/hr/.local/share/InterviewDesk/interviewdesk.db",
    "/mnt/hr-local/interviewdesk.db",      # a prefix of a network mount's name is not inside it
    "/mnt/hrx/interviewdesk.db",
    "/var/lib/interviewdesk.db",
])
def test_local_linux_paths_are_accepted(path):
    assert network_reason(path, platform="linux", mounts=LINUX_MOUNTS) is None
    refuse_network_path(path, platform="linux", mounts=LINUX_MOUNTS)


def test_local_path_on_this_machine_is_accepted(tmp_path):
    assert network_reason(tmp_path / "interviewdesk.db") is None
