#!/bin/sh
# Rebuilds src/main/resources/org/vigil/wordlists/typo/english-words.txt.gz, the English words that typo tolerance
# never produces as a misspelling (docs/adr/0164). Source: Debian's wbritish and wamerican 2020.12.07-2 (SCOWL
# size 50, Kevin Atkinson; licence in english-words.LICENSE beside the list). Needs apt-get and dpkg-deb.
# Keeps words of plain letters (accents transliterated, upper case lowered), drops those with an apostrophe.
set -eu
version=2020.12.07-2
out=$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/org/vigil/wordlists/typo
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download "wbritish=$version" "wamerican=$version"
for deb in *.deb; do dpkg-deb -x "$deb" x; done
cat x/usr/share/dict/british-english x/usr/share/dict/american-english | grep -v "'" \
    | iconv -f utf-8 -t ascii//TRANSLIT | tr 'A-Z' 'a-z' | grep -E '^[a-z]+$' | LC_ALL=C sort -u > english-words.txt
gzip -9 -n english-words.txt
cp english-words.txt.gz "$out/"
cp x/usr/share/doc/wbritish/copyright "$out/english-words.LICENSE"
echo "wrote $out/english-words.txt.gz ($(zcat "$out/english-words.txt.gz" | wc -l) words)"
