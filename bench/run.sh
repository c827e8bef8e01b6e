#!/usr/bin/env bash
# Duban benchmarks: builds the packaged application (H2) and runs bench/Bench.java against it on
# loopback. Options: --phases=1234 --seconds=10 --threads=16 --rate=200 --units=2000
# --targets=10000 --reports=1000000 (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests -Dspotless.check.skip=true
H2=$(ls target/quarkus-app/lib/main/com.h2database.h2-*.jar | head -1)
exec java -Xmx1g -cp "$H2" bench/Bench.java "$@"
