#!/bin/sh
# What typo tolerance (docs/adr/0164) costs and buys: runs the CLI's `check` and `eval` on the default lists as
# shipped and on a copy with every severity 4-5 entry marked '!' (no misspellings), for each labelled file given
# (default: the project's own, and ../shared/eval/*.tsv when present). Builds the wordlists jar first.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
mvn -B -q -o -pl wordlists package -DskipTests
jar=wordlists/target/vigil-wordlists.jar
lists=wordlists/src/main/resources/org/vigil/wordlists/default
off=$(mktemp -d)
trap 'rm -rf "$off"' EXIT
for file in "$lists"/*.txt; do
    case $(basename "$file") in index.txt) continue ;; esac
    # severity 4-5, not already marked, not a proximity ('<') or flexible ('~') term: put '!' before the term
    sed -E 's/^([[:space:]]*[45][[:space:]]*\|[[:space:]]*)([^=![:space:]|<~][^|<~]*(\||$))/\1!\2/' "$file" \
        > "$off/$(basename "$file")"
done
if [ $# -eq 0 ]; then
    set -- wordlists/src/test/resources/eval/extra-corpus.tsv wordlists/src/test/resources/eval/misspellings.tsv
    for shared in ../shared/eval/*.tsv; do [ -f "$shared" ] && set -- "$@" "$shared"; done
fi
echo "typos on:  $(java -jar "$jar" check | tail -1)"
echo "typos off: $(java -jar "$jar" --lists "$off" check | tail -1)"
score() {
    java -jar "$jar" "$@" | grep -E '^lines labelled|^precision=' | tr '\n' ' '
}
for corpus in "$@"; do
    echo "$corpus: on  $(score eval "$corpus")"
    echo "$corpus: off $(score --lists "$off" eval "$corpus")"
done
