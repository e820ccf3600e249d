# syntax=docker/dockerfile:1
# Multi-stage build of Tollgate.
#   Build:  docker build -t tollgate .
#   Run:    docker compose up -d --build   (see docker-compose.yml), or
#           docker run -p 3000:3000 -v tollgate-data:/data -e TOLLGATE_ROOT_PASSWORD=... tollgate
#           (embedded PostgreSQL under /data when TOLLGATE_DB_URL is unset)

# ---- build ------------------------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# Poms first: the dependency layer is rebuilt only when a pom changes. A new module needs its pom listed here.
COPY pom.xml ./
COPY domain/pom.xml domain/
COPY application/pom.xml application/
COPY adapters-web/pom.xml adapters-web/
COPY adapters-persistence/pom.xml adapters-persistence/
COPY adapters-providers/pom.xml adapters-providers/
COPY bootstrap/pom.xml bootstrap/
RUN mvn -B -ntp -q dependency:go-offline -DexcludeReactor=true
# Then the sources (.dockerignore keeps target/, data/ and .git out of the context).
COPY . .
RUN mvn -B -ntp -q -DskipTests package \
 && cp bootstrap/target/tollgate.jar /tollgate.jar

# ---- runtime ----------------------------------------------------------------------------------------------------
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 tollgate \
 && useradd --system --uid 10001 --gid tollgate --home-dir /app --no-create-home --shell /usr/sbin/nologin tollgate \
 && mkdir -p /app /data \
 && chown tollgate:tollgate /data
WORKDIR /app
COPY --from=build /tollgate.jar /app/tollgate.jar
ENV TOLLGATE_DATA_DIR=/data \
    TOLLGATE_PORT=3000
VOLUME ["/data"]
EXPOSE 3000
USER tollgate
# The JRE 25 image has neither curl nor wget: bash's /dev/tcp asks /actuator/health and looks for "UP".
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${TOLLGATE_PORT:-3000} && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
# A heap that runs out leaves threads dead (Tomcat's poller among them: no connection is accepted any more); the node
# exits instead, and the container's restart policy starts it again (docs/operations.md)
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/tollgate.jar"]
