package dev.rfg.sentinel.acl;

import dev.rfg.sentinel.config.ConfigException;
import dev.rfg.sentinel.config.ConfigFileWriter;
import dev.rfg.sentinel.config.ConfigParser;
import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.server.AclCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code user} lines: loaded after requirepass, refused with file and line, written back by the rewrite. */
class ConfigUsersTest {
    private static final String MONITOR = "sentinel monitor m 127.0.0.1 6379 1\n";

    @Test
    void userLinesAreLoadedAfterRequirepassAndDefaultIsResetFirst(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, "user default on >mine +@all\nrequirepass pw\nuser bob on >b ~* &* -@all +ping\n"
                + MONITOR);
        AclUsers users = ConfigUsers.load(ConfigParser.parse(f), AclCatalog.SENTINEL);
        assertThat(users.defaultUser().describe())
                .isEqualTo("on sanitize-payload #" + Passwords.hash("mine") + " resetchannels +@all");
        assertThat(users.authenticate("default", "pw")).isNull();
        assertThat(users.authenticate("bob", "b")).isNotNull();
    }

    @Test
    void aBadUserLineNamesTheFileTheLineAndTheRule(@TempDir Path dir) throws Exception {
        assertThat(failure(dir, "port 0\nuser bob on +nosuch\n")).contains("sentinel.conf, at line 2")
                .contains(">>> 'user bob on +nosuch'")
                .endsWith("Error in user declaration '+nosuch': Unknown command or category name in ACL");
        assertThat(failure(dir, "user bob on foo\n")).endsWith("Error in user declaration 'foo': Syntax error");
        assertThat(failure(dir, "user bob on (~a\n")).endsWith("'(~a': Unmatched parenthesis in acl selector");
        assertThat(failure(dir, "user bob on\nuser bob off\n")).contains("at line 2").endsWith("Error in user "
                + "declaration 'bob': Duplicate user found. A user can only be defined once in config files");
        assertThat(failure(dir, "user \"b b\" on\n")).endsWith("Spaces not allowed in ACL usernames");
        assertThat(failure(dir, "user\n")).endsWith("Bad directive or wrong number of arguments");
    }

    private static String failure(Path dir, String body) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, body + MONITOR);
        try {
            ConfigUsers.load(ConfigParser.parse(f), AclCatalog.SENTINEL);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void theRewriteWritesChangedUsersInPlaceAndAgainGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        Files.writeString(f, "# mine\nuser bob on >b -@all +ping\nport 0\n" + MONITOR);
        SentinelConfig cfg = state(ConfigParser.parse(f));
        AclUsers users = ConfigUsers.load(cfg, AclCatalog.SENTINEL);
        users.commit(users.stage("ann", List.of("on", "nopass", "+@all")));
        rewrite(cfg, users);
        String first = Files.readString(f);
        assertThat(first).startsWith("# mine\nuser bob on #" + Passwords.hash("b") + " resetchannels -@all +ping\n"
                + "port 0\n").contains("\nuser ann on nopass resetchannels +@all\nsentinel myid ")
                .doesNotContain(">b");
        for (int i = 0; i < 2; i++) {
            SentinelConfig again = state(ConfigParser.parse(f));
            rewrite(again, ConfigUsers.load(again, AclCatalog.SENTINEL));
            assertThat(Files.readString(f)).isEqualTo(first);
        }
        users.delete("bob");
        rewrite(cfg, users);
        assertThat(Files.readString(f)).doesNotContain("user bob").startsWith("# mine\nport 0\n");
    }

    @Test
    void withoutPersistedSecretsTheFilesUserLinesStayAsTheyAre(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sentinel.conf");
        String body = "user bob on >b\n" + MONITOR;
        Files.writeString(f, body);
        SentinelConfig cfg = state(ConfigParser.parse(f));
        AclUsers users = ConfigUsers.load(cfg, AclCatalog.SENTINEL);
        users.commit(users.stage("ann", List.of("on", ">secret")));
        users.delete("bob");
        cfg.writeUsers = false;
        rewrite(cfg, users);
        assertThat(Files.readString(f)).startsWith(body).doesNotContain("user ann");
    }

    private static SentinelConfig state(SentinelConfig c) {
        c.myId = "a".repeat(40);
        return c;
    }

    private static void rewrite(SentinelConfig cfg, AclUsers users) throws Exception {
        cfg.users.clear();
        cfg.users.addAll(ConfigUsers.lines(users));
        ConfigFileWriter.rewrite(cfg);
    }
}
