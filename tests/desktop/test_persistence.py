#!/usr/bin/python3
"""Kill -9 at any moment loses nothing and repeats nothing.

Runs the real `vigie` on a private headless desktop against a feed served on
127.0.0.1.  Once an outage was notified, Vigie is killed with SIGKILL again
and again at random moments (right after a start, or 0-300 ms after the
user muted or unmuted the service, which is saved at once; a poll that
changes nothing writes nothing) and restarted.  After every kill the state
file ($XDG_STATE_HOME/vigie/state.json) must parse, and across all the
restarts the outage must have been notified exactly once; the recovery
that follows is still told, with the outage's duration (the state kept
when it began).

A save lasts well under a millisecond, which random kills would hardly
ever hit: the shim slow_rename.c (built here with `cc`, preloaded into
Vigie) holds the rename that ends each save for 300 ms, after the new
state was written and synced to its temporary file.  Kills then land in
the middle of saves, and the test checks that they did.

usage: test_persistence.py [ROUNDS]
"""

import json
import os
import random
import shutil
import signal
import subprocess
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
FEED = "/acme/api/v2/summary.json"


def statuspage(level):
    """A Statuspage summary.json for the page 'Acme', with incident k9."""
    return statuspage_summary("Acme", level, "k9")


def build_shim(session, tap):
    """slow_rename.so in the session's temp dir, or None (said loudly)."""
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        tap.diag("SKIPPED LOUDLY: no C compiler: kills will rarely hit a save")
        return None
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "slow_rename.c")
    output = session.path("slow_rename.so")
    result = subprocess.run([cc, "-shared", "-fPIC", "-O1", "-o", output, source, "-ldl"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tap.diag("SKIPPED LOUDLY: cannot build slow_rename.so: " + result.stderr.strip())
        return None
    return output


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 16
    tap = Tap()
    vigie = vigie_binary_or_skip(tap)

    extra = {"TZ": "UTC",
             "G_MESSAGES_DEBUG": "vigie-application vigie-state-file",
             # GTK and fontconfig keep caches for the process' life; Vigie's
             # own leaks are checked by the unit tests and by valgrind
             "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=1"}
    rng = random.Random(os.environ.get("VIGIE_TEST_SEED", "persistence"))

    with FeedServer() as server, DesktopSession(extra_env=extra) as session:
        tap.failure_diag = session.dump_logs
        notes = session.notifications
        state = session.path("state", "vigie", "state.json")
        argv = [vigie, "--feed=" + server.url(FEED), "--poll-interval=1"]
        runs = []
        shim = build_shim(session, tap)
        shim_env = {}
        if shim is not None:
            shim_env = {"LD_PRELOAD": shim,
                        "VIGIE_TEST_SLOW_RENAME": "/vigie/state.json",
                        "VIGIE_TEST_SLOW_RENAME_MS": "300",
                        # the sanitizer runtime need not come first
                        "ASAN_OPTIONS": extra["ASAN_OPTIONS"] + ":verify_asan_link_order=0"}

        def start():
            proc = session.spawn(argv, name="vigie-%02d" % len(runs), extra_env=shim_env)
            runs.append(proc)
            return proc

        def outage_calls():
            return [c for c in notes.calls() if c["summary"] == "Acme: major outage"]

        def read_state():
            with open(state, encoding="utf-8") as f:
                return json.load(f)

        server.set(FEED, statuspage("operational"), content_type="application/json")
        app = start()

        with tap.test("baseline, then the outage is notified once"):
            session.tray(APP, timeout=20)
            server.wait_for_hits(FEED, 2, timeout=20)
            assert notes.count() == 0, notes.calls()
            server.set(FEED, statuspage("major"), content_type="application/json")
            notes.wait_for_count(1, timeout=20)
            assert len(outage_calls()) == 1, notes.calls()
            # saved before shown: the file already knows the incident
            assert "k9" in json.dumps(read_state()), read_state()

        kills_after_save = 0
        interrupted_saves = set()     # the temporary files kills left
        with tap.test("%d kills -9 at random moments: the state file always parses" % rounds):
            for i in range(rounds):
                if i % 2 == 0:
                    # during start-up, load and the first poll
                    time.sleep(rng.uniform(0, 0.3))
                else:
                    # 0-300 ms after a mute or an unmute: the state is
                    # being written
                    session.tray(APP, timeout=20)
                    how = "hour" if i % 4 == 1 else "none"
                    activate_action(session, "mute", GLib.Variant("(ss)", ("feed-1", how)))
                    time.sleep(rng.uniform(0, 0.3))
                    kills_after_save += 1
                app.send_signal(signal.SIGKILL)
                app.wait(10)
                assert app.returncode == -signal.SIGKILL, app.returncode
                read_state()
                # killed in the middle of a save: its temporary file stays
                # (the next start removes it)
                interrupted_saves.update(n for n in os.listdir(os.path.dirname(state))
                                         if n.startswith("state.json."))
                app = start()
            tap.diag("%d kills, %d of them after a mute, %d in the middle of a save; "
                     "%d polls in all" % (rounds, kills_after_save, len(interrupted_saves),
                                          len(server.hits(FEED))))
            if shim is not None:
                assert interrupted_saves, "no kill hit a save"

        with tap.test("after the last restart: nothing repeated"):
            session.tray(APP, timeout=20)
            # whatever the kills kept of the mutes, none is left
            activate_action(session, "mute", GLib.Variant("(ss)", ("feed-1", "none")))
            wait_until(lambda: not read_state().get("mutes"), timeout=10, message="no mute")
            seen = len(server.hits(FEED))
            server.wait_for_hits(FEED, seen + 3, timeout=30)
            assert len(outage_calls()) == 1, notes.calls()
            assert notes.count() == 1, notes.calls()

        with tap.test("no damaged state was ever read; interrupted saves were cleaned up"):
            logs = "".join(session.log("vigie-%02d" % n) for n in range(len(runs)))
            assert "set aside" not in logs, logs[-2000:]
            assert "could not be read" not in logs, logs[-2000:]
            assert "Could not save" not in logs, logs[-2000:]
            removed = {os.path.basename(line.split("removing ", 1)[1].split(",")[0])
                       for line in logs.splitlines() if "left by an interrupted save" in line}
            assert interrupted_saves <= removed, (interrupted_saves, removed)

        with tap.test("the recovery is still told, once, knowing when it began"):
            server.set(FEED, statuspage("operational"), content_type="application/json")
            notes.wait_for_count(2, timeout=20)
            seen = len(server.hits(FEED))
            server.wait_for_hits(FEED, seen + 2, timeout=20)
            calls = notes.calls()
            assert len(calls) == 2, calls
            # the feed says the outage began at 09:14; it ends now
            assert calls[1]["summary"].startswith("Acme is back to normal after "), calls[1]
            assert "From 09:14" in calls[1]["body"] or "09:14" in calls[1]["body"], calls[1]

        with tap.test("quit from the menu saves and ends cleanly"):
            tray = session.tray(APP, timeout=20)
            tray.click("Quit")
            wait_until(lambda: app.poll() is not None, timeout=15)
            assert app.returncode == 0, app.returncode
            read_state()
            leftovers = [n for n in os.listdir(os.path.dirname(state))
                         if n.startswith("state.json.")]
            assert not leftovers, leftovers

    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
