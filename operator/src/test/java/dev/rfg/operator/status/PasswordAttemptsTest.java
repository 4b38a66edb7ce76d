package dev.rfg.operator.status;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator tries the Secret's password, then the one before, and the next one only on a refusal. */
class PasswordAttemptsTest {

  @Test
  void thePreviousPasswordIsTriedOnlyWhenTheCurrentOneIsRefused() {
    List<String> tried = new ArrayList<>();
    var r = PasswordAttempts.call(new Passwords("new", "old"), pw -> {
      tried.add(pw);
      if (pw.equals("new")) {
        throw new JedisAccessControlException("WRONGPASS invalid username-password pair or user is disabled.");
      }
      return "answer";
    });
    assertThat(r.value()).isEqualTo("answer");
    assertThat(r.previous()).isTrue();
    assertThat(tried).containsExactly("new", "old");

    var first = PasswordAttempts.call(new Passwords("new", "old"), pw -> pw);
    assertThat(first.value()).isEqualTo("new");
    assertThat(first.previous()).isFalse();
  }

  @Test
  void anUnreachableSentinelIsNotAskedAgainWithAnotherPassword() {
    List<String> tried = new ArrayList<>();
    assertThatThrownBy(() -> PasswordAttempts.call(new Passwords("new", "old"), pw -> {
      tried.add(pw);
      throw new JedisConnectionException("connect timed out");
    })).isInstanceOf(JedisConnectionException.class);
    assertThat(tried).containsExactly("new");
  }

  @Test
  void bothRefusedIsARefusal() {
    assertThatThrownBy(() -> PasswordAttempts.call(new Passwords("new", "new"), pw -> {
      throw new JedisAccessControlException("WRONGPASS");
    })).isInstanceOf(JedisAccessControlException.class);
    assertThat(new Passwords("new", "new").toTry()).containsExactly("new");
    assertThat(new Passwords("new", "old").toString()).doesNotContain("new").doesNotContain("old");
  }
}
