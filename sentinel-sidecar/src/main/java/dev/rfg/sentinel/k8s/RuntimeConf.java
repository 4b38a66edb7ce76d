package dev.rfg.sentinel.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** {@code redis-runtime.conf}: the password and the role, included at the end of redis.conf. Mode 0600. */
public final class RuntimeConf {
    private RuntimeConf() {}

    /** The text: requirepass, masterauth, and replicaof when {@code replicaOfHost} is not null. */
    public static String render(String password, String replicaOfHost, int port) {
        StringBuilder b = new StringBuilder("# Written by the RFG sentinel sidecar. Do not edit.\n");
        if (password != null && !password.isEmpty()) {
            b.append("requirepass ").append(quote(password)).append('\n');
            b.append("masterauth ").append(quote(password)).append('\n');
        }
        if (replicaOfHost != null) {
            b.append("replicaof ").append(replicaOfHost).append(' ').append(port).append('\n');
        }
        return b.toString();
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
