#!/usr/bin/python3
"""Self-test of the desktop harness (vigie_desktop.py) with the stand-in app.

Builds standin/standin.c by hand (cc + pkg-config, not meson) into a temp
dir, runs it in a DesktopSession and checks over D-Bus what a user would see:
the tray icon following the feed, the tray menu, menu and notification clicks
reaching the URL handler, notifications replaced in place.  Output is TAP.

    /usr/bin/python3 tests/desktop/selftest.py

(The Debian interpreter: python3-gi and python3-dbusmock are not visible from
a pyenv or venv python.)  Set VIGIE_DESKTOP_KEEP=1 to keep the session's temp
dir and logs for a post-mortem.
"""

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# Started by a python without python3-gi (pyenv shim, venv, meson's pick)?
# Re-run under the Debian interpreter, which has gi and dbusmock.
if importlib.util.find_spec("gi") is None and sys.executable != "/usr/bin/python3" \
        and os.path.exists("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3", os.path.abspath(__file__)] + sys.argv[1:])

from vigie_desktop import (  # noqa: E402
    MARKER_VAR, TEMPLATE_DEFAULT_CAPS, DesktopSession, FeedServer, SkipTest, Tap, Tray,
    locale_available, missing_components,
)

APP_ID = "io.github.vigie.Vigie"
PKGS = ["gtk+-3.0", "ayatana-appindicator3-0.1", "libnotify", "libsoup-3.0", "json-glib-1.0"]
TOKENS = []   # temp dirs of every session this run started (= their markers)


def icon(severity):
    return f"{APP_ID}-{severity}-symbolic"


def build_standin(outdir):
    """Compile standin.c; returns the binary path (raises with compiler output)."""
    flags = subprocess.run(["pkg-config", "--cflags", "--libs"] + PKGS,
                           capture_output=True, text=True, check=False)
    if flags.returncode != 0:
        raise SkipTest("pkg-config cannot find the stand-in's libraries: " + flags.stderr.strip())
    exe = os.path.join(outdir, "standin")
    cmd = (["cc", "-std=gnu11", "-g", "-O0", "-Wall", "-Wextra", "-Wno-unused-parameter",
            "-Werror", "-o", exe, os.path.join(HERE, "standin", "standin.c")]
           + flags.stdout.split())
    build = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if build.returncode != 0:
        raise RuntimeError("cc failed:\n" + build.stdout + build.stderr)
    return exe


def own_pids(tokens, build_dir):
    """{pid: cmdline} of processes that belong to this self-test's sessions.

    Identified by the session marker in their environment, or by one of our
    temp paths on their command line: the machine may be running other
    people's Xvfb / dbus-daemon at the same time, which must not count.
    """
    needles = [f"{MARKER_VAR}={t}".encode() for t in tokens]
    paths = list(tokens) + [build_dir]
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            with open(f"/proc/{entry}/environ", "rb") as f:
                environ = f.read().split(b"\0")
        except OSError:
            continue
        if any(n in environ for n in needles) or any(p in cmdline for p in paths):
            out[int(entry)] = cmdline
    return out


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main_session(tap, standin, lang):
    """The stand-in in a full session: tray, menu, notifications, URLs."""
    with FeedServer() as server, DesktopSession(lang=lang) as session:
        TOKENS.append(session.tmpdir)
        tap.failure_diag = session.dump_logs
        feed = "/status.json"
        page_url = server.url("/status-page")
        incident_url = server.url("/incidents/42")
        server.set(feed, '{"severity": "operational"}')

        with tap.test("notification server advertises 'actions' by default"):
            caps = session.notifications.capabilities()
            check("actions" in caps and "body-markup" in caps, f"caps: {caps}")

        with tap.test("session environment is private"):
            env = session.env
            check(env["DISPLAY"] == session.display, env.get("DISPLAY"))
            check(env["DBUS_SESSION_BUS_ADDRESS"] == session.bus_address, "bus address")
            for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
                        "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
                check(env[var].startswith(session.tmpdir + "/"), f"{var}={env[var]}")
            mode = stat.S_IMODE(os.stat(env["XDG_RUNTIME_DIR"]).st_mode)
            check(mode == 0o700, f"XDG_RUNTIME_DIR mode {mode:o}")
            check(env["NO_AT_BRIDGE"] == "1" and env["GSETTINGS_BACKEND"] == "memory", "knobs")
            check(env["LANG"] == lang and env["LC_ALL"] == lang, "locale")
            check("WAYLAND_DISPLAY" not in env and "SESSION_MANAGER" not in env, "leaks")

        with tap.test("locale helper and session locale"):
            check(locale_available("C.UTF-8") and locale_available("C.utf8"), "C.UTF-8")
            check(not locale_available("xx_XX.UTF-8"), "bogus locale reported available")
            if not locale_available("fr_FR.UTF-8"):
                raise SkipTest("fr_FR.UTF-8 is not generated (locale-gen): cannot check French")
            out = session.run(["locale", "decimal_point"], env=session.app_env(lang="fr_FR.UTF-8"))
            check(out.stdout.strip() == "," and not out.stderr, f"fr decimal point: {out}")

        with tap.test("`gio open` reaches the URL recorder"):
            r = session.run(["gio", "open", "http://127.0.0.1:1/x"])
            check(r.returncode == 0, f"gio open failed: {r.stderr}")
            session.wait_for_opened_url("http://127.0.0.1:1/x", 5)

        with tap.test("g_app_info_launch_default_for_uri reaches the URL recorder"):
            code = ("import gi; gi.require_version('Gio', '2.0'); from gi.repository import Gio;"
                    "Gio.AppInfo.launch_default_for_uri('https://127.0.0.1:1/y', None)")
            r = session.run(["/usr/bin/python3", "-c", code])
            check(r.returncode == 0, f"launch failed: {r.stderr}")
            session.wait_for_opened_url("https://127.0.0.1:1/y", 5)

        with tap.test("xdg-open reaches the URL recorder"):
            if shutil.which("xdg-open") is None:
                raise SkipTest("xdg-open is not installed (xdg-utils)")
            r = session.run(["xdg-open", "http://127.0.0.1:1/z"])
            check(r.returncode == 0, f"xdg-open failed: {r.stderr}")
            session.wait_for_opened_url("http://127.0.0.1:1/z", 5)

        app = session.spawn([standin, server.url(feed), page_url], name="standin",
                            extra_env={"G_DEBUG": "fatal-warnings"})
        tray = None
        with tap.test("tray item registers with the watcher"):
            tray = session.tray(APP_ID, timeout=10)
            props = tray.props()
            check(props["Status"] == "Active", props)
            check(props["Title"] == "Vigie stand-in", props)
            check(props["Category"] == "ApplicationStatus", props)
            check(props["Menu"].startswith("/org/ayatana/NotificationItem/"), props)
            # Debian's watcher lists the bare bus name; the path comes from
            # its RegisteredSNIEntries
            check(Tray.registered(session.bus) == [tray.service], Tray.registered(session.bus))
        if tray is None:
            tap.bail_out("no tray item, nothing else can be checked")

        with tap.test("baseline icon is operational, and silent"):
            tray.wait_for_icon(icon("operational"))
            hits = len(server.hits(feed))
            server.wait_for_hits(feed, hits + 2, timeout=5)   # two more polls
            check(session.notifications.count() == 0,
                  f"baseline notified: {session.notifications.calls()}")

        with tap.test("menu layout"):
            root = tray.wait_for_menu(lambda r: r.find("State: operational") is not None)
            labels = root.labels(separators=True)
            check(labels == ["Open status page", "State: operational", "Refresh now", "---",
                             "Quit"], labels)
            check(not root.find("State: operational").enabled, "state item should be disabled")
            hidden = root.find("Hidden item", visible_only=False)
            check(hidden is not None and not hidden.visible, f"hidden item: {hidden}")
            check(root.find("Open status page").props["label"] == "_Open status page",
                  "raw label keeps its mnemonic")

        with tap.test("icon follows the feed: operational -> major"):
            server.set(feed, '{"severity": "major", "title": "Outage",'
                             f' "url": "{incident_url}"}}')
            tray.wait_for_icon(icon("major"))

        first = None
        with tap.test("a change raises one notification with a default action"):
            calls = session.notifications.wait_for_count(1)
            first = calls[0]
            check(len(calls) == 1, calls)
            check(first["replaces_id"] == 0 and first["id"] == 1, first)
            check(first["app_name"] == "Vigie", first)
            check(first["summary"] == "Status changed: major", first)
            check(first["body"] == "Outage (was operational)", first)
            check(("default", "Open") in first["actions"], first)

        with tap.test("menu label follows the state (layout update)"):
            tray.wait_for_menu_label("State: major")

        with tap.test("icon follows the feed: major -> operational"):
            server.set(feed, f'{{"severity": "operational", "url": "{incident_url}"}}')
            tray.wait_for_icon(icon("operational"))

        with tap.test("the recovery updates the same notification in place"):
            calls = session.notifications.wait_for_count(2)
            second = calls[1]
            check(len(calls) == 2, calls)
            check(first and second["replaces_id"] == first["id"], second)
            check(second["id"] == first["id"], second)
            check(second["summary"] == "Status changed: operational", second)

        with tap.test("menu click opens the status page"):
            tray.click("Open status page")
            session.wait_for_opened_url(page_url, 5)

        with tap.test("notification click opens the incident"):
            check(first is not None, "no notification to click")
            session.notifications.click(first["id"], "default")
            session.wait_for_opened_url(incident_url, 5)

        with tap.test("after the user closed it, the next change is a new notification"):
            # libnotify forgets the id of a closed notification (closed by the
            # server after the click): the next show is not a replacement.
            server.set(feed, '{"severity": "critical"}')
            tray.wait_for_icon(icon("critical"))
            third = session.notifications.wait_for_count(3)[2]
            check(third["replaces_id"] == 0 and third["id"] == 2, third)

        with tap.test("an HTTP error shows the unknown icon"):
            server.set(feed, "unavailable", status=503, headers={"Retry-After": "120"})
            tray.wait_for_icon(icon("unknown"))

        with tap.test("Quit from the menu ends the app and its tray item"):
            tray.click("Quit")
            rc = app.wait(10)
            check(rc == 0, f"exit status {rc}")
            tray.wait_gone(5)

        with tap.test("every URL was opened exactly once"):
            urls = session.opened_urls()
            check(urls == ["http://127.0.0.1:1/x", "https://127.0.0.1:1/y",
                           "http://127.0.0.1:1/z", page_url, incident_url], urls)

        token, display, xvfb_pid = session.tmpdir, session.display, session.xvfb_pid
    tap.failure_diag = None

    with tap.test("teardown removed the temp dir, the X socket and every process"):
        check(not os.path.exists(token), f"{token} still exists")
        n = display.lstrip(":")
        lock = f"/tmp/.X{n}-lock"
        try:
            with open(lock, encoding="ascii") as f:
                owner = int(f.read().strip())
        except (OSError, ValueError):
            owner = None
        if owner is None:
            check(not os.path.exists(f"/tmp/.X11-unix/X{n}"), "X socket left behind")
        else:
            # another Xvfb (a parallel test) may have taken the free display
            check(owner != xvfb_pid, "X lock of our Xvfb left behind")
        check(not session.leftover_pids(), f"leftovers: {session.leftover_pids()}")


def no_tray_session(tap, standin):
    """Without a tray host at start, then with one; dbusmock's own caps."""
    with FeedServer() as server, \
            DesktopSession(tray_host=False, watcher="harness",
                           notification_caps=TEMPLATE_DEFAULT_CAPS) as session:
        TOKENS.append(session.tmpdir)
        tap.failure_diag = session.dump_logs
        server.set("/s", '{"severity": "minor"}')

        with tap.test("template default capabilities have no 'actions'"):
            caps = session.notifications.capabilities()
            check(caps == list(TEMPLATE_DEFAULT_CAPS), caps)

        app = session.spawn([standin, server.url("/s"), server.url("/p")], name="standin")
        with tap.test("without a tray host the app keeps running (GtkStatusIcon fallback)"):
            server.wait_for_hits("/s", 2)
            check(app.poll() is None, "app died")
            check(not session.bus.name_has_owner("org.kde.StatusNotifierWatcher"), "watcher")

        with tap.test("a tray host appearing later gets the item"):
            session.start_tray_host()
            tray = session.tray(APP_ID, timeout=5)
            tray.wait_for_icon(icon("minor"))
            # sni_watcher.py lists 'busname/path' entries, like KDE's watcher
            entries = Tray.registered(session.bus)
            check(entries == [tray.service + tray.path], entries)

        with tap.test("the app survives its tray host going away and coming back"):
            check(session.bus.get_property("org.kde.StatusNotifierWatcher",
                                           "/StatusNotifierWatcher",
                                           "org.kde.StatusNotifierWatcher",
                                           "IsStatusNotifierHostRegistered"), "no host")
            session.stop_tray_host()
            server.wait_for_hits("/s", len(server.hits("/s")) + 1)
            check(app.poll() is None, "app died")
            session.start_tray_host()
            session.tray(APP_ID, timeout=5).wait_for_icon(icon("minor"))
    tap.failure_diag = None

    with DesktopSession(tray_host=False, notification_caps=()) as session:
        TOKENS.append(session.tmpdir)
        with tap.test("a notification server with no capabilities"):
            caps = session.notifications.capabilities()
            check(caps == [], caps)


def feed_server_checks(tap):
    """FeedServer on its own, with urllib."""
    def get(url, headers=None, timeout=5):
        req = urllib.request.Request(url, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()

    server = FeedServer().start()
    try:
        with tap.test("FeedServer: swap, 404, conditional GET, hit log"):
            v1 = server.set("/a", "one", etag='"1"')
            check(get(server.url("/a"))[2] == b"one", "body one")
            server.wait_served("/a", v1, 1)
            check(get(server.url("/a"), {"If-None-Match": '"1"'})[0] == 304, "304")
            server.set("/a", b'{"x": 2}')
            status, headers, body = get(server.url("/a?q=1"))
            check(status == 200 and body == b'{"x": 2}', body)
            check(headers["Content-Type"] == "application/json", headers)
            check(get(server.url("/nothing"))[0] == 404, "404")
            hits = server.hits("/a")
            check([h.status for h in hits] == [200, 304, 200], hits)
            check(hits[-1].query == "q=1", hits[-1].query)
    finally:
        pass

    with tap.test("FeedServer: stop() does not hang on a slow response"):
        server.set("/slow", "late", delay=30)
        import threading
        def slow_client():
            try:
                get(server.url("/slow"), timeout=40)
            except OSError:
                pass    # the server hung up on us: expected
        t = threading.Thread(target=slow_client, daemon=True)
        t.start()
        time.sleep(0.2)
        start = time.monotonic()
        server.stop()
        took = time.monotonic() - start
        check(took < 2, f"stop took {took:.1f} s")


def main():
    tap = Tap()
    missing = missing_components()
    for tool in ("cc", "pkg-config"):
        if shutil.which(tool) is None:
            missing.append(tool)
    if missing:
        tap.skip_all("missing: " + ", ".join(missing))

    started = time.monotonic()
    build_dir = tempfile.mkdtemp(prefix="vigie-standin-")
    try:
        try:
            standin = build_standin(build_dir)
        except SkipTest as e:
            tap.skip_all(str(e))
        except RuntimeError as e:
            tap.diag(str(e))
            tap.bail_out("the stand-in does not build")
        tap.diag(f"stand-in built in {time.monotonic() - started:.1f} s")

        lang = "en_US.UTF-8" if locale_available("en_US.UTF-8") else "C.UTF-8"
        feed_server_checks(tap)
        t = time.monotonic()
        main_session(tap, standin, lang)
        tap.diag(f"main session: {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        no_tray_session(tap, standin)
        tap.diag(f"no-tray sessions: {time.monotonic() - t:.1f} s")

        with tap.test("no process of any session left running"):
            check(len(TOKENS) == 3, TOKENS)
            left = own_pids(TOKENS, build_dir)
            check(not left, f"leftover processes: {left}")
    finally:
        shutil.rmtree(build_dir, ignore_errors=True)

    tap.diag(f"total: {time.monotonic() - started:.1f} s")
    sys.exit(tap.done())


if __name__ == "__main__":
    main()
