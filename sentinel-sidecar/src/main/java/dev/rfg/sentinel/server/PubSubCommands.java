package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.List;

/** SUBSCRIBE, PSUBSCRIBE, UNSUBSCRIBE, PUNSUBSCRIBE and the sentinel's PUBLISH (hellos only). */
final class PubSubCommands {
    private PubSubCommands() {}

    static void register(Dispatcher d, ServerContext ctx) {
        d.add("subscribe", (c, a) -> {
            for (String ch : a.subList(1, a.size())) {
                ctx.pubsub.subscribe(c, ch);
                c.reply(confirm("subscribe", ch, c));
            }
            return null;
        });
        d.add("psubscribe", (c, a) -> {
            for (String p : a.subList(1, a.size())) {
                ctx.pubsub.psubscribe(c, p);
                c.reply(confirm("psubscribe", p, c));
            }
            return null;
        });
        d.add("unsubscribe", (c, a) -> {
            List<String> chans = a.size() > 1 ? a.subList(1, a.size()) : List.copyOf(c.channels);
            if (chans.isEmpty()) {
                c.reply(confirmNull("unsubscribe", c));
            }
            for (String ch : chans) {
                ctx.pubsub.unsubscribe(c, ch);
                c.reply(confirm("unsubscribe", ch, c));
            }
            return null;
        });
        d.add("punsubscribe", (c, a) -> {
            List<String> pats = a.size() > 1 ? a.subList(1, a.size()) : List.copyOf(c.patterns);
            if (pats.isEmpty()) {
                c.reply(confirmNull("punsubscribe", c));
            }
            for (String p : pats) {
                ctx.pubsub.punsubscribe(c, p);
                c.reply(confirm("punsubscribe", p, c));
            }
            return null;
        });
        d.add("publish", (c, a) -> {
            if (!a.get(1).equals("__sentinel__:hello")) {
                return Reply.error("ERR Only HELLO messages are accepted by Sentinel instances.");
            }
            ctx.sentinel.hello.process(a.get(2));
            return Reply.integer(1);
        });
    }

    private static Reply confirm(String kind, String name, ClientSession c) {
        return new Reply.Push(List.of(Reply.bulk(kind), Reply.bulk(name),
                Reply.integer(c.channels.size() + c.patterns.size())));
    }

    private static Reply confirmNull(String kind, ClientSession c) {
        return new Reply.Push(List.of(Reply.bulk(kind), Reply.NULL_BULK,
                Reply.integer(c.channels.size() + c.patterns.size())));
    }
}
