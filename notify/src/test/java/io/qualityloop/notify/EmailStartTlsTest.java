package io.qualityloop.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * STARTTLS against a real SMTP server that requires it (SubEthaSMTP: no mail before STARTTLS, no
 * mail before login), with a certificate for 127.0.0.1 (a test resource made by keytool): the
 * message goes through when the certificate is in {@code notify.email.truststore}, and is refused,
 * with nothing sent, when the channel trusts only the JDK's certificates.
 */
class EmailStartTlsTest {
  private static final String PASSWORD = "smtp-test-pw";
  @TempDir static Path dir;
  private static SMTPServer server;
  private static Path trustStore;
  private static final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    // made once (a keytool run takes seconds): keytool -genkeypair -alias smtp -keyalg EC
    // -groupname secp256r1 -dname CN=127.0.0.1
    //   -ext SAN=ip:127.0.0.1 -validity 36500 -storetype PKCS12 -keystore smtp-test.p12 -storepass
    // smtp-test-pw
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = EmailStartTlsTest.class.getResourceAsStream("/smtp-test.p12")) {
      keys.load(in, PASSWORD.toCharArray());
    }
    // what an operator does with the mail server's CA certificate (keytool -importcert), in-process
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("smtp-ca", keys.getCertificate("smtp"));
    trustStore = dir.resolve("smtp-trust.p12");
    try (var out = Files.newOutputStream(trustStore)) {
      trusted.store(out, "trust-pw".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server =
        SMTPServer.port(0)
            .bindAddress(InetAddress.getLoopbackAddress())
            .hostName("127.0.0.1")
            .requireTLS()
            .startTlsSocketFactory(tls)
            .requireAuth()
            .authenticationHandlerFactory(
                new EasyAuthenticationHandlerFactory(
                    (user, password, context) -> {
                      if (!user.equals("notifier") || !password.equals("pw-123")) {
                        throw new LoginFailedException();
                      }
                    }))
            .messageHandler(
                (context, from, to, data) ->
                    received.add(to + "\n" + new String(data, StandardCharsets.UTF_8)))
            .build();
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static EmailChannel channel(Optional<Path> trust) {
    return new EmailChannel(
        new NotifySettings.EmailSettings(
            "127.0.0.1",
            server.getPortAllocated(),
            Optional.of("notifier"),
            Optional.of("pw-123"),
            "notifier@qualityloop.example",
            true,
            trust,
            Optional.of("trust-pw")),
        Duration.ofSeconds(10));
  }

  @Test
  void startTlsWithTheServersCertificateInTheTrustStoreDelivers() throws Exception {
    int before = received.size();
    SendResult r =
        channel(Optional.of(trustStore))
            .send(new Message("【超时】投诉 C-T1", "STARTTLS 测试\n"), List.of("gm@corp.example"));

    assertThat(r.accepted()).isTrue();
    assertThat(r.answer()).startsWith("250");
    assertThat(received).hasSize(before + 1);
    assertThat(received.get(before)).startsWith("gm@corp.example\n").contains("Subject: =?UTF-8?");
  }

  @Test
  void aCertificateTheChannelDoesNotTrustIsRefusedAndNothingIsSent() {
    int before = received.size();
    assertThatThrownBy(
            () -> channel(Optional.empty()).send(new Message("t", "x"), List.of("gm@corp.example")))
        .hasMessageContaining("SMTP 127.0.0.1:" + server.getPortAllocated())
        .hasMessageContaining("Could not convert socket to TLS");
    assertThat(received).hasSize(before);
  }
}
