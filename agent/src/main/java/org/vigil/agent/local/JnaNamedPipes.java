package org.vigil.agent.local;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.ULONGByReference;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** {@link NamedPipes} through JNA's kernel32 and advapi32. Never run on real Windows yet (ADR 0117). */
public final class JnaNamedPipes implements NamedPipes {
    private static final int PIPE_ACCESS_DUPLEX = 0x3;
    private static final int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    private static final int PIPE_TYPE_BYTE = 0x0;
    private static final int PIPE_READMODE_BYTE = 0x0;
    private static final int PIPE_WAIT = 0x0;
    private static final int PIPE_REJECT_REMOTE_CLIENTS = 0x8;
    private static final int BUFFER = 64 * 1024;
    private static final int ERROR_PIPE_CONNECTED = 535;
    private static final int GENERIC_READ = 0x80000000;
    private static final int FILE_WRITE_DATA = 0x2;
    private static final int OPEN_EXISTING = 3;
    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    private static final int TOKEN_QUERY = 0x8;
    private static final int SDDL_REVISION_1 = 1;
    private static final int BUSY_WAIT_MILLIS = 5_000;

    /** The advapi32 function jna-platform does not declare. */
    interface SecurityDescriptors extends StdCallLibrary {
        boolean ConvertStringSecurityDescriptorToSecurityDescriptor(String sddl, int revision,
                                                                    PointerByReference descriptor,
                                                                    IntByReference size);
    }

    private SecurityDescriptors descriptors;

    /** Loaded on first use, so choosing the transport touches no Windows library. */
    private synchronized SecurityDescriptors descriptors() {
        if (descriptors == null) {
            descriptors = Native.load("advapi32", SecurityDescriptors.class, W32APIOptions.DEFAULT_OPTIONS);
        }
        return descriptors;
    }

    @Override
    public long createInstance(String name, boolean first, int maxInstances, String sddl) throws PipeException {
        PointerByReference descriptor = new PointerByReference();
        if (!descriptors().ConvertStringSecurityDescriptorToSecurityDescriptor(sddl, SDDL_REVISION_1, descriptor,
                null)) {
            throw new PipeException("ConvertStringSecurityDescriptorToSecurityDescriptor", Native.getLastError());
        }
        try {
            WinBase.SECURITY_ATTRIBUTES attributes = new WinBase.SECURITY_ATTRIBUTES();
            attributes.dwLength = new DWORD(attributes.size());
            attributes.lpSecurityDescriptor = descriptor.getValue();
            attributes.bInheritHandle = false;
            HANDLE pipe = Kernel32.INSTANCE.CreateNamedPipe(name,
                    PIPE_ACCESS_DUPLEX | (first ? FILE_FLAG_FIRST_PIPE_INSTANCE : 0),
                    PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS, maxInstances,
                    BUFFER, BUFFER, 0, attributes);
            if (WinBase.INVALID_HANDLE_VALUE.equals(pipe)) {
                throw new PipeException("CreateNamedPipe(" + name + ")", Native.getLastError());
            }
            return value(pipe);
        } finally {
            Kernel32.INSTANCE.LocalFree(descriptor.getValue());
        }
    }

    @Override
    public void awaitClient(long instance) throws PipeException {
        if (!Kernel32.INSTANCE.ConnectNamedPipe(handle(instance), null)) {
            int error = Native.getLastError();
            if (error != ERROR_PIPE_CONNECTED) {
                throw new PipeException("ConnectNamedPipe", error);
            }
        }
    }

    @Override
    public String clientUser(long instance) throws PipeException {
        ULONGByReference pid = new ULONGByReference();
        if (!Kernel32.INSTANCE.GetNamedPipeClientProcessId(handle(instance), pid)) {
            throw new PipeException("GetNamedPipeClientProcessId", Native.getLastError());
        }
        HANDLE process = Kernel32.INSTANCE.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false,
                pid.getValue().intValue());
        if (process == null) {
            throw new PipeException("OpenProcess(" + pid.getValue() + ")", Native.getLastError());
        }
        try {
            HANDLEByReference token = new HANDLEByReference();
            if (!com.sun.jna.platform.win32.Advapi32.INSTANCE.OpenProcessToken(process, TOKEN_QUERY, token)) {
                throw new PipeException("OpenProcessToken", Native.getLastError());
            }
            try {
                return Advapi32Util.getTokenAccount(token.getValue()).fqn;
            } catch (RuntimeException e) {
                throw new PipeException("GetTokenInformation(TokenUser) / LookupAccountSid", -1, e.getMessage());
            } finally {
                Kernel32.INSTANCE.CloseHandle(token.getValue());
            }
        } finally {
            Kernel32.INSTANCE.CloseHandle(process);
        }
    }

    @Override
    public long open(String name) throws PipeException {
        while (true) {
            HANDLE pipe = Kernel32.INSTANCE.CreateFile(name, GENERIC_READ | FILE_WRITE_DATA, 0, null, OPEN_EXISTING,
                    0, null);
            if (!WinBase.INVALID_HANDLE_VALUE.equals(pipe)) {
                return value(pipe);
            }
            int error = Native.getLastError();
            if (error != ERROR_PIPE_BUSY || !Kernel32.INSTANCE.WaitNamedPipe(name, BUSY_WAIT_MILLIS)) {
                throw new PipeException("CreateFile(" + name + ")", error);
            }
        }
    }

    @Override
    public int available(long pipe) throws PipeException {
        IntByReference available = new IntByReference();
        if (!Kernel32.INSTANCE.PeekNamedPipe(handle(pipe), null, 0, null, available, null)) {
            throw new PipeException("PeekNamedPipe", Native.getLastError());
        }
        return available.getValue();
    }

    @Override
    public int read(long pipe, byte[] into) throws PipeException {
        IntByReference read = new IntByReference();
        if (!Kernel32.INSTANCE.ReadFile(handle(pipe), into, into.length, read, null)) {
            throw new PipeException("ReadFile", Native.getLastError());
        }
        return read.getValue();
    }

    @Override
    public void write(long pipe, byte[] bytes) throws PipeException {
        IntByReference written = new IntByReference();
        if (!Kernel32.INSTANCE.WriteFile(handle(pipe), bytes, bytes.length, written, null)) {
            throw new PipeException("WriteFile", Native.getLastError());
        }
        if (written.getValue() != bytes.length) {
            throw new PipeException("WriteFile (" + written.getValue() + " of " + bytes.length + " bytes)", 0);
        }
    }

    @Override
    public void close(long pipe) {
        HANDLE handle = handle(pipe);
        Kernel32.INSTANCE.FlushFileBuffers(handle);
        Kernel32.INSTANCE.DisconnectNamedPipe(handle); // fails harmlessly on a client's handle
        Kernel32.INSTANCE.CloseHandle(handle);
    }

    private static HANDLE handle(long value) {
        return new HANDLE(new Pointer(value));
    }

    private static long value(WinNT.HANDLE handle) {
        return Pointer.nativeValue(handle.getPointer());
    }
}
