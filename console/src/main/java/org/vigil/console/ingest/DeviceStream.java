package org.vigil.console.ingest;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.LogValues;
import org.vigil.console.store.DeviceMonitoring;
import org.vigil.console.store.DeviceReport;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.ScreenshotImage;
import org.vigil.console.store.StoreOutcome;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Ack;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.Policy;
import org.vigil.proto.v1.Reject;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.proto.v1.SpoolDrops;
import org.vigil.proto.v1.Stopping;

/**
 * One device's {@code Connect} stream, console end. Flow-controlled by hand: it asks gRPC for {@link #WINDOW}
 * messages and for one more each time one is dealt with, so a fast agent cannot queue more than that here.
 * Events go to the {@link CaptureWriter}; each is acked only after its batch is committed. A malformed or
 * oversize event gets a {@code Reject} with the status code and reason, and the stream carries on.
 *
 * <p>gRPC delivers messages one at a time, but acks come from the writer's thread and refusals from the
 * revocation check: every write to the response stream holds this object's lock.
 */
final class DeviceStream implements StreamObserver<AgentMessage> {
    static final int WINDOW = 128;
    /** The most dead workers kept per report, and the longest name: the agent's word is bounded like any input. */
    static final int MAX_DEAD_WORKERS = 16;
    /** Long enough for a tamper report in words ("session helper for user X stopped without signing off at ..."). */
    static final int MAX_WORKER_NAME = 160;
    /** The end of year 9999: a later (or negative) time is nonsense, and is taken as no time at all. */
    private static final long LATEST_SIGNAL_SECONDS = 253_402_300_799L;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceStream.class);

    private final String deviceId;
    private final ServerCallStreamObserver<ConsoleMessage> responses;
    private final DeviceRepository devices;
    private final CaptureWriter writer;
    private final EventValidator validator;
    private final LiveStreams live;
    private final PolicyPush policies;
    private final HeartbeatRecorder heartbeats;
    private final SignInNotices notices;
    private boolean closed;
    /** The version the agent last said it runs; empty until its Hello, and for agents that take no pushes. */
    private volatile String running = "";
    private volatile String lastSent = "";
    /** The sign-in notice last sent on this stream; null until the Hello. */
    private SignInNotice noticeSent;
    private boolean helloSeen;
    /** Its take of the device in the cluster ({@code device_streams}); 0 until taken, and on SQLite (ADR 0173). */
    private volatile long generation;

    DeviceStream(String deviceId, ServerCallStreamObserver<ConsoleMessage> responses, StreamParts parts) {
        this.deviceId = deviceId;
        this.responses = responses;
        this.devices = parts.devices();
        this.writer = parts.writer();
        this.validator = parts.validator();
        this.live = parts.live();
        this.policies = parts.policies();
        this.heartbeats = parts.heartbeats();
        this.notices = parts.notices();
    }

    /** Call from the service method, before it returns. */
    void start() {
        responses.disableAutoRequest();
        responses.setOnCancelHandler(() -> {
            synchronized (this) {
                closed = true;
            }
            live.remove(this);
        });
        if (!live.add(this)) {
            LOG.warn("Device {}: stream refused: the console serves its maximum of device streams", deviceId);
            end(Status.RESOURCE_EXHAUSTED.withDescription("the console serves its maximum of device streams;"
                    + " retry later"));
            return;
        }
        responses.request(WINDOW);
    }

    String deviceId() {
        return deviceId;
    }

    long generation() {
        return generation;
    }

    void generation(long taken) {
        generation = taken;
    }

    @Override
    public void onNext(AgentMessage message) {
        try {
            switch (message.getBodyCase()) {
                case HELLO -> hello(message.getHello());
                case EVENT -> {
                    event(message.getEvent());
                    return; // the next message is requested once the event is dealt with
                }
                case HEARTBEAT -> heartbeat(message.getHeartbeat());
                case STOPPING -> {
                    if (!stopping(message.getStopping())) {
                        return;
                    }
                }
                case NOTICE_SHOWN -> {
                    if (refused(notices.record(deviceId, message.getNoticeShown()))) {
                        return;
                    }
                    LOG.info("Device {} showed the sign-in notice to user {}", deviceId,
                            LogValues.escape(message.getNoticeShown().getUser()));
                }
                default -> LOG.warn("Device {} sent an empty message", deviceId);
            }
            responses.request(1);
        } catch (RuntimeException e) {
            LOG.error("Device {}: cannot handle a {} message; closing the stream so the agent retries", deviceId,
                    message.getBodyCase(), e);
            fail(Status.UNAVAILABLE.withDescription("the console could not store the message; retry later"));
        }
    }

    /** An agent that names no policy version does not apply pushed policy, so nothing is pushed to it. */
    private void hello(Hello hello) {
        if (refused(FieldLimits.problemWith(hello))) {
            return;
        }
        if (!hello.getDeviceId().isEmpty() && !hello.getDeviceId().equals(deviceId)) {
            LOG.warn("Device {} sent a Hello naming device {}: stream refused", deviceId,
                    abbreviate(hello.getDeviceId()));
            fail(Status.INVALID_ARGUMENT.withDescription("Hello names device " + abbreviate(hello.getDeviceId())
                    + " but the call's credentials are for device " + deviceId));
            return;
        }
        // queued with the heartbeats, never written here: a stream's thread must not wait for the database, and a
        // storm of Hellos must not take the write lock from capture batches (issue 13). The call was authenticated
        // against a device that was not revoked; a revocation since is found by the next batch, which ends the stream.
        heartbeats.record(deviceId, new DeviceReport(hello.getAgentVersion(), hello.getOs(), hello.getUser(),
                hello.getSpoolDepth(), hello.getDrops().getScreenshots(), hello.getDrops().getEvents(),
                hello.getPolicyVersion(), monitoring(hello.hasMonitoring(), hello.getMonitoring())));
        LOG.info("Device {} connected (agent {}, policy {}, spool depth {}, dropped so far: {} screenshots, "
                + "{} events)", deviceId, LogValues.escape(hello.getAgentVersion()),
                LogValues.escape(hello.getPolicyVersion()), hello.getSpoolDepth(),
                hello.getDrops().getScreenshots(), hello.getDrops().getEvents());
        if (!hello.getReplacesDeviceId().isEmpty()) {
            // the agent enrolled again (its old identity refused, or moved here from another console)
            LOG.info("Device {} re-enrolled: it was device {}", deviceId,
                    LogValues.escape(abbreviate(hello.getReplacesDeviceId())));
        }
        running = hello.getPolicyVersion();
        synchronized (this) {
            helloSeen = true;
            noticeSent = null; // a new Hello: the agent may have restarted and forgotten it
        }
        offerPolicy(policies.forDevice(deviceId));
        offerNotice(notices.forDevice(deviceId));
    }

    private void heartbeat(Heartbeat heartbeat) {
        if (refused(FieldLimits.problemWith(heartbeat))) {
            return;
        }
        if (!heartbeat.getPolicyVersion().isEmpty()) {
            running = heartbeat.getPolicyVersion();
        }
        SpoolDrops drops = heartbeat.getDrops();
        heartbeats.record(deviceId, new DeviceReport("", "", "", heartbeat.getSpoolDepth(), drops.getScreenshots(),
                drops.getEvents(), heartbeat.getPolicyVersion(),
                monitoring(heartbeat.hasMonitoring(), heartbeat.getMonitoring())));
    }

    /**
     * The agent is stopping on purpose: recorded in order with its heartbeats, so the device shows as stopped cleanly
     * rather than silent. A reason longer than the contract allows ends the stream, and nothing is recorded.
     *
     * @return whether the stream goes on
     */
    private boolean stopping(Stopping stopping) {
        String reason = stopping.getReason();
        if (reason.length() > WireNames.MAX_STOP_REASON_CHARS) {
            LOG.warn("Device {} sent a Stopping reason of {} chars: refused", deviceId, reason.length());
            fail(Status.RESOURCE_EXHAUSTED.withDescription("Stopping reason has " + reason.length()
                    + " chars, more than " + WireNames.MAX_STOP_REASON_CHARS));
            return false;
        }
        String printable = reason.replaceAll("\\p{Cntrl}+", " ").strip();
        LOG.info("Device {} is stopping: {}", deviceId, printable.isEmpty() ? "(no reason given)" : printable);
        heartbeats.stopping(deviceId, printable);
        return true;
    }

    /** Ends the stream with the refusal, if there is one: a malformed Hello or heartbeat is not stored. */
    private boolean refused(Optional<Refusal> problem) {
        problem.ifPresent(refusal -> {
            LOG.warn("Device {}: message refused: {}", deviceId, refusal.reason());
            fail(Status.fromCode(refusal.code()).withDescription(refusal.reason()));
        });
        return problem.isPresent();
    }

    /** What the agent says about its monitoring, if it says anything (agents before issue 18 do not). */
    private static Optional<DeviceMonitoring> monitoring(boolean said, Monitoring monitoring) {
        if (!said) {
            return Optional.empty();
        }
        long seconds = monitoring.getLastSignalAt().getSeconds();
        Optional<Instant> lastSignal = monitoring.hasLastSignalAt() && seconds >= 0 && seconds <= LATEST_SIGNAL_SECONDS
                ? Optional.of(Instant.ofEpochSecond(seconds, monitoring.getLastSignalAt().getNanos()))
                : Optional.empty();
        List<String> dead = monitoring.getDeadWorkersList().stream().limit(MAX_DEAD_WORKERS)
                .map(DeviceStream::workerName).filter(name -> !name.isEmpty()).toList();
        return Optional.of(new DeviceMonitoring(monitoring.getHookRegistered(), lastSignal, dead));
    }

    /** A worker name as stored: no control characters (names are kept one per line), at most 64 characters. */
    private static String workerName(String name) {
        String printable = name.replaceAll("\\p{Cntrl}", "").strip();
        return printable.length() <= MAX_WORKER_NAME ? printable : printable.substring(0, MAX_WORKER_NAME);
    }

    /**
     * Sends the agent this policy unless it runs it already, was sent it already, or takes no pushes (named no
     * version in its Hello). Any thread.
     *
     * @return whether it was sent
     */
    boolean offerPolicy(Policy policy) {
        String version = policy.getVersion();
        synchronized (this) {
            if (running.isEmpty() || running.equals(version) || lastSent.equals(version)) {
                return false;
            }
            lastSent = version;
        }
        LOG.debug("Device {}: pushing policy {}", deviceId, version);
        send(ConsoleMessage.newBuilder().setPolicy(policy).build());
        return true;
    }

    /**
     * Sends the agent the sign-in notice unless this stream was sent the same one already, has had no Hello yet (it
     * is sent after the Hello), or its agent takes no pushes (named no policy version, as for policy). Any thread.
     *
     * @return whether it was sent
     */
    boolean offerNotice(SignInNotice notice) {
        synchronized (this) {
            if (!helloSeen || running.isEmpty() || notice.equals(noticeSent)) {
                return false;
            }
            noticeSent = notice;
        }
        send(ConsoleMessage.newBuilder().setNotice(notice).build());
        return true;
    }

    private void event(Event event) {
        Optional<Refusal> refusal = validator.problemWith(event);
        if (refusal.isPresent()) {
            LOG.warn("Device {}: refused event {}: {} {}", deviceId, abbreviate(event.getEventId()),
                    refusal.get().code(), refusal.get().reason());
            devices.countRejected(deviceId);
            send(ConsoleMessage.newBuilder().setReject(Reject.newBuilder().setEventId(event.getEventId())
                    .setCode(refusal.get().code().name()).setReason(refusal.get().reason())).build());
            responses.request(1);
            return;
        }
        writer.store(toCapture(event)).whenComplete((outcome, error) -> {
            if (error != null) {
                LOG.error("Device {}: cannot store event {}; closing the stream so the agent retries", deviceId,
                        event.getEventId(), error);
                fail(Status.UNAVAILABLE.withDescription("the console could not store the event; retry later"));
                return;
            }
            if (outcome == StoreOutcome.DEVICE_REVOKED) {
                // not acked: the agent keeps it; the stream ends as a revocation ends it
                refuse(LiveStreams.REVOKED);
                return;
            }
            LOG.debug("Device {}: event {} {}", deviceId, event.getEventId(), outcome);
            send(ConsoleMessage.newBuilder().setAck(Ack.newBuilder().setEventId(event.getEventId())).build());
            responses.request(1);
        });
    }

    private NewCapture toCapture(Event event) {
        Optional<ScreenshotImage> screenshot = event.hasScreenshot() && !event.getScreenshot().getData().isEmpty()
                ? Optional.of(new ScreenshotImage(event.getScreenshot().getData().toByteArray(),
                        event.getScreenshot().getMediaType(), event.getScreenshot().getWidth(),
                        event.getScreenshot().getHeight()))
                : Optional.empty();
        long occurredAt = event.getOccurredAt().getSeconds() * 1000L + event.getOccurredAt().getNanos() / 1_000_000;
        return new NewCapture(event.getEventId().toLowerCase(Locale.ROOT), deviceId, event.getSeq(),
                occurredAt, event.getUser(), event.getWindowTitle(), event.getApp(), event.getCategory(),
                event.getSeverity(), event.getRuleId(), event.getMatchedText(), event.getContext(),
                event.getMatchStart(), event.getMatchEnd(), event.getExplanation(), screenshot);
    }

    private synchronized void send(ConsoleMessage message) {
        if (!closed) {
            responses.onNext(message);
        }
    }

    /** Ends the stream with UNAUTHENTICATED (the device is revoked). Any thread. */
    void refuse(String reason) {
        fail(Status.UNAUTHENTICATED.withDescription(reason));
    }

    /** Ends the stream with the status (replaced by a newer one, or refused for lack of room). Any thread. */
    void end(Status status) {
        fail(status);
    }

    private void fail(Status status) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            responses.onError(status.asRuntimeException());
        }
        live.remove(this);
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            closed = true;
        }
        live.remove(this);
        LOG.info("Device {} stream ended: {}", deviceId, Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        synchronized (this) {
            if (!closed) {
                closed = true;
                responses.onCompleted();
            }
        }
        live.remove(this);
    }

    private static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
