package org.vigil.console.ingest;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the agents' calls run on, three bounded pools so that a flood of new calls never queues in front of an
 * established stream's messages (issue 13: with one pool, an honest device's capture waited seconds behind 10,000
 * call starts from one device):
 *
 * @param callStarts every new call's first step (which method, which executor), and cancellations; a few threads
 * @param streams    the handlers of calls within their allowance: Enroll and the devices' Connect streams
 * @param refusals   calls over their device's allowance of new streams, which only wait to be refused
 */
public record GrpcExecutors(Executor callStarts, Executor streams, Executor refusals) {
    static final int STREAM_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    static final int CALL_START_THREADS = 2;
    static final int REFUSAL_THREADS = 1;

    /**
     * Fixed numbers of threads, not gRPC's default of one more for each busy call (5,000 streams from one device took
     * the console from 125 to 3,462 threads, issue 13). Handlers do not wait for the database, so a few threads serve
     * thousands of streams. Idle threads end after 30 s.
     */
    public static GrpcExecutors bounded() {
        return new GrpcExecutors(pool("vigil-grpc-start-", CALL_START_THREADS), pool("vigil-grpc-", STREAM_THREADS),
                pool("vigil-grpc-refuse-", REFUSAL_THREADS));
    }

    private static ThreadPoolExecutor pool(String prefix, int threads) {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, prefix + number.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
