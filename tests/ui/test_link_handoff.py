"""A second start with a link hands it to the InterviewDesk already running for this user and data
folder, over a local socket (the second start's blocking hand-over
runs in a second process, the running app's server in this test's event loop); bad links are answered "bad" and
open nothing; links that come before anyone signed in wait for the window."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path

from scheduling_ui import book, idle, local

from desktop.core.errors import BadLink
from desktop.core.paths import app_dirs
from desktop.ui import links
from desktop.ui.main_window import MainWindow
from desktop.ui.messages import describe

ROOT = Path(__file__).resolve().parents[2]


def unique_name() -> str:
    return f"InterviewDesk-test-{uuid.uuid4().hex[:12]}"


def second_start(*args: str) -> subprocess.Popen:
    """Another process on this computer, as Windows starts one for a link: `python -m desktop ...`,
    or (with "--raw NAME LINK") one that only sends LINK to the socket NAME and prints the answer."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    if args[0] == "--raw":
        code = ("import sys; from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]); "
                "from desktop.ui.links import hand_over; print(hand_over(sys.argv[1], sys.argv[2]))")
        command = [sys.executable, "-c", code, *args[1:]]
    else:
        command = [sys.executable, "-m", "desktop", *args]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(qtbot, process: subprocess.Popen) -> tuple[int, str]:
    """Serve this process's event loop until the other process has ended."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
    out, _err = process.communicate()
    return process.returncode, out.strip()


def test_a_link_reaches_the_running_app_and_a_bad_one_is_refused(qtbot):
    server = links.LinkServer(unique_name())
    assert server.listen()
    received: list[int] = []
    server.deliver_to(received.append)
    try:
        assert finished(qtbot, second_start("--raw", server.name, "interviewdesk://interview/42")) == (0, "True")
        assert received == [42]
        for bad in ("https://example.cn/interview/42", "interviewdesk://interview/abc", "x" * 5000):
            assert finished(qtbot, second_start("--raw", server.name, bad)) == (0, "False")
        assert received == [42] and server.refused == 3
    finally:
        server.close()


def test_the_app_started_with_a_link_hands_it_over_and_ends(qtbot):
    server = links.LinkServer(links.server_name(app_dirs().data))    # the app running for this user
    assert server.listen()
    received: list[int] = []
    server.deliver_to(received.append)
    try:
        code, _out = finished(qtbot, second_start("--open", "interviewdesk://interview/42/"))
        assert code == 0 and received == [42]
    finally:
        server.close()


def test_nobody_listening_means_this_start_becomes_the_app(qtbot):
    name = unique_name()
    assert links.hand_over(name, "42", timeout_ms=300) is False
    first = links.LinkServer(name)
    assert first.listen()
    second = links.LinkServer(name)
    try:
        assert not second.listen()               # a running app keeps its name
    finally:
        first.close()
    assert second.listen()                       # once it has ended, the next start listens
    second.close()


def test_links_wait_until_someone_is_signed_in(qtbot):
    server = links.LinkServer(unique_name())
    assert server.listen()
    try:
        assert finished(qtbot, second_start("--raw", server.name, "interviewdesk://interview/7")) == (0, "True")
        assert server.pending == [7]
        received: list[int] = []
        server.deliver_to(received.append)
        assert received == [7] and server.pending == []
    finally:
        server.close()


def test_the_name_is_per_user_and_data_folder(tmp_path: Path):
    one = links.server_name(tmp_path / "a", "wangfang")
    assert one == links.server_name(tmp_path / "a", "wangfang")
    assert one != links.server_name(tmp_path / "b", "wangfang") != links.server_name(tmp_path / "a", "lihua")


def test_a_refused_link_is_worded_for_the_user():
    assert describe(BadLink("x", reason="kind")) == (
        "无法打开此链接：链接指向的不是面试。面试链接的格式为 interviewdesk://interview/123。")


def test_a_handed_over_link_opens_the_interview_on_my_interviews(qtbot, make_ctx, world, clock):
    monday = date(2026, 11, 23)
    clock.set(local(monday, 8, 0))
    interview_id = book(world, 0, local(monday, 10))
    window = MainWindow(make_ctx(world.wang), reminder_interval_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, window.ctx)
    window.open_page("today")
    server = links.LinkServer(unique_name())
    assert server.listen()
    server.deliver_to(window.open_link)
    try:
        process = second_start("--raw", server.name, f"interviewdesk://interview/{interview_id}")
        assert finished(qtbot, process) == (0, "True")
        idle(qtbot, window.ctx)
        assert window.stack.currentWidget() is window.pages["desk"]
        assert window.pages["desk"].detail.interview_id == interview_id
    finally:
        server.close()
