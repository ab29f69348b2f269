#!/usr/bin/env bash
# Builds Vigil's packages from the shaded jars (agent/target, console/target) into an output folder.
#   packaging/build.sh [--version V] [--out DIR] [--windows-runtime DIR] [--jdeps] [agent-deb|console-deb|msi|macos|all]...
# --version: the package version (default: the jars' Maven version, "-SNAPSHOT" becoming "~SNAPSHOT" so a
# release sorts above its snapshots). --jdeps: work out again which JDK modules the jars need (after a dependency
# change; kept in linux/*/modules). Design and choices: docs/adr/0121-packaging.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/.." && pwd)"
out="$here/target"
version=""
windows_runtime="${VIGIL_WINDOWS_RUNTIME:-}"
jdeps=no
what=()
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --windows-runtime) windows_runtime="$2"; shift 2 ;;
    --jdeps) jdeps=yes; shift ;;
    agent-deb|console-deb|msi|macos|all) what+=("$1"); shift ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ ${#what[@]} -gt 0 ] || what=(all)
if [ -z "$version" ]; then
  version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$top/pom.xml" | head -1)"
fi
version="${version/-/\~}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$out/work"
mkdir -p "$work"

need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "build.sh: $tool is not installed (apt-get install it; see .ci/run)" >&2; exit 3; }
  done
}
jar_of() {
  local jar="$top/$1/target/vigil-$1.jar"
  [ -f "$jar" ] || { echo "build.sh: $jar is missing: build the jars first (mvn -B -DskipTests package)" >&2; exit 3; }
  echo "$jar"
}

# A copy of a shaded jar without other platforms' native libraries (JNativeHook, sqlite-jdbc and Netty ship
# them for every OS and CPU, JNA too). $3... are zip patterns of what to drop.
thin_jar() {
  local from="$1" to="$2"; shift 2
  cp "$from" "$to"
  # a fat jar is no module: JNativeHook's module-info would make jdeps read the whole jar as that one module
  zip -q -d "$to" 'module-info.class' 'META-INF/versions/*/module-info.class' >/dev/null 2>&1 || true
  zip -q -d "$to" "$@" >/dev/null 2>&1 || true
}
thin_for_linux_x64() {
  thin_jar "$1" "$2" \
    'com/github/kwhat/jnativehook/lib/windows/*' 'com/github/kwhat/jnativehook/lib/darwin/*' \
    'com/github/kwhat/jnativehook/lib/linux/arm*' 'com/github/kwhat/jnativehook/lib/linux/x86/*' \
    'META-INF/native/*osx*' 'META-INF/native/*windows*' 'META-INF/native/*aarch_64*' \
    'org/sqlite/native/FreeBSD/*' 'org/sqlite/native/Mac/*' 'org/sqlite/native/Windows/*' \
    'org/sqlite/native/Linux-Musl/*' 'org/sqlite/native/Linux-Android/*' \
    'org/sqlite/native/Linux/a*' 'org/sqlite/native/Linux/ppc64*' 'org/sqlite/native/Linux/riscv64/*' \
    'org/sqlite/native/Linux/x86/*' \
    'com/sun/jna/darwin*' 'com/sun/jna/win32*' 'com/sun/jna/linux-aarch64/*'
}
thin_for_windows_x64() {
  thin_jar "$1" "$2" \
    'com/github/kwhat/jnativehook/lib/linux/*' 'com/github/kwhat/jnativehook/lib/darwin/*' \
    'com/github/kwhat/jnativehook/lib/windows/arm/*' 'com/github/kwhat/jnativehook/lib/windows/x86/*' \
    'META-INF/native/*osx*' 'META-INF/native/*linux*' 'META-INF/native/*epoll*' \
    'org/sqlite/native/FreeBSD/*' 'org/sqlite/native/Mac/*' 'org/sqlite/native/Linux*' \
    'org/sqlite/native/Windows/aarch64/*' 'org/sqlite/native/Windows/armv7/*' 'org/sqlite/native/Windows/x86/*' \
    'com/sun/jna/darwin*' 'com/sun/jna/linux*' 'com/sun/jna/win32-aarch64/*'
}

# A trimmed Java runtime: the modules jdeps finds in the jar, plus what is loaded by name (TLS's EC keys,
# the Unix socket's peer credentials, DNS lookups).
runtime_for() {
  local jar="$2" extra="$3" modules
  local list="$here/linux/$1/modules"
  if [ "$jdeps" = "yes" ] || [ ! -s "$list" ]; then
    # what the jar's classes refer to (30-90 s on a fat jar), kept in the source tree for the next builds
    jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" 2>/dev/null | tail -1 > "$list.tmp"
    grep -q '^java.base' "$list.tmp" || { echo "build.sh: jdeps could not list the modules of $jar" >&2; exit 3; }
    mv "$list.tmp" "$list"
    echo "build.sh: $list: $(cat "$list")" >&2
  fi
  modules="$(cat "$list"),$extra"
  # one image per module list and JDK, shared by every build under packaging/target (jlink takes ~30 s)
  local key; key="$(printf '%s %s' "$modules" "$(java -version 2>&1 | head -1)" | sha1sum | cut -c1-12)"
  local dir="$here/target/runtime-cache/$1-$key"
  if [ ! -d "$dir" ]; then
    mkdir -p "$here/target/runtime-cache"
    rm -rf "$dir.tmp"
    jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
      --output "$dir.tmp" >/dev/null
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# The agent's JVM flags as jpackage --java-options, from the one file that holds them.
java_options() {
  grep -v '^\s*#' "$1" | grep -v '^\s*$' | while read -r opt; do printf -- '--java-options\n%s\n' "$opt"; done
}

# jpackage makes the app image (launcher, trimmed runtime, jar, JVM options); the .deb is assembled around it
# here with the unit, autostart entry and maintainer scripts, so dpkg owns every file and removes it on purge.
# (jpackage --type deb would add only its own xz pass, 1-2 min per package on two cores; ADR 0121.)
deb() {
  local name="$1" module="$2" description="$3" modules="$4" optsfile="$5" thinned="$work/$1-jar"
  need jpackage jlink jdeps dpkg-deb fakeroot zip ldd
  rm -rf "$thinned" && mkdir -p "$thinned"
  thin_for_linux_x64 "$(jar_of "$module")" "$thinned/vigil-$module.jar"
  local runtime; runtime="$(runtime_for "$name" "$thinned/vigil-$module.jar" "$modules")"
  local opts=()
  if [ -n "$optsfile" ]; then mapfile -t opts < <(java_options "$optsfile"); fi
  local tree="$work/tree-$name"
  rm -rf "$tree" && mkdir -p "$tree/opt" "$tree/DEBIAN"
  jpackage --type app-image --name "$name" --app-version "$version" --vendor "Vigil" \
    --description "$description" --input "$thinned" --main-jar "vigil-$module.jar" \
    --runtime-image "$runtime" --dest "$tree/opt" "${opts[@]}"
  (cd "$here/linux/$name/root" && find . -type f) | while read -r f; do
    install -D -m "$(stat -c %a "$here/linux/$name/root/$f")" "$here/linux/$name/root/$f" "$tree/$f"
  done
  for script in preinst postinst prerm postrm; do
    if [ -f "$here/linux/$name/$script" ]; then install -m 0755 "$here/linux/$name/$script" "$tree/DEBIAN/$script"; fi
  done
  local size; size="$(du -sk "$tree" --exclude=DEBIAN | cut -f1)"
  cat > "$tree/DEBIAN/control" <<CONTROL
Package: $name
Version: $version
Section: admin
Priority: optional
Architecture: amd64
Maintainer: Vigil <vigil@localhost>
Installed-Size: $size
Depends: $(extra_depends "$name")$(depends_of "$tree")
Description: $description
 Vigil is an open-source safeguarding monitor for school-owned devices. See /opt/$name.
CONTROL
  local deb="$out/${name}_${version}_amd64.deb"
  fakeroot dpkg-deb --root-owner-group -Zzstd -b "$tree" "$deb" >/dev/null
  echo "built $deb ($(du -k "$deb" | cut -f1) KiB, installed $size KiB)"
}

# The Debian packages owning the shared libraries the runtime's native code links to, as jpackage works them out.
extra_depends() {
  if [ -f "$here/linux/$1/depends" ]; then printf '%s, ' "$(paste -sd, "$here/linux/$1/depends" | sed 's/,/, /g')"; fi
}
depends_of() {
  find "$1" -name '*.so' -exec ldd {} + 2>/dev/null | awk '/=> \// {print $3}' | sort -u | while read -r lib; do
    # with merged /usr, dpkg knows a library by either of its names
    dpkg -S "$lib" 2>/dev/null || dpkg -S "${lib#/usr}" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || true
  done | cut -d: -f1 | sort -u | paste -sd, - | sed 's/,/, /g'
}

agent_deb() {
  deb vigil-agent agent "Vigil safeguarding monitor: device service and session helper" \
    "java.logging,jdk.crypto.ec,jdk.net,jdk.naming.dns,jdk.random,jdk.charsets" "$top/agent/src/main/jvm/agent.jvmopts"
}
console_deb() {
  deb vigil-console console "Vigil safeguarding console: web app and agent gRPC server" \
    "java.logging,jdk.crypto.ec,jdk.naming.dns,jdk.zipfs,jdk.random,jdk.charsets,jdk.management" ""
}

for w in "${what[@]}"; do
  case "$w" in
    agent-deb) agent_deb ;;
    console-deb) console_deb ;;
    msi) "$here/windows/build-msi.sh" --version "$version" --out "$out" ${windows_runtime:+--runtime "$windows_runtime"} ;;
    macos) "$here/macos/stage.sh" --version "$version" --out "$out" ;;
    all)
      agent_deb; console_deb
      "$here/windows/build-msi.sh" --version "$version" --out "$out" ${windows_runtime:+--runtime "$windows_runtime"}
      "$here/macos/stage.sh" --version "$version" --out "$out" ;;
  esac
done
