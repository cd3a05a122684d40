#!/usr/bin/python3
"""End-to-end test of the settings, mutes and start in the background.

Runs the real `vigie` on a private headless desktop with its real
settings: the keyfile GSettings backend ($XDG_CONFIG_HOME/glib-2.0/settings/
keyfile, which the app watches, so that the test changes settings while it
runs) and the schema compiled in the build tree.  Checks, as a panel and a
notification server see it:

  - a custom feed in the settings is watched; selecting a catalog service
    live polls it at once;
  - quiet hours hold an outage that starts and ends while they last, and
    tell it once, resolved, in a digest when they end;
  - "Pause Notifications" in the tray writes paused-until, and nothing is
    notified until it is resumed;
  - "Mute for 1 Hour" on a notification, and a service's submenu in the
    tray (mute until resolved, unmute) change what is notified;
  - `vigie --background` starts with the tray icon only (no window), a
    second `vigie` opens the window, and without any tray host the window
    opens by itself after a few seconds.

usage: test_settings_desktop.py
"""

import datetime
import json
import os
import sys

if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
        and os.path.exists("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vigie_desktop import (DesktopSession, FeedServer, Tap, missing_components,  # noqa: E402
                           wait_until)

from gi.repository import GLib  # noqa: E402

APP = "io.github.vigie.Vigie"
GROUP = "io/github/vigie/Vigie"
ACME = "/acme/api/v2/summary.json"
BETA = "/beta/api/v2/summary.json"
ZOOM = "/status.zoom.us/api/v2/summary.json"


def statuspage(name, level):
    """A Statuspage summary.json for the page ``name`` at a level."""
    indicator = {"operational": "none", "minor": "minor", "major": "major",
                 "critical": "critical"}[level]
    component = {"operational": "operational", "minor": "degraded_performance",
                 "major": "partial_outage", "critical": "major_outage"}[level]
    slug = name.lower()
    doc = {
        "page": {"id": slug, "name": name, "url": "https://status.%s.example" % slug},
        "status": {"indicator": indicator, "description": name + " status"},
        "components": [{"id": "c1", "name": "API", "status": component}],
        "incidents": [],
        "scheduled_maintenances": [],
    }
    if level != "operational":
        doc["incidents"].append({
            "id": slug + "-1", "name": "API errors", "status": "investigating",
            "impact": level, "shortlink": "https://status.%s.example/i/1" % slug,
            "started_at": "2026-11-28T09:14:00Z", "created_at": "2026-11-28T09:14:00Z",
            "updated_at": "2026-11-28T09:40:00Z",
            "incident_updates": [{"id": "u1", "status": "investigating", "body": "Looking.",
                                  "created_at": "2026-11-28T09:40:00Z",
                                  "display_at": "2026-11-28T09:40:00Z"}],
            "components": [{"name": "API"}],
        })
    return json.dumps(doc)


class Settings:
    """The keyfile the app reads its settings from, and watches."""

    def __init__(self, session):
        self.path = session.path("config", "glib-2.0", "settings", "keyfile")
        os.makedirs(os.path.dirname(self.path), exist_ok=True)

    def _load(self):
        keyfile = GLib.KeyFile()
        if os.path.exists(self.path):
            keyfile.load_from_file(self.path, GLib.KeyFileFlags.NONE)
        return keyfile

    def set(self, **values):
        """Set keys (underscores for dashes) to GVariant texts, atomically."""
        keyfile = self._load()
        for key, value in values.items():
            keyfile.set_string(GROUP, key.replace("_", "-"), value)
        data = keyfile.to_data()[0]
        tmp = self.path + ".new"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, self.path)

    def get(self, key):
        try:
            return self._load().get_string(GROUP, key)
        except GLib.Error:
            return None


def window_exported(session):
    """Whether the app's first GtkApplicationWindow exists (GtkApplication
    exports each window's actions at <app path>/window/<id>)."""
    try:
        xml = session.bus.call(APP, "/io/github/vigie/Vigie/window/1",
                               "org.freedesktop.DBus.Introspectable", "Introspect",
                               reply_type="(s)", timeout_ms=2000)[0]
    except GLib.Error:
        return False
    return "org.gtk.Actions" in xml


def minutes_utc(delta):
    now = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=delta)
    return (now.hour * 60 + now.minute) % (24 * 60)


def main():
    tap = Tap()
    missing = missing_components()
    if missing:
        tap.skip_all("missing on this machine: " + ", ".join(missing))
    vigie = os.environ.get("VIGIE_BINARY")
    schemas = os.environ.get("GSETTINGS_SCHEMA_DIR")
    if not vigie or not schemas:
        tap.skip_all("VIGIE_BINARY or GSETTINGS_SCHEMA_DIR is not set (run through meson test)")

    with FeedServer() as server:
        extra = {"TZ": "UTC",
                 "GSETTINGS_BACKEND": "keyfile",
                 "GSETTINGS_SCHEMA_DIR": schemas,
                 "VIGIE_TEST_FEED_BASE": server.url("/"),
                 "VIGIE_TEST_AUTOSTART": "file",
                 "G_MESSAGES_DEBUG": "vigie-application,vigie-settings",
                 "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1"}

        def polled(*paths, n=2):
            for path in paths:
                server.wait_for_hits(path, len(server.hits(path)) + n, timeout=20)

        for path, name in ((ACME, "Acme"), (BETA, "Beta"), (ZOOM, "Zoom")):
            server.set(path, statuspage(name, "operational"), content_type="application/json")

        with DesktopSession(extra_env=extra) as session:
            tap.failure_diag = session.dump_logs
            notes = session.notifications
            settings = Settings(session)

            # -- Run 1: the settings' services, quiet hours, pause ----------
            settings.set(selected_services="@as []",
                         custom_feeds="[('Acme', '%s')]" % server.url(ACME),
                         quiet_hours_enabled="true",
                         quiet_hours_start=str(minutes_utc(-60)),
                         quiet_hours_end=str(minutes_utc(120)),
                         quiet_hours_allow_critical="false",
                         poll_interval="30")
            app = session.spawn([vigie, "--poll-interval=1"], name="vigie-settings")
            tray = session.tray(APP, timeout=20)

            with tap.test("a custom feed of the settings is watched"):
                tray.wait_for_menu_label("1 service operational", timeout=20)
                polled(ACME)
                assert notes.count() == 0, notes.calls()
                assert not server.hits(ZOOM)

            with tap.test("a catalog service selected live is polled at once"):
                settings.set(selected_services="['zoom']")
                server.wait_for_hits(ZOOM, 1, timeout=20)
                tray.wait_for_menu_label("2 services operational", timeout=20)

            with tap.test("quiet hours hold an outage that starts and ends"):
                server.set(ACME, statuspage("Acme", "major"), content_type="application/json")
                tray.wait_for_icon(APP + "-major-symbolic", timeout=20)
                # the custom feed is shown under its name, with the others counted
                tray.wait_for_menu_label("Acme — Major outage", timeout=10)
                tray.wait_for_menu_label("1 other service operational", timeout=10)
                polled(ACME)
                server.set(ACME, statuspage("Acme", "operational"),
                           content_type="application/json")
                tray.wait_for_icon(APP + "-operational-symbolic", timeout=20)
                polled(ACME)
                assert notes.count() == 0, notes.calls()

            with tap.test("when they end: one digest, the outage told once, resolved"):
                settings.set(quiet_hours_enabled="false")
                call = notes.wait_for_count(1, timeout=20)[0]
                assert call["summary"] == "While you were away:", call
                lines = call["body"].splitlines()
                assert len(lines) == 1, lines
                # the feed says it began at 09:14; it ended a moment ago
                assert lines[0].startswith("Acme, major outage from "), lines
                assert "09:14 to " in lines[0], lines
                polled(ACME)
                assert notes.count() == 1, notes.calls()

            with tap.test("Pause Notifications writes paused-until; nothing is told"):
                tray.click(tray.menu().find("Pause Notifications").find("For 1 Hour"))
                wait_until(lambda: int(settings.get("paused-until") or "0") > 0, timeout=10)
                paused = int(settings.get("paused-until"))
                now = datetime.datetime.now(datetime.timezone.utc).timestamp()
                assert 3500 < paused - now <= 3601, paused - now
                tray.wait_for_menu(lambda m: any(label.startswith("Notifications paused until")
                                                 for label in m.labels()), timeout=10)
                # the note sits just above the submenu
                labels = [item.label for item in tray.menu().children if item.visible]
                note = [i for i, label in enumerate(labels)
                        if label.startswith("Notifications paused until")]
                assert note and labels[note[0] + 1] == "Pause Notifications", labels
                server.set(ACME, statuspage("Acme", "critical"), content_type="application/json")
                tray.wait_for_icon(APP + "-critical-symbolic", timeout=20)
                polled(ACME)
                assert notes.count() == 1, notes.calls()[1:]

            with tap.test("Resume writes 0"):
                tray.click(tray.menu().find("Pause Notifications").find("Resume Notifications"))
                wait_until(lambda: settings.get("paused-until") == "int64 0"
                           or settings.get("paused-until") == "0", timeout=10)
                tray.wait_for_menu(lambda m: not any(
                    label.startswith("Notifications paused until") for label in m.labels()),
                    timeout=10)
                server.set(ACME, statuspage("Acme", "operational"),
                           content_type="application/json")
                tray.wait_for_icon(APP + "-operational-symbolic", timeout=20)
                polled(ACME)
                # the outage was never told: neither is its end
                assert notes.count() == 1, notes.calls()[1:]

            with tap.test("quit"):
                tray.click("Quit")
                wait_until(lambda: app.poll() is not None, timeout=15)
                assert app.returncode == 0, app.returncode

            # -- Run 2: --feed overrides the services; mutes ----------------
            before = notes.count()
            app = session.spawn([vigie, "--feed=" + server.url(ACME), "--feed=" + server.url(BETA),
                                 "--poll-interval=1"], name="vigie-mutes")
            tray = session.tray(APP, timeout=20)

            def service_line(root, service):
                """A service's line in the tray, whatever its state, or None."""
                for item in root.children:
                    if item.visible and item.label.startswith(service + " — "):
                        return item
                return None

            def mute_menu(service, item):
                return service_line(tray.menu(), service).find(item)

            def mute_note(root, service):
                line = service_line(root, service)
                return [i.label for i in line.children
                        if i.visible and i.label.startswith(service + " (muted until ")] \
                    if line is not None else []

            with tap.test("--feed watches its feeds for the run, and leaves the settings"):
                tray.wait_for_menu_label("2 services operational", timeout=20)
                labels = tray.menu_labels()
                assert not any(label.startswith("Zoom") for label in labels), labels
                assert settings.get("selected-services") == "['zoom']", \
                    settings.get("selected-services")

            with tap.test("Mute for 1 Hour on a notification: its news is not told"):
                server.set(ACME, statuspage("Acme", "minor"), content_type="application/json")
                call = notes.wait_for_count(before + 1, timeout=20)[-1]
                assert call["summary"] == "Acme: minor incident", call
                assert ("mute-hour", "Mute for 1 Hour") in call["actions"], call["actions"]
                assert ("mute-resolved", "Mute Until Resolved") in call["actions"], \
                    call["actions"]
                notes.click(call["id"], "mute-hour")
                tray.wait_for_menu(lambda m: mute_note(m, "Acme"), timeout=10)
                server.set(ACME, statuspage("Acme", "major"), content_type="application/json")
                tray.wait_for_icon(APP + "-major-symbolic", timeout=20)
                polled(ACME)
                assert notes.count() == before + 1, notes.calls()[before:]

            with tap.test("another service is still told"):
                server.set(BETA, statuspage("Beta", "minor"), content_type="application/json")
                call = notes.wait_for_count(before + 2, timeout=20)[-1]
                assert call["summary"] == "Beta: minor incident", call

            with tap.test("Mute a Service, until resolved: then one recovery notice"):
                tray.wait_for_menu(lambda m: service_line(m, "Beta") is not None, timeout=10)
                tray.click(mute_menu("Beta", "Mute Until Resolved"))
                tray.wait_for_menu(
                    lambda m: mute_note(m, "Beta") == ["Beta (muted until resolved)"],
                    timeout=10)
                server.set(BETA, statuspage("Beta", "major"), content_type="application/json")
                polled(BETA)
                assert notes.count() == before + 2, notes.calls()[before:]
                server.set(BETA, statuspage("Beta", "operational"),
                           content_type="application/json")
                call = notes.wait_for_count(before + 3, timeout=20)[-1]
                assert call["summary"].startswith("Beta is back to normal"), call
                polled(BETA)
                assert notes.count() == before + 3, notes.calls()[before:]
                # unmuted and healthy again: no line of its own
                tray.wait_for_menu(lambda m: service_line(m, "Beta") is None, timeout=10)

            with tap.test("Unmute from the tray: news is told again"):
                tray.click(mute_menu("Acme", "Unmute"))
                tray.wait_for_menu(lambda m: service_line(m, "Acme") is not None
                                   and not mute_note(m, "Acme")
                                   and service_line(m, "Acme").find("Unmute") is None,
                                   timeout=10)
                server.set(ACME, statuspage("Acme", "critical"), content_type="application/json")
                call = notes.wait_for_count(before + 4, timeout=20)[-1]
                assert call["summary"] == "Acme: critical outage", call

            with tap.test("Preferences is in the tray menu, before Quit"):
                labels = tray.menu_labels()
                assert labels[0] == "Open Vigie", labels
                assert labels[-1] == "Quit", labels
                assert labels[-2] == "Preferences", labels
                tray.click("Preferences")
                tray.click("Quit")
                wait_until(lambda: app.poll() is not None, timeout=15)
                assert app.returncode == 0, app.returncode

            # -- Run 3: --background -----------------------------------------
            app = session.spawn([vigie, "--background", "--feed=" + server.url(ACME),
                                 "--poll-interval=1"], name="vigie-background")

            with tap.test("--background: the tray icon, no window"):
                tray = session.tray(APP, timeout=20)
                polled(ACME)
                assert not window_exported(session)

            with tap.test("--background: the polls wait for the tray item to register"):
                log = session.log("vigie-background")
                assert "polls start: the tray item has registered" in log, log[-2000:]

            with tap.test("a second `vigie --background` does nothing"):
                second = session.spawn([vigie, "--background"], name="vigie-second-background")
                assert second.wait(20) == 0
                assert not window_exported(session)

            with tap.test("a second `vigie` opens the window"):
                second = session.spawn([vigie], name="vigie-second")
                assert second.wait(20) == 0
                wait_until(lambda: window_exported(session), timeout=10)
                tray.click("Quit")
                wait_until(lambda: app.poll() is not None, timeout=15)
                assert app.returncode == 0, app.returncode

        # -- Run 4: --background with no tray host ---------------------------
        with DesktopSession(extra_env=extra, tray_host=False) as session:
            tap.failure_diag = session.dump_logs
            app = session.spawn([vigie, "--background", "--feed=" + server.url(ACME),
                                 "--poll-interval=1"], name="vigie-no-tray")

            with tap.test("--background with no tray host: the polls start all the same"):
                polled(ACME)
                assert "polls start: no tray item after 300 ms" in session.log("vigie-no-tray"), \
                    session.log("vigie-no-tray")[-2000:]

            with tap.test("--background with no tray host: the window opens by itself"):
                wait_until(lambda: window_exported(session), timeout=20)
                assert "No tray host" in session.log("vigie-no-tray"), \
                    session.log("vigie-no-tray")[-2000:]
                session.stop_process(app)

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
