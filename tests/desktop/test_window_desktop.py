#!/usr/bin/python3
"""End-to-end test of the window's side of Vigie, and of the demo beside it.

Runs the real `vigie` on a private headless desktop (see README.md).  The
window itself cannot be read over D-Bus (no accessibility bus here): what
it shows is read from its debug log (G_MESSAGES_DEBUG=vigie-window …),
where it writes its rows' order, its banners and its rows' mute notes
when they change.  Its menus activate the application's actions, which
the test activates the same way, over org.gtk.Actions.  Checks:

  - the window lists the services worst first;
  - "Pause Notifications ▸ For 1 Hour" (app.pause) shows in the window's
    banner and the tray's note, and nothing is notified; Resume ends both;
  - a row's "Mute for 1 Hour" (app.mute) shows in the row and in the tray,
    and that service's news is not told while another's is;
  - a second `vigie --feed=…` while Vigie runs refuses, with a message and
    exit status 64;
  - `vigie --demo` beside the running Vigie plays as its own instance,
    labelled as a replay in the window, the tray and its notifications,
    and offers to quit when the day is over.

usage: test_window_desktop.py LOCALE
"""

import json
import os
import sys

if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
        and os.path.exists("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vigie_desktop import (DesktopSession, FeedServer, Tap, Tray,  # noqa: E402
                           vigie_binary_or_skip, wait_until)

from gi.repository import GLib  # noqa: E402

APP = "io.github.vigie.Vigie"
APP_PATH = "/io/github/vigie/Vigie"
ACME = "/acme/api/v2/summary.json"
BETA = "/beta/api/v2/summary.json"
GAMMA = "/gamma/api/v2/summary.json"
NBSP = "\u00a0"

TEXTS = {
    "fr_FR.UTF-8": {
        "paused": "Notifications en pause jusqu’",
        "muted_tray": "Beta (en sourdine jusqu’",
        "muted_row": "feed-2: En sourdine jusqu’",
        "summary": "{name}" + NBSP + ": {phrase}",
        "major": "panne majeure",
        "refused": "Vigie est déjà lancé",
        "replay": "Vigie — Rediffusion du 4 janvier 2021",
        "replay_banner": "Ceci est une rediffusion accélérée de la panne de Slack du 4 janvier 2021",
        "over_banner": "La rediffusion du 4 janvier 2021 est terminée",
        "replay_tray": "Rediffusion du 4 janvier 2021",
        "over_tray": "La rediffusion est terminée",
        "quit": "Quitter",
    },
    "en_US.UTF-8": {
        "paused": "Notifications paused until ",
        "muted_tray": "Beta (muted until ",
        "muted_row": "feed-2: Muted until ",
        "summary": "{name}: {phrase}",
        "major": "major outage",
        "refused": "Vigie is already running",
        "replay": "Vigie — Replay of 4 January 2021",
        "replay_banner": "This is a replay of Slack’s outage of 4 January 2021",
        "over_banner": "The replay of 4 January 2021 is over",
        "replay_tray": "Replay of 4 January 2021",
        "over_tray": "The replay is over",
        "quit": "Quit",
    },
}


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
            "id": slug + "-1", "name": name + " API errors", "status": "investigating",
            "impact": level, "shortlink": "https://status.%s.example/i/1" % slug,
            "started_at": "2026-11-28T09:14:00Z", "created_at": "2026-11-28T09:14:00Z",
            "updated_at": "2026-11-28T09:40:00Z",
            "incident_updates": [{"id": "u1", "status": "investigating", "body": "Looking.",
                                  "created_at": "2026-11-28T09:40:00Z",
                                  "display_at": "2026-11-28T09:40:00Z"}],
            "components": [{"name": "API"}],
        })
    return json.dumps(doc)


def main():
    lang = sys.argv[1] if len(sys.argv) > 1 else "en_US.UTF-8"
    text = TEXTS[lang]
    tap = Tap()
    vigie = vigie_binary_or_skip(tap, lang)

    extra = {"VIGIE_LOCALEDIR": os.environ.get("VIGIE_LOCALEDIR", ""),
             "TZ": "UTC",
             "G_MESSAGES_DEBUG": "vigie-window vigie-service-row",
             "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1"}

    with FeedServer() as server, DesktopSession(lang=lang, extra_env=extra) as session:
        tap.failure_diag = session.dump_logs
        notes = session.notifications

        def activate(action, *parameter):
            """What a window menu item does: an app action, over org.gtk.Actions."""
            session.bus.call(APP, APP_PATH, "org.gtk.Actions", "Activate",
                             GLib.Variant("(sava{sv})", (action, list(parameter), {})))

        def polled(*paths):
            for path in paths:
                server.wait_for_hits(path, len(server.hits(path)) + 2, timeout=20)

        def logged(needle, name="vigie"):
            wait_until(lambda: needle in session.log(name), timeout=20,
                       message="%r in the log of %s" % (needle, name))

        server.set(ACME, statuspage("Acme", "operational"), content_type="application/json")
        server.set(BETA, statuspage("Beta", "major"), content_type="application/json")
        server.set(GAMMA, statuspage("Gamma", "minor"), content_type="application/json")
        app = session.spawn([vigie, "--feed=" + server.url(ACME), "--feed=" + server.url(BETA),
                             "--feed=" + server.url(GAMMA), "--poll-interval=1"], name="vigie")
        tray = session.tray(APP, timeout=20)

        with tap.test("the window lists the services worst first"):
            logged("rows: Beta (major), Gamma (minor), Acme (operational)")
            polled(ACME, BETA, GAMMA)
            # the first check is a silent baseline
            assert notes.count() == 0, notes.calls()

        with tap.test("Pause for 1 hour: a banner in the window, a note in the tray"):
            activate("pause", GLib.Variant("s", "hour"))
            logged("banner paused: " + text["paused"])
            tray.wait_for_menu(lambda m: any(label.startswith(text["paused"])
                                             for label in m.labels()), timeout=10)

        with tap.test("while paused, nothing is notified"):
            server.set(ACME, statuspage("Acme", "critical"), content_type="application/json")
            tray.wait_for_icon(APP + "-critical-symbolic", timeout=20)
            logged("rows: Acme (critical), Beta (major), Gamma (minor)")
            polled(ACME)
            assert notes.count() == 0, notes.calls()

        with tap.test("Resume: the banner and the note go"):
            activate("pause", GLib.Variant("s", "resume"))
            logged("banner paused hidden")
            tray.wait_for_menu(lambda m: not any(label.startswith(text["paused"])
                                                 for label in m.labels()), timeout=10)
            server.set(ACME, statuspage("Acme", "operational"), content_type="application/json")
            tray.wait_for_icon(APP + "-major-symbolic", timeout=20)
            polled(ACME)
            # the outage was never told: neither is its end
            assert notes.count() == 0, notes.calls()

        with tap.test("a row's Mute for 1 Hour: in the row and in the tray"):
            activate("mute", GLib.Variant("(ss)", ("feed-2", "hour")))
            logged(text["muted_row"])
            # the muted service's own line says until when, in its submenu
            tray.wait_for_menu(lambda m: any(item.visible and item.label.startswith(
                                                 text["muted_tray"]) for item in m.walk()),
                               timeout=10)

        with tap.test("the muted service's news is not told, another's is"):
            server.set(BETA, statuspage("Beta", "critical"), content_type="application/json")
            server.set(GAMMA, statuspage("Gamma", "major"), content_type="application/json")
            call = notes.wait_for_count(1, timeout=20)[0]
            assert call["summary"] == text["summary"].format(name="Gamma", phrase=text["major"]), \
                call
            polled(BETA, GAMMA)
            summaries = [c["summary"] for c in notes.calls()]
            assert not any(s.startswith("Beta") for s in summaries), summaries

        with tap.test("About Vigie and Keyboard Shortcuts open, without a warning"):
            activate("about")
            session.bus.call(APP, APP_PATH + "/window/1", "org.gtk.Actions", "Activate",
                             GLib.Variant("(sava{sv})", ("show-help-overlay", [], {})))
            # a round trip through the app: both dialogs were built by then
            activate("refresh")
            polled(ACME)
            log = session.log("vigie")
            assert "CRITICAL" not in log and "WARNING" not in log, log[-3000:]
            assert app.poll() is None

        with tap.test("vigie --feed=… while Vigie runs: refused, exit 64"):
            second = session.spawn([vigie, "--feed=" + server.url(ACME)], name="vigie-second")
            assert second.wait(20) == 64, second.returncode
            assert text["refused"] in session.log("vigie-second"), session.log("vigie-second")

        before = notes.count()
        demo = session.spawn([vigie, "--demo", "--demo-speed=16"], name="vigie-demo")

        def demo_tray():
            for service, path in Tray.entries(session.bus):
                item = Tray(session.bus, service, path)
                try:
                    if item.title.startswith(text["replay_tray"] + " — ") \
                            or item.title.startswith(text["over_tray"] + " — "):
                        return item
                except GLib.Error:
                    continue
            return None

        with tap.test("vigie --demo beside a running Vigie plays, as its own instance"):
            replay_tray = wait_until(demo_tray, timeout=20, message="the demo's tray item")
            assert replay_tray.service != tray.service, (replay_tray, tray)
            assert app.poll() is None
            assert tray.is_registered()

        with tap.test("the demo is labelled: window, tray title and menu, notifications"):
            logged("banner replay: " + text["replay_banner"], name="vigie-demo")
            assert replay_tray.menu_labels()[0] == text["replay_tray"], replay_tray.menu_labels()
            wait_until(lambda: notes.count() > before, timeout=60)
            demo_calls = notes.calls()[before:]
            assert all(c["app_name"] == text["replay"] for c in demo_calls), \
                [c["app_name"] for c in demo_calls]
            # the running Vigie's notifications say nothing of a replay
            assert all(c["app_name"] != text["replay"] for c in notes.calls()[:before])

        with tap.test("when the day is over, the demo offers to quit"):
            logged("banner replay: " + text["over_banner"], name="vigie-demo")
            wait_until(lambda: replay_tray.menu_labels()[0] == text["over_tray"], timeout=10)
            replay_tray.click(text["quit"])
            wait_until(lambda: demo.poll() is not None, timeout=15)
            assert demo.returncode == 0, demo.returncode
            # the running Vigie goes on
            assert app.poll() is None
            assert tray.is_registered()

        with tap.test("quit"):
            tray.click(text["quit"])
            wait_until(lambda: app.poll() is not None, timeout=15)
            assert app.returncode == 0, app.returncode

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
