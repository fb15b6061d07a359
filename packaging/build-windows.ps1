# Build the Windows installer of 机构编制管理 on any 64-bit Windows 10/11 PC with Python 3.11+ and NSIS 3.
#
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
#
# from the repository root. It leaves dist\bianzhi\ (bianzhi.exe, bianzhi-cli.exe, _internal\) and
# dist\bianzhi-setup-<version>.exe. Steps (each stops the script with a message when it fails):
#   1. a virtual environment .venv with `pip install -e .[build]` (needs the internet or a local index
#      the first time: pip's --find-links / PIP_INDEX_URL work as usual);
#   2. the Designer forms must be current (packaging\compile_ui.py --check);
#   3. the icon (packaging\make_icons.py writes build\icons\bianzhi.ico);
#   4. PyInstaller with packaging\bianzhi.spec (the same spec as on Linux);
#   5. the frozen smoke test: dist\bianzhi\bianzhi.exe --smoke-test must exit 0;
#   6. makensis packaging\windows\bianzhi.nsi (NSIS from https://nsis.sourceforge.io or
#      `winget install NSIS.NSIS`; found on PATH or in Program Files).
# Set $env:PYTHON to choose the interpreter (default: the `py` launcher's newest Python 3).
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

function Fail($message) {
    Write-Host "错误 / error: $message" -ForegroundColor Red
    exit 1
}

function Run($exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { Fail "$exe $($arguments -join ' ') (exit $LASTEXITCODE)" }
}

# 1. virtual environment
$Python = if ($env:PYTHON) { $env:PYTHON } else { "py" }
$PythonArgs = if ($env:PYTHON) { @() } else { @("-3") }
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Write-Host "创建虚拟环境 / creating .venv"
    Run $Python ($PythonArgs + @("-m", "venv", ".venv"))
}
$Venv = Join-Path $Root ".venv\Scripts"
Run "$Venv\python.exe" @("-c", "import sys; sys.exit(sys.version_info < (3, 11))")
Write-Host "安装依赖 / pip install -e .[build]"
Run "$Venv\python.exe" @("-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", ".[build]")

# 2. forms
Run "$Venv\python.exe" @("packaging\compile_ui.py", "--check")
$Version = & "$Venv\python.exe" -c "import bianzhi_desktop; print(bianzhi_desktop.__version__)"

# 3. icon
$env:QT_QPA_PLATFORM = "offscreen"
Run "$Venv\python.exe" @("packaging\make_icons.py", "build\icons")
Remove-Item Env:\QT_QPA_PLATFORM

# 4. PyInstaller
$env:BIANZHI_ICON = Join-Path $Root "build\icons\bianzhi.ico"
Run "$Venv\pyinstaller.exe" @("--noconfirm", "--distpath", "dist", "--workpath", "build\pyinstaller", "packaging\bianzhi.spec")

# 5. smoke test of the frozen program (a windowed program: wait for it and read its exit code)
$env:QT_QPA_PLATFORM = "offscreen"
$smoke = Start-Process -FilePath "dist\bianzhi\bianzhi.exe" -ArgumentList "--smoke-test" -Wait -PassThru
Remove-Item Env:\QT_QPA_PLATFORM
if ($smoke.ExitCode -ne 0) {
    Fail "冒烟测试失败 / smoke test failed (exit $($smoke.ExitCode)); see $env:TEMP\bianzhi.log"
}
Run "dist\bianzhi\bianzhi-cli.exe" @("--help")

# 6. installer
$Makensis = (Get-Command makensis.exe -ErrorAction SilentlyContinue).Source
if (-not $Makensis) {
    foreach ($candidate in @("${env:ProgramFiles(x86)}\NSIS\makensis.exe", "$env:ProgramFiles\NSIS\makensis.exe")) {
        if (Test-Path $candidate) { $Makensis = $candidate; break }
    }
}
if (-not $Makensis) { Fail "找不到 makensis.exe：请安装 NSIS 3（winget install NSIS.NSIS）后重试。" }
$Out = Join-Path $Root "dist\bianzhi-setup-$Version.exe"
Run $Makensis @(
    "/V2",
    "/DVERSION=$Version",
    "/DSOURCE_DIR=$(Join-Path $Root 'dist\bianzhi')",
    "/DOUT_FILE=$Out",
    "/DICON=$($env:BIANZHI_ICON)",
    "packaging\windows\bianzhi.nsi"
)
Write-Host "完成 / done: $Out"
