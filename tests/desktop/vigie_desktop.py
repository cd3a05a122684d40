"""Headless desktop test harness for Vigie.

Runs a tray application against *real* desktop components, all private to the
test and torn down afterwards:

  * Xvfb on a free display (chosen by Xvfb itself with ``-displayfd``),
  * a private session ``dbus-daemon`` (own config: no service activation),
  * ``status-notifier-watcher`` as the tray host (org.kde.StatusNotifierWatcher),
  * python-dbusmock's ``notification_daemon`` template (org.freedesktop.Notifications),
  * a private HOME and XDG_* tree, with a URL handler that records every URL
    the application asks the desktop to open.

The test talks to all of it over D-Bus (``Tray``, ``Notifications``), serves
feeds with ``FeedServer`` and reports with ``Tap``.  Only the standard library
and ``gi.repository`` (Gio/GLib) are used here; dbusmock runs as a separate
process under the Debian interpreter that has it.

Run test scripts with the Debian interpreter (``/usr/bin/python3``): python3-gi
and python3-dbusmock are not visible from a pyenv/venv python.

See README.md next to this file for the full story and the pitfalls.
"""

import contextlib
import errno
import http.server
import importlib.util
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

try:
    import gi
except ImportError as _e:     # e.g. a pyenv/venv python without python3-gi
    raise ImportError(f"vigie_desktop needs python3-gi; run the test with /usr/bin/python3 "
                      f"(this is {sys.executable})") from _e

gi.require_version("Gio", "2.0")
gi.require_version("GLib", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

__all__ = [
    "DesktopSession", "FeedServer", "Tray", "MenuItem", "Notifications",
    "Tap", "SkipTest", "WaitTimeout", "HarnessError",
    "wait_until", "locale_available", "available_locales", "missing_components",
    "DEFAULT_NOTIFICATION_CAPS", "TEMPLATE_DEFAULT_CAPS",
]

# ---------------------------------------------------------------------------
# constants

WATCHER_NAME = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"
WATCHER_IFACE = "org.kde.StatusNotifierWatcher"
ITEM_IFACE = "org.kde.StatusNotifierItem"
DBUSMENU_IFACE = "com.canonical.dbusmenu"
NOTIFY_NAME = "org.freedesktop.Notifications"
NOTIFY_PATH = "/org/freedesktop/Notifications"
NOTIFY_IFACE = "org.freedesktop.Notifications"
MOCK_IFACE = "org.freedesktop.DBus.Mock"

# What python-dbusmock 0.28's notification_daemon template advertises when it
# is given no "capabilities" parameter.  Note: no "actions"!
TEMPLATE_DEFAULT_CAPS = (
    "body", "body-markup", "icon-static", "image/svg+xml",
    "private-synchronous", "append", "private-icon-only", "truncation",
)
# What the harness advertises by default: close to GNOME Shell / xfce4-notifyd,
# i.e. a server that draws action buttons and understands body markup.
DEFAULT_NOTIFICATION_CAPS = ("actions", "body", "body-markup", "icon-static", "persistence")

# Environment variables of the real desktop that must never reach the session.
_LEAKY_VARS = {
    "DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET", "XAUTHORITY", "XAUTHLOCALHOSTNAME",
    "DBUS_SESSION_BUS_ADDRESS", "DBUS_SESSION_BUS_PID", "DBUS_SESSION_BUS_WINDOWID",
    "DBUS_STARTER_ADDRESS", "DBUS_STARTER_BUS_TYPE", "DBUS_SYSTEM_BUS_ADDRESS",
    "SESSION_MANAGER", "DESKTOP_SESSION", "DESKTOP_STARTUP_ID", "XDG_ACTIVATION_TOKEN",
    "GIO_LAUNCHED_DESKTOP_FILE", "GIO_LAUNCHED_DESKTOP_FILE_PID",
    "AT_SPI_BUS_ADDRESS", "GTK_MODULES", "GTK3_MODULES", "GTK_IM_MODULE", "QT_IM_MODULE",
    "GTK_THEME", "GDK_SCALE", "GDK_DPI_SCALE", "GSETTINGS_BACKEND", "GSETTINGS_SCHEMA_DIR",
    "SSH_AUTH_SOCK", "GPG_AGENT_INFO", "GNOME_KEYRING_CONTROL", "GNOME_SETUP_DISPLAY",
    "HOME", "LANG", "LANGUAGE", "NOTIFY_IGNORE_PORTAL", "NOTIFY_FORCE_PORTAL",
    "GTK_USE_PORTAL", "GDK_DEBUG", "GIO_USE_VFS", "GIO_USE_VOLUME_MONITOR",
}
_LEAKY_PREFIXES = ("XDG_", "LC_", "GNOME_", "KDE_", "PLASMA_", "MATE_", "XFCE_")

# The marker put in the environment of every process of a session; teardown
# kills whatever still carries it (D-Bus activated helpers, grandchildren...).
MARKER_VAR = "VIGIE_DESKTOP_SESSION"


class HarnessError(RuntimeError):
    """The desktop session could not be set up."""


class WaitTimeout(AssertionError):
    """wait_until() ran out of time (an AssertionError: a failed check)."""


class SkipTest(Exception):
    """Raise inside ``Tap.test()`` to report the test as skipped."""


# ---------------------------------------------------------------------------
# small helpers

def wait_until(predicate, timeout=10.0, interval=0.05, message=None):
    """Call ``predicate()`` until it returns a true value, and return that value.

    Raises WaitTimeout after ``timeout`` seconds.  Exceptions raised by the
    predicate propagate (a broken predicate must not look like a slow one),
    except GLib.Error from D-Bus calls, which are retried (the peer may not be
    up yet) and reported in the timeout message.
    """
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except GLib.Error as e:
            last_error = e
        if time.monotonic() >= deadline:
            what = message or getattr(predicate, "__name__", "condition")
            extra = f" (last D-Bus error: {last_error.message})" if last_error else ""
            raise WaitTimeout(f"timed out after {timeout:g} s waiting for {what}{extra}")
        time.sleep(interval)


def _normalize_locale(name):
    """'fr_FR.UTF-8' and 'fr_FR.utf8' are the same locale for glibc."""
    name = name.strip()
    if "." in name:
        base, _, rest = name.partition(".")
        codeset, at, modifier = rest.partition("@")
        codeset = codeset.lower().replace("-", "")
        name = base + "." + codeset + (at + modifier if at else "")
    return name


def available_locales():
    """The set of locales of ``locale -a``, normalized ('fr_FR.utf8')."""
    try:
        out = subprocess.run(["locale", "-a"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {_normalize_locale(line) for line in out.splitlines() if line.strip()}


def locale_available(name):
    """True if glibc has locale ``name`` (e.g. 'fr_FR.UTF-8') generated.

    A test needing French must skip loudly when this is False: under an
    unknown locale glibc falls back to "C", where LANGUAGE is ignored and
    every string silently comes out in English.
    """
    return _normalize_locale(name) in available_locales()


def _debian_python():
    """An interpreter that can import dbusmock (pyenv shims often cannot)."""
    if importlib.util.find_spec("dbusmock") is not None:
        return sys.executable
    for candidate in ("/usr/bin/python3", "/bin/python3"):
        if os.path.exists(candidate):
            probe = subprocess.run([candidate, "-c", "import dbusmock"],
                                   capture_output=True, check=False)
            if probe.returncode == 0:
                return candidate
    return None


def missing_components():
    """What this machine lacks to run a DesktopSession (empty list: all there).

    Use it to skip the whole test file loudly (``Tap.skip_all``) instead of
    failing on a machine without the packages.
    """
    missing = []
    for exe, pkg in (("Xvfb", "xvfb"), ("dbus-daemon", "dbus"),
                     ("status-notifier-watcher", "haskell-status-notifier-item-utils")):
        if shutil.which(exe) is None:
            missing.append(f"{exe} (Debian package {pkg})")
    if _debian_python() is None:
        missing.append("python module dbusmock (Debian package python3-dbusmock)")
    return missing


def _remove_stale_tmpdirs(parent):
    """Remove temp dirs of sessions whose test process was SIGKILLed.

    (A killed test cannot clean up after itself; its children died through
    --pdeathsig, but the directory stays.)  Only dirs whose owner.pid names
    a process that no longer exists are touched, so concurrent runs are safe.
    """
    try:
        names = [n for n in os.listdir(parent) if n.startswith("vigie-desktop-")]
    except OSError:
        return
    for name in names:
        d = os.path.join(parent, name)
        try:
            with open(os.path.join(d, "owner.pid"), encoding="ascii") as f:
                pid = int(f.read().strip())
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(d, ignore_errors=True)
        except (OSError, ValueError):
            continue       # no/unreadable pid file, or alive (EPERM): leave it


def _setpriv_prefix():
    """['setpriv', '--pdeathsig', 'TERM'] when available, else [].

    Children started through it get SIGTERM if the test process dies without
    running its teardown (SIGKILL, a crash), so a killed test leaks nothing.
    """
    exe = shutil.which("setpriv")
    if exe is None:
        return []
    try:
        helptext = subprocess.run([exe, "--help"], capture_output=True, text=True,
                                  timeout=5, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [exe, "--pdeathsig", "TERM"] if "--pdeathsig" in helptext else []


def _variant_to_py(value):
    """GLib.Variant (or already unpacked value) -> plain Python."""
    if isinstance(value, GLib.Variant):
        return value.unpack()
    return value


# ---------------------------------------------------------------------------
# D-Bus plumbing (Gio only; never the real session bus)

class _Bus:
    """A Gio connection to the private bus, with small call helpers."""

    def __init__(self, address):
        flags = (Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
                 | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION)
        self.connection = Gio.DBusConnection.new_for_address_sync(address, flags, None, None)
        # the test process must not die when the bus goes away at teardown
        self.connection.set_exit_on_close(False)

    def call(self, name, path, iface, method, params=None, reply_type=None, timeout_ms=5000):
        """Synchronous method call; returns the unpacked reply tuple."""
        reply = self.connection.call_sync(
            name, path, iface, method, params,
            GLib.VariantType(reply_type) if reply_type else None,
            Gio.DBusCallFlags.NO_AUTO_START, timeout_ms, None)
        return reply.unpack() if reply is not None else ()

    def get_property(self, name, path, iface, prop):
        # Always a fresh Properties.Get: StatusNotifierItem announces changes
        # with its own signals (NewIcon, NewStatus...), not PropertiesChanged,
        # so a Gio.DBusProxy property cache would go stale.
        return self.call(name, path, "org.freedesktop.DBus.Properties", "Get",
                         GLib.Variant("(ss)", (iface, prop)), "(v)")[0]

    def get_all_properties(self, name, path, iface):
        return self.call(name, path, "org.freedesktop.DBus.Properties", "GetAll",
                         GLib.Variant("(s)", (iface,)), "(a{sv})")[0]

    def name_has_owner(self, name):
        return self.call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                         "org.freedesktop.DBus", "NameHasOwner",
                         GLib.Variant("(s)", (name,)), "(b)")[0]

    def close(self):
        with contextlib.suppress(GLib.Error):
            self.connection.close_sync(None)


_DBUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<!-- Private session bus of a Vigie desktop test.  Unlike the stock
     session.conf it has no standard service directories: nothing from the
     machine (dconf, at-spi, gvfs, portals...) is ever auto-started; only
     .service files a test drops into {servicedir} are activatable. -->
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>{servicedir}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

_URL_RECORDER = """#!/bin/sh
# URL handler of a Vigie desktop test: records each URL it is asked to open.
for url in "$@"; do
    printf '%s\\n' "$url" >> '{log}'
done
"""

URL_HANDLER_DESKTOP_ID = "vigie-test-url-recorder.desktop"


# ---------------------------------------------------------------------------
# the session

class DesktopSession:
    """A private headless desktop: Xvfb + session bus + tray host + notification server.

    Usage::

        with DesktopSession(lang="fr_FR.UTF-8") as session:
            app = session.spawn([vigie, "--feed", url])
            tray = session.tray("io.github.vigie.Vigie")
            tray.wait_for_icon("io.github.vigie.Vigie-major-symbolic")

    Parameters:
      lang               LANG and LC_ALL of ``session.env`` (caller checks it
                         with ``locale_available`` first; default C.UTF-8).
      language           LANGUAGE of ``session.env`` (default: unset).
      notification_caps  capabilities the notification server advertises
                         (default DEFAULT_NOTIFICATION_CAPS, which has "actions";
                         pass () for a server without any, or
                         TEMPLATE_DEFAULT_CAPS for dbusmock's own default).
      tray_host          start status-notifier-watcher (False: no watcher, to
                         test the app's behaviour without a tray).
      watcher            "debian": Debian's status-notifier-watcher (default);
                         "harness": sni_watcher.py next to this file, which
                         exports its object before taking the bus name (use
                         it when the tray host starts AFTER the app: the
                         Debian one races with libayatana then, see README).
      register_host      register the harness as a StatusNotifierHost, as a
                         real panel does, so that the watcher's
                         IsStatusNotifierHostRegistered is true (False: a
                         watcher without any host, e.g. a crashed panel).
      notification_server start the dbusmock notification daemon.
      data_dirs          directories prepended to XDG_DATA_DIRS (an icon theme
                         or compiled GSettings schemas of the build tree).
      extra_env          added to session.env (e.g. VIGIE_LOCALEDIR).
      screen             Xvfb screen geometry.
      keep_tmp           keep the temp dir (logs) after teardown; also when the
                         environment has VIGIE_DESKTOP_KEEP=1.
      startup_timeout    seconds to wait for each component.
    """

    def __init__(self, lang="C.UTF-8", language=None,
                 notification_caps=DEFAULT_NOTIFICATION_CAPS,
                 tray_host=True, watcher="debian", register_host=True,
                 notification_server=True,
                 data_dirs=(), extra_env=None, screen="1280x800x24",
                 keep_tmp=None, startup_timeout=15.0):
        self.lang = lang
        self.language = language
        self.notification_caps = tuple(notification_caps)
        self.tray_host = tray_host
        self.register_host = register_host
        if watcher not in ("debian", "harness"):
            raise ValueError(f"watcher must be 'debian' or 'harness', not {watcher!r}")
        self.watcher = watcher
        self.notification_server = notification_server
        self.data_dirs = tuple(data_dirs)
        self.extra_env = dict(extra_env or {})
        self.screen = screen
        if keep_tmp is None:
            keep_tmp = os.environ.get("VIGIE_DESKTOP_KEEP") == "1"
        self.keep_tmp = keep_tmp
        self.startup_timeout = startup_timeout

        self.tmpdir = None
        self.display = None
        self.xvfb_pid = None
        self.bus_address = None
        self.bus = None              # _Bus: the harness's own connection
        self._procs = []             # (name, Popen), in start order
        self._log_files = []
        self._old_sigterm = None
        self._started = False
        self._token = None
        self._host_name = None
        self._pdeathsig = []

    # -- context manager ----------------------------------------------------

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, exc_type, exc, tb):
        self.stop()
        return False

    # -- paths --------------------------------------------------------------

    def path(self, *parts):
        """A path inside the session's temp dir."""
        return os.path.join(self.tmpdir, *parts)

    @property
    def home(self):
        return self.path("home")

    @property
    def runtime_dir(self):
        return self.path("runtime")

    @property
    def dbus_service_dir(self):
        """Drop ``*.service`` files here to make names activatable on the bus."""
        return self.path("dbus-services")

    @property
    def logs_dir(self):
        return self.path("logs")

    # -- start --------------------------------------------------------------

    def start(self):
        if self._started:
            return
        self._started = True
        self._install_sigterm_handler()

        # Unix socket paths are limited to 108 bytes: keep the temp dir short
        # even when TMPDIR is a long build directory.
        parent = tempfile.gettempdir()
        if len(parent) > 60:
            parent = "/tmp"
        _remove_stale_tmpdirs(parent)
        self.tmpdir = tempfile.mkdtemp(prefix="vigie-desktop-", dir=parent)
        self._token = self.tmpdir
        with open(self.path("owner.pid"), "w", encoding="ascii") as f:
            f.write(str(os.getpid()))
        for d in ("home", "config", "data", "state", "cache", "logs", "bin",
                  "dbus-services", "data/applications"):
            os.makedirs(self.path(d), exist_ok=True)
        os.mkdir(self.runtime_dir, 0o700)
        os.chmod(self.runtime_dir, 0o700)   # umask-proof: GLib warns otherwise
        self._write_url_handler()
        self._pdeathsig = _setpriv_prefix()

        self._start_xvfb()
        self._start_dbus()
        self.bus = _Bus(self.bus_address)

        # Tray host and notification server start in parallel, then we wait
        # for both.  The tray host must be up BEFORE the app starts, or
        # libayatana-appindicator first falls back to a GtkStatusIcon.
        if self.tray_host:
            self._spawn_tray_host(self.watcher)
        if self.notification_server:
            self._spawn_notification_server()
        if self.tray_host:
            self._wait_for_tray_host()
        if self.notification_server:
            self._wait_for_name(NOTIFY_NAME, "notification-daemon")

    def _spawn_notification_server(self):
        python = _debian_python()
        if python is None:
            raise HarnessError("python3-dbusmock is not installed")
        params = json.dumps({"capabilities": " ".join(self.notification_caps)})
        self._spawn_infra("notification-daemon",
                          [python, "-m", "dbusmock", "--template", "notification_daemon",
                           "-l", self.path("logs", "notification-daemon.calls"),
                           "-p", params])

    def start_notification_server(self):
        """Start the notification server now (one that appears after the app)."""
        if self._proc("notification-daemon") is not None:
            raise HarnessError("the notification server is already running")
        self._spawn_notification_server()
        self._wait_for_name(NOTIFY_NAME, "notification-daemon")

    def _spawn_tray_host(self, watcher):
        if watcher == "debian":
            argv = ["status-notifier-watcher"]
        else:
            python = _debian_python() or sys.executable
            argv = [python, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "sni_watcher.py")]
        self._spawn_infra("tray-host", argv)

    def start_tray_host(self, watcher=None):
        """Start the tray host now (a panel appearing after the app).

        ``watcher`` defaults to the session's; prefer "harness" here (see the
        class doc): Debian's watcher races with an already running app.
        """
        if self._proc("tray-host") is not None:
            raise HarnessError("the tray host is already running")
        self._spawn_tray_host(watcher or self.watcher)
        self._wait_for_tray_host()

    def stop_tray_host(self):
        """Kill the tray host (a panel crashing / logging out)."""
        proc = self._proc("tray-host")
        if proc is None:
            return
        if self._host_name:
            self.bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ReleaseName",
                          GLib.Variant("(s)", (self._host_name,)), "(u)")
            self._host_name = None
        self.stop_process(proc)
        self._procs = [(n, p) for n, p in self._procs if p is not proc]
        wait_until(lambda: not self.bus.name_has_owner(WATCHER_NAME), self.startup_timeout,
                   0.02, f"{WATCHER_NAME} to leave the bus")

    def _proc(self, name):
        """The running infrastructure process called ``name``, or None."""
        for n, p in self._procs:
            if n == name and p.poll() is None:
                return p
        return None

    def _wait_for_tray_host(self):
        self._wait_for_name(WATCHER_NAME, "tray-host")
        # The name alone is not enough: Debian's watcher owns it before its
        # object answers.  Wait for a property read to succeed.
        try:
            wait_until(lambda: self.bus.get_property(WATCHER_NAME, WATCHER_PATH, WATCHER_IFACE,
                                                     "ProtocolVersion") is not None,
                       self.startup_timeout, 0.02, f"{WATCHER_PATH} to answer")
        except WaitTimeout as e:
            raise HarnessError(str(e) + self._log_tail("tray-host")) from None
        if self.register_host:
            self._register_tray_host()

    def _install_sigterm_handler(self):
        # meson (and CI timeouts) stop a test with SIGTERM; Python's default
        # action would skip __exit__ and leak Xvfb & co.  Turn it into
        # SystemExit so the teardown runs.
        if threading.current_thread() is not threading.main_thread():
            return

        def on_sigterm(signum, frame):
            raise SystemExit(128 + signum)
        self._old_sigterm = signal.signal(signal.SIGTERM, on_sigterm)

    def _base_env(self):
        """The real environment minus everything that points at the real desktop."""
        env = {k: v for k, v in os.environ.items()
               if k not in _LEAKY_VARS and not k.startswith(_LEAKY_PREFIXES)}
        env.update({
            MARKER_VAR: self._token,
            "HOME": self.home,
            "XDG_CONFIG_HOME": self.path("config"),
            "XDG_DATA_HOME": self.path("data"),
            "XDG_STATE_HOME": self.path("state"),
            "XDG_CACHE_HOME": self.path("cache"),
            "XDG_RUNTIME_DIR": self.runtime_dir,
            "XDG_CONFIG_DIRS": "/etc/xdg",
            "XDG_DATA_DIRS": ":".join(list(self.data_dirs) + ["/usr/local/share", "/usr/share"]),
            "NO_AT_BRIDGE": "1",            # no at-spi bus lookups / activation
            "GTK_A11Y": "none",
            "GSETTINGS_BACKEND": "memory",  # no dconf, nothing persisted
            "GIO_USE_VFS": "local",         # no gvfs daemons
            "GDK_BACKEND": "x11",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        })
        if self.display:
            env["DISPLAY"] = self.display
        if self.bus_address:
            env["DBUS_SESSION_BUS_ADDRESS"] = self.bus_address
        return env

    def app_env(self, lang=None, language=None, extra=None):
        """Environment to run the application under test with.

        ``lang`` overrides the session's LANG/LC_ALL, ``language`` its
        LANGUAGE, ``extra`` adds variables.  Inherits the caller's PATH,
        G_DEBUG, sanitizer options, LD_LIBRARY_PATH... but nothing of the real
        desktop (DISPLAY, bus, XDG dirs, HOME, locale).
        """
        env = self._base_env()
        lang = lang or self.lang
        env["LANG"] = lang
        env["LC_ALL"] = lang
        language = language if language is not None else self.language
        if language:
            env["LANGUAGE"] = language
        env.update(self.extra_env)
        env.update(extra or {})
        return env

    @property
    def env(self):
        """``app_env()`` with the session's defaults (a fresh dict each time)."""
        return self.app_env()

    def _infra_env(self):
        env = self._base_env()
        # debugging knobs meant for the app would only slow down / abort helpers
        for k in ("G_DEBUG", "G_MESSAGES_DEBUG", "G_SLICE", "LD_PRELOAD", "MALLOC_PERTURB_"):
            env.pop(k, None)
        return env

    def _open_log(self, name):
        f = open(self.path("logs", name + ".log"), "ab", buffering=0)
        self._log_files.append(f)
        return f

    def _spawn_infra(self, name, argv, **kwargs):
        log = self._open_log(name)
        proc = subprocess.Popen(self._pdeathsig + argv, env=self._infra_env(),
                                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                cwd=self.tmpdir, **kwargs)
        self._procs.append((name, proc))
        return proc

    def _start_xvfb(self):
        # -displayfd: Xvfb picks the first free display itself and writes its
        # number on the pipe once it listens: no race on lock files.
        # -noreset: do not reset the server when the last client leaves.
        rfd, wfd = os.pipe()
        try:
            proc = self._spawn_infra(
                "xvfb",
                ["Xvfb", "-displayfd", str(wfd), "-nolisten", "tcp", "-noreset",
                 "-screen", "0", self.screen],
                pass_fds=(wfd,))
        finally:
            os.close(wfd)
        data = b""
        deadline = time.monotonic() + self.startup_timeout
        try:
            while not data.endswith(b"\n"):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or proc.poll() is not None:
                    raise HarnessError("Xvfb did not start" + self._log_tail("xvfb"))
                ready, _, _ = select.select([rfd], [], [], min(remaining, 0.2))
                if ready:
                    chunk = os.read(rfd, 64)
                    if not chunk:
                        raise HarnessError("Xvfb closed -displayfd" + self._log_tail("xvfb"))
                    data += chunk
        finally:
            os.close(rfd)
        self.display = ":" + data.decode().strip()
        self.xvfb_pid = proc.pid

    def _start_dbus(self):
        socket_path = self.path("runtime", "bus")
        config = self.path("dbus-session.conf")
        with open(config, "w", encoding="utf-8") as f:
            f.write(_DBUS_CONFIG.format(socket=socket_path, servicedir=self.dbus_service_dir))
        # --nofork keeps dbus-daemon our direct child (easy, certain teardown);
        # --print-address tells us when it listens.
        log = self._open_log("dbus-daemon")
        proc = subprocess.Popen(
            self._pdeathsig + ["dbus-daemon", "--config-file=" + config, "--nofork",
                               "--nopidfile", "--print-address=1"],
            env=self._infra_env(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=log, cwd=self.tmpdir)
        self._procs.append(("dbus-daemon", proc))
        ready, _, _ = select.select([proc.stdout], [], [], self.startup_timeout)
        line = proc.stdout.readline().decode().strip() if ready else ""
        if not line:
            raise HarnessError("dbus-daemon did not start" + self._log_tail("dbus-daemon"))
        self.bus_address = line

    def _wait_for_name(self, name, proc_name):
        proc = self._proc(proc_name) or dict(self._procs)[proc_name]

        def owned():
            if proc.poll() is not None:
                raise HarnessError(f"{proc_name} exited with status {proc.returncode}"
                                   + self._log_tail(proc_name))
            return self.bus.name_has_owner(name)
        try:
            wait_until(owned, self.startup_timeout, 0.02, f"{name} on the session bus")
        except WaitTimeout as e:
            raise HarnessError(str(e) + self._log_tail(proc_name)) from None

    def _register_tray_host(self):
        # A panel owns org.kde.StatusNotifierHost-<pid>-<n> and registers it;
        # without this the watcher says IsStatusNotifierHostRegistered=false
        # and toolkits that check it (Qt, Electron...) would not use the tray.
        host = f"org.kde.StatusNotifierHost-{os.getpid()}-1"
        reply = self.bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                              "org.freedesktop.DBus", "RequestName",
                              GLib.Variant("(su)", (host, 4)), "(u)")[0]   # 4: DO_NOT_QUEUE
        if reply != 1:
            raise HarnessError(f"could not own {host} (RequestName -> {reply})")
        self._host_name = host
        self.bus.call(WATCHER_NAME, WATCHER_PATH, WATCHER_IFACE, "RegisterStatusNotifierHost",
                      GLib.Variant("(s)", (host,)))
        wait_until(lambda: self.bus.get_property(WATCHER_NAME, WATCHER_PATH, WATCHER_IFACE,
                                                 "IsStatusNotifierHostRegistered"),
                   self.startup_timeout, 0.02, "IsStatusNotifierHostRegistered")

    def _write_url_handler(self):
        script = self.path("bin", "vigie-url-recorder")
        with open(script, "w", encoding="utf-8") as f:
            f.write(_URL_RECORDER.format(log=self.path("opened-urls.txt")))
        os.chmod(script, 0o755)
        open(self.path("opened-urls.txt"), "w").close()
        # Unquoted Exec when possible: xdg-open's own desktop-file parser
        # (used when no desktop environment is detected) does not understand
        # quoted paths, while GLib does.
        exec_path = script if all(c.isalnum() or c in "/._-" for c in script) \
            else '"' + script + '"'
        with open(self.path("data", "applications", URL_HANDLER_DESKTOP_ID), "w",
                  encoding="utf-8") as f:
            f.write("[Desktop Entry]\n"
                    "Type=Application\n"
                    "Name=Vigie test URL recorder\n"
                    f"Exec={exec_path} %u\n"
                    "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n"
                    "NoDisplay=true\n"
                    "Terminal=false\n")
        schemes = ("x-scheme-handler/http", "x-scheme-handler/https")
        with open(self.path("config", "mimeapps.list"), "w", encoding="utf-8") as f:
            f.write("[Default Applications]\n")
            for s in schemes:
                f.write(f"{s}={URL_HANDLER_DESKTOP_ID}\n")
            f.write("\n[Added Associations]\n")
            for s in schemes:
                f.write(f"{s}={URL_HANDLER_DESKTOP_ID};\n")

    # -- running things in the session ---------------------------------------

    def spawn(self, argv, name=None, env=None, lang=None, language=None, extra_env=None,
              cwd=None):
        """Start a program (the app under test) in the session; returns its Popen.

        stdout and stderr go to ``logs/<name>.log`` (read them with
        ``session.log(name)``), never to the test's stdout (that is the TAP
        stream).  The process is killed at teardown if still running.
        """
        name = name or os.path.basename(argv[0])
        if env is None:
            env = self.app_env(lang=lang, language=language, extra=extra_env)
        else:
            env = dict(env)
            env[MARKER_VAR] = self._token
        log = self._open_log(name)
        # setpriv --pdeathsig: the app gets SIGTERM if the test process is
        # killed outright (it must then be spawned from the main thread:
        # the signal fires when the spawning *thread* exits).
        proc = subprocess.Popen(self._pdeathsig + list(argv), env=env,
                                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                cwd=cwd or self.home)
        self._procs.append((name, proc))
        return proc

    def run(self, argv, timeout=30, **kwargs):
        """Run a short command in the session, return CompletedProcess (text)."""
        kwargs.setdefault("env", self.env)
        return subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False, **kwargs)

    def stop_process(self, proc, timeout=5.0):
        """SIGTERM, then SIGKILL after ``timeout``; returns the exit status."""
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
                proc.wait()
        return proc.returncode

    def log(self, name):
        """Contents of logs/<name>.log ('' if missing)."""
        try:
            with open(self.path("logs", name + ".log"), encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def _log_tail(self, name, lines=15):
        text = self.log(name) if self.tmpdir else ""
        if not text:
            return ""
        return f"\n--- tail of {name}.log ---\n" + "\n".join(text.splitlines()[-lines:])

    def dump_logs(self, lines=30):
        """Tails of every log, as one string (for TAP diagnostics)."""
        if not self.tmpdir or not os.path.isdir(self.logs_dir):
            return ""
        out = []
        for fn in sorted(os.listdir(self.logs_dir)):
            with open(os.path.join(self.logs_dir, fn), encoding="utf-8", errors="replace") as f:
                text = f.read().splitlines()
            if text:
                out.append(f"--- {fn} (last {min(lines, len(text))} lines) ---")
                out.extend(text[-lines:])
        return "\n".join(out)

    # -- what the desktop saw -------------------------------------------------

    def opened_urls(self):
        """URLs the desktop was asked to open (http/https default handler), in order."""
        try:
            with open(self.path("opened-urls.txt"), encoding="utf-8") as f:
                return [line.rstrip("\n") for line in f if line.strip()]
        except OSError:
            return []

    def wait_for_opened_url(self, url, timeout=10.0):
        """Wait until ``url`` was opened; returns the full list."""
        return wait_until(lambda: url in self.opened_urls() and self.opened_urls(),
                          timeout, message=f"URL {url} to be opened "
                                           f"(opened so far: {self.opened_urls()})")

    def tray(self, item_id=None, timeout=10.0):
        """The registered tray item (optionally the one whose Id is ``item_id``)."""
        return Tray.find(self.bus, item_id=item_id, timeout=timeout)

    def tray_items(self):
        """Registered tray items as (bus name, object path) pairs."""
        return Tray.entries(self.bus)

    @property
    def notifications(self):
        return Notifications(self.bus)

    # -- teardown -----------------------------------------------------------

    def stop(self):
        """Kill everything (apps first, Xvfb last), remove the temp dir. Idempotent."""
        if not self._started:
            return
        self._started = False
        try:
            if self.bus is not None:
                self.bus.close()
                self.bus = None
            for name, proc in reversed(self._procs):
                if name == "dbus-daemon" and proc.stdout:
                    proc.stdout.close()
                self.stop_process(proc, timeout=3.0)
            self._procs.clear()
            self._sweep_marked_processes()
            self._remove_stale_x_files()
        finally:
            for f in self._log_files:
                with contextlib.suppress(OSError):
                    f.close()
            self._log_files.clear()
            if self.tmpdir and not self.keep_tmp:
                shutil.rmtree(self.tmpdir, ignore_errors=True)
            elif self.tmpdir:
                print(f"# vigie_desktop: kept {self.tmpdir}", file=sys.stderr)
            if self._old_sigterm is not None:
                signal.signal(signal.SIGTERM, self._old_sigterm)
                self._old_sigterm = None

    def leftover_pids(self):
        """Pids of processes still carrying this session's environment marker
        (empty after a clean teardown)."""
        return self._marked_pids() if self._token else []

    def _marked_pids(self):
        needle = f"{MARKER_VAR}={self._token}".encode()
        pids = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == os.getpid():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as f:
                    if needle in f.read().split(b"\0"):
                        pids.append(int(entry))
            except OSError:
                continue
        return pids

    def _sweep_marked_processes(self):
        """Kill leftovers that inherited the session environment.

        D-Bus-activated services, processes the app launched (the URL
        recorder is short-lived, but a real app could launch a browser), and
        anything a test started by hand with ``session.env``.
        """
        if not self._token:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            pids = self._marked_pids()
            if not pids:
                return
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, sig)
            deadline = time.monotonic() + 2.0
            while time.monotonic() < deadline and self._marked_pids():
                time.sleep(0.05)
            # reap any that were our own children
            for pid in pids:
                with contextlib.suppress(ChildProcessError, OSError):
                    os.waitpid(pid, os.WNOHANG)

    def _remove_stale_x_files(self):
        # Xvfb removes its lock and socket on SIGTERM; only if it had to be
        # SIGKILLed do they stay behind.
        if not self.display:
            return
        n = self.display.lstrip(":")
        lock = f"/tmp/.X{n}-lock"
        try:
            with open(lock, encoding="ascii") as f:
                pid = int(f.read().strip())
        except (OSError, ValueError):
            return
        try:
            os.kill(pid, 0)
            return                       # someone (else) is alive there
        except ProcessLookupError:
            pass
        except PermissionError:
            return
        for p in (lock, f"/tmp/.X11-unix/X{n}"):
            with contextlib.suppress(OSError):
                os.unlink(p)


# ---------------------------------------------------------------------------
# tray (StatusNotifierItem + dbusmenu)

def _find_object_with_interface(bus, service, iface, path="/", depth=8):
    """Depth-first search of ``service``'s object tree for ``iface``."""
    try:
        xml = bus.call(service, path, "org.freedesktop.DBus.Introspectable", "Introspect",
                       None, "(s)")[0]
        node = Gio.DBusNodeInfo.new_for_xml(xml)
    except GLib.Error:
        return None
    if any(i.name == iface for i in node.interfaces):
        return path
    if depth == 0:
        return None
    for child in node.nodes:
        child_path = path.rstrip("/") + "/" + child.path
        found = _find_object_with_interface(bus, service, iface, child_path, depth - 1)
        if found:
            return found
    return None


class MenuItem:
    """One dbusmenu item: id, label (mnemonics removed), enabled, visible, children.

    ``type`` is '' for normal items or 'separator'; ``props`` has every raw
    property (e.g. 'toggle-type', 'toggle-state', 'icon-name', 'label' with
    its underscores).
    """

    __slots__ = ("id", "label", "enabled", "visible", "children", "type", "props")

    def __init__(self, id, label, enabled, visible, children, type="", props=None):
        self.id = id
        self.label = label
        self.enabled = enabled
        self.visible = visible
        self.children = children
        self.type = type
        self.props = props or {}

    def __iter__(self):
        """Unpacks as the (id, label, enabled, visible, children) tuple."""
        return iter((self.id, self.label, self.enabled, self.visible, self.children))

    def __repr__(self):
        flags = ("" if self.enabled else " disabled") + ("" if self.visible else " hidden")
        kind = " separator" if self.type == "separator" else ""
        return f"<MenuItem {self.id} {self.label!r}{kind}{flags} children={len(self.children)}>"

    def walk(self):
        """This item and all its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, label, visible_only=True):
        """The first descendant with exactly this (mnemonic-free) label, or None."""
        for item in self.walk():
            if item is not self and item.label == label and (item.visible or not visible_only):
                return item
        return None

    def labels(self, visible_only=True, separators=False):
        """Labels of the direct children, in order (separators as '---' if asked)."""
        out = []
        for c in self.children:
            if visible_only and not c.visible:
                continue
            if c.type == "separator":
                if separators:
                    out.append("---")
                continue
            out.append(c.label)
        return out

    def as_tuple(self):
        return (self.id, self.label, self.enabled, self.visible,
                [c.as_tuple() for c in self.children])


def strip_mnemonic(label):
    """'_Open status page' -> 'Open status page'; '__' is a literal underscore."""
    out = []
    i = 0
    while i < len(label):
        ch = label[i]
        if ch == "_":
            if i + 1 < len(label) and label[i + 1] == "_":
                out.append("_")
                i += 2
                continue
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _parse_layout(node):
    item_id, props, children = node
    props = {k: _variant_to_py(v) for k, v in props.items()}
    return MenuItem(
        id=item_id,
        label=strip_mnemonic(props.get("label", "")),
        # dbusmenu omits properties at their default: enabled/visible = True
        enabled=bool(props.get("enabled", True)),
        visible=bool(props.get("visible", True)),
        children=[_parse_layout(_variant_to_py(c)) for c in children],
        type=props.get("type", ""),
        props=props,
    )


class Tray:
    """A StatusNotifierItem registered with the watcher, read over D-Bus."""

    def __init__(self, bus, service, path):
        self.bus = bus
        self.service = service     # unique bus name of the app, e.g. ':1.7'
        self.path = path           # e.g. '/org/ayatana/NotificationItem/io_github_vigie_Vigie'

    def __repr__(self):
        return f"<Tray {self.service}{self.path}>"

    @staticmethod
    def registered(bus):
        """RegisteredStatusNotifierItems exactly as the watcher reports them."""
        return list(bus.get_property(WATCHER_NAME, WATCHER_PATH, WATCHER_IFACE,
                                     "RegisteredStatusNotifierItems"))

    @staticmethod
    def parse_entry(entry):
        """':1.23/org/ayatana/NotificationItem/x' -> (':1.23', '/org/...').

        A bare bus name gives path None: the object path is unknown (the
        spec's default is /StatusNotifierItem, libayatana never uses it).
        """
        if "/" in entry and not entry.startswith("/"):
            service, _, rest = entry.partition("/")
            return service, "/" + rest
        return entry, None

    @classmethod
    def entries(cls, bus):
        """Registered items as (bus name, object path) pairs.

        Debian's status-notifier-watcher (Haskell, 0.3.1) lists only the bus
        name in RegisteredStatusNotifierItems (':1.3'), dropping the path
        libayatana registered; the full pair is in its own extra property
        RegisteredSNIEntries (a(ss)).  Other watchers (KDE) list
        'busname/path'.  Bare names without RegisteredSNIEntries are resolved
        by introspection.
        """
        try:
            pairs = bus.get_property(WATCHER_NAME, WATCHER_PATH, WATCHER_IFACE,
                                     "RegisteredSNIEntries")
            return [(str(a), str(b)) for a, b in _variant_to_py(pairs)]
        except GLib.Error:
            pass
        out = []
        for entry in cls.registered(bus):
            service, path = cls.parse_entry(entry)
            if path is None:
                path = _find_object_with_interface(bus, service, ITEM_IFACE) \
                    or "/StatusNotifierItem"
            out.append((service, path))
        return out

    @classmethod
    def find(cls, bus, item_id=None, timeout=10.0):
        """Wait for a registered item (whose Id is ``item_id`` if given)."""
        seen = []

        def lookup():
            for service, path in cls.entries(bus):
                tray = cls(bus, service, path)
                try:
                    tray_id = tray.id
                except GLib.Error:
                    continue      # a stale entry whose owner just left
                if tray_id not in seen:
                    seen.append(tray_id)
                if item_id is None or tray_id == item_id:
                    return tray
            return None
        what = f"tray item {item_id!r}" if item_id else "a tray item"
        return wait_until(lookup, timeout, 0.05,
                          f"{what} to register with the watcher (ids seen: {seen})")

    def is_registered(self):
        return (self.service, self.path) in self.entries(self.bus)

    def wait_gone(self, timeout=10.0):
        """Wait until the watcher has dropped this item (app quit)."""
        return wait_until(lambda: not self.is_registered(), timeout,
                          message=f"{self} to leave the watcher")

    # -- StatusNotifierItem properties ---------------------------------------

    def prop(self, name):
        return _variant_to_py(self.bus.get_property(self.service, self.path, ITEM_IFACE, name))

    def props(self):
        return {k: _variant_to_py(v) for k, v in
                self.bus.get_all_properties(self.service, self.path, ITEM_IFACE).items()}

    icon_name = property(lambda self: self.prop("IconName"))
    attention_icon_name = property(lambda self: self.prop("AttentionIconName"))
    icon_theme_path = property(lambda self: self.prop("IconThemePath"))
    title = property(lambda self: self.prop("Title"))
    status = property(lambda self: self.prop("Status"))     # Passive / Active / NeedsAttention
    id = property(lambda self: self.prop("Id"))
    category = property(lambda self: self.prop("Category"))
    menu_path = property(lambda self: self.prop("Menu"))

    def wait_for_icon(self, name, timeout=10.0):
        """Wait until IconName == name."""
        seen = []

        def check():
            current = self.icon_name
            if not seen or seen[-1] != current:
                seen.append(current)
            return current == name
        return wait_until(check, timeout, 0.05,
                          f"tray icon {name!r} (icon names seen: {seen})")

    def wait_for_prop(self, prop, value, timeout=10.0):
        return wait_until(lambda: self.prop(prop) == value, timeout, 0.05,
                          f"tray property {prop} == {value!r}")

    # -- dbusmenu -----------------------------------------------------------

    def layout(self):
        """(revision, root MenuItem) from GetLayout(0, -1, [])."""
        revision, root = self.bus.call(
            self.service, self.menu_path, DBUSMENU_IFACE, "GetLayout",
            GLib.Variant("(iias)", (0, -1, [])), "(u(ia{sv}av))")
        return revision, _parse_layout(root)

    def menu(self):
        """Root MenuItem of the tray menu (its children are the menu entries)."""
        return self.layout()[1]

    def menu_labels(self, separators=False):
        return self.menu().labels(separators=separators)

    def wait_for_menu(self, predicate, timeout=10.0, message="tray menu condition"):
        """Wait until ``predicate(root_menu_item)`` is true; returns the root.

        Polls GetLayout: menu changes (LayoutUpdated / ItemsPropertiesUpdated)
        reach the bus asynchronously after the app changed its GtkMenu.
        """
        def check():
            root = self.menu()
            return root if predicate(root) else None
        return wait_until(check, timeout, 0.05, message)

    def wait_for_menu_label(self, label, timeout=10.0):
        root = self.wait_for_menu(lambda r: r.find(label) is not None, timeout,
                                  f"a menu item labelled {label!r}")
        return root.find(label)

    def about_to_show(self, item_id=0):
        """What a host calls before opening a (sub)menu; returns needUpdate."""
        return self.bus.call(self.service, self.menu_path, DBUSMENU_IFACE, "AboutToShow",
                             GLib.Variant("(i)", (item_id,)), "(b)")[0]

    def event(self, item_id, event_id, data=None, timestamp=None, menu_path=None):
        """com.canonical.dbusmenu.Event(id, event_id, data, timestamp)."""
        data = data if data is not None else GLib.Variant("i", 0)
        timestamp = int(time.time()) & 0xFFFFFFFF if timestamp is None else timestamp
        self.bus.call(self.service, menu_path or self.menu_path, DBUSMENU_IFACE, "Event",
                      GLib.Variant("(isvu)", (item_id, event_id, data, timestamp)))

    def click(self, item):
        """Click a menu item given as MenuItem, id (int) or label (str).

        Like a real host: 'opened' on the root, AboutToShow, 'clicked', 'closed'.
        """
        if isinstance(item, str):
            found = self.menu().find(item)
            if found is None:
                raise AssertionError(f"no visible menu item labelled {item!r}; "
                                     f"menu: {self.menu_labels()}")
            item = found
        if isinstance(item, MenuItem):
            if not item.enabled:
                raise AssertionError(f"menu item {item.label!r} is disabled")
            item = item.id
        menu_path = self.menu_path
        self.event(0, "opened", menu_path=menu_path)
        self.about_to_show(0)
        try:
            self.event(item, "clicked", menu_path=menu_path)
        except GLib.Error as e:
            # An item that quits the app ("Quit") may end it before the
            # reply to Event is flushed: the caller gets NoReply.  That is
            # not a failure of the click; check the app's exit status.
            if "NoReply" not in e.message and "NameHasNoOwner" not in e.message:
                raise
        # the click may have quit the app: the bus name is gone, that is fine
        with contextlib.suppress(GLib.Error):
            self.event(0, "closed", menu_path=menu_path)


# ---------------------------------------------------------------------------
# notifications (python-dbusmock notification_daemon)

class Notifications:
    """The dbusmock notification server: its recorded Notify calls, and clicks."""

    def __init__(self, bus):
        self.bus = bus

    def _mock(self, method, params=None, reply_type=None):
        return self.bus.call(NOTIFY_NAME, NOTIFY_PATH, MOCK_IFACE, method, params, reply_type)

    def capabilities(self):
        return list(self.bus.call(NOTIFY_NAME, NOTIFY_PATH, NOTIFY_IFACE,
                                  "GetCapabilities", None, "(as)")[0])

    def calls(self):
        """Every Notify call so far, oldest first, as dicts.

        Keys: app_name, replaces_id, app_icon, summary, body, actions (list of
        (key, label)), hints (dict), timeout, timestamp, and id: the id the
        server returned.  dbusmock does not log return values, so ``id`` is
        recomputed with the template's own rule (replaces_id if non-zero,
        else a counter starting at 1), which is exact as long as the log is
        never cleared (this class never calls ClearCalls).
        """
        raw = self._mock("GetMethodCalls", GLib.Variant("(s)", ("Notify",)), "(a(tav))")[0]
        out = []
        next_id = 1
        for timestamp, args in raw:
            args = [_variant_to_py(a) for a in args]
            app_name, replaces_id, app_icon, summary, body, actions, hints, expire = args
            if replaces_id:
                nid = replaces_id
            else:
                nid = next_id
                next_id += 1
            out.append({
                "id": nid,
                "app_name": app_name,
                "replaces_id": replaces_id,
                "app_icon": app_icon,
                "summary": summary,
                "body": body,
                "actions": list(zip(actions[0::2], actions[1::2])),
                "hints": {k: _variant_to_py(v) for k, v in hints.items()},
                "timeout": expire,
                "timestamp": timestamp,
            })
        return out

    def count(self):
        return len(self.calls())

    def wait_for_count(self, n, timeout=10.0):
        """Wait until at least n Notify calls were made; returns calls()."""
        return wait_until(lambda: (c := self.calls()) and len(c) >= n and c,
                          timeout, 0.05, f"{n} Notify call(s) (have {self.count()})")

    def last(self):
        calls = self.calls()
        return calls[-1] if calls else None

    def close_calls(self):
        """Ids passed to CloseNotification by the app."""
        raw = self._mock("GetMethodCalls", GLib.Variant("(s)", ("CloseNotification",)),
                         "(a(tav))")[0]
        return [_variant_to_py(args[0]) for _, args in raw]

    def emit(self, signal_name, signature, args):
        """Emit a signal from the notification server (dbusmock EmitSignal)."""
        variants = [GLib.Variant(t, a) for t, a in zip(_split_signature(signature), args)]
        self._mock("EmitSignal", GLib.Variant("(sssav)", (NOTIFY_IFACE, signal_name,
                                                           signature, variants)))

    def click(self, notification_id, action_key="default", close=True, activation_token=None):
        """The user clicks an action ("default" = the notification body).

        Emits ActivationToken (if a token is given, as GNOME does),
        ActionInvoked, then, like real servers for non-resident
        notifications, NotificationClosed with reason 2 (dismissed).
        """
        if activation_token is not None:
            self.emit("ActivationToken", "us", [notification_id, activation_token])
        self.emit("ActionInvoked", "us", [notification_id, action_key])
        if close:
            self.emit("NotificationClosed", "uu", [notification_id, 2])

    def dismiss(self, notification_id, reason=2):
        """NotificationClosed: 1 expired, 2 dismissed by the user, 3 closed by call."""
        self.emit("NotificationClosed", "uu", [notification_id, reason])


def _split_signature(signature):
    """Split a D-Bus signature of basic types / containers into single types."""
    out = []
    i = 0
    while i < len(signature):
        j = i
        depth = 0
        while True:
            c = signature[j]
            if c in "({":
                depth += 1
            elif c in ")}":
                depth -= 1
            j += 1
            if depth == 0 and c != "a":
                break
        out.append(signature[i:j])
        i = j
    return out


# ---------------------------------------------------------------------------
# feed server

class _Route:
    __slots__ = ("status", "body", "headers", "content_type", "delay", "etag",
                 "last_modified", "handler", "version")


class Hit:
    """One request the FeedServer answered."""

    __slots__ = ("method", "path", "query", "headers", "status", "version", "time")

    def __init__(self, method, path, query, headers, status, version):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers      # dict, header names lower-cased
        self.status = status
        self.version = version      # FeedServer.set() version that was served
        self.time = time.monotonic()

    def __repr__(self):
        return f"<Hit {self.method} {self.path} -> {self.status} v{self.version}>"


def _guess_content_type(body):
    head = body.lstrip()[:1]
    if head in (b"{", b"["):
        return "application/json"
    if head == b"<":
        return "application/xml"
    return "text/plain; charset=utf-8"


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"    # keep-alive, like real feed servers
    timeout = 10                     # idle keep-alive connections end on their own
    server_version = "VigieFeedServer/1"

    def log_message(self, fmt, *args):   # quiet: stderr belongs to the test
        pass

    def do_GET(self):
        self.server.feed._serve(self, head=False)

    def do_HEAD(self):
        self.server.feed._serve(self, head=True)


class _HTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False          # server_close() never waits for handlers
    allow_reuse_address = True

    def __init__(self, addr, handler, feed):
        self.feed = feed
        self.open_sockets = set()
        self.sockets_lock = threading.Lock()
        super().__init__(addr, handler)

    def get_request(self):
        sock, addr = super().get_request()
        with self.sockets_lock:
            self.open_sockets.add(sock)
        return sock, addr

    def shutdown_request(self, request):
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        # A client killed mid keep-alive (the app under test at teardown) is
        # normal; anything else is printed as usual.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class FeedServer:
    """HTTP server on 127.0.0.1 whose answers can be swapped at any time.

    ::

        with FeedServer() as server:
            server.set("/api/v2/summary.json", '{"status": ...}')
            url = server.url("/api/v2/summary.json")
            ...
            v = server.set("/api/v2/summary.json", other_body)
            server.wait_served("/api/v2/summary.json", v)   # app has fetched it

    Unknown paths answer 404.  Query strings are ignored for routing and
    kept in the hit log.
    """

    def __init__(self, host="127.0.0.1"):
        self.host = host
        self._routes = {}
        self._hits = []
        self._version = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = None
        self._thread = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        return False

    def start(self):
        if self._httpd:
            return self
        self._httpd = _HTTPServer((self.host, 0), _FeedHandler, self)
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name="FeedServer", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        """Stop serving; never blocks on slow handlers or open connections."""
        if not self._httpd:
            return
        self._stopping.set()             # wakes handlers sleeping in a delay
        self._httpd.shutdown()           # serve_forever returns within 50 ms
        with self._httpd.sockets_lock:
            socks = list(self._httpd.open_sockets)
        for s in socks:                  # unblock keep-alive readers
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
        self._httpd.server_close()
        self._thread.join(2)
        self._httpd = None

    @property
    def port(self):
        return self._httpd.server_address[1]

    @property
    def base_url(self):
        return f"http://{self.host}:{self.port}"

    def url(self, path="/"):
        if not path.startswith("/"):
            path = "/" + path
        return self.base_url + path

    def set(self, path, body=b"", status=200, headers=None, content_type=None,
            delay=0.0, etag=None, last_modified=None):
        """Serve ``body`` (bytes or str) at ``path`` from now on.

        status        HTTP status (e.g. 503 with headers={'Retry-After': '120'}).
        headers       extra response headers.
        content_type  default: guessed (JSON, XML or text).
        delay         seconds to wait before answering (timeouts tests).
        etag / last_modified  sent, and honoured for conditional requests
                      (If-None-Match / If-Modified-Since -> 304).
        Returns a version number, see wait_served().
        """
        if isinstance(body, str):
            body = body.encode("utf-8")
        route = _Route()
        route.status = status
        route.body = body
        route.headers = dict(headers or {})
        route.content_type = content_type or _guess_content_type(body)
        route.delay = delay
        route.etag = etag
        route.last_modified = last_modified
        route.handler = None
        return self._install(path, route)

    def set_handler(self, path, handler):
        """Dynamic answer: handler(hit_headers: dict, query: str) -> (status, headers, body)."""
        route = _Route()
        route.handler = handler
        route.delay = 0.0
        return self._install(path, route)

    def remove(self, path):
        with self._lock:
            self._routes.pop(path, None)

    def _install(self, path, route):
        with self._lock:
            self._version += 1
            route.version = self._version
            self._routes[path] = route
            return route.version

    def hits(self, path=None):
        """Requests answered so far (for ``path`` only if given), oldest first."""
        with self._lock:
            return [h for h in self._hits if path is None or h.path == path]

    def wait_for_hits(self, path, n, timeout=10.0):
        """Wait until ``path`` was requested at least n times in total."""
        return wait_until(lambda: len(self.hits(path)) >= n and self.hits(path), timeout,
                          0.02, f"{n} request(s) to {path} (have {len(self.hits(path))})")

    def wait_served(self, path, version, timeout=10.0):
        """Wait until a response of set() ``version`` (or later) was sent for ``path``."""
        return wait_until(lambda: any(h.version >= version for h in self.hits(path)),
                          timeout, 0.02, f"{path} version {version} to be fetched")

    def _serve(self, handler, head):
        parsed = urllib.parse.urlsplit(handler.path)
        path = parsed.path
        req_headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            route = self._routes.get(path)
        version = route.version if route else 0
        if route is None:
            status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found\n"
        elif route.handler is not None:
            status, headers, body = route.handler(req_headers, parsed.query)
            if isinstance(body, str):
                body = body.encode("utf-8")
            headers = dict(headers or {})
            headers.setdefault("Content-Type", _guess_content_type(body))
        else:
            if route.delay and self._stopping.wait(route.delay):
                return                      # shutting down: drop the request
            status, body = route.status, route.body
            headers = {"Content-Type": route.content_type}
            if route.etag:
                headers["ETag"] = route.etag
            if route.last_modified:
                headers["Last-Modified"] = route.last_modified
            headers.update(route.headers)
            if status == 200 and (
                    (route.etag and req_headers.get("if-none-match") == route.etag)
                    or (route.last_modified and not route.etag
                        and req_headers.get("if-modified-since") == route.last_modified)):
                status, body = 304, b""
        try:
            handler.send_response(status)
            for k, v in headers.items():
                handler.send_header(k, v)
            handler.send_header("Content-Length", str(0 if status == 304 else len(body)))
            handler.end_headers()
            if not head and status != 304:
                handler.wfile.write(body)
            handler.wfile.flush()
        except OSError as e:
            if e.errno not in (errno.EPIPE, errno.ECONNRESET):
                raise
            return
        with self._lock:
            self._hits.append(Hit(handler.command, path, parsed.query, req_headers,
                                  status, version))


# ---------------------------------------------------------------------------
# TAP

class Tap:
    """Minimal TAP 13 producer for meson's ``protocol: 'tap'``.

    ::

        tap = Tap()
        with tap.test("icon follows the feed"):
            tray.wait_for_icon(...)          # exceptions -> "not ok" + traceback
        tap.ok(x == y, "values match", diag=f"{x!r} != {y!r}")
        tap.skip("French strings", "fr_FR.UTF-8 locale not generated")
        sys.exit(tap.done())

    Everything else must go to stderr or be a '#' line: stdout is the TAP stream.
    """

    def __init__(self, out=None, failure_diag=None):
        self.out = out or sys.stdout
        self.n = 0
        self.failed = 0
        self.skipped = 0
        self.failure_diag = failure_diag   # callable -> str, printed after a failure

    def _emit(self, line):
        self.out.write(line + "\n")
        self.out.flush()

    def diag(self, text):
        for line in str(text).splitlines() or [""]:
            self._emit("# " + line)

    def ok(self, condition, name, diag=None):
        self.n += 1
        name = name.replace("#", "\\#")
        if condition:
            self._emit(f"ok {self.n} - {name}")
        else:
            self.failed += 1
            self._emit(f"not ok {self.n} - {name}")
            if diag:
                self.diag(diag)
            if self.failure_diag:
                with contextlib.suppress(Exception):
                    self.diag(self.failure_diag())
        return bool(condition)

    def skip(self, name, reason):
        """A skipped test, loudly: in the TAP line and on stderr."""
        self.n += 1
        self.skipped += 1
        self._emit(f"ok {self.n} - {name} # SKIP {reason}")
        print(f"*** SKIPPED: {name}: {reason} ***", file=sys.stderr, flush=True)

    @contextlib.contextmanager
    def test(self, name):
        """A test block: passes unless it raises (SkipTest -> skipped)."""
        try:
            yield
        except SkipTest as e:
            self.skip(name, str(e))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:   # noqa: B902 - any failure is a 'not ok'
            self.ok(False, name, diag=traceback.format_exc().rstrip())
        else:
            self.ok(True, name)

    def skip_all(self, reason):
        """Skip the whole file (meson reports SKIP) and exit."""
        self._emit(f"1..0 # SKIP {reason}")
        print(f"*** SKIPPED ALL: {reason} ***", file=sys.stderr, flush=True)
        sys.exit(0)

    def bail_out(self, reason):
        self._emit(f"Bail out! {reason}")
        sys.exit(1)

    def done(self):
        """Print the plan; returns the exit status (0 only if nothing failed)."""
        self._emit(f"1..{self.n}")
        if self.skipped:
            self.diag(f"{self.skipped} test(s) skipped")
        return 1 if self.failed else 0


def statuspage_summary(name, level, incident_id="k9", title="API down"):
    """A Statuspage summary.json for the page ``name``, ``level`` being
    "operational", "minor", "major" or "critical"; in trouble, one incident
    ``incident_id`` that names its one component."""
    indicator = {"operational": "none", "minor": "minor", "major": "major",
                 "critical": "critical"}[level]
    component = {"operational": "operational", "minor": "degraded_performance",
                 "major": "partial_outage", "critical": "major_outage"}[level]
    slug = name.lower().replace(" ", "")
    doc = {
        "page": {"id": slug, "name": name, "url": "https://status.%s.example" % slug,
                 "updated_at": "2026-11-28T10:00:00Z"},
        "status": {"indicator": indicator, "description": name + " status"},
        "components": [{"id": "c1", "name": "API", "status": component}],
        "incidents": [],
        "scheduled_maintenances": [],
    }
    if level != "operational":
        doc["incidents"].append({
            "id": incident_id, "name": title, "status": "investigating", "impact": level,
            "shortlink": "https://status.%s.example/incidents/%s" % (slug, incident_id),
            "started_at": "2026-11-28T09:14:00Z", "created_at": "2026-11-28T09:14:00Z",
            "updated_at": "2026-11-28T09:40:00Z",
            "incident_updates": [{"id": "u1", "status": "investigating",
                                  "body": "We are looking into it.",
                                  "created_at": "2026-11-28T09:40:00Z",
                                  "display_at": "2026-11-28T09:40:00Z"}],
            "components": [{"name": "API"}],
        })
    return json.dumps(doc)


def activate_action(session, name, parameter=None, app_id="io.github.vigie.Vigie"):
    """Activate the application action app.``name`` over D-Bus, as scripts do."""
    params = [parameter] if parameter is not None else []
    session.bus.call(app_id, "/" + app_id.replace(".", "/"), "org.gtk.Actions", "Activate",
                     GLib.Variant("(sava{sv})", (name, params, {})))


def vigie_binary_or_skip(tap, lang=None):
    """The `vigie` under test, or the whole test skipped, saying why: a
    desktop component missing, the locale ``lang`` not generated (the test
    would silently run in another language), or not run through meson."""
    missing = missing_components()
    if missing:
        tap.skip_all("missing on this machine: " + ", ".join(missing))
    if lang is not None and not locale_available(lang):
        tap.skip_all(lang + " is not generated: the " + lang + " test would silently "
                     "run in another language (see .ci/run)")
    vigie = os.environ.get("VIGIE_BINARY")
    if not vigie:
        tap.skip_all("VIGIE_BINARY is not set (run through meson test)")
    return vigie
