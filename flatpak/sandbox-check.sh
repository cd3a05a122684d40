#!/usr/bin/env bash
# sandbox-check.sh: run the installed Vigie Flatpak in a private desktop
# session and check what crosses the sandbox: the tray item registers with
# org.kde.StatusNotifierWatcher, feeds are fetched over HTTP, an outage is
# notified through the notification portal, and a second launch activates
# the first instance.  With --negative, also check that taking a permission
# away (network, the tray watcher) makes the matching check fail.
#
# Runs inside /work/shared/tools/flatpak-sandbox-harness (see README.md):
#
#   FLATPAK_USER_DIR=... flatpak-sandbox-harness --port 18765 run -- flatpak/sandbox-check.sh [--negative]
#
# Uses the harness's session (HARNESS_DIR, HARNESS_URL, HARNESS_BIN) and the
# statuspage fixtures of tests/fixtures/.  Exit status 1 if any check fails.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

app_id=io.github.vigie.Vigie
top=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$top/tests/fixtures/statuspage
: "${HARNESS_DIR:?run me inside flatpak-sandbox-harness run --}"
negative=0
[ "${1:-}" = --negative ] && negative=1

failures=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
info() { echo "INFO $*"; }

sni_items() { "$HARNESS_BIN" sni-items 2>/dev/null; }
notify_calls() { "$HARNESS_BIN" notify-calls 2>/dev/null; }
http_hits() { "$HARNESS_BIN" http-hits 2>/dev/null | grep -c 'status.json' || true; }

# wait_for SECONDS COMMAND...: until COMMAND succeeds
wait_for() {
  local tenths=$(($1 * 10)); shift
  for _ in $(seq "$tenths"); do "$@" && return 0; sleep 0.1; done
  return 1
}
has_item() { case "$(sni_items)" in *"':"*) return 0 ;; esac; return 1; }
# the first registered item, as "BUS_NAME OBJECT_PATH": the watcher knows
# the bus name; libayatana-appindicator exports the item under
# /org/ayatana/NotificationItem/<id with non-alphanumerics as _>
item_address() {
  local name node
  name=$(sni_items | grep -o "':[0-9.]*" | head -n 1 | tr -d "'")
  [ -n "$name" ] || return 1
  node=$(gdbus introspect --session -d "$name" -o /org/ayatana/NotificationItem 2>/dev/null \
    | sed -n 's/^ *node \([A-Za-z0-9_]*\) {.*/\1/p' | head -n 1)
  [ -n "$node" ] || return 1
  echo "$name /org/ayatana/NotificationItem/$node"
}
item_icon() {
  local address
  read -r -a address <<<"$(item_address)"
  [ ${#address[@]} -eq 2 ] || return 1
  gdbus call --session -d "${address[0]}" -o "${address[1]}" \
    -m org.freedesktop.DBus.Properties.Get org.kde.StatusNotifierItem IconName 2>/dev/null \
    | sed -n "s/.*<'\(.*\)'>.*/\1/p"
}
icon_is() { [ "$(item_icon)" = "$1" ]; }
notified() { notify_calls | grep -q "'Notify'"; }
http_hit() { [ "$(http_hits)" -gt "$1" ]; }

app_pid=""
start_app() { # start_app LOG [FLATPAK RUN OPTIONS...]
  local log=$1; shift
  flatpak run --env=G_MESSAGES_DEBUG=all "$@" "$app_id" \
    "--feed=${HARNESS_URL}status.json" --poll-interval=2 >"$HARNESS_DIR/$log" 2>&1 &
  app_pid=$!
}
stop_app() {
  flatpak kill "$app_id" >/dev/null 2>&1
  [ -n "$app_pid" ] && { kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null; }
  app_pid=""
  wait_for 10 bash -c "! flatpak ps --columns=application 2>/dev/null | grep -qx $app_id"
}
trap stop_app EXIT

echo "== Vigie $(flatpak info "$app_id" 2>/dev/null | sed -n 's/^ *Runtime: //p')"
flatpak info --show-permissions "$app_id" | sed 's/^/   /'

# --- 1. with the manifest's permissions
cp "$fixtures/summary-none.json" "$HARNESS_DIR/www/status.json"
start_app app.log
t0=$(date +%s%N)

if wait_for 20 has_item; then
  pass "tray: registered with the watcher after $((($(date +%s%N) - t0) / 1000000)) ms: $(sni_items)"
else
  fail "tray: no item registered with org.kde.StatusNotifierWatcher"
fi
if wait_for 15 icon_is "$app_id-operational-symbolic"; then
  pass "tray: IconName of $(item_address), read from the host through the proxy: $(item_icon)"
else
  fail "tray: IconName is '$(item_icon)', expected $app_id-operational-symbolic"
fi
if wait_for 15 http_hit 0; then
  pass "http: $(http_hits) GET of ${HARNESS_URL}status.json from inside the sandbox"
else
  fail "http: the feed was never fetched"
fi

# A second launch activates the first instance and exits (GApplication owns
# the app id on the bus, which a sandboxed app may do without permission).
if timeout 20 flatpak run "$app_id" >"$HARNESS_DIR/second.log" 2>&1; then
  pass "single instance: a second 'flatpak run' returned 0 (activated the first)"
else
  fail "single instance: second launch failed (see $HARNESS_DIR/second.log)"
fi
one_instance() { [ "$(flatpak ps --columns=application 2>/dev/null | grep -cx "$app_id")" = 1 ]; }
if wait_for 10 one_instance; then
  pass "single instance: one instance running"
else
  fail "single instance: $(flatpak ps --columns=application | grep -cx "$app_id") instances running"
fi

# The outage: the next poll sees "major" and notifies through the portal.
hits=$(http_hits)
cp "$fixtures/summary-major.json" "$HARNESS_DIR/www/status.json"
if wait_for 20 notified; then
  calls=$(notify_calls)
  pass "notify: the notification server got Notify: $(tr -s ' \n' ' ' <<<"$calls" | cut -c1-400)"
  if grep -q "desktop-entry.*$app_id" <<<"$calls"; then
    pass "notify: hint desktop-entry=$app_id, added by xdg-desktop-portal (the portal path)"
  else
    fail "notify: no desktop-entry hint, so it did not come through the portal"
  fi
else
  fail "notify: no Notify call reached the notification server"
fi
if grep -qi 'portal' "$HARNESS_DIR/app.log"; then
  info "app log: $(grep -i -m1 'portal' "$HARNESS_DIR/app.log")"
fi
if grep -q "$app_id" "$HARNESS_DIR/xdp.log" 2>/dev/null; then
  info "xdg-desktop-portal log: $(grep -m1 -i "notification" "$HARNESS_DIR/xdp.log" || true)"
fi
if wait_for 10 icon_is "$app_id-major-symbolic"; then
  pass "tray: IconName follows the outage: $(item_icon)"
else
  fail "tray: IconName is '$(item_icon)', expected $app_id-major-symbolic"
fi
info "http: $(http_hits) requests in all ($((hits)) before the outage)"
stop_app

# --- 2. negative controls: the same run without one permission each
if [ $negative = 1 ]; then
  cp "$fixtures/summary-none.json" "$HARNESS_DIR/www/status.json"
  hits=$(http_hits)
  start_app app-no-network.log --unshare=network
  sleep 8
  if [ "$(http_hits)" = "$hits" ]; then
    pass "negative: with --unshare=network no request reached the server"
  else
    fail "negative: requests reached the server without the network permission"
  fi
  stop_app

  start_app app-no-watcher.log --no-talk-name=org.kde.StatusNotifierWatcher
  sleep 8
  if has_item; then
    fail "negative: a tray item registered without --talk-name=org.kde.StatusNotifierWatcher"
  else
    pass "negative: without the watcher talk-name no tray item registered"
  fi
  stop_app
fi

echo "sandbox: $failures failures"
[ $failures -eq 0 ]
