#!/usr/bin/env bash
# The Windows agent MSI, built here with wixl: build-msi.sh --version V --out DIR [--runtime WINDOWS_JLINK_IMAGE]
# With --runtime (a jlink image made from a Windows x64 JDK), the service runs on it and is registered; without,
# the MSI carries no runtime and no service (the helper at logon uses the javaw.exe on PATH): it says so.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
version="" out="" runtime=""
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --runtime) runtime="$2"; shift 2 ;;
    *) echo "build-msi.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
for tool in wixl wixl-heat msibuild msiinfo zip; do
  command -v $tool >/dev/null || { echo "build-msi.sh: $tool is not installed (apt-get install wixl msitools zip)" >&2; exit 3; }
done
# an MSI version is numbers only: 0.1.0~SNAPSHOT.1 -> 0.1.0.1
msi_version="$(echo "$version" | sed 's/~[A-Za-z]*//; s/[^0-9.]//g; s/\.\.*/./g; s/^\.//; s/\.$//')"
jar="$top/agent/target/vigil-agent.jar"
[ -f "$jar" ] || { echo "build-msi.sh: $jar is missing: build the jars first" >&2; exit 3; }
stage="$out/work/msi"
rm -rf "$stage" && mkdir -p "$stage"
cp "$jar" "$stage/vigil-agent.jar"
zip -q -d "$stage/vigil-agent.jar" 'module-info.class' 'META-INF/versions/*/module-info.class' \
  'com/github/kwhat/jnativehook/lib/linux/*' 'com/github/kwhat/jnativehook/lib/darwin/*' \
  'com/github/kwhat/jnativehook/lib/windows/arm/*' 'com/github/kwhat/jnativehook/lib/windows/x86/*' \
  'META-INF/native/*osx*' 'META-INF/native/*linux*' 'META-INF/native/*epoll*' \
  'org/sqlite/native/FreeBSD/*' 'org/sqlite/native/Mac/*' 'org/sqlite/native/Linux*' \
  'org/sqlite/native/Windows/aarch64/*' 'org/sqlite/native/Windows/armv7/*' 'org/sqlite/native/Windows/x86/*' \
  'com/sun/jna/darwin*' 'com/sun/jna/linux*' 'com/sun/jna/win32-aarch64/*' \
  >/dev/null 2>&1 || true
cp "$top/agent/src/main/jvm/agent.jvmopts" "$stage/agent.jvmopts"
if [ -n "$runtime" ]; then
  [ -f "$runtime/bin/java.exe" ] || { echo "build-msi.sh: $runtime has no bin/java.exe: not a Windows runtime image" >&2; exit 3; }
  with_runtime=yes
  cp -r "$runtime" "$stage/runtime"
  # every file of the runtime but bin/java.exe, which the service's own component holds
  (cd "$stage" && find runtime -type f ! -path runtime/bin/java.exe | sort | wixl-heat --prefix runtime/ \
    --directory-ref RUNTIMEDIR --component-group RuntimeFiles --var var.RuntimeSrc --win64 > runtime.wxs)
  javaw='[INSTALLDIR]runtime\bin\javaw.exe'
else
  echo "build-msi.sh: WARNING: no Windows runtime image given (--windows-runtime DIR or VIGIL_WINDOWS_RUNTIME):" \
    "this MSI has no bundled Java and registers NO device service; the helper at logon runs the javaw.exe on PATH" >&2
  with_runtime=no
  javaw='javaw.exe'
fi
msi="$out/vigil-agent-$msi_version.msi"
cp "$here/vigil-agent.wxs" "$here/agent-config.js" "$stage/"
# wixl reads sources relative to where it runs; its GLib warnings about attributes it ignores are noise
(cd "$stage" && wixl -a x64 -D Version="$msi_version" -D WithRuntime="$with_runtime" -D Javaw="$javaw" \
  -D Win64=yes -D RuntimeSrc=runtime -o "$msi" vigil-agent.wxs $([ "$with_runtime" = yes ] && echo runtime.wxs) 2> >(grep -v -e '^$' -e 'GLib' >&2))
[ -f "$msi" ] || { echo "build-msi.sh: wixl made no MSI" >&2; exit 3; }
# wixl places After= custom actions at the end of the sequence: the config must exist before the install script
# starts the service, and after the launch conditions have passed (InstallValidate 1400, InstallInitialize 1500)
msibuild "$msi" -q "UPDATE \`InstallExecuteSequence\` SET \`Sequence\` = 1450 WHERE \`Action\` = 'WriteAgentConfig'"
secure="$(msiinfo export "$msi" Property | tr -d '\r' | awk -F'\t' '$1 == "SecureCustomProperties" {print $2}')"
msibuild "$msi" -q "UPDATE \`Property\` SET \`Value\` = '$secure;CONSOLE_ADDRESS;ENROLMENT_TOKEN;CONSOLE_CA_SHA256' WHERE \`Property\` = 'SecureCustomProperties'"
if [ "$with_runtime" = yes ]; then
  # recovery (ADR 0117): restart after 10 s, 30 s, then every 60 s, the count reset after a day; and on non-crash
  # failures too (SERVICE_CONFIG_FAILURE_ACTIONS_FLAG), since a fatal worker failure reports STOPPED with exit
  # code 70 rather than crashing. wixl has no ServiceConfig elements: the tables are made here (Windows Installer
  # 5.0+ runs MsiConfigureServices; older ones skip it by its condition).
  msibuild "$msi" -q "CREATE TABLE \`MsiServiceConfigFailureActions\` (\`MsiServiceConfigFailureActions\` CHAR(72) NOT NULL, \`Name\` CHAR(255) NOT NULL LOCALIZABLE, \`Event\` SHORT NOT NULL, \`ResetPeriod\` LONG, \`RebootMessage\` CHAR(255) LOCALIZABLE, \`Command\` CHAR(255) LOCALIZABLE, \`Actions\` CHAR(255), \`DelayActions\` CHAR(255), \`Component_\` CHAR(72) NOT NULL PRIMARY KEY \`MsiServiceConfigFailureActions\`)"
  msibuild "$msi" -q "INSERT INTO \`MsiServiceConfigFailureActions\` (\`MsiServiceConfigFailureActions\`, \`Name\`, \`Event\`, \`ResetPeriod\`, \`Actions\`, \`DelayActions\`, \`Component_\`) VALUES ('VigilAgentRestart', 'VigilAgent', 1, 86400, '1[~]1[~]1', '10000[~]30000[~]60000', 'DeviceService')"
  msibuild "$msi" -q "CREATE TABLE \`MsiServiceConfig\` (\`MsiServiceConfig\` CHAR(72) NOT NULL, \`Name\` CHAR(255) NOT NULL LOCALIZABLE, \`Event\` SHORT NOT NULL, \`ConfigType\` LONG NOT NULL, \`Argument\` CHAR(255) LOCALIZABLE, \`Component_\` CHAR(72) NOT NULL PRIMARY KEY \`MsiServiceConfig\`)"
  msibuild "$msi" -q "INSERT INTO \`MsiServiceConfig\` (\`MsiServiceConfig\`, \`Name\`, \`Event\`, \`ConfigType\`, \`Argument\`, \`Component_\`) VALUES ('VigilAgentRestartOnError', 'VigilAgent', 1, 4, '1', 'DeviceService')"
  msibuild "$msi" -q "INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Condition\`, \`Sequence\`) VALUES ('MsiConfigureServices', 'VersionMsi >= \"5.00\"', 5850)"
fi
echo "built $msi ($(du -k "$msi" | cut -f1) KiB; runtime bundled: $with_runtime)"
