package dev.rfg.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * /healthz (the process serves), /readyz (the operator started and its informers are healthy; a standby
 * replica waiting for the leader Lease is ready too, so a rollout of the Deployment can proceed) and /metrics.
 */
public final class HealthAndMetricsServer implements AutoCloseable {

  private final HttpServer server;

  public HealthAndMetricsServer(int port, Operator operator, PrometheusMeterRegistry registry) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "http");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/healthz", ex -> reply(ex, 200, "ok\n", "text/plain"));
    server.createContext("/readyz", ex -> {
      var runtime = operator.getRuntimeInfo();
      boolean ready = runtime.isStarted() && runtime.allEventSourcesAreHealthy();
      reply(ex, ready ? 200 : 503, ready ? "ok\n" : "unhealthy: " + runtime.unhealthyEventSources() + "\n",
          "text/plain");
    });
    server.createContext("/metrics", ex -> reply(ex, 200, registry.scrape(),
        "text/plain; version=0.0.4; charset=utf-8"));
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void reply(HttpExchange exchange, int code, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
