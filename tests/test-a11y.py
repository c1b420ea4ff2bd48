#!/usr/bin/python3
# Walks what a screen reader sees of the app (AT-SPI) and fails on any button
# without a name, any button whose name is a widget type name ("GtkImage": an
# icon-only button without an accessible label), and any name that carries a
# mnemonic underscore.
#
# With MAKE_NETWORK (a program that writes a network database to the path it
# is given), the app opens that network and the walk also visits, clicking
# as a user would, the node list, the Keys section and a node's page.
# (Clicks, not keys: synthesized key events do not reach a window that no
# window manager gave the focus.)
#
# With --lab (inside the mesh lab, MAKE_NETWORK then creating the network in
# the lab's bluetooth-meshd), it visits Nearby Devices and the provisioning
# dialog of a device instead.
#
# usage: test-a11y.py APP [MAKE_NETWORK [--lab]]   (inside tests/session-run)
import os
import subprocess
import sys
import tempfile
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


def walk_new_frames(app, walked, problems, seen, names):
    for i in range(app.get_child_count()):
        frame = app.get_child_at_index(i)
        if frame is not None and frame.get_name() not in walked:
            walked.add(frame.get_name())
            walk(frame, frame.get_name(), problems, seen, names)


def walk(obj, path, problems, seen, names):
    try:
        role = obj.get_role_name()
        name = obj.get_name() or ""
    except GLib.Error:
        return
    here = f"{path} > {role} {name!r}"
    names.add(name)
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
            walk(child, here, problems, seen, names)


def find(obj, role, name):
    try:
        if obj.get_role_name() == role and obj.get_name() == name:
            return obj
    except GLib.Error:
        return None
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        found = find(child, role, name) if child is not None else None
        if found is not None:
            return found
    return None


def click(obj, kind="b1c"):
    """Clicks the middle of an accessible (b1d: double click)."""
    extents = obj.get_component_iface().get_extents(Atspi.CoordType.SCREEN)
    Atspi.generate_mouse_event(extents.x + extents.width // 2,
                               extents.y + extents.height // 2, kind)
    time.sleep(0.2)


def click_row(app, label):
    """Clicks (or with "b1d", opens) the list row that shows @label."""
    text = find(app, "label", label)
    if text is None:
        return False
    row = text.get_parent()
    while row is not None and row.get_role_name() != "list item":
        row = row.get_parent()
    click(row if row is not None else text)
    return True


def find_prefix(obj, role, prefix):
    """The first @role under @obj whose name starts with @prefix."""
    try:
        if obj.get_role_name() == role and (obj.get_name() or "").startswith(prefix):
            return obj
    except GLib.Error:
        return None
    for i in range(obj.get_child_count()):
        child = obj.get_child_at_index(i)
        found = find_prefix(child, role, prefix) if child is not None else None
        if found is not None:
            return found
    return None


def wait_for(what, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = what()
        if found is not None:
            return found
        time.sleep(0.2)
    return None


def walk_devices(app, walked, problems, seen, names):
    """Nearby Devices, then a device's provisioning dialog."""
    if not click_row(app, "Nearby Devices"):
        problems.append("the sidebar has no Nearby Devices row")
        return
    button = wait_for(lambda: find_prefix(app, "push button", "Provision Mesh Device"))
    walk_page(app, "Nearby Devices", problems, seen, names)
    if button is None:
        problems.append("Nearby Devices shows no device with a Provision button")
        return
    click(button)
    time.sleep(1.0)
    walk_new_frames(app, walked, problems, seen, names)
    for expected in ("Static Key", "No Authentication", "Cancel", "Provision"):
        if expected not in names:
            problems.append(f"no {expected!r} was seen: the provisioning dialog was not walked")


def walk_page(app, label, problems, seen, names):
    """Walks the main window again, after a keyboard step showed a page."""
    time.sleep(0.8)
    for i in range(app.get_child_count()):
        frame = app.get_child_at_index(i)
        if frame is not None and frame.get_name() == "Mesh Provisioner":
            walk(frame, f"{label}: {frame.get_name()}", problems, seen, names)


def main():
    env = dict(os.environ)
    tmp = None
    if len(sys.argv) > 2:
        tmp = tempfile.TemporaryDirectory()
        subprocess.run([sys.argv[2], os.path.join(tmp.name, "networks.db")], check=True)
        env["MESH_PROVISIONER_DATA_DIR"] = tmp.name
    app_proc = subprocess.Popen([sys.argv[1]], env=env)
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
        names = set()
        time.sleep(0.5)
        walk_new_frames(app, walked, problems, seen, names)
        # Not "about": AdwAboutWindow 1.2 has unlabelled buttons of its own,
        # which the app cannot fix.
        for action in ("preferences",):
            bus.call_sync(owner, APP_PATH, "org.gtk.Actions", "Activate",
                          GLib.Variant("(sava{sv})", (action, [], {})),
                          None, Gio.DBusCallFlags.NONE, -1, None)
            time.sleep(0.7)
            walk_new_frames(app, walked, problems, seen, names)
        if tmp is not None:
            # Close Preferences, which lies over the main window.
            for i in range(app.get_child_count()):
                frame = app.get_child_at_index(i)
                if frame is not None and frame.get_name() == "Preferences":
                    close = find(frame, "push button", "Close")
                    if close is not None:
                        click(close)
            time.sleep(0.5)
        if tmp is not None and "--lab" in sys.argv[3:]:
            walk_devices(app, walked, problems, seen, names)
        elif tmp is not None:
            # The pages a network brings: Keys, then a node's page.
            if not click_row(app, "Keys"):
                problems.append("the sidebar has no Keys row")
            walk_page(app, "Keys", problems, seen, names)
            click_row(app, "Nodes")
            time.sleep(0.5)
            text = find(app, "label", "Kitchen Light")
            if text is None:
                problems.append("the node list does not show Kitchen Light")
            else:
                click(text, "b1d")
            walk_page(app, "Node", problems, seen, names)
            # Each page was really reached: names only these pages show.
            for expected in ("Rename Node", "Search Nodes", "Delete AppKey", "Rename AppKey",
                             "Read the Composition Again", "Actions for Generic OnOff Server",
                             "Unbind AppKey", "Remove Subscription", "Change Publication"):
                if expected not in names:
                    problems.append(f"no {expected!r} was seen: a page was not walked")
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
        if tmp is not None:
            tmp.cleanup()


sys.exit(main())
