package org.vigil.agent.winservice;

/**
 * The three calls a Windows service makes to the Service Control Manager, as plain values, so the state machine
 * in {@link WindowsService} is tested anywhere against a fake manager and only {@link JnaServiceControl} needs
 * Windows.
 */
public interface ServiceControl {
    /**
     * {@code StartServiceCtrlDispatcher} with one entry: calls {@code serviceMain} on a thread of the manager's and
     * returns once the service has reported {@link ServiceStatus.State#STOPPED}.
     *
     * @return false when this process was not started by the service manager (run from a console, say)
     */
    boolean runDispatcher(String serviceName, Runnable serviceMain);

    /** {@code RegisterServiceCtrlHandlerEx}: where the manager's controls (stop, shutdown...) go from now on. */
    void registerHandler(String serviceName, ControlHandler handler);

    /** {@code SetServiceStatus} for the service registered last. */
    void setStatus(ServiceStatus status);

    /** A control from the manager ({@code HandlerEx}); it must return at once with a Win32 error code. */
    @FunctionalInterface
    interface ControlHandler {
        int control(int code);
    }
}
