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
        'Save-HHVideo'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('RunComfy', 'HappyHorse', 'video', 'AI', 'text-to-video', 'reference-to-video', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/happyhorse-ps/HappyHorse'
            LicenseUri   = 'https://github.com/happyhorse-ps/HappyHorse/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
