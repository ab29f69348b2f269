package org.vigil.agent.service;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.vigil.proto.v1.Monitoring;
import org.vigil.runtime.Supervisor;
import org.vigil.runtime.WorkerHealth;

/**
 * What the device reports in each Hello and Heartbeat: the session's report, with this process's workers that are
 * not alive added (once each: in one process both halves share the supervisor).
 */
final class DeviceMonitoring implements Supplier<Monitoring> {
    private final Supervisor supervisor;
    private volatile SessionMonitoring session = SessionMonitoring.NONE;

    DeviceMonitoring(Supervisor supervisor) {
        this.supervisor = supervisor;
    }

    void ask(SessionMonitoring session) {
        this.session = session;
    }

    @Override
    public Monitoring get() {
        Monitoring reported = session.now();
        Stream<String> own = supervisor.health().stream().filter(worker -> !worker.alive()).map(WorkerHealth::name);
        return reported.toBuilder()
                .clearDeadWorkers()
                .addAllDeadWorkers(Stream.concat(reported.getDeadWorkersList().stream(), own)
                        .distinct().sorted().toList())
                .build();
    }
}
