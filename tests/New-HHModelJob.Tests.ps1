BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
    $textToVideo = 'happyhorse/happyhorse-1.0/text-to-video'
    $imageToVideo = 'happyhorse/happyhorse-1.0/image-to-video'
    $videoEdit = 'happyhorse/happyhorse-1.0/video-edit'

    function Get-Submitted {
        # The bodies the emulator received, oldest first (unrolled, whether or not the JSON array is).
        @(Invoke-RestMethod -Uri "$($emulator.RootUri)/admin/submissions" | ForEach-Object { $_ })
    }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'New-HHModelJob' {
    It 'runs a text-to-video job from a hashtable to its video, with values spelled as the schema wants' {
        $before = @(Get-Submitted).Count

        $result = New-HHModelJob -Model $textToVideo -InputObject @{ prompt = 'a horse gallops along a beach at dawn'; duration = 4; resolution = '720p' } @connection |
            Wait-HHJob -PollInterval 1 -Timeout 60

        $result.Status | Should -Be 'succeeded'
        $result.Job.Model | Should -Be $textToVideo
        $result.VideoUrl | Should -Match '^http://127\.0\.0\.1:\d+/files/'
        $sent = @(Get-Submitted)
        $sent.Count - $before | Should -Be 1
        $sent[-1].duration | Should -Be 4
        $sent[-1].resolution | Should -Be '720P'
    }

    It 'sends each CSV row to the model in its model_id cell, with text cells converted and empty cells left out' {
        $rows = @(
            [pscustomobject]@{ model_id = $imageToVideo; image_url = 'https://images.example.com/frames/castle.png'; prompt = 'the camera pulls back'; duration = '6'; seed = ''; watermark = 'false' }
        )

        $job = $rows | New-HHModelJob @connection

        $job | Should -BeOfType ([HappyHorse.HHVideoJob])
        $job.Model | Should -Be $imageToVideo
        $job.Index | Should -Be 1
        $job.InputObject.image_url | Should -Be $rows[0].image_url
        $body = (Get-Submitted)[-1]
        $body.duration | Should -Be 6
        $body.watermark | Should -BeFalse
        $body.PSObject.Properties.Name | Should -Not -Contain 'seed'
        $body.PSObject.Properties.Name | Should -Not -Contain 'model_id'
    }

    It 'reports a row that breaks the schema as HappyHorse.InvalidInput naming the field, and sends nothing' {
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $jobs = New-HHModelJob -Model $videoEdit -InputObject @{ prompt = 'make it snow' } @connection -ErrorVariable bad -ErrorAction SilentlyContinue

        $jobs | Should -BeNullOrEmpty
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
        $bad[0].Exception.Message | Should -Match 'video_url'
        $bad[0].Exception.Message | Should -Match 'required'
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $before
    }

    It 'refuses a field the model does not have' {
        New-HHModelJob -Model $imageToVideo -InputObject @{ image_url = 'https://images.example.com/a.png'; aspect_ratio = '16:9' } @connection -ErrorVariable bad -ErrorAction SilentlyContinue

        $bad.Count | Should -Be 1
        $bad[0].Exception.Message | Should -Match 'aspect_ratio is not a field of this model'
    }

    It 'sends nothing with -WhatIf' {
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $jobs = New-HHModelJob -Model $videoEdit -InputObject @{ video_url = 'https://videos.example.com/in.mp4'; prompt = 'make it snow' } @connection -WhatIf

        $jobs | Should -BeNullOrEmpty
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $before
    }

    It 'does not pay twice when the same inputs run again with the same journal' {
        $journal = Join-Path $TestDrive 'model.jsonl'
        $inputs = @(@{ prompt = 'one' }, @{ prompt = 'two' })
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        $first = @($inputs | New-HHModelJob -Model $textToVideo -JournalPath $journal @connection)
        $second = @($inputs | New-HHModelJob -Model $textToVideo -JournalPath $journal @connection)

        (Get-HHTestEmulatorStats $emulator).accepted_submissions - $before | Should -Be 2
        $second.Resumed | Should -Be @($true, $true)
        ($second.RequestId | Sort-Object) | Should -Be ($first.RequestId | Sort-Object)
    }

    It 'stops at the row that would pass -MaxTotalCost with HappyHorse.BudgetExceeded' {
        # video-edit is priced per request in the emulator (0.50 USD): two fit in 1.20, the third does not.
        $inputs = 1..4 | ForEach-Object { @{ video_url = "https://videos.example.com/$_.mp4"; prompt = "make it snow $_" } }
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions
        $failure = $null

        try { $jobs = @($inputs | New-HHModelJob -Model $videoEdit -MaxTotalCost 1.2 @connection -ErrorAction Stop) }
        catch { $failure = $_ }

        $failure.FullyQualifiedErrorId | Should -BeLike 'HappyHorse.BudgetExceeded*'
        $failure.Exception.Message | Should -Match 'Stopped at row 3'
        (Get-HHTestEmulatorStats $emulator).accepted_submissions - $before | Should -Be 2
    }

    It 'has help with examples' {
        $help = Get-Help New-HHModelJob -Full
        $help.Synopsis | Should -Match 'any RunComfy model'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
