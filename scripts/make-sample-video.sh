#!/usr/bin/env bash
# Reproduces the test video fixtures/media/sample.mp4 (and its captions) with Debian's ffmpeg:
# 4 s of a 320x180 test pattern at 15 fps with a 440 Hz tone, H.264 + AAC, with the
# index (moov) first so a player can start before the whole file arrives.
# The output is deterministic for a given ffmpeg build (no timestamps or encoder tags).
set -euo pipefail
cd "$(dirname "$0")/.."

out=fixtures/media/sample.mp4
command -v ffmpeg >/dev/null || { echo "ffmpeg is missing: apt-get install -y ffmpeg" >&2; exit 1; }

ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i testsrc=size=320x180:rate=15 \
  -f lavfi -i sine=frequency=440:sample_rate=44100 \
  -t 4 \
  -c:v libx264 -preset veryslow -crf 32 -pix_fmt yuv420p -profile:v baseline -g 15 \
  -c:a aac -b:a 32k -ac 1 \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
  -movflags +faststart \
  "$out"

size=$(stat -c %s "$out")
if [ "$size" -gt 204800 ]; then
  echo "$out is $size bytes, over the 200 KB budget" >&2
  exit 1
fi
echo "wrote $out ($size bytes)"
