package dev.rfg.sentinel.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rewrite follows stock's CONFIG REWRITE: each option keeps its own line (keyed by {@code sentinel <option>},
 * with the master's name for per-master options), new ones are appended under the marker, options no longer held
 * are removed, everything else stays. Redis 7.0's "Flush config and compare rewrite config file lines" checks
 * that the lines a sentinel was started with are still there, in order, after SENTINEL FLUSHCONFIG.
 */
class ConfigRewriteTest {
    /** tests/sentinel/tests/includes/sentinel.conf of Redis 7.0: options before their monitor line. */
    private static final String SUITE_CONF = """
            # assume master is down after being unresponsive for 20s
            sentinel down-after-milliseconds setmaster 20000
            # reconfigure one slave at a time
            sentinel parallel-syncs setmaster 2
            # wait for 4m before assuming failover went wrong
            sentinel failover-timeout setmaster 240000
            # monitoring set
            sentinel monitor setmaster 10.0.0.1 30000 2



            """;

    private static SentinelConfig withState(SentinelConfig c) {
        c.myId = "a".repeat(40);
        c.currentEpoch = 3;
        return c;
    }

    @Test
    void theLinesItWasStartedWithKeepTheirPlaceAndNewOnesAreAppended(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, SUITE_CONF);
        SentinelConfig c = withState(ConfigParser.parse(f));
        ConfigFileWriter.rewrite(f, ConfigFileWriter.render(c));
        List<String> before = SUITE_CONF.lines().toList();
        List<String> after = Files.readAllLines(f);
        assertThat(after.subList(0, before.size())).isEqualTo(before);
        assertThat(after.get(before.size())).isEqualTo(ConfigFileWriter.MARKER);
        assertThat(after.subList(before.size() + 1, after.size())).contains("sentinel myid " + "a".repeat(40),
                "sentinel config-epoch setmaster 0", "sentinel current-epoch 3")
                .noneMatch(l -> l.contains("down-after") || l.contains("monitor"));
    }

    @Test
    void rewritingAgainGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        // Also lines in the user's own spelling: same arguments, so kept as they are.
        Files.writeString(f, SUITE_CONF + "SENTINEL  known-replica setmaster 10.0.0.2 30001\n"
                + "sentinel known-replica setmaster \"10.0.0.3\" 30002\n\n\n");
        SentinelConfig c = withState(ConfigParser.parse(f));
        ConfigFileWriter.rewrite(f, ConfigFileWriter.render(c));
        byte[] first = Files.readAllBytes(f);
        assertThat(new String(first)).contains("SENTINEL  known-replica setmaster 10.0.0.2 30001\n"
                + "sentinel known-replica setmaster \"10.0.0.3\" 30002\n\n\n" + ConfigFileWriter.MARKER + "\n");
        for (int i = 0; i < 2; i++) {
            ConfigFileWriter.rewrite(f, ConfigFileWriter.render(withState(ConfigParser.parse(f))));
            assertThat(Files.readAllBytes(f)).isEqualTo(first);
        }
    }

    @Test
    void changingOneOptionChangesOnlyItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, SUITE_CONF + "sentinel known-replica setmaster 10.0.0.2 30000\n"
                + "sentinel known-replica setmaster 10.0.0.3 30000\n"
                + "sentinel monitor other 10.0.0.5 6379 1\nsentinel down-after-milliseconds other 5000\n");
        SentinelConfig c = withState(ConfigParser.parse(f));
        ConfigFileWriter.rewrite(f, ConfigFileWriter.render(c));
        List<String> before = Files.readAllLines(f);

        c = ConfigParser.parse(f);
        c.masters.get("setmaster").downAfterMs = 25000;
        ConfigFileWriter.rewrite(f, ConfigFileWriter.render(c));
        assertThat(changed(before, Files.readAllLines(f)))
                .containsExactly("sentinel down-after-milliseconds setmaster 25000");

        // A failover to 10.0.0.2: the monitor line and the epoch change where they are; of the known replicas the
        // state now lists 10.0.0.3 first, then the old master: 10.0.0.3 keeps its line, the old master takes the
        // promoted one's.
        before = Files.readAllLines(f);
        c = ConfigParser.parse(f);
        MasterConfig m = c.masters.get("setmaster");
        m.host = "10.0.0.2";
        m.configEpoch = 4;
        m.knownReplicas.clear();
        m.knownReplicas.add(new MasterConfig.KnownReplica("10.0.0.3", 30000));
        m.knownReplicas.add(new MasterConfig.KnownReplica("10.0.0.1", 30000));
        ConfigFileWriter.rewrite(f, ConfigFileWriter.render(c));
        assertThat(changed(before, Files.readAllLines(f))).containsExactly(
                "sentinel monitor setmaster 10.0.0.2 30000 2", "sentinel known-replica setmaster 10.0.0.1 30000",
                "sentinel config-epoch setmaster 4");
    }

    @Test
    void optionsNoLongerHeldAreRemovedOthersStay(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, "# mine\nport 26400\n" + SUITE_CONF + "sentinel monitor other 10.0.0.5 6379 1\n"
                + "sentinel down-after-milliseconds other 5000\n# other's end\n");
        SentinelConfig c = withState(ConfigParser.parse(f));
        c.masters.get("other").knownReplicas.add(new MasterConfig.KnownReplica("10.0.0.7", 6379));
        c.masters.get("other").knownReplicas.add(new MasterConfig.KnownReplica("10.0.0.8", 6379));
        ConfigFileWriter.rewrite(f, ConfigFileWriter.render(c));
        List<String> withBoth = Files.readAllLines(f);
        assertThat(withBoth.getLast()).isEqualTo("sentinel current-epoch 3");

        // SENTINEL REMOVE setmaster (the first master of the file); one known replica of other is gone.
        c = ConfigParser.parse(f);
        c.masters.remove("setmaster");
        c.masters.get("other").knownReplicas.removeFirst();
        ConfigFileWriter.rewrite(f, ConfigFileWriter.render(c));
        List<String> expected = new ArrayList<>(withBoth);
        expected.removeIf(l -> l.startsWith("sentinel ") && l.contains(" setmaster ") || l.contains("10.0.0.7"));
        assertThat(Files.readAllLines(f)).isEqualTo(expected);
        assertThat(expected).contains("# mine", "port 26400", "# monitoring set", "# other's end",
                "sentinel monitor other 10.0.0.5 6379 1", "sentinel known-replica other 10.0.0.8 6379");
    }

    /** The lines of {@code after} that are not at the same place in {@code before} (same length expected). */
    private static List<String> changed(List<String> before, List<String> after) {
        assertThat(after).hasSameSizeAs(before);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < after.size(); i++) {
            if (!after.get(i).equals(before.get(i))) {
                out.add(after.get(i));
            }
        }
        return out;
    }
}
