#!/bin/sh
# The agent's floor (bench/README.md, "The floor"; ADR 0185): what two JVMs on gRPC-Netty and JNativeHook cost
# before any of the agent's own work, measured by the footprint harness beside the real agent.
# Run from the top of the repository after `mvn -B -q -o install -DskipTests -Pbench`:
#   bench/floor.sh [footprint options...]
# It writes bench/target/vigil-floor.jar: org.vigil.bench.footprint.floor.Floor and nothing else, with the agent
# jar on its Class-Path, so the floor loads its classes from the same jar the agent runs from.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'Main-Class: org.vigil.bench.footprint.floor.Floor\nClass-Path: ../../agent/target/vigil-agent.jar\n' \
    > "$work/manifest"
jar --create --file "$top/bench/target/vigil-floor.jar" --manifest "$work/manifest" \
    -C "$top/bench/target/classes" org/vigil/bench/footprint/floor
cd "$top"
exec java -jar bench/target/vigil-bench.jar footprint \
    --agent-jar bench/target/vigil-floor.jar --agent-args 'service --config {config}|session' "$@"
