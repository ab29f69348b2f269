#!/bin/sh
# Compares every hit of two builds of the matcher (wordlists/src/test/java/org/vigil/wordlists/bench/HitDiff.java):
# the benchmark's text, a mangled copy, and each line of the labelled eval files, scanned and typed.
# Usage: hit-diff.sh OLD_CLASSES_DIR_OR_JAR [more eval files]; OLD is e.g. main's wordlists/target/classes copied
# aside before a change. Exits non-zero and prints the first differences when any hit differs.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
old=$1
shift
cd "$root"
mvn -B -q -o -pl wordlists compile test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp=$(cat wordlists/target/bench.classpath)
files="wordlists/src/test/resources/eval/extra-corpus.tsv wordlists/src/test/resources/eval/misspellings.tsv
 wordlists/src/test/resources/eval/real-writing-kinds.tsv wordlists/src/test/resources/eval/fairness.txt
 wordlists/src/test/resources/eval/innocent.txt"
out=$(mktemp -d)
# the harness's own classes only, so the old build's matcher classes are the ones loaded
mkdir -p "$out/harness/org/vigil/wordlists"
cp -r wordlists/target/test-classes/org/vigil/wordlists/bench "$out/harness/org/vigil/wordlists/"
java -Xmx1g -cp "$old:$out/harness:$cp" org.vigil.wordlists.bench.HitDiff "$out/old.txt" $files "$@"
java -Xmx1g -cp "wordlists/target/classes:$out/harness:$cp" org.vigil.wordlists.bench.HitDiff "$out/new.txt" $files "$@"
echo "hits: old $(wc -l < "$out/old.txt"), new $(wc -l < "$out/new.txt")"
if cmp -s "$out/old.txt" "$out/new.txt"; then
    echo "same hits"
else
    diff "$out/old.txt" "$out/new.txt" | head -40
    exit 1
fi
