package dev.rfg.sentinel.server;

import dev.rfg.sentinel.config.SentinelConfig;
import dev.rfg.sentinel.engine.Sentinel;
import dev.rfg.sentinel.engine.SentinelEngine;
import dev.rfg.sentinel.events.EventBus;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rfg.sentinel.server.InProcessClients.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users at the server, in-process (embedded channels): who must log in, NOPERM, the ACL log, and the connections
 * closed by DELUSER, CLIENT KILL USER and revoked channels; the replies are stock's (taken from a stock
 * redis-sentinel 7.0.15 on loopback with the same requests).
 */
class AclServerTest {
    @TempDir
    Path dir;
    private SentinelConfig cfg;
    private ServerContext ctx;
    private Dispatcher dispatcher;

    @BeforeEach
    void setUp() {
        cfg = new SentinelConfig();
        cfg.file = dir.resolve("sentinel.conf");
        EmbeddedChannel loop = new EmbeddedChannel();
        Sentinel s = new Sentinel(cfg, new EventBus(), loop.eventLoop());
        SentinelEngine engine = new SentinelEngine(s);
        engine.load();
        ctx = new ServerContext(s, engine);
        dispatcher = new Dispatcher(ctx);
    }

    private EmbeddedChannel client() {
        return InProcessClients.client(ctx, dispatcher);
    }


    @Test
    void aRestrictedUserGetsNopermAndTheLogSaysWhy() {
        EmbeddedChannel admin = client();
        assertThat(send(admin, "ACL", "SETUSER", "al", "on", ">pw", "-@all", "+acl|whoami", "+subscribe", "&foo*",
                "+publish")).isEqualTo("+OK\r\n");
        EmbeddedChannel al = client();
        assertThat(send(al, "AUTH", "al", "bad"))
                .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        assertThat(send(al, "auth", "al", "pw")).isEqualTo("+OK\r\n");
        assertThat(send(al, "ACL", "WHOAMI")).isEqualTo("$2\r\nal\r\n");
        assertThat(send(al, "CLIENT", "ID"))
                .isEqualTo("-NOPERM this user has no permissions to run the 'client|id' command\r\n");
        assertThat(send(al, "SUBSCRIBE", "foox", "bar")).isEqualTo("-NOPERM this user has no permissions to access "
                + "one of the channels used as arguments\r\n");
        assertThat(send(al, "PSUBSCRIBE", "foo*"))
                .isEqualTo("-NOPERM this user has no permissions to run the 'psubscribe' command\r\n");
        assertThat(send(al, "CLIENT", "INFO")).as("ran nothing").startsWith("-NOPERM");
        String log = send(admin, "ACL", "LOG");
        assertThat(log).startsWith("*5\r\n*14\r\n$5\r\ncount\r\n:1\r\n$6\r\nreason\r\n$7\r\ncommand\r\n"
                + "$7\r\ncontext\r\n"
                + "$8\r\ntoplevel\r\n$6\r\nobject\r\n$11\r\nclient|info\r\n$8\r\nusername\r\n$2\r\nal\r\n"
                + "$11\r\nage-seconds\r\n$");
        assertThat(log).contains("$6\r\nobject\r\n$3\r\nbar\r\n").contains("$6\r\nobject\r\n$4\r\nAUTH\r\n")
                .contains(" cmd=auth user=default ").contains(" cmd=client|info user=al ");
        assertThat(send(admin, "ACL", "DRYRUN", "al", "publish", "bar", "x"))
                .isEqualTo("$56\r\nThis user has no permissions to access the 'bar' channel\r\n");
        assertThat(send(admin, "ACL", "LOG", "RESET")).isEqualTo("+OK\r\n");
        assertThat(send(admin, "ACL", "LOG")).isEqualTo("*0\r\n");
    }

    @Test
    void withTheDefaultUserOffEveryNewConnectionMustLogIn() {
        EmbeddedChannel admin = client();
        send(admin, "ACL", "SETUSER", "t", "on", ">s", "+@all");
        send(admin, "ACL", "SETUSER", "default", "off");
        assertThat(send(admin, "PING")).as("connected before: still logged in").isEqualTo("+PONG\r\n");
        EmbeddedChannel c = client();
        assertThat(send(c, "ACL", "WHOAMI")).isEqualTo("-NOAUTH Authentication required.\r\n");
        assertThat(send(c, "AUTH", "x")).startsWith("-ERR AUTH <password> called without any password configured");
        assertThat(send(c, "HELLO", "3", "SETNAME", "foo")).startsWith("-NOAUTH HELLO must be called");
        assertThat(send(c, "HELLO", "2", "AUTH", "t", "s")).startsWith("*12\r\n$6\r\nserver\r\n");
        assertThat(send(c, "CLIENT", "GETNAME")).as("SETNAME took effect before NOAUTH").isEqualTo("$3\r\nfoo\r\n");
        assertThat(send(admin, "CLIENT", "KILL", "USER", "default", "SKIPME", "no")).isEqualTo(":1\r\n");
        assertThat(admin.isActive()).isFalse();
        assertThat(c.isActive()).isTrue();
        assertThat(send(c, "CLIENT", "KILL", "USER", "nobody")).isEqualTo("-ERR No such user 'nobody'\r\n");
        assertThat(send(c, "ACL", "DELUSER", "default", "t"))
                .isEqualTo("-ERR The 'default' user cannot be removed\r\n");
        send(c, "ACL", "SETUSER", "default", "on");
        EmbeddedChannel other = client();
        assertThat(send(other, "PING")).isEqualTo("+PONG\r\n");
        // DELUSER of its own user: the reply, then the connection closes
        assertThat(send(c, "ACL", "DELUSER", "t", "nobody")).isEqualTo(":1\r\n");
        assertThat(c.isActive()).isFalse();
        assertThat(send(other, "ACL", "USERS")).isEqualTo("*1\r\n$7\r\ndefault\r\n");
    }

    @Test
    void revokedChannelsCloseTheUsersSubscribersAndChangesAreSaved() throws Exception {
        EmbeddedChannel admin = client();
        send(admin, "ACL", "SETUSER", "sub", "on", "nopass", "+@all", "&a*");
        EmbeddedChannel s = client();
        send(s, "AUTH", "sub", "x");
        assertThat(send(s, "SUBSCRIBE", "ab")).startsWith("*3\r\n$9\r\nsubscribe\r\n");
        send(admin, "ACL", "SETUSER", "sub", "&b*");
        assertThat(s.isActive()).as("a* still allowed").isTrue();
        send(admin, "ACL", "SETUSER", "sub", "resetchannels", "&b*");
        assertThat(s.isActive()).isFalse();
        assertThat(Files.readString(cfg.file)).contains("user sub on nopass resetchannels &b* +@all\n")
                .doesNotContain("user default");
        send(admin, "ACL", "DELUSER", "sub");
        assertThat(Files.readString(cfg.file)).doesNotContain("user ");
    }

    @Test
    void aChangedRequirepassIsTheDefaultUsersPassword() {
        cfg.requirepass = "one";
        EmbeddedChannel c = client();
        assertThat(send(c, "AUTH", "one")).isEqualTo("+OK\r\n");
        cfg.requirepass = "two";
        EmbeddedChannel d = client();
        assertThat(send(d, "PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
        assertThat(send(d, "AUTH", "one")).startsWith("-WRONGPASS");
        assertThat(send(d, "AUTH", "default", "two")).isEqualTo("+OK\r\n");
        assertThat(send(c, "PING")).as("logged in before").isEqualTo("+PONG\r\n");
    }
}
