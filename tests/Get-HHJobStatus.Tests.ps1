BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-HHTestModule
    $emulator = Start-HHTestEmulator
    $connection = @{ Token = $emulator.Token; BaseUri = $emulator.BaseUri }
    $submit = @{ Prompt = 'character1 waves'; ImageUrl = 'https://images.example.com/a.png' }
}

AfterAll {
    Stop-HHTestEmulator $emulator
}

Describe 'Get-HHJobStatus' {
    It 'reads the status of jobs piped in' {
        $job = New-HHVideoJob @submit @connection

        $status = $job | Get-HHJobStatus

        $status | Should -BeOfType ([HappyHorse.HHJobStatus])
        $status.RequestId | Should -Be $job.RequestId
        $status.Status | Should -BeIn @('in_queue', 'in_progress', 'completed')
        $status.BaseUri | Should -Be $emulator.BaseUri
    }

    It 'accepts request ids as strings and as request_id properties' {
        $job = New-HHVideoJob @submit @connection

        (Get-HHJobStatus -RequestId $job.RequestId @connection).RequestId | Should -Be $job.RequestId
        ([pscustomobject]@{ request_id = $job.RequestId } | Get-HHJobStatus @connection).RequestId | Should -Be $job.RequestId
    }

    It 'reports an unknown id as HappyHorse.GetStatus.NotFound' {
        Get-HHJobStatus -RequestId 'no-such-request' @connection -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.GetStatus.NotFound*'
        $failed[0].TargetObject | Should -Be 'no-such-request'
    }

    It 'completes -RequestId with the ids this session has seen, and QueuePosition from its output type' {
        $job = New-HHVideoJob @submit @connection

        Get-HHTestCompletion 'Get-HHJobStatus -RequestId ' | Select-Object -First 1 | Should -Be $job.RequestId
        Get-HHTestCompletion 'Get-HHJobStatus -RequestId x | Where-Object { $_.Queue' | Should -Contain 'QueuePosition'
    }
}
