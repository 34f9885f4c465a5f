; Inno Setup 6 script: the Windows installer of the ECI Setup Wizard.
;
; Build on Windows, from the repository root, after `bash packaging/build.sh` (Git Bash):
;   python packaging\tools\make_icons.py --ico packaging\build\eci-wizard.ico
;   iscc /DAppVersion=0.1.0 packaging\windows\eci-wizard.iss
; Output: packaging\dist\eci-wizard-<version>-setup.exe
;
; It installs the PyInstaller bundle (packaging\dist\eci-wizard\: eci-wizard.exe, the window app;
; eci-wizard-cli.exe, its console twin for --self-check and the headless commands; _internal\)
; per user by default (no administrator needed: %LOCALAPPDATA%\Programs\ECI Setup Wizard), or for
; all users when run as administrator. Start-menu entry, optional desktop icon, an uninstaller in
; "Installed apps". The uninstaller removes every file it installed; the user's own settings
; (%LOCALAPPDATA%\ECI Setup Wizard\eci-wizard) and keyring entries are kept, as users expect.
;
; Code signing (optional; needs a code-signing certificate): define a sign tool named "signtool"
; in the Inno Setup IDE or on the command line, e.g.
;   iscc "/Ssigntool=signtool.exe sign /fd sha256 /tr http://timestamp.digicert.com /td sha256 /f CERT.pfx /p PASSWORD $f" /DSign=1 ...
; and sign packaging\dist\eci-wizard\*.exe the same way before running iscc.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "ECI Setup Wizard"
#define AppExe "eci-wizard.exe"
#define BundleDir "..\dist\eci-wizard"

[Setup]
AppId={{6E0B3F4A-2C7D-4E58-9A1B-5D3C8F2E7A40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ECI Setup Wizard
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist
OutputBaseFilename=eci-wizard-{#AppVersion}-setup
SetupIconFile=..\build\eci-wizard.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
LZMANumBlockThreads=2
WizardStyle=modern
CloseApplications=yes
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Set up and verify Einstein Conversation Insights"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Nothing is written into {app} at run time; this only removes the folder if it was left empty.
Type: dirifempty; Name: "{app}"
