# The service image: `qualityloop up` for a company's single server (the in-process Kafka broker,
# the streaming jobs on a Flink MiniCluster, the inbox, the drill-down, the scheduled reports and
# the notifier), with the repository's own launcher (./qualityloop: umask 077, the JVM options).
# Build from the repository root after ./mvnw -B package -DskipTests:
#   docker build -f deploy/service.Dockerfile -t registry.example.com/qualityloop/service:0.1.0 .
FROM eclipse-temurin:17-jre

RUN useradd --system --uid 10001 --home-dir /var/lib/qualityloop --create-home qualityloop

COPY qualityloop /opt/qualityloop/qualityloop
COPY app/target/lib/ /opt/qualityloop/app/target/lib/
COPY app/target/qualityloop.jar /opt/qualityloop/app/target/qualityloop.jar

USER qualityloop
# The working directory holds everything the service keeps: config/ (qualityloop.properties,
# users.properties, the TLS keystore), secrets/, lake/, kafka/, checkpoints/, savepoints/, inbox/, out/.
WORKDIR /var/lib/qualityloop
VOLUME /var/lib/qualityloop

# Configuration keys from the environment (QUALITYLOOP_<KEY>): the drill-down listens on every
# interface of the container (HTTPS: serve.tls.keystore in config/qualityloop.properties, its
# password in QUALITYLOOP_SERVE_TLS_KEYSTORE_PASSWORD).
ENV QUALITYLOOP_SERVE_HOST=0.0.0.0
ENV QUALITYLOOP_SERVE_PORT=8080
ENV QUALITYLOOP_JAVA_OPTS=-Xmx6g
EXPOSE 8080

ENTRYPOINT ["/opt/qualityloop/qualityloop"]
CMD ["up"]
