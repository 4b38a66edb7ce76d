package dev.rfg.sentinel.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The content of a sentinel.conf: server options, global sentinel options and the monitored masters. */
public final class SentinelConfig {
    public static final int DEFAULT_PORT = 26379;
    /** Where stock writes the pid of a daemonized server that has no {@code pidfile}. */
    public static final String DEFAULT_PIDFILE = "/var/run/redis.pid";

    /** The config file, absolute (made so at start, before any {@code dir}): the rewrite targets it. */
    public Path file;
    public int port = DEFAULT_PORT;
    public final List<String> bind = new ArrayList<>();
    /** The last {@code dir}, absolute; null when the config has none. */
    public String dir;
    /**
     * The working directory stock ends up in after loading the config: the start directory, changed by every
     * {@code dir} line. Relative paths used after the load (logfile, pidfile, scripts) are relative to it.
     */
    public Path workDir = Path.of("").toAbsolutePath();
    /** As written in the config ("" = stdout); {@link #resolve(String)} gives the file. */
    public String logfile = "";
    public String requirepass;
    /**
     * Kubernetes mode, while a password rotation lasts: passwords the default user accepts besides requirepass
     * (which stays what this sentinel logs in with toward its peers). Never parsed, never written.
     */
    public java.util.List<String> alsoAccepted = java.util.List.of();
    /** maxclients (stock's default 10000). */
    public int maxClients = 10_000;
    public boolean daemonize;
    /** As written in the config; null when none. */
    public String pidfile;
    /** debug, verbose, notice or warning; null when the config has none. */
    public String loglevel;
    public String myId;
    public long currentEpoch;
    public boolean denyScriptsReconfig = true;
    public boolean resolveHostnames;
    public boolean announceHostnames;
    public String announceIp;
    public int announcePort;
    public String sentinelUser;
    public String sentinelPass;
    public final Map<String, MasterConfig> masters = new LinkedHashMap<>();
    /**
     * The ACL users: as read from the {@code user} lines, in file order; before a rewrite, the users of the
     * current state (ConfigPersister), the ones that differ from what the server builds by itself.
     */
    public final List<UserLine> users = new ArrayList<>();
    /**
     * Whether the rewrite writes {@link #users} and owns the file's {@code user} lines (false in Kubernetes mode,
     * where no secret goes to the state file: then the file's user lines are left as they are).
     */
    public boolean writeUsers = true;

    /** A path of the config as stock would open it after the load: relative to {@link #workDir}. */
    public Path resolve(String path) {
        return workDir.resolve(path).normalize();
    }

    /** The file stock writes its pid to (when daemonized or {@code pidfile} is set), or null. */
    public Path pidfilePath() {
        if (pidfile != null) {
            return resolve(pidfile);
        }
        return daemonize ? Path.of(DEFAULT_PIDFILE) : null;
    }
}
