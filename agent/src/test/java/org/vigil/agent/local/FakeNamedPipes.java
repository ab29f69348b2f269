package org.vigil.agent.local;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Windows' named pipes as Microsoft documents them, in memory, for several processes at once: each {@link #as}
 * view is one process with its token's account and groups. What it enforces, from the documentation of
 * {@code CreateNamedPipe}, {@code CreateFile}, {@code ConnectNamedPipe} and {@code PeekNamedPipe}:
 * {@code FILE_FLAG_FIRST_PIPE_INSTANCE} fails with {@code ERROR_ACCESS_DENIED} when the name exists; another
 * instance needs {@code FILE_CREATE_PIPE_INSTANCE} (0x4) in the existing pipe's DACL; a client's open needs the
 * rights it asks for ({@code GENERIC_READ} maps to {@code FILE_GENERIC_READ}); a pipe whose other end closed reads
 * {@code ERROR_BROKEN_PIPE} once its bytes are gone. The DACL is read from the SDDL the service passes (ACEs of the
 * form {@code (A;;RIGHTS;;;SID)}, rights {@code GA} or a hex mask).
 */
final class FakeNamedPipes {
    static final int FILE_CREATE_PIPE_INSTANCE = 0x4;
    /** What {@link JnaNamedPipes#open} asks for: {@code FILE_GENERIC_READ | FILE_WRITE_DATA}. */
    static final int CLIENT_ACCESS = 0x120089 | 0x2;
    private static final int ERROR_NO_DATA = 232;
    private static final Pattern ACE = Pattern.compile("\\(A;;([^;]+);;;([A-Z]+)\\)");

    /** A process: its token's account (empty: the token cannot be read) and the well-known groups it is in. */
    record Process(Optional<String> account, Set<String> groups) {
    }

    static final Process SERVICE = new Process(Optional.of("NT AUTHORITY\\SYSTEM"), Set.of("SY"));

    static Process pupil(String account) {
        return new Process(Optional.of(account), Set.of("IU"));
    }

    private final Map<String, Pipe> pipes = new HashMap<>();
    private final Map<Long, End> handles = new HashMap<>();
    private long nextHandle = 0x100;

    private static final class Pipe {
        final String sddl;
        final int maxInstances;
        final List<Instance> instances = new java.util.ArrayList<>();

        Pipe(String sddl, int maxInstances) {
            this.sddl = sddl;
            this.maxInstances = maxInstances;
        }
    }

    private static final class Instance {
        final Pipe pipe;
        Process client;
        boolean connected;
        final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
        final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        boolean serverClosed;
        boolean clientClosed;

        Instance(Pipe pipe) {
            this.pipe = pipe;
        }
    }

    private record End(Instance instance, boolean server) {
    }

    /** The named-pipe API as this process sees it. */
    NamedPipes as(Process process) {
        return new View(process);
    }

    private static int granted(String sddl, Process process) {
        int rights = 0;
        Matcher ace = ACE.matcher(sddl);
        while (ace.find()) {
            if (process.groups().contains(ace.group(2))) {
                rights |= ace.group(1).equals("GA") ? 0xffffffff : Integer.parseUnsignedInt(ace.group(1)
                        .substring(2), 16);
            }
        }
        return rights;
    }

    private final class View implements NamedPipes {
        private final Process process;

        View(Process process) {
            this.process = process;
        }

        @Override
        public long createInstance(String name, boolean first, int maxInstances, String sddl) throws PipeException {
            synchronized (FakeNamedPipes.this) {
                Pipe pipe = pipes.get(name);
                if (pipe != null && first) {
                    throw new PipeException("CreateNamedPipe", ERROR_ACCESS_DENIED);
                }
                if (pipe != null && (granted(pipe.sddl, process) & FILE_CREATE_PIPE_INSTANCE) == 0) {
                    throw new PipeException("CreateNamedPipe", ERROR_ACCESS_DENIED);
                }
                if (pipe == null) {
                    pipe = new Pipe(sddl, maxInstances);
                    pipes.put(name, pipe);
                }
                if (pipe.instances.size() >= pipe.maxInstances) {
                    throw new PipeException("CreateNamedPipe", ERROR_PIPE_BUSY);
                }
                Instance instance = new Instance(pipe);
                pipe.instances.add(instance);
                long handle = nextHandle++;
                handles.put(handle, new End(instance, true));
                return handle;
            }
        }

        @Override
        public void awaitClient(long handle) throws PipeException {
            synchronized (FakeNamedPipes.this) {
                Instance instance = end(handle).instance();
                while (!instance.connected) {
                    if (instance.serverClosed) {
                        throw new PipeException("ConnectNamedPipe", ERROR_BROKEN_PIPE);
                    }
                    try {
                        FakeNamedPipes.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PipeException("ConnectNamedPipe", ERROR_BROKEN_PIPE);
                    }
                }
            }
        }

        @Override
        public String clientUser(long handle) throws PipeException {
            synchronized (FakeNamedPipes.this) {
                return end(handle).instance().client.account()
                        .orElseThrow(() -> new PipeException("OpenProcessToken", ERROR_ACCESS_DENIED));
            }
        }

        @Override
        public long open(String name) throws PipeException {
            synchronized (FakeNamedPipes.this) {
                Pipe pipe = pipes.get(name);
                if (pipe == null) {
                    throw new PipeException("CreateFile", ERROR_FILE_NOT_FOUND);
                }
                if ((granted(pipe.sddl, process) & CLIENT_ACCESS) != CLIENT_ACCESS) {
                    throw new PipeException("CreateFile", ERROR_ACCESS_DENIED);
                }
                for (Instance instance : pipe.instances) {
                    if (!instance.connected && !instance.serverClosed) {
                        instance.connected = true;
                        instance.client = process;
                        long handle = nextHandle++;
                        handles.put(handle, new End(instance, false));
                        FakeNamedPipes.this.notifyAll();
                        return handle;
                    }
                }
                throw new PipeException("CreateFile", ERROR_PIPE_BUSY);
            }
        }

        @Override
        public int available(long handle) throws PipeException {
            synchronized (FakeNamedPipes.this) {
                End end = end(handle);
                ByteArrayOutputStream in = end.server() ? end.instance().toServer : end.instance().toClient;
                boolean otherClosed = end.server() ? end.instance().clientClosed : end.instance().serverClosed;
                if (in.size() == 0 && otherClosed) {
                    throw new PipeException("PeekNamedPipe", ERROR_BROKEN_PIPE);
                }
                return in.size();
            }
        }

        @Override
        public int read(long handle, byte[] into) throws PipeException {
            synchronized (FakeNamedPipes.this) {
                End end = end(handle);
                ByteArrayOutputStream in = end.server() ? end.instance().toServer : end.instance().toClient;
                byte[] all = in.toByteArray();
                int n = Math.min(all.length, into.length);
                System.arraycopy(all, 0, into, 0, n);
                in.reset();
                in.write(all, n, all.length - n);
                return n;
            }
        }

        @Override
        public void write(long handle, byte[] bytes) throws PipeException {
            synchronized (FakeNamedPipes.this) {
                End end = end(handle);
                boolean otherClosed = end.server() ? end.instance().clientClosed : end.instance().serverClosed;
                if (otherClosed) {
                    throw new PipeException("WriteFile", ERROR_NO_DATA);
                }
                (end.server() ? end.instance().toClient : end.instance().toServer).writeBytes(bytes);
            }
        }

        @Override
        public void close(long handle) {
            synchronized (FakeNamedPipes.this) {
                End end = handles.remove(handle);
                if (end == null) {
                    return;
                }
                if (end.server()) {
                    end.instance().serverClosed = true;
                    Pipe pipe = end.instance().pipe;
                    pipe.instances.remove(end.instance());
                    if (pipe.instances.isEmpty()) {
                        pipes.values().remove(pipe);
                    }
                } else {
                    end.instance().clientClosed = true;
                }
                FakeNamedPipes.this.notifyAll();
            }
        }

        private End end(long handle) throws PipeException {
            End end = handles.get(handle);
            if (end == null) {
                throw new PipeException("(a closed handle)", 6);
            }
            return end;
        }
    }
}
