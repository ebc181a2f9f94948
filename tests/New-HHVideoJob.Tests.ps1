BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
}

AfterAll {
    Complete-HHTestFile
}

Describe 'New-HHVideoJob' {
    It 'submits one job per row of examples/prompts.csv and keeps each row on its job' {
        $rows = @(Import-Csv -LiteralPath $csv)
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $jobs = @($rows | New-HHVideoJob @connection)

        $jobs.Count | Should -Be $rows.Count
        $jobs[0] | Should -BeOfType ([HappyHorse.HHVideoJob])
        # Several submits run at once (-ThrottleLimit 8): jobs come out as accepted, each with its row number.
        ($jobs.Index | Sort-Object) | Should -Be (1..$rows.Count)
        $jobs | ForEach-Object { $_.InputObject.name | Should -Be $rows[$_.Index - 1].name }
        $jobs[0].Input['prompt'] | Should -Be $rows[$jobs[0].Index - 1].prompt
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

    It 'keeps row order with -ThrottleLimit 1' {
        $rows = @(Import-Csv -LiteralPath $csv)

        $jobs = @($rows | New-HHVideoJob @connection -ThrottleLimit 1)

        $jobs.Index | Should -Be (1..$rows.Count)
        $jobs.InputObject.name | Should -Be $rows.name
    }

    It 'does not pay twice when the same CSV runs again with the same journal' {
        $journal = Join-Path $TestDrive 'prompts.jsonl'
        $rows = @(Import-Csv -LiteralPath $csv)
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $first = @($rows | New-HHVideoJob @connection -JournalPath $journal)
        $second = @($rows | New-HHVideoJob @connection -JournalPath $journal)

        (Get-HHTestEmulatorStats $emulator).accepted_submissions - $before | Should -Be $rows.Count
        $first.Resumed | Sort-Object -Unique | Should -Be $false
        $second.Resumed | Sort-Object -Unique | Should -Be $true
        ($second | Sort-Object Index).RequestId | Should -Be ($first | Sort-Object Index).RequestId
        $second[0].JournalPath | Should -Be $journal
    }

    It 'refuses a journal another process holds with HappyHorse.JournalUnavailable and sends nothing' {
        $journal = Join-Path $TestDrive 'held.jsonl'
        # Another writer holds the journal file itself, as the module does: an exclusive lock (flock on
        # Linux and macOS, a sharing mode that keeps other writers out on Windows).
        $share = if ($IsWindows) { 'Read' } else { 'None' }
        $lock = [System.IO.File]::Open($journal, 'OpenOrCreate', 'ReadWrite', $share)
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions
        $failure = $null
        try {
            try { Import-Csv -LiteralPath $csv | New-HHVideoJob @connection -JournalPath $journal -ErrorAction Stop }
            catch { $failure = $_ }
        }
        finally {
            $lock.Dispose()
        }

        $failure.FullyQualifiedErrorId | Should -BeLike 'HappyHorse.JournalUnavailable*'
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $before
    }

    It 'stops at the row that would pass -MaxTotalCost with HappyHorse.BudgetExceeded' {
        # The emulator's price is 0.12 USD per second: 0.60 a row of 5 s; two fit in 1.50, the third does not.
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ prompt = "character1 budget scene $_"; image_url_1 = "https://images.example.com/$_.png"; duration = '5' } }
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions
        $failure = $null

        try { $rows | New-HHVideoJob @connection -MaxTotalCost 1.5 -ErrorAction Stop | Out-Null }
        catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'HappyHorse.BudgetExceeded*'
        $failure.Exception.Message | Should -Match 'Stopped at row 3'
        (Get-HHTestEmulatorStats $emulator).accepted_submissions - $before | Should -Be 2
    }

    It 'does not submit a row whose reference image fails -Preflight' {
        # The emulator hosts test images; loopback http images are allowed because the API is loopback too.
        $good = "$($emulator.RootUri)/images/good.png"
        $rows = @(
            [pscustomobject]@{ prompt = 'character1 preflight ok'; image_url_1 = $good }
            [pscustomobject]@{ prompt = 'character1 preflight tall'; image_url_1 = "$($emulator.RootUri)/images/tall.png?w=300&h=900" }
        )
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $jobs = @($rows | New-HHVideoJob @connection -Preflight -ErrorVariable bad -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 1
        $jobs[0].Index | Should -Be 1
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.PreflightFailed*'
        $bad[0].Exception.Message | Should -Match 'MinShortSide'
        (Get-HHTestEmulatorStats $emulator).accepted_submissions - $before | Should -Be 1
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

    Context 'one meaning per whole number' {
        BeforeAll {
            $image = 'https://images.example.com/a.png'
            function Get-SentBody([object[]]$Jobs) { $Jobs | ForEach-Object { $_.Input } }
        }

        It 'reads <Given> as <Expected> for -<Name>, on the command line and in a CSV cell' -TestCases @(
            @{ Name = 'Duration'; Field = 'duration'; Given = '5.0'; Expected = 5 }
            @{ Name = 'Duration'; Field = 'duration'; Given = 7; Expected = 7 }
            @{ Name = 'Seed'; Field = 'seed'; Given = '42.0'; Expected = 42 }
        ) {
            $typed = @{ $Name = $Given }
            $onCommandLine = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl $image @typed @connection
            $inCell = [pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = $image; $Field = "$Given" } | New-HHVideoJob @connection

            $onCommandLine.Input[$Field] | Should -Be $Expected
            $inCell.Input[$Field] | Should -Be $Expected
        }

        It 'refuses <Given> for -<Name> with the per-row message, on the command line and in a CSV cell, and sends nothing' -TestCases @(
            @{ Name = 'Duration'; Field = 'duration'; Given = 5.5 }
            @{ Name = 'Duration'; Field = 'duration'; Given = '5.5' }
            @{ Name = 'Seed'; Field = 'seed'; Given = 42.5 }
        ) {
            $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions
            $typed = @{ $Name = $Given }

            $a = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl $image @typed @connection -ErrorVariable lineError -ErrorAction SilentlyContinue
            $b = [pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = $image; $Field = "$Given" } |
                New-HHVideoJob @connection -ErrorVariable cellError -ErrorAction SilentlyContinue
            $c = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl $image @typed @connection -WhatIf -ErrorVariable whatIfError -ErrorAction SilentlyContinue

            $a, $b, $c | Should -BeNullOrEmpty
            foreach ($e in @($lineError) + @($cellError) + @($whatIfError)) {
                $e.FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
                $e.ToString() | Should -BeLike "Row 1 was not submitted: $Field '$Given' is not a whole number*" -Because 'no silent rounding'
            }
            @($lineError).Count + @($cellError).Count + @($whatIfError).Count | Should -Be 3
            (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $before
        }

        It 'refuses -Duration 5.5 on Invoke-HHVideo too, before anything is paid' {
            $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

            # The errors of the pipeline Invoke-HHVideo runs inside (-ErrorVariable stays on the outer command).
            $Error.Clear()
            Invoke-HHVideo -Prompt 'character1 waves' -ImageUrl $image -Duration 5.5 @connection -Path (Join-Path $TestDrive 'none') -ErrorAction SilentlyContinue
            $refused = @($Error | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })

            @($refused).Count | Should -Be 1
            $refused[0].ToString() | Should -BeLike "Row 1 was not submitted: duration '5.5' is not a whole number*"
            (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $before
        }
    }
}
