#!/usr/bin/python3
# check-schema.py: the GSettings schema compiled in the build tree answers
# with the documented keys, defaults and ranges.
#
# usage: check-schema.py GSETTINGS SCHEMA_DIR SCHEMA_ID
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys

EXPECTED = {
    "selected-services": "['slack', 'zoom', 'google-workspace', 'microsoft-365']",
    "custom-feeds": "@a(ss) []",
    "component-filters": "@a{sas} {}",
    "default-alert-level": "'minor'",
    "alert-levels": "@a{ss} {}",
    "recovery-notices": "true",
    "maintenance-notices": "'in-progress'",
    "poll-interval": "uint32 120",
    "quiet-hours-enabled": "false",
    "quiet-hours-days": "['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']",
    "quiet-hours-start": "uint32 1200",
    "quiet-hours-end": "uint32 480",
    "quiet-hours-allow-critical": "true",
    "paused-until": "int64 0",
    "start-at-login": "false",
}

RANGES = {
    "poll-interval": "range u 30 3600",
    "maintenance-notices": "enum\n'never'\n'in-progress'\n'scheduled'",
    "default-alert-level": "enum\n'maintenance'\n'minor'\n'major'\n'critical'\n'muted'",
}


def main():
    gsettings, schema_dir, schema_id = sys.argv[1:4]
    env = dict(os.environ, GSETTINGS_BACKEND="memory", GSETTINGS_SCHEMA_DIR=schema_dir)
    failures = []

    def run(*args):
        result = subprocess.run([gsettings, *args], env=env, capture_output=True, text=True)
        if result.returncode != 0:
            failures.append(f"gsettings {' '.join(args)}: {result.stderr.strip()}")
            return ""
        return result.stdout.strip()

    keys = sorted(run("list-keys", schema_id).split())
    if keys != sorted(EXPECTED):
        failures.append(f"keys differ: missing {sorted(set(EXPECTED) - set(keys))}, "
                        f"unexpected {sorted(set(keys) - set(EXPECTED))}")

    for key, want in EXPECTED.items():
        if key not in keys:
            continue
        got = run("get", schema_id, key)
        if got != want:
            failures.append(f"{key}: default is {got!r}, expected {want!r}")
        if not run("describe", schema_id, key):
            failures.append(f"{key}: no description")

    for key, want in RANGES.items():
        got = run("range", schema_id, key)
        if got != want:
            failures.append(f"{key}: range is {got!r}, expected {want!r}")

    for line in failures:
        print(f"FAIL: {line}")
    print(f"schema: {len(EXPECTED) + len(RANGES)} checks, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
