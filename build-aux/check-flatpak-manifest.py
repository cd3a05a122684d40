#!/usr/bin/python3
# check-flatpak-manifest.py: the Flatpak manifest asks for what Vigie uses and
# nothing more, and builds only from pinned sources.
#
# usage: check-flatpak-manifest.py MANIFEST [--local LOCAL_MANIFEST]
#
# MANIFEST (flatpak/io.github.vigie.Vigie.json) must have:
#   * id io.github.vigie.Vigie, command vigie, runtime org.gnome.Platform and
#     sdk org.gnome.Sdk at a supported branch;
#   * exactly the finish-args below: no filesystem access, no bus name but the
#     tray watcher (notifications, autostart and settings go through portals);
#   * Flathub's style: 4-space indentation, top-level keys and module keys in
#     Flathub's order (KEY_ORDER, MODULE_KEY_ORDER below);
#   * the libayatana-appindicator chain from Flathub's shared-modules, a git
#     submodule pinned by commit (flatpak/shared-modules), then vigie, built
#     with meson, last.  When the submodule is checked out (`git submodule
#     update --init`), its modules are read too: intltool, libdbusmenu with
#     GTK 3, ayatana-ido, libayatana-indicator, libayatana-appindicator;
#     when it is not (a plain clone, CI), its pin is checked instead;
#   * every downloaded source pinned: git by commit, archives and files by
#     sha256 (or sha512); local sources only as patches or, for vigie itself,
#     the source tree.
# LOCAL_MANIFEST (the test manifest for the Debian-based local runtime) must
# have the same id, command, finish-args and vigie module, and the local
# runtime.
#
# Copyright 2026 The Vigie developers
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

APP_ID = "io.github.vigie.Vigie"
COMMAND = "vigie"
# Newest non-EOL GNOME runtime branch (see flatpak/README.md).
RUNTIME_VERSIONS = {"50"}
FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--talk-name=org.kde.StatusNotifierWatcher",
]
CHAIN = ["intltool", "libdbusmenu", "ayatana-ido", "libayatana-indicator",
         "libayatana-appindicator"]
SHARED_MODULES = "shared-modules"
SHARED_MODULES_URL = "https://github.com/flathub/shared-modules.git"
APPINDICATOR = SHARED_MODULES + "/libayatana-appindicator/libayatana-appindicator-gtk3.json"
HEX = re.compile(r"^[0-9a-f]+$")
# Flathub's manifests (and flatpak-builder's documentation) put the keys in
# this order; keys not listed here may not appear.
KEY_ORDER = ["id", "runtime", "runtime-version", "sdk", "sdk-extensions", "command",
             "finish-args", "build-options", "appstream-compose", "cleanup", "modules"]
MODULE_KEY_ORDER = ["name", "buildsystem", "subdir", "builddir", "build-options",
                    "config-opts", "make-args", "build-commands", "post-install", "cleanup",
                    "modules", "sources"]


class Checker:
    def __init__(self):
        self.failures = []
        self.passed = 0

    def expect(self, condition, message):
        if condition:
            self.passed += 1
            print(f"ok: {message}")
        else:
            self.failures.append(message)
            print(f"FAIL: {message}")
        return condition


def load(path):
    text = path.read_text(encoding="utf-8")
    if path.suffix in (".yml", ".yaml"):
        import yaml  # python3-yaml; only needed for a YAML manifest
        return yaml.safe_load(text)
    return json.loads(text)


def submodule_pin(manifest_dir, check):
    """Checks that shared-modules is a git submodule pinned by commit;
    returns whether its files are there."""
    folder = manifest_dir / SHARED_MODULES
    try:
        top = subprocess.run(["git", "-C", str(manifest_dir), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, check=True).stdout.strip()
        entry = subprocess.run(["git", "-C", str(manifest_dir), "ls-files", "--stage", "--",
                                SHARED_MODULES],
                               capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        top, entry = None, []
    if top is None:
        # a source tarball has no git metadata: nothing to check the pin with
        check.expect(True, f"{SHARED_MODULES}: not a git checkout, pin not checked")
    else:
        check.expect(len(entry) >= 2 and entry[0] == "160000" and len(entry[1]) == 40,
                     f"{SHARED_MODULES} is a git submodule pinned by commit (got {entry[:2]})")
        gitmodules = Path(top) / ".gitmodules"
        text = gitmodules.read_text(encoding="utf-8") if gitmodules.is_file() else ""
        check.expect(f"url = {SHARED_MODULES_URL}" in text,
                     f".gitmodules: {SHARED_MODULES} comes from {SHARED_MODULES_URL}")
    return (folder / "README.md").is_file() or any(folder.glob("*/*.json"))


def check_style(path, manifest, check):
    """Flathub style: 4-space indentation, keys in Flathub's order."""
    text = path.read_text(encoding="utf-8")
    check.expect(text == json.dumps(manifest, indent=4, ensure_ascii=False) + "\n",
                 f"{path.name}: 4-space indentation, one key or element a line")

    def in_order(keys, order, where):
        unknown = [key for key in keys if key not in order and not key.startswith("x-")]
        known = [key for key in keys if key in order]
        check.expect(not unknown and known == sorted(known, key=order.index),
                     f"{where}: keys in Flathub's order {[k for k in order if k in keys]} "
                     f"(got {keys})")

    in_order(list(manifest), KEY_ORDER, path.name)
    for module in manifest.get("modules", []):
        if isinstance(module, dict):
            in_order(list(module), MODULE_KEY_ORDER, f"{path.name}: module {module.get('name')}")


def flatten(modules, base_dir, check, parent="manifest"):
    """Modules in build order (nested modules build before their parent),
    each as (module, directory its relative paths start from)."""
    result = []
    for module in modules or []:
        if isinstance(module, str):
            path = base_dir / module
            if not path.is_file() and module.startswith(SHARED_MODULES + "/"):
                # the submodule is not checked out: its pin was checked
                result.append(({"name": module}, base_dir))
                continue
            if not check.expect(path.is_file(),
                                f"{parent}: module file {module} exists"):
                continue
            module, module_dir = load(path), path.parent
        else:
            module_dir = base_dir
        result += flatten(module.get("modules"), module_dir, check, module.get("name", "?"))
        result.append((module, module_dir))
    return result


def is_pinned_hash(source):
    for key, length in (("sha256", 64), ("sha512", 128)):
        value = source.get(key, "")
        if len(value) == length and HEX.match(value):
            return True
    return False


def check_sources(module, module_dir, check, local_tree_ok):
    name = module.get("name", "?")
    sources = module.get("sources", [])
    check.expect(len(sources) > 0, f"{name}: has sources")
    for index, source in enumerate(sources):
        where = f"{name}: source {index + 1} ({source.get('type', '?')})"
        kind = source.get("type")
        if kind == "git":
            commit = source.get("commit", "")
            check.expect(len(commit) == 40 and HEX.match(commit) is not None,
                         f"{where} is pinned by a full commit id")
            check.expect(source.get("url", "").startswith("https://"), f"{where} uses https")
        elif kind in ("archive", "file"):
            if "path" in source and "url" not in source:
                check.expect(not Path(source["path"]).is_absolute(),
                             f"{where} is a file of this repository")
            else:
                check.expect(is_pinned_hash(source), f"{where} is pinned by sha256")
                check.expect(source.get("url", "").startswith("https://"), f"{where} uses https")
        elif kind == "patch":
            paths = source.get("paths") or [source.get("path", "")]
            for path in paths:
                check.expect(bool(path) and not Path(path).is_absolute(),
                             f"{where}: {path} is a local patch file")
                # shared-modules is a git submodule (pinned by its commit) in
                # a Flathub checkout, a clone next to the manifest locally; it is
                # not part of this repository, so check it only when present.
                if (not path.startswith("shared-modules/")
                        or (module_dir / "shared-modules").is_dir()):
                    check.expect((module_dir / path).is_file(), f"{where}: {path} exists")
        elif kind == "dir":
            check.expect(local_tree_ok and source.get("path") == "..",
                         f"{where}: only vigie itself builds from the local tree (path '..')")
        elif kind in ("shell", "script", "inline"):
            check.expect(True, f"{where} downloads nothing")
        else:
            check.expect(False, f"{where}: source type {kind!r} is not allowed")


def check_common(manifest, label, check):
    check.expect(manifest.get("id", manifest.get("app-id")) == APP_ID, f"{label}: id is {APP_ID}")
    check.expect(manifest.get("command") == COMMAND, f"{label}: command is {COMMAND}")
    finish_args = manifest.get("finish-args", [])
    check.expect(sorted(finish_args) == sorted(FINISH_ARGS) and
                 len(finish_args) == len(set(finish_args)),
                 f"{label}: finish-args are exactly {' '.join(FINISH_ARGS)} (got {finish_args})")
    for arg in finish_args:
        check.expect(not arg.startswith(("--filesystem", "--own-name", "--system-talk-name",
                                         "--talk-name=org.freedesktop.", "--device",
                                         "--socket=x11", "--socket=session-bus")),
                     f"{label}: {arg} grants no filesystem, device, x11, owned or extra bus name")


def vigie_module(modules, label, check):
    if not check.expect(modules and modules[-1][0].get("name") == "vigie",
                        f"{label}: vigie is the last module"):
        return None
    module = modules[-1][0]
    check.expect(module.get("buildsystem") == "meson", f"{label}: vigie builds with meson")
    check.expect("-Dtests=false" in module.get("config-opts", []),
                 f"{label}: vigie builds without its test suite")
    return module


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--local", type=Path)
    args = parser.parse_args()
    check = Checker()

    manifest = load(args.manifest)
    label = args.manifest.name
    check_common(manifest, label, check)
    check.expect(manifest.get("runtime") == "org.gnome.Platform",
                 f"{label}: runtime is org.gnome.Platform")
    check.expect(manifest.get("sdk") == "org.gnome.Sdk", f"{label}: sdk is org.gnome.Sdk")
    check.expect(str(manifest.get("runtime-version")) in RUNTIME_VERSIONS,
                 f"{label}: runtime-version is one of {sorted(RUNTIME_VERSIONS)}")

    check_style(args.manifest, manifest, check)
    check.expect(manifest.get("modules", [None])[0] == APPINDICATOR,
                 f"{label}: the appindicator chain is {APPINDICATOR}, from the submodule")
    checked_out = submodule_pin(args.manifest.parent, check)
    modules = flatten(manifest.get("modules"), args.manifest.parent, check)
    names = [module.get("name") for module, _ in modules]
    expected = CHAIN + ["vigie"] if checked_out else [APPINDICATOR, "vigie"]
    check.expect(names == expected,
                 f"{label}: modules build in the order {expected} (got {names})")
    for module, module_dir in modules:
        if module.get("name") == APPINDICATOR:
            continue
        check_sources(module, module_dir, check, local_tree_ok=module.get("name") == "vigie")
        if module.get("name") == "libdbusmenu":
            check.expect("--with-gtk=3" in module.get("config-opts", []),
                         f"{label}: libdbusmenu is built with GTK 3")
    vigie = vigie_module(modules, label, check)

    if args.local:
        local = load(args.local)
        local_label = args.local.name
        check_style(args.local, local, check)
        check_common(local, local_label, check)
        check.expect(local.get("finish-args") == manifest.get("finish-args"),
                     f"{local_label}: finish-args identical to {label}")
        check.expect(local.get("runtime") == "local.debian12.Platform"
                     and str(local.get("runtime-version")) == "12"
                     and local.get("sdk") == "local.debian12.Sdk",
                     f"{local_label}: runtime is local.debian12.Platform//12")
        local_modules = flatten(local.get("modules"), args.local.parent, check)
        check.expect([m.get("name") for m, _ in local_modules] == ["vigie"],
                     f"{local_label}: only vigie is built (the runtime has libayatana-appindicator)")
        local_vigie = vigie_module(local_modules, local_label, check)
        if vigie is not None and local_vigie is not None:
            check.expect(local_vigie == vigie, f"{local_label}: vigie module identical to {label}")
        for module, module_dir in local_modules:
            check_sources(module, module_dir, check, local_tree_ok=module.get("name") == "vigie")

    print(f"manifest: {check.passed + len(check.failures)} checks, {len(check.failures)} failures")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
