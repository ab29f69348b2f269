package org.vigil.agent.window;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.unix.X11;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link X11Desktop} through libX11 with JNA, on a display connection of its own opened once and kept for the life
 * of the process (one connection, reused: each read is a few round trips, no process). Atoms are interned once.
 * Methods are synchronized: Xlib connections are not thread-safe.
 *
 * <p>Xlib's default error handler ends the process on any protocol error, and reading a window that closed a moment
 * ago is one (BadWindow). So an error handler is installed that ignores errors on this connection and passes every
 * other connection's to the handler it replaced (Xlib's default, or AWT's, which chains to this one if AWT starts
 * later). The handler is process-wide in Xlib, so this object must live as long as the process.
 */
public final class JnaX11Desktop implements X11Desktop {
    private static final Logger log = LoggerFactory.getLogger(JnaX11Desktop.class);
    /** In 32-bit units: 16 KB, more than the longest title the contract keeps (1024 chars of up to 4 bytes). */
    private static final long MAX_PROPERTY_LONGS = 4096;
    private static final X11.Atom ANY_PROPERTY_TYPE = new X11.Atom(0);
    private static final long ALL_PLANES = -1L;
    private static final int LSB_FIRST = 0;

    private final Xlib x11;
    private final X11.Display display;
    private final X11.Window root;
    private final Map<String, X11.Atom> atoms = new HashMap<>();
    /** Held so JNA's callback stub is not collected while Xlib may call it. */
    private final OwnErrorsIgnored errors;

    private JnaX11Desktop(Xlib x11, X11.Display display, OwnErrorsIgnored errors) {
        this.x11 = x11;
        this.display = display;
        this.root = x11.XDefaultRootWindow(display);
        this.errors = errors;
    }

    /**
     * Connects to {@code displayName} (":0"); empty, with the reason logged at debug, when libX11 cannot be loaded
     * or the display cannot be opened.
     */
    public static Optional<JnaX11Desktop> open(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return Optional.empty();
        }
        try {
            Xlib x11 = Native.load("X11", Xlib.class);
            X11.Display display = x11.XOpenDisplay(displayName);
            if (display == null) {
                log.debug("XOpenDisplay({}) failed", displayName);
                return Optional.empty();
            }
            OwnErrorsIgnored errors = new OwnErrorsIgnored(Pointer.nativeValue(display.getPointer()));
            errors.previous = x11.XSetErrorHandler(errors);
            return Optional.of(new JnaX11Desktop(x11, display, errors));
        } catch (LinkageError | RuntimeException e) {
            log.debug("libX11 through JNA: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public synchronized long activeWindow() {
        try (Property active = read(root, "_NET_ACTIVE_WINDOW")) {
            return active.format == 32 && active.items > 0 ? active.data.getNativeLong(0).longValue() : 0;
        }
    }

    @Override
    public synchronized byte[] text(long window, String property) {
        try (Property text = read(new X11.Window(window), property)) {
            return text.format == 8 && text.items > 0 ? text.data.getByteArray(0, (int) text.items) : new byte[0];
        }
    }

    @Override
    public synchronized long cardinal(long window, String property) {
        try (Property value = read(new X11.Window(window), property)) {
            // format-32 data comes back as C longs, whatever their size
            return value.format == 32 && value.items > 0 ? value.data.getNativeLong(0).longValue() & 0xffffffffL : 0;
        }
    }

    @Override
    public synchronized boolean trayPresent() {
        return x11.XGetSelectionOwner(display, atom("_NET_SYSTEM_TRAY_S" + x11.XDefaultScreen(display))) != null;
    }

    @Override
    public synchronized <T> Optional<T> screen(Function<ScreenRows, T> read) {
        X11.XWindowAttributes size = new X11.XWindowAttributes();
        if (x11.XGetWindowAttributes(display, root, size) == 0 || size.width <= 0 || size.height <= 0) {
            return Optional.empty();
        }
        Pointer image = x11.XGetImage(display, root, 0, 0, size.width, size.height, new NativeLong(ALL_PLANES),
                X11.ZPixmap);
        if (image == null) {
            return Optional.empty();
        }
        try {
            ImageHeader header = new ImageHeader(image);
            if (header.bits_per_pixel != 32 || header.red_mask.longValue() != 0xff0000L
                    || header.green_mask.longValue() != 0xff00L || header.blue_mask.longValue() != 0xffL
                    || header.byte_order != LSB_FIRST || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN
                    || header.data == null) {
                return Optional.empty();
            }
            // B, G, R, unused in memory: read as native (little-endian) ints, that is 0x..RRGGBB, a row at a time
            // from Xlib's own buffer, so the screen is never copied whole onto the heap
            return Optional.of(read.apply(new ScreenRows() {
                @Override
                public int width() {
                    return header.width;
                }

                @Override
                public int height() {
                    return header.height;
                }

                @Override
                public void read(int y, int[] rgb) {
                    header.data.read((long) y * header.bytes_per_line, rgb, 0, header.width);
                }
            }));
        } finally {
            X11.XImage destroy = new X11.XImage();
            destroy.setPointer(image);
            x11.XDestroyImage(destroy);
        }
    }

    private Property read(X11.Window window, String name) {
        X11.AtomByReference type = new X11.AtomByReference();
        IntByReference format = new IntByReference();
        NativeLongByReference items = new NativeLongByReference();
        NativeLongByReference bytesAfter = new NativeLongByReference();
        PointerByReference data = new PointerByReference();
        int status = x11.XGetWindowProperty(display, window, atom(name), new NativeLong(0),
                new NativeLong(MAX_PROPERTY_LONGS), false, ANY_PROPERTY_TYPE, type, format, items, bytesAfter, data);
        if (status != X11.Success || data.getValue() == null) {
            return new Property(x11, null, 0, 0);
        }
        return new Property(x11, data.getValue(), format.getValue(), items.getValue().longValue());
    }

    private X11.Atom atom(String name) {
        return atoms.computeIfAbsent(name, n -> x11.XInternAtom(display, n, false));
    }

    /** jna-platform's Xlib calls, and the one more the tray check needs. */
    interface Xlib extends X11 {
        X11.Window XGetSelectionOwner(X11.Display display, X11.Atom selection);

        /** {@code XImage *XGetImage(...)}: the image's header and pixels, freed with XDestroyImage. */
        Pointer XGetImage(X11.Display display, X11.Drawable drawable, int x, int y, int width, int height,
                          NativeLong planeMask, int format);
    }

    /** The start of Xlib's {@code XImage}, up to the fields read here (the function table after them is not). */
    @Structure.FieldOrder({"width", "height", "xoffset", "format", "data", "byte_order", "bitmap_unit",
            "bitmap_bit_order", "bitmap_pad", "depth", "bytes_per_line", "bits_per_pixel", "red_mask", "green_mask",
            "blue_mask"})
    public static final class ImageHeader extends Structure {
        public int width;
        public int height;
        public int xoffset;
        public int format;
        public Pointer data;
        public int byte_order;
        public int bitmap_unit;
        public int bitmap_bit_order;
        public int bitmap_pad;
        public int depth;
        public int bytes_per_line;
        public int bits_per_pixel;
        public NativeLong red_mask;
        public NativeLong green_mask;
        public NativeLong blue_mask;

        ImageHeader(Pointer image) {
            super(image);
            read();
        }
    }

    /** A property's value as Xlib returned it, freed on close. */
    private record Property(X11 x11, Pointer data, int format, long items) implements AutoCloseable {
        @Override
        public void close() {
            if (data != null) {
                x11.XFree(data);
            }
        }
    }

    /** Ignores protocol errors on one connection; hands the others to the handler installed before. */
    private static final class OwnErrorsIgnored implements X11.XErrorHandler {
        private final long ownDisplay;
        private volatile X11.XErrorHandler previous;

        OwnErrorsIgnored(long ownDisplay) {
            this.ownDisplay = ownDisplay;
        }

        @Override
        public int apply(X11.Display display, X11.XErrorEvent event) {
            if (display != null && Pointer.nativeValue(display.getPointer()) == ownDisplay) {
                return 0;
            }
            X11.XErrorHandler before = previous;
            return before == null ? 0 : before.apply(display, event);
        }
    }
}
