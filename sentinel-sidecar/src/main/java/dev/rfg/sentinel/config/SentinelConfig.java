package dev.rfg.sentinel.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The content of a sentinel.conf: server options, global sentinel options and the monitored masters. */
public final class SentinelConfig {
    public static final int DEFAULT_PORT = 26379;

    public Path file;
    public int port = DEFAULT_PORT;
    public final List<String> bind = new ArrayList<>();
    public String dir;
    public String logfile = "";
    public String requirepass;
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
}
