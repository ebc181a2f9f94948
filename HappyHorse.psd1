@{
    RootModule           = 'HappyHorse.dll'
    # The one version source: MSBuild reads it from here for the assembly and the package.
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c5a3e-9d0b-4c59-9a51-3e7e4c1f2b61'
    Author               = 'HappyHorse contributors'
    CompanyName          = 'HappyHorse'
    Copyright            = '(c) HappyHorse contributors. MIT License.'
    Description          = 'Turns reference images and a prompt into videos with RunComfy''s HappyHorse 1.0 reference-to-video model: submit CSV batches, wait, cancel, and download — safely, from scripts and scheduled tasks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('HappyHorse.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-HHService'
        'New-HHVideoJob'
        'Get-HHJobStatus'
        'Get-HHJobResult'
        'Wait-HHJob'
        'Stop-HHJob'
        'Get-HHJournal'
        'Resume-HHJob'
        'New-HHModelJob'
        'Test-HHReferenceImage'
        'Save-HHVideo'
        'Invoke-HHVideo'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('RunComfy', 'HappyHorse', 'video', 'video-generation', 'AI', 'reference-to-video', 'batch', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/happyhorse-ps/HappyHorse'
            LicenseUri   = 'https://github.com/happyhorse-ps/HappyHorse/blob/main/LICENSE'
            # The section of this version in CHANGELOG.md, word for word (HappyHorse.Tests checks it).
            ReleaseNotes = @'
### Added
- New-HHVideoJob submits one HappyHorse 1.0 reference-to-video job per pipeline row; CSV columns bind in the API's spelling or PascalCase; bad rows are per-row errors and nothing is sent for them; -WhatIf prints the exact body.
- Get-HHJobStatus, Get-HHJobResult, Wait-HHJob (all jobs at once, each result as it finishes, -Timeout, -Any) and Stop-HHJob (cancels queued jobs).
- Connect-HHService keeps a token for the session; RUNCOMFY_TOKEN and RUNCOMFY_MODEL_API_BASE are read as RunComfy's own CLI does; the token never appears in output, logs or errors.
- Get-Help for every cmdlet and Get-Help about_HappyHorse, compiled from docs/en-US by dotnet build.
- Tab completion of -RequestId from the jobs of the session, and of -AspectRatio and -Resolution.
- A local emulator of RunComfy's Model API for tests, demos and dry runs.
'@
        }
    }
}
