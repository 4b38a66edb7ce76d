package dev.rfg.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds status.conditions from the previous ones. lastTransitionTime moves only when a condition's status
 * changes, so `kubectl describe` tells how long a group has been Ready (or not), whatever the messages do.
 */
public final class ConditionSet {

  private final Map<String, Condition> previous = new LinkedHashMap<>();
  private final List<Condition> next = new ArrayList<>();
  private final long generation;
  private final String now;

  public ConditionSet(List<Condition> previous, long generation, String now) {
    if (previous != null) {
      previous.forEach(c -> this.previous.put(c.getType(), c));
    }
    this.generation = generation;
    this.now = now;
  }

  public ConditionSet set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    Condition before = previous.get(type);
    String since = before != null && value.equals(before.getStatus()) && before.getLastTransitionTime() != null
        ? before.getLastTransitionTime() : now;
    next.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
        .withMessage(message == null ? "" : message).withObservedGeneration(generation)
        .withLastTransitionTime(since).build());
    return this;
  }

  public List<Condition> build() {
    return List.copyOf(next);
  }
}
