package org.vigil.console.alerts.it;

import java.time.Instant;
import org.vigil.console.devices.DeviceStatus;
import org.vigil.console.store.DeviceProblem;

/**
 * One line of an IT email: the device, what is wrong with it in words (never capture content), and since when.
 *
 * @param status the device as judged this round (hostname, id, group)
 * @param what   e.g. "silent: no heartbeat since …", "spool dropped 3 screenshots and 0 events"
 */
public record ItFinding(DeviceStatus status, DeviceProblem problem, String what, Instant since) {
}
