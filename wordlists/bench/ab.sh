#!/bin/sh
# Runs the matcher benchmark on an older build's classes and on this one, alternately, RUNS times each (default 3),
# on the default lists only, with the same harness classes (so the same text): the way to compare two builds on a
# machine that other work is loading. Prints the load average before each run and the default row of each.
# Then (or alone, with ROUNDS set and RUNS 0) ScanAB: both builds' bulk scans in one JVM, alternating, ROUNDS rounds
# (default 31) on CPU time, the closest before/after the load of other work allows.
# Usage: ab.sh OLD_CLASSES_DIR [RUNS] [ROUNDS]; OLD is e.g. main's wordlists/target/classes copied aside.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
old=$1
runs=${2:-3}
rounds=${3:-31}
cd "$root"
mvn -B -q -o -pl wordlists compile test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp=$(cat wordlists/target/bench.classpath)
harness=$(mktemp -d)
# the harness's own classes only, so each build's matcher classes are the ones loaded
mkdir -p "$harness/org/vigil/wordlists"
cp -r wordlists/target/test-classes/org/vigil/wordlists/bench "$harness/org/vigil/wordlists/"
new=$(mktemp -d)
trap 'rm -rf "$harness" "$new"' EXIT
cp -r wordlists/target/classes/. "$new/"
bench() {
    echo "$1 (load $(cut -d' ' -f1-3 /proc/loadavg)):"
    java -Xms1g -Xmx1g -XX:+UseParallelGC -Dbench.defaultOnly=true -cp "$2:$harness:$cp" \
        org.vigil.wordlists.bench.MatcherBench | grep '^| default'
}
for run in $(seq "$runs"); do
    if [ $((run % 2)) -eq 1 ]; then
        bench "run $run old" "$old"
        bench "run $run new" "$new"
    else
        bench "run $run new" "$new"
        bench "run $run old" "$old"
    fi
done
echo "ScanAB, $rounds rounds (load $(cut -d' ' -f1-3 /proc/loadavg)):"
java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$harness:$new:$cp" org.vigil.wordlists.bench.ScanAB "$old" "$new" "$rounds"
