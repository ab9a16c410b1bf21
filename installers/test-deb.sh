#!/usr/bin/env bash
# Installs the built .deb with dpkg, runs the installed app's self-test and a short launch under
# Xvfb, then removes the package and checks nothing is left. Needs root (CI runs it).
#
#   installers/test-deb.sh [path/to/scenebrush_*.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb="${1:-$(ls target/installer/out/scenebrush_*.deb | head -n 1)}"
[ "$(id -u)" = 0 ] || { echo "test-deb.sh installs a package: run it as root" >&2; exit 2; }
app=/opt/scenebrush/bin/SceneBrush
work="$(mktemp -d)"
display=":$((90 + RANDOM % 9))"
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== install $(basename "$deb") ($(du -h "$deb" | cut -f1))"
# The package's own dependencies come from the distribution; the package itself goes in with dpkg.
deps="$(dpkg-deb -f "$deb" Depends | tr -d ',')"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
dpkg -s $deps >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends $deps >/dev/null
dpkg -i "$deb"
test -x "$app"
test -f /usr/share/applications/scenebrush-SceneBrush.desktop
grep -q 'Exec=/opt/scenebrush/bin/SceneBrush %f' /usr/share/applications/scenebrush-SceneBrush.desktop
grep -q 'application/x-scenebrush-project' /usr/share/applications/scenebrush-SceneBrush.desktop
ls /usr/share/mime/packages/ | grep -q scenebrush

echo "== self-test of the installed app"
extracted_before="$( (ls -d /tmp/onnxruntime-java* 2>/dev/null || true) | wc -l)"
(cd "$work" && "$app" --self-test --out "$work/self-test.png") | tee "$work/self-test.txt"
# Every file a pack names is installed: the default pack's retrieval generator and library too.
grep -q "landscape — retrieval generator matches its reference" "$work/self-test.txt"
test -s "$work/self-test.png"
extracted_after="$( (ls -d /tmp/onnxruntime-java* 2>/dev/null || true) | wc -l)"
if [ "$extracted_after" != "$extracted_before" ]; then
  echo "the installed app extracted ONNX Runtime natives to /tmp; it must load them in place" >&2
  exit 1
fi
if "$app" render "$work/self-test.png" -o "$work/x.png" >/dev/null 2>&1; then
  echo "rendering a photo as a label map must be refused" >&2
  exit 1
fi
"$app" packs
/usr/bin/scenebrush --version

echo "== launch under Xvfb"
Xvfb "$display" -screen 0 1600x900x24 >/dev/null 2>&1 &
xvfb_pid=$!
sleep 2
start=$(date +%s%N)
# Own settings folder, so a recovery file from another session cannot hold up the start.
DISPLAY="$display" JAVA_TOOL_OPTIONS="-Dscenebrush.settings=$work/settings" "$app" \
  >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  grep -q "SceneBrush ready in" "$work/app.log" && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; echo "the app exited early" >&2; exit 1; }
  sleep 0.5
done
grep "SceneBrush ready in" "$work/app.log" || { cat "$work/app.log"; echo "no window" >&2; exit 1; }
echo "launch to window: $(( ($(date +%s%N) - start) / 1000000 )) ms (wall clock, including the first render request)"
sleep 2
# The toolkit may replace a window while it starts (an early match can be gone by the time the
# key is sent), so look for a visible main window again on each try and type through XTEST.
for _ in $(seq 1 10); do
  window="$(DISPLAY="$display" xdotool search --onlyvisible --name " — SceneBrush$" | tail -n 1)"
  if [ -n "$window" ]; then
    DISPLAY="$display" timeout 5 xdotool windowfocus --sync "$window" 2>/dev/null &&
      DISPLAY="$display" timeout 5 xdotool key ctrl+q 2>/dev/null || true
  fi
  for _ in $(seq 1 10); do
    kill -0 "$app_pid" 2>/dev/null || break 2
    sleep 0.5
  done
done
if kill -0 "$app_pid" 2>/dev/null; then
  echo "the app did not quit on Ctrl+Q" >&2
  exit 1
fi
wait "$app_pid" && status=0 || status=$?
app_pid=
[ "$status" = 0 ] || { cat "$work/app.log"; echo "the app exited with $status" >&2; exit 1; }

echo "== remove"
dpkg -r scenebrush
test ! -e /opt/scenebrush
test ! -e /usr/share/applications/scenebrush-SceneBrush.desktop
test ! -e /usr/bin/scenebrush
! ls /usr/share/mime/packages/ | grep -q scenebrush
echo "installer test passed"
