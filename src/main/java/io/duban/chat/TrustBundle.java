package io.duban.chat;

import io.duban.config.ConfigFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The CA certificates a platform's TLS certificate may chain to: the JDK's own plus those of the
 * PEM file in {@code duban.http.ca-bundle} (a private CA of a 政务外网 proxy or a private deployment).
 * A server is trusted when either set trusts it.
 */
public final class TrustBundle {
  static final String KEY = "duban.http.ca-bundle";

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

  private final X509ExtendedTrustManager trustManager;
  private final SSLSocketFactory socketFactory;
  private final int extraCertificates;

  private TrustBundle(X509ExtendedTrustManager trustManager, int extraCertificates) {
    this.trustManager = trustManager;
    this.extraCertificates = extraCertificates;
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      this.socketFactory = context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }

  /**
   * The JDK's CAs plus the certificates of the PEM file; a missing, unreadable or certificate-less
   * file is a {@link ConfigFileException} naming the setting and the file.
   */
  public static TrustBundle load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw problem(file, "文件不存在");
    } catch (IOException e) {
      throw problem(file, "无法读取（" + e.getClass().getSimpleName() + "）");
    }
    List<X509Certificate> certificates = parse(file, text);
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("duban-ca-" + i, certificates.get(i));
      }
      return new TrustBundle(
          new Either(trustManager(null), trustManager(store)), certificates.size());
    } catch (GeneralSecurityException | IOException e) {
      throw problem(file, "证书无法使用（" + e.getMessage() + "）");
    }
  }

  private static List<X509Certificate> parse(Path file, String text) {
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      while (m.find()) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        certificates.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw problem(file, "第 " + (certificates.size() + 1) + " 个证书无法解析（" + e.getMessage() + "）");
    }
    if (certificates.isEmpty()) {
      throw problem(file, "没有 PEM 格式的证书（-----BEGIN CERTIFICATE-----）");
    }
    return certificates;
  }

  private static ConfigFileException problem(Path file, String what) {
    return new ConfigFileException(KEY + "（DUBAN_HTTP_CA_BUNDLE）" + file + ": " + what);
  }

  /** The X.509 trust manager of a key store ({@code null}: the JDK's default CAs). */
  private static X509ExtendedTrustManager trustManager(KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager tm : factory.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  public X509ExtendedTrustManager trustManager() {
    return trustManager;
  }

  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  /** How many certificates the file added. */
  public int extraCertificates() {
    return extraCertificates;
  }

  /** Trusts what the first trusts, else what the second does (the second's error is kept). */
  private static final class Either extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager first;
    private final X509ExtendedTrustManager second;

    Either(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
      this.first = first;
      this.second = second;
    }

    private interface Check {
      void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    private void either(Check check) throws CertificateException {
      try {
        check.run(first);
      } catch (CertificateException e) {
        try {
          check.run(second);
        } catch (CertificateException again) {
          again.addSuppressed(e);
          throw again;
        }
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(tm -> tm.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(tm -> tm.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(tm -> tm.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return Stream.concat(
              Stream.of(first.getAcceptedIssuers()), Stream.of(second.getAcceptedIssuers()))
          .toArray(X509Certificate[]::new);
    }
  }
}
