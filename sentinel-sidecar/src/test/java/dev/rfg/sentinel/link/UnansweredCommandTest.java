package dev.rfg.sentinel.link;

import dev.rfg.sentinel.resp.Reply;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A command Redis answers with nothing must not shift which reply goes to which later command. */
class UnansweredCommandTest {

    @Test
    void repliesStayPairedWhetherTheCommandIsAnsweredOrNot() {
        EmbeddedChannel ch = new EmbeddedChannel();
        RedisConnection conn = FakeLinks.connected(ch);
        List<Reply> infos = new ArrayList<>();

        // Accepted: Redis answers nothing, then PONG, then INFO's text.
        conn.sendUnanswered(List.of("REPLCONF", "GETACK", "*"), "PING");
        conn.sendNow(List.of("INFO"), infos::add);
        ch.writeInbound(new SimpleStringRedisMessage("PONG"));
        ch.writeInbound(bulk("role:slave"));

        // Refused (an ACL without REPLCONF): its error, then PONG, then INFO's text.
        conn.sendUnanswered(List.of("REPLCONF", "GETACK", "*"), "PING");
        conn.sendNow(List.of("INFO"), infos::add);
        ch.writeInbound(new ErrorRedisMessage("NOPERM this user has no permissions to run the 'replconf' command"));
        ch.writeInbound(new SimpleStringRedisMessage("PONG"));
        ch.writeInbound(bulk("role:master"));

        assertThat(infos).extracting(r -> ((Reply.Bulk) r).text()).containsExactly("role:slave", "role:master");
        assertThat(conn.pendingCommands()).isZero();
        assertThat(FakeLinks.sentCommands(ch)).containsExactly(List.of("REPLCONF", "GETACK", "*"), List.of("PING"),
                List.of("INFO"), List.of("REPLCONF", "GETACK", "*"), List.of("PING"), List.of("INFO"));
    }

    private static FullBulkStringRedisMessage bulk(String text) {
        return new FullBulkStringRedisMessage(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }
}
