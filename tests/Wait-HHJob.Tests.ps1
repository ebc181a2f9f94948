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

Describe 'Wait-HHJob' {
    It 'waits for a whole CSV and keeps each row on its result' {
        $rows = @(Import-Csv -LiteralPath $csv)

        $results = @($rows | New-HHVideoJob @connection | Wait-HHJob -PollInterval 1 -Timeout 120)

        $results.Count | Should -Be $rows.Count
        $results.Status | Sort-Object -Unique | Should -Be 'succeeded'
        ($results.Job.InputObject.name | Sort-Object) | Should -Be ($rows.name | Sort-Object)
        $results | ForEach-Object { $_.VideoUrl | Should -Match '^http://127\.0\.0\.1:\d+/files/' }
    }

    It 'collects jobs saved to a CSV in an earlier run' {
        $saved = Join-Path $TestDrive 'submitted.csv'
        Import-Csv -LiteralPath $csv | Select-Object -First 2 | New-HHVideoJob @connection |
            Export-Csv -LiteralPath $saved -NoTypeInformation

        $results = @(Import-Csv -LiteralPath $saved | Wait-HHJob @connection -PollInterval 1 -Timeout 60)

        $results.Count | Should -Be 2
        $results.RequestId | Should -Be (Import-Csv -LiteralPath $saved).RequestId
    }

    It 'records each result in the journal of the jobs it waits for' {
        $journal = Join-Path $TestDrive 'waited.jsonl'
        $jobs = @(Import-Csv -LiteralPath $csv | Select-Object -First 2 | New-HHVideoJob @connection -JournalPath $journal)

        $results = @($jobs | Wait-HHJob -PollInterval 1 -Timeout 60)

        $entries = @(Get-HHJournal $journal)
        $entries.Count | Should -Be 2
        $entries.IsFinished | Sort-Object -Unique | Should -BeTrue
        ($entries.VideoUrl | Sort-Object) | Should -Be ($results.VideoUrl | Sort-Object)
    }

    It 'records results in -JournalPath for request ids given directly' {
        $journal = Join-Path $TestDrive 'by-id.jsonl'
        $job = Import-Csv -LiteralPath $csv | Select-Object -First 1 | New-HHVideoJob @connection -JournalPath $journal

        $result = Wait-HHJob -RequestId $job.RequestId -JournalPath $journal @connection -PollInterval 1 -Timeout 60

        (Get-HHJournal $journal).VideoUrl | Should -Be $result.VideoUrl
    }

    It 'reports a failed generation as HappyHorse.JobFailed' {
        $failing = Start-HHTestEmulator -ExtraArgs '--failed-rate', '1'
        try {
            $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'https://images.example.com/a.png' -Token $failing.Token -BaseUri $failing.BaseUri

            $results = $job | Wait-HHJob -PollInterval 1 -Timeout 60 -ErrorVariable failed -ErrorAction SilentlyContinue

            $results | Should -BeNullOrEmpty
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.JobFailed*'
            $failed[0].TargetObject.RequestId | Should -Be $job.RequestId
        }
        finally {
            Stop-HHTestEmulator $failing
        }
    }

    It 'gives up at -Timeout and names the unfinished job' {
        $slow = Start-HHTestEmulator -TimeScale 100
        try {
            $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'https://images.example.com/a.png' -Token $slow.Token -BaseUri $slow.BaseUri

            $elapsed = Measure-Command {
                $job | Wait-HHJob -PollInterval 1 -Timeout 2 -ErrorVariable late -ErrorAction SilentlyContinue
            }

            $late.Count | Should -Be 1
            $late[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.WaitTimeout*'
            $late[0].Exception.Message | Should -Match $job.RequestId
            $elapsed.TotalSeconds | Should -BeLessThan 30
        }
        finally {
            Stop-HHTestEmulator $slow
        }
    }
}
