BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
    $manifest = (Resolve-Path (Join-Path $PSScriptRoot '../out/HappyHorse/HappyHorse.psd1')).ProviderPath
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Where the token goes' {
    It 'refuses a CSV row whose BaseUri column names another API, and sends the other rows' {
        $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First 2)
        $rows[0] | Add-Member -NotePropertyName BaseUri -NotePropertyValue 'https://collector.example/v1'
        $rows[1] | Add-Member -NotePropertyName BaseUri -NotePropertyValue ''
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $jobs = @($rows | New-HHVideoJob @connection -ErrorVariable refused -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 1
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.UntrustedBaseUri,*'
        "$refused" | Should -Match 'BaseUri'
        "$refused" | Should -Match 'collector\.example'
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be ($before + 1)
    }

    It 'refuses plain http to another machine before sending anything' {
        { Connect-HHService -Token 'secret-token' -BaseUri 'http://api.example.com/v1' -ErrorAction Stop } |
            Should -Throw -ErrorId 'HappyHorse.InsecureBaseUri*'
        { Get-HHJobStatus -RequestId 'f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' -Token 'secret-token' -BaseUri 'http://api.example.com/v1' -ErrorAction Stop } |
            Should -Throw -ErrorId 'HappyHorse.InsecureBaseUri*'
    }

    It 'refuses a request id that would leave /requests/' {
        Get-HHJobStatus -RequestId '..' @connection -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidRequestId,*'
    }
}

Describe 'The journal has one writer' {
    It 'refuses a second process while a run holds the journal, even with <journal>.lock deleted' {
        $journal = Join-Path $TestDrive 'held.jsonl'
        $row = Import-Csv -LiteralPath $csv | Select-Object -First 1
        $token = $emulator.Token
        $baseUri = $emulator.BaseUri
        $probe = @{}
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        # New-HHVideoJob holds the journal from its begin block, before this block sends it a row.
        $job = & {
            Remove-Item -LiteralPath "$journal.lock" -Force -ErrorAction Ignore
            $probe.Other = Start-Job {
                Import-Module $using:manifest
                try {
                    New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'https://images.example.com/a.png' -Token $using:token -BaseUri $using:baseUri -JournalPath $using:journal -ErrorAction Stop | Out-Null
                    'submitted'
                }
                catch { $_.FullyQualifiedErrorId }
            } | Receive-Job -Wait -AutoRemoveJob
            $row
        } | New-HHVideoJob @connection -JournalPath $journal

        $probe.Other | Should -BeLike 'HappyHorse.JournalUnavailable*'
        $job.RequestId | Should -Not -BeNullOrEmpty
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be ($before + 1)
        @(Get-HHJournal $journal).Count | Should -Be 1
    }

    It 'pays each row once when ForEach-Object -Parallel runs the same batch twice with one journal' {
        $journal = Join-Path $TestDrive 'parallel.jsonl'
        # Prompts of their own, so the emulator's duplicate count speaks of this test alone.
        $rows = @(Import-Csv -LiteralPath $csv | ForEach-Object { $_.prompt = "$($_.prompt) (parallel)"; $_ })
        $token = $emulator.Token
        $baseUri = $emulator.BaseUri
        $stats = Get-HHTestEmulatorStats $emulator

        $out = 1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:manifest
            $using:rows | New-HHVideoJob -Token $using:token -BaseUri $using:baseUri -JournalPath $using:journal -ErrorAction SilentlyContinue
        }

        $after = Get-HHTestEmulatorStats $emulator
        $after.accepted_submissions | Should -Be ($stats.accepted_submissions + $rows.Count)
        $after.duplicate_submissions | Should -Be $stats.duplicate_submissions
        @($out.RequestId | Sort-Object -Unique).Count | Should -Be $rows.Count
        @(Get-HHJournal $journal -State submitted).Count | Should -Be $rows.Count
    }
}
