#!/usr/bin/env bash
# Build the installed program on Linux: the one-folder build and the Debian package.
#
#   bash packaging/build.sh
#
# leaves dist/bianzhi/ (the executables `bianzhi` and `bianzhi-cli`, with `_internal/`) and
# dist/bianzhi_<version>_amd64.deb. Steps, each skipped when already done (like packaging/dev.sh):
#   1. Debian packages: what Qt needs (the same list as dev.sh), binutils (PyInstaller reads and strips
#      libraries with objdump/strip), dpkg-deb, and Python's shared library where the interpreter is
#      Debian's own.
#   2. .venv with `pip install -e '.[build]'` (PyInstaller), redone when pyproject.toml changes.
#   3. the Designer forms must be compiled and committed (packaging/compile_ui.py --check);
#   4. the icon files (packaging/make_icons.py), PyInstaller with packaging/bianzhi.spec;
#   5. every library of the folder must find its dependencies (in the folder or in the system packages
#      the .deb depends on), then the .deb (packaging/build_deb.py).
# Environment: PYTHON, BIANZHI_VERBOSE=1 as for dev.sh; BIANZHI_DIST and BIANZHI_BUILD put the output and
# the work folders elsewhere (the tests do); BIANZHI_DEB_FAST=1 compresses the .deb with gzip -1 instead
# of xz (seconds instead of minutes, for tests only: about a third larger).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=dev.sh
source "$HERE/dev.sh"

DIST="${BIANZHI_DIST:-$ROOT/dist}"
WORK="${BIANZHI_BUILD:-$ROOT/build}"
BUILD_PACKAGES=(binutils dpkg)

build_say() { printf '[build.sh] %s\n' "$*" >&2; }

# The GTK theme plugin loads only where the desktop has GTK 3 (it is not a dependency): its missing
# libraries are expected.
OPTIONAL_ELF='/platformthemes/'

check_libraries() {
    local folder="$1" missing=() file line
    local path="$folder/_internal:$folder/_internal/PySide6/Qt/lib"
    while IFS= read -r -d '' file; do
        [[ $file =~ $OPTIONAL_ELF ]] && continue
        head -c 4 "$file" | grep -q 'ELF' || continue
        while IFS= read -r line; do
            missing+=("${file#"$folder"/}: $line")
        done < <(LD_LIBRARY_PATH="$path" ldd "$file" 2>/dev/null | grep 'not found' || true)
    done < <(find "$folder" -type f \( -name '*.so*' -o -name bianzhi -o -name bianzhi-cli \) -print0)
    if [[ ${#missing[@]} -gt 0 ]]; then
        printf '  %s\n' "${missing[@]}" >&2
        die "构建目录中的库找不到依赖（见上）/ libraries of the build miss dependencies (above)"
    fi
}

main_build() {
    local extra=()
    "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 || extra=(python3-venv)
    # Debian's python3 links libpython statically; PyInstaller needs the shared one beside it.
    if [[ "$(readlink -f "$(command -v "$PYTHON")")" == /usr/bin/* ]]; then
        extra+=("libpython$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
    fi
    install_system_packages "${QT_PACKAGES[@]}" "${BUILD_PACKAGES[@]}" "${extra[@]}"
    ensure_venv build

    cd "$ROOT"
    "$VENV/bin/python" packaging/compile_ui.py --check \
        || die "ui/ 中的界面文件与 bianzhi_desktop/gui/forms 不一致，请先运行 python packaging/compile_ui.py"
    local version
    version="$("$VENV/bin/python" -c 'import bianzhi_desktop; print(bianzhi_desktop.__version__)')"

    build_say "图标 / icons"
    QT_QPA_PLATFORM=offscreen "$VENV/bin/python" packaging/make_icons.py "$WORK/icons"

    build_say "PyInstaller → $DIST/bianzhi (about a minute)"
    BIANZHI_ICON="$WORK/icons/bianzhi.ico" quietly "$VENV/bin/pyinstaller" --noconfirm \
        --distpath "$DIST" --workpath "$WORK/pyinstaller" packaging/bianzhi.spec \
        || die "PyInstaller 构建失败 / PyInstaller failed (BIANZHI_VERBOSE=1 shows everything)"
    check_libraries "$DIST/bianzhi"

    local deb="$DIST/bianzhi_${version}_amd64.deb" fast=()
    [[ ${BIANZHI_DEB_FAST:-0} == 1 ]] && fast=(--fast)
    build_say "dpkg-deb → $deb"
    rm -f "$DIST"/bianzhi_*_amd64.deb
    "$VENV/bin/python" packaging/build_deb.py --dist "$DIST/bianzhi" --icons "$WORK/icons" \
        --version "$version" --out "$deb" "${fast[@]}" >/dev/null

    build_say "完成 / done: $DIST/bianzhi ($(du -sh --apparent-size "$DIST/bianzhi" | cut -f1))," \
        "$deb ($(du -h --apparent-size "$deb" | cut -f1))"
}

main_build "$@"
