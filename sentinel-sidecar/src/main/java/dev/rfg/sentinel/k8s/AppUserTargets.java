package dev.rfg.sentinel.k8s;

import dev.rfg.sentinel.acl.AclException;
import dev.rfg.sentinel.acl.AclUsers;
import dev.rfg.sentinel.acl.User;
import dev.rfg.sentinel.resp.Reply;
import dev.rfg.sentinel.server.ServerContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The two servers of a pod whose application users {@link AppUserSync} keeps: the local Redis and the sentinel. */
final class AppUserTargets {
    private static final long CALL_TIMEOUT_MS = 1000;

    /**
     * What an application user may do on the sentinel port: find the master and follow it, as Jedis, Lettuce,
     * redis-py and go-redis do, and nothing else.
     */
    static final List<String> DISCOVERY = List.of("-@all", "&*", "+ping", "+info", "+role", "+command",
            "+client|setname", "+client|getname", "+client|id", "+client|info", "+subscribe", "+psubscribe",
            "+unsubscribe", "+punsubscribe", "+sentinel|get-master-addr-by-name", "+sentinel|master",
            "+sentinel|masters", "+sentinel|replicas", "+sentinel|slaves", "+sentinel|sentinels", "+sentinel|myid",
            "+sentinel|ckquorum", "+acl|whoami");

    private AppUserTargets() {}

    /** The local Redis, logged in as {@code default} with the password this sidecar uses. */
    static AppUserSync.Target redis(KubernetesMode k) {
        return new AppUserSync.Target() {
            @Override
            public Set<String> users() throws IOException {
                Reply r = call(List.of("ACL", "USERS"));
                Set<String> names = new LinkedHashSet<>();
                if (r instanceof Reply.Arr a) {
                    a.items().forEach(i -> names.add(i.text()));
                }
                return names;
            }

            @Override
            public String setUser(String name, List<String> args) throws IOException {
                List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", name));
                command.addAll(args);
                Reply r = call(command);
                return r.isError() ? r.text() : null;
            }

            @Override
            public void deleteUser(String name) throws IOException {
                call(List.of("ACL", "DELUSER", name));
            }

            @Override
            public List<String> rules(AppUserSync.Desired user) {
                return Arrays.stream(user.rules().trim().split("\\s+")).filter(t -> !t.isEmpty()).toList();
            }

            private Reply call(List<String> command) throws IOException {
                return RedisCalls.call(k.running.sentinel(), k.env.localRedisHost(), k.settings.redisPort(),
                        k.password(), CALL_TIMEOUT_MS, List.of(command)).get(0);
            }
        };
    }

    /** The sentinel of this process, on its loop: the users its port knows. */
    static AppUserSync.Target sentinel(KubernetesMode k) {
        return new AppUserSync.Target() {
            @Override
            public Set<String> users() throws IOException {
                return onLoop(acl -> {
                    Set<String> names = new LinkedHashSet<>();
                    acl.all().forEach(u -> names.add(u.name()));
                    return names;
                });
            }

            @Override
            public String setUser(String name, List<String> args) throws IOException {
                return onLoop(acl -> {
                    try {
                        User staged = acl.stage(name, args);
                        acl.commit(staged);
                        return null;
                    } catch (AclException e) {
                        return e.setuserMessage();
                    }
                });
            }

            @Override
            public void deleteUser(String name) throws IOException {
                onServer(ctx -> ctx.deleteUser(name));
            }

            @Override
            public List<String> rules(AppUserSync.Desired user) {
                return DISCOVERY;
            }

            private <T> T onLoop(java.util.function.Function<AclUsers, T> f) throws IOException {
                return onServer(ctx -> f.apply(ctx.acl()));
            }

            private <T> T onServer(java.util.function.Function<ServerContext, T> f) throws IOException {
                try {
                    return k.onLoop(s -> f.apply(k.running.ctx()));
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        };
    }
}
