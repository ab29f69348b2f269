#!/usr/bin/env bash
# Triage pages over 1,000,000 captures in a real SQLite file: server time (Server-Timing) and round trip.
# Usage: console/bench/run-queue-benchmark.sh [-Dcaptures=N]   (the filled database is kept under console/target)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q test-compile -pl console -am
mvn -B -q dependency:build-classpath -pl console -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd console
exec java -Xmx512m "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.vigil.console.bench.QueueBenchmark
