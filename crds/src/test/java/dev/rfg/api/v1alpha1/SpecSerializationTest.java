package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

class SpecSerializationTest {

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  @Test
  void fullSpecSurvivesARoundTrip() throws IOException {
    String yaml = resource("/full-group.yaml");
    RedisFailoverGroup group = serialization.unmarshal(yaml, RedisFailoverGroup.class);

    RedisFailoverGroup again = serialization.unmarshal(serialization.asYaml(group), RedisFailoverGroup.class);

    JsonNode original = serialization.convertValue(serialization.unmarshal(yaml, java.util.Map.class), JsonNode.class);
    JsonNode written = serialization.convertValue(again, JsonNode.class);
    assertThat(written.get("spec").equals(SpecSerializationTest::sameValue, original.get("spec")))
        .as("written %s%nread    %s", written.get("spec"), original.get("spec")).isTrue();
    assertThat(again.getSpec().getRedis().getPersistence().getSize()).isEqualTo(new Quantity("5Gi"));
    assertThat(again.getSpec().getPod().getAffinity().getPodAntiAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
  }

  @Test
  void minimalSpecGetsTheDocumentedDefaults() {
    RedisFailoverGroup group = serialization.unmarshal("""
        apiVersion: rfg.dev/v1alpha1
        kind: RedisFailoverGroup
        metadata: {name: cache}
        spec: {}
        """, RedisFailoverGroup.class);

    RedisFailoverGroupSpec spec = group.getSpec();
    assertThat(spec.getReplicas()).isEqualTo(3);
    assertThat(spec.getRedis().getImage()).isEqualTo(RedisSpec.DEFAULT_IMAGE);
    assertThat(spec.getRedis().getImagePullPolicy()).isEqualTo(RedisSpec.PullPolicy.IfNotPresent);
    assertThat(spec.getRedis().getPersistence().getEnabled()).isFalse();
    assertThat(spec.getRedis().getPersistence().getSize()).isEqualTo(new Quantity("1Gi"));
    assertThat(spec.getRedis().getPersistence().getWhenDeleted()).isEqualTo(PersistenceSpec.ClaimPolicy.Retain);
    assertThat(spec.getRedis().getMinReplicasToWrite()).isZero();
    assertThat(spec.getRedis().getMinReplicasMaxLag()).isEqualTo(10);
    assertThat(spec.getSentinel().getQuorum()).isNull();
    assertThat(spec.getSentinel().effectiveQuorum(spec.getReplicas())).isEqualTo(2);
    assertThat(spec.getSentinel().effectiveQuorum(5)).isEqualTo(3);
    assertThat(spec.getSentinel().getDownAfterMilliseconds()).isEqualTo(5000);
    assertThat(spec.getSentinel().getFailoverTimeoutMilliseconds()).isEqualTo(10000);
    assertThat(spec.getSentinel().getParallelSyncs()).isEqualTo(1);
    assertThat(spec.getAuth()).isNull();
    assertThat(spec.getServices().getMaster().getType()).isEqualTo(ServicesSpec.ServiceType.ClusterIP);
    assertThat(spec.getServices().getReplicas().getEnabled()).isTrue();
    assertThat(spec.getPodDisruptionBudget().getEnabled()).isTrue();
  }

  @Test
  void schemaDefaultsMatchTheJavaDefaults() {
    JsonNode javaDefaults = serialization.convertValue(new RedisFailoverGroupSpec(), JsonNode.class);
    assertThat(GeneratedCrd.at("spec.replicas").getDefault().asInt()).isEqualTo(javaDefaults.get("replicas").asInt());
    for (String field : new String[] {"redis", "sentinel", "services", "podDisruptionBudget"}) {
      assertThat(GeneratedCrd.at("spec." + field).getDefault()).as(field).isEqualTo(javaDefaults.get(field));
    }
  }

  /** Numbers compare by value: the YAML reads 1000 as an int, fabric8 writes runAsUser as a long. */
  private static int sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return a.equals(b) ? 0 : 1;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SpecSerializationTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
