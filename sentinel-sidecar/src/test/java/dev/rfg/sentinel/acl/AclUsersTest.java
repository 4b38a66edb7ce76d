package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.server.AclCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry: the default user and requirepass, logging in, atomic and in-place changes, deletion, the lines
 * the config rewrite gets, the channel checks, and the ACL log's grouping.
 */
class AclUsersTest {
    @Test
    void theDefaultUserFollowsRequirepass() throws Exception {
        AclUsers users = new AclUsers(AclCatalog.SENTINEL, null);
        assertThat(users.authRequired()).isFalse();
        assertThat(users.authenticate("default", "anything")).isSameAs(users.defaultUser());
        users.syncRequirepass("pw");
        assertThat(users.authRequired()).isTrue();
        assertThat(users.defaultUser().describe()).isEqualTo("on #" + Passwords.hash("pw") + " ~* &* +@all");
        assertThat(users.authenticate("default", "x")).isNull();
        // a password added by ACL SETUSER stays until requirepass changes again, which resets them
        users.commit(users.stage("default", List.of(">extra")));
        users.syncRequirepass("pw");
        assertThat(users.defaultUser().passwords()).hasSize(2);
        users.syncRequirepass("new");
        assertThat(users.defaultUser().passwords()).containsExactly(Passwords.hash("new"));
        users.syncRequirepass(null);
        assertThat(users.defaultUser().nopass()).isTrue();
        users.commit(users.stage("default", List.of("off")));
        assertThat(users.authRequired()).as("default off: everyone must log in").isTrue();
        assertThat(users.authenticate("default", "x")).isNull();
    }

    @Test
    void loginNeedsAnEnabledUserAndOneOfItsPasswords() throws Exception {
        AclUsers users = new AclUsers(AclCatalog.SENTINEL, null);
        users.commit(users.stage("bob", List.of(">one", ">two")));
        assertThat(users.authenticate("bob", "one")).as("off").isNull();
        users.commit(users.stage("bob", List.of("on")));
        assertThat(users.authenticate("bob", "two")).isSameAs(users.get("bob"));
        assertThat(users.authenticate("bob", "three")).isNull();
        assertThat(users.authenticate("nobody", "one")).isNull();
        users.commit(users.stage("bob", List.of("nopass")));
        assertThat(users.authenticate("bob", "")).isNotNull();
    }

    @Test
    void aChangeIsAllOrNothingAndKeepsTheUserObject() throws Exception {
        AclUsers users = new AclUsers(AclCatalog.SENTINEL, null);
        User bob = users.commit(users.stage("bob", List.of("on", ">pw", "+@all")));
        assertThatThrownBy(() -> users.stage("bob", List.of("-@all", "+nosuch"))).isInstanceOf(AclException.class);
        assertThat(bob.describe()).contains("+@all");
        assertThatThrownBy(() -> users.stage("carol", List.of("on", "foo"))).isInstanceOf(AclException.class);
        assertThat(users.get("carol")).isNull();
        assertThat(users.commit(users.stage("bob", List.of("-@all")))).isSameAs(bob);
        assertThat(bob.describe()).endsWith("-@all");
        assertThat(users.all()).extracting(User::name).containsExactly("bob", "default");
        assertThat(users.delete("bob")).isSameAs(bob);
        assertThat(users.delete("bob")).isNull();
        assertThatThrownBy(() -> users.delete("default")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfigGetsTheUsersThatDifferFromTheBuiltInState() throws Exception {
        AclUsers users = new AclUsers(AclCatalog.SENTINEL, "pw");
        assertThat(users.configLines()).isEmpty();
        users.commit(users.stage("zed", List.of("on", ">z", "(~a +ping)")));
        users.commit(users.stage("ann", List.of()));
        assertThat(users.configLines()).containsExactly(List.of("ann", "off", "resetchannels", "-@all"),
                List.of("zed", "on", "#" + Passwords.hash("z"), "resetchannels", "-@all", "(~a", "resetchannels",
                        "-@all", "+ping)"));
        users.commit(users.stage("default", List.of("-@dangerous")));
        assertThat(users.configLines()).extracting(l -> l.get(0)).containsExactly("ann", "default", "zed");
        // a user line starts from reset, which adds sanitize-payload (as in stock): a declared default is written
        AclUsers declared = new AclUsers(AclCatalog.SENTINEL, null);
        declared.load("default", List.of("on", "nopass", "~*", "&*", "+@all"));
        assertThat(declared.configLines())
                .containsExactly(List.of("default", "on", "nopass", "sanitize-payload", "~*", "&*", "+@all"));
    }

    @Test
    void channelPatternsMatchChannelsAndLiterallyPatterns() throws Exception {
        AclUsers users = new AclUsers(AclCatalog.SENTINEL, null);
        User u = users.commit(users.stage("u", List.of("on", "nopass", "+@all", "&news.*", "(&other +subscribe)")));
        CommandCatalog c = AclCatalog.SENTINEL;
        assertThat(Permissions.check(u, c.lookup("subscribe"), List.of("subscribe", "news.a"))).isNull();
        assertThat(Permissions.check(u, c.lookup("subscribe"), List.of("subscribe", "other"))).isNull();
        // each selector must allow the whole command: neither has both channels
        assertThat(Permissions.check(u, c.lookup("subscribe"), List.of("subscribe", "news.a", "other", "y")))
                .isEqualTo(new Permissions.Denial(Permissions.Reason.CHANNEL, 2));
        assertThat(Permissions.check(u, c.lookup("psubscribe"), List.of("psubscribe", "news.*"))).isNull();
        assertThat(Permissions.check(u, c.lookup("psubscribe"), List.of("psubscribe", "news.a")))
                .as("a pattern must equal an ACL pattern").isNotNull();
        assertThat(Permissions.check(u, c.lookup("publish"), List.of("publish", "nope", "msg"))).isNotNull();
        assertThat(Permissions.check(u, c.lookup("unsubscribe"), List.of("unsubscribe", "nope"))).isNull();
        assertThat(Permissions.channelAllowed(u, "other", false)).isTrue();
        users.commit(users.stage("u", List.of("-@all", "+subscribe")));
        assertThat(Permissions.check(u, c.lookup("psubscribe"), List.of("psubscribe", "news.*")))
                .isEqualTo(new Permissions.Denial(Permissions.Reason.COMMAND, 0));
    }

    @Test
    void theLogGroupsLikeEntriesAndKeepsTheNewest() {
        AclLog log = new AclLog();
        log.add(Permissions.Reason.AUTH, "AUTH", "bob", 1_000, "c1");
        log.add(Permissions.Reason.COMMAND, "ping", "bob", 2_000, "c2");
        log.add(Permissions.Reason.AUTH, "AUTH", "bob", 3_000, "c3");
        assertThat(log.newest(10)).extracting(AclLog.Entry::object, AclLog.Entry::count, AclLog.Entry::clientInfo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AUTH", 2L, "c3"),
                        org.assertj.core.groups.Tuple.tuple("ping", 1L, "c2"));
        log.add(Permissions.Reason.AUTH, "AUTH", "bob", 70_000, "c4");
        assertThat(log.newest(10)).hasSize(3);
        assertThat(log.newest(-1)).isEmpty();
        for (int i = 0; i < 200; i++) {
            log.add(Permissions.Reason.COMMAND, "cmd" + i, "bob", 100_000, "c");
        }
        assertThat(log.newest(1000)).hasSize(AclLog.MAX_LEN);
        assertThat(log.newest(1).getFirst().object()).isEqualTo("cmd199");
        log.reset();
        assertThat(log.newest(10)).isEmpty();
    }
}
