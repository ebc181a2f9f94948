BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
}

AfterAll {
    Complete-HHTestFile
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

    Context 'reports through its own streams, as the long form would' {
        BeforeAll {
            $good = [pscustomobject]@{ name = 'good'; prompt = 'character1 waves'; image_url_1 = 'https://images.example.com/a.png'; duration = 3 }
            $bad = [pscustomobject]@{ name = 'bad'; prompt = 'character1 waves'; image_url_1 = 'ftp://images.example.com/a.png' }
            $run = @{ FileName = '{name}'; PollInterval = 1; Timeout = 60 }
        }

        It 'keeps *>&1 out of its stages: each error comes once, as itself, and logs with Out-File' {
            $folder = Join-Path $TestDrive 'merged'
            $log = Join-Path $TestDrive 'merged.log'

            # As a scheduled task logs, with the default error action (the test suite runs with Stop).
            $all = @($good, $bad | Invoke-HHVideo @connection @run -Path $folder -ErrorAction Continue *>&1)
            $good, $bad | Invoke-HHVideo @connection @run -Path (Join-Path $TestDrive 'logged') -ErrorAction Continue *>&1 | Out-File -LiteralPath $log

            $errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
            $errors[0].Exception.Message | Should -BeLike 'Row 2 (bad) was not submitted:*'
            @($all | Where-Object { $_ -is [System.IO.FileInfo] }).Name | Should -Be 'good.mp4'
            $text = Get-Content -LiteralPath $log -Raw
            ([regex]::Matches($text, 'Row 2 \(bad\) was not submitted')).Count | Should -Be 1
            $text | Should -Not -Match 'RunComfy rejected'
            Test-Path -LiteralPath (Join-Path $TestDrive 'logged/good.mp4') | Should -BeTrue
        }

        It 'fills -WarningVariable, -OutVariable and -PipelineVariable, and sets $?' {
            $folder = Join-Path $TestDrive 'variables'
            $unnamed = [pscustomobject]@{ name = 'two'; prompt = 'character1 greets character2'; image_url_1 = 'https://images.example.com/a.png'; duration = 3 }

            $names = @($unnamed | Invoke-HHVideo @connection @run -Path $folder -WarningVariable warned -WarningAction SilentlyContinue -OutVariable saved -PipelineVariable file |
                ForEach-Object { "seen $($file.Name)" })
            $cleanRun = $?
            $null = $good, $bad | Invoke-HHVideo @connection @run -Path $folder -ErrorAction SilentlyContinue
            $failedRun = $?

            $warned.Count | Should -Be 1
            $warned[0].Message | Should -BeLike 'Row 1 (two): The prompt names character2*'
            @($saved).Name | Should -Be 'two.mp4'
            $names | Should -Be 'seen two.mp4'
            $cleanRun | Should -BeTrue
            $failedRun | Should -BeFalse
        }

        It 'stops at the first error with -ErrorAction Stop, and leaves nothing in $Error with -ErrorAction Ignore' {
            $Error.Clear()
            $files = @($good, $bad | Invoke-HHVideo @connection @run -Path (Join-Path $TestDrive 'ignored') -ErrorAction Ignore)
            $ignoredErrors = $Error.Count
            $stopped = $null
            try { $good, $bad | Invoke-HHVideo @connection @run -Path (Join-Path $TestDrive 'stopped') -ErrorAction Stop -WarningAction SilentlyContinue }
            catch { $stopped = $_ }

            $files.Name | Should -Be 'good.mp4'
            $ignoredErrors | Should -Be 0
            $stopped.FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
        }

        It 'names every accepted job when -ErrorAction Stop ends the batch, so none is lost' {
            $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions
            $stopped = $null

            try { $good, $bad | Invoke-HHVideo @connection @run -Path (Join-Path $TestDrive 'paid') -ErrorAction Stop -WarningVariable warned -WarningAction SilentlyContinue }
            catch { $stopped = $_ }

            $stopped.FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
            (Get-HHTestEmulatorStats $emulator).accepted_submissions - $before | Should -Be 1
            $warned.Count | Should -Be 1
            $id = [regex]::Match($warned[0].Message, 'row 1 = ([0-9a-f-]{36})').Groups[1].Value
            $id | Should -Not -BeNullOrEmpty
            $warned[0].Message | Should -BeLike "*Wait-HHJob -RequestId $id*"
            (Get-HHJobStatus -RequestId $id @connection).RequestId | Should -Be $id
        }
    }

    Context 'with jobs of very different lengths' {
        BeforeAll {
            # Generation takes duration x 2 s here: 6 s for the short job, 30 s for the long one.
            $slow = Start-HHTestEmulator -TimeScale 2
        }

        AfterAll {
            Stop-HHTestEmulator $slow
        }

        It 'outputs each file as soon as it is saved, while a longer job is still generating' {
            $rows = @(
                [pscustomobject]@{ name = 'long'; prompt = 'character1 waves'; image_url_1 = 'https://images.example.com/a.png'; duration = 15 }
                [pscustomobject]@{ name = 'short'; prompt = 'character1 bows'; image_url_1 = 'https://images.example.com/a.png'; duration = 3 }
            )

            # The emulator's state at the moment the first file comes out; then the run is cut short.
            $first = $rows | Invoke-HHVideo -Token $slow.Token -BaseUri $slow.BaseUri -Path (Join-Path $TestDrive 'early') -FileName '{name}' -PollInterval 1 -Timeout 120 -WarningAction SilentlyContinue |
                ForEach-Object { [pscustomobject]@{ Name = $_.Name; Jobs = (Get-HHTestEmulatorStats $slow).jobs } } |
                Select-Object -First 1

            $first.Name | Should -Be 'short.mp4'
            $first.Jobs.succeeded | Should -Be 1
            $first.Jobs.in_progress | Should -Be 1
        }
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
