# Multi-stage build of Tollgate. Build: docker build -t tollgate .   Run: see docker-compose.yml.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 tollgate \
 && useradd --system --uid 10001 --gid tollgate --home-dir /app --shell /usr/sbin/nologin tollgate \
 && mkdir -p /app /data && chown tollgate:tollgate /data
WORKDIR /app
COPY --from=build /src/bootstrap/target/tollgate.jar /app/tollgate.jar
USER tollgate
ENV TOLLGATE_DATA_DIR=/data \
    TOLLGATE_PORT=3000
VOLUME ["/data"]
EXPOSE 3000
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/tollgate.jar"]
