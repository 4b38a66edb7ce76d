package dev.rfg.operator.status;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.List;

/** A call toward a sentinel or a Redis with each of the {@link Passwords} in turn, the next one only on a refusal. */
public final class PasswordAttempts {

  /** A call with one password. */
  public interface Call<T> {
    T with(String password);
  }

  /** What the call returned, and whether it needed the previous password. */
  public record Result<T>(T value, boolean previous) {
  }

  private PasswordAttempts() {
  }

  public static <T> Result<T> call(Passwords passwords, Call<T> call) {
    List<String> toTry = passwords.toTry();
    RuntimeException refused = null;
    for (int i = 0; i < toTry.size(); i++) {
      try {
        return new Result<>(call.with(toTry.get(i)), i > 0);
      } catch (RuntimeException e) {
        if (!refusal(e)) {
          throw e;
        }
        refused = e;
      }
    }
    throw refused != null ? refused : new IllegalStateException("no password to log in with");
  }

  /** Redis's or a sentinel's answer to a wrong user or password (not a command refused: NOPERM). */
  public static boolean refusal(RuntimeException e) {
    if (e instanceof JedisAccessControlException) {
      return true;
    }
    String m = e instanceof JedisDataException ? e.getMessage() : null;
    return m != null && (m.startsWith("WRONGPASS") || m.startsWith("NOAUTH") || m.startsWith("ERR invalid password"));
  }
}
