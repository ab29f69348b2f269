#!/usr/bin/env bash
# A capture ingested on console instance A -> its row in instance B's live queue (SSE), both on one PostgreSQL (the
# tests' throwaway server, or VIGIL_TEST_POSTGRES_URL): p50/p99, with the load average.
# Usage: console/bench/run-cluster-benchmark.sh [-Dcaptures=500] [-DintervalMs=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -o -q test-compile -pl console -am
mvn -B -o -q dependency:build-classpath -pl console -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd console
exec java -Xmx512m "$@" -cp "target/test-classes:target/classes:../wordlists/target/classes:../proto/target/classes:../runtime/target/classes:../runtime/target/test-classes:$(cat target/bench.classpath)" \
  org.vigil.console.ClusterLiveQueueBenchmark
