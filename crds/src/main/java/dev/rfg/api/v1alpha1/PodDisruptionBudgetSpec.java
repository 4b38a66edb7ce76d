package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodDisruptionBudgetSpec {

  @JsonPropertyDescription("Create a PodDisruptionBudget with maxUnavailable 1. Default true.")
  @Default("true")
  private Boolean enabled = true;

  public Boolean getEnabled() { return enabled; }
  public void setEnabled(Boolean enabled) { this.enabled = enabled; }
}
