package dev.rfg.sentinel.link;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Only a reset answering the SYN counts as a refusal: the crash fast path must not fire on timeouts. */
class RefusalTest {
    @Test
    void aClosedPortIsARefusal() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Throwable t = catchThrowable(() -> {
            try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                ch.finishConnect();
            }
        });
        assertThat(t).isInstanceOf(ConnectException.class);
        assertThat(Connector.isRefusal(t)).isTrue();
    }

    @Test
    void timeoutsAndMissingRoutesAreNot() {
        assertThat(Connector.isRefusal(new ConnectTimeoutException("connection timed out: /10.0.0.1:6379"))).isFalse();
        assertThat(Connector.isRefusal(new NoRouteToHostException("No route to host"))).isFalse();
        assertThat(Connector.isRefusal(new ConnectException("Connection timed out"))).isFalse();
        assertThat(Connector.isRefusal(null)).isFalse();
    }
}
