BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-HHTestModule
    $emulator = Start-HHTestEmulator
    $connection = @{ Token = $emulator.Token; BaseUri = $emulator.BaseUri }
    $csv = Join-Path $PSScriptRoot '../examples/prompts.csv'
}

AfterAll {
    Stop-HHTestEmulator $emulator
}

Describe 'New-HHVideoJob' {
    It 'submits one job per row of examples/prompts.csv and keeps each row on its job' {
        $rows = @(Import-Csv -LiteralPath $csv)
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $jobs = @($rows | New-HHVideoJob @connection)

        $jobs.Count | Should -Be $rows.Count
        $jobs[0] | Should -BeOfType ([HappyHorse.HHVideoJob])
        $jobs.Index | Should -Be (1..$rows.Count)
        $jobs[0].InputObject.name | Should -Be $rows[0].name
        $jobs[0].Input['prompt'] | Should -Be $rows[0].prompt
        ($jobs.RequestId | Select-Object -Unique).Count | Should -Be $rows.Count
        (Get-HHTestEmulatorStats $emulator).accepted_submissions - $before | Should -Be $rows.Count
    }

    It 'sends nothing with -WhatIf' {
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $jobs = Import-Csv -LiteralPath $csv | New-HHVideoJob @connection -WhatIf

        $jobs | Should -BeNullOrEmpty
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $before
    }

    It 'reports a bad row as HappyHorse.InvalidInput and still submits the good ones' {
        $rows = @(
            [pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = 'https://images.example.com/a.png'; duration = '5' }
            [pscustomobject]@{ prompt = 'character1 jumps'; image_url_1 = 'https://images.example.com/b.png'; duration = '99' }
        )

        $jobs = @($rows | New-HHVideoJob @connection -ErrorVariable bad -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 1
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
        $bad[0].Exception.Message | Should -Match 'duration'
        $bad[0].Exception.Message | Should -Match '99'
    }

    It 'completes -AspectRatio with the allowed values and properties of its output type' {
        Get-HHTestCompletion 'New-HHVideoJob -AspectRatio ' | Should -Be @("'16:9'", "'9:16'", "'1:1'", "'4:3'", "'3:4'")
        Get-HHTestCompletion '(New-HHVideoJob -Prompt p).Req' | Should -Contain 'RequestId'
    }

    It 'has help with examples' {
        $help = Get-Help New-HHVideoJob -Full
        $help.Synopsis | Should -Match 'Submits'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
