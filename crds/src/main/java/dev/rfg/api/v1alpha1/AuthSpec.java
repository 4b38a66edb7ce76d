package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** The password itself never appears in the spec: only where to find it, and how a change of it is rolled out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.secretName) || self.key == 'password'",
    message = "spec.auth.key names a key of the Secret in spec.auth.secretName; the generated Secret's key is "
        + "always 'password'")
public class AuthSpec {

  @JsonPropertyDescription("Name of an existing Secret in the group's namespace that holds the Redis password. "
      + "The Secret must carry the annotation rfg.dev/allowed-groups naming this group (comma-separated names, or "
      + "'*'): otherwise it is not mounted, and the group reports why. When absent, the operator generates the Secret NAME-auth. A change of the password in the Secret reaches "
      + "the running pods without a restart: they accept the old and the new one until every pod accepts the new "
      + "one, then the old one keeps working for previousPasswordGraceSeconds.")
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  private String secretName;

  @JsonPropertyDescription("Key in that Secret whose value is the password. Default password.")
  @Default("password")
  @Pattern("^[-._a-zA-Z0-9]+$")
  private String key = "password";

  @JsonPropertyDescription("After a password change, how long the old password keeps working once every pod "
      + "accepts the new one, in seconds, so that applications reading the same Secret can move over. At least 10 "
      + "s are always left. Default 300.")
  @Default("300")
  @Min(0)
  @Max(86400)
  private Integer previousPasswordGraceSeconds = 300;

  @JsonPropertyDescription("Redis ACL users for applications, each with its own rules and a password from a Secret. "
      + "They also exist on the sentinel port with the rights to find the master (SENTINEL "
      + "GET-MASTER-ADDR-BY-NAME and the +switch-master channel), so an application never needs the group's "
      + "password. Names are unique.")
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @Size(max = 32)
  @ValidationRule(value = "self.all(u, self.exists_one(v, v.name == u.name))",
      message = "spec.auth.users: each name once")
  private java.util.List<AclUserSpec> users = new java.util.ArrayList<>();

  public java.util.List<AclUserSpec> getUsers() { return users; }
  public void setUsers(java.util.List<AclUserSpec> users) { this.users = users; }
  public Integer getPreviousPasswordGraceSeconds() { return previousPasswordGraceSeconds; }
  public void setPreviousPasswordGraceSeconds(Integer s) { this.previousPasswordGraceSeconds = s; }
  public String getSecretName() { return secretName; }
  public void setSecretName(String secretName) { this.secretName = secretName; }
  public String getKey() { return key; }
  public void setKey(String key) { this.key = key; }
}
