package io.qualityloop.app;

import io.qualityloop.jobs.QualityLoopConfig;
import io.qualityloop.notify.AlertNotifier;
import io.qualityloop.notify.ChannelKind;
import io.qualityloop.notify.ChannelTester;
import io.qualityloop.notify.Channels;
import io.qualityloop.notify.NotifySettings;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qualityloop notify test|run}: the alert notifier's channels and the notifier in the
 * foreground.
 */
@Command(
    name = "notify",
    mixinStandardHelpOptions = true,
    description = "Alert notifications on WeCom, DingTalk and e-mail.",
    subcommands = {NotifyCommand.Test.class, NotifyCommand.Run.class})
final class NotifyCommand {
  @ParentCommand QualityLoopCommand parent;

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description =
          "Send a test message to each configured channel and print what its server answered; exit"
              + " 0 when every one accepted it.")
  static final class Test implements Callable<Integer> {
    @ParentCommand private NotifyCommand notify;

    @Option(names = "--channel", description = "Only this channel: wecom, dingtalk or email.")
    private String channel;

    @Option(
        names = "--to",
        split = ",",
        description = "E-mail recipients of the test (default: notify.email.from).")
    private List<String> to;

    @Override
    public Integer call() {
      QualityLoopConfig config = notify.parent.config();
      NotifySettings settings = NotifySettings.from(config);
      ChannelTester tester =
          new ChannelTester(
              settings, Channels.configured(settings, Clock.systemUTC()), Clock.systemUTC());
      if (tester.channels().isEmpty()) {
        notify
            .parent
            .out()
            .println(
                "No channel is configured: set notify.wecom.webhook-url,"
                    + " notify.dingtalk.webhook-url or notify.email.smtp-host.");
        return 1;
      }
      List<String> recipients =
          to != null ? to : settings.email().map(e -> List.of(e.from())).orElse(List.of());
      List<ChannelTester.Outcome> outcomes =
          tester.send(channel == null ? null : ChannelKind.parse(channel), recipients);
      for (ChannelTester.Outcome o : outcomes) {
        notify
            .parent
            .out()
            .printf(
                "%-8s %-8s %s: %s%n",
                o.channel().id(), o.accepted() ? "accepted" : "FAILED", o.target(), o.answer());
      }
      return outcomes.stream().allMatch(ChannelTester.Outcome::accepted) ? 0 : 1;
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Run the notifier in the foreground on kafka.bootstrap.servers until interrupted"
              + " (Ctrl-C).")
  static final class Run implements Callable<Integer> {
    @ParentCommand private NotifyCommand notify;

    @Override
    public Integer call() throws InterruptedException {
      QualityLoopConfig config = notify.parent.config();
      if (config.useEmbeddedKafka()) {
        throw new IllegalArgumentException(
            "notify run reads the alerts of a running Kafka: set kafka.bootstrap.servers");
      }
      CountDownLatch stopped = new CountDownLatch(1);
      AlertNotifier notifier =
          new AlertNotifier(config, config.kafkaBootstrapServers(), Clock.systemUTC()).start();
      // Ctrl-C: the hook stops the notifier (a send under way finishes and is recorded) before the
      // JVM ends
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    notifier.close();
                    stopped.countDown();
                  }));
      notify
          .parent
          .out()
          .println("Notifier running on " + config.kafkaBootstrapServers() + " (Ctrl-C stops it).");
      while (!stopped.await(60, TimeUnit.SECONDS)) {
        notify.parent.out().println(notifier.counts());
      }
      return 0;
    }
  }
}
