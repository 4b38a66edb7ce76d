package dev.rfg.operator.render;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;

/** Prefer one pod per node, so losing a node loses one member; soft, so a one-node cluster still runs. */
public final class DefaultAffinity {

  private DefaultAffinity() {
  }

  public static Affinity spreadAcrossNodes(String group) {
    return new AffinityBuilder().withNewPodAntiAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(100)
        .withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector().withMatchLabels(GroupLabels.selector(group)).endLabelSelector()
        .endPodAffinityTerm()
        .endPreferredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity().build();
  }
}
