#!/bin/sh
# Builds the macOS agent .pkg. Run ON A MAC with a JDK 17 (jpackage) and Xcode's command line tools; it is never
# built on Linux (the app bundle, codesign and pkgbuild are macOS-only). From the folder build.sh macos staged:
#   ./build-pkg.sh VERSION [DEVELOPER_ID_APP] [DEVELOPER_ID_INSTALLER]
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
version="${1:?usage: build-pkg.sh VERSION [DEVELOPER_ID_APP] [DEVELOPER_ID_INSTALLER]}"
app_identity="${2:-}"
installer_identity="${3:-}"
work="$here/build"
rm -rf "$work" && mkdir -p "$work/root/Library/Vigil" "$work/root/Library/LaunchDaemons" "$work/root/Library/LaunchAgents"
modules="$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$here/vigil-agent.jar" | tail -1)"
jlink --add-modules "$modules,java.logging,jdk.crypto.ec,jdk.net,jdk.naming.dns,jdk.random,jdk.charsets" \
  --strip-debug --no-header-files --no-man-pages --output "$work/runtime"
# the bundle id is what the PPPC profile grants Input Monitoring and Screen Recording to
set -- --type app-image --name "Vigil Agent" --app-version "$version" --input "$here/input" \
  --main-jar vigil-agent.jar --runtime-image "$work/runtime" --mac-package-identifier org.vigil.agent \
  --dest "$work/root/Library/Vigil"
mkdir -p "$here/input" && cp "$here/vigil-agent.jar" "$here/input/"
while read -r opt; do case "$opt" in ''|'#'*) ;; *) set -- "$@" --java-options "$opt" ;; esac; done < "$here/agent.jvmopts"
if [ -n "$app_identity" ]; then set -- "$@" --mac-sign --mac-signing-key-user-name "$app_identity"; fi
jpackage "$@"
cp "$here/org.vigil.agent.service.plist" "$work/root/Library/LaunchDaemons/"
cp "$here/org.vigil.agent.session.plist" "$work/root/Library/LaunchAgents/"
pkgbuild --root "$work/root" --scripts "$here/scripts" --identifier org.vigil.agent --version "$version" \
  --install-location / "$work/vigil-agent-component.pkg"
set -- --package "$work/vigil-agent-component.pkg"
if [ -n "$installer_identity" ]; then set -- "$@" --sign "$installer_identity"; fi
productbuild "$@" "$here/vigil-agent-$version.pkg"
echo "built $here/vigil-agent-$version.pkg; the PPPC profile's CodeRequirement for this app:"
codesign -dr - "$work/root/Library/Vigil/Vigil Agent.app" 2>&1 | sed -n 's/^designated => //p'
