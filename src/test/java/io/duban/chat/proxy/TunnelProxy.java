package io.duban.chat.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP forward proxy for tests: answers {@code CONNECT host:port} only with the expected
 * {@code Proxy-Authorization: Basic} (else 407 with a Basic challenge, on the same connection),
 * maps every host to 127.0.0.1 (so a test platform can be called by a name that is not loopback)
 * and tunnels bytes both ways. Counts tunnels and refused attempts.
 */
final class TunnelProxy implements AutoCloseable {
  final AtomicInteger tunnels = new AtomicInteger();
  final AtomicInteger authFailures = new AtomicInteger();
  final AtomicInteger unauthenticatedConnects = new AtomicInteger();

  /** The targets of the tunnels opened, {@code host:port}. */
  final List<String> targets = new CopyOnWriteArrayList<>();

  private final ServerSocket server;
  private volatile String expectedAuthorization;

  TunnelProxy(String user, String password) throws IOException {
    this(user, password, 0);
  }

  /** A proxy on this port (0: any free one). */
  TunnelProxy(String user, String password, int port) throws IOException {
    expect(user, password);
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    Thread accept = new Thread(this::acceptLoop, "test-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  /** The credentials the proxy wants from now on. */
  void expect(String user, String password) {
    expectedAuthorization = okhttp3.Credentials.basic(user, password, StandardCharsets.UTF_8);
  }

  int port() {
    return server.getLocalPort();
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Thread t = new Thread(() -> serve(client), "test-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) {
        List<String> head = readHead(in);
        if (head == null) {
          return;
        }
        String[] requestLine = head.get(0).split(" ");
        if (!requestLine[0].equals("CONNECT")) {
          out.write(answer("502 Only CONNECT here"));
          return;
        }
        String auth = header(head, "proxy-authorization");
        if (auth == null) {
          unauthenticatedConnects.incrementAndGet();
        }
        if (!expectedAuthorization.equals(auth)) {
          if (auth != null) {
            authFailures.incrementAndGet();
          }
          out.write(
              ("HTTP/1.1 407 Proxy Authentication Required\r\n"
                      + "Proxy-Authenticate: Basic realm=\"x\"\r\n"
                      + "Content-Length: 0\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          continue;
        }
        tunnel(client, requestLine[1]);
        return;
      }
    } catch (IOException e) {
      // a client that went away
    }
  }

  private void tunnel(Socket client, String target) throws IOException {
    int colon = target.lastIndexOf(':');
    int port = Integer.parseInt(target.substring(colon + 1));
    // every name is this machine: the proxy, not the client, decides where a name goes
    try (Socket upstream = new Socket()) {
      upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      targets.add(target);
      tunnels.incrementAndGet();
      client.getOutputStream().write(answer("200 Connection established"));
      client.getOutputStream().flush();
      Thread back = pipe(upstream.getInputStream(), client.getOutputStream(), client);
      pipe(client.getInputStream(), upstream.getOutputStream(), upstream).join();
      back.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] answer(String status) {
    return ("HTTP/1.1 " + status + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static Thread pipe(InputStream from, OutputStream to, Socket closeAfter) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException e) {
                // either side closed
              }
              try {
                closeAfter.shutdownOutput();
              } catch (IOException e) {
                // already closed
              }
            },
            "test-proxy-pipe");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** The request line and header lines up to the blank line; null at the end of the stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).replaceAll("\r$", "");
        line.reset();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
      } else {
        line.write(b);
      }
    }
    return null;
  }

  private static String header(List<String> head, String name) {
    for (String line : head.subList(1, head.size())) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
