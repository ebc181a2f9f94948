BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
    $submit = @{ Prompt = 'character1 waves'; ImageUrl = 'https://images.example.com/a.png'; Duration = 3 }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Get-HHJobResult' {
    It 'gives a downloadable MP4 and the cost of a finished job' {
        $job = New-HHVideoJob @submit @connection
        $null = $job | Wait-HHJob -PollInterval 1 -Timeout 60

        $result = $job | Get-HHJobResult -IncludeCost

        $result | Should -BeOfType ([HappyHorse.HHJobResult])
        $result.Status | Should -Be 'succeeded'
        $result.Cost | Should -BeGreaterThan 0
        $result.Job.RequestId | Should -Be $job.RequestId
        $file = Join-Path $TestDrive 'video.mp4'
        Invoke-WebRequest -Uri $result.VideoUrl -OutFile $file -UseBasicParsing
        $bytes = [System.IO.File]::ReadAllBytes($file)
        [System.Text.Encoding]::ASCII.GetString($bytes, 4, 4) | Should -Be 'ftyp'
    }

    It 'reads an unfinished job without waiting' {
        $slow = Start-HHTestEmulator -TimeScale 100
        try {
            $job = New-HHVideoJob @submit -Token $slow.Token -BaseUri $slow.BaseUri

            $result = $job | Get-HHJobResult

            $result.Status | Should -BeIn @('in_queue', 'in_progress')
            $result.VideoUrl | Should -BeNullOrEmpty
        }
        finally {
            Stop-HHTestEmulator $slow
        }
    }

    It 'completes properties of its output type in a pipeline' {
        Get-HHTestCompletion 'Get-HHJobResult -RequestId x | ForEach-Object { $_.Vid' | Should -Contain 'VideoUrl'
    }

    It 'refuses text and error records as request ids, and sends nothing for them' {
        $before = (Get-HHTestEmulatorStats $emulator).requests.result
        $bad = [pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = 'ftp://images.example.com/a.png' }

        'Row 3 was not submitted: x', 'a/b', '..' | Get-HHJobResult @connection -ErrorVariable refused -ErrorAction SilentlyContinue
        $bad | New-HHVideoJob @connection -ErrorAction Continue 2>&1 | Get-HHJobResult @connection -ErrorVariable passed -ErrorAction SilentlyContinue

        $refused.Count | Should -Be 3
        $refused.FullyQualifiedErrorId | ForEach-Object { $_ | Should -BeLike 'HappyHorse.InvalidRequestId*' }
        $passed.Count | Should -Be 1
        $passed[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
        (Get-HHTestEmulatorStats $emulator).requests.result | Should -Be $before
    }
}
