; InterviewDesk (面试协同台) Windows installer: one installation per machine, for every user.
;
; Build (on Windows, after PyInstaller has produced dist\InterviewDesk\):
;     makensis installer\interviewdesk.nsi
;     makensis /DVERSION=0.2.0 installer\interviewdesk.nsi      (another version number)
; Result: dist\InterviewDesk-<version>-setup.exe
;
; Install (needs administrator rights; per-machine under Program Files):
;     InterviewDesk-0.1.0-setup.exe                                    interactive
;     InterviewDesk-0.1.0-setup.exe /S                                 silent, default folder
;     InterviewDesk-0.1.0-setup.exe /S /CONFIG=\\server\it\machine.json  silent, with preset machine settings
;     InterviewDesk-0.1.0-setup.exe /S /D=D:\Programs\InterviewDesk    another folder (/D must come last)
; Preset machine settings: a machine.json given with /CONFIG=, or lying beside the setup program,
; is copied to <install folder>\deploy\machine.json and imported for every user at their next
; logon (Windows Active Setup) with `interviewdesk-cli config import`, and at once for the user
; running the installer. See installer\README.md and installer\deploy\machine.sample.json.
;
; Uninstalling removes the program only: databases, key files and backups in the users' folders
; (or on the configured disk) are never touched.

Unicode true
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!define APPNAME "InterviewDesk"
!define APPTITLE "面试协同台 InterviewDesk"
!define PUBLISHER "InterviewDesk"
!define DIST "..\dist\InterviewDesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPNAME}"
!define ACTIVE_SETUP_KEY "Software\Microsoft\Active Setup\Installed Components\${APPNAME}.MachineSettings"
; Links interviewdesk://interview/<id> (in OA pushes) open the interview in the
; app: Windows runs InterviewDesk.exe --open <link>; a running InterviewDesk takes the link over.
!define URL_SCHEME "interviewdesk"
!define URL_KEY "Software\Classes\${URL_SCHEME}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "x64.nsh"

Name "${APPTITLE}"
OutFile "..\dist\${APPNAME}-${VERSION}-setup.exe"
InstallDir "$PROGRAMFILES64\${APPNAME}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
ShowInstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPTITLE}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPTITLE} Setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\InterviewDesk.exe"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Var DeployConfig

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "InterviewDesk needs 64-bit Windows. / 面试协同台需要 64 位 Windows。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
  ; /CONFIG=FILE on the command line, else a machine.json beside the setup program.
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/CONFIG=" $DeployConfig
  ${If} ${Errors}
    StrCpy $DeployConfig ""
    ${If} ${FileExists} "$EXEDIR\machine.json"
      StrCpy $DeployConfig "$EXEDIR\machine.json"
    ${EndIf}
  ${EndIf}
FunctionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "InterviewDesk" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; Replace the previous version's files completely (old libraries must not linger).
  RMDir /r "$INSTDIR\_internal"
  File /r "${DIST}\*.*"

  CreateShortcut "$SMPROGRAMS\${APPTITLE}.lnk" "$INSTDIR\InterviewDesk.exe" "" "$INSTDIR\InterviewDesk.exe" 0

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APPTITLE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\InterviewDesk.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0

  WriteRegStr HKLM "${URL_KEY}" "" "URL:${APPTITLE}"
  WriteRegStr HKLM "${URL_KEY}" "URL Protocol" ""
  WriteRegStr HKLM "${URL_KEY}\DefaultIcon" "" '"$INSTDIR\InterviewDesk.exe",0'
  WriteRegStr HKLM "${URL_KEY}\shell\open\command" "" '"$INSTDIR\InterviewDesk.exe" --open "%1"'
SectionEnd

Section "Machine settings" SecConfig
  ${If} $DeployConfig == ""
    Return
  ${EndIf}
  ${IfNot} ${FileExists} "$DeployConfig"
    MessageBox MB_ICONSTOP|MB_OK "Machine settings file not found: $DeployConfig" /SD IDOK
    SetErrorLevel 2
    Abort
  ${EndIf}
  CreateDirectory "$INSTDIR\deploy"
  CopyFiles /SILENT "$DeployConfig" "$INSTDIR\deploy\machine.json"
  DetailPrint "Machine settings: $DeployConfig"

  ; Machine settings live in each user's profile, so import them once per user at logon
  ; (Active Setup). A new Version makes every user import again after a redeployment.
  ${GetTime} "" "L" $0 $1 $2 $3 $4 $5 $6
  WriteRegStr HKLM "${ACTIVE_SETUP_KEY}" "" "${APPTITLE} machine settings"
  WriteRegStr HKLM "${ACTIVE_SETUP_KEY}" "Version" "$2,$1$0,$4$5,$6"
  WriteRegStr HKLM "${ACTIVE_SETUP_KEY}" "StubPath" \
    '"$INSTDIR\interviewdesk-cli.exe" config import "$INSTDIR\deploy\machine.json"'
  WriteRegDWORD HKLM "${ACTIVE_SETUP_KEY}" "IsInstalled" 1

  ; ...and now for the user running the installer.
  nsExec::ExecToLog '"$INSTDIR\interviewdesk-cli.exe" config import "$INSTDIR\deploy\machine.json"'
  Pop $0
  ${If} $0 != 0
    DetailPrint "config import exited with $0 (check the file with: interviewdesk-cli config import FILE)"
  ${EndIf}
SectionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APPTITLE}.lnk"
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\deploy"
  Delete "$INSTDIR\InterviewDesk.exe"
  Delete "$INSTDIR\interviewdesk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${ACTIVE_SETUP_KEY}"
  DeleteRegKey HKLM "${URL_KEY}"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
