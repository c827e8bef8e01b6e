#!/usr/bin/env bash
# Duban benchmarks: builds the packaged application and runs bench/Bench.java against it on
# loopback. Options: --db=h2|postgresql --phases=1234 --seconds=10 --threads=16 --rate=200
# --slice=2 --pairs=3 --units=2000 --targets=10000 --reports=1000000 (see bench/README.md);
# --no-build uses the jar already built. BENCH_MVN_OPTS (e.g. -o) is passed to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=h2
BUILD=1
ARGS=()
for a in "$@"; do
  case "$a" in
    --db=*) DB="${a#--db=}" ;;
    --no-build) BUILD=0; continue ;;
  esac
  ARGS+=("$a")
done
case "$DB" in
  h2)
    # the default build: target/quarkus-app
    APP=target/quarkus-app
    [ "$BUILD" = 0 ] || ./mvnw -q -B ${BENCH_MVN_OPTS:-} package -DskipTests -Dspotless.check.skip=true
    ;;
  postgresql)
    # the database kind is fixed at build time: the PostgreSQL artifact is built into its own
    # folder (target/bench-postgresql), next to the H2 one
    APP=target/bench-postgresql
    [ "$BUILD" = 0 ] || DB_KIND=postgresql ./mvnw -q -B ${BENCH_MVN_OPTS:-} package -DskipTests \
      -Dspotless.check.skip=true -Dquarkus.package.output-directory=bench-postgresql
    ;;
  *) echo "--db=h2 or --db=postgresql, not $DB" >&2; exit 2 ;;
esac
# JDBC drivers for seeding phase 2's reports straight into the database
H2=$(ls "$APP"/lib/main/com.h2database.h2-*.jar | head -1)
PG=$(ls "$APP"/lib/main/org.postgresql.postgresql-*.jar | head -1)
exec java -Xmx1g -cp "$H2:$PG" bench/Bench.java --db="$DB" --jar="$APP/quarkus-run.jar" "${ARGS[@]}"
