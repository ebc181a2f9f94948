BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile

    function Set-HHTestFault([hashtable]$Body) {
        # The emulator's /admin/faults: e.g. @{ rates = @{ submit = @{ DropAfterAccept = 1 } } } or @{ clear = $true }.
        $null = Invoke-RestMethod -Method Put -Uri "$($emulator.RootUri)/admin/faults" -ContentType 'application/json' -Body ($Body | ConvertTo-Json -Depth 5)
    }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Get-HHJournal' {
    It 'lists one submitted entry per row, each with its request id and CSV row' {
        $journal = Join-Path $TestDrive 'list.jsonl'
        $rows = @(Import-Csv -LiteralPath $csv)
        $jobs = @($rows | New-HHVideoJob @connection -JournalPath $journal)

        $entries = @(Get-HHJournal -Path $journal)

        $entries.Count | Should -Be $rows.Count
        $entries[0] | Should -BeOfType ([HappyHorse.HHJournalEntry])
        $entries.SubmitState | Sort-Object -Unique | Should -Be 'submitted'
        ($entries.RequestId | Sort-Object) | Should -Be ($jobs.RequestId | Sort-Object)
        $entries | ForEach-Object { $_.Row.name | Should -Be $rows[$_.Index - 1].name }
        $entries.JournalPath | Sort-Object -Unique | Should -Be $journal
    }

    It 'shows the results Wait-HHJob recorded, filtered with -State' {
        $journal = Join-Path $TestDrive 'waited.jsonl'
        Import-Csv -LiteralPath $csv | Select-Object -First 3 | New-HHVideoJob @connection -JournalPath $journal |
            Wait-HHJob -PollInterval 1 -Timeout 60 -IncludeCost | Out-Null

        $succeeded = @(Get-HHJournal $journal -State succeeded)
        $queued = @(Get-HHJournal $journal -State in_queue)

        $succeeded.Count | Should -Be 3
        $succeeded.IsFinished | Sort-Object -Unique | Should -BeTrue
        $succeeded | ForEach-Object { $_.VideoUrl | Should -Match '^http://127\.0\.0\.1:\d+/files/' }
        $succeeded | ForEach-Object { $_.Cost | Should -BeGreaterThan 0 }
        $queued | Should -BeNullOrEmpty
    }

    It 'records a submit whose answer was lost as unknown' {
        $journal = Join-Path $TestDrive 'unknown.jsonl'
        Set-HHTestFault @{ rates = @{ submit = @{ DropAfterAccept = 1 } } }
        try {
            New-HHVideoJob -Prompt 'character1 lost answer' -ImageUrl 'https://images.example.com/a.png' @connection -JournalPath $journal -ErrorVariable lost -ErrorAction SilentlyContinue
        }
        finally {
            Set-HHTestFault @{ clear = $true }
        }

        $lost[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.Submit.OutcomeUnknown*'
        $entry = Get-HHJournal $journal -State unknown
        $entry.SubmitState | Should -Be 'unknown'
        $entry.RequestId | Should -BeNullOrEmpty
        $entry.Message | Should -Not -BeNullOrEmpty
    }

    It 'skips a torn last line with a warning' {
        $journal = Join-Path $TestDrive 'torn.jsonl'
        Import-Csv -LiteralPath $csv | Select-Object -First 2 | New-HHVideoJob @connection -JournalPath $journal | Out-Null
        Add-Content -LiteralPath $journal -Value '{"time":"2026-11-25T03:00:00Z","event":"submi' -NoNewline

        $entries = @(Get-HHJournal $journal -WarningVariable warned -WarningAction SilentlyContinue)

        $entries.Count | Should -Be 2
        "$warned" | Should -Match 'unreadable line'
    }

    It 'reads a journal that another run is still writing' {
        $journal = Join-Path $TestDrive 'busy.jsonl'
        Import-Csv -LiteralPath $csv | Select-Object -First 1 | New-HHVideoJob @connection -JournalPath $journal | Out-Null
        # Held as a writing run holds it: an exclusive lock on the journal file itself.
        $share = if ($IsWindows) { 'Read' } else { 'None' }
        $lock = [System.IO.File]::Open($journal, 'Open', 'ReadWrite', $share)
        try {
            $entries = @(Get-HHJournal $journal)
        }
        finally {
            $lock.Dispose()
        }

        $entries.Count | Should -Be 1
    }

    It 'binds files piped from Get-ChildItem' {
        $folder = Join-Path $TestDrive 'many'
        $null = New-Item -ItemType Directory -Path $folder
        foreach ($name in 'a', 'b') {
            Import-Csv -LiteralPath $csv | Select-Object -First 1 | New-HHVideoJob @connection -JournalPath (Join-Path $folder "$name.jsonl") | Out-Null
        }

        $entries = @(Get-ChildItem -LiteralPath $folder -Filter *.jsonl | Get-HHJournal)

        $entries.Count | Should -Be 2
        ($entries.JournalPath | ForEach-Object { Split-Path $_ -Leaf } | Sort-Object) | Should -Be @('a.jsonl', 'b.jsonl')
    }

    It 'says HappyHorse.NoJournal when given no path and the session has no journal' {
        { Get-HHJournal -ErrorAction Stop } | Should -Throw -ErrorId 'HappyHorse.NoJournal*'
    }

    It 'has help with examples' {
        $help = Get-Help Get-HHJournal -Full
        $help.Synopsis | Should -Match 'journal'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
