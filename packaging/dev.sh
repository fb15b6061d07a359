#!/usr/bin/env bash
# Developer entry point: sets up everything this checkout needs, then runs the program or the tests.
#
#   bash packaging/dev.sh run  [program args…]   start the desktop program (needs a desktop session)
#   bash packaging/dev.sh test [pytest args…]    ruff + import-linter + pytest (run from the repository root)
#
# `test` runs ruff, import-linter (the layer contracts), mypy (domain, persistence, services), then pytest.
# Steps, each skipped when already done (so repeated runs are fast and work offline):
#   1. Debian packages Qt needs (xcb, EGL, fonts incl. CJK); for `test` also postgresql, poppler-utils,
#      binutils and nsis.
#   2. .venv with `pip install -e '.[test]'` (redone when pyproject.toml changes).
# Environment: PYTHON (interpreter for the venv, default python3), BIANZHI_VERBOSE=1 (show apt/pip output).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"
VERBOSE="${BIANZHI_VERBOSE:-0}"

QT_PACKAGES=(
    libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfreetype6 libfontconfig1 libdbus-1-3
    libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
    libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1
    fonts-wqy-microhei fonts-arphic-uming
    # 楷体 stand-in (LXGW WenKai, OFL) and the last-resort font for CJK Extension B names (𠮷):
    # both TrueType, found by the paperwork and the window through fontconfig.
    fonts-lxgw-wenkai fonts-babelstone-han
)
# binutils: PyInstaller reads and strips libraries (tests/packaging builds the program); nsis: the
# Windows installer script is compiled as a check.
TEST_PACKAGES=(postgresql poppler-utils binutils nsis)

say() { printf '[dev.sh] %s\n' "$*" >&2; }
die() { say "错误 / error: $*"; exit 1; }

# Run a command with its output kept in a log, shown only if it fails (or always with BIANZHI_VERBOSE=1).
quietly() {
    if [[ $VERBOSE == 1 ]]; then
        "$@"
        return
    fi
    local log status=0
    log="$(mktemp)"
    "$@" >"$log" 2>&1 || status=$?
    if [[ $status -ne 0 ]]; then
        tail -n 40 "$log" >&2
    fi
    rm -f "$log"
    return "$status"
}

usage() {
    cat >&2 <<'EOF'
usage: bash packaging/dev.sh run  [program args…]
       bash packaging/dev.sh test [pytest args…]
EOF
    exit 2
}

# A package counts as installed if it, or its 64-bit-time_t rename (Debian 13+, e.g. libglib2.0-0t64), is.
is_installed() {
    local pkg
    for pkg in "$1" "${1}t64"; do
        if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            return 0
        fi
    done
    return 1
}

install_system_packages() {
    local wanted=("$@") missing=() pkg
    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
        say "未找到 apt-get，跳过系统软件包安装；请自行安装 Qt 的 xcb/EGL 依赖、中文字体、PostgreSQL 和 poppler-utils。"
        say "apt-get not found (not Debian?): skipping system packages. Install Qt's xcb/EGL libraries," \
            "CJK fonts, PostgreSQL and poppler-utils yourself."
        return 0
    fi
    for pkg in "${wanted[@]}"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0

    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            say "需要安装以下软件包，但当前不是 root 且没有 sudo / need these packages, but not root and no sudo:"
            say "  ${missing[*]}"
            return 0
        fi
    fi

    say "安装系统软件包 / installing system packages: ${missing[*]}"
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -o=Dpkg::Use-Pty=0)
    if ! { quietly "${apt[@]}" update && quietly "${apt[@]}" install -y --no-install-recommends "${missing[@]}"; }
    then
        # Keep going: the program or the tests will say clearly what is still missing.
        say "警告：系统软件包安装失败 / warning: installing system packages failed (see above)."
    fi
}

# ensure_venv [EXTRAS]: the venv with `pip install -e '.[EXTRAS]'` (default: test), redone when
# pyproject.toml changes (one stamp per set of extras).
ensure_venv() {
    local extras="${1:-test}"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
        || die "需要 Python 3.11 或更高版本 / need Python >= 3.11 (set PYTHON=/path/to/python3.11)"

    if [[ ! -x "$VENV/bin/python" || ! -x "$VENV/bin/pip" ]]; then
        say "创建虚拟环境 / creating $VENV"
        "$PYTHON" -m venv "$VENV"
    fi

    local stamp tag=""
    [[ $extras == test ]] || tag="${extras}-"
    stamp="$VENV/.installed-${tag}$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [[ ! -e "$stamp" ]]; then
        say "安装 Python 依赖 / pip install -e '.[${extras}]' (first run takes a few minutes)"
        quietly "$VENV/bin/python" -m pip install --disable-pip-version-check -e "${ROOT}[${extras}]" \
            || die "pip install 失败 / pip install failed"
        if [[ -n $tag ]]; then rm -f "$VENV"/.installed-"$tag"*; else rm -f "$VENV"/.installed-[0-9a-f]*; fi
        touch "$stamp"
    fi
}

cmd_run() {
    if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
        say "没有图形桌面会话（DISPLAY/WAYLAND_DISPLAY 均未设置），无法显示窗口。"
        say "No desktop session (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can be shown."
        say "Smoke test without a screen: QT_QPA_PLATFORM=offscreen bash packaging/dev.sh run --smoke-test"
        exit 1
    fi
    exec "$VENV/bin/bianzhi" "$@"
}

cmd_test() {
    cd "$ROOT"
    "$VENV/bin/ruff" check --quiet . || die "ruff 检查未通过 / ruff check failed"
    local report
    report="$("$VENV/bin/lint-imports" 2>&1)" || {
        printf '%s\n' "$report" >&2
        die "导入分层检查未通过 / lint-imports failed"
    }
    report="$("$VENV/bin/mypy" 2>&1)" || {
        printf '%s\n' "$report" >&2
        die "类型检查未通过 / mypy failed"
    }
    exec "$VENV/bin/python" -m pytest "$@"
}

main() {
    [[ $# -ge 1 ]] || usage
    local cmd="$1"
    shift
    # Python's own venv support is a separate package on Debian's python3.
    local extra=()
    "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 || extra=(python3-venv)
    case "$cmd" in
        run)
            install_system_packages "${QT_PACKAGES[@]}" "${extra[@]}"
            ensure_venv
            cmd_run "$@"
            ;;
        test)
            install_system_packages "${QT_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${extra[@]}"
            ensure_venv
            cmd_test "$@"
            ;;
        -h | --help | help) usage ;;
        *) usage ;;
    esac
}

# packaging/build.sh sources this file for its functions; run directly, it is the developer entry point.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
