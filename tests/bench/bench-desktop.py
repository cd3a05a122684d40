#!/usr/bin/python3
"""Vigie beside a bare tray process, on the headless desktop of tests/desktop.

Runs, in one go and on the same private desktop (Xvfb, session bus, Debian's
status-notifier-watcher, python-dbusmock's notification server), the floor
program (tests/bench/vigie-floor.c: GTK 3, one appindicator icon, libnotify
initialised, nothing else) and Vigie watching feeds served here on
127.0.0.1, and prints each figure with its baseline, the ratio and the goal
of issue 11:

  - private memory (Private_Dirty of /proc/PID/smaps_rollup) per extra
    service, tray only (--background) and window open, from 10 to 50
    services; 50 services against the floor, tray only and window open;
    200 services window open;
  - exec -> tray item registered (the watcher's StatusNotifierItemRegistered
    signal), window launch, against the floor (median of several warm
    starts);
  - TCP connections per request while every feed answers 304;
  - fsync/fdatasync calls per unchanged poll (strace -f), and renames;
  - CPU time (utime + stime) per unchanged poll, window open and tray only;
  - the parse ratio of bench-core --parse-ratio.

It is a benchmark, run on demand (`meson test -C BUILD --benchmark desktop`
or directly), never a test: timings depend on how busy the machine is.  Use
a build without sanitizers.

usage: bench-desktop.py --vigie PATH --floor PATH [--bench-core PATH]
                        [--starts N] [--window SECONDS]
"""

import argparse
import http.server
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
        and os.path.exists("/usr/bin/python3"):
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "desktop"))
from vigie_desktop import DesktopSession, missing_components, wait_until  # noqa: E402

from gi.repository import Gio, GLib  # noqa: E402

APP = "io.github.vigie.Vigie"
SOURCE_ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FLOOR = "io.github.vigie.VigieFloor"


# -- feeds on 127.0.0.1 --------------------------------------------------------

def summary(n):
    """A Statuspage summary.json of a healthy page with a dozen components."""
    return json.dumps({
        "page": {"id": "p%03d" % n, "name": "Service %03d" % n,
                 "url": "https://status.service%03d.example" % n,
                 "time_zone": "Etc/UTC", "updated_at": "2026-11-28T10:00:00Z"},
        "status": {"indicator": "none", "description": "All Systems Operational"},
        "components": [{"id": "c%d" % i, "name": "Component %d" % i, "status": "operational",
                        "group": False, "position": i} for i in range(12)],
        "incidents": [],
        "scheduled_maintenances": [],
    }).encode()


class Feeds:
    """Serves /sN/summary.json with an ETag; counts requests, 304s, connections."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = 0
        self.not_modified = 0
        self.connections = 0
        self.per_path = {}
        feeds = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                # one handler per TCP connection (keep-alive loops in handle())
                super().setup()
                with feeds.lock:
                    feeds.connections += 1

            def do_GET(self):
                match = re.match(r"^/s(\d+)/summary\.json$", self.path)
                if not match:
                    self.send_error(404)
                    return
                n = int(match.group(1))
                etag = '"v1-%d"' % n
                with feeds.lock:
                    feeds.requests += 1
                    feeds.per_path[n] = feeds.per_path.get(n, 0) + 1
                if self.headers.get("If-None-Match") == etag:
                    with feeds.lock:
                        feeds.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                body = summary(n)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                # a client that goes away (Vigie stopped) is no news
                if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
                    super().handle_error(request, client_address)

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.block_on_close = False
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()

    def url(self, n):
        return "http://127.0.0.1:%d/s%d/summary.json" % (self.server.server_address[1], n)

    def counts(self):
        with self.lock:
            return self.requests, self.not_modified, self.connections

    def polled_at_least(self, services, times):
        with self.lock:
            return all(self.per_path.get(n, 0) >= times for n in services)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


# -- reading a process ---------------------------------------------------------

def private_dirty_kib(pid):
    with open("/proc/%d/smaps_rollup" % pid) as f:
        for line in f:
            if line.startswith("Private_Dirty:"):
                return int(line.split()[1])
    raise RuntimeError("no Private_Dirty for %d" % pid)


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # utime and stime are fields 14 and 15; fields[0] is field 3 (state)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class RegistrationClock:
    """When the watcher announces the next tray item, to the millisecond.

    Subscribed before the program starts; the watcher's
    StatusNotifierItemRegistered signal is timed as it arrives, where
    polling RegisteredStatusNotifierItems every 5 ms blurred a 40 ms figure
    by an eighth.
    """

    def __init__(self, session):
        self.session = session
        self.at = None
        connection = session.bus.connection
        self.subscription = connection.signal_subscribe(
            None, "org.kde.StatusNotifierWatcher", "StatusNotifierItemRegistered",
            None, None, Gio.DBusSignalFlags.NONE, self._registered)

    def _registered(self, *args):
        if self.at is None:
            self.at = time.monotonic()

    def wait(self, proc, timeout=20.0):
        """Seconds (monotonic) when the item registered."""
        context = GLib.MainContext.default()
        deadline = time.monotonic() + timeout
        # wakes the loop now and then to see whether the process died
        ticker = GLib.timeout_add(20, lambda: True)
        try:
            while self.at is None and time.monotonic() < deadline:
                if proc.poll() is not None:
                    raise RuntimeError("the process ended (status %s)" % proc.returncode)
                context.iteration(True)
        finally:
            GLib.source_remove(ticker)
            self.session.bus.connection.signal_unsubscribe(self.subscription)
        if self.at is None:
            raise RuntimeError("no tray item registered in %.0f s" % timeout)
        return self.at


def window_exported(session):
    try:
        xml = session.bus.call(APP, "/io/github/vigie/Vigie/window/1",
                               "org.freedesktop.DBus.Introspectable", "Introspect",
                               reply_type="(s)", timeout_ms=2000)[0]
    except GLib.Error:
        return False
    return "org.gtk.Actions" in xml


def settle(proc, seconds=2.0):
    """Let a process finish what a start leaves (idles, caches) before reading it."""
    time.sleep(seconds)
    if proc.poll() is not None:
        raise RuntimeError("the process ended (status %s)" % proc.returncode)


# -- the runs ------------------------------------------------------------------

class Bench:
    def __init__(self, args, session, feeds):
        self.args = args
        self.session = session
        self.feeds = feeds
        self.next_service = 1
        self.runs = 0

    def stop(self, proc):
        self.session.stop_process(proc)
        # the watcher drops the item when its owner leaves the bus
        wait_until(lambda: not self.session.tray_items(), timeout=10)

    def floor(self, window=False, fetch=False):
        """(exec -> registered seconds, Private_Dirty KiB) of one floor run."""
        clock = RegistrationClock(self.session)
        start = time.monotonic()
        argv = [self.args.floor] + (["--window"] if window else [])
        if fetch:
            # vigie-floor-soup, beside vigie-floor
            argv = [self.args.floor + "-soup", "--fetch=" + self.feeds.url(0)]
        proc = self.session.spawn(argv, name="floor-%d" % self.runs)
        self.runs += 1
        registered = clock.wait(proc) - start
        settle(proc)
        os.sync()
        memory = private_dirty_kib(proc.pid)
        self.stop(proc)
        return registered, memory

    def start_vigie(self, n_services, background, name):
        """Starts Vigie on n fresh feeds; returns (proc, services, exec -> registered)."""
        services = list(range(self.next_service, self.next_service + n_services))
        self.next_service += n_services
        argv = [self.args.vigie, "--poll-interval=1"] + ["--feed=" + self.feeds.url(n)
                                                         for n in services]
        if background:
            argv.insert(1, "--background")
        clock = RegistrationClock(self.session)
        start = time.monotonic()
        proc = self.session.spawn(argv, name=name)
        registered = clock.wait(proc) - start
        if not background:
            wait_until(lambda: window_exported(self.session), timeout=20,
                       message="the window")
        # a full read, then a conditional poll answered 304, of every feed
        wait_until(lambda: self.feeds.polled_at_least(services, 2), timeout=60,
                   message="two polls of every feed")
        return proc, services, registered

    def vigie_memory(self, n_services, background):
        proc, _, _ = self.start_vigie(n_services, background,
                                      "vigie-%s-%d" % ("tray" if background else "window",
                                                       n_services))
        settle(proc, 3.0)
        # a file written recently counts as dirty in every process mapping
        # it until written back: a binary just built would count whole
        os.sync()
        memory = private_dirty_kib(proc.pid)
        self.stop(proc)
        return memory

    def vigie_start_time(self):
        proc, _, registered = self.start_vigie(3, False, "vigie-start-%d" % self.runs)
        self.runs += 1
        self.stop(proc)
        return registered

    def unchanged_polls(self, n_services, background, seconds):
        """CPU per 304, connections per request, fsyncs and renames per 304."""
        proc, _, _ = self.start_vigie(n_services, background,
                                      "vigie-polls-%s" % ("tray" if background else "window"))
        settle(proc, 2.0)

        # CPU, without strace (which slows what it watches)
        requests0, not_modified0, connections0 = self.feeds.counts()
        cpu0 = cpu_seconds(proc.pid)
        time.sleep(seconds)
        cpu1 = cpu_seconds(proc.pid)
        requests1, not_modified1, connections1 = self.feeds.counts()
        polls = max(not_modified1 - not_modified0, 1)
        cpu_ms = (cpu1 - cpu0) * 1000.0 / polls
        connections = (connections1 - connections0) / max(requests1 - requests0, 1)

        fsyncs = renames = None
        strace_polls = 0
        if shutil.which("strace"):
            log = self.session.path("strace-%d.log" % proc.pid)
            tracer = subprocess.Popen(["strace", "-f", "-qq", "-o", log,
                                       "-e", "trace=fsync,fdatasync,rename,renameat,renameat2",
                                       "-p", str(proc.pid)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)    # attached to every thread
            _, s0, _ = self.feeds.counts()
            time.sleep(seconds)
            _, s1, _ = self.feeds.counts()
            tracer.send_signal(signal.SIGINT)
            tracer.wait(10)
            strace_polls = max(s1 - s0, 1)
            with open(log, errors="replace") as f:
                text = f.read()
            fsyncs = len(re.findall(r"\b(?:fsync|fdatasync)\(", text)) / strace_polls
            renames = len(re.findall(r"\brename(?:at2?)?\(", text)) / strace_polls

        self.stop(proc)
        return {"cpu_ms": cpu_ms, "polls": polls, "connections": connections,
                "fsyncs": fsyncs, "renames": renames, "strace_polls": strace_polls}


def parse_ratio(bench_core):
    if not bench_core:
        return None
    out = subprocess.run([bench_core, "--parse-ratio"], capture_output=True, text=True,
                         timeout=300, check=True).stdout
    match = re.search(r"parse-ratio (\S+) (\S+) (\S+)", out)
    return tuple(float(x) for x in match.groups()) if match else None


# -- the report ----------------------------------------------------------------

ROWS = []


def row(figure, value, baseline, ratio, goal, ok):
    ROWS.append((figure, value, baseline, ratio, goal, "ok" if ok else "MISSED"))


def print_table():
    heads = ("figure", "Vigie", "baseline", "ratio", "goal", "")
    widths = [max(len(str(r[i])) for r in ROWS + [heads]) for i in range(len(heads))]
    for r in [heads] + ROWS:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())


def mib(kib):
    return "%.2f MiB" % (kib / 1024.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vigie", default=os.environ.get("VIGIE_BINARY"))
    parser.add_argument("--floor", required=True)
    parser.add_argument("--bench-core")
    parser.add_argument("--starts", type=int, default=9,
                        help="warm starts timed for each program (median)")
    parser.add_argument("--window", type=float, default=15.0,
                        help="seconds of unchanged polls measured")
    args = parser.parse_args()
    if not args.vigie:
        parser.error("--vigie is required (or VIGIE_BINARY)")
    # the programs run from the session's home
    args.vigie = os.path.abspath(args.vigie)
    args.floor = os.path.abspath(args.floor)
    if args.bench_core:
        args.bench_core = os.path.abspath(args.bench_core)

    missing = missing_components()
    if missing:
        print("SKIPPED: missing on this machine: " + ", ".join(missing))
        return 77

    ldd = subprocess.run(["ldd", args.vigie], capture_output=True, text=True).stdout
    if "libasan" in ldd:
        print("WARNING: %s is built with AddressSanitizer: memory and times are not "
              "representative; use a build without -Db_sanitize" % args.vigie)

    print("Vigie desktop benchmark: %s against %s, %d cores" % (args.vigie, args.floor,
                                                               os.cpu_count()))
    feeds = Feeds()
    try:
        # the icons found as installed ones would be (build-aux/vigie-dev run)
        with DesktopSession(extra_env={"TZ": "UTC"}, data_dirs=[SOURCE_ROOT]) as session:
            bench = Bench(args, session, feeds)

            # warm the caches (fonts, icons, libraries) for both programs
            bench.floor()
            bench.vigie_start_time()

            floor_starts, floor_memory = [], []
            vigie_starts = []
            for _ in range(args.starts):
                registered, memory = bench.floor()
                floor_starts.append(registered)
                floor_memory.append(memory)
                vigie_starts.append(bench.vigie_start_time())
            floor_kib = statistics.median(floor_memory)
            floor_window_kib = statistics.median([bench.floor(window=True)[1]
                                                  for _ in range(3)])
            floor_fetch_kib = statistics.median([bench.floor(fetch=True)[1]
                                                 for _ in range(3)])

            tray10 = bench.vigie_memory(10, True)
            tray50 = bench.vigie_memory(50, True)
            window10 = bench.vigie_memory(10, False)
            window50 = bench.vigie_memory(50, False)
            window200 = bench.vigie_memory(200, False)

            tray_polls = bench.unchanged_polls(10, True, args.window)
            window_polls = bench.unchanged_polls(10, False, args.window)
    finally:
        feeds.stop()

    ratio = parse_ratio(args.bench_core)

    per_tray = (tray50 - tray10) / 40.0
    per_window = (window50 - window10) / 40.0
    row("private memory per extra service, tray only", "%.1f KiB" % per_tray, "-", "-",
        "<= 10 KiB", per_tray <= 10)
    row("private memory per extra service, window open", "%.1f KiB" % per_window, "-", "-",
        "<= 25 KiB", per_window <= 25)
    row("50 services, tray only, vs floor", mib(tray50), mib(floor_kib),
        "%.3fx" % (tray50 / floor_kib), "<= 1.15x", tray50 / floor_kib <= 1.15)
    row("50 services, window open, vs floor", mib(window50), mib(floor_kib),
        "%.3fx" % (window50 / floor_kib), "<= 1.35x", window50 / floor_kib <= 1.35)
    row("200 services, window open, vs floor", mib(window200), mib(floor_kib),
        "%.3fx" % (window200 / floor_kib), "<= 1.6x", window200 / floor_kib <= 1.6)
    vigie_start = statistics.median(vigie_starts)
    floor_start = statistics.median(floor_starts)
    row("exec -> tray item registered, window launch", "%.0f ms" % (vigie_start * 1000),
        "%.0f ms" % (floor_start * 1000), "%.3fx" % (vigie_start / floor_start), "<= 1.25x",
        vigie_start / floor_start <= 1.25)
    row("TCP connections per request, feeds answering 304",
        "%.2f" % window_polls["connections"], "1 (no reuse)", "-", "<= 0.25",
        window_polls["connections"] <= 0.25)
    if window_polls["fsyncs"] is not None:
        row("fsyncs per unchanged poll (renames)",
            "%.2f (%.2f)" % (window_polls["fsyncs"], window_polls["renames"]), "-", "-", "0",
            window_polls["fsyncs"] == 0)
    else:
        row("fsyncs per unchanged poll", "strace not found", "-", "-", "0", False)
    row("CPU per unchanged poll, window open", "%.2f ms" % window_polls["cpu_ms"], "-", "-",
        "<= 1 ms", window_polls["cpu_ms"] <= 1)
    row("CPU per unchanged poll, tray only", "%.2f ms" % tray_polls["cpu_ms"], "-", "-",
        "<= 0.5 ms", tray_polls["cpu_ms"] <= 0.5)
    if ratio is not None:
        row("parse 12 KB summary, load_bounded vs bare json-glib", "%.0f us" % ratio[1],
            "%.0f us" % ratio[2], "%.2fx" % ratio[0], "<= 1.15x", ratio[0] <= 1.15)

    print()
    print_table()
    print()
    print("memory: Private_Dirty; floor %s (median of %d), Vigie tray only 10/50 services "
          "%s/%s, window open 10/50/200 %s/%s/%s" % (
              mib(floor_kib), len(floor_memory), mib(tray10), mib(tray50), mib(window10),
              mib(window50), mib(window200)))
    print("what any such program pays: the floor with a window open (vigie-floor --window: a "
          "header bar and one label) %s, %.2fx; the floor that read one feed with libsoup "
          "(--fetch) %s, %.2fx" % (mib(floor_window_kib), floor_window_kib / floor_kib,
                                  mib(floor_fetch_kib), floor_fetch_kib / floor_kib))
    print("start: median of %d warm starts of each; Vigie with 3 feeds, launched with its "
          "window" % args.starts)
    print("polls: 10 feeds every second, %.0f s: %d unchanged polls window open, %d tray only;"
          " fsyncs over %d polls under strace" % (args.window, window_polls["polls"],
                                                  tray_polls["polls"],
                                                  window_polls["strace_polls"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
