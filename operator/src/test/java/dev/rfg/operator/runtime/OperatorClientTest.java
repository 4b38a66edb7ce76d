package dev.rfg.operator.runtime;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorClientTest {

  private static final KubernetesSerialization SERIALIZATION = OperatorClient.serialization();

  /** A StatefulSet as the API server returns it after the operator's apply: only name and owner uid differ. */
  private static String statefulSet(String name, String ownerUid) {
    return """
        {"apiVersion":"apps/v1","kind":"StatefulSet",
         "metadata":{"name":"%1$s","namespace":"ns","resourceVersion":"7",
          "managedFields":[{"manager":"redisfailovergroupreconciler","operation":"Apply","apiVersion":"apps/v1",
           "fieldsType":"FieldsV1","fieldsV1":{
            "f:metadata":{"f:labels":{".":{},"f:rfg.dev/group":{}},
              "f:ownerReferences":{"k:{\\"uid\\":\\"%2$s\\"}":{}}},
            "f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{
              "k:{\\"name\\":\\"redis\\"}":{".":{},"f:image":{},"f:name":{}},
              "k:{\\"name\\":\\"sentinel\\"}":{".":{},"f:image":{},"f:name":{}}}}}}}}]},
         "spec":{"replicas":3}}
        """.formatted(name, ownerUid);
  }

  private static Map<String, Object> fields(StatefulSet sts) {
    List<ManagedFieldsEntry> entries = sts.getMetadata().getManagedFields();
    return entries.get(0).getFieldsV1().getAdditionalProperties();
  }

  @Test
  void equalFieldSetsOfDifferentObjectsAreOneInstance() {
    StatefulSet a = SERIALIZATION.unmarshal(statefulSet("a", "uid-a"), StatefulSet.class);
    StatefulSet b = SERIALIZATION.unmarshal(statefulSet("b", "uid-b"), StatefulSet.class);

    assertThat(fields(a).get("f:spec")).isSameAs(fields(b).get("f:spec"));
    assertThat(fields(a)).isNotSameAs(fields(b)).isNotEqualTo(fields(b));
    @SuppressWarnings("unchecked")
    var metadataA = (Map<String, Object>) fields(a).get("f:metadata");
    @SuppressWarnings("unchecked")
    var metadataB = (Map<String, Object>) fields(b).get("f:metadata");
    assertThat(metadataA.get("f:labels")).isSameAs(metadataB.get("f:labels"));
    assertThat(metadataA.get("f:ownerReferences")).isNotEqualTo(metadataB.get("f:ownerReferences"));
  }

  @Test
  void fieldSetsKeepTheirOrderAndWriteBackUnchanged() {
    String json = statefulSet("a", "uid-a");
    StatefulSet sts = SERIALIZATION.unmarshal(json, StatefulSet.class);

    @SuppressWarnings("unchecked")
    var labels = (Map<String, Object>) ((Map<String, Object>) fields(sts).get("f:metadata")).get("f:labels");
    assertThat(labels.keySet()).containsExactly(".", "f:rfg.dev/group");
    assertThat(SERIALIZATION.unmarshal(SERIALIZATION.asJson(sts), Map.class))
        .isEqualTo(SERIALIZATION.unmarshal(json, Map.class));
  }

  @Test
  void aSharedFieldSetCannotBeChanged() {
    StatefulSet sts = SERIALIZATION.unmarshal(statefulSet("a", "uid-a"), StatefulSet.class);

    assertThatThrownBy(() -> fields(sts).put("f:status", Map.of())).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void internerHoldsEachDistinctSetOnce() {
    var interner = new ManagedFieldsInterner();
    Map<String, Object> leaf = Map.of();
    var first = interner.intern(Map.of("f:a", Map.of("f:b", leaf), "f:c", leaf));
    var second = interner.intern(Map.of("f:c", leaf, "f:a", Map.of("f:b", leaf)));

    assertThat(second).isSameAs(first);
    assertThat(interner.size()).isEqualTo(3); // {}, {f:b}, {f:a, f:c}
  }
}
