#!/usr/bin/python3
"""End-to-end test of the tray menu with many services.

Vigie watching 50 feeds on a private headless desktop: the menu read over
D-Bus (com.canonical.dbusmenu) must not grow with healthy services, and
must fit on a 768-pixel-high screen even when many services are in trouble
at once.

usage: test_tray_many.py
"""

import json
import os
import sys
import time

if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
        and os.path.exists("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vigie_desktop import (DesktopSession, FeedServer, Tap,  # noqa: E402
                           vigie_binary_or_skip, wait_until)

from gi.repository import Gio, GLib  # noqa: E402

APP = "io.github.vigie.Vigie"
N_SERVICES = 50

# Adwaita's GTK 3 menus: a menu item is about 26 px high, a separator 9 px;
# with the panel and some margin, a 768-px screen leaves about 700 px.
ITEM_PX = 30
SEPARATOR_PX = 10
SCREEN_PX = 700


def statuspage(n, level):
    indicator = {"operational": "none", "minor": "minor", "major": "major"}[level]
    component = {"operational": "operational", "minor": "degraded_performance",
                 "major": "partial_outage"}[level]
    return json.dumps({
        "page": {"id": "s%d" % n, "name": "Service %02d" % n,
                 "url": "https://status.s%d.example" % n},
        "status": {"indicator": indicator, "description": "status"},
        "components": [{"id": "c1", "name": "API", "status": component}],
        "incidents": [],
        "scheduled_maintenances": [],
    })


def height(root):
    """Pixels the visible top level of the menu takes, roughly."""
    items = [c for c in root.children if c.visible]
    separators = sum(1 for c in items if c.type == "separator")
    return (len(items) - separators) * ITEM_PX + separators * SEPARATOR_PX


def main():
    tap = Tap()
    vigie = vigie_binary_or_skip(tap)

    extra = {"TZ": "UTC", "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1"}
    paths = ["/s%d/api/v2/summary.json" % n for n in range(1, N_SERVICES + 1)]

    with FeedServer() as server, DesktopSession(extra_env=extra) as session:
        tap.failure_diag = session.dump_logs

        def set_levels(troubled):
            for n, path in enumerate(paths, 1):
                level = "major" if n in troubled else "operational"
                server.set(path, statuspage(n, level), content_type="application/json")

        # the first answers come late: the menu says the checks are under way
        for n, path in enumerate(paths, 1):
            server.set(path, statuspage(n, "operational"), content_type="application/json",
                       delay=4.0)
        app = session.spawn([vigie, "--background", "--poll-interval=1"]
                            + ["--feed=" + server.url(p) for p in paths], name="vigie")
        tray = session.tray(APP, timeout=30)

        with tap.test("before the first answers: one line, no line per service"):
            tray.wait_for_menu_label("Checking %d services…" % N_SERVICES, timeout=20)
            labels = tray.menu_labels()
            assert not any(label.startswith("Service ") for label in labels), labels
            set_levels(())

        with tap.test("50 healthy services: one line counts them"):
            tray.wait_for_menu_label("%d services operational" % N_SERVICES, timeout=60)
            labels = tray.menu_labels()
            assert not any(label.startswith("Service ") for label in labels), labels
            assert len(labels) <= 8, labels
            assert height(tray.menu()) <= SCREEN_PX

        context = GLib.MainContext.default()

        def menu_signals():
            """Starts recording the dbusmenu signals of the tray's menu."""
            signals = []
            sid = session.bus.connection.signal_subscribe(
                tray.service, "com.canonical.dbusmenu", None, tray.menu_path, None,
                Gio.DBusSignalFlags.NONE, lambda *args: signals.append(args[4]))
            return signals, sid

        def stop_recording(sid):
            while context.iteration(False):
                pass
            session.bus.connection.signal_unsubscribe(sid)

        with tap.test("polls that change nothing send no menu update"):
            signals, sid = menu_signals()
            try:
                target = {p: len(server.hits(p)) + 2 for p in paths}
                deadline = time.monotonic() + 30
                while any(len(server.hits(p)) < n for p, n in target.items()):
                    assert time.monotonic() < deadline, "the feeds were not polled twice"
                    while context.iteration(False):
                        pass
                    time.sleep(0.05)
            finally:
                stop_recording(sid)
            assert signals == [], signals

        with tap.test("3 in trouble: a line each, worst first, the others counted"):
            signals, sid = menu_signals()
            set_levels({7, 21, 40})
            tray.wait_for_menu_label("47 other services operational", timeout=30)
            stop_recording(sid)
            # (and the recording above does hear the menu change)
            assert signals, signals
            root = tray.menu()
            labels = root.labels()
            lines = [label for label in labels if label.startswith("Service ")]
            assert lines == ["Service 07 — Major outage", "Service 21 — Major outage",
                             "Service 40 — Major outage"], labels
            line = root.find("Service 21 — Major outage")
            assert line.labels() == ["Open", "Mute for 1 Hour", "Mute Until Resolved"], \
                line.labels()

        with tap.test("30 in trouble: the menu still fits on a 768-px screen"):
            set_levels(set(range(1, 31)))
            tray.wait_for_menu_label("40 other services", timeout=30)
            root = tray.menu()
            lines = [label for label in root.labels() if label.startswith("Service ")]
            assert len(lines) == 10, lines
            assert height(root) <= SCREEN_PX, (height(root), root.labels())

        with tap.test("back to normal: the lines go"):
            set_levels(())
            tray.wait_for_menu_label("%d services operational" % N_SERVICES, timeout=30)
            labels = tray.menu_labels()
            assert not any(label.startswith("Service ") for label in labels), labels

        with tap.test("quit"):
            tray.click("Quit")
            wait_until(lambda: app.poll() is not None, timeout=15)
            assert app.returncode == 0, app.returncode

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
