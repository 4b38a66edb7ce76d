package dev.rfg.sentinel.server;

import dev.rfg.sentinel.resp.Reply;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Channel and pattern subscriptions of the sentinel's clients; publishes events to them. */
public final class PubSubRegistry {
    private final Map<String, Set<ClientSession>> channels = new LinkedHashMap<>();
    private final Map<String, Set<ClientSession>> patterns = new LinkedHashMap<>();

    public boolean subscribe(ClientSession c, String channel) {
        if (!c.channels.add(channel)) {
            return false;
        }
        channels.computeIfAbsent(channel, k -> new LinkedHashSet<>()).add(c);
        return true;
    }

    public boolean psubscribe(ClientSession c, String pattern) {
        if (!c.patterns.add(pattern)) {
            return false;
        }
        patterns.computeIfAbsent(pattern, k -> new LinkedHashSet<>()).add(c);
        return true;
    }

    public boolean unsubscribe(ClientSession c, String channel) {
        if (!c.channels.remove(channel)) {
            return false;
        }
        remove(channels, channel, c);
        return true;
    }

    public boolean punsubscribe(ClientSession c, String pattern) {
        if (!c.patterns.remove(pattern)) {
            return false;
        }
        remove(patterns, pattern, c);
        return true;
    }

    public void dropClient(ClientSession c) {
        for (String ch : List.copyOf(c.channels)) {
            unsubscribe(c, ch);
        }
        for (String p : List.copyOf(c.patterns)) {
            punsubscribe(c, p);
        }
    }

    public int numPatterns() {
        return patterns.size();
    }

    public int numChannels() {
        return channels.size();
    }

    public int publish(String channel, String message) {
        int receivers = 0;
        Set<ClientSession> subs = channels.get(channel);
        if (subs != null) {
            for (ClientSession c : List.copyOf(subs)) {
                c.replyAndFlush(new Reply.Push(List.of(Reply.bulk("message"), Reply.bulk(channel), Reply.bulk(message))));
                receivers++;
            }
        }
        for (Map.Entry<String, Set<ClientSession>> e : List.copyOf(patterns.entrySet())) {
            if (Glob.matches(e.getKey(), channel, false)) {
                for (ClientSession c : List.copyOf(e.getValue())) {
                    c.replyAndFlush(new Reply.Push(List.of(Reply.bulk("pmessage"), Reply.bulk(e.getKey()),
                            Reply.bulk(channel), Reply.bulk(message))));
                    receivers++;
                }
            }
        }
        return receivers;
    }

    private static void remove(Map<String, Set<ClientSession>> map, String key, ClientSession c) {
        Set<ClientSession> set = map.get(key);
        if (set != null) {
            set.remove(c);
            if (set.isEmpty()) {
                map.remove(key);
            }
        }
    }
}
