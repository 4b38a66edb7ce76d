package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.engine.MasterInstance;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.resp.Reply;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a {@link PasswordRotation} step does to this pod: the runtime include, the local Redis, the local sentinel. */
final class RotationActions implements PasswordRotation.Actions {
    private static final long CALL_TIMEOUT_MS = 1000;
    private final KubernetesMode k;

    RotationActions(KubernetesMode k) {
        this.k = k;
    }

    @Override
    public void persist(Credentials next) throws IOException {
        k.writeRuntimeFor(next);
    }

    /**
     * One command, so Redis never accepts a set in between: {@code resetpass} then every accepted password.
     * Clients already logged in stay (Redis checks a password at AUTH only), the replication link too.
     */
    @Override
    public void applyToRedis(Credentials next, Credentials before) throws IOException {
        List<String> setuser = new ArrayList<>(List.of("ACL", "SETUSER", "default", "resetpass"));
        next.accepted().forEach(p -> setuser.add(">" + p));
        List<Reply> r = RedisCalls.call(k.running.sentinel(), k.env.localRedisHost(), k.settings.redisPort(),
                before.outbound(), CALL_TIMEOUT_MS,
                List.of(setuser, List.of("CONFIG", "SET", "masterauth", next.outbound())));
        for (Reply reply : r) {
            if (reply.isError()) {
                // Never the command itself: it holds the passwords; and Redis's ACL errors quote the modifier.
                throw new IOException("the local Redis refused the password change: "
                        + redacted(reply.text(), next, before));
            }
        }
    }

    /** {@code text} with every password of either set replaced by "***". */
    static String redacted(String text, Credentials next, Credentials before) {
        String out = text == null ? "" : text;
        for (Credentials c : List.of(next, before)) {
            for (String p : c.accepted()) {
                out = out.replace(p, "***");
            }
        }
        return out;
    }

    @Override
    public void applyToSentinel(Credentials next) throws Exception {
        String name = k.settings.masterName();
        k.onLoop(s -> {
            applyTo(s, name, next);
            return null;
        });
    }

    /**
     * On the loop: what the sentinel accepts on its port (requirepass and the others) and logs in with toward
     * Redis and its peers; also after a settings change (LiveSettings.applyLive).
     */
    static void applyTo(Sentinel s, String masterName, Credentials c) {
        s.config.requirepass = c.outbound();
        s.config.alsoAccepted = c.alsoAccepted();
        MasterInstance m = s.masters.get(masterName);
        if (m != null) {
            m.authPass = c.outbound();
        }
    }

    /** Each member's Redis and sentinel, by name: AUTH with the password, then PING. */
    @Override
    public PasswordRotation.MemberCheck membersAccept(String password) {
        int accepting = 0;
        int unreachable = 0;
        List<String> refusing = new ArrayList<>();
        KubeSettings st = k.settings;
        for (int i = 0; i < st.replicas(); i++) {
            String host = k.identity.host(i);
            Answer redis = accepts(host, st.redisPort(), password);
            Answer sentinel = accepts(host, st.sentinelPort(), password);
            if (redis == Answer.NO || sentinel == Answer.NO) {
                refusing.add(k.identity.pod(i) + (redis == Answer.NO ? " (redis)" : " (sentinel)"));
            } else if (redis == Answer.YES && sentinel == Answer.YES) {
                accepting++;
            } else {
                unreachable++;
            }
        }
        return new PasswordRotation.MemberCheck(accepting, refusing, unreachable);
    }

    private enum Answer { YES, NO, NO_ANSWER }

    private Answer accepts(String host, int port, String password) {
        try {
            Reply pong = RedisCalls.call(k.running.sentinel(), host, port, password, CALL_TIMEOUT_MS,
                    List.of(List.of("PING"))).get(0);
            return pong.isError() ? Answer.NO : Answer.YES;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().startsWith("AUTH refused") ? Answer.NO : Answer.NO_ANSWER;
        }
    }

    @Override
    public void event(String reason, String message) {
        k.podEvent(reason, message);
    }
}
