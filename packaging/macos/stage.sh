#!/usr/bin/env bash
# What of the macOS agent can be made on Linux: a folder to copy to a Mac and run build-pkg.sh in (the agent jar
# with macOS native libraries only, the plists, profiles and scripts). stage.sh --version V --out DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
version="" out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "stage.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
stage="$out/macos"
rm -rf "$stage" && mkdir -p "$stage"
cp -r "$here/scripts" "$here"/*.plist "$here"/*.mobileconfig "$here/build-pkg.sh" "$stage/"
cp "$top/agent/src/main/jvm/agent.jvmopts" "$stage/"
cp "$top/agent/target/vigil-agent.jar" "$stage/vigil-agent.jar"
zip -q -d "$stage/vigil-agent.jar" 'module-info.class' 'META-INF/versions/*/module-info.class' \
  'com/github/kwhat/jnativehook/lib/linux/*' 'com/github/kwhat/jnativehook/lib/windows/*' \
  'META-INF/native/*linux*' 'META-INF/native/*windows*' 'META-INF/native/*epoll*' \
  'org/sqlite/native/FreeBSD/*' 'org/sqlite/native/Windows/*' 'org/sqlite/native/Linux*' \
  'com/sun/jna/linux*' 'com/sun/jna/win32*' >/dev/null 2>&1 || true
echo "staged $stage for a Mac (./build-pkg.sh ${version%%~*} there); $(du -k "$stage/vigil-agent.jar" | cut -f1) KiB agent jar"
