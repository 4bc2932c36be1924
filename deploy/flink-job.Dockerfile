# The job image: the official Flink image with the QualityLoop job jar in usrlib/, for the Flink
# Kubernetes Operator's application mode (flink-deployment.yaml). Build from the repository root
# after ./mvnw -B package -DskipTests:
#   docker build -f deploy/flink-job.Dockerfile -t registry.example.com/qualityloop/flink-job:0.1.0 .
# The Flink version is the build's (pom.xml flink.version); DeploymentFilesTest checks it.
FROM flink:2.2.1-java17

# Checkpoints, savepoints and the lake on object storage (s3://): Flink's S3 filesystem is a plugin
# the image ships in opt/; a plugin is loaded from its own folder under plugins/.
RUN mkdir -p /opt/flink/plugins/s3-fs-hadoop \
    && cp /opt/flink/opt/flink-s3-fs-hadoop-*.jar /opt/flink/plugins/s3-fs-hadoop/

# The shaded job jar (entry point io.qualityloop.jobs.ClusterJob); Flink itself comes from the image.
COPY --chown=flink:flink streaming-jobs/target/qualityloop-flink-job.jar /opt/flink/usrlib/qualityloop-flink-job.jar
