#!/usr/bin/env bash
# Builds Vigil and runs it: the console on embedded SQLite, plus, where this machine has a display,
# a real agent enrolled to it, so that what you type here shows up in the console.
# Data lives in ./vigil-demo (delete it to start again). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
data="${VIGIL_DEMO_DIR:-$PWD/vigil-demo}"
http_port="${VIGIL_HTTP_PORT:-8080}"
grpc_port="${VIGIL_GRPC_PORT:-9443}"

echo "Building (tests skipped; run them with: mvn -B verify) ..."
# Maven here prints colour codes even with -B -q -Dstyle.color=never; they show as raw escapes in a log or a
# pipe, so they are taken out (pipefail keeps Maven's exit status)
mvn -B -q -Dstyle.color=never -DskipTests package 2>&1 | sed 's/\x1b\[[0-9;]*m//g'

mkdir -p "$data"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

java -jar console/target/vigil-console.jar serve --data "$data/console" --http-port "$http_port" --grpc-port "$grpc_port" &
pids+=($!)

for _ in $(seq 1 300); do
  [ -f "$data/console/console.ports" ] && break
  sleep 0.1
done
[ -f "$data/console/console.ports" ] || { echo "the console did not start; see its messages above" >&2; exit 1; }

# the first admin is an IT administrator and reads no capture: the demo makes a DSL account on purpose, once
if [ ! -f "$data/dsl-made" ]; then
  java -jar console/target/vigil-console.jar users add dsl --role DSL --data "$data/console"
  touch "$data/dsl-made"
fi

if [ -n "${DISPLAY:-}" ]; then
  if [ ! -f "$data/agent.properties" ]; then
    java -jar console/target/vigil-console.jar agent-config --data "$data/console" --address "127.0.0.1:$grpc_port" \
      > "$data/agent.properties"
  fi
  # the agent's JVM flags live in one argument file (issue 11; figures in bench/README.md)
  java @agent/src/main/jvm/agent.jvmopts -jar agent/target/vigil-agent.jar --config "$data/agent.properties" \
    --data "$data/agent" &
  pids+=($!)
  echo
  echo "A local agent is running on display $DISPLAY: type a listed phrase anywhere (for example"
  echo "\"i want to kill myself\" then Enter) and it appears in the console's triage queue within a second."
else
  echo
  echo "No DISPLAY here, so no local agent: enrol a laptop with the file printed by"
  echo "  java -jar console/target/vigil-console.jar agent-config --data $data/console"
fi
echo "Open https://localhost:$http_port/ and sign in as admin (password printed above on first start)."
echo "The certificate is from the console's own CA, so the browser warns once: accept it for the demo, or import"
echo "  $data/console/tls/ca.pem as a trusted authority."
wait "${pids[0]}"
