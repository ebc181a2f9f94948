# Installing as a user would: out/HappyHorse published to a PSResourceGet repository (a local folder),
# installed from it, then imported BY NAME in a fresh pwsh that has only what was installed.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile -TimeScale 0.001
    $moduleFolder = (Get-Module HappyHorse).ModuleBase

    # A user of their own: a home, and the folders PSResourceGet keeps its repository list in, all
    # under the test's folder, so registering a repository leaves nothing behind on this machine
    # (.NET resolves them from HOME and XDG_* only where they exist). Windows takes them from the
    # profile whatever the environment says: there the repository is unregistered at the end, and
    # the module is saved to a folder of its own instead of the user's Documents.
    $root = Join-Path $TestDrive 'user'
    $userHome = Join-Path $root 'home'
    $repository = Join-Path $root 'repository'
    $saved = Join-Path $root 'modules'
    $environment = @{
        HOME            = $userHome
        XDG_DATA_HOME   = Join-Path $userHome '.local/share'
        XDG_CONFIG_HOME = Join-Path $userHome '.config'
        XDG_CACHE_HOME  = Join-Path $userHome '.cache'
    }
    $null = New-Item -ItemType Directory -Path $repository, $saved, $environment.XDG_DATA_HOME, $environment.XDG_CONFIG_HOME,
        $environment.XDG_CACHE_HOME, (Join-Path $userHome 'Library/Application Support')
    $repositoryName = "HappyHorseTest-$([guid]::NewGuid().ToString('n'))"

    $install = Join-Path $root 'install.ps1'
    Set-Content -LiteralPath $install -Value @'
param([string]$ModuleFolder, [string]$Repository, [string]$Name, [string]$Saved)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name $Name -Uri $Repository -Trusted
try {
    Publish-PSResource -Path $ModuleFolder -Repository $Name
    if ($IsWindows) { Save-PSResource -Name HappyHorse -Repository $Name -Path $Saved }
    else { Install-PSResource -Name HappyHorse -Repository $Name -Scope CurrentUser }
}
finally {
    Unregister-PSResourceRepository -Name $Name
}
"still registered: $(@(Get-PSResourceRepository -Name $Name -ErrorAction Ignore).Count)"
'@
    $installed = Wait-HHTestPwsh (Start-HHTestPwsh -ArgumentList '-File', $install, $moduleFolder, $repository, $repositoryName, $saved `
        -Environment $environment -WorkingDirectory $root)

    # The fresh console: the default module path of that user (on Windows: the folder saved to).
    $use = @'
$ErrorActionPreference = 'Stop'
Import-Module HappyHorse
$result = New-HHVideoJob -Prompt 'character1 waves at the camera' -ImageUrl 'https://images.example.com/me.jpg' | Wait-HHJob -Timeout 120
[pscustomobject]@{
    ModuleBase = (Get-Module HappyHorse).ModuleBase
    Help       = Get-Help New-HHVideoJob | Out-String -Width 200
    Status     = $result.Status
    VideoUrl   = $result.VideoUrl
} | ConvertTo-Json -Compress
'@
    $useEnvironment = $environment.Clone()
    $useEnvironment.PSModulePath = if ($IsWindows) { $saved } else { $null }
    $useEnvironment.RUNCOMFY_TOKEN = $emulator.Token
    $useEnvironment.RUNCOMFY_MODEL_API_BASE = $emulator.BaseUri
    $used = Wait-HHTestPwsh (Start-HHTestPwsh -ArgumentList '-Command', $use -Environment $useEnvironment -WorkingDirectory $root)
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Installing HappyHorse with PSResourceGet' {
    It 'publishes out/HappyHorse to a repository, installs it from there and unregisters the repository' {
        $installed.ExitCode | Should -Be 0 -Because "$($installed.Output)$($installed.Error)"
        Get-ChildItem -LiteralPath $repository -Filter 'HappyHorse.*.nupkg' | Should -Not -BeNullOrEmpty
        $installed.Output | Should -Match 'still registered: 0'
        # The repository list went to the user's folders, not to the current folder.
        Test-Path -LiteralPath (Join-Path $root 'PSResourceGet') | Should -BeFalse
    }

    It 'imports by name in a fresh pwsh, shows the help and runs a job' {
        $used.ExitCode | Should -Be 0 -Because "$($used.Output)$($used.Error)"
        $report = ($used.Output -split '\r?\n' | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json

        $installedTo = if ($IsWindows) { $saved } else { $userHome }
        $report.ModuleBase | Should -BeLike "$installedTo*"
        $synopsis = ((Get-Content -LiteralPath (Join-Path $PSScriptRoot '../docs/en-US/New-HHVideoJob.md') -Raw) -split '## SYNOPSIS')[1].Trim() -split '\r?\n' | Select-Object -First 1
        $report.Help | Should -Match ([regex]::Escape($synopsis))
        $report.Help | Should -Match 'RELATED LINKS|REMARKS'
        $report.Status | Should -Be 'succeeded'
        $report.VideoUrl | Should -BeLike "$($emulator.RootUri)/files/*"
    }
}
