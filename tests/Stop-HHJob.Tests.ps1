BeforeAll {
    # One worker and slow generations: the first job runs, the others stay queued.
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile -Workers 1 -TimeScale 100
    $submit = @{ Prompt = 'character1 waves'; ImageUrl = 'https://images.example.com/a.png' }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Stop-HHJob' {
    BeforeAll {
        $running = New-HHVideoJob @submit @connection
        $queued = @(1..2 | ForEach-Object { New-HHVideoJob @submit @connection })
    }

    It 'changes nothing with -WhatIf' {
        $queued[0] | Stop-HHJob -WhatIf

        ($queued[0] | Get-HHJobStatus).Status | Should -Be 'in_queue'
    }

    It 'cancels a queued job' {
        $cancelled = $queued[1] | Stop-HHJob -PassThru -Confirm:$false

        $cancelled | Should -BeOfType ([HappyHorse.HHCancelResult])
        $cancelled.Outcome | Should -Be 'cancelled'
        ($queued[1] | Get-HHJobStatus).Status | Should -Be 'cancelled'
    }

    It 'reports a running job as HappyHorse.NotCancellable' {
        ($running | Get-HHJobStatus).Status | Should -Be 'in_progress'

        $running | Stop-HHJob -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.NotCancellable*'
        ($running | Get-HHJobStatus).Status | Should -Be 'in_progress'
    }

    It 'refuses text and error records as request ids, and sends nothing for them' {
        $before = (Get-HHTestEmulatorStats $emulator).requests.cancel
        $bad = [pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = 'ftp://images.example.com/a.png' }

        'Row 3 was not submitted: x', 'a/b', '..' | Stop-HHJob @connection -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
        $bad | New-HHVideoJob @connection -ErrorAction Continue 2>&1 | Stop-HHJob @connection -Confirm:$false -ErrorVariable passed -ErrorAction SilentlyContinue

        $refused.Count | Should -Be 3
        $refused.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'HappyHorse.InvalidRequestId*' }
        $passed.Count | Should -Be 1
        $passed[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
        (Get-HHTestEmulatorStats $emulator).requests.cancel | Should -Be $before
    }
}
