package org.vigil.console.ingest;

import org.vigil.console.store.DeviceRepository;

/** What every device stream works with, made once by the console and shared by all streams. */
public record StreamParts(DeviceRepository devices, CaptureWriter writer, EventValidator validator, LiveStreams live,
                          PolicyPush policies, HeartbeatRecorder heartbeats,
                          SignInNotices notices) {
}
