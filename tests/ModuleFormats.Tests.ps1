# The module's table views load with its first cmdlet in a runspace, not at Import-Module (issue 15:
# rebuilding the format tables was a quarter of the import). Each test gets runspaces of its own, so
# what this Pester session already loaded proves nothing.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile -NoEmulator
    $manifest = (Resolve-Path (Join-Path $PSScriptRoot '../out/HappyHorse/HappyHorse.psd1')).Path
    $opened = [System.Collections.Generic.List[object]]::new()

    function New-TestRunspace {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $opened.Add($runspace)
        $runspace
    }

    function Invoke-InRunspace($Runspace, [string]$Script) {
        $shell = [powershell]::Create()
        try {
            $shell.Runspace = $Runspace
            $output = $shell.AddScript($Script).AddArgument($manifest).Invoke()
            if ($shell.Streams.Error.Count) { throw "In the test runspace: $($shell.Streams.Error[0])" }
            $output
        }
        finally { $shell.Dispose() }
    }

    # Get-HHConnection as a console shows it: its first line is the header of the table or list.
    $show = '$env:RUNCOMFY_TOKEN = $null; @((Get-HHConnection | Out-String -Width 120) -split "\r?\n" | Where-Object { $_.Trim() })[0]'
    $tableHeader = '^TokenSource\s+BaseUriSource\s+BaseUri$'
}

AfterAll {
    foreach ($runspace in $opened) { $runspace.Dispose() }
    Complete-HHTestFile
}

Describe 'The module''s views' {
    It 'are not loaded by Import-Module and are in effect from the first cmdlet on' {
        $runspace = New-TestRunspace

        $atImport = Invoke-InRunspace $runspace 'Import-Module $args[0]; @(Get-FormatData -TypeName HappyHorse.*).Count'
        $header = Invoke-InRunspace $runspace $show
        $views = Invoke-InRunspace $runspace '(Get-FormatData -TypeName HappyHorse.*).TypeNames | Sort-Object'

        $atImport | Should -Be 0
        $header | Should -Match $tableHeader
        $views | Should -Be @('HappyHorse.HHCancelResult', 'HappyHorse.HHConnection', 'HappyHorse.HHImageCheck',
            'HappyHorse.HHJobResult', 'HappyHorse.HHJobStatus', 'HappyHorse.HHJournalEntry', 'HappyHorse.HHVideoJob')
    }

    It 'are in effect for the first object a script writes, the first statement after the import' {
        $script = Join-Path $TestDrive 'first.ps1'
        Set-Content -LiteralPath $script -Value 'param($m) Import-Module $m; $env:RUNCOMFY_TOKEN = $null; Get-HHConnection'
        $runspace = New-TestRunspace

        $lines = Invoke-InRunspace $runspace ('@((& "{0}" $args[0] | Out-String -Width 120) -split "\r?\n" | Where-Object {{ $_.Trim() }})' -f $script)

        $lines[0] | Should -Match $tableHeader
    }

    It 'stay once, and in effect, through Import-Module -Force, Remove-Module and a new import' {
        $runspace = New-TestRunspace
        $null = Invoke-InRunspace $runspace ('Import-Module $args[0]; ' + $show)

        $afterForce = Invoke-InRunspace $runspace ('Import-Module $args[0] -Force; ' + $show)
        $afterRemove = Invoke-InRunspace $runspace ('Remove-Module HappyHorse; Import-Module $args[0]; ' + $show)
        $count = Invoke-InRunspace $runspace '@(Get-FormatData -TypeName HappyHorse.HHConnection).Count'

        $afterForce | Should -Match $tableHeader
        $afterRemove | Should -Match $tableHeader
        $count | Should -Be 1
    }

    It 'load in every runspace that runs a cmdlet, each on its own' {
        $first, $second = (New-TestRunspace), (New-TestRunspace)
        $null = Invoke-InRunspace $first ('Import-Module $args[0]; ' + $show)
        $null = Invoke-InRunspace $second 'Import-Module $args[0]'

        $beforeItsCmdlet = Invoke-InRunspace $second '@(Get-FormatData -TypeName HappyHorse.*).Count'
        $header = Invoke-InRunspace $second $show

        $beforeItsCmdlet | Should -Be 0
        $header | Should -Match $tableHeader
    }

    It 'load even when $WhatIfPreference is on' {
        $runspace = New-TestRunspace

        $header = Invoke-InRunspace $runspace ('Import-Module $args[0]; $WhatIfPreference = $true; ' + $show)

        $header | Should -Match $tableHeader
    }
}
