#!/usr/bin/env python3
# The Flatpak manifest cannot be built offline here; this checks what can be
# checked: it parses, names the app ID and command, builds libqrencode and
# zbar before the app with meson, and asks for no more than it needs.
import json
import sys

path, app_id = sys.argv[1], sys.argv[2]
failures = []

def check(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)

try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
except (OSError, ValueError) as e:
    print(f"FAIL: {path} does not parse: {e}")
    sys.exit(1)

check(manifest.get("id") == app_id, f"the app ID is {app_id}")
check(manifest.get("command") == "mesh-provisioner", "the command is mesh-provisioner")
check(manifest.get("runtime") == "org.gnome.Platform", "the runtime is org.gnome.Platform")
check(manifest.get("sdk") == "org.gnome.Sdk", "the SDK is org.gnome.Sdk")

modules = manifest.get("modules", [])
names = [m.get("name") if isinstance(m, dict) else None for m in modules]
check(names[-1:] == ["mesh-provisioner"], "the app is the last module")
check("libqrencode" in names and "zbar" in names, "libqrencode and zbar are built as modules")
if names and names[-1] == "mesh-provisioner":
    check(modules[-1].get("buildsystem") == "meson", "the app builds with meson")
for m in modules:
    if isinstance(m, dict):
        check(len(m.get("sources", [])) > 0, f"module {m.get('name')} has sources")

args = manifest.get("finish-args", [])
check("--system-talk-name=org.bluez.mesh" in args, "it may talk to org.bluez.mesh on the system bus")
check("--socket=wayland" in args and "--socket=fallback-x11" in args, "Wayland with X11 fallback")
check("--device=dri" in args, "DRI for GL rendering")
check(not any(a.startswith("--talk-name=org.freedesktop.secrets") for a in args),
      "secrets go through the portal, not a talk-name")
check(not any(a in ("--socket=x11", "--device=all", "--socket=system-bus", "--socket=session-bus")
              or a.startswith("--filesystem=") for a in args),
      "no blanket permissions")

print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
