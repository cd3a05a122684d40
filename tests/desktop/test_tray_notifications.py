#!/usr/bin/python3
"""End-to-end desktop test of Vigie: tray icon, menu and notifications.

Runs the real `vigie` on a private headless desktop (Xvfb, session bus,
Debian's status-notifier-watcher, python-dbusmock's notification daemon, a
URL recorder) against two feeds served on 127.0.0.1, a Statuspage page and
Slack's API, which go operational -> minor -> major -> resolved.  Every
assertion is read over D-Bus, as a panel and a notification server see it.

usage: test_tray_notifications.py LOCALE   (fr_FR.UTF-8 or en_US.UTF-8)
"""

import json
import os
import sys

if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
        and os.path.exists("/usr/bin/python3"):
    # python3-gi and python3-dbusmock are Debian packages
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vigie_desktop import (DesktopSession, FeedServer, Tap,  # noqa: E402
                           vigie_binary_or_skip, wait_until)

APP = "io.github.vigie.Vigie"
NBSP = "\u00a0"

TEXTS = {
    "fr_FR.UTF-8": {
        "open_window": "Ouvrir Vigie",
        "refresh": "Actualiser maintenant",
        "quit": "Quitter",
        "all_ok": "{n} services opérationnels",
        "line": "{name} — {state}",
        "states": {"operational": "Opérationnel", "minor": "Incident mineur",
                   "major": "Panne majeure"},
        "summary": "{name}" + NBSP + ": {phrase}",
        "phrases": {"minor": "incident mineur", "major": "panne majeure"},
        "recovered": "{name} est rétabli après ",
        "open": "Ouvrir",
        "mute": "Sourdine pendant 1" + NBSP + "heure",
        "since": "Depuis ",
        # "Du" when the span crosses midnight
        "from": ("De ", "Du "),
        # the status page's own words, introduced and quoted
        "body": "Selon la page d’état" + NBSP + ": «" + NBSP + "{title}" + NBSP + "»\n«" + NBSP
                + "{update}" + NBSP + "»\n",
        "title_ok": "Vigie" + NBSP + ": tous les services sont opérationnels",
    },
    "en_US.UTF-8": {
        "open_window": "Open Vigie",
        "refresh": "Refresh Now",
        "quit": "Quit",
        "all_ok": "{n} services operational",
        "line": "{name} — {state}",
        "states": {"operational": "Operational", "minor": "Minor incident",
                   "major": "Major outage"},
        "summary": "{name}: {phrase}",
        "phrases": {"minor": "minor incident", "major": "major outage"},
        "recovered": "{name} is back to normal after ",
        "open": "Open",
        "mute": "Mute for 1 Hour",
        "since": "Since ",
        "from": ("From ",),
        "body": "{title}\n{update}\n",
        "title_ok": "Vigie: all services operational",
    },
}

STATUSPAGE_PATH = "/acme/api/v2/summary.json"
SLACK_PATH = "/slack/api/v2.0.0/current"
INCIDENT_URL = "https://status.acme.example/incidents/x1y2"
SLACK_URL = "https://status.slack.com/2026-11/abc123"


def statuspage(level, update="We are investigating."):
    """A Statuspage summary.json for the page 'Acme' at a level."""
    indicator = {"operational": "none", "minor": "minor", "major": "major"}[level]
    component = {"operational": "operational", "minor": "degraded_performance",
                 "major": "partial_outage"}[level]
    doc = {
        "page": {"id": "acme", "name": "Acme", "url": "https://status.acme.example",
                 "time_zone": "Etc/UTC", "updated_at": "2026-11-28T10:00:00Z"},
        "status": {"indicator": indicator, "description": "Acme status"},
        "components": [
            {"id": "c1", "name": "API", "status": component, "group": False},
            {"id": "c2", "name": "Website", "status": "operational", "group": False},
        ],
        "incidents": [],
        "scheduled_maintenances": [],
    }
    if level != "operational":
        doc["incidents"].append({
            "id": "x1y2", "name": "Elevated API errors", "status": "investigating",
            "impact": level, "shortlink": INCIDENT_URL,
            "started_at": "2026-11-28T09:14:00Z", "created_at": "2026-11-28T09:14:00Z",
            "updated_at": "2026-11-28T09:40:00Z",
            "incident_updates": [{"id": "u1", "status": "investigating", "body": update,
                                  "created_at": "2026-11-28T09:40:00Z",
                                  "display_at": "2026-11-28T09:40:00Z"}],
            "components": [{"name": "API"}],
        })
    return json.dumps(doc)


def slack(level):
    """Slack's `current` at a level; 'resolved' keeps the ended item listed."""
    if level == "operational":
        return json.dumps({"status": "ok", "date_created": "2026-11-28T01:00:00-08:00",
                           "date_updated": "2026-11-28T01:00:00-08:00",
                           "active_incidents": []})
    item = {
        "id": 4242, "date_created": "2026-11-28T01:14:00-08:00",
        "date_updated": "2026-11-28T01:40:00-08:00",
        "title": "Trouble sending messages",
        "type": "incident" if level == "minor" else "outage",
        "status": "resolved" if level == "resolved" else "active",
        "url": SLACK_URL.replace("/", "\\/"),
        "services": ["Messaging"],
        "notes": [{"date_created": "2026-11-28T01:40:00-08:00",
                   "body": "We&#39;re looking into it.<br>More soon."}],
    }
    if level == "resolved":
        item["date_updated"] = "2026-11-28T03:10:00-08:00"
    text = json.dumps({"status": "ok" if level == "resolved" else "active",
                       "date_created": "2026-11-28T01:00:00-08:00",
                       "date_updated": item["date_updated"], "active_incidents": [item]})
    return text.replace("\\\\/", "\\/")


def main():
    lang = sys.argv[1] if len(sys.argv) > 1 else "en_US.UTF-8"
    text = TEXTS[lang]
    tap = Tap()
    vigie = vigie_binary_or_skip(tap, lang)

    extra = {"VIGIE_LOCALEDIR": os.environ.get("VIGIE_LOCALEDIR", ""),
             "TZ": "UTC",
             # Acme and Slack change together here, to check each one's own
             # notification: storms (one notice for both) are off, and
             # tested in test_alerts.py
             "VIGIE_TEST_ALERT_TIMING": "3,1800,600,0",
             # GTK and fontconfig keep caches for the process' life; Vigie's own
             # leaks are checked by the unit tests and by valgrind
             "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1"}

    with FeedServer() as server, DesktopSession(lang=lang, extra_env=extra) as session:
        tap.failure_diag = session.dump_logs
        notes = session.notifications

        def feeds_polled():
            """Wait until Vigie has read the current answers of both feeds."""
            for path in (STATUSPAGE_PATH, SLACK_PATH):
                server.wait_for_hits(path, len(server.hits(path)) + 1, timeout=20)

        def set_level(level, slack_level=None, update="We are investigating."):
            server.set(STATUSPAGE_PATH, statuspage(level, update),
                       content_type="application/json")
            server.set(SLACK_PATH, slack(slack_level or level), content_type="application/json")

        set_level("operational")
        app = session.spawn([vigie, "--feed=" + server.url(STATUSPAGE_PATH),
                             "--feed=" + server.url(SLACK_PATH), "--poll-interval=1"],
                            name="vigie")
        tray = session.tray(APP, timeout=20)

        def line(name, level):
            return text["line"].format(name=name, state=text["states"][level])

        with tap.test("first poll: operational icon, nothing notified"):
            tray.wait_for_icon(APP + "-operational-symbolic", timeout=20)
            feeds_polled()
            feeds_polled()
            assert notes.count() == 0, notes.calls()

        with tap.test("tray title names the state"):
            tray.wait_for_prop("Title", text["title_ok"], timeout=10)

        with tap.test("menu: open window first, healthy services counted, refresh, quit"):
            # healthy services have no line of their own: one line counts
            # them, and opens the window
            tray.wait_for_menu_label(text["all_ok"].format(n=2), timeout=10)
            labels = tray.menu_labels()
            assert labels[0] == text["open_window"], labels
            assert line("Acme", "operational") not in labels, labels
            assert line("Slack", "operational") not in labels, labels
            assert text["refresh"] in labels, labels
            assert labels[-1] == text["quit"], labels

        set_level("minor")
        with tap.test("minor: icon and one notification per service"):
            tray.wait_for_icon(APP + "-minor-symbolic", timeout=20)
            calls = notes.wait_for_count(2, timeout=20)
            feeds_polled()
            calls = notes.calls()
            assert len(calls) == 2, calls
            by_summary = {c["summary"]: c for c in calls}
            acme = by_summary[text["summary"].format(name="Acme", phrase=text["phrases"]["minor"])]
            slack_call = by_summary[text["summary"].format(name="Slack",
                                                           phrase=text["phrases"]["minor"])]
            assert acme["replaces_id"] == 0 and slack_call["replaces_id"] == 0, calls
            assert acme["body"].startswith(text["body"].format(title="Elevated API errors",
                                                                       update="We are investigating.")
                                           + text["since"]), acme["body"]
            # feed HTML is plain text in the bubble: tags gone, entities decoded,
            # then escaped for a server that reads markup
            assert "Trouble sending messages" in slack_call["body"], slack_call["body"]
            assert "We&apos;re looking into it." in slack_call["body"] \
                or "We&#39;re looking into it." in slack_call["body"], slack_call["body"]
            assert "<br>" not in slack_call["body"], slack_call["body"]
            assert ("default", text["open"]) in acme["actions"], acme["actions"]
            assert ("mute-hour", text["mute"]) in acme["actions"], acme["actions"]
            assert acme["hints"].get("urgency") == 0, acme["hints"]
            assert acme["hints"].get("desktop-entry") == APP, acme["hints"]

        with tap.test("menu lines follow: one per service in trouble"):
            tray.wait_for_menu_label(line("Acme", "minor"), timeout=10)
            tray.wait_for_menu_label(line("Slack", "minor"), timeout=10)
            labels = tray.menu_labels()
            assert labels[1:3] == [line("Acme", "minor"), line("Slack", "minor")], labels
            assert text["all_ok"].format(n=2) not in labels, labels

        first = {c["summary"].split(NBSP)[0].split(":")[0]: c for c in notes.calls()}

        set_level("major", update="We have identified the cause.")
        with tap.test("major: icon, and both notifications updated in place"):
            tray.wait_for_icon(APP + "-major-symbolic", timeout=20)
            notes.wait_for_count(4, timeout=20)
            feeds_polled()
            calls = notes.calls()[2:]
            assert len(calls) == 2, calls
            for call in calls:
                name = call["summary"].split(NBSP)[0].split(":")[0]
                assert call["summary"] == text["summary"].format(
                    name=name, phrase=text["phrases"]["major"]), call["summary"]
                assert call["replaces_id"] == first[name]["id"], (call, first[name])
                assert call["hints"].get("urgency") == 1, call["hints"]
            acme = [c for c in calls if c["summary"].startswith("Acme")][0]
            assert "We have identified the cause." in acme["body"], acme["body"]

        with tap.test("a service line opens its incident"):
            tray.wait_for_menu_label(line("Acme", "major"), timeout=10)
            tray.click(tray.menu().find(line("Acme", "major")).find(text["open"]))
            session.wait_for_opened_url(INCIDENT_URL, timeout=10)

        with tap.test("clicking a notification opens its incident"):
            slack_call = [c for c in notes.calls() if c["summary"].startswith("Slack")][-1]
            notes.click(slack_call["id"], "default", close=False)
            session.wait_for_opened_url(SLACK_URL, timeout=10)

        with tap.test("nothing is repeated while nothing changes"):
            before = notes.count()
            feeds_polled()
            feeds_polled()
            assert notes.count() == before, notes.calls()[before:]

        set_level("operational", slack_level="resolved")
        with tap.test("resolved: icon back, recovery notices replace the bubbles"):
            tray.wait_for_icon(APP + "-operational-symbolic", timeout=20)
            notes.wait_for_count(6, timeout=20)
            feeds_polled()
            calls = notes.calls()[4:]
            assert len(calls) == 2, calls
            for call in calls:
                name = "Acme" if call["summary"].startswith("Acme") else "Slack"
                assert call["summary"].startswith(text["recovered"].format(name=name)), call
                assert call["replaces_id"] == first[name]["id"], (call, first[name])
                assert any(word in call["body"] for word in text["from"]), call["body"]
                assert ("mute-hour", text["mute"]) not in call["actions"], call["actions"]
            slack_call = [c for c in calls if c["summary"].startswith("Slack")][0]
            # the feed says it ended at 03:10 after starting at 01:14
            assert slack_call["summary"].endswith(
                "1" + (NBSP + "h" + NBSP + "56" + NBSP + "min" if lang.startswith("fr") else " h 56 min")), \
                slack_call["summary"]

        with tap.test("quit from the menu ends the process"):
            tray.click(text["quit"])
            wait_until(lambda: app.poll() is not None, timeout=10)
            assert app.returncode == 0, app.returncode

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
