#!/usr/bin/python3
"""A minimal org.kde.StatusNotifierWatcher, race-free, for tray-host-restart tests.

Debian's status-notifier-watcher (Haskell, 0.3.1) takes its bus name *before*
exporting /StatusNotifierWatcher.  An application that is already running sees
the name appear, calls RegisterStatusNotifierItem at once and may get
UnknownObject; libayatana-appindicator 0.5.92 then stays on its GtkStatusIcon
fallback until the watcher changes owner again (measured here: 6 failures in
20 restarts).  That makes "the tray host appears after the app" untestable
with it.  This watcher exports its object first and only then owns the name.

It implements what hosts and libayatana use: RegisterStatusNotifierItem,
RegisterStatusNotifierHost, the properties RegisteredStatusNotifierItems
(entries 'busname/path', like KDE's watcher), IsStatusNotifierHostRegistered,
ProtocolVersion, and the Registered/Unregistered signals; items and hosts are
dropped when their bus name vanishes.

Started by vigie_desktop.DesktopSession(watcher="harness"); runs on the bus of
DBUS_SESSION_BUS_ADDRESS until SIGTERM.
"""

import signal
import sys

import gi

gi.require_version("Gio", "2.0")
gi.require_version("GLib", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

NAME = "org.kde.StatusNotifierWatcher"
PATH = "/StatusNotifierWatcher"
XML = """
<node>
  <interface name="org.kde.StatusNotifierWatcher">
    <method name="RegisterStatusNotifierItem"><arg name="service" type="s" direction="in"/></method>
    <method name="RegisterStatusNotifierHost"><arg name="service" type="s" direction="in"/></method>
    <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
    <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
    <property name="ProtocolVersion" type="i" access="read"/>
    <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
    <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
    <signal name="StatusNotifierHostRegistered"/>
    <signal name="StatusNotifierHostUnregistered"/>
  </interface>
</node>
"""


class Watcher:
    def __init__(self, connection):
        self.connection = connection
        self.items = {}    # entry 'busname/path' -> name watch id
        self.hosts = {}    # host bus name -> name watch id

    def log(self, text):
        print("sni_watcher: " + text, file=sys.stderr, flush=True)

    def emit(self, signal_name, params=None):
        self.connection.emit_signal(None, PATH, NAME, signal_name, params)

    def changed(self, prop, value):
        self.connection.emit_signal(
            None, PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged",
            GLib.Variant("(sa{sv}as)", (NAME, {prop: value}, [])))

    def on_call(self, connection, sender, path, iface, method, params, invocation):
        (service,) = params.unpack()
        if method == "RegisterStatusNotifierItem":
            # libayatana passes its object path; others pass a bus name
            if service.startswith("/"):
                bus_name, obj = sender, service
            else:
                bus_name, obj = service, "/StatusNotifierItem"
            entry = bus_name + obj
            if entry not in self.items:
                self.items[entry] = Gio.bus_watch_name_on_connection(
                    connection, bus_name, Gio.BusNameWatcherFlags.NONE, None,
                    lambda c, n, e=entry: self.drop_item(e))
                self.log("item registered: " + entry)
                self.emit("StatusNotifierItemRegistered", GLib.Variant("(s)", (entry,)))
                self.changed("RegisteredStatusNotifierItems",
                             GLib.Variant("as", list(self.items)))
        elif method == "RegisterStatusNotifierHost":
            host = service if not service.startswith("/") else sender
            if host not in self.hosts:
                self.hosts[host] = Gio.bus_watch_name_on_connection(
                    connection, host, Gio.BusNameWatcherFlags.NONE, None,
                    lambda c, n, h=host: self.drop_host(h))
                self.log("host registered: " + host)
                self.emit("StatusNotifierHostRegistered")
                self.changed("IsStatusNotifierHostRegistered", GLib.Variant("b", True))
        invocation.return_value(None)

    def drop_item(self, entry):
        watch = self.items.pop(entry, None)
        if watch is not None:
            Gio.bus_unwatch_name(watch)
            self.log("item gone: " + entry)
            self.emit("StatusNotifierItemUnregistered", GLib.Variant("(s)", (entry,)))
            self.changed("RegisteredStatusNotifierItems", GLib.Variant("as", list(self.items)))

    def drop_host(self, host):
        watch = self.hosts.pop(host, None)
        if watch is not None:
            Gio.bus_unwatch_name(watch)
            self.log("host gone: " + host)
            if not self.hosts:
                self.emit("StatusNotifierHostUnregistered")
                self.changed("IsStatusNotifierHostRegistered", GLib.Variant("b", False))

    def on_get_property(self, connection, sender, path, iface, prop):
        if prop == "RegisteredStatusNotifierItems":
            return GLib.Variant("as", list(self.items))
        if prop == "IsStatusNotifierHostRegistered":
            return GLib.Variant("b", bool(self.hosts))
        if prop == "ProtocolVersion":
            return GLib.Variant("i", 0)
        return None


def main():
    loop = GLib.MainLoop()
    connection = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    watcher = Watcher(connection)
    node = Gio.DBusNodeInfo.new_for_xml(XML)
    # 1. export the object ...
    connection.register_object(PATH, node.interfaces[0], watcher.on_call,
                               watcher.on_get_property, None)

    # 2. ... and only then take the name, so nobody can call us too early
    status = []

    def lost(conn, name):
        watcher.log(f"could not own {name} (or lost it), exiting")
        status.append(1)
        loop.quit()
    Gio.bus_own_name_on_connection(connection, NAME, Gio.BusNameOwnerFlags.DO_NOT_QUEUE,
                                   lambda c, n: watcher.log("ready"), lost)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
    loop.run()
    sys.exit(status[0] if status else 0)


if __name__ == "__main__":
    main()
