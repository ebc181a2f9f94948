BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-HHTestModule
    # One worker and slow generations: the first job runs, the others stay queued.
    $emulator = Start-HHTestEmulator -Workers 1 -TimeScale 100
    $connection = @{ Token = $emulator.Token; BaseUri = $emulator.BaseUri }
    $submit = @{ Prompt = 'character1 waves'; ImageUrl = 'https://images.example.com/a.png' }
}

AfterAll {
    Stop-HHTestEmulator $emulator
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
}
