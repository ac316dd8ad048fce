; Inno Setup script: per-user installer for the Windows one-folder bundle.
; Build on Windows after `pyinstaller packaging\incident-wizard.spec` (see packaging/README.md):
;   iscc packaging\windows\incident-wizard.iss
; Installs to %LOCALAPPDATA%\Programs\Incident Wizard without administrator rights, adds a
; Start-menu entry, and an uninstaller that removes the program but KEEPS the user's data
; (%LOCALAPPDATA%\IncidentWizard: the database and the register must survive an uninstall).

#define AppName "Incident Wizard"
#define AppVersion GetEnv("INCIDENT_WIZARD_VERSION")
#if AppVersion == ""
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6E3C2B0E-4F3A-4C59-9E0B-7B1C9A0D2F41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Incident Wizard
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=incident-wizard-{#AppVersion}-windows-setup
SetupIconFile=incident-wizard.ico
UninstallDisplayIcon={app}\incident-wizard.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\incident-wizard\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\incident-wizard.exe"
Name: "{group}\Désinstaller {#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\incident-wizard.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\incident-wizard.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry for the data folder: uninstalling never deletes incidents.
