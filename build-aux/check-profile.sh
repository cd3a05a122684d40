#!/usr/bin/env bash
# check-profile.sh: a development build (-Dprofile=development) is another
# application: every name that identifies Vigie carries the Devel id, and
# nothing names the installed Vigie's settings or state.
#
# usage: build-aux/check-profile.sh [MESON]
#
# Configures a throwaway build of this source tree with the development
# profile and builds only its generated files (config.h, desktop entry,
# metainfo, schema, renamed .ui files): a few seconds, no compiler run.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

meson=${1:-meson}
top=$(cd "$(dirname "$0")/.." && pwd)
devel=io.github.vigie.Vigie.Devel
build=$(mktemp -d "${TMPDIR:-/tmp}/vigie-profile.XXXXXX")
trap 'rm -rf "$build"' EXIT

failures=0
ok() { echo "ok: $*"; }
fail() { failures=$((failures + 1)); echo "FAIL: $*"; }
expect() { # expect DESCRIPTION FILE PATTERN: FILE has a line matching PATTERN
  if grep -q -- "$3" "$2"; then ok "$1"; else fail "$1 (no '$3' in ${2#"$build"/})"; fi
}

"$meson" setup "$build" "$top" -Dprofile=development -Dtests=false >"$build.log" 2>&1 \
  || { cat "$build.log"; rm -f "$build.log"; exit 1; }
rm -f "$build.log"
ninja -C "$build" "data/$devel.desktop" "data/$devel.metainfo.xml" \
  data/gschemas.compiled src/app/vigie-window.ui \
  src/app/vigie-preferences.ui >/dev/null

expect "config.h: APP_ID" "$build/config.h" "#define APP_ID \"$devel\""
expect "config.h: own state folder" "$build/config.h" '#define STATE_DIR_NAME "vigie-devel"'
expect "desktop entry: Icon" "$build/data/$devel.desktop" "^Icon=$devel\$"
expect "metainfo: id" "$build/data/$devel.metainfo.xml" "<id>$devel</id>"
expect "metainfo: launchable" "$build/data/$devel.metainfo.xml" ">$devel.desktop</launchable>"
expect "schema: id and path" "$build/data/$devel.gschema.xml" \
  "<schema id=\"$devel\" path=\"/io/github/vigie/Vigie/Devel/\">"
expect "window icon" "$build/src/app/vigie-window.ui" ">$devel<"

# no default name left where the profile must rename it
for file in "data/$devel.desktop" "data/$devel.metainfo.xml" "data/$devel.gschema.xml" \
            src/app/vigie-window.ui src/app/vigie-preferences.ui; do
  if grep -E 'io\.github\.vigie\.Vigie([^.]|$|\.[^D])|/io/github/vigie/Vigie/[^D]' \
       "$build/$file" >/dev/null; then
    fail "$file still names the default profile"
  else
    ok "$file names only $devel"
  fi
done

if desktop-file-validate "$build/data/$devel.desktop"; then ok "desktop entry valid"; else fail "desktop entry invalid"; fi
if appstreamcli validate --no-net "$build/data/$devel.metainfo.xml" >/dev/null; then
  ok "metainfo valid"
else
  fail "metainfo invalid"
fi

# the installed icons: the Devel application icon, the state icons under
# the Devel id
installed=$("$meson" introspect --installed "$build")
for name in "scalable/apps/$devel.svg" "symbolic/apps/$devel-major-symbolic.svg" \
            "48x48/apps/$devel.png" "16x16/apps/$devel-major-symbolic.symbolic.png"; do
  case "$installed" in
    *"/icons/hicolor/$name"*) ok "installs $name" ;;
    *) fail "does not install $name" ;;
  esac
done

echo "profile: $failures failures"
[ "$failures" -eq 0 ]
