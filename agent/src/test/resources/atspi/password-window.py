# A GTK 3 window with a normal entry (focused first) and a password entry, for the AT-SPI end-to-end test.
# Prints "ready" once shown, and "activated NAME LENGTH" when Return is pressed in an entry, so the test knows the
# keystrokes reached the field (what was typed is never printed).
import sys

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import Gtk  # noqa: E402


def activated(entry):
    print("activated %s %d" % (entry.get_name(), len(entry.get_text())), flush=True)


window = Gtk.Window(title=sys.argv[1] if len(sys.argv) > 1 else "Vigil AT-SPI test")
box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
normal = Gtk.Entry()
normal.set_name("normal")
password = Gtk.Entry()
password.set_name("password")
password.set_visibility(False)
password.set_input_purpose(Gtk.InputPurpose.PASSWORD)
for entry in (normal, password):
    entry.connect("activate", activated)
    box.add(entry)
window.add(box)
window.connect("destroy", Gtk.main_quit)
window.show_all()
normal.grab_focus()
print("ready", flush=True)
Gtk.main()
