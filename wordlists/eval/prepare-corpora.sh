#!/usr/bin/env bash
# Turns the public labelled data sets in FROM into eval corpora in TO (dev and held-out parts, SOURCES.md).
# usage: wordlists/eval/prepare-corpora.sh FROM TO      (see wordlists/eval/README.md for where to get the data)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../target/vigil-wordlists.jar"
if [[ $# -ne 2 ]]; then
  echo "usage: $0 FROM TO" >&2
  exit 2
fi
if [[ ! -f "$jar" ]]; then
  (cd "$here/../.." && mvn -B -q -o package -pl wordlists -am -DskipTests)
fi
exec java -jar "$jar" prepare-corpora --from "$1" --to "$2"
