package org.vigil.agent.secure;

/** An accessible object on the AT-SPI bus: the application's unique bus name and the object's path. */
record FocusedObject(String busName, String path) {
}
