package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.link.RedisConnection;
import dev.rfg.sentinel.resp.Reply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking request to a Redis or a sentinel for the threads around the engine (the role decision, the readiness
 * probe): the engine's own RESP stack (Connector, RedisConnection, off-loop name lookups) on its loop, the caller
 * waiting with a bound. Never called on the loop itself.
 */
final class RedisCalls {
    private RedisCalls() {}

    /** Sends AUTH (when a password is given) and the commands on one new connection; their replies, in order. */
    static List<Reply> call(Sentinel s, String host, int port, String password, long timeoutMs,
                            List<List<String>> commands) throws IOException {
        CompletableFuture<List<Reply>> done = new CompletableFuture<>();
        CompletableFuture<RedisConnection> opened = new CompletableFuture<>();
        s.loop.execute(() -> opened.complete(s.connector.connect(host, port, r -> { }, () -> { }, conn -> {
            List<Reply> replies = new ArrayList<>();
            if (password != null) {
                conn.send(List.of("AUTH", password), r -> {
                    if (r.isError()) {
                        done.completeExceptionally(new IOException("AUTH refused: " + r.text()));
                    }
                });
            }
            for (List<String> c : commands) {
                conn.send(c, r -> {
                    replies.add(r);
                    if (replies.size() == commands.size()) {
                        done.complete(replies);
                    }
                });
            }
            conn.flush();
        }, conn -> done.completeExceptionally(new IOException("connection to " + host + ":" + port + " closed")))));
        try {
            return done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from " + host + ":" + port + " within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            opened.thenAccept(c -> s.loop.execute(c::close));
        }
    }

    /** A field of an INFO reply ("role", "loading"...), or null. */
    static String infoField(Reply info, String field) {
        String text = info == null ? null : info.text();
        if (text == null) {
            return null;
        }
        for (String line : text.split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        return null;
    }

    /** A field of a SENTINEL MASTER record (a flat array of names and values, or a RESP3 map), or null. */
    static String recordField(Reply record, String field) {
        List<Reply> items = record instanceof Reply.Arr a ? a.items()
                : record instanceof Reply.MapReply m ? m.pairs() : List.of();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            if (field.equals(items.get(i).text())) {
                return items.get(i + 1).text();
            }
        }
        return null;
    }
}
