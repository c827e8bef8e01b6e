package io.duban.chat.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A private CA of the tests and a server certificate it signed for {@code platform.test} (and
 * oa.intranet.test, localhost, 127.0.0.1), with the CA's PEM in a temporary file for {@code
 * duban.http.ca-bundle}.
 */
final class TestCertificates {
  static final String PLATFORM_HOST = "platform.test";

  final HeldCertificate root;
  final HeldCertificate server;
  final Path caBundle;

  TestCertificates() {
    this(
        new HeldCertificate.Builder()
            .certificateAuthority(0)
            .commonName("Duban test root CA")
            .build());
  }

  /** Certificates under a given root (a {@code @QuarkusTest} gets its root from its profile). */
  TestCertificates(HeldCertificate root) {
    this.root = root;
    server =
        new HeldCertificate.Builder()
            .signedBy(root)
            .commonName(PLATFORM_HOST)
            .addSubjectAlternativeName(PLATFORM_HOST)
            .addSubjectAlternativeName("oa.intranet.test")
            .addSubjectAlternativeName("localhost")
            .addSubjectAlternativeName("127.0.0.1")
            .build();
    try {
      caBundle = Files.createTempFile("duban-test-ca", ".pem");
      // a bundle may carry comments between its certificates, as system bundles do
      Files.writeString(caBundle, "# 测试根证书\n" + root.certificatePem());
      caBundle.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a MockWebServer serves TLS with: the server certificate and its chain. */
  HandshakeCertificates serverSide() {
    return new HandshakeCertificates.Builder().heldCertificate(server, root.certificate()).build();
  }
}
