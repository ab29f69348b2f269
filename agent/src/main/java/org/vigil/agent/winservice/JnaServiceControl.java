package org.vigil.agent.winservice;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.platform.win32.Winsvc.SERVICE_STATUS;
import com.sun.jna.platform.win32.Winsvc.SERVICE_STATUS_HANDLE;
import com.sun.jna.platform.win32.Winsvc.SERVICE_TABLE_ENTRY;

/**
 * {@link ServiceControl} through JNA's advapi32. jpackage's launcher (and java.exe) load the JVM into their own
 * process, so the dispatcher call from Java is the process's own. Never run on real Windows yet (ADR 0117).
 */
public final class JnaServiceControl implements ServiceControl {
    private static final int SERVICE_WIN32_OWN_PROCESS = 0x10;
    private static final int SERVICE_ACCEPT_STOP = 0x1;
    private static final int SERVICE_ACCEPT_SHUTDOWN = 0x4;
    private static final int ERROR_FAILED_SERVICE_CONTROLLER_CONNECT = 1063;

    // native code holds these callbacks: strong references keep the garbage collector from freeing them
    private Winsvc.SERVICE_MAIN_FUNCTION main;
    private Winsvc.HandlerEx handler;
    private volatile SERVICE_STATUS_HANDLE statusHandle;

    @Override
    public boolean runDispatcher(String serviceName, Runnable serviceMain) {
        main = (argc, argv) -> serviceMain.run();
        SERVICE_TABLE_ENTRY[] table = (SERVICE_TABLE_ENTRY[]) new SERVICE_TABLE_ENTRY().toArray(2);
        table[0].lpServiceName = serviceName;
        table[0].lpServiceProc = main;
        if (Advapi32.INSTANCE.StartServiceCtrlDispatcher(table)) {
            return true;
        }
        int error = Native.getLastError();
        if (error == ERROR_FAILED_SERVICE_CONTROLLER_CONNECT) {
            return false;
        }
        throw new IllegalStateException("StartServiceCtrlDispatcher failed with Windows error " + error);
    }

    @Override
    public void registerHandler(String serviceName, ControlHandler controls) {
        handler = (control, eventType, eventData, context) -> controls.control(control);
        statusHandle = Advapi32.INSTANCE.RegisterServiceCtrlHandlerEx(serviceName, handler, null);
        if (statusHandle == null) {
            throw new IllegalStateException("RegisterServiceCtrlHandlerEx failed with Windows error "
                    + Native.getLastError());
        }
    }

    @Override
    public void setStatus(ServiceStatus status) {
        SERVICE_STATUS struct = new SERVICE_STATUS();
        struct.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
        struct.dwCurrentState = status.state().code;
        struct.dwControlsAccepted = status.acceptsStop() ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
        struct.dwWin32ExitCode = status.win32ExitCode();
        struct.dwServiceSpecificExitCode = status.serviceSpecificExitCode();
        struct.dwCheckPoint = status.checkPoint();
        struct.dwWaitHint = (int) status.waitHint().toMillis();
        if (!Advapi32.INSTANCE.SetServiceStatus(statusHandle, struct)) {
            throw new IllegalStateException("SetServiceStatus(" + status.state() + ") failed with Windows error "
                    + Native.getLastError());
        }
    }
}
