#!/usr/bin/python3
# Walks what a screen reader sees of the app (AT-SPI) and fails on any button
# without a name, any button whose name is a widget type name ("GtkImage": an
# icon-only button without an accessible label), and any name that carries a
# mnemonic underscore.
#
# usage: test-a11y.py APP   (inside tests/session-run)
import subprocess
import sys
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib

APP_NAME = "mesh-provisioner"
APP_PATH = "/io/github/meshprovisioner/MeshProvisioner"
INTERACTIVE = {"push button", "toggle button", "check box", "radio button",
               "menu item", "combo box", "spin button", "text", "password text",
               "list item", "slider", "switch"}


def find_app(timeout=10.0):
    desktop = Atspi.get_desktop(0)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for i in range(desktop.get_child_count()):
            child = desktop.get_child_at_index(i)
            if (child is not None and child.get_name() == APP_NAME
                    and child.get_child_count() > 0):
                return child
        time.sleep(0.1)
    return None


def walk_new_frames(app, walked, problems, seen):
    for i in range(app.get_child_count()):
        frame = app.get_child_at_index(i)
        if frame is not None and frame.get_name() not in walked:
            walked.add(frame.get_name())
            walk(frame, frame.get_name(), problems, seen)


def walk(obj, path, problems, seen):
    try:
        role = obj.get_role_name()
        name = obj.get_name() or ""
    except GLib.Error:
        return
    here = f"{path} > {role} {name!r}"
    if role in INTERACTIVE:
        seen.add(role)
        if name.strip() == "" and role not in ("text", "password text", "list item"):
            problems.append(f"{here}: has no accessible name")
        elif name.startswith("Gtk") or name.startswith("Adw"):
            problems.append(f"{here}: named after its widget type (missing accessible label)")
        elif "_" in name and name.replace("_", "") != name:
            problems.append(f"{here}: the name carries a mnemonic underscore")
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        if child is not None:
            walk(child, here, problems, seen)


def main():
    app_proc = subprocess.Popen([sys.argv[1]])
    try:
        app = find_app()
        if app is None:
            print("FAIL: the app did not appear on the accessibility bus")
            return 1
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
        # The well-known name of the app on the session bus is its ID.
        owner = None
        for name in bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                  "org.freedesktop.DBus", "ListNames", None,
                                  GLib.VariantType("(as)"), Gio.DBusCallFlags.NONE,
                                  -1, None).unpack()[0]:
            if name.startswith("io.github.meshprovisioner.MeshProvisioner"):
                owner = name
        problems = []
        seen = set()
        walked = set()
        time.sleep(0.5)
        walk_new_frames(app, walked, problems, seen)
        # Not "about": AdwAboutWindow 1.2 has unlabelled buttons of its own,
        # which the app cannot fix.
        for action in ("preferences",):
            bus.call_sync(owner, APP_PATH, "org.gtk.Actions", "Activate",
                          GLib.Variant("(sava{sv})", (action, [], {})),
                          None, Gio.DBusCallFlags.NONE, -1, None)
            time.sleep(0.7)
            walk_new_frames(app, walked, problems, seen)
        print(f"windows walked: {sorted(walked)}")
        print(f"interactive roles seen: {sorted(seen)}")
        if len(walked) < 2:
            problems.append("the Preferences window was not walked")
        if "push button" not in seen:
            problems.append("no push button was seen at all: the walk is broken")
        for p in problems:
            print("FAIL:", p)
        print(f"{len(problems)} problems")
        return 1 if problems else 0
    finally:
        app_proc.terminate()
        app_proc.wait(5)


sys.exit(main())
