#!/usr/bin/env bash
# The devices page over 2,000 devices (100 captures each) in a real SQLite file: server time (Server-Timing) and round trip.
# Usage: console/bench/run-devices-benchmark.sh [-Ddevices=N]   (the filled database is kept under console/target)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -o -q test-compile -pl console -am
mvn -B -o -q dependency:build-classpath -pl console -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd console
# the sibling modules as built here, ahead of any older copies in the local repository
exec java -Xmx512m "$@" -cp "target/test-classes:target/classes:../wordlists/target/classes:../proto/target/classes:$(cat target/bench.classpath)" \
  org.vigil.console.bench.DevicesBenchmark
