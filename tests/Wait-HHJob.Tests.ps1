BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Wait-HHJob' {
    It 'returns exactly one result with -Any, even when every job is already done' {
        $rows = @(Import-Csv -LiteralPath $csv)
        $jobs = @(1..4 | ForEach-Object { $rows } | New-HHVideoJob @connection -ThrottleLimit 16)
        $null = $jobs | Wait-HHJob -PollInterval 1 -Timeout 120

        # All finished: the first polls of -Any bring many results at once, and only the first may come out.
        $first = @($jobs | Wait-HHJob -Any -PollInterval 1 -Timeout 60)

        $first.Count | Should -Be 1
        $first[0].RequestId | Should -BeIn $jobs.RequestId
        $first[0].Status | Should -Be 'succeeded'
    }

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

        # Results come in finish order, not in the CSV's order.
        $results.Count | Should -Be 2
        ($results.RequestId | Sort-Object) | Should -Be ((Import-Csv -LiteralPath $saved).RequestId | Sort-Object)
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

    It 'passes an error redirected into it (2>&1) on as itself and waits for the good rows' {
        $rows = @(
            [pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = 'https://images.example.com/a.png'; duration = 3 }
            [pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = 'ftp://images.example.com/a.png' }
        )
        $before = (Get-HHTestEmulatorStats $emulator).requests

        $all = @($rows | New-HHVideoJob @connection -ErrorAction Continue 2>&1 | Wait-HHJob -PollInterval 1 -Timeout 60 -ErrorAction Continue *>&1)

        $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
        $errors[0].Exception.Message | Should -BeLike 'Row 2 was not submitted:*'
        @($all | Where-Object { $_ -is [HappyHorse.HHJobResult] }).Count | Should -Be 1
        $after = (Get-HHTestEmulatorStats $emulator).requests
        $after.result - $before.result | Should -Be 1
    }

    It 'refuses text as a request id, and sends nothing for it' {
        $before = (Get-HHTestEmulatorStats $emulator).requests.status

        'Row 3 was not submitted: x', 'a/b', '..' | Wait-HHJob @connection -Timeout 5 -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused.Count | Should -Be 3
        $refused.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'HappyHorse.InvalidRequestId*' }
        (Get-HHTestEmulatorStats $emulator).requests.status | Should -Be $before
    }
}
