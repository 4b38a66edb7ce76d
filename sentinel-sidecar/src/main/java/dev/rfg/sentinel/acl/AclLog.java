package dev.rfg.sentinel.acl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * ACL LOG: the denied commands and failed logins, newest first, at most {@link #MAX_LEN} (stock's default
 * acllog-max-len). A denial like one of the 10 newest entries (same reason, context, object and user, within 60 s
 * of it) counts in that entry, which moves to the front and takes the new time and client.
 */
public final class AclLog {
    public static final int MAX_LEN = 128;
    private static final long GROUPING_MS = 60_000;
    private static final int SCAN = 10;

    /** One entry; {@code clientInfo} is the CLIENT LIST line of the client at its last update. */
    public static final class Entry {
        long count = 1;
        final Permissions.Reason reason;
        final String context;
        final String object;
        final String username;
        long timeMs;
        String clientInfo;

        Entry(Permissions.Reason reason, String context, String object, String username, long timeMs,
              String clientInfo) {
            this.reason = reason;
            this.context = context;
            this.object = object;
            this.username = username;
            this.timeMs = timeMs;
            this.clientInfo = clientInfo;
        }

        public long count() {
            return count;
        }

        public String reason() {
            return reason.logName();
        }

        public String context() {
            return context;
        }

        public String object() {
            return object;
        }

        public String username() {
            return username;
        }

        public long timeMs() {
            return timeMs;
        }

        public String clientInfo() {
            return clientInfo;
        }

        private boolean sameAs(Entry o) {
            return reason == o.reason && context.equals(o.context) && Math.abs(timeMs - o.timeMs) <= GROUPING_MS
                    && object.equals(o.object) && username.equals(o.username);
        }
    }

    private final LinkedList<Entry> entries = new LinkedList<>();

    /** Records a denial at the top level (the sentinel has no MULTI, scripts or modules). */
    public void add(Permissions.Reason reason, String object, String username, long nowMs, String clientInfo) {
        Entry e = new Entry(reason, "toplevel", object, username, nowMs, clientInfo);
        int scanned = 0;
        for (Iterator<Entry> it = entries.iterator(); it.hasNext() && scanned < SCAN; scanned++) {
            Entry old = it.next();
            if (old.sameAs(e)) {
                it.remove();
                old.count++;
                old.timeMs = e.timeMs;
                old.clientInfo = e.clientInfo;
                entries.addFirst(old);
                return;
            }
        }
        entries.addFirst(e);
        while (entries.size() > MAX_LEN) {
            entries.removeLast();
        }
    }

    /** The newest {@code count} entries (all if fewer; none for a negative count). */
    public List<Entry> newest(long count) {
        return new ArrayList<>(entries.subList(0, (int) Math.max(0, Math.min(count, entries.size()))));
    }

    public void reset() {
        entries.clear();
    }
}
