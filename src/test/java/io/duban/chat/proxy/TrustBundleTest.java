package io.duban.chat.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.duban.chat.TrustBundle;
import io.duban.config.ConfigFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extra CA file: trusted on top of the JDK's CAs, and refused with one line when unusable. */
class TrustBundleTest {
  @TempDir Path dir;

  static X509Certificate[] chain(TestCertificates certs) {
    return new X509Certificate[] {certs.server.certificate(), certs.root.certificate()};
  }

  @Test
  void trustsTheBundlesCaAndKeepsTheJdksOwn() throws Exception {
    TestCertificates certs = new TestCertificates();
    TrustBundle bundle = TrustBundle.load(certs.caBundle);
    assertThat(bundle.extraCertificates()).isEqualTo(1);

    bundle.trustManager().checkServerTrusted(chain(certs), "ECDHE_RSA");

    TrustManagerFactory jdk =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    X509TrustManager jdkOwn = (X509TrustManager) jdk.getTrustManagers()[0];
    assertThat(bundle.trustManager().getAcceptedIssuers())
        .hasSize(jdkOwn.getAcceptedIssuers().length + 1)
        .contains(jdkOwn.getAcceptedIssuers())
        .contains(certs.root.certificate());
    assertThatThrownBy(() -> jdkOwn.checkServerTrusted(chain(certs), "ECDHE_RSA"))
        .as("the JDK alone does not trust the test CA")
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void aServerOfAnotherCaIsStillRefused() {
    TestCertificates certs = new TestCertificates();
    TrustBundle bundle = TrustBundle.load(new TestCertificates().caBundle);
    assertThatThrownBy(() -> bundle.trustManager().checkServerTrusted(chain(certs), "ECDHE_RSA"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void severalCertificatesWithCommentsBetween() throws Exception {
    HeldCertificate a = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate b = new HeldCertificate.Builder().certificateAuthority(0).build();
    Path file = dir.resolve("bundle.pem");
    Files.writeString(file, "# A\n" + a.certificatePem() + "\n# B 证书\n" + b.certificatePem());
    assertThat(TrustBundle.load(file).extraCertificates()).isEqualTo(2);
  }

  @Test
  void aMissingEmptyOrBrokenFileIsRefusedNamingTheSetting() throws Exception {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> TrustBundle.load(missing))
        .isInstanceOf(ConfigFileException.class)
        .hasMessage("duban.http.ca-bundle（DUBAN_HTTP_CA_BUNDLE）" + missing + ": 文件不存在");

    Path empty = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
    assertThatThrownBy(() -> TrustBundle.load(empty))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageStartingWith("duban.http.ca-bundle")
        .hasMessageContaining("没有 PEM 格式的证书");

    Path broken =
        Files.writeString(
            dir.resolve("broken.pem"),
            "-----BEGIN CERTIFICATE-----\nAAAABBBBCCCC\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> TrustBundle.load(broken))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("第 1 个证书无法解析");

    assertThatThrownBy(() -> TrustBundle.load(dir))
        .isInstanceOf(ConfigFileException.class)
        .hasMessageContaining("无法读取");
  }
}
