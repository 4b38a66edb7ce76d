package dev.rfg.sentinel.resp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A RESP value, either received from a Redis instance or to be written to a client. */
public sealed interface Reply {

    record Simple(String text) implements Reply {}

    record Error(String text) implements Reply {}

    record Int(long value) implements Reply {}

    /** A bulk string; never null (see {@link NullBulk}). */
    record Bulk(String text) implements Reply {}

    record NullBulk() implements Reply {}

    record NullArray() implements Reply {}

    record Arr(List<Reply> items) implements Reply {}

    /** Key/value pairs, flattened. Written as a map in RESP3 and as a flat array in RESP2. */
    record MapReply(List<Reply> pairs) implements Reply {}

    /** An out-of-band Pub/Sub message: a push frame in RESP3, an array in RESP2. */
    record Push(List<Reply> items) implements Reply {}

    /** A set: {@code ~} in RESP3, an array in RESP2 (addReplySetLen). */
    record SetReply(List<Reply> items) implements Reply {}

    /** A double: {@code ,<value>} in RESP3, a bulk string in RESP2, as C's {@code %.17g} (addReplyDouble). */
    record Dbl(double value) implements Reply {}

    /** A verbatim text string: {@code =<len>\r\ntxt:...} in RESP3, a bulk string in RESP2 (addReplyVerbatim). */
    record Verbatim(String text) implements Reply {}

    Reply OK = new Simple("OK");
    Reply NULL_BULK = new NullBulk();
    Reply NULL_ARRAY = new NullArray();

    static Reply bulk(Object value) {
        return value == null ? NULL_BULK : new Bulk(String.valueOf(value));
    }

    static Reply error(String text) {
        return new Error(text);
    }

    static Reply integer(long value) {
        return new Int(value);
    }

    static Reply array(List<? extends Reply> items) {
        return new Arr(List.copyOf(items));
    }

    static Reply set(List<? extends Reply> items) {
        return new SetReply(List.copyOf(items));
    }

    static Reply bulks(String... items) {
        return new Arr(Arrays.stream(items).map(Reply::bulk).toList());
    }

    /** An array of simple strings: the shape of every HELP reply. */
    static Reply simples(String... lines) {
        return new Arr(Arrays.stream(lines).<Reply>map(Simple::new).toList());
    }

    /** Builds a map reply; keys are bulk strings. */
    final class MapBuilder {
        private final List<Reply> pairs = new ArrayList<>();

        public MapBuilder put(String key, Object value) {
            pairs.add(new Bulk(key));
            pairs.add(value instanceof Reply r ? r : bulk(value));
            return this;
        }

        public MapReply build() {
            return new MapReply(pairs);
        }
    }

    static MapBuilder map() {
        return new MapBuilder();
    }

    default boolean isError() {
        return this instanceof Error;
    }

    /** Text of a simple, error or bulk string; null otherwise. */
    default String text() {
        return switch (this) {
            case Simple s -> s.text();
            case Error e -> e.text();
            case Bulk b -> b.text();
            case Verbatim v -> v.text();
            default -> null;
        };
    }
}
