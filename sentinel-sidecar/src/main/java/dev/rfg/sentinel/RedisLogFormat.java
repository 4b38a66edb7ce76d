package dev.rfg.sentinel;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * java.util.logging set up like redis-sentinel's log: {@code 4321:X 22 Nov 2026 10:00:00.123 # +sdown ...}
 * ({@code #} warning, {@code *} notice/info, {@code .} debug, {@code -} verbose), to stdout or to a file.
 * {@code -Drfg.loglevel=debug|info|warn} sets the level.
 */
public final class RedisLogFormat extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private final String prefix = ProcessHandle.current().pid() + ":X ";

    @Override
    public String format(LogRecord r) {
        StringBuilder b = new StringBuilder(128).append(prefix).append(TIME.format(Instant.ofEpochMilli(r.getMillis())))
                .append(' ').append(mark(r.getLevel())).append(' ').append(formatMessage(r)).append('\n');
        if (r.getThrown() != null) {
            StringWriter w = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(w));
            b.append(w);
        }
        return b.toString();
    }

    static char mark(Level l) {
        int v = l.intValue();
        return v >= Level.WARNING.intValue() ? '#' : v >= Level.INFO.intValue() ? '*' : v >= Level.FINE.intValue() ? '.' : '-';
    }

    /** Routes every logger to one handler on {@code out} (stdout when null). Safe to call again (logfile). */
    public static synchronized void configure(Path logfile) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        OutputStream out;
        try {
            out = logfile == null ? new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), false)
                    : new FileOutputStream(logfile.toFile(), true);
        } catch (IOException e) {
            System.err.println("Can't open the log file: " + e.getMessage());
            out = System.out;
        }
        Handler h = new StreamHandler(out, new RedisLogFormat()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        Level level = switch (System.getProperty("rfg.loglevel", "info").toLowerCase(Locale.ROOT)) {
            case "debug", "verbose" -> Level.FINE;
            case "warn", "warning" -> Level.WARNING;
            default -> Level.INFO;
        };
        h.setLevel(Level.ALL);
        root.setLevel(level);
        root.addHandler(h);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
        Logger.getLogger("jdk").setLevel(Level.WARNING);
        Logger.getLogger("sun").setLevel(Level.WARNING);
    }
}
