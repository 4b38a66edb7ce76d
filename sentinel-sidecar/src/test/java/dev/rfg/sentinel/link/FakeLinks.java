package dev.rfg.sentinel.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Connections over Netty's {@link EmbeddedChannel} for unit tests of the engine: active like a real socket, what
 * the engine sends is read back as commands, nothing leaves the process.
 */
public final class FakeLinks {
    private FakeLinks() {}

    public static RedisConnection connected(EmbeddedChannel ch) {
        RedisConnection conn = new RedisConnection(r -> { }, () -> { });
        ch.pipeline().addLast(conn);
        conn.attach(ch);
        return conn;
    }

    /** The commands written to the channel so far, each as its arguments (RESP arrays of bulk strings). */
    public static List<List<String>> sentCommands(EmbeddedChannel ch) {
        List<List<String>> out = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            String[] lines = b.toString(StandardCharsets.UTF_8).split("\r\n");
            b.release();
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith("*")) {
                    int n = Integer.parseInt(lines[i].substring(1));
                    List<String> args = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        args.add(lines[i + 2 + 2 * k]);
                    }
                    out.add(args);
                    i += 2 * n;
                }
            }
        }
        return out;
    }
}
