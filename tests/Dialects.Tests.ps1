# The module against the emulator process speaking every dialect RunComfy's own clients understand,
# switched on from its command line all at once.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile -NoEmulator
    $dialect = @('--result-success-word', 'completed', '--canceled-spelling', 'canceled',
        '--cancel-answer', 'cancellation_requested,outcome-only', '--unknown-status-rate', '0.5', '--videos-array')
    $fast = Start-HHTestEmulator -ExtraArgs $dialect
    # One worker and slow generations: the first job runs for good, the next stays queued.
    $slow = Start-HHTestEmulator -Workers 1 -TimeScale 100 -ExtraArgs $dialect
}

AfterAll {
    Complete-HHTestFile -OtherEmulator $fast, $slow
}

Describe 'Every dialect at once' {
    It 'gets every video through New-HHVideoJob | Wait-HHJob | Save-HHVideo' {
        $folder = Join-Path $TestDrive 'videos'
        $rows = @(Import-Csv -LiteralPath $csv)

        $files = @($rows | New-HHVideoJob -Token $fast.Token -BaseUri $fast.BaseUri |
            Wait-HHJob -PollInterval 1 -Timeout 120 -ErrorVariable waitErrors | Save-HHVideo -Path $folder -ErrorVariable saveErrors)

        $waitErrors.Count + $saveErrors.Count | Should -Be 0
        $files.Count | Should -Be $rows.Count
        $files | ForEach-Object { $_.Length | Should -BeGreaterThan 0 }
        (Get-HHTestEmulatorStats $fast).requests.download | Should -Be $rows.Count
    }

    It 'reports a cancel that takes effect later as cancellation_requested, and Wait-HHJob sees the job end' {
        $submit = @{ Prompt = 'character1 waves'; ImageUrl = 'https://images.example.com/a.png'; Token = $slow.Token; BaseUri = $slow.BaseUri }
        $null = New-HHVideoJob @submit
        $queued = New-HHVideoJob @submit

        $answer = $queued | Stop-HHJob -PassThru -Confirm:$false

        $answer.Outcome | Should -Be 'cancellation_requested'
        $answer.RequestId | Should -Be $queued.RequestId
        $queued | Wait-HHJob -PollInterval 1 -Timeout 60 -ErrorVariable ended -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $ended.Count | Should -Be 1
        $ended[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.JobCancelled*'
    }
}
