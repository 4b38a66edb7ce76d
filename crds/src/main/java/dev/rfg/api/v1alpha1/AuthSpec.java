package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The password itself never appears in the spec: only where to find it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthSpec {

  @JsonPropertyDescription("Name of an existing Secret in the group's namespace that holds the Redis password.")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  private String secretName;

  @JsonPropertyDescription("Key in that Secret whose value is the password. Default password.")
  @Default("password")
  @Pattern("^[-._a-zA-Z0-9]+$")
  private String key = "password";

  public String getSecretName() { return secretName; }
  public void setSecretName(String secretName) { this.secretName = secretName; }
  public String getKey() { return key; }
  public void setKey(String key) { this.key = key; }
}
