; Inno Setup 6 script: a per-user installer for Decision Desk (no administrator rights).
; NOT BUILT OR TESTED HERE (see packaging/README.md): it packs the folder PyInstaller makes
; on Windows, dist\decision-desk\, built first with `pyinstaller packaging\decision-desk.spec`.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\decision-desk.iss
;
; gives dist\decision-desk-0.1.0-setup.exe. It installs into the user's own programs folder
; (%LOCALAPPDATA%\Programs\Decision Desk), adds a Start menu entry (and, if asked, a
; desktop icon), and registers an uninstaller in the user's Apps list. The register,
; settings, backups and log live in the user's data folders (%LOCALAPPDATA%\DecisionDesk,
; the registry for the window's settings), never in the program folder: an upgrade
; replaces the program and keeps them, and uninstalling leaves them.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; One AppId for every version, so a newer installer upgrades the installed one in place.
AppId={{6F3C2B7E-4D1A-4E8B-9C35-2A7D5E9B1F04}
AppName=Decision Desk
AppVersion={#AppVersion}
AppVerName=Decision Desk {#AppVersion}
AppPublisher=Democratic Services
DefaultDirName={autopf}\Decision Desk
DefaultGroupName=Decision Desk
DisableProgramGroupPage=yes
; Per user: no UAC prompt, installs under %LOCALAPPDATA%\Programs ({autopf} in this mode).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
OutputDir=..\..\dist
OutputBaseFilename=decision-desk-{#AppVersion}-setup
SetupIconFile=decision-desk.ico
UninstallDisplayIcon={app}\decision-desk.exe
UninstallDisplayName=Decision Desk {#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; An upgrade while the app is open: offer to close it first.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program folder's files wholesale (none of the clerk's data is here).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\decision-desk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Decision Desk"; Filename: "{app}\decision-desk.exe"; WorkingDir: "{userdocs}"
Name: "{autodesktop}\Decision Desk"; Filename: "{app}\decision-desk.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\decision-desk.exe"; Description: "{cm:LaunchProgram,Decision Desk}"; Flags: nowait postinstall skipifsilent
