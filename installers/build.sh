#!/usr/bin/env bash
# Builds a self-contained SceneBrush installer with jpackage (JDK 17+).
#
#   installers/build.sh TYPE [--no-build] [--cuda]
#
# TYPE: deb | rpm (Linux), msi | exe (Windows, needs WiX 3 on PATH), dmg | pkg (macOS),
#       app-image (a runnable folder, any system).
# --no-build  reuse target/scenebrush-*.jar from an earlier `mvn package`/`mvn verify`
# --cuda      bundle the CUDA-capable ONNX Runtime natives (Linux/Windows x64, adds ~700 MB);
#             without it the installer carries the CPU natives only.
#
# Output: target/installer/out/. The app image holds its own Java runtime (jlink), the bundled
# model packs, palettes and sample scene under lib/app/, and the ONNX Runtime natives unpacked
# under lib/app/native/ so that no launch extracts libraries from a jar.
set -euo pipefail
type="${1:-app-image}"
shift || true
build=1
cuda=0
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --cuda) cuda=1 ;;
    *) echo "unknown option: $arg (valid: --no-build, --cuda)" >&2; exit 2 ;;
  esac
done
case "$type" in
  deb | rpm | msi | exe | dmg | pkg | app-image) ;;
  *) echo "unknown installer type '$type' (valid: deb, rpm, msi, exe, dmg, pkg, app-image)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn_flags=(-B -q -ntp)
pom_version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
app_version="${pom_version%-SNAPSHOT}"   # jpackage wants plain numbers

case "$(uname -s)" in
  Linux*) os=linux ;;
  Darwin*) os=mac ;;
  MINGW* | MSYS* | CYGWIN*) os=win ;;
  *) echo "unsupported system $(uname -s)" >&2; exit 2 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  arm64 | aarch64) arch=aarch64 ;;
  *) arch="$(uname -m)" ;;
esac
ort_platform="$([ "$os" = mac ] && echo osx || echo "$os")-$arch"

if [ "$build" = 1 ]; then
  mvn "${mvn_flags[@]}" -DskipTests -DskipPythonTests package
fi
jar_file="$(ls target/scenebrush-"$pom_version".jar)"

stage="target/installer"
input="$stage/input"
rm -rf "$stage"
mkdir -p "$input" "$stage/deps" "$stage/ort"
cp "$jar_file" "$input/scenebrush.jar"
mvn "${mvn_flags[@]}" dependency:copy-dependencies -DincludeScope=runtime \
  -DexcludeArtifactIds=onnxruntime_gpu -DoutputDirectory="$stage/deps"
for dep in "$stage"/deps/*.jar; do
  case "$(basename "$dep")" in
    onnxruntime-*.jar) ort_jar="$dep" ;;
    *) cp "$dep" "$input/" ;;
  esac
done

# ONNX Runtime: classes stay in a jar, this platform's natives move out of it, so the app loads
# them in place (onnxruntime.native.path) instead of copying them to a temporary folder.
(cd "$stage/ort" && jar xf "$root/$ort_jar")
native_rel="ai/onnxruntime/native/$ort_platform"
mkdir -p "$input/native/$native_rel"
if [ "$cuda" = 1 ]; then
  src="target/onnxruntime-native/$native_rel"
  [ -d "$src" ] || { echo "--cuda: $src missing; run mvn package on Linux/Windows x64 first" >&2; exit 2; }
  cp "$src"/* "$input/native/$native_rel/"
else
  cp "$stage/ort/$native_rel"/* "$input/native/$native_rel/"
fi
rm -rf "$stage/ort/ai/onnxruntime/native" "$stage/ort/META-INF/MANIFEST.MF"
jar cf "$input/$(basename "$ort_jar")" -C "$stage/ort" .

# Data the app finds through scenebrush.home: palettes, packs (folders with a pack.json), samples.
mkdir -p "$input/palettes" "$input/models" "$input/samples"
cp palettes/*.json "$input/palettes/"
for pack in models/*/pack.json; do
  dir="$(dirname "$pack")"
  mkdir -p "$input/$dir"
  # Everything in the folder: pack.json names its files (models, segment library, references).
  cp -r "$dir"/. "$input/$dir/"
done
cp samples/*.png "$input/samples/"

args=(
  --type "$type"
  --name SceneBrush
  --app-version "$app_version"
  --vendor "SceneBrush"
  --description "Paint a scene as semantic labels; neural generators render it live."
  --copyright "SceneBrush authors"
  --input "$input"
  --main-jar scenebrush.jar
  --main-class dev.scenebrush.app.Launcher
  --dest "$stage/out"
  --java-options '-Dscenebrush.home=$APPDIR'
  --java-options '-Dscenebrush.ortNatives=$APPDIR/native'
  --java-options '-XX:MaxRAMPercentage=60'
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.prefs,java.scripting,java.sql,java.xml,jdk.jfr,jdk.unsupported,jdk.zipfs
  --jlink-options '--strip-debug --no-man-pages --no-header-files --strip-native-commands'
)
if [ "$type" != app-image ]; then
  args+=(--file-associations installers/sbrush.properties)
fi
case "$os" in
  linux)
    # resource-dir: our own desktop entry (Exec passes the file to open; jpackage 17's doesn't)
    args+=(--icon installers/icons/scenebrush.png --resource-dir installers/linux)
    [ "$type" = app-image ] || args+=(--linux-package-name scenebrush
      --linux-shortcut
      --linux-menu-group "Graphics"
      --linux-app-category graphics
      --linux-deb-maintainer "maintainers@scenebrush.dev"
      --linux-rpm-license-type "see /opt/scenebrush/lib/app/models/*/pack.json")
    ;;
  win)
    args+=(--icon installers/icons/scenebrush.ico)
    [ "$type" = app-image ] || args+=(--win-menu --win-menu-group SceneBrush --win-shortcut --win-dir-chooser
      --win-upgrade-uuid 6f1d2c7e-4b8a-4f0e-9a51-3c2b7d9e8a10)
    ;;
  mac)
    args+=(--icon installers/icons/scenebrush.icns --mac-package-identifier dev.scenebrush.app
      --mac-package-name SceneBrush)
    ;;
esac

if [ "$type" = rpm ]; then
  # rpmbuild's default payload is gzip (101.5 MB here); xz makes the .rpm about the .deb's size.
  # rpmbuild reads ~/.rpmmacros, so jpackage runs with a HOME holding just that setting.
  rpm_home="$(mktemp -d)"
  echo '%_binary_payload w6.xzdio' >"$rpm_home/.rpmmacros"
  HOME="$rpm_home" jpackage "${args[@]}"
  rm -rf "$rpm_home"
else
  jpackage "${args[@]}"
fi
ls -l "$stage/out"
