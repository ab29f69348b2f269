#!/usr/bin/env bash
# The reports page over a school year of 1,000,000 captures from 1,500 pupils in a real SQLite file: server time
# (Server-Timing) and round trip; and what the aggregate triggers add to each capture written.
# Usage: console/bench/run-reports-benchmark.sh [-Dcaptures=N]   (the filled database is kept under console/target)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -o -q test-compile -pl console -am
mvn -B -o -q dependency:build-classpath -pl console -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd console
# the sibling modules as built here, ahead of any older copies in the local repository
exec java -Xmx512m "$@" -cp "target/test-classes:target/classes:../wordlists/target/classes:../proto/target/classes:$(cat target/bench.classpath)" \
  org.vigil.console.bench.ReportsBenchmark
