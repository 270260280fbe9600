; Inno Setup script: turns the PyInstaller bundle dist\claimdiff\ into a per-user installer
; dist\claimdiff-<version>-setup.exe. Build the bundle first (see packaging\README.md), then:
;   iscc /DAppVersion=0.1.0 packaging\windows\claimdiff.iss
; AppVersion must equal claimdiff.__version__ (python -c "import claimdiff; print(claimdiff.__version__)").

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\claimdiff.iss
#endif

[Setup]
; A fixed GUID keeps upgrades in place; never change it once released.
AppId={{8E1B6C3A-4F0D-4C55-9A57-2C6D0B7F3E21}
AppName=claimdiff
AppVersion={#AppVersion}
AppPublisher=The claimdiff developers
DefaultDirName={autopf}\claimdiff
DefaultGroupName=claimdiff
; Per-user by default (no administrator rights needed); the user may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=claimdiff-{#AppVersion}-setup
SetupIconFile=resources\icons\claimdiff.ico
UninstallDisplayIcon={app}\claimdiff-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\claimdiff\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\claimdiff"; Filename: "{app}\claimdiff-gui.exe"
Name: "{group}\{cm:UninstallProgram,claimdiff}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\claimdiff"; Filename: "{app}\claimdiff-gui.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\claimdiff-gui.exe"; Description: "{cm:LaunchProgram,claimdiff}"; Flags: nowait postinstall skipifsilent
