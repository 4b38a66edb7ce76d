package dev.rfg.sentinel.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigParserTest {

    @Test
    void optionsBeforeTheirMonitorLineApply() throws Exception {
        SentinelConfig c = ConfigParser.parse("s.conf", List.of(
                "# comment", "port 26400", "bind 127.0.0.1 ::1", "requirepass \"se cret\"",
                "sentinel down-after-milliseconds mymaster 1500",
                "sentinel auth-pass mymaster pw",
                "sentinel monitor mymaster 10.0.0.1 6379 2",
                "sentinel known-replica mymaster 10.0.0.2 6379",
                "sentinel known-sentinel mymaster 10.0.0.3 26379 " + "a".repeat(40),
                "sentinel config-epoch mymaster 4", "sentinel leader-epoch mymaster 5",
                "sentinel current-epoch 3", "sentinel myid " + "B".repeat(40),
                "sentinel announce-hostnames yes", "protected-mode no"));
        assertThat(c.port).isEqualTo(26400);
        assertThat(c.bind).containsExactly("127.0.0.1", "::1");
        assertThat(c.requirepass).isEqualTo("se cret");
        assertThat(c.myId).isEqualTo("b".repeat(40));
        assertThat(c.announceHostnames).isTrue();
        MasterConfig m = c.masters.get("mymaster");
        assertThat(m.downAfterMs).isEqualTo(1500);
        assertThat(m.authPass).isEqualTo("pw");
        assertThat(m.knownReplicas).containsExactly(new MasterConfig.KnownReplica("10.0.0.2", 6379));
        assertThat(m.knownSentinels).hasSize(1);
        assertThat(c.currentEpoch).isEqualTo(5);
    }

    @Test
    void errorsNameTheFileTheLineAndTheReason() {
        assertThatThrownBy(() -> ConfigParser.parse("/etc/s.conf", List.of("port 1", "sentinel monitor m 1.2.3.4 6379 0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/etc/s.conf").hasMessageContaining("at line 2")
                .hasMessageContaining("Quorum must be 1 or greater.");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("sentinel down-after-milliseconds nope 10")))
                .hasMessageContaining("line 1").hasMessageContaining("No such master");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("frobnicate yes")))
                .hasMessageContaining("Bad directive");
        assertThatThrownBy(() -> ConfigParser.parse("s.conf", List.of("sentinel monitor \"m 1.2.3.4 6379 2")))
                .hasMessageContaining("Unbalanced quotes");
    }

    @Test
    void rewriteKeepsUserLinesAndReplacesSentinelLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, "# keep me\nport 26400\nsentinel monitor m 1.2.3.4 6379 2\n\n# and me\nlogfile \"\"\n");
        SentinelConfig c = ConfigParser.parse(f);
        c.myId = "c".repeat(40);
        c.currentEpoch = 9;
        ConfigFileWriter.rewrite(f, ConfigFileWriter.render(c));
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.get(0)).isEqualTo("# keep me");
        assertThat(lines).contains("port 26400", "# and me", "logfile \"\"", "sentinel current-epoch 9",
                "sentinel monitor m 1.2.3.4 6379 2", "sentinel myid " + "c".repeat(40));
        SentinelConfig again = ConfigParser.parse(f);
        assertThat(again.currentEpoch).isEqualTo(9);
        assertThat(again.masters).containsKey("m");
        assertThat(Files.list(dir)).hasSize(1);
    }
}
