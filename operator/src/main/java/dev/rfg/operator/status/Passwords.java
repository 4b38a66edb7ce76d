package dev.rfg.operator.status;

import java.util.ArrayList;
import java.util.List;

/**
 * The passwords the operator tries toward a group's sentinels and Redis: the Secret's, then the one it held before
 * (while the pods move to a new password, a sentinel whose kubelet has not updated its file yet accepts only the
 * old one). Never printed.
 *
 * @param current the Secret's password, or null when it cannot be read
 * @param previous the one before, or null
 * @param admin the sentinels' admin password ({@code NAME-sentinel-admin}), or null: what switchovers log in with
 */
public record Passwords(String current, String previous, String admin) {

  public static final Passwords NONE = new Passwords(null, null);

  public Passwords(String current, String previous) {
    this(current, previous, null);
  }

  public Passwords withAdmin(String adminPassword) {
    return new Passwords(current, previous, adminPassword);
  }

  public static Passwords of(String current) {
    return new Passwords(current, null);
  }

  public boolean known() {
    return current != null;
  }

  /** Newest first, without repeats. */
  public List<String> toTry() {
    List<String> out = new ArrayList<>();
    if (current != null) {
      out.add(current);
    }
    if (previous != null && !previous.equals(current)) {
      out.add(previous);
    }
    return out;
  }

  @Override
  public String toString() {
    return "Passwords[" + toTry().size() + (admin != null ? ", admin" : "") + "]";
  }
}
