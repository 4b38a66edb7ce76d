package dev.rfg.sentinel.resp;

import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.InlineCommandRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Converts the aggregated messages of Netty's redis codec into {@link Reply} values. */
public final class NettyReplies {
    private NettyReplies() {}

    public static Reply toReply(RedisMessage msg) {
        return switch (msg) {
            case SimpleStringRedisMessage s -> new Reply.Simple(s.content());
            case ErrorRedisMessage e -> new Reply.Error(e.content());
            case InlineCommandRedisMessage i -> new Reply.Simple(i.content());
            case IntegerRedisMessage i -> new Reply.Int(i.value());
            case FullBulkStringRedisMessage b -> b.isNull()
                    ? Reply.NULL_BULK
                    : new Reply.Bulk(b.content().toString(StandardCharsets.UTF_8));
            case ArrayRedisMessage a -> {
                if (a.isNull()) {
                    yield Reply.NULL_ARRAY;
                }
                List<Reply> items = new ArrayList<>(a.children().size());
                for (RedisMessage child : a.children()) {
                    items.add(toReply(child));
                }
                yield new Reply.Arr(items);
            }
            default -> new Reply.Error("ERR unsupported reply type " + msg.getClass().getSimpleName());
        };
    }
}
