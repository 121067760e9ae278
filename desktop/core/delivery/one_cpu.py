"""The outbox worker's threads kept on one CPU.

The writing thread and the channels' delivery threads run Python for almost all of their CPU time,
so they take turns on the interpreter's one lock (the GIL): one of them runs at a time, however many
CPUs the machine has. Left to the operating system, they are spread over the CPUs, and each time one
hands the lock to another — several times a message: every TLS read and write, every commit, every
wake-up between the writing thread and a delivery thread — the one that takes it runs on another
CPU, with none of the data in that CPU's caches. On the 2-CPU bench machine (bench/bench_mail.py)
the worker spent about a fifth more CPU a message that way than with its threads on one CPU, and
delivered a fifth fewer messages a second.

What the threads do without the lock (SQLCipher's page encryption at a commit, TLS encryption) then
runs on that CPU too, where it could have run beside them; it is a small part of a message's cost.
Nothing else of the program is held: the UI thread and its database threads go where the system
puts them, and the system still runs other programs on the outbox's CPU when they need it.

Linux and Windows (the desktops this runs on); elsewhere, or where the program may use one CPU only,
nothing is changed. A failure to set it is not an error: the threads then run where they would have (a
delivery thread's pool initializer that raised would leave the channel without threads).
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any

log = logging.getLogger(__name__)


def chosen() -> int | None:
    """The CPU for the outbox's threads: the last one the program may use (the first ones are where
    the system handles most interrupts), or None when there is no choice to make."""
    allowed = _allowed()
    return max(allowed) if len(allowed) > 1 else None


def keep(cpu: int | None) -> Any:
    """Keep the calling thread on `cpu`; returns what `restore` needs to undo it (None: nothing done)."""
    if cpu is None:
        return None
    try:
        if sys.platform == "win32":
            return _windows_set(1 << cpu)
        if hasattr(os, "sched_setaffinity"):
            before = os.sched_getaffinity(0)      # pid 0: the calling thread (Linux sets it per thread)
            os.sched_setaffinity(0, {cpu})
            return before
    except Exception as exc:  # noqa: BLE001 - whatever the system says, the threads just run where they are
        log.debug("outbox threads stay where the system puts them: %s", type(exc).__name__)
    return None


def restore(before: Any) -> None:
    """Undo `keep` for the calling thread."""
    if before is None:
        return
    try:
        if sys.platform == "win32":
            _windows_set(before)
        else:
            os.sched_setaffinity(0, before)
    except Exception as exc:  # noqa: BLE001 - as in keep
        log.debug("could not give the thread back its CPUs: %s", type(exc).__name__)


def _allowed() -> set[int]:
    try:
        if sys.platform == "win32":
            mask = _windows_process_mask()
            return {n for n in range(mask.bit_length()) if mask >> n & 1}
        if hasattr(os, "sched_getaffinity"):
            return set(os.sched_getaffinity(0))
    except Exception as exc:  # noqa: BLE001 - as in keep: no choice is made
        log.debug("the program's CPUs are unknown: %s", type(exc).__name__)
    return set()


# --- Windows: the thread's affinity mask through kernel32 ------------------------------------------

def _kernel32() -> Any:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetCurrentThread.restype = wintypes.HANDLE
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    kernel32.SetThreadAffinityMask.argtypes = (wintypes.HANDLE, ctypes.c_size_t)
    kernel32.SetThreadAffinityMask.restype = ctypes.c_size_t
    kernel32.GetProcessAffinityMask.argtypes = (wintypes.HANDLE, ctypes.POINTER(ctypes.c_size_t),
                                                ctypes.POINTER(ctypes.c_size_t))
    kernel32.GetProcessAffinityMask.restype = wintypes.BOOL
    return kernel32


def _windows_process_mask() -> int:
    import ctypes

    kernel32 = _kernel32()
    process, system = ctypes.c_size_t(), ctypes.c_size_t()
    if not kernel32.GetProcessAffinityMask(kernel32.GetCurrentProcess(), ctypes.byref(process), ctypes.byref(system)):
        raise OSError(ctypes.get_last_error(), "GetProcessAffinityMask")
    return process.value


def _windows_set(mask: int) -> int:
    import ctypes

    kernel32 = _kernel32()
    before = kernel32.SetThreadAffinityMask(kernel32.GetCurrentThread(), mask)
    if not before:
        raise OSError(ctypes.get_last_error(), "SetThreadAffinityMask")
    return before
