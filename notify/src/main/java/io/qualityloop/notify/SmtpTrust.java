package io.qualityloop.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates the e-mail channel trusts for STARTTLS when the JDK's own are not the right
 * ones: a PKCS12 trust store.
 */
final class SmtpTrust {
  private SmtpTrust() {}

  /**
   * TLS sockets that trust exactly the certificates of {@code file} ({@code
   * notify.email.truststore}); a bad file is a one-line error.
   */
  static SSLSocketFactory socketFactory(Path file, char[] password) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, trust.getTrustManagers(), null);
      return tls.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "notify.email.truststore "
              + file
              + ": cannot read it as PKCS12 ("
              + e.getMessage()
              + "; password in QUALITYLOOP_NOTIFY_EMAIL_TRUSTSTORE_PASSWORD)");
    }
  }
}
