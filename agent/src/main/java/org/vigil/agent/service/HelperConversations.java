package org.vigil.agent.service;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.EOFException;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.local.LocalLink;
import org.vigil.agent.local.LocalMessageException;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.EventAck;
import org.vigil.proto.v1.HelperMessage;
import org.vigil.proto.v1.HelperSettings;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.Policy;
import org.vigil.proto.v1.ServiceMessage;
import org.vigil.proto.v1.SignInNotice;

/**
 * The service's side of the local contract with each session helper, whatever carries it (ADR 0111, 0117): records
 * each hit under the OS user the transport says is at the other end (whatever the helper wrote in it), hands it to
 * {@code events} (the spool) and acks it, pushes the settings, notice and policy in force on hello and whenever they
 * change, and keeps {@link SessionHelpers} told of each helper's monitoring and of helpers that vanish without a
 * goodbye. A helper that sends a message too large, malformed or out of order is dropped, never the service.
 */
final class HelperConversations {
    private static final Logger log = LoggerFactory.getLogger(HelperConversations.class);
    /** More helpers than desktop sessions a device can hold: the rest are refused, so none can exhaust the service. */
    static final int MAX_CONNECTIONS = 32;

    private final Consumer<Event> events;
    private final Supplier<Policy> policy;
    private final HelperSettings settings;
    private final Supplier<SignInNotice> notice;
    private final Consumer<NoticeShown> noticesShown;
    private final SessionHelpers helpers;
    private final Clock clock;
    private long nextId;

    HelperConversations(Consumer<Event> events, Supplier<Policy> policy, HelperSettings settings,
                        Supplier<SignInNotice> notice, Consumer<NoticeShown> noticesShown, SessionHelpers helpers,
                        Clock clock) {
        this.events = events;
        this.policy = policy;
        this.settings = settings;
        this.notice = notice;
        this.noticesShown = noticesShown;
        this.helpers = helpers;
        this.clock = clock;
    }

    /** A helper connected as {@code user} (the transport's word). One serving thread per server calls these. */
    Conversation open(String user, LocalLink link) {
        return new Conversation(++nextId, user, link);
    }

    /** One helper's connection. */
    final class Conversation {
        final long id;
        final String user;
        final LocalLink link;
        private boolean hello;
        private String policySent = "";
        private SignInNotice noticeSent;

        private Conversation(long id, String user, LocalLink link) {
            this.id = id;
            this.user = user;
            this.link = link;
        }

        /**
         * Handles what the helper sent (the server writes the answers with its next flush).
         *
         * @return false when the helper is gone or was dropped for what it sent (its link closed, logged)
         */
        boolean serve() {
            try {
                for (byte[] frame : link.read()) {
                    handle(HelperMessage.parseFrom(frame));
                }
                return true;
            } catch (EOFException e) {
                closed();
            } catch (InvalidProtocolBufferException e) {
                log.warn("refused a malformed message from the session helper of user {} (connection {}): {};"
                        + " dropping that connection", user, id, e.getMessage());
                closed();
            } catch (LocalMessageException | ProtocolViolation e) {
                log.warn("refused {} from the session helper of user {} (connection {}); dropping that connection",
                        e.getMessage(), user, id);
                closed();
            } catch (IOException e) {
                log.info("lost the session helper of user {} (connection {}): {}", user, id, e.toString());
                closed();
            }
            return false;
        }

        /**
         * Queues the notice and policy in force if this helper has not had them yet.
         *
         * @return whether anything was queued
         */
        boolean pushChanges(Policy now, SignInNotice noticeNow) {
            if (!hello) {
                return false;
            }
            boolean sent = false;
            if (!noticeNow.equals(noticeSent)) {
                sendNotice(noticeNow);
                sent = true;
            }
            if (!now.getVersion().equals(policySent)) {
                sendPolicy(now);
                sent = true;
            }
            return sent;
        }

        /** The link is gone: closes it and reports the helper gone (tamper, unless it said goodbye). */
        void closed() {
            link.close();
            helpers.disconnected(id, clock.instant()).ifPresent(reason -> log.warn("{}", reason));
        }

        private void handle(HelperMessage message) throws ProtocolViolation {
            if (!hello) {
                if (!message.hasHello()) {
                    throw new ProtocolViolation("a message (" + message.getBodyCase().name().toLowerCase(Locale.ROOT)
                            + ") before its hello");
                }
                hello = true;
                helpers.connected(id, user);
                log.info("session helper connected: user {}, session {}, helper version {} (connection {})",
                        user, printable(message.getHello().getSessionId()),
                        printable(message.getHello().getHelperVersion()), id);
                link.send(ServiceMessage.newBuilder().setSettings(settings).build());
                sendNotice(notice.get());
                sendPolicy(policy.get());
                return;
            }
            switch (message.getBodyCase()) {
                case EVENT -> event(message.getEvent());
                case MONITORING -> helpers.reported(id, message.getMonitoring());
                case GOODBYE -> {
                    helpers.signedOff(id);
                    log.info("session helper of user {} signed off: {} (connection {})", user,
                            printable(message.getGoodbye().getReason()), id);
                }
                case NOTICE_SHOWN -> {
                    NoticeShown shown = message.getNoticeShown().toBuilder().setUser(user).build();
                    noticesShown.accept(shown);
                    log.info("session helper of user {} showed the sign-in notice ({})", user,
                            printable(shown.getShownAs()));
                }
                case HELLO -> throw new ProtocolViolation("a second hello");
                default -> throw new ProtocolViolation("a message of no known kind");
            }
        }

        private void event(Event claimed) throws ProtocolViolation {
            if (claimed.getEventId().isEmpty()) {
                throw new ProtocolViolation("an event with no id");
            }
            if (!claimed.getUser().equals(user)) {
                log.warn("the session helper of user {} named user '{}' on event {}: recorded as {}", user,
                        printable(claimed.getUser()), claimed.getEventId(), user);
            }
            Event event = claimed.toBuilder().setUser(user).build();
            try {
                events.accept(event);
            } catch (RuntimeException e) {
                log.warn("cannot keep event {} from the session helper of user {}: {}; the helper will send it"
                        + " again", event.getEventId(), user, e.toString());
                return;
            }
            link.send(ServiceMessage.newBuilder()
                    .setAck(EventAck.newBuilder().setEventId(event.getEventId())).build());
        }

        private void sendNotice(SignInNotice now) {
            link.send(ServiceMessage.newBuilder().setNotice(now).build());
            noticeSent = now;
        }

        private void sendPolicy(Policy now) {
            link.send(ServiceMessage.newBuilder().setPolicy(now).build());
            policySent = now.getVersion();
        }
    }

    /** The policy and notice in force now, asked once per round of pushes. */
    Policy policyNow() {
        return policy.get();
    }

    SignInNotice noticeNow() {
        return notice.get();
    }

    /** A helper that breaks the local contract (an event before its hello, say). */
    private static final class ProtocolViolation extends Exception {
        ProtocolViolation(String message) {
            super(message);
        }
    }

    private static String printable(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return cleaned.length() <= WireNames.MAX_STOP_REASON_CHARS ? cleaned
                : cleaned.substring(0, WireNames.MAX_STOP_REASON_CHARS);
    }
}
