#!/bin/sh
# Runs the matcher benchmark (wordlists/src/test/java/org/vigil/wordlists/bench/MatcherBench.java) and prints a
# Markdown table. Takes about two minutes. Run from anywhere; builds only the wordlists module's test classes.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -B -q -pl wordlists test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xms1g -Xmx1g -XX:+UseParallelGC ${BENCH_JAVA_OPTS:-} \
    -cp "wordlists/target/classes:wordlists/target/test-classes:$(cat wordlists/target/bench.classpath)" \
    org.vigil.wordlists.bench.MatcherBench
