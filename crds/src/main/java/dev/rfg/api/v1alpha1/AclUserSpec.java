package dev.rfg.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A Redis ACL user for applications. Its password comes from a Secret, never from the spec: rules that set or clear
 * passwords are refused, so a password can only ever be in the Secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "self.name != 'default' && !self.name.startsWith('rfg-')",
    message = "spec.auth.users[].name: 'default' is the group's password and names starting with 'rfg-' are RFG's "
        + "own users")
@ValidationRule(value = "!self.rules.matches('(^|\\\\s)[<>#!]')",
    message = "spec.auth.users[].rules must not set passwords (>pass, <pass, #hash, !hash): the password comes from "
        + "passwordSecret")
@ValidationRule(value = "!self.rules.matches('(^|\\\\s)(?i:nopass|resetpass|reset|off)(\\\\s|$)')",
    message = "spec.auth.users[].rules must not use nopass, resetpass, reset or off: the user is always on with the "
        + "password of passwordSecret")
public class AclUserSpec {

  @JsonPropertyDescription("The user's name, as applications log in (AUTH name password). Not 'default' (that is "
      + "the group's password) and not starting with 'rfg-' (RFG's own users).")
  @Required
  @Size(max = 64)
  @Pattern("^[A-Za-z0-9][-._A-Za-z0-9]*$")
  private String name;

  @JsonPropertyDescription("Redis ACL rules in ACL SETUSER syntax, for example '~app:* +@read +@write -@dangerous' "
      + "or '~cache:* resetchannels &cache:* +@all -@admin'. The user starts from no rights ('reset') and is always "
      + "on; password rules are refused. A change reaches the running pods without a restart.")
  @Required
  @Size(max = 4096)
  @Pattern("^[^\\r\\n]*$")
  private String rules;

  @JsonPropertyDescription("Where the user's password is: a key of a Secret in the group's namespace, annotated "
      + "rfg.dev/allowed-groups with this group's name (or '*') by the Secret's owner. A change of "
      + "the password reaches the running pods without a restart; the old one keeps working for "
      + "spec.auth.previousPasswordGraceSeconds.")
  @Required
  private SecretKey passwordSecret;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getRules() { return rules; }
  public void setRules(String rules) { this.rules = rules; }
  public SecretKey getPasswordSecret() { return passwordSecret; }
  public void setPasswordSecret(SecretKey passwordSecret) { this.passwordSecret = passwordSecret; }

  /** A key of a Secret in the group's namespace. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretKey {

    @JsonPropertyDescription("Name of the Secret, in the group's namespace.")
    @Required
    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    private String name;

    @JsonPropertyDescription("Key in that Secret whose value is the password. Default password.")
    @io.fabric8.generator.annotation.Default("password")
    @Pattern("^[-._a-zA-Z0-9]+$")
    private String key = "password";

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
  }
}
