package dev.rfg.e2e.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workload's figures and JSON, without Redis or a cluster. */
class WorkloadReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportCountsAcksErrorsAndTheLongestGap() throws Exception {
    WriterStats stats = new WriterStats("service-wait", "service", 1000);
    for (long seq = 1; seq <= 5; seq++) {
      stats.attempt();
      stats.acked(seq, 10_000 + seq * 10);         // acks at 10010 .. 10050
    }
    stats.attempt();
    stats.error("READONLY", "JedisDataException: READONLY You can't write against a read only replica.", 10_100);
    stats.attempt();
    stats.notReplicated();
    stats.attempt();
    stats.error("JedisConnectionException/SocketTimeoutException", "timeout", 11_000);
    stats.attempt();
    stats.acked(9, 12_050);                           // 2000 ms without an ack
    stats.connected("md-1.md-headless.ns.svc.cluster.local");

    JsonNode report = JSON.readTree(Json.write(stats.report(12_060, true)));
    assertThat(report.get("name").asText()).isEqualTo("service-wait");
    assertThat(report.get("mode").asText()).isEqualTo("service");
    assertThat(report.get("waitMs").asInt()).isEqualTo(1000);
    assertThat(report.get("attempts").asLong()).isEqualTo(9);
    assertThat(report.get("acked").asLong()).isEqualTo(6);
    assertThat(report.get("errors").asLong()).isEqualTo(2);
    assertThat(report.get("notReplicated").asLong()).isEqualTo(1);
    assertThat(report.get("longestGapMs").asLong()).isEqualTo(2000);
    assertThat(report.get("longestGapFromMs").asLong()).isEqualTo(10_050);
    assertThat(report.get("ranges").asInt()).isEqualTo(2);
    assertThat(report.get("target").asText()).isEqualTo("md-1.md-headless.ns.svc.cluster.local");
    assertThat(report.get("errorKinds").get("READONLY").asLong()).isEqualTo(1);
    assertThat(report.get("errorKinds").get("JedisConnectionException/SocketTimeoutException").asLong())
        .isEqualTo(1);
    assertThat(report.get("lastError").asText()).isEqualTo("timeout");

    // A gap still going on counts while running, not after the stop.
    assertThat(stats.longestGapMs(20_050, true)).isEqualTo(8000);
    assertThat(stats.longestGapMs(20_050, false)).isEqualTo(2000);
    JsonNode later = JSON.readTree(Json.write(stats.report(20_050, true)));
    assertThat(later.get("longestGapFromMs").asLong()).isEqualTo(12_050);
  }

  @Test
  void verifierFindsLostAndWrongKeysAndWhenTheyWereAcked() throws Exception {
    WriterStats stats = new WriterStats("service", "service", 0);
    for (long seq = 1; seq <= 2500; seq++) {
      if (seq != 100) {
        stats.acked(seq, 1_000_000 + seq);      // one ms apart
      }
    }
    Map<String, String> master = new HashMap<>();
    for (long seq = 1; seq <= 2500; seq++) {
      master.put("wl:service:" + seq, Long.toString(seq));
    }
    for (long seq = 2001; seq <= 2100; seq++) {
      master.remove("wl:service:" + seq);       // a stale master took these
    }
    master.put("wl:service:7", "overwritten");
    List<Integer> batches = new ArrayList<>();
    Map<String, Object> result = Verifier.verify(stats, "wl:service", keys -> {
      batches.add(keys.size());
      return keys.stream().map(master::get).toList();
    });
    JsonNode json = JSON.readTree(Json.write(result));
    assertThat(batches).containsExactly(1000, 1000, 499);
    assertThat(json.get("acked").asLong()).isEqualTo(2499);
    assertThat(json.get("lost").asLong()).isEqualTo(101);
    assertThat(json.get("present").asLong()).isEqualTo(2398);
    assertThat(json.get("wrongValue").asLong()).isEqualTo(1);
    assertThat(json.get("lostRanges").asText()).isEqualTo("7,2001-2100");
    assertThat(json.get("lostKeys")).hasSize(10);
    assertThat(json.get("lostKeys").get(0).asText()).isEqualTo("wl:service:7");
    assertThat(json.get("lostKeys").get(1).asText()).isEqualTo("wl:service:2001");
    assertThat(json.get("lostAckedFromMs").asLong()).isBetween(1_000_000L - 10, 1_000_007L);
    assertThat(json.get("lostAckedToMs").asLong()).isBetween(1_002_100L, 1_002_100L + 10);
  }

  @Test
  void nothingLostReportsNoWindow() throws Exception {
    WriterStats stats = new WriterStats("sentinel", "sentinel", 0);
    stats.acked(1, 5);
    JsonNode json = JSON.readTree(Json.write(Verifier.verify(stats, "p", keys -> List.of("1"))));
    assertThat(json.get("lost").asLong()).isZero();
    assertThat(json.get("lostRanges").asText()).isEmpty();
    assertThat(json.get("lostAckedFromMs").asLong()).isEqualTo(-1);
  }

  @Test
  void jsonEscapesAndNests() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("s", "a \"quoted\"\nline\\ \u0001");
    value.put("n", 3L);
    value.put("b", true);
    value.put("null", null);
    value.put("list", List.of(1, "x", Map.of("k", 2.5)));
    String text = Json.write(value);
    JsonNode json = JSON.readTree(text);
    assertThat(json.get("s").asText()).isEqualTo("a \"quoted\"\nline\\ \u0001");
    assertThat(json.get("n").asLong()).isEqualTo(3);
    assertThat(json.get("b").asBoolean()).isTrue();
    assertThat(json.get("null").isNull()).isTrue();
    assertThat(json.get("list").get(2).get("k").asDouble()).isEqualTo(2.5);
    assertThat(text).startsWith("{\"s\":");
  }

  @Test
  void errorKinds() {
    assertThat(Writer.kind(new JedisDataException("NOREPLICAS Not enough good replicas to write.")))
        .isEqualTo("NOREPLICAS");
    assertThat(Writer.kind(new JedisDataException("READONLY You can't write against a read only replica.")))
        .isEqualTo("READONLY");
    assertThat(Writer.kind(new JedisDataException("something odd"))).isEqualTo("JedisDataException");
    assertThat(Writer.kind(new JedisConnectionException(new SocketTimeoutException("Read timed out"))))
        .isEqualTo("JedisConnectionException/SocketTimeoutException");
    assertThat(Writer.kind(new JedisConnectionException("Unexpected end of stream.")))
        .isEqualTo("JedisConnectionException");
  }

  @Test
  void commandLine() {
    var options = WorkloadMain.Options.parse(new String[] {"--master-host", "md-master", "--master-name", "md",
        "--sentinels", "md-sentinel:26379", "--password-file", "/etc/rfg-workload/password",
        "--writer", "service:wait=1000", "--writer", "sentinel", "--rate", "100"});
    assertThat(options.masterHost()).isEqualTo("md-master");
    assertThat(options.sentinels()).singleElement().hasToString("md-sentinel:26379");
    assertThat(options.writers()).containsExactly("service:wait=1000", "sentinel");
    assertThat(options.rate()).isEqualTo(100);
    assertThat(WorkloadMain.WriterSpec.parse("service:wait=1000").name()).isEqualTo("service-wait");
    assertThat(WorkloadMain.WriterSpec.parse("sentinel").waitMs()).isZero();
    assertThatThrownBy(() -> WorkloadMain.Options.parse(new String[] {"--master-host", "x", "--writer", "sentinel"}))
        .hasMessageContaining("--sentinels");
    assertThatThrownBy(() -> WorkloadMain.WriterSpec.parse("cluster")).hasMessageContaining("service or sentinel");
  }
}
