BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Resume-HHJob' {
    It 'writes the unfinished jobs of a journal, and Wait-HHJob finishes them without a new submit' {
        $journal = Join-Path $TestDrive 'resume.jsonl'
        $rows = @(Import-Csv -LiteralPath $csv)
        $submitted = @($rows | New-HHVideoJob @connection -JournalPath $journal)
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $resumed = @(Resume-HHJob -JournalPath $journal)

        $resumed.Count | Should -Be $rows.Count
        $resumed[0] | Should -BeOfType ([HappyHorse.HHVideoJob])
        $resumed.Resumed | Sort-Object -Unique | Should -BeTrue
        ($resumed.RequestId | Sort-Object) | Should -Be ($submitted.RequestId | Sort-Object)
        $resumed | ForEach-Object { $_.InputObject.name | Should -Be $rows[$_.Index - 1].name }

        $results = @($resumed | Wait-HHJob @connection -PollInterval 1 -Timeout 120)

        $results.Count | Should -Be $rows.Count
        $results.Status | Sort-Object -Unique | Should -Be 'succeeded'
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $before
        @(Get-HHJournal $journal -State succeeded).Count | Should -Be $rows.Count
    }

    It 'writes nothing once every job has finished, and everything with -IncludeFinished' {
        $journal = Join-Path $TestDrive 'finished.jsonl'
        Import-Csv -LiteralPath $csv | Select-Object -First 2 | New-HHVideoJob @connection -JournalPath $journal |
            Wait-HHJob -PollInterval 1 -Timeout 60 | Out-Null

        Resume-HHJob $journal | Should -BeNullOrEmpty
        @(Resume-HHJob $journal -IncludeFinished).Count | Should -Be 2
    }

    It 'skips a row whose submit has an unknown outcome, with a warning' {
        $journal = Join-Path $TestDrive 'unknown.jsonl'
        $put = @{ Method = 'Put'; Uri = "$($emulator.RootUri)/admin/faults"; ContentType = 'application/json' }
        $null = Invoke-RestMethod @put -Body '{"rates": {"submit": {"DropAfterAccept": 1}}}'
        try {
            New-HHVideoJob -Prompt 'character1 lost answer' -ImageUrl 'https://images.example.com/a.png' @connection -JournalPath $journal -ErrorAction SilentlyContinue
        }
        finally {
            $null = Invoke-RestMethod @put -Body '{"clear": true}'
        }

        $jobs = @(Resume-HHJob $journal -WarningVariable warned -WarningAction SilentlyContinue)

        $jobs | Should -BeNullOrEmpty
        "$warned" | Should -Match 'unknown outcome'
    }

    It 'binds the journal from Get-ChildItem' {
        $folder = Join-Path $TestDrive 'piped'
        $null = New-Item -ItemType Directory -Path $folder
        Import-Csv -LiteralPath $csv | Select-Object -First 1 | New-HHVideoJob @connection -JournalPath (Join-Path $folder 'one.jsonl') | Out-Null

        $jobs = @(Get-Item -LiteralPath (Join-Path $folder 'one.jsonl') | Resume-HHJob -IncludeFinished)

        $jobs.Count | Should -Be 1
    }

    It 'says HappyHorse.NoJournal when given no path and the session has no journal' {
        { Resume-HHJob -ErrorAction Stop } | Should -Throw -ErrorId 'HappyHorse.NoJournal*'
    }

    It 'has help with examples' {
        $help = Get-Help Resume-HHJob -Full
        $help.Synopsis | Should -Match 'journal'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
