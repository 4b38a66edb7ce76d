package dev.rfg.sentinel.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The directive names of a Redis 7.0 redis.conf. Stock {@code redis-sentinel} is the redis-server binary, so a
 * sentinel config may carry any of them: the ones a sentinel has no use for are accepted (with the number of
 * arguments 7.0 allows) and ignored, a name outside this list is refused like stock does. The names were taken
 * from {@code CONFIG GET *} of a running 7.0.15 server, plus the directives CONFIG GET does not list.
 * The directives rfg-sentinel honours itself (port, bind, dir, ...) are handled by {@link ConfigParser} first.
 */
final class RedisDirectives {
    static final String BAD = "Bad directive or wrong number of arguments";
    static final String WRONG_ARGS = "wrong number of arguments";

    /** Directives that take exactly one value ({@code name value}). */
    private static final Set<String> ONE_VALUE = names("""
            acl-pubsub-default aclfile acllog-max-len
            active-defrag-cycle-max active-defrag-cycle-min active-defrag-ignore-bytes active-defrag-max-scan-fields
            active-defrag-threshold-lower active-defrag-threshold-upper active-expire-effort activedefrag
            activerehashing always-show-logo
            aof-disable-auto-gc aof-load-truncated aof-rewrite-incremental-fsync aof-timestamp-enabled
            aof-use-rdb-preamble appenddirname appendfilename appendfsync appendonly
            auto-aof-rewrite-min-size auto-aof-rewrite-percentage
            aof_rewrite_cpulist bgsave_cpulist bio_cpulist server_cpulist
            bind-source-addr busy-reply-threshold client-query-buffer-limit
            cluster-allow-pubsubshard-when-down cluster-allow-reads-when-down cluster-allow-replica-migration
            cluster-announce-bus-port cluster-announce-hostname cluster-announce-ip cluster-announce-port
            cluster-announce-tls-port cluster-config-file cluster-enabled cluster-link-sendbuf-limit
            cluster-migration-barrier cluster-node-timeout cluster-port cluster-preferred-endpoint-type
            cluster-replica-no-failover cluster-replica-validity-factor cluster-require-full-coverage
            cluster-slave-no-failover cluster-slave-validity-factor
            crash-log-enabled crash-memcheck-enabled daemonize databases dbfilename dir disable-thp dynamic-hz
            enable-debug-command enable-module-command enable-protected-configs
            hash-max-listpack-entries hash-max-listpack-value hash-max-ziplist-entries hash-max-ziplist-value
            hll-sparse-max-bytes hz ignore-warnings io-threads io-threads-do-reads jemalloc-bg-thread
            latency-monitor-threshold latency-tracking
            lazyfree-lazy-eviction lazyfree-lazy-expire lazyfree-lazy-server-del lazyfree-lazy-user-del
            lazyfree-lazy-user-flush lfu-decay-time lfu-log-factor
            list-compress-depth list-max-listpack-size list-max-ziplist-size
            logfile loglevel lua-time-limit masterauth masteruser
            maxclients maxmemory maxmemory-clients maxmemory-eviction-tenacity maxmemory-policy maxmemory-samples
            min-replicas-max-lag min-replicas-to-write min-slaves-max-lag min-slaves-to-write
            no-appendfsync-on-rewrite notify-keyspace-events oom-score-adj pidfile port proc-title-template
            propagation-error-behavior protected-mode proto-max-bulk-len
            rdb-del-sync-files rdb-save-incremental-fsync rdbchecksum rdbcompression
            repl-backlog-size repl-backlog-ttl repl-disable-tcp-nodelay repl-diskless-load repl-diskless-sync
            repl-diskless-sync-delay repl-diskless-sync-max-replicas repl-ping-replica-period
            repl-ping-slave-period repl-timeout
            replica-announce-ip replica-announce-port replica-announced replica-ignore-disk-write-errors
            replica-ignore-maxmemory replica-lazy-flush replica-priority replica-read-only replica-serve-stale-data
            slave-announce-ip slave-announce-port slave-ignore-maxmemory slave-lazy-flush slave-priority
            slave-read-only slave-serve-stale-data
            requirepass sanitize-dump-payload set-max-intset-entries set-proc-title
            shutdown-timeout
            slowlog-log-slower-than slowlog-max-len socket-mark-id stop-writes-on-bgsave-error
            stream-node-max-bytes stream-node-max-entries supervised syslog-enabled syslog-facility syslog-ident
            tcp-backlog tcp-keepalive timeout
            tls-auth-clients tls-ca-cert-dir tls-ca-cert-file tls-cert-file tls-ciphers tls-ciphersuites
            tls-client-cert-file tls-client-key-file tls-client-key-file-pass tls-cluster tls-dh-params-file
            tls-key-file tls-key-file-pass tls-port tls-prefer-server-ciphers tls-protocols tls-replication
            tls-session-cache-size tls-session-cache-timeout tls-session-caching
            tracking-table-max-keys unixsocket unixsocketperm
            zset-max-listpack-entries zset-max-listpack-value zset-max-ziplist-entries zset-max-ziplist-value
            """);

    /** Directives with a list of values (7.0 accepts the first four even without one; not checked here). */
    private static final Set<String> ANY_VALUES = names("""
            bind save latency-tracking-info-percentiles client-output-buffer-limit shutdown-on-sigint
            shutdown-on-sigterm
            """);

    /** Names 7.0 still accepts and ignores, always with one value. */
    private static final Set<String> DEPRECATED = names("""
            list-max-ziplist-entries list-max-ziplist-value lua-replicate-commands
            """);

    private RedisDirectives() {}

    private static Set<String> names(String text) {
        return Set.of(text.strip().split("\\s+"));
    }

    /** Whether {@code name} is a Redis 7.0 configuration directive (any case). */
    static boolean known(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return ONE_VALUE.contains(n) || ANY_VALUES.contains(n) || DEPRECATED.contains(n)
                || Set.of("oom-score-adj-values", "replicaof", "slaveof", "include", "rename-command", "user",
                        "loadmodule", "sentinel").contains(n);
    }

    /**
     * Accepts a directive the sentinel ignores if 7.0 would accept its name and number of arguments; otherwise
     * throws with stock's reason.
     */
    static void accept(List<String> a) {
        String n = a.get(0).toLowerCase(Locale.ROOT);
        int argc = a.size();
        if (ONE_VALUE.contains(n)) {
            require(argc == 2, WRONG_ARGS);
        } else if (ANY_VALUES.contains(n) || n.equals("sentinel")) {
            return;
        } else if (n.equals("oom-score-adj-values")) {
            require(argc == 4, WRONG_ARGS);
        } else if (n.equals("replicaof") || n.equals("slaveof")) {
            require(argc == 3, WRONG_ARGS);
        } else if (DEPRECATED.contains(n) || n.equals("include")) {
            require(argc == 2, BAD);
        } else if (n.equals("rename-command")) {
            require(argc == 3, BAD);
        } else if (n.equals("user") || n.equals("loadmodule")) {
            require(argc >= 2, BAD);
        } else {
            throw new IllegalArgumentException(BAD);
        }
    }

    private static void require(boolean ok, String reason) {
        if (!ok) {
            throw new IllegalArgumentException(reason);
        }
    }
}
