@{
    RootModule           = 'EmptyModule.dll'
    ModuleVersion        = '1.0.0'
    GUID                 = '0b6d3a51-6f9e-4a52-8a0e-5d7c2b9e4f13'
    Author               = 'HappyHorse contributors'
    Description          = 'Benchmark yardstick: an empty binary module (see bench/EmptyModule).'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @('Get-BenchEmpty', 'New-BenchVideoJob')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
}
