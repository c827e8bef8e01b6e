package io.duban.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a socket: a request line exactly as given (a client library would
 * refuse a bad % escape), and requests that announce a body and stop, as a careful client does
 * after "Expect: 100-continue" (the JDK 17 client hangs when such a request gets a final answer
 * with a body, so it cannot check a 413's reason).
 */
public final class RawHttp {
  private RawHttp() {}

  /** Sends the request line and headers (plus Host and Connection: close); the raw answer. */
  public static String send(URL base, String requestLine, String... headers) throws Exception {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      StringBuilder req = new StringBuilder(requestLine).append("\r\nHost: localhost\r\n");
      for (String h : headers) {
        req.append(h).append("\r\n");
      }
      req.append("Connection: close\r\n\r\n");
      out.write(req.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      s.getInputStream().transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  /** A POST that declares {@code length} bytes and waits for the server's go-ahead. */
  public static String announce(URL base, String path, long length, String... headers)
      throws Exception {
    String[] all = new String[headers.length + 3];
    all[0] = "Content-Type: application/json";
    all[1] = "Content-Length: " + length;
    all[2] = "Expect: 100-continue";
    System.arraycopy(headers, 0, all, 3, headers.length);
    return send(base, "POST " + path + " HTTP/1.1", all);
  }
}
