# The streamscribe application image: ./asr with everything built in.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp install -DskipTests \
 && mvn -B -ntp -pl ingest dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
 && cp ingest/target/ingest-*.jar /app/lib/

FROM eclipse-temurin:17-jre
COPY --from=build /app/lib /app/lib
# serve: Prometheus metrics; dashboard: the page (both bind 127.0.0.1 unless STREAMSCRIBE_HTTP_HOST says otherwise)
EXPOSE 9464 8080
ENTRYPOINT ["java", "-Xmx3g", "-cp", "/app/lib/*", "dev.streamscribe.ingest.cli.Main"]
