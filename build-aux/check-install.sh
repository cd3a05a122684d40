#!/usr/bin/env bash
# check-install.sh: `meson install --destdir` puts everything where desktops
# look for it.
#
# usage: build-aux/check-install.sh BUILDDIR [DESTDIR]
#
# Installs the already built BUILDDIR into DESTDIR (default: a temporary
# folder, removed afterwards) with `meson install --no-rebuild`, so it never
# builds anything and can run from `meson test` (test "install-tree"), then
# checks the installed tree: the binary, the desktop entry, the metainfo, the
# GSettings schema, the translations and every icon the code uses, each
# validated where it landed, and nothing installed anywhere else.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
python3=/usr/bin/python3
[ -x "$python3" ] || python3=python3

[ $# -ge 1 ] || { sed -n '4,5p' "$0" >&2; exit 2; }
builddir=$(cd "$1" && pwd)
# io.github.vigie.Vigie, or the development profile's id
app_id=$(sed -n 's/^#define APP_ID "\(.*\)"$/\1/p' "$builddir/config.h")
if [ $# -ge 2 ]; then
  mkdir -p "$2"
  destdir=$(cd "$2" && pwd)
else
  destdir=$(mktemp -d "${TMPDIR:-/tmp}/vigie-install.XXXXXX")
  trap 'rm -rf "$destdir"' EXIT
fi

failures=0
checks=0
ok() { checks=$((checks + 1)); echo "ok: $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  local out
  if out=$("$@" 2>&1); then ok "$what"; else fail "$what"; printf '%s\n' "$out" | sed 's/^/    /'; fi
}

# Where meson puts things, from the build dir's own configuration.
eval "$("$python3" - "$builddir" <<'EOF'
import json, os, sys
options = json.load(open(os.path.join(sys.argv[1], "meson-info", "intro-buildoptions.json")))
values = {o["name"]: o["value"] for o in options}
prefix = values["prefix"]
for name in ("bindir", "datadir", "localedir"):
    path = values[name]
    print(f"{name}={os.path.join(prefix, path)!r}")
print(f"prefix={prefix!r}")
EOF
)"
root=$destdir$prefix

echo "# meson install --no-rebuild --destdir $destdir -C $builddir"
if ! log=$(meson install --no-rebuild --destdir "$destdir" -C "$builddir" 2>&1); then
  printf '%s\n' "$log"
  echo "FAIL: meson install"
  exit 1
fi
ok "meson install --no-rebuild --destdir"

bin=$destdir$bindir/vigie
desktop=$destdir$datadir/applications/$app_id.desktop
metainfo=$destdir$datadir/metainfo/$app_id.metainfo.xml
schema=$destdir$datadir/glib-2.0/schemas/$app_id.gschema.xml

if [ -x "$bin" ]; then ok "${bindir#/}/vigie is an executable"; else fail "${bindir#/}/vigie missing"; fi

if [ -f "$desktop" ]; then
  check "desktop entry validates where installed" desktop-file-validate "$desktop"
  exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n 1)
  icon_line=$(sed -n 's/^Icon=//p' "$desktop" | head -n 1)
  if [ "${exec_line%% *}" = vigie ]; then ok "Exec runs vigie"; else fail "Exec=$exec_line"; fi
  if [ "$icon_line" = "$app_id" ]; then ok "Icon=$app_id"; else fail "Icon=$icon_line"; fi
  if grep -qx 'NoDisplay=true' "$desktop"; then fail "desktop entry is NoDisplay"; else ok "desktop entry is shown"; fi
else
  fail "${datadir#/}/applications/$app_id.desktop missing"
fi

if [ -f "$metainfo" ]; then
  check "metainfo validates where installed" appstreamcli validate --no-net "$metainfo"
  if grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"; then
    ok "metainfo launches $app_id.desktop"
  else
    fail "metainfo has no launchable $app_id.desktop"
  fi
else
  fail "${datadir#/}/metainfo/$app_id.metainfo.xml missing"
fi

if [ -f "$schema" ]; then
  schemas_out=$(mktemp -d "${TMPDIR:-/tmp}/vigie-schemas.XXXXXX")
  check "installed schemas compile with --strict" \
    glib-compile-schemas --strict --targetdir="$schemas_out" "$(dirname "$schema")"
  rm -rf "$schemas_out"
else
  fail "${datadir#/}/glib-2.0/schemas/$app_id.gschema.xml missing"
fi

while read -r lang; do
  case $lang in ''|'#'*) continue ;; esac
  mo=$destdir$localedir/$lang/LC_MESSAGES/vigie.mo
  if [ -s "$mo" ]; then ok "${localedir#/}/$lang/LC_MESSAGES/vigie.mo"; else fail "$lang catalog missing"; fi
done <"$top/po/LINGUAS"

check "every icon the code uses is installed" \
  "$python3" "$top/build-aux/check-icons.py" --source-root "$top" --app-id "$app_id" \
  --installed-tree "$root"

# Nothing lands outside the places desktops and packagers expect.
stray=$(cd "$destdir" && find . -type f -o -type l | sed 's|^\.||' | while read -r f; do
  case $f in
    "$bindir"/vigie) ;;
    "$datadir"/applications/"$app_id".desktop) ;;
    "$datadir"/metainfo/"$app_id".metainfo.xml) ;;
    "$datadir"/glib-2.0/schemas/"$app_id".gschema.xml) ;;
    "$datadir"/icons/hicolor/*/apps/"$app_id".*|"$datadir"/icons/hicolor/*/apps/"$app_id"-*) ;;
    "$localedir"/*/LC_MESSAGES/vigie.mo) ;;
    "$datadir"/dbus-1/services/"$app_id".service) ;;
    "$datadir"/man/man1/vigie.1*|"$datadir"/doc/vigie/*) ;;
    *) echo "$f" ;;
  esac
done)
if [ -z "$stray" ]; then ok "nothing installed elsewhere"; else fail "unexpected files:"; echo "$stray" | sed 's/^/    /'; fi

echo "install tree: $checks checks, $failures failures"
[ "$failures" -eq 0 ]
