#!/usr/bin/env bash
# Opens the layered exports in the editors users have: GIMP (batch mode) must read the PSD with
# every layer at the picture's size, and Krita's flattening of the PSD and of the OpenRaster file
# must be the exported picture itself. Run by .ci/run after the build; needs gimp, krita, Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"; [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null || true' EXIT
export PATH="/usr/bin:$PATH"

for kind in psd ora; do
  ./mvnw -B -ntp -o -q exec:java -Dexec.args="export samples/valley-labels.png \
    --instances samples/valley-instances.png -o $out/$kind.png --size 768x512 \
    --layers $out/scene.$kind"
done
layers="$(unzip -p "$out/scene.ora" stack.xml | grep -c '<layer ')"
echo "exported: $layers layers in each file"

# GIMP: load the PSD, report its size and every layer (GIMP 2.10 in Debian reads no OpenRaster:
# its OpenRaster plug-in needs Python 2).
report="$out/gimp.txt"
gimp-console -i -n -d -f -b "
(let* ((image (car (gimp-file-load RUN-NONINTERACTIVE \"$out/scene.psd\" \"scene.psd\")))
       (got (gimp-image-get-layers image)))
  (gimp-message-set-handler CONSOLE)
  (gimp-message (string-append \"size \" (number->string (car (gimp-image-width image)))
                               \"x\" (number->string (car (gimp-image-height image)))
                               \" layers \" (number->string (car got))))
  (let loop ((i 0))
    (if (< i (car got))
        (let ((l (vector-ref (cadr got) i)))
          (gimp-message (string-append \"layer \" (car (gimp-item-get-name l))))
          (loop (+ i 1))))))" -b '(gimp-quit 0)' > "$report" 2>&1 || true
cat "$report" | grep -E "size|layer" | head -5
grep -q "size 768x512 layers $layers" "$report" || { echo "GIMP did not read the PSD as written"; cat "$report"; exit 1; }
for name in "Image" "Labels" "tree #1" "house #9"; do
  grep -q "layer $name\$" "$report" || { echo "GIMP lacks layer '$name'"; exit 1; }
done
echo "GIMP: the PSD opens with all $layers layers at 768x512"

# Krita: flatten each file to PNG (it needs a display: a virtual one when there is none).
if [ -z "${DISPLAY:-}" ]; then
  Xvfb :97 -screen 0 1024x768x24 >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=:97
  sleep 2
fi
for kind in psd ora; do
  timeout 120 krita --nosplash --export --export-filename "$out/krita-$kind.png" \
    "$out/scene.$kind" >"$out/krita-$kind.log" 2>&1 \
    || { echo "Krita could not open scene.$kind"; tail -5 "$out/krita-$kind.log"; exit 1; }
  python3 - "$out/$kind.png" "$out/krita-$kind.png" "$kind" <<'PY'
import sys
from PIL import Image, ImageChops
ours, krita = (Image.open(p).convert("RGB") for p in sys.argv[1:3])
assert ours.size == krita.size, (ours.size, krita.size)
worst = max(hi for lo, hi in ImageChops.difference(ours, krita).getextrema())
assert worst == 0, "Krita's flattening differs from the picture by %d levels" % worst
print("Krita: the %s file flattens to the exported picture exactly" % sys.argv[3].upper())
PY
done
