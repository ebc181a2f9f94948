<#
.SYNOPSIS
    Contributor shortcuts. Everything CI needs is plain dotnet; this script only adds the optional
    PowerShell-side steps (Pester, platyPS) for those who have pwsh.

.EXAMPLE
    ./build.ps1                 # dotnet build HappyHorse.sln -c Release
    ./build.ps1 Test            # build, xunit, then Pester 5 (tests/*.Tests.ps1) if pwsh and Pester are installed
    ./build.ps1 Docs            # external help with platyPS, if installed (dotnet build already compiles it without platyPS)
    ./build.ps1 Demo            # the main job end to end against the local emulator
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Demo')]
    [string]$Task = 'Build',

    [string]$Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Invoke-Native {
    # Native programs report failure through the exit code only; turn it into an error.
    param([Parameter(Mandatory = $true)][string]$FilePath, [string[]]$ArgumentList = @())
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor Cyan
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', 'HappyHorse.sln', '-c', $Configuration)
}

function Invoke-Test {
    Invoke-Build
    Invoke-Native dotnet @('test', 'HappyHorse.sln', '-c', $Configuration, '--no-build')

    if ($null -eq (Get-Command pwsh -CommandType Application -ErrorAction SilentlyContinue)) {
        Write-Host 'pwsh (PowerShell 7) not found: skipped the Pester tests (xunit ran). Install PowerShell 7 to run them.' -ForegroundColor Yellow
        return
    }
    $pester = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0' | Sort-Object Version -Descending | Select-Object -First 1
    if ($null -eq $pester) {
        Write-Host 'Pester 5 not found: skipped the Pester tests (xunit ran). Install-Module Pester -MinimumVersion 5.0 to run them.' -ForegroundColor Yellow
        return
    }
    if (-not (Get-ChildItem -Path ./tests -Filter *.Tests.ps1 -Recurse -File)) {
        Write-Host 'No *.Tests.ps1 files under ./tests: nothing for Pester to run (xunit ran).' -ForegroundColor Yellow
        return
    }
    # A fresh process: no profile, and no module version already loaded in this session, so the
    # tests see exactly the module the build laid out in out/HappyHorse.
    $manifest = (Resolve-Path ./out/HappyHorse/HappyHorse.psd1).ProviderPath
    $tests = (Resolve-Path ./tests).ProviderPath
    $quote = { param($text) "'" + ($text -replace "'", "''") + "'" }
    # The tests start the emulator this build made (src/HappyHorse.Emulator/bin/<configuration>).
    $command = @(
        "`$env:HAPPYHORSE_CONFIGURATION = $(& $quote $Configuration)"
        "Import-Module Pester -RequiredVersion $($pester.Version) -ErrorAction Stop"
        "Import-Module $(& $quote $manifest) -Force -ErrorAction Stop"
        '$configuration = New-PesterConfiguration'
        "`$configuration.Run.Path = $(& $quote $tests)"
        '$configuration.Run.Exit = $true'
        "`$configuration.Output.Verbosity = 'Detailed'"
        'Invoke-Pester -Configuration $configuration'
    ) -join '; '
    Invoke-Native pwsh @('-NoProfile', '-NonInteractive', '-Command', $command)
}

function Invoke-Docs {
    $platyPS = Get-Module -ListAvailable platyPS | Sort-Object Version -Descending | Select-Object -First 1
    if ($null -eq $platyPS) {
        Write-Host 'platyPS not found: skipped building external help (Install-Module platyPS to build it).' -ForegroundColor Yellow
        return
    }
    if (-not (Get-ChildItem -Path docs/en-US -Filter *.md -File -ErrorAction SilentlyContinue)) {
        Write-Host 'No markdown help in docs/en-US: skipped building external help.' -ForegroundColor Yellow
        return
    }
    Import-Module $platyPS -ErrorAction Stop
    $null = New-Item -ItemType Directory -Path out/HappyHorse/en-US -Force
    New-ExternalHelp docs/en-US -OutputPath out/HappyHorse/en-US -Force | ForEach-Object { Write-Host "Wrote $($_.FullName)" }
}

function Invoke-Demo {
    Invoke-Native dotnet @('run', '--project', 'tools/HappyHorse.Demo')
}

Push-Location -LiteralPath $PSScriptRoot
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Docs' { Invoke-Docs }
        'Demo' { Invoke-Demo }
    }
    Write-Host "$Task succeeded." -ForegroundColor Green
    exit 0
}
catch {
    Write-Host "$Task failed: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
finally {
    Pop-Location
}
