; Windows installer of 机构编制管理 (NSIS 3, Unicode), after Picard's installer/picard-setup.nsi.in.
;
;   makensis /DVERSION=0.1.0 /DSOURCE_DIR=..\..\dist\bianzhi /DOUT_FILE=..\..\dist\bianzhi-setup-0.1.0.exe ^
;            /DICON=..\..\build\icons\bianzhi.ico packaging\windows\bianzhi.nsi
;
; (packaging\build-windows.ps1 runs exactly this.) Installs the one-folder build for all users under
; Program Files, with Start-menu and desktop shortcuts and an entry in 应用和功能 / 程序和功能. Installing
; a newer version over an older one replaces the program files only. The users' databases, settings and
; logs live in their own profiles (%LOCALAPPDATA%\bianzhi, the platformdirs user data folder, and
; %APPDATA%\bianzhi for the settings), which
; neither the installer nor the uninstaller touches: removing the program keeps every county's data.
;
; /DFAST=1 compresses with zlib instead of LZMA (for checking the script, not for shipping).

Unicode true
!ifndef VERSION
  !error "pass /DVERSION=x.y.z"
!endif
!ifndef SOURCE_DIR
  !error "pass /DSOURCE_DIR=path\to\dist\bianzhi"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "bianzhi-setup-${VERSION}.exe"
!endif
!ifndef EXE_SUFFIX
  !define EXE_SUFFIX ".exe"
!endif

!define PRODUCT_NAME "机构编制管理"
!define PRODUCT_KEY "bianzhi"
!define PRODUCT_PUBLISHER "bianzhi_desktop"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT_KEY}"
!define APP_EXE "bianzhi${EXE_SUFFIX}"
!define CLI_EXE "bianzhi-cli${EXE_SUFFIX}"

!ifdef FAST
  SetCompressor zlib
!else
  SetCompressor /SOLID lzma
!endif
Name "${PRODUCT_NAME} ${VERSION}"
OutFile "${OUT_FILE}"
; Per machine: every clerk of the PC gets the program; installing needs an administrator once.
RequestExecutionLevel admin
InstallDir "$PROGRAMFILES64\Bianzhi"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUnInstDetails show
BrandingText "${PRODUCT_NAME} ${VERSION}"

!include "MUI2.nsh"
!include "x64.nsh"
!include "LogicLib.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TITLE "欢迎安装 ${PRODUCT_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本向导将把 ${PRODUCT_NAME}（县委编办机构、编制和实名制管理程序）安装到这台电脑，供所有用户使用。$\r$\n$\r$\n如果已经安装了旧版本，将直接升级：各用户的数据库和设置保持不变，新版本第一次打开数据库时会先自动备份。$\r$\n$\r$\n点击“下一步”继续。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在启动 ${PRODUCT_NAME}"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "将从这台电脑上卸载 ${PRODUCT_NAME}。$\r$\n$\r$\n各用户的数据库、设置和日志（保存在各自的 AppData 文件夹中）不会被删除，重新安装后可以继续使用。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${PRODUCT_NAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${PRODUCT_NAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PRODUCT_PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "${PRODUCT_PUBLISHER}"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${PRODUCT_NAME} 需要 64 位的 Windows 10 或 11。"
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Section "程序文件" SecMain
  SectionIn RO
  SetShellVarContext all
  ; An older version's libraries must not linger beside the new ones.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${PRODUCT_NAME}"
  CreateShortCut "$SMPROGRAMS\${PRODUCT_NAME}\${PRODUCT_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$SMPROGRAMS\${PRODUCT_NAME}\${PRODUCT_NAME} 命令行.lnk" "$SYSDIR\cmd.exe" \
    '/k cd /d "$INSTDIR" && ${CLI_EXE} --help' "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$SMPROGRAMS\${PRODUCT_NAME}\卸载 ${PRODUCT_NAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${PRODUCT_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${PRODUCT_PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
SectionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${PRODUCT_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${PRODUCT_NAME}"
  ; Only what the installer put there; the users' data is in their profiles and stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINST_KEY}"
  DetailPrint "各用户的数据库和设置（AppData 中的 bianzhi 文件夹）已保留。"
SectionEnd
