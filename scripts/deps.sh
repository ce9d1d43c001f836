#!/usr/bin/env bash
# deps.sh: installs the apt packages the build needs, fetches pinned and sha256-checked Debian *source* packages
# (imgui, SDL2, zstd, simdjson, pcre2) into ${AGENTREEL_CACHE:-$HOME/.cache/agentreel}, prepares a writable
# Emscripten config and builds SDL2 for wasm there once. Writes <cache>/deps.env (shell) and <cache>/deps.cmake
# (CMake). Idempotent: every step leaves a stamp, so a second run only checks and takes about a second.
set -euo pipefail

CACHE=${AGENTREEL_CACHE:-$HOME/.cache/agentreel}
say() { echo "deps.sh: $*" >&2; }
die() { echo "deps.sh: error: $*" >&2; exit 1; }
SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo

# ---- 1. apt packages (only touches apt when something is missing) -------------------------------------------
PACKAGES=(cmake g++ clang libclang-rt-14-dev ninja-build pkg-config dpkg-dev xz-utils ccache debian-archive-keyring
          emscripten libsdl2-dev libzstd-dev libsimdjson-dev libxxhash-dev libpcre2-dev libgl-dev catch2 libpng-dev
          chromium xvfb xauth imagemagick fonts-roboto-unhinted fonts-jetbrains-mono python3 python3-fonttools
          clang-format fonts-noto-core fonts-noto-cjk fonts-symbola libharfbuzz-dev)
command -v node >/dev/null || PACKAGES+=(nodejs npm)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing apt packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update
  $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y "${missing[@]}" || die "apt-get install failed: ${missing[*]}"
fi

# ---- 2. Debian source packages, pinned: name, Debian version, sha256 of the *.orig.tar.* ------------------------
# imgui comes from trixie (bookworm only has 1.86); the rest from bookworm. Both suites are in one private list.
SOURCES=(
  "imgui    1.90.1+ds-1     ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c"
  "libsdl2  2.26.5+dfsg-1   b3f2c822151804125d08db94c65852f711c2e5df2145a59da120748dc32eb9c3"
  "libzstd  1.5.4+dfsg2-5   8cf4bbb65e77ec348d052c8d6230eba66d435bddf64c8b5be2fcb16880c19953"
  "simdjson 3.0.1-1         156b1bc5eb0561b2bd166b46d191fd3d95a3e709cc63761477d3b7aec2b6e9ed"
  "pcre2    10.42-1         c33b418e3b936ee3153de2c61cc638e7e4fe3156022a5c77d0711bcbb9d64f1f"
)
APT_DIR=$CACHE/apt
APT_OPTS=(-o "Dir::Etc::SourceList=$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$APT_DIR/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache=
          -o APT::Sandbox::User=root -o Debug::NoLocking=1)
apt_updated=0
apt_update_once() {  # refreshes the private index (both suites) once per run
  [ $apt_updated -eq 0 ] || return 0
  mkdir -p "$APT_DIR/lists/partial"
  local key=/usr/share/keyrings/debian-archive-keyring.gpg
  printf 'deb-src [signed-by=%s] http://deb.debian.org/debian %s main\n' "$key" bookworm "$key" trixie \
    > "$APT_DIR/sources.list"
  apt-get "${APT_OPTS[@]}" -qq update || die "apt-get update of the private source list failed"
  apt_updated=1
}

declare -A SRC  # name -> extracted source dir
for entry in "${SOURCES[@]}"; do
  read -r name debver sha <<<"$entry"
  upver=${debver%-*}                      # 1.90.1+ds-1 -> 1.90.1+ds
  dir=$CACHE/src/$name-${upver%%+*}-${sha:0:12}
  SRC[$name]=$dir
  [ -f "$dir/.agentreel-ok" ] && continue
  say "fetching source package $name $debver"
  mkdir -p "$CACHE/downloads"
  apt_update_once
  (cd "$CACHE/downloads" && apt-get "${APT_OPTS[@]}" -qq source --download-only "$name=$debver") \
    || die "apt-get source $name=$debver failed (is deb.debian.org reachable? was the version removed?)"
  tarball=
  for f in "$CACHE/downloads/${name}_${upver}".orig.tar.*; do [[ $f == *.asc ]] || tarball=$f; done
  [ -f "$tarball" ] || die "no ${name}_${upver}.orig.tar.* in $CACHE/downloads"
  got=$(sha256sum "$tarball" | cut -d' ' -f1)
  if [ "$got" != "$sha" ]; then
    rm -f "$tarball"
    die "sha256 mismatch for $(basename "$tarball"): expected $sha, got $got. The archive changed; review before re-pinning."
  fi
  rm -rf "$dir" "$dir.tmp" && mkdir -p "$dir.tmp"
  tar -xf "$tarball" -C "$dir.tmp" --strip-components=1 || die "cannot extract $tarball"
  touch "$dir.tmp/.agentreel-ok" && mv "$dir.tmp" "$dir"
done

# ---- 3. Writable Emscripten config + cache (the packaged one is FROZEN_CACHE and read-only) --------------------
EM_VERSION=$(dpkg-query -W -f='${Version}' emscripten | tr '~+:' '---')
EM_DIR=$CACHE/emscripten-$EM_VERSION
EM_CONFIG_FILE=$EM_DIR/config
if [ ! -f "$EM_DIR/.agentreel-ok" ]; then
  say "preparing Emscripten config and cache in $EM_DIR (copies the packaged sysroot, ~750 MB)"
  rm -rf "$EM_DIR" && mkdir -p "$EM_DIR/cache"
  cp -a /usr/share/emscripten/cache/. "$EM_DIR/cache/"
  rm -f "$EM_DIR/cache/cache.lock"
  sed -e 's/^FROZEN_CACHE *=.*/FROZEN_CACHE = False/' /usr/share/emscripten/.emscripten > "$EM_CONFIG_FILE"
  printf "\nCACHE = '%s'\n" "$EM_DIR/cache" >> "$EM_CONFIG_FILE"
  touch "$EM_DIR/.agentreel-ok"
fi
em_env=(env "EM_CONFIG=$EM_CONFIG_FILE" NODE_PATH=/usr/share/nodejs)
command -v ccache >/dev/null && em_env+=(EM_COMPILER_WRAPPER=ccache)

# ---- 4. SDL2 static for wasm, built once -------------------------------------------------------------------
sdl_src=${SRC[libsdl2]}
SDL2_WASM=$CACHE/wasm/sdl2-$(basename "$sdl_src" | cut -d- -f2-)-em$EM_VERSION
sdl2_wasm_build() {  # configure, build, install; stops at the first failing step
  "${em_env[@]}" emcmake cmake -S "$sdl_src" -B "$1" -G Ninja -Wno-dev -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_INSTALL_PREFIX="$SDL2_WASM" -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF &&
    "${em_env[@]}" cmake --build "$1" &&
    cmake --install "$1"
}
if [ ! -f "$SDL2_WASM/.agentreel-ok" ]; then
  say "building SDL2 for wasm into $SDL2_WASM (once; its configure checks take a few minutes)"
  bdir=$CACHE/build/sdl2-wasm
  rm -rf "$bdir" "$SDL2_WASM"
  if ! sdl2_wasm_build "$bdir" >"$CACHE/sdl2-wasm.log" 2>&1; then
    tail -30 "$CACHE/sdl2-wasm.log" >&2
    die "SDL2 wasm build failed; full log: $CACHE/sdl2-wasm.log"
  fi
  for f in lib/libSDL2.a include/SDL2/SDL_config.h; do
    [ -f "$SDL2_WASM/$f" ] || die "SDL2 wasm install lacks $f (log: $CACHE/sdl2-wasm.log)"
  done
  rm -rf "$bdir"
  touch "$SDL2_WASM/.agentreel-ok"
fi

# ---- 5. Viewer fonts: Debian's Roboto and JetBrains Mono, pinned by sha256, subset once (keeps the page small) --
# (other scripts come from Noto and Symbola: native/debian_fonts.h natively, page subsets from `agentreel html`)
FONT_SOURCES=(
  "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf 797e35f7f5d6020a5c6ea13b42ecd668bcfb3bbc4baa0e74773527e5b6cb3174"
  "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Bold.ttf 36f3709dea3e3ce3c6aedc058079e55980825f898f1e901d091c73c40de8bab1"
  "/usr/share/fonts/truetype/jetbrains-mono/JetBrainsMono-Regular.ttf a3014fb90ae8ddfbdfc778de75f95b49a857947fde5335ab3f50b6d56eb517be"
)
# Latin-1 and Latin Extended-A, punctuation, currency, letter-like symbols, arrows, box drawing, shapes.
FONT_UNICODES="U+0020-017F,U+20A0-20CF,U+2100-214F,U+2500-257F,U+2010-2027,U+2030-203A,U+2190-21FF,U+2212,U+2248,U+2260,U+2264,U+2265,U+25A0-25FF,U+2713,U+2717"
# Fallback subsets for the web viewer: font, face in the collection, sha256, codepoints, output name.
FALLBACK_SOURCES=(
  "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf 0 89c3c497f618fdaa0b2d1e98fef93582f28c71debd2c4a8cdf41f190ced2909d U+0370-03FF,U+0400-052F NotoSans-common-subset.ttf"
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc 2 b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a U+3000-30FF,U+31F0-31FF,U+FF00-FFEF NotoSansCJK-common-subset.otf"
)
FONTS_DIR=$CACHE/fonts-$(printf '%s' "${FONT_SOURCES[*]} $FONT_UNICODES ${FALLBACK_SOURCES[*]}" | sha256sum | cut -c1-12)
if [ ! -f "$FONTS_DIR/.agentreel-ok" ]; then
  say "subsetting viewer fonts into $FONTS_DIR"
  rm -rf "$FONTS_DIR" && mkdir -p "$FONTS_DIR.tmp"
  for entry in "${FONT_SOURCES[@]}"; do
    read -r font sha <<<"$entry"
    [ -f "$font" ] || die "font $font is missing (apt packages fonts-roboto-unhinted, fonts-jetbrains-mono)"
    got=$(sha256sum "$font" | cut -d' ' -f1)
    [ "$got" = "$sha" ] || die "sha256 mismatch for $font: expected $sha, got $got. Review before re-pinning."
    /usr/bin/python3 -m fontTools.subset "$font" --unicodes="$FONT_UNICODES" --layout-features=kern --no-hinting \
      --desubroutinize --output-file="$FONTS_DIR.tmp/$(basename "$font" .ttf)-subset.ttf" \
      || die "fontTools could not subset $font"
  done
  # The web viewer's own fallback for bundles dropped on the empty page (pages made by `agentreel html` carry
  # subsets for exactly their text instead): Greek and Cyrillic from Noto Sans; CJK punctuation, kana and
  # full-width forms from Noto Sans CJK SC (face 2). Han ideographs and Hangul syllables are too many for the
  # empty page; there they draw as '?'. The native viewer reads the whole fonts (native/debian_fonts.h).
  for entry in "${FALLBACK_SOURCES[@]}"; do
    read -r font face sha unicodes out <<<"$entry"
    [ -f "$font" ] || die "font $font is missing (apt packages fonts-noto-core, fonts-noto-cjk)"
    got=$(sha256sum "$font" | cut -d' ' -f1)
    [ "$got" = "$sha" ] || die "sha256 mismatch for $font: expected $sha, got $got. Review before re-pinning."
    /usr/bin/python3 -m fontTools.subset "$font" --font-number="$face" --unicodes="$unicodes" --layout-features= \
      --no-hinting --output-file="$FONTS_DIR.tmp/$out" || die "fontTools could not subset $font"
  done
  touch "$FONTS_DIR.tmp/.agentreel-ok" && mv "$FONTS_DIR.tmp" "$FONTS_DIR"
fi

# ---- 6. Hand the resolved paths to shell scripts and CMake ------------------------------------------------------
cat > "$CACHE/deps.env.tmp" <<EOF
# Generated by scripts/deps.sh: source this file. EM_CONFIG/NODE_PATH are for running emcc/emcmake.
export AGENTREEL_CACHE='$CACHE'
export AGENTREEL_IMGUI_DIR='${SRC[imgui]}'
export AGENTREEL_ZSTD_DIR='${SRC[libzstd]}'
export AGENTREEL_SIMDJSON_DIR='${SRC[simdjson]}'
export AGENTREEL_PCRE2_DIR='${SRC[pcre2]}'
export AGENTREEL_SDL2_SRC_DIR='$sdl_src'
export AGENTREEL_SDL2_WASM_DIR='$SDL2_WASM'
export AGENTREEL_EM_CONFIG='$EM_CONFIG_FILE'
export AGENTREEL_EM_NODE_PATH='/usr/share/nodejs'
export AGENTREEL_FONTS_DIR='$FONTS_DIR'
EOF
sed -n "s/^export \(AGENTREEL_[A-Z0-9_]*\)='\(.*\)'$/set(\1 \"\2\")/p" "$CACHE/deps.env.tmp" > "$CACHE/deps.cmake.tmp"
sed -i '1i # Generated by scripts/deps.sh; included by cmake/Dependencies.cmake.' "$CACHE/deps.cmake.tmp"
mv "$CACHE/deps.env.tmp" "$CACHE/deps.env" && mv "$CACHE/deps.cmake.tmp" "$CACHE/deps.cmake"
say "ok: dependencies ready in $CACHE"
