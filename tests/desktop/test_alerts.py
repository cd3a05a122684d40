#!/usr/bin/python3
"""The alert engine on a real desktop: calm over time, across services and
across restarts.

Each scenario runs the real `vigie` on its own private headless desktop
(tray host, recording notification server) against Statuspage feeds served
on 127.0.0.1, and counts what a user would have seen: new bubbles (Notify
calls with no replaces_id) and updates in place.

 - a service flipping between operational and a major outage at every
   poll is told once, then updated in place as unstable; its recovery is
   told once it has held;
 - ten services going down together make one notice, updated in place;
 - an outage that began while Vigie was stopped is told after the restart;
 - "Mute for 1 hour" survives SIGKILL;
 - when no status page answers, the tray shows the offline icon and says
   why, services keep their state, and nothing is notified;
 - a notification server that appears after Vigie (a session still
   starting) is asked what it can do when there is news, not at start.
"""

import json
import os
import signal
import sys
import time

if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
        and os.path.exists("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gi.repository import GLib  # noqa: E402
from vigie_desktop import (DesktopSession, FeedServer, Tap, activate_action,  # noqa: E402
                           statuspage_summary, vigie_binary_or_skip, wait_until)

APP = "io.github.vigie.Vigie"
JSON = "application/json"

# gather, flap window, stable, storm window (seconds): the real windows,
# with a recovery that holds after 4 s instead of 10 min and a short gather
TIMING = "1,1800,4,180"
ICONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "icons")


def session_for(extra):
    return DesktopSession(extra_env=extra)


def bubbles(calls):
    return [c for c in calls if c["replaces_id"] == 0]


def scenario_flap(tap, vigie, extra):
    with FeedServer() as server, session_for(extra) as session:
        tap.failure_diag = session.dump_logs
        notes = session.notifications
        server.set("/flap.json", statuspage_summary("Acme", "operational"), content_type=JSON)
        session.spawn([vigie, "--feed=" + server.url("/flap.json"), "--poll-interval=1"],
                      name="vigie-flap")

        with tap.test("flapping: a flip at every poll for 30 s is one bubble"):
            session.tray(APP, timeout=20)
            server.wait_for_hits("/flap.json", 2, timeout=20)
            level = "major"
            end = time.monotonic() + 30
            while time.monotonic() < end:
                server.set("/flap.json", statuspage_summary("Acme", level), content_type=JSON)
                seen = len(server.hits("/flap.json"))
                server.wait_for_hits("/flap.json", seen + 1, timeout=10)
                level = "operational" if level == "major" else "major"
            calls = notes.calls()
            tap.diag("%d polls, %d Notify calls, %d bubbles: %s"
                     % (len(server.hits("/flap.json")), len(calls), len(bubbles(calls)),
                        [c["summary"] for c in calls]))
            assert len(bubbles(calls)) == 1, calls
            assert len(calls) <= 4, calls
            assert sum("unstable" in c["summary"] for c in calls) == 1, calls

        with tap.test("flapping: once it holds, the recovery updates the same bubble"):
            server.set("/flap.json", statuspage_summary("Acme", "operational"), content_type=JSON)
            wait_until(lambda: notes.last()["summary"] == "Acme is back to normal",
                       timeout=20, message="the recovery")
            calls = notes.calls()
            assert len(bubbles(calls)) == 1, calls
            assert calls[-1]["replaces_id"] == calls[0]["id"], calls


def scenario_storm(tap, vigie, extra):
    names = ["Tool %d" % i for i in range(10)]
    with FeedServer() as server, session_for(extra) as session:
        tap.failure_diag = session.dump_logs
        notes = session.notifications
        argv = [vigie, "--poll-interval=1"]
        for i, name in enumerate(names):
            server.set("/t%d.json" % i, statuspage_summary(name, "operational"),
                       content_type=JSON)
            argv.append("--feed=" + server.url("/t%d.json" % i))
        session.spawn(argv, name="vigie-storm")

        with tap.test("storm: ten tools down together make one notice"):
            session.tray(APP, timeout=20)
            for i in range(10):
                server.wait_for_hits("/t%d.json" % i, 2, timeout=20)
            for i, name in enumerate(names):
                server.set("/t%d.json" % i, statuspage_summary(name, "major"), content_type=JSON)
            session.tray(APP).wait_for_icon(APP + "-major-symbolic", timeout=20)
            wait_until(lambda: notes.count() > 0 and "8 other tools" in notes.last()["summary"],
                       timeout=20, message="one notice for all ten")
            time.sleep(3)
            calls = notes.calls()
            tap.diag("%d Notify calls: %s" % (len(calls), [c["summary"] for c in calls]))
            assert len(bubbles(calls)) == 1, calls
            assert notes.last()["summary"] == "Tool 0, Tool 1 and 8 other tools: major outage" \
                or notes.last()["summary"].endswith("and 8 other tools: major outage"), calls
            assert ("default", "Open") in notes.last()["actions"], notes.last()
            # run from a build tree, the server gets the icon's file
            assert notes.last()["app_icon"] == os.path.join(
                ICONS, "hicolor", "scalable", "apps", APP + ".svg"), notes.last()["app_icon"]

        with tap.test("storm: each tool keeps its own line in the tray menu"):
            tray = session.tray(APP)
            for name in names:
                tray.wait_for_menu(lambda m, n=name: any(label.startswith(n + " ")
                                                         for label in m.labels()),
                                   timeout=10, message=name + " in the menu")

        with tap.test("storm: the icon's accessible description follows the title"):
            for i in range(5):
                server.set("/t%d.json" % i, statuspage_summary(names[i], "operational"),
                           content_type=JSON)
            tray = session.tray(APP)
            wait_until(lambda: "Tool 0" not in (tray.prop("Title") or ""), timeout=20,
                       message="half of them back")
            assert tray.prop("IconName") == APP + "-major-symbolic", tray.prop("IconName")
            wait_until(lambda: tray.prop("IconAccessibleDesc") == tray.prop("Title"),
                       timeout=10, message="the description to follow the title")

        with tap.test("storm: their recovery ends the same notice"):
            for i, name in enumerate(names):
                server.set("/t%d.json" % i, statuspage_summary(name, "operational"),
                           content_type=JSON)
            wait_until(lambda: "Back to normal" in notes.last()["summary"], timeout=20,
                       message="the storm's end")
            calls = notes.calls()
            assert len(bubbles(calls)) == 1, calls
            assert calls[-1]["replaces_id"] == calls[0]["id"], calls


def scenario_restart_and_mute(tap, vigie, extra):
    with FeedServer() as server, session_for(extra) as session:
        tap.failure_diag = session.dump_logs
        notes = session.notifications
        state = session.path("state", "vigie", "state.json")
        argv = [vigie, "--feed=" + server.url("/a.json"), "--feed=" + server.url("/b.json"),
                "--poll-interval=1"]
        server.set("/a.json", statuspage_summary("Acme", "operational"), content_type=JSON)
        server.set("/b.json", statuspage_summary("Bolt", "operational"), content_type=JSON)
        app = session.spawn(argv, name="vigie-1")

        def read_state():
            with open(state, encoding="utf-8") as f:
                return json.load(f)

        with tap.test("restart: an outage that began while Vigie was stopped is told"):
            session.tray(APP, timeout=20)
            server.wait_for_hits("/a.json", 2, timeout=20)
            wait_until(lambda: os.path.exists(state), timeout=10, message="the saved baseline")
            activate_action(session, "quit")
            wait_until(lambda: app.poll() is not None, timeout=15, message="quit")
            server.set("/a.json", statuspage_summary("Acme", "major", "down1"),
                       content_type=JSON)
            app = session.spawn(argv, name="vigie-2")
            notes.wait_for_count(1, timeout=20)
            assert notes.last()["summary"] == "Acme: major outage", notes.calls()

        with tap.test("mute for 1 hour survives SIGKILL"):
            activate_action(session, "mute", GLib.Variant("(ss)", ("feed-2", "hour")))
            wait_until(lambda: "feed-2" in read_state().get("mutes", {}), timeout=10,
                       message="the mute saved")
            app.send_signal(signal.SIGKILL)
            app.wait(10)
            app = session.spawn(argv, name="vigie-3")
            session.tray(APP, timeout=20)
            seen = len(server.hits("/b.json"))
            server.set("/b.json", statuspage_summary("Bolt", "major", "down2"),
                       content_type=JSON)
            server.wait_for_hits("/b.json", seen + 5, timeout=20)
            time.sleep(2)
            calls = notes.calls()
            assert not any(c["summary"].startswith("Bolt") for c in calls), calls
            assert len(calls) == 1, calls

        with tap.test("a poll that changes nothing writes nothing"):
            before = os.stat(state).st_mtime_ns
            seen = len(server.hits("/a.json"))
            server.wait_for_hits("/a.json", seen + 4, timeout=20)
            time.sleep(2.5)
            assert os.stat(state).st_mtime_ns == before, "state.json was rewritten"


def scenario_unreachable(tap, vigie, extra):
    with session_for(extra) as session:
        tap.failure_diag = session.dump_logs
        notes = session.notifications
        server = FeedServer().start()
        try:
            server.set("/a.json", statuspage_summary("Acme", "minor"), content_type=JSON)
            server.set("/b.json", statuspage_summary("Bolt", "operational"), content_type=JSON)
            session.spawn([vigie, "--feed=" + server.url("/a.json"),
                           "--feed=" + server.url("/b.json"), "--poll-interval=1"],
                          name="vigie-offline")
            tray = session.tray(APP, timeout=20)
            tray.wait_for_icon(APP + "-minor-symbolic", timeout=20)
            # both pages read once: each has a last known state to keep
            server.wait_for_hits("/a.json", 2, timeout=20)
            server.wait_for_hits("/b.json", 2, timeout=20)
        finally:
            # every page now refuses connections: the network's fault
            server.stop()

        with tap.test("no status page answers: offline icon, the reason, no notification"):
            tray.wait_for_icon(APP + "-offline-symbolic", timeout=20)
            wait_until(lambda: "cannot be reached" in (tray.prop("Title") or ""), timeout=10,
                       message="the tray says why")
            time.sleep(6)   # past three failed polls of each
            assert notes.count() == 0, notes.calls()
            labels = tray.menu_labels()
            assert not any("Unknown" in label for label in labels), labels
            assert tray.prop("IconName") == APP + "-offline-symbolic", tray.prop("IconName")
            assert "cannot be reached" in tray.prop("IconAccessibleDesc"), \
                tray.prop("IconAccessibleDesc")
            # run from a build tree, the panel is told where the icons are
            assert tray.prop("IconThemePath") == ICONS, tray.prop("IconThemePath")


def scenario_late_notification_server(tap, vigie, extra):
    with FeedServer() as server, \
            DesktopSession(extra_env=extra, notification_server=False) as session:
        tap.failure_diag = session.dump_logs
        server.set("/a.json", statuspage_summary("Acme", "operational"), content_type=JSON)
        session.spawn([vigie, "--feed=" + server.url("/a.json"), "--poll-interval=1"],
                      name="vigie-late-server")
        session.tray(APP, timeout=20)
        server.wait_for_hits("/a.json", 2, timeout=20)

        with tap.test("a notification server started after Vigie gets actions"):
            session.start_notification_server()
            notes = session.notifications
            server.set("/a.json", statuspage_summary("Acme", "major", "down1"),
                       content_type=JSON)
            notes.wait_for_count(1, timeout=20)
            last = notes.last()
            assert last["summary"] == "Acme: major outage", last
            assert any(key == "default" for key, _ in last["actions"]), last["actions"]


def main():
    tap = Tap()
    vigie = vigie_binary_or_skip(tap)

    extra = {"TZ": "UTC",
             "VIGIE_TEST_ALERT_TIMING": TIMING,
             "VIGIE_ICON_THEME_PATH": ICONS,
             # GTK and fontconfig keep caches for the process' life; Vigie's own
             # leaks are checked by the unit tests and by valgrind
             "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1"}

    scenario_flap(tap, vigie, extra)
    scenario_storm(tap, vigie, extra)
    scenario_restart_and_mute(tap, vigie, extra)
    scenario_unreachable(tap, vigie, extra)
    scenario_late_notification_server(tap, vigie, extra)
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
