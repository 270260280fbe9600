# Build the Windows bundle dist\claimdiff\ and, if Inno Setup is installed, its installer.
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# Needs Python 3.11+ from python.org (py launcher) and, for the installer, Inno Setup 6
# (winget install JRSoftware.InnoSetup).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")

if (-not (Test-Path build\venv\Scripts\python.exe)) { py -3.11 -m venv build\venv }
$py = "build\venv\Scripts\python.exe"
& $py -m pip install -q -U pip
& $py -m pip install -q --force-reinstall --no-deps .
& $py -m pip install -q ".[gui,packaging]"
& build\venv\Scripts\pyinstaller.exe --noconfirm --distpath dist --workpath build\pyinstaller packaging\claimdiff.spec
if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }

# Smoke test: the sample pair, offscreen, run from another folder so nothing comes from the checkout.
$bundle = (Resolve-Path dist\claimdiff).Path
$seeds = "$bundle\_internal\claimdiff_seeds"
$shot = Join-Path $env:TEMP "claimdiff-shot.png"
$env:QT_QPA_PLATFORM = "offscreen"
Push-Location $env:TEMP
& "$bundle\claimdiff.exe" --version
if ($LASTEXITCODE -ne 0) { throw "claimdiff.exe --version failed" }
$gui = Start-Process -Wait -PassThru "$bundle\claimdiff-gui.exe" `
  -ArgumentList "--screenshot", $shot, "$seeds\004_ae97e33e177aeab3.txt", "$seeds\000_fbd7af67a7761638.txt"
Pop-Location
Remove-Item Env:QT_QPA_PLATFORM
if ($gui.ExitCode -ne 0 -or -not (Test-Path $shot)) { throw "bundle smoke test failed" }

$version = & $py -c "import claimdiff; print(claimdiff.__version__)"
$iscc = Get-Command iscc -ErrorAction SilentlyContinue
if (-not $iscc) { $iscc = Get-Item "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" -ErrorAction SilentlyContinue }
if ($iscc) {
  & $iscc "/DAppVersion=$version" packaging\windows\claimdiff.iss
} else {
  Write-Host "Inno Setup not found: bundle in dist\claimdiff\, no installer built"
}
