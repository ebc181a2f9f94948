<#
.SYNOPSIS
    Contributor shortcuts. Everything CI needs is plain dotnet (`dotnet test HappyHorse.sln` also
    installs the pinned pwsh and Pester and runs the Pester suite); this script wraps the same commands.

.EXAMPLE
    ./build.ps1                 # dotnet build HappyHorse.sln -c Release
    ./build.ps1 Test            # build, then xunit and Pester 5.7.1 in the pinned pwsh 7.6.9, as CI does
    ./build.ps1 Docs            # external help only: the module project's build compiles docs/en-US (build/help/Help.targets)
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
    # The same command CI runs: xunit, then tests/*.Tests.ps1 in a fresh pwsh -NoProfile with the
    # pwsh of .config/dotnet-tools.json and the Pester the HappyHorse.Pester project restores.
    Invoke-Build
    Invoke-Native dotnet @('test', 'HappyHorse.sln', '-c', $Configuration, '--no-build')
}

function Invoke-Docs {
    # One generator of the MAML: build/help's MSBuild tasks, run by the module project's build.
    # (platyPS's New-ExternalHelp was a second, untested path that could write another file from the same markdown.)
    Invoke-Native dotnet @('build', 'src/HappyHorse/HappyHorse.csproj', '-c', $Configuration)
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
