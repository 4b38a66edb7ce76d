package dev.rfg.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CrdContentTest {

  private final CustomResourceDefinition crd = GeneratedCrd.load();

  @Test
  void namesScopeAndVersion() {
    assertThat(crd.getMetadata().getName()).isEqualTo("redisfailovergroups.rfg.dev");
    assertThat(crd.getSpec().getGroup()).isEqualTo("rfg.dev");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(crd.getSpec().getNames().getKind()).isEqualTo("RedisFailoverGroup");
    assertThat(crd.getSpec().getNames().getPlural()).isEqualTo("redisfailovergroups");
    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("rfg");
    assertThat(crd.getSpec().getVersions()).singleElement()
        .satisfies(v -> assertThat(v.getName()).isEqualTo("v1alpha1"));
  }

  @Test
  void statusAndScaleSubresources() {
    var subresources = crd.getSpec().getVersions().get(0).getSubresources();
    assertThat(subresources.getStatus()).isNotNull();
    assertThat(subresources.getScale().getSpecReplicasPath()).isEqualTo(".spec.replicas");
    assertThat(subresources.getScale().getStatusReplicasPath()).isEqualTo(".status.replicas");
    assertThat(subresources.getScale().getLabelSelectorPath()).isEqualTo(".status.selector");
  }

  @Test
  void printerColumnsInKubectlOrder() {
    List<CustomResourceColumnDefinition> columns = crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
    assertThat(columns).extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("Master", "Ready", "Sentinels", "Phase", "Age", "Epoch", "Last-Failover");
    assertThat(columns).extracting(CustomResourceColumnDefinition::getJsonPath)
        .containsExactly(".status.master.pod", ".status.ready", ".status.sentinels", ".status.phase",
            ".metadata.creationTimestamp", ".status.configEpoch", ".status.lastFailoverTime");
    // Only in kubectl get -o wide.
    assertThat(columns).extracting(CustomResourceColumnDefinition::getPriority)
        .containsExactly(0, 0, 0, 0, 0, 1, 1);
  }

  @Test
  void everyPropertyHasADescription() {
    List<String> undescribed = new ArrayList<>();
    collectUndescribed("", GeneratedCrd.schema(), undescribed);
    assertThat(undescribed).as("properties without description (kubectl explain shows nothing)").isEmpty();
  }

  @Test
  void everyRuleHasAMessageAPersonUnderstands() {
    List<ValidationRule> rules = new ArrayList<>();
    collectRules(GeneratedCrd.schema(), rules);
    assertThat(rules).hasSizeGreaterThanOrEqualTo(10)
        .allSatisfy(r -> assertThat(r.getMessage()).as(r.getRule()).hasSizeGreaterThan(30));
  }

  @Test
  void replicasMustBeOneOrAtLeastThree() {
    assertThat(GeneratedCrd.at("spec").getXKubernetesValidations())
        .anySatisfy(r -> {
          assertThat(r.getRule()).isEqualTo("self.replicas == 1 || self.replicas >= 3");
          assertThat(r.getMessage()).contains("2 pods cannot keep a majority after losing one");
        });
    assertThat(GeneratedCrd.at("spec.replicas").getMinimum()).isEqualTo(1.0);
  }

  @Test
  void quorumWithinReplicas() {
    assertThat(GeneratedCrd.at("spec").getXKubernetesValidations())
        .anySatisfy(r -> {
          assertThat(r.getRule()).contains("self.sentinel.quorum <= self.replicas");
          assertThat(r.getMessage()).startsWith("sentinel.quorum must not exceed replicas");
        });
    assertThat(GeneratedCrd.at("spec.sentinel.quorum").getMinimum()).isEqualTo(1.0);
  }

  @Test
  void ownedRedisConfigKeysAreRefusedByName() {
    var config = GeneratedCrd.at("spec.redis.config");
    for (String key : OwnedRedisConfig.KEYS) {
      assertThat(config.getXKubernetesValidations()).as(key).anySatisfy(r -> {
        assertThat(r.getRule()).isEqualTo("!('" + key + "' in self)");
        assertThat(r.getMessage()).isEqualTo("redis.config may not set " + key + ": the operator owns this directive");
      });
    }
    assertThat(config.getXKubernetesValidations().get(0).getRule()).contains("k.matches('^[a-z][a-z0-9-]*$')");
    assertThat(config.getAdditionalProperties().getSchema().getPattern()).isEqualTo("^[^\\r\\n]*$");
    assertThat(config.getMaxProperties()).isEqualTo(64L);
    assertThat(OwnedRedisConfig.KEYS).contains("replicaof", "port", "bind", "dir", "requirepass", "masterauth",
        "replica-announce-ip");
  }

  @Test
  void persistenceShapeIsImmutable() {
    assertThat(GeneratedCrd.at("spec.redis.persistence").getXKubernetesValidations())
        .extracting(ValidationRule::getRule)
        .contains("self.enabled == oldSelf.enabled",
            "!has(oldSelf.storageClassName) || (has(self.storageClassName) "
                + "&& self.storageClassName == oldSelf.storageClassName)");
  }

  @Test
  void timersHaveSaneBounds() {
    assertThat(GeneratedCrd.at("spec.sentinel.downAfterMilliseconds").getMinimum()).isEqualTo(100.0);
    assertThat(GeneratedCrd.at("spec.sentinel.downAfterMilliseconds").getMaximum()).isEqualTo(600000.0);
    assertThat(GeneratedCrd.at("spec.sentinel.failoverTimeoutMilliseconds").getMinimum()).isEqualTo(1000.0);
    assertThat(GeneratedCrd.at("spec.sentinel.parallelSyncs").getMinimum()).isEqualTo(1.0);
    assertThat(GeneratedCrd.at("spec.sentinel").getXKubernetesValidations()).extracting(ValidationRule::getRule)
        .containsExactly("self.failoverTimeoutMilliseconds >= self.downAfterMilliseconds");
  }

  @Test
  void operatorOwnedLabelsAreRefused() {
    assertThat(GeneratedCrd.at("spec.pod.labels").getXKubernetesValidations()).singleElement()
        .satisfies(r -> assertThat(r.getRule()).isEqualTo("self.all(k, !k.startsWith('rfg.dev/'))"));
  }

  private static void collectUndescribed(String path, JSONSchemaProps node, List<String> out) {
    if (node.getProperties() != null) {
      node.getProperties().forEach((name, child) -> {
        String childPath = path + "." + name;
        if (child.getDescription() == null || child.getDescription().isBlank()) {
          out.add(childPath);
        }
        collectUndescribed(childPath, child, out);
      });
    }
    if (node.getItems() != null && node.getItems().getSchema() != null) {
      collectUndescribed(path + "[]", node.getItems().getSchema(), out);
    }
  }

  private static void collectRules(JSONSchemaProps node, List<ValidationRule> out) {
    if (node.getXKubernetesValidations() != null) {
      out.addAll(node.getXKubernetesValidations());
    }
    if (node.getProperties() != null) {
      node.getProperties().values().forEach(child -> collectRules(child, out));
    }
  }
}
