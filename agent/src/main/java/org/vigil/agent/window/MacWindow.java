package org.vigil.agent.window;

/**
 * One on-screen window as macOS lists it ({@code CGWindowListCopyWindowInfo}), front to back.
 *
 * @param layer     {@code kCGWindowLayer}: 0 for ordinary application windows
 * @param ownerName {@code kCGWindowOwnerName}: the application, e.g. "Safari"
 * @param title     {@code kCGWindowName}: empty unless the agent has the Screen Recording permission (macOS 10.15+)
 */
public record MacWindow(int layer, String ownerName, String title) {
}
