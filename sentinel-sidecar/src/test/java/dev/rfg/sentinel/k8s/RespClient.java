package dev.rfg.sentinel.k8s;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small blocking RESP2 client for the sidecar's side jobs (asking peers before Redis starts, health checks),
 * off the engine thread. Errors come back as {@link Err} values; nulls as Java null.
 */
public final class RespClient implements Closeable {
    public record Err(String message) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and, when a password is given, authenticates; throws when AUTH is refused. */
    public static RespClient connect(String host, int port, String password, int timeoutMs) throws IOException {
        return connect(host, port, null, password, timeoutMs);
    }

    /** The same as {@code user} (null: the default user). */
    public static RespClient connect(String host, int port, String user, String password, int timeoutMs)
            throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            s.setTcpNoDelay(true);
            RespClient c = new RespClient(s);
            if (password != null && !password.isEmpty()) {
                Object r = user == null ? c.call("AUTH", password) : c.call("AUTH", user, password);
                if (r instanceof Err e) {
                    throw new IOException("AUTH refused: " + e.message());
                }
            }
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public Object call(String... args) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String a : args) {
            byte[] v = a.getBytes(StandardCharsets.UTF_8);
            b.writeBytes(("$" + v.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(v);
            b.writeBytes(new byte[] {'\r', '\n'});
        }
        out.write(b.toByteArray());
        out.flush();
        return read();
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed");
        }
        String line = line();
        return switch (type) {
            case '+' -> line;
            case '-' -> new Err(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    yield null;
                }
                byte[] v = in.readNBytes(n);
                in.readNBytes(2);
                yield new String(v, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    yield null;
                }
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(read());
                }
                yield l;
            }
            default -> throw new IOException("unexpected RESP type " + (char) type);
        };
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\r') {
                in.read();
                break;
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** A field of an INFO reply ("role", "master_link_status", ...), or null. */
    public static String infoField(Object info, String field) {
        if (!(info instanceof String s)) {
            return null;
        }
        for (String l : s.split("\r?\n")) {
            if (l.startsWith(field + ":")) {
                return l.substring(field.length() + 1).trim();
            }
        }
        return null;
    }

    /** A field of a flat [k1, v1, k2, v2...] record (SENTINEL MASTER), or null. */
    public static String recordField(Object record, String field) {
        if (record instanceof List<?> l) {
            for (int i = 0; i + 1 < l.size(); i += 2) {
                if (field.equals(l.get(i))) {
                    return String.valueOf(l.get(i + 1));
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
