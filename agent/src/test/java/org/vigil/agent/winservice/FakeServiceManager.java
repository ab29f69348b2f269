package org.vigil.agent.winservice;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Service Control Manager as Microsoft documents it for an own-process service: the dispatcher runs the service
 * main on a thread of its own and returns once the service reports STOPPED; controls reach the registered handler
 * on another thread; and, as the real one, it sends stop only while the service says it accepts it.
 */
final class FakeServiceManager implements ServiceControl {
    private final boolean startedByManager;
    final List<ServiceStatus> statuses = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile ControlHandler handler;
    volatile String registeredName;

    FakeServiceManager(boolean startedByManager) {
        this.startedByManager = startedByManager;
    }

    @Override
    public boolean runDispatcher(String serviceName, Runnable serviceMain) {
        if (!startedByManager) {
            return false; // ERROR_FAILED_SERVICE_CONTROLLER_CONNECT
        }
        Thread main = new Thread(serviceMain, "fake-scm-service-main");
        main.start();
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the service never reported STOPPED: " + statuses);
            }
            main.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return true;
    }

    @Override
    public void registerHandler(String serviceName, ControlHandler controls) {
        registeredName = serviceName;
        handler = controls;
    }

    @Override
    public void setStatus(ServiceStatus status) {
        statuses.add(status);
        if (status.state() == ServiceStatus.State.STOPPED) {
            stopped.countDown();
        }
    }

    ServiceStatus.State state() {
        return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1).state();
    }

    /** Sends a control as the manager does: on its own thread; the handler's return value is the answer. */
    int send(int control) {
        ServiceStatus last = statuses.get(statuses.size() - 1);
        if ((control == WindowsService.SERVICE_CONTROL_STOP || control == WindowsService.SERVICE_CONTROL_SHUTDOWN)
                && !last.acceptsStop()) {
            throw new AssertionError("the manager sends no stop to a service that does not accept it: " + last);
        }
        return handler.control(control);
    }
}
