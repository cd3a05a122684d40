#!/usr/bin/python3
"""End-to-end test of `vigie --demo`: Slack's outage of 4 January 2021.

Plays the embedded timeline fast on a private headless desktop and checks
the tray states and the notifications, in the user's language and time
zone, through Vigie's normal fetch -> parse -> track -> notify path.

usage: test_demo.py LOCALE   (fr_FR.UTF-8 or en_US.UTF-8)
"""

import os
import sys

if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
        and os.path.exists("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vigie_desktop import (DesktopSession, Tap, vigie_binary_or_skip,  # noqa: E402
                           wait_until)

APP = "io.github.vigie.Vigie"
NBSP = "\u00a0"
TITLE_A = "Trouble connecting to Slack"
TITLE_B = "Trouble with Google Calendar, Outlook Calendar, and some email features"
FIRST_NOTE = "Customers may have trouble loading channels or connecting to Slack"
URL_A = "https://status.slack.com/2021-01/9ecc1bc75347b6d1"

H = NBSP + "h" + NBSP
TEXTS = {
    "fr_FR.UTF-8": {
        "minor": "Slack" + NBSP + ": incident mineur",
        "major": "Slack" + NBSP + ": panne majeure",
        "critical": "Slack" + NBSP + ": panne critique",
        # 07:14 Pacific is 16:14 in Paris
        "since": "Depuis le 4" + NBSP + "janvier 2021 à 16" + H + "14",
        "recovered_a": "Slack est rétabli après 4" + H + "56" + NBSP + "min",
        "recovered_b": "Slack est rétabli après 6" + H + "56" + NBSP + "min",
        # both ends on the same day: times only
        "span_a": "De 16" + H + "14 à 21" + H + "10",
        # the status page's own words, introduced and quoted
        "quote": lambda first, rest="": ("Selon la page d’état" + NBSP + ": «" + NBSP + first
                                         + NBSP + "»" + "".join("\n«" + NBSP + r + NBSP + "»"
                                                                for r in rest.split("\n") if r)),
    },
    "en_US.UTF-8": {
        "minor": "Slack: minor incident",
        "major": "Slack: major outage",
        "critical": "Slack: critical outage",
        "since": "Since January 4, 2021, 4:14 PM",
        "recovered_a": "Slack is back to normal after 4 h 56 min",
        "recovered_b": "Slack is back to normal after 6 h 56 min",
        # en_US keeps its 12-hour clock
        "span_a": "From 4:14 PM to 9:10 PM",
        "quote": lambda first, rest="": first + ("\n" + rest if rest else ""),
    },
}


def main():
    lang = sys.argv[1] if len(sys.argv) > 1 else "en_US.UTF-8"
    text = TEXTS[lang]
    tap = Tap()
    vigie = vigie_binary_or_skip(tap, lang)

    extra = {"VIGIE_LOCALEDIR": os.environ.get("VIGIE_LOCALEDIR", ""),
             "TZ": "Europe/Paris",
             "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1"}

    with DesktopSession(lang=lang, extra_env=extra) as session:
        tap.failure_diag = session.dump_logs
        notes = session.notifications
        icons = []

        # 12.5 hours of outage in about 15 seconds
        app = session.spawn([vigie, "--demo", "--demo-speed=8"], name="vigie")
        tray = session.tray(APP, timeout=20)

        def record_icon():
            icon = tray.icon_name
            if not icons or icons[-1] != icon:
                icons.append(icon)
            return False

        with tap.test("the day plays to its end"):
            # the last event is the calendar incident's recovery
            def finished():
                record_icon()
                calls = notes.calls()
                return any(c["summary"] == text["recovered_b"] for c in calls)
            wait_until(finished, timeout=90, interval=0.02)
            # the tray follows the same poll, just after the notification
            wait_until(lambda: record_icon() or icons[-1] == APP + "-operational-symbolic",
                       timeout=10, interval=0.02)

        calls = notes.calls()
        summaries = [c["summary"] for c in calls]
        tap.diag("notifications: " + repr(summaries))
        tap.diag("tray icons: " + repr(icons))

        with tap.test("tray: operational, then minor, major, critical, back, minor, back"):
            states = [i.replace(APP + "-", "").replace("-symbolic", "") for i in icons]
            # before the first check ends, nothing is known yet
            if states and states[0] == "unknown":
                states = states[1:]
            assert states == ["operational", "minor", "major", "critical", "operational",
                              "minor", "operational"], states

        with tap.test("the incident is notified once, with its first note and start"):
            first = calls[0]
            assert first["summary"] == text["minor"], first
            assert first["replaces_id"] == 0, first
            assert first["body"].startswith(text["quote"](TITLE_A, "X").rsplit("X", 1)[0] + FIRST_NOTE), first["body"]
            assert first["body"].endswith(text["since"]), first["body"]

        with tap.test("upgraded to an outage, then critical, in place"):
            assert summaries[1] == text["major"], summaries
            assert summaries[2] == text["critical"], summaries
            assert calls[1]["replaces_id"] == calls[0]["id"], calls[1]
            assert calls[2]["replaces_id"] == calls[0]["id"], calls[2]
            assert "upgraded the incident on our side to reflect an outage" in calls[1]["body"]

        with tap.test("each later note updates the same bubble"):
            a_calls = [c for c in calls if c["body"].startswith(text["quote"](TITLE_A))]
            notes_seen = [c for c in a_calls[3:] if c["summary"] == text["critical"]]
            assert len(notes_seen) == 4, [c["body"][:60] for c in a_calls]
            for c in a_calls[1:]:
                assert c["replaces_id"] == calls[0]["id"], c

        with tap.test("recovery after 4 h 56, replacing the outage bubble"):
            done = [c for c in calls if c["summary"] == text["recovered_a"]]
            assert len(done) == 1, summaries
            assert done[0]["replaces_id"] == calls[0]["id"], done[0]
            assert done[0]["body"] == text["quote"](TITLE_A) + "\n" + text["span_a"], done[0]["body"]

        with tap.test("the calendar incident is its own notification, then recovers"):
            b_calls = [c for c in calls if c["body"].startswith(text["quote"](TITLE_B))]
            assert len(b_calls) == 2, [c["summary"] for c in b_calls]
            assert b_calls[0]["summary"] == text["minor"] and b_calls[0]["replaces_id"] == 0
            assert b_calls[1]["summary"] == text["recovered_b"]
            assert b_calls[1]["replaces_id"] == b_calls[0]["id"]

        with tap.test("ten notifications in all, none repeated"):
            assert len(calls) == 10, summaries
            pairs = [(c["summary"], c["body"]) for c in calls]
            assert len(set(pairs)) == len(pairs), pairs

        with tap.test("clicking the outage opens Slack's incident page"):
            notes.click(calls[2]["id"], "default", close=False)
            session.wait_for_opened_url(URL_A, timeout=10)

        session.stop_process(app)

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
