#!/usr/bin/env bash
# check-layering.sh: the front end uses only the core's public headers.
#
# usage: build-aux/check-layering.sh
#
# The core's *-private.h headers (src/core, src/core/feeds) are reachable
# on the public include path, so the compiler cannot refuse them to
# src/app: this check does.  src/app's own private headers are its own.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

failures=0

# every header named in an #include of src/app that is a private header
# of the core
while IFS=: read -r file line header; do
  name=$(basename "$header")
  if [ ! -e "src/app/$name" ]; then
    echo "FAIL: $file:$line includes the core's private header $header"
    failures=$((failures + 1))
  fi
done < <(grep -nHoE '^#include "[^"]*-private\.h"' src/app/*.c src/app/*.h \
           | sed -E 's/#include "([^"]*)"/\1/')

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "ok: src/app includes no private header of the core"
