#!/usr/bin/python3
# check-icons.py: every icon name the code uses is installed in the hicolor
# theme, in the folder where desktops look for it.
#
# usage:
#   check-icons.py --source-root SRC --build-root BUILD
#       what `meson install` would install (BUILD/meson-info/intro-installed.json)
#   check-icons.py --source-root SRC --installed-tree PREFIX_DIR
#       what is really installed under PREFIX_DIR (e.g. $DESTDIR/usr/local)
#
# Icon names used by the code:
#   * the application icon, APP_ID (desktop entry, window, notifications);
#   * in C sources, APP_ID "-…" and "io.github.vigie.Vigie-…" strings, where a
#     "%s" stands for each state: the severity names of
#     src/core/vigie-severity.c and "offline" (DESIGN.md, "Tray icons");
#   * in .ui files, every io.github.vigie.Vigie… value;
#   * the desktop entry's Icon=.
# The application icon must be in hicolor/scalable/apps, "-symbolic" names in
# hicolor/symbolic/apps (Flatpak exports only names prefixed with the app id).
# Each also needs its PNG renditions, at the sizes build-aux/render-icons
# renders (APP_SIZES, SYMBOLIC_SIZES): APP_ID.png in hicolor/NxN/apps, and
# NAME.symbolic.png (GTK's encoded symbolic PNG) in hicolor/NxN/apps, so
# that GTK draws the window's icons without librsvg.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

APP_ID = "io.github.vigie.Vigie"
# The floor: DESIGN.md names these, whatever the scan finds.
DOCUMENTED_STATES = ["operational", "maintenance", "minor", "major", "critical", "unknown",
                     "offline"]
# folder, icon name, kind (".svg", ".png" or ".symbolic.png")
ICON_PATH = re.compile(r"/share/icons/hicolor/([^/]+)/apps/([^/]+?)(\.symbolic\.png|\.svg|\.png)$")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def severity_names(source_root):
    text = (source_root / "src" / "core" / "vigie-severity.c").read_text(encoding="utf-8")
    names = re.findall(r'\[VIGIE_SEVERITY_[A-Z_]+\]\s*=\s*"([a-z]+)"', text)
    if not names:
        sys.exit("check-icons: found no severity names in src/core/vigie-severity.c")
    return names


def rendered_sizes(source_root):
    """Returns (application icon sizes, symbolic icon sizes) that
    build-aux/render-icons renders."""
    text = (source_root / "build-aux" / "render-icons").read_text(encoding="utf-8")
    sizes = []
    for variable in ("APP_SIZES", "SYMBOLIC_SIZES"):
        match = re.search(rf'^{variable}="([0-9 ]+)"$', text, re.MULTILINE)
        if not match:
            sys.exit(f"check-icons: no {variable} in build-aux/render-icons")
        sizes.append([int(n) for n in match.group(1).split()])
    return sizes


def used_icon_names(source_root):
    """Returns {icon name: [places it comes from]}."""
    states = severity_names(source_root) + ["offline"]
    used = {}

    def add(name, where):
        if "%s" in name:
            for state in states:
                used.setdefault(name.replace("%s", state), []).append(where)
        else:
            used.setdefault(name, []).append(where)

    add(APP_ID, "application icon")
    c_pattern = re.compile(r'(?:\bAPP_ID\s*"|"' + re.escape(APP_ID) + r')(-[^"]*)"')
    ui_pattern = re.compile(re.escape(APP_ID) + r"(?:-[A-Za-z0-9%_-]+)?")

    for path in sorted((source_root / "src").rglob("*")):
        rel = path.relative_to(source_root)
        if path.suffix in (".c", ".h"):
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for suffix in c_pattern.findall(line):
                    add(APP_ID + suffix, f"{rel}:{lineno}")
        elif path.suffix == ".ui":
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for name in ui_pattern.findall(line):
                    add(name, f"{rel}:{lineno}")

    for desktop in sorted((source_root / "data").glob("*.desktop.in")):
        for line in desktop.read_text(encoding="utf-8").splitlines():
            if line.startswith("Icon="):
                add(line[len("Icon="):].strip(), f"{desktop.relative_to(source_root)}: Icon=")

    for state in DOCUMENTED_STATES:
        used.setdefault(f"{APP_ID}-{state}-symbolic", []).append("DESIGN.md")
    return used


def installed_from_build(build_root):
    info = Path(build_root) / "meson-info" / "intro-installed.json"
    installed = {}
    for source, dest in json.loads(info.read_text(encoding="utf-8")).items():
        match = ICON_PATH.search(dest.replace(os.sep, "/"))
        if match:
            installed.setdefault(match.group(2), []).append(
                (match.group(1), match.group(3), Path(source)))
    return installed


def installed_from_tree(tree):
    installed = {}
    base = Path(tree) / "share" / "icons" / "hicolor"
    for path in sorted(base.glob("*/apps/*")):
        match = ICON_PATH.search(path.as_posix())
        if match:
            installed.setdefault(match.group(2), []).append((match.group(1), match.group(3), path))
    return installed


def check_file(path, size=None):
    """Returns a problem with an icon file (a PNG: SIZE pixels square), or
    None."""
    if not path.is_file():
        return f"{path} does not exist"
    if path.stat().st_size == 0:
        return f"{path} is empty"
    if path.suffix == ".png":
        head = path.read_bytes()[:24]
        if not head.startswith(PNG_SIGNATURE) or head[12:16] != b"IHDR":
            return f"{path} is not a PNG image"
        width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        if (width, height) != (size, size):
            return f"{path} is {width}x{height}, not {size}x{size}"
    if path.suffix == ".svg":
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as error:
            return f"{path} is not well-formed XML: {error}"
        if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
            return f"{path} is not an SVG document (root <{root.tag}>)"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--source-root", required=True, type=Path)
    # a development build (-Dprofile=development) installs every icon under
    # its own id, which its build renames in the .ui files
    parser.add_argument("--app-id", default=APP_ID)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--build-root")
    where.add_argument("--installed-tree")
    args = parser.parse_args()

    used = {name.replace(APP_ID, args.app_id, 1): places
            for name, places in used_icon_names(args.source_root).items()}
    if args.build_root:
        installed = installed_from_build(args.build_root)
    else:
        installed = installed_from_tree(args.installed_tree)

    app_sizes, symbolic_sizes = rendered_sizes(args.source_root)

    failures = []
    for name in sorted(used):
        # the SVG's folder, then the PNG renditions: kind, sizes
        if name == args.app_id:
            want_dir = "scalable"
            renditions = (".png", app_sizes)
        elif name.endswith("-symbolic"):
            want_dir = "symbolic"
            renditions = (".symbolic.png", symbolic_sizes)
        else:
            want_dir = None
            renditions = None
        places = installed.get(name, [])
        good = [path for folder, kind, path in places
                if kind == ".svg" and (want_dir is None or folder == want_dir)]
        if not good:
            found = ", ".join(f"hicolor/{folder}/apps ({kind})" for folder, kind, _ in places)
            want = f"hicolor/{want_dir}/apps" if want_dir else "hicolor/*/apps"
            failures.append(f"{name} (used by {', '.join(used[name][:3])}) has no SVG installed "
                            f"in {want} (found: {found or 'nothing'})")
            continue
        problems = [check_file(path) for path in good]
        if renditions:
            kind, sizes = renditions
            for size in sizes:
                folder = f"{size}x{size}"
                pngs = [path for f, k, path in places if f == folder and k == kind]
                if not pngs:
                    problems.append(f"no {name}{kind} installed in hicolor/{folder}/apps "
                                    f"(build-aux/render-icons makes it, icons/meson.build "
                                    f"installs it)")
                problems += [check_file(path, size) for path in pngs]
        problems = [problem for problem in problems if problem]
        for problem in problems:
            failures.append(f"{name}: {problem}")
        if not problems:
            print(f"ok: {name} (SVG and {len(renditions[1]) if renditions else 0} PNGs)")

    for line in failures:
        print(f"FAIL: {line}")
    print(f"icons: {len(used)} names used, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
