<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 in this fresh pwsh with the pinned Pester, against the module the
    build laid out in out/HappyHorse. Exits with the number of failed tests (0 when all passed).

.NOTES
    Called by the HappyHorse.Pester project when `dotnet test HappyHorse.sln` runs, with the pwsh of
    the repository's tool manifest (.config/dotnet-tools.json) and the Pester that project restored
    from NuGet. Nothing is taken from PATH or the user's module folders.
#>
param(
    [Parameter(Mandatory = $true)][string]$PesterManifest,
    [Parameter(Mandatory = $true)][string]$Configuration,
    [string[]]$Path,
    [string]$ResultPath
)

$ErrorActionPreference = 'Stop'
# CI and the test command read this output as text: no colour escapes.
$PSStyle.OutputRendering = 'PlainText'

$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).ProviderPath
if (-not $Path) { $Path = @(Join-Path $repoRoot 'tests') }
# pwsh -File passes '-Path a.Tests.ps1,b.Tests.ps1' as one string.
$Path = @($Path | ForEach-Object { $_ -split ',' } | Where-Object { $_ })

# Only the pinned Pester and the built module: a Pester in the user's module folders, or an
# installed HappyHorse, must not be what the tests exercise.
$env:PSModulePath = [string]::Join([IO.Path]::PathSeparator,
    @($env:PSModulePath -split [IO.Path]::PathSeparator | Where-Object { $_ -like "$PSHOME*" }))
$env:HAPPYHORSE_CONFIGURATION = $Configuration
$env:RUNCOMFY_TOKEN = $null
$env:RUNCOMFY_MODEL_API_BASE = $null

Import-Module -Name (Resolve-Path -LiteralPath $PesterManifest).ProviderPath -Force -ErrorAction Stop

$pesterConfiguration = New-PesterConfiguration
$pesterConfiguration.Run.Path = $Path
$pesterConfiguration.Run.PassThru = $true
$pesterConfiguration.Output.Verbosity = 'Normal'
if ($ResultPath) {
    $pesterConfiguration.TestResult.Enabled = $true
    $pesterConfiguration.TestResult.OutputFormat = 'JUnitXml'
    $pesterConfiguration.TestResult.OutputPath = $ResultPath
}
$result = Invoke-Pester -Configuration $pesterConfiguration

# One line in the form CI runners read, beside Pester's own summary.
"Pester: $($result.PassedCount) passed, $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount) failed, $($result.SkippedCount) skipped"
if ($result.TotalCount -eq 0) {
    Write-Host 'Pester ran no test: that is a failure, not a pass.'
    exit 1
}
exit ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)
