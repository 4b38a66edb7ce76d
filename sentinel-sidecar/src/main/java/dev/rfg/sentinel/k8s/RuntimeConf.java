package dev.rfg.sentinel.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code redis-runtime.conf}: the passwords and the role, included at the end of redis.conf. Mode 0600, on a
 * memory-backed volume. It is also the sidecar's record of a password rotation in progress: a restarted sidecar
 * reads back what its Redis accepts ({@link #credentials}).
 */
public final class RuntimeConf {
    private RuntimeConf() {}

    /** The text for one password: requirepass, masterauth, and replicaof when {@code replicaOfHost} is not null. */
    public static String render(String password, String replicaOfHost, int port) {
        return render(password == null || password.isEmpty() ? null : Credentials.of(password), replicaOfHost, port);
    }

    /**
     * The text: while a rotation lasts the default user accepts every password of {@code c} (a {@code user} line:
     * requirepass takes only one), masterauth is the one this pod logs in with.
     */
    static String render(Credentials c, String replicaOfHost, int port) {
        StringBuilder b = new StringBuilder("# Written by the RFG sentinel sidecar. Do not edit.\n");
        if (c != null && !c.rotating()) {
            b.append("requirepass ").append(quote(c.outbound())).append('\n');
            b.append("masterauth ").append(quote(c.outbound())).append('\n');
        } else if (c != null) {
            b.append("user default on resetpass");
            c.accepted().forEach(p -> b.append(' ').append(quote(">" + p)));
            b.append(" ~* &* +@all\n");
            b.append("masterauth ").append(quote(c.outbound())).append('\n');
        }
        if (replicaOfHost != null) {
            b.append("replicaof ").append(replicaOfHost).append(' ').append(port).append('\n');
        }
        return b.toString();
    }

    /** What a runtime include written by {@link #render} says Redis accepts and logs in with; null without one. */
    static Credentials credentials(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        List<String> accepted = new ArrayList<>();
        String masterauth = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            List<String> args = unquoteArgs(line);
            if (args.size() == 2 && args.get(0).equals("requirepass")) {
                accepted.add(args.get(1));
            } else if (args.size() == 2 && args.get(0).equals("masterauth")) {
                masterauth = args.get(1);
            } else if (args.size() > 2 && args.get(0).equals("user") && args.get(1).equals("default")) {
                args.stream().filter(a -> a.startsWith(">")).forEach(a -> accepted.add(a.substring(1)));
            }
        }
        if (accepted.isEmpty()) {
            return null;
        }
        return new Credentials(accepted, masterauth != null && accepted.contains(masterauth) ? masterauth
                : accepted.get(accepted.size() - 1));
    }

    /** The host of the replicaof line of a runtime include, or null (master, or no file). */
    static String replicaOf(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            List<String> args = unquoteArgs(line);
            if (args.size() == 3 && args.get(0).equals("replicaof")) {
                return args.get(1);
            }
        }
        return null;
    }

    /** The arguments of one line as {@link #quote} writes them (bare words or double-quoted strings). */
    static List<String> unquoteArgs(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '#' && out.isEmpty()) {
                break;
            } else if (c == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        char e = line.charAt(++i);
                        b.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e);
                    } else {
                        b.append(d);
                    }
                    i++;
                }
                out.add(b.toString());
                i++;
            } else {
                int j = i;
                while (j < n && line.charAt(j) != ' ' && line.charAt(j) != '\t') {
                    j++;
                }
                out.add(line.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    /** Atomic replace, 0600 from the start. Returns false when the file already had this content. */
    public static boolean write(Path file, String text) throws IOException {
        if (Files.exists(file) && Files.readString(file).equals(text)) {
            return false;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Redis config quoting: always double quotes, escaping backslash and quote. */
    static String quote(String v) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
