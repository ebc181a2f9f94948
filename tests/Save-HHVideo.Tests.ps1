BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Save-HHVideo' {
    It 'saves one video per row with a sidecar, and never sends the token to the output host' {
        $folder = Join-Path $TestDrive 'all'
        $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First 2)

        $files = @($rows | New-HHVideoJob @connection | Wait-HHJob -PollInterval 1 -Timeout 120 | Save-HHVideo -Path $folder)

        $files.Count | Should -Be 2
        foreach ($file in $files) {
            $file | Should -BeOfType ([System.IO.FileInfo])
            $file.Name | Should -Match ('^[12]-' + [regex]::Escape($file.RequestId) + '\.mp4$')
            $file.Length | Should -BeGreaterThan 0
            $sidecar = Get-Content -LiteralPath ($file.FullName + '.json') -Raw | ConvertFrom-Json
            $sidecar.request_id | Should -Be $file.RequestId
            $sidecar.bytes | Should -Be $file.Length
            Get-Content -LiteralPath ($file.FullName + '.json') -Raw | Should -Not -Match $emulator.Token
        }
        @(Get-ChildItem -LiteralPath $folder -Filter '*.part*').Count | Should -Be 0
        (Get-HHTestEmulatorStats $emulator).downloads_with_authorization_header | Should -Be 0
    }

    It 'names files from -FileName tokens, CSV columns and formats' {
        $folder = Join-Path $TestDrive 'named'
        $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First 2)

        $files = @($rows | New-HHVideoJob @connection -ThrottleLimit 1 | Wait-HHJob -PollInterval 1 -Timeout 120 |
            Save-HHVideo -Path $folder -FileName '{Index:000}-{name}')

        ($files.Name | Sort-Object) | Should -Be @('001-sneaker-teaser.mp4', '002-riverside-run.mp4')
    }

    It 'skips a complete file, and downloads it again with -Force' {
        $folder = Join-Path $TestDrive 'again'
        $result = Import-Csv -LiteralPath $csv | Select-Object -First 1 | New-HHVideoJob @connection | Wait-HHJob -PollInterval 1 -Timeout 60
        $first = $result | Save-HHVideo -Path $folder
        $before = (Get-HHTestEmulatorStats $emulator).requests.download

        $skipped = $result | Save-HHVideo -Path $folder
        $afterSkip = (Get-HHTestEmulatorStats $emulator).requests.download
        $forced = $result | Save-HHVideo -Path $folder -Force
        $afterForce = (Get-HHTestEmulatorStats $emulator).requests.download

        $skipped.FullName | Should -Be $first.FullName
        $afterSkip | Should -Be $before
        $forced.FullName | Should -Be $first.FullName
        $afterForce | Should -BeGreaterThan $afterSkip
    }

    It 'waits for jobs piped straight in and records each file in the journal' {
        $folder = Join-Path $TestDrive 'journaled'
        $journal = Join-Path $TestDrive 'saved.jsonl'

        $files = @(Import-Csv -LiteralPath $csv | Select-Object -First 2 |
            New-HHVideoJob @connection -JournalPath $journal | Save-HHVideo -Path $folder -PollInterval 1)

        $files.Count | Should -Be 2
        $entries = @(Get-HHJournal $journal)
        ($entries.Files | Sort-Object) | Should -Be ($files.FullName | Sort-Object)
    }

    It 'saves nothing with -WhatIf' {
        $folder = Join-Path $TestDrive 'whatif'
        $result = Import-Csv -LiteralPath $csv | Select-Object -First 1 | New-HHVideoJob @connection | Wait-HHJob -PollInterval 1 -Timeout 60

        $files = $result | Save-HHVideo -Path $folder -WhatIf

        $files | Should -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $folder "1-$($result.RequestId).mp4") | Should -BeFalse
    }

    It 'stops on an unknown -FileName token and names the known ones' {
        $folder = Join-Path $TestDrive 'unknown'
        $result = Import-Csv -LiteralPath $csv | Select-Object -First 1 | New-HHVideoJob @connection | Wait-HHJob -PollInterval 1 -Timeout 60

        { $result | Save-HHVideo -Path $folder -FileName '{Index}-{nosuchcolumn}' -ErrorAction Stop } |
            Should -Throw -ErrorId 'HappyHorse.UnknownFileNameToken*'
        @(Get-ChildItem -LiteralPath $folder -Filter '*.mp4' -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'reports a failed job as HappyHorse.JobFailed and saves nothing for it' {
        $failing = Start-HHTestEmulator -ExtraArgs '--failed-rate', '1'
        try {
            $folder = Join-Path $TestDrive 'failed'
            $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'https://images.example.com/a.png' -Token $failing.Token -BaseUri $failing.BaseUri

            $files = $job | Save-HHVideo -Path $folder -PollInterval 1 -ErrorVariable failed -ErrorAction SilentlyContinue

            $files | Should -BeNullOrEmpty
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.JobFailed*'
            $failed[0].TargetObject.RequestId | Should -Be $job.RequestId
        }
        finally {
            Stop-HHTestEmulator $failing
        }
    }

    It 'passes an error redirected into it (2>&1) on as itself and refuses text as a request id' {
        $folder = Join-Path $TestDrive 'not-ids'
        $before = (Get-HHTestEmulatorStats $emulator).requests
        $bad = [pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = 'ftp://images.example.com/a.png' }

        $bad | New-HHVideoJob @connection -ErrorAction Continue 2>&1 | Save-HHVideo -Path $folder @connection -ErrorVariable passed -ErrorAction SilentlyContinue
        'Row 3 was not submitted: x', 'a/b', '..' | Save-HHVideo -Path $folder @connection -ErrorVariable refused -ErrorAction SilentlyContinue

        $passed.Count | Should -Be 1
        $passed[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
        $refused.Count | Should -Be 3
        $refused.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'HappyHorse.InvalidRequestId*' }
        $after = (Get-HHTestEmulatorStats $emulator).requests
        $after.status | Should -Be $before.status
        $after.result | Should -Be $before.result
    }

    It 'writes each file as Get-Item does, so it shows as a file with its size at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
        $folder = Join-Path $TestDrive "as-get-item-$Width"
        $row = Import-Csv -LiteralPath $csv | Select-Object -First 1

        $file = $row | New-HHVideoJob @connection | Save-HHVideo -Path $folder -PollInterval 1

        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.PSPath | Should -Be (Get-Item -LiteralPath $file.FullName).PSPath
        $file.PSProvider.Name | Should -Be 'FileSystem'
        $file.Index | Should -Be 1
        $file.Title | Should -Be $row.name
        $file.RequestId | Should -Not -BeNullOrEmpty
        # The console view of the file is the one of Get-Item: mode, size and name filled in.
        ($file | Out-String -Width $Width) | Should -Be (Get-Item -LiteralPath $file.FullName | Out-String -Width $Width)
        ($file | Out-String -Width $Width) | Should -Match ('\s{0} 1-' -f $file.Length)
    }
}
