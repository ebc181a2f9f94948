# examples/Invoke-NightlyBatch.ps1 run as a scheduler runs it: pwsh -NoProfile -NonInteractive -File,
# a new process with the token and the endpoint in its environment, judged by its exit code.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile -TimeScale 0.001 -Workers 16
    $nightlyScript = (Resolve-Path (Join-Path $PSScriptRoot '../examples/Invoke-NightlyBatch.ps1')).ProviderPath
    $module = Join-Path (Get-Module HappyHorse).ModuleBase 'HappyHorse.psd1'
    $promptsCsv = (Resolve-Path (Join-Path $PSScriptRoot '../examples/prompts.csv')).ProviderPath
    $rows = @(Import-Csv -LiteralPath $promptsCsv)
    # Every generation fails on this one.
    $failing = Start-HHTestEmulator -TimeScale 0.001 -ExtraArgs '--failed-rate', '1'

    function Start-HHNightly {
        param([string]$CsvPath, [string]$OutputFolder, $Emulator = $emulator, [string]$Token = $Emulator.Token, [string]$Module = $module)
        Start-HHTestPwsh -ArgumentList '-File', $nightlyScript, '-CsvPath', $CsvPath, '-OutputFolder', $OutputFolder, '-Module', $Module `
            -Environment @{ RUNCOMFY_TOKEN = $(if ($Token) { $Token } else { $null }); RUNCOMFY_MODEL_API_BASE = $Emulator.BaseUri }
    }

    function New-HHTestCsv([string]$Name, [object[]]$Row) {
        $path = Join-Path $TestDrive $Name
        $Row | Export-Csv -LiteralPath $path -NoTypeInformation
        $path
    }

    function Get-HHNightlyLog([string]$Folder) {
        # The transcripts, which is what an administrator reads the next morning.
        (Get-ChildItem -LiteralPath $Folder -Filter 'nightly-*.log' | Sort-Object Name | Get-Content -Raw) -join ''
    }

    function Get-HHNightlyResult([string]$Folder) {
        # The results CSV of each run, newest last (the timestamp sorts as text).
        Get-ChildItem -LiteralPath $Folder -Filter 'results-*.csv' | Sort-Object Name | ForEach-Object { , @(Import-Csv -LiteralPath $_.FullName) }
    }

    # A row New-HHVideoJob refuses before sending anything (duration 3-15), and rows whose prompts
    # mark them, so /admin/submissions shows whether they were sent.
    $badRow = [pscustomobject]@{ name = 'too-long'; prompt = 'character1 waves for ever'; image_url_1 = 'https://images.example.com/a.jpg'; duration = '99' }
    $unsentRows = 1..2 | ForEach-Object { [pscustomobject]@{ name = "unsent-$_"; prompt = "character1 waves, never sent $_"; image_url_1 = 'https://images.example.com/a.jpg' } }
    $folders = @{}
    foreach ($case in 'ok', 'bad-row', 'failed', 'no-token', 'no-csv', 'no-module', 'journal-in-use') { $folders[$case] = Join-Path $TestDrive $case }

    # Another run holds the journal of journal-in-use, as the module itself does.
    $null = New-Item -ItemType Directory -Path $folders['journal-in-use']
    # The module locks the journal file itself (an OS lock for the whole run), so the test does too.
    $lock = [IO.FileStream]::new((Join-Path $folders['journal-in-use'] 'journal.jsonl'), 'OpenOrCreate', 'ReadWrite', 'None')

    # The runs are independent processes: side by side, as a scheduler may start them; the second
    # run on the ok folder starts once the first has ended.
    try {
        $children = [ordered]@{
            'ok'             = Start-HHNightly $promptsCsv $folders['ok']
            'bad-row'        = Start-HHNightly (New-HHTestCsv 'bad-row.csv' (@($rows[0..1]) + $badRow)) $folders['bad-row']
            'failed'         = Start-HHNightly (New-HHTestCsv 'failed.csv' $rows[0..1]) $folders['failed'] -Emulator $failing
            'no-token'       = Start-HHNightly (New-HHTestCsv 'no-token.csv' $unsentRows[0]) $folders['no-token'] -Token ''
            'no-csv'         = Start-HHNightly (Join-Path $TestDrive 'missing.csv') $folders['no-csv']
            'no-module'      = Start-HHNightly $promptsCsv $folders['no-module'] -Module (Join-Path $TestDrive 'missing/HappyHorse.psd1')
            'journal-in-use' = Start-HHNightly (New-HHTestCsv 'journal-in-use.csv' $unsentRows[1]) $folders['journal-in-use']
        }
        $runs = @{ 'ok' = Wait-HHTestPwsh $children['ok'] }
        $children['again'] = Start-HHNightly $promptsCsv $folders['ok']
        foreach ($case in @($children.Keys) -ne 'ok') { $runs[$case] = Wait-HHTestPwsh $children[$case] }
    }
    finally {
        $lock.Dispose()
    }
    # What reached the emulator in all: the ok run's rows and bad-row's two good rows, nothing more.
    $stats = Get-HHTestEmulatorStats $emulator
}

AfterAll {
    Complete-HHTestFile -OtherEmulator $failing
}

Describe 'examples/Invoke-NightlyBatch.ps1 as a scheduled task' {
    It 'exits with 0 when every row became a video, and saves the videos, the results and the log' {
        $run = $runs['ok']

        $run.ExitCode | Should -Be 0 -Because "$($run.Output)$($run.Error)"
        $videos = @(Get-ChildItem -LiteralPath $folders['ok'] -Filter '*.mp4')
        ($videos.Name | Sort-Object) | Should -Be ($rows | ForEach-Object { "$($rows.IndexOf($_) + 1)-$($_.name).mp4" } | Sort-Object)
        $videos | ForEach-Object { $_.Length | Should -BeGreaterThan 0 }
        $results = @(Get-HHNightlyResult $folders['ok'])[0]
        $results.Count | Should -Be $rows.Count
        $results.Status | Sort-Object -Unique | Should -Be 'succeeded'
        Test-Path -LiteralPath (Join-Path $folders['ok'] 'journal.jsonl') | Should -BeTrue
        $log = Get-HHNightlyLog $folders['ok']
        $log | Should -Match "Done: all $($rows.Count) video\(s\) saved"
        # A log, not a terminal: no colour escape codes.
        $log + $run.Output + $run.Error | Should -Not -Match "`e"
    }

    It 'run again on the same folder, re-attaches to the jobs of the journal and submits nothing' {
        $run = $runs['again']

        $run.ExitCode | Should -Be 0 -Because "$($run.Output)$($run.Error)"
        $stats.accepted_submissions | Should -Be ($rows.Count + 2) -Because 'the first run submits the CSV, bad-row two rows, and nothing else submits'
        $first, $second = @(Get-HHNightlyResult $folders['ok'])
        $second.Count | Should -Be $rows.Count
        ($second.RequestId | Sort-Object) | Should -Be ($first.RequestId | Sort-Object)
        Get-HHNightlyLog $folders['ok'] | Should -Match "$($rows.Count) row\(s\) from earlier runs"
    }

    It 'exits with 1 when a row is refused, and the other rows are still done' {
        $run = $runs['bad-row']

        $run.ExitCode | Should -Be 1 -Because "$($run.Output)$($run.Error)"
        Get-HHNightlyLog $folders['bad-row'] | Should -Match 'ERROR HappyHorse\.InvalidInput: Row 3 \(too-long\) was not submitted: duration 99 is out of range'
        (Get-ChildItem -LiteralPath $folders['bad-row'] -Filter '*.mp4').Name | Sort-Object | Should -Be '1-sneaker-teaser.mp4', '2-riverside-run.mp4'
    }

    It 'exits with 1 when generations fail' {
        $run = $runs['failed']

        $run.ExitCode | Should -Be 1 -Because "$($run.Output)$($run.Error)"
        $log = Get-HHNightlyLog $folders['failed']
        $log | Should -Match 'ERROR HappyHorse\.JobFailed \(row 1\): Row 1 \(\S+\): job \S+ failed'
        $log | Should -Match 'ERROR HappyHorse\.JobFailed \(row 2\): Row 2 \(\S+\): job \S+ failed'
        Get-ChildItem -LiteralPath $folders['failed'] -Filter '*.mp4' | Should -BeNullOrEmpty
    }

    It 'exits with 2 and sends nothing when <Case>' -ForEach @(
        @{ Case = 'no-token'; Says = 'RUNCOMFY_TOKEN is not set' }
        @{ Case = 'no-csv'; Says = 'missing\.csv' }
        @{ Case = 'no-module'; Says = 'HappyHorse\.psd1' }
        @{ Case = 'journal-in-use'; Says = 'in use by another process' }
    ) {
        $run = $runs[$Case]

        $run.ExitCode | Should -Be 2 -Because "$($run.Output)$($run.Error)"
        $log = Get-HHNightlyLog $folders[$Case]
        $log | Should -Match "FAILED: .*$Says"
        $run.Output | Should -Match "FAILED: .*$Says"
        Get-ChildItem -LiteralPath $folders[$Case] -Filter '*.mp4' | Should -BeNullOrEmpty
        $sent = Invoke-RestMethod -Uri "$($emulator.RootUri)/admin/submissions"
        @($sent | Where-Object { $_.input.prompt -like '*never sent*' -or $_.prompt -like '*never sent*' }) | Should -BeNullOrEmpty
    }
}
