package org.vigil.console.edge;

import java.time.Duration;

/**
 * How many requests the web handlers work on at once, and how many more may wait, for how long, before they are
 * answered 503 at once (issue 13: a flood should meet fast refusals, not a queue that grows its latency without
 * bound). {@code /healthz} and the live queue's event stream are not counted: a monitor must get an answer while
 * the handlers are busy, and a signed-in DSL's open queue page must not hold a slot for hours.
 *
 * @param active  requests handled at once
 * @param queued  requests that may wait for a slot beyond those; more get 503 without waiting
 * @param maxWait how long one may wait for a slot before it gets 503
 */
public record WebCapacity(int active, int queued, Duration maxWait) {
    /**
     * Far more than a school's staff use at once (a page takes milliseconds; 32 at once is hundreds of page views a
     * second), few enough that two cores are not shared by hundreds of flooded handlers.
     */
    public static final WebCapacity DEFAULT = new WebCapacity(32, 128, Duration.ofSeconds(2));

    public WebCapacity {
        if (active < 1 || queued < 0 || maxWait == null || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("web capacity needs at least one active request, no negative queue"
                    + " and a positive wait");
        }
    }
}
