package io.qualityloop.reports.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The drill-down's TLS: a server certificate and its key from a PKCS12 keystore ({@code
 * serve.tls.keystore}).
 */
public final class Tls {
  private Tls() {}

  /**
   * A TLS context serving the keystore's key; a one-line error when the file or its password is
   * wrong.
   */
  public static SSLContext fromPkcs12(Path keystore, char[] password) {
    if (!Files.isRegularFile(keystore)) {
      throw new IllegalArgumentException(
          "the TLS keystore " + keystore + " (serve.tls.keystore) does not exist");
    }
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot use the TLS keystore "
              + keystore
              + " (a PKCS12 file and its password,"
              + " serve.tls.keystore-password): "
              + e.getMessage(),
          e);
    }
  }
}
