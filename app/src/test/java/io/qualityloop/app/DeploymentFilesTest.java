package io.qualityloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.qualityloop.jobs.ClusterJob;
import io.qualityloop.jobs.QualityLoopConfig;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The deployment files of {@code deploy/} (Docker does not run here): their lines and YAML are read
 * and checked against the build and the code: the job jar's name and entry class as {@code
 * streaming-jobs/pom.xml} builds it, the service jar and launcher, the Flink version on the
 * classpath, the Flink options of this version, and every key of the job's configuration as {@link
 * QualityLoopConfig} knows it.
 */
class DeploymentFilesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void theJobImageIsTheOfficialFlinkImageOfTheBuildsVersionWithTheJobJarInUsrlibAndTheS3Plugin()
      throws Exception {
    String jar = jobJarName();
    assertThat(jar).isEqualTo("qualityloop-flink-job.jar");
    List<String> lines = instructions(ROOT.resolve("deploy/flink-job.Dockerfile"));
    assertThat(lines).contains("FROM flink:" + EnvironmentInformation.getVersion() + "-java17");
    assertThat(copies(lines))
        .containsEntry("streaming-jobs/target/" + jar, "/opt/flink/usrlib/" + jar);
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("RUN ")
                    .contains("/opt/flink/plugins/s3-fs-hadoop")
                    .contains("cp /opt/flink/opt/flink-s3-fs-hadoop-*.jar"));
    assertDockerContextHolds(copies(lines).keySet());
  }

  @Test
  void theFlinkDeploymentRunsTheEntryClassInApplicationModeStateOnObjectStorageUpgradeBySavepoint()
      throws Exception {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    try (var parser =
        new YAMLMapper()
            .readerFor(JsonNode.class)
            .readValues(ROOT.resolve("deploy/flink-deployment.yaml").toFile())) {
      while (parser.hasNext()) {
        JsonNode doc = (JsonNode) parser.next();
        docs.put(doc.path("kind").asText(), doc);
      }
    }
    assertThat(docs).containsOnlyKeys("ConfigMap", "FlinkDeployment");
    JsonNode deployment = docs.get("FlinkDeployment");
    assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
    JsonNode spec = deployment.path("spec");
    String[] version = EnvironmentInformation.getVersion().split("\\.");
    assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + version[0] + "_" + version[1]);

    // application mode: the job is in the deployment, its jar in the image
    JsonNode job = spec.path("job");
    assertThat(job.path("jarURI").asText()).isEqualTo("local:///opt/flink/usrlib/" + jobJarName());
    assertThat(job.path("entryClass").asText())
        .isEqualTo(jobMainClass())
        .isEqualTo(ClusterJob.class.getName());
    Method main = ClusterJob.class.getMethod("main", String[].class);
    assertThat(Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers()))
        .isTrue();
    assertThat(job.path("upgradeMode").asText()).isEqualTo("savepoint");
    assertThat(job.path("state").asText()).isEqualTo("running");
    assertThat(spec.has("mode") ? spec.path("mode").asText() : "native").isEqualTo("native");
    List<String> args = new ArrayList<>();
    job.path("args").forEach(a -> args.add(a.asText()));
    assertThat(args).hasSize(2).startsWith("--config");
    Path configFile = Path.of(args.get(1));

    // the Flink options are this Flink version's own keys, state on object storage
    JsonNode flink = spec.path("flinkConfiguration");
    Set<String> knownFlinkKeys =
        Set.of(
            CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
            CheckpointingOptions.SAVEPOINT_DIRECTORY.key(),
            CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION.key(),
            HighAvailabilityOptions.HA_MODE.key(),
            HighAvailabilityOptions.HA_STORAGE_PATH.key(),
            TaskManagerOptions.NUM_TASK_SLOTS.key(),
            CoreOptions.FLINK_JVM_OPTIONS.key());
    List<String> keys = new ArrayList<>();
    flink.fieldNames().forEachRemaining(keys::add);
    assertThat(knownFlinkKeys).containsAll(keys);
    String savepoints = flink.path(CheckpointingOptions.SAVEPOINT_DIRECTORY.key()).asText();
    assertThat(savepoints).startsWith("s3://");
    assertThat(flink.path(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION.key()).asText())
        .isEqualTo("RETAIN_ON_CANCELLATION");
    // the cluster needs the same --add-opens as the launcher
    assertThat(Set.of(flink.path(CoreOptions.FLINK_JVM_OPTIONS.key()).asText().split("\\s+")))
        .isEqualTo(launcherOpens());

    // the job's configuration: a ConfigMap mounted where --config points, every key one
    // QualityLoopConfig knows
    JsonNode configMap = docs.get("ConfigMap");
    JsonNode container = spec.path("podTemplate").path("spec").path("containers").get(0);
    assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
    Map<String, JsonNode> mounts = new LinkedHashMap<>();
    container.path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m));
    Map<String, JsonNode> volumes = new LinkedHashMap<>();
    spec.path("podTemplate")
        .path("spec")
        .path("volumes")
        .forEach(v -> volumes.put(v.path("name").asText(), v));
    JsonNode configMount =
        mounts.values().stream()
            .filter(m -> m.path("mountPath").asText().equals(configFile.toString()))
            .findFirst()
            .orElseThrow();
    String fileName = configMount.path("subPath").asText();
    assertThat(fileName).isEqualTo(configFile.getFileName().toString());
    assertThat(
            volumes.get(configMount.path("name").asText()).path("configMap").path("name").asText())
        .isEqualTo(configMap.path("metadata").path("name").asText());
    String properties = configMap.path("data").path(fileName).asText();
    Path written = Files.writeString(tmp.resolve(fileName), properties);
    QualityLoopConfig config =
        QualityLoopConfig.load(written, Map.of(), configFile.getParent()); // an unknown key throws
    Properties raw = new Properties();
    raw.load(new StringReader(properties));
    assertThat(raw.stringPropertyNames())
        .contains(
            "kafka.bootstrap.servers",
            "lake.root",
            "lake.reference-dir",
            "flink.checkpoint-dir",
            "privacy.pseudonym-key-file");
    assertThat(config.kafkaBootstrapServers()).isNotBlank();
    assertThat(config.lakeLocation()).startsWith("s3://");
    assertThat(config.checkpointLocation())
        .startsWith("s3://")
        .isEqualTo(flink.path(CheckpointingOptions.CHECKPOINTS_DIRECTORY.key()).asText());
    assertThat(config.lakeJobSettings().parallelism()).isEqualTo(job.path("parallelism").asInt());
    // the reference files and the pseudonym key are mounted where the configuration says
    assertThat(mountPathOf(mounts, volumes, "configMap", "qualityloop-reference"))
        .isEqualTo(config.referenceDir().toString());
    assertThat(mountPathOf(mounts, volumes, "secret", "qualityloop-pseudonym-key"))
        .isEqualTo(config.pseudonymKeyFile().getParent().toString());
    // the check is real: a key the code does not know is refused
    Path wrong =
        Files.writeString(
            tmp.resolve("wrong.properties"), properties + "flink.checkpoint.dir=s3://x\n");
    assertThatThrownBy(() -> QualityLoopConfig.load(wrong, Map.of(), tmp))
        .hasMessageContaining("unknown configuration key 'flink.checkpoint.dir'");
  }

  @Test
  void theServiceImageRunsQualityloopUpWithTheRepositorysLauncherJarAndLibraries()
      throws Exception {
    List<String> lines = instructions(ROOT.resolve("deploy/service.Dockerfile"));
    Map<String, String> copies = copies(lines);
    // the jar the build makes (app/pom.xml finalName) and its libraries (copy-dependencies), where
    // the launcher looks
    Document appPom = pom(ROOT.resolve("app/pom.xml"));
    String appJar =
        "app/target/"
            + appPom.getElementsByTagName("finalName").item(0).getTextContent().trim()
            + ".jar";
    assertThat(appJar).isEqualTo("app/target/qualityloop.jar");
    assertThat(text(appPom, "outputDirectory")).contains("${project.build.directory}/lib");
    String launcher = Files.readString(ROOT.resolve("qualityloop"), StandardCharsets.UTF_8);
    Matcher jarInLauncher = Pattern.compile("jar=\"\\$here/([^\"]+)\"").matcher(launcher);
    assertThat(jarInLauncher.find()).isTrue();
    assertThat(jarInLauncher.group(1)).isEqualTo(appJar);
    String home = "/opt/qualityloop/";
    assertThat(copies)
        .containsEntry("qualityloop", home + "qualityloop")
        .containsEntry(appJar, home + appJar)
        .containsEntry("app/target/lib/", home + "app/target/lib/");
    assertThat(lines).contains("ENTRYPOINT [\"" + home + "qualityloop\"]");
    // the command is `up`, a subcommand the command line has
    String cmd = lines.stream().filter(l -> l.startsWith("CMD ")).findFirst().orElseThrow();
    List<String> command = Arrays.asList(JSON.readValue(cmd.substring(4), String[].class));
    assertThat(command).containsExactly("up");
    assertThat(QualityLoopCommand.commandLine(new QualityLoopCommand()).getSubcommands())
        .containsKey("up");
    // every QUALITYLOOP_ variable is a configuration key (QualityLoopConfig's rule) or one the
    // launcher reads
    Set<String> configEnv =
        defaultKeys().stream()
            .map(
                k ->
                    "QUALITYLOOP_" + k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'))
            .collect(Collectors.toSet());
    Map<String, String> env = new LinkedHashMap<>();
    lines.stream()
        .filter(l -> l.startsWith("ENV "))
        .forEach(
            l -> {
              String[] kv = l.substring(4).split("=", 2);
              env.put(kv[0], kv[1]);
            });
    assertThat(env).containsKeys("QUALITYLOOP_SERVE_HOST", "QUALITYLOOP_SERVE_PORT");
    for (String name : env.keySet()) {
      assertThat(
              configEnv.contains(name)
                  || launcher.contains("$" + name)
                  || launcher.contains("${" + name))
          .as(name)
          .isTrue();
    }
    assertThat(env.get("QUALITYLOOP_SERVE_HOST")).isEqualTo("0.0.0.0");
    assertThat(lines).contains("EXPOSE " + env.get("QUALITYLOOP_SERVE_PORT"));
    assertDockerContextHolds(copies.keySet());
  }

  /**
   * The Dockerfile's instructions, continuation lines joined, comments and blank lines left out.
   */
  private static List<String> instructions(Path dockerfile) throws Exception {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.endsWith("\\")) {
        current.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      current.append(t);
      out.add(current.toString().replaceAll("\\s+", " "));
      current.setLength(0);
    }
    return out;
  }

  /** COPY source -> destination ({@code --chown} and other flags left out). */
  private static Map<String, String> copies(List<String> instructions) {
    Map<String, String> copies = new LinkedHashMap<>();
    for (String l : instructions) {
      if (l.startsWith("COPY ")) {
        List<String> words =
            Arrays.stream(l.substring(5).split(" ")).filter(w -> !w.startsWith("--")).toList();
        assertThat(words).as(l).hasSize(2);
        copies.put(words.get(0), words.get(1));
      }
    }
    return copies;
  }

  /**
   * The build context (.dockerignore) lets in what the images copy, and nothing of config/,
   * secrets/ or the lake.
   */
  private static void assertDockerContextHolds(Set<String> sources) throws Exception {
    List<String> ignore =
        Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(ignore.get(0)).isEqualTo("*");
    for (String source : sources) {
      assertThat(ignore).as(source).contains("!" + source);
    }
    assertThat(ignore)
        .noneMatch(l -> l.contains("config") || l.contains("secrets") || l.contains("lake"));
  }

  private static String mountPathOf(
      Map<String, JsonNode> mounts, Map<String, JsonNode> volumes, String kind, String name) {
    String volume =
        volumes.entrySet().stream()
            .filter(
                v ->
                    v.getValue()
                        .path(kind)
                        .path(kind.equals("secret") ? "secretName" : "name")
                        .asText()
                        .equals(name))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " volume " + name));
    return mounts.get(volume).path("mountPath").asText();
  }

  /** The --add-opens list of the launcher ./qualityloop. */
  private static Set<String> launcherOpens() throws Exception {
    String launcher =
        Files.readString(ROOT.resolve("qualityloop"), StandardCharsets.UTF_8).replace("\\\n", " ");
    Matcher m = Pattern.compile("opens=\"([^\"]+)\"").matcher(launcher);
    assertThat(m.find()).isTrue();
    Set<String> opens = Set.of(m.group(1).trim().split("\\s+"));
    assertThat(opens).hasSize(6).allMatch(o -> o.startsWith("--add-opens=java.base/"));
    return opens;
  }

  private static String jobJarName() throws Exception {
    String output = text(pom(ROOT.resolve("streaming-jobs/pom.xml")), "outputFile");
    return output.substring(output.lastIndexOf('/') + 1);
  }

  private static String jobMainClass() throws Exception {
    return text(pom(ROOT.resolve("streaming-jobs/pom.xml")), "mainClass");
  }

  private static Set<String> defaultKeys() throws Exception {
    Properties p = new Properties();
    try (var in = QualityLoopConfig.class.getResourceAsStream("/qualityloop-defaults.properties")) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p.stringPropertyNames();
  }

  private static Document pom(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  /**
   * The text of the only element {@code tag} of the document (all of them joined when there are
   * several).
   */
  private static String text(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    assertThat(nodes.getLength()).as(tag).isPositive();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(((Element) nodes.item(i)).getTextContent().trim());
    }
    return String.join(" ", texts);
  }
}
