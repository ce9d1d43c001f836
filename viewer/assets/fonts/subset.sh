#!/bin/sh
# Regenerates the committed font subsets (a developer step, not part of the build): Latin-1 and Latin
# Extended-A, punctuation, currency, arrows, box drawing and geometric shapes only, so the single-file web viewer stays small. Needs Debian's
# fonts-roboto-unhinted, fonts-jetbrains-mono and python3-fonttools.
set -eu
cd "$(dirname "$0")"
R=/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF
J=/usr/share/fonts/truetype/jetbrains-mono
U="U+0020-017F,U+20A0-20CF,U+2100-214F,U+2500-257F,U+2010-2027,U+2030-203A,U+2190-21FF,U+2212,U+2248,U+2260,U+2264,U+2265,U+25A0-25FF,U+2713,U+2717"
for f in "$R/Roboto-Regular.ttf" "$R/Roboto-Bold.ttf" "$J/JetBrainsMono-Regular.ttf"; do
  /usr/bin/python3 -m fontTools.subset "$f" --unicodes="$U" --layout-features=kern --no-hinting \
    --desubroutinize --output-file="$(basename "$f" .ttf)-subset.ttf"
done
