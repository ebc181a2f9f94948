BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
    $submit = @{ Prompt = 'character1 waves'; ImageUrl = 'https://images.example.com/a.png' }
}

AfterAll {
    Complete-HHTestFile
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

    It 'refuses text and error records as request ids, and sends nothing for them' {
        $before = (Get-HHTestEmulatorStats $emulator).requests.status
        $bad = [pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = 'ftp://images.example.com/a.png' }

        $notIds = 'Row 3 was not submitted: x', 'a/b', '../status', '..', "id`twith-tab"
        Get-HHJobStatus -RequestId $notIds @connection -ErrorVariable refused -ErrorAction SilentlyContinue
        $bad | New-HHVideoJob @connection -ErrorAction Continue 2>&1 | Get-HHJobStatus @connection -ErrorVariable passed -ErrorAction SilentlyContinue

        $refused.Count | Should -Be $notIds.Count
        $refused.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'HappyHorse.InvalidRequestId*' }
        $refused[0].TargetObject | Should -Be 'Row 3 was not submitted: x'
        $refused[0].Exception.Message | Should -BeLike "*is not a request id: it contains whitespace*"
        $passed.Count | Should -Be 1
        $passed[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
        (Get-HHTestEmulatorStats $emulator).requests.status | Should -Be $before
    }

    It 'still asks the service about ids of other plausible shapes' {
        $before = (Get-HHTestEmulatorStats $emulator).requests.status
        $shapes = '8CD2F00D-D1D4-470E-A87C-49A4483432FD', '8cd2f00dd1d4470ea87c49a4483432fd', 'req_42', '12345'

        Get-HHJobStatus -RequestId $shapes @connection -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'HappyHorse.GetStatus.NotFound*' }
        (Get-HHTestEmulatorStats $emulator).requests.status - $before | Should -Be $shapes.Count
    }
}
