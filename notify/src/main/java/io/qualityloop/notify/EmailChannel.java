package io.qualityloop.notify;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * E-mail over SMTP (Eclipse Angus Mail), STARTTLS (the server's certificate checked against the
 * JDK's trusted certificates or {@code notify.email.truststore}) and login when configured; the
 * message text as UTF-8 plain text, with a file attached when one is given (a scheduled report).
 */
public final class EmailChannel implements NotificationChannel {
  private final NotifySettings.EmailSettings settings;
  private final Session session;

  public EmailChannel(NotifySettings.EmailSettings settings, Duration timeout) {
    this.settings = settings;
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", settings.host());
    p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
    p.setProperty("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
    p.setProperty("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    p.setProperty("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
    String ms = Long.toString(timeout.toMillis());
    p.setProperty("mail.smtp.connectiontimeout", ms);
    p.setProperty("mail.smtp.timeout", ms);
    p.setProperty("mail.smtp.writetimeout", ms);
    // the server's certificate must name the host connected to, and chain to a trusted certificate
    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    settings
        .trustStore()
        .ifPresent(
            file ->
                p.put(
                    "mail.smtp.ssl.socketFactory",
                    SmtpTrust.socketFactory(
                        file, settings.trustStorePassword().orElse("").toCharArray())));
    this.session = Session.getInstance(p);
  }

  @Override
  public ChannelKind kind() {
    return ChannelKind.EMAIL;
  }

  @Override
  public int perMinute() {
    return Integer.MAX_VALUE;
  }

  @Override
  public int maxBytes() {
    return Integer.MAX_VALUE;
  }

  @Override
  public SendResult send(Message message, List<String> recipients) throws IOException {
    return send(message, recipients, null);
  }

  /**
   * Sends {@code message} to {@code recipients} with {@code attachment} (a file, e.g. a report's
   * PDF) as a second MIME part when it is not null.
   */
  public SendResult send(Message message, List<String> recipients, Path attachment)
      throws IOException {
    try {
      MimeMessage mail = new MimeMessage(session);
      mail.setFrom(new InternetAddress(settings.from()));
      for (String r : recipients) {
        mail.addRecipient(RecipientType.TO, new InternetAddress(r));
      }
      mail.setSubject(message.title(), StandardCharsets.UTF_8.name());
      if (attachment == null) {
        mail.setText(message.text(), StandardCharsets.UTF_8.name());
      } else {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), StandardCharsets.UTF_8.name());
        MimeBodyPart file = new MimeBodyPart();
        // base64 always: a PDF that happens to be ASCII must not have its line ends rewritten
        file.attachFile(attachment.toFile(), contentType(attachment), "base64");
        file.setFileName(
            MimeUtility.encodeText(
                attachment.getFileName().toString(), StandardCharsets.UTF_8.name(), null));
        mail.setContent(new MimeMultipart(text, file));
      }
      mail.setSentDate(new Date());
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect(
            settings.host(),
            settings.port(),
            settings.username().orElse(null),
            settings.password().orElse(null));
        transport.sendMessage(mail, mail.getAllRecipients());
        String answer =
            transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "sent";
        return new SendResult(true, answer);
      }
    } catch (MessagingException e) {
      throw new IOException(
          "SMTP " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
    }
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".pdf")
        ? "application/pdf"
        : name.endsWith(".html") ? "text/html; charset=UTF-8" : "application/octet-stream";
  }

  @Override
  public String toString() {
    return "SMTP " + settings.host() + ":" + settings.port();
  }
}
