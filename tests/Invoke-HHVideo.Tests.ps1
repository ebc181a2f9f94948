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

Describe 'Invoke-HHVideo' {
    It 'turns a CSV into saved videos named from its columns' {
        $folder = Join-Path $TestDrive 'csv'
        $rows = @(Import-Csv -LiteralPath $csv)
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $files = @($rows | Invoke-HHVideo @connection -Path $folder -FileName '{Index}-{name}' -PollInterval 1 -Timeout 120)

        $files.Count | Should -Be $rows.Count
        $expected = for ($i = 1; $i -le $rows.Count; $i++) { "$i-$($rows[$i - 1].name).mp4" }
        ($files.Name | Sort-Object) | Should -Be ($expected | Sort-Object)
        $files | ForEach-Object { Test-Path -LiteralPath ($_.FullName + '.json') | Should -BeTrue }
        (Get-HHTestEmulatorStats $emulator).accepted_submissions - $before | Should -Be $rows.Count
        (Get-HHTestEmulatorStats $emulator).downloads_with_authorization_header | Should -Be 0
    }

    It 'makes one video from -Prompt and -ImageUrl' {
        $folder = Join-Path $TestDrive 'single'

        $file = Invoke-HHVideo 'character1 waves at the camera' 'https://images.example.com/a.png' -Duration 4 -Path $folder -FileName 'wave' @connection -PollInterval 1 -Timeout 60

        $file.Name | Should -Be 'wave.mp4'
        (Get-Content -LiteralPath ($file.FullName + '.json') -Raw | ConvertFrom-Json).input.duration | Should -Be 4
    }

    It 'submits nothing and saves nothing with -WhatIf' {
        $folder = Join-Path $TestDrive 'whatif'
        $before = (Get-HHTestEmulatorStats $emulator).requests.submit

        $files = Import-Csv -LiteralPath $csv | Invoke-HHVideo @connection -Path $folder -WhatIf

        $files | Should -BeNullOrEmpty
        (Get-HHTestEmulatorStats $emulator).requests.submit | Should -Be $before
        Test-Path -LiteralPath $folder | Should -BeFalse
    }

    It 'records every saved file in the journal, and a re-run pays for nothing' {
        $folder = Join-Path $TestDrive 'journaled'
        $journal = Join-Path $TestDrive 'batch.jsonl'
        $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First 2)

        $files = @($rows | Invoke-HHVideo @connection -Path $folder -JournalPath $journal -PollInterval 1 -Timeout 60)
        $afterFirst = (Get-HHTestEmulatorStats $emulator).accepted_submissions
        $again = @($rows | Invoke-HHVideo @connection -Path $folder -JournalPath $journal -PollInterval 1 -Timeout 60)

        $entries = @(Get-HHJournal $journal)
        $entries.Count | Should -Be 2
        $entries.Status | Sort-Object -Unique | Should -Be 'succeeded'
        ($entries.Files | Sort-Object -Unique) | Should -Be ($files.FullName | Sort-Object)
        ($again.FullName | Sort-Object) | Should -Be ($files.FullName | Sort-Object)
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $afterFirst
    }

    It 'reports a bad row as HappyHorse.InvalidInput and still saves the good ones' {
        $folder = Join-Path $TestDrive 'mixed'
        $rows = @(
            [pscustomobject]@{ name = 'good'; prompt = 'character1 waves'; image_url_1 = 'https://images.example.com/a.png' }
            [pscustomobject]@{ name = 'bad'; prompt = 'character1 waves'; image_url_1 = 'ftp://images.example.com/a.png' }
        )

        $files = @($rows | Invoke-HHVideo @connection -Path $folder -FileName '{name}' -PollInterval 1 -Timeout 60 -ErrorVariable bad -ErrorAction SilentlyContinue)

        $files.Name | Should -Be 'good.mp4'
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
    }

    It 'writes the saved files as Get-Item does, each with its row' {
        $folder = Join-Path $TestDrive 'provider'
        $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First 2)

        $files = @($rows | Invoke-HHVideo @connection -Path $folder -PollInterval 1)

        $files.Count | Should -Be 2
        foreach ($file in $files) {
            $file.PSPath | Should -Be (Get-Item -LiteralPath $file.FullName).PSPath
            $file.Title | Should -Be $rows[$file.Index - 1].name
        }
    }
}
