# The words a user reads in a real console: rows named, the fix named, one full stop, documented
# words only, and prompts that say what is about to be paid for.
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-HHTestModule
    $helpCases = foreach ($name in (Get-Command -Module HappyHorse -CommandType Cmdlet).Name) { foreach ($w in 80, 120) { @{ Cmdlet = $name; Width = $w } } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
    $module = Join-Path $PSScriptRoot '../out/HappyHorse/HappyHorse.psd1'
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Rows without a prompt' {
    It 'names the row and its columns when the prompt column is missing, and sends nothing' {
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions
        $rows = @(
            [pscustomobject]@{ name = 'beach-wave'; image_url_1 = 'https://images.example.com/a.png' }
            [pscustomobject]@{ name = 'ok'; prompt = 'character1 waves'; image_url_1 = 'https://images.example.com/a.png' }
        )

        $jobs = @($rows | New-HHVideoJob @connection -ErrorVariable bad -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 1
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
        $bad[0].ToString() | Should -Be 'Row 1 (beach-wave) was not submitted: it has no prompt column (its columns: name, image_url_1); add a prompt column, or use -Prompt.'
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be ($before + 1)
    }

    It 'names the delimiter to use when the CSV was read with the wrong one' {
        $csv = Join-Path $TestDrive 'semicolons.csv'
        Set-Content -LiteralPath $csv -Value @(
            'name;prompt;image_url_1'
            'beach-wave;character1 waves at the sea;https://images.example.com/a.png'
        )

        $jobs = Import-Csv -LiteralPath $csv | New-HHVideoJob @connection -ErrorVariable bad -ErrorAction SilentlyContinue

        $jobs | Should -BeNullOrEmpty
        $bad.Count | Should -Be 1
        $bad[0].ToString() | Should -BeLike "Row 1 was not submitted: it has one column, named 'name;prompt;image_url_1': the CSV was read with the wrong delimiter. Read it with Import-Csv -Delimiter ';'*"
        $bad[0].ToString() | Should -Not -Match 'cannot be bound'
    }
}

Describe 'Messages' {
    It 'warns "only character1 is" when the prompt names an image that was not given' {
        $job = New-HHVideoJob -Prompt 'character1 hands character2 a cup' -ImageUrl 'https://images.example.com/a.png' @connection -WarningVariable warned -WarningAction SilentlyContinue

        $job | Should -Not -BeNullOrEmpty
        "$warned" | Should -Be 'Row 1: The prompt names character2 but image_url_2 is not given: only character1 is.'
    }

    It 'says "Cancel the job" and names the row for Stop-HHJob -WhatIf' {
        $script = "Import-Module '$module'; Stop-HHJob -RequestId 'f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' -Token t -BaseUri '$($emulator.BaseUri)' -WhatIf"

        $shown = (Invoke-HHTestPwsh -Arguments @('-NoProfile', '-NonInteractive', '-Command', $script)) -join "`n"

        $shown | Should -Match 'What if: Performing the operation "Cancel the job" on target "Job f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"\.'
    }

    It 'asks -Confirm with the row''s name, the start of its prompt and its cost' {
        $script = "Import-Module '$module'; [pscustomobject]@{ name = 'beach-wave'; prompt = 'character1 waves at the sea while the camera circles slowly around her in warm evening light'; image_url_1 = 'https://images.example.com/a.png'; duration = '6' } | New-HHVideoJob -Token '$($emulator.Token)' -BaseUri '$($emulator.BaseUri)' -Confirm; 'jobs: ' + (Get-Variable -Name x -ErrorAction Ignore).Count"
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions

        # Answer No at the prompt, as a user at the console would.
        $shown = (Invoke-HHTestPwsh -Arguments @('-NoProfile', '-Command', $script) -InputText 'N') -join ' '

        $shown = $shown -replace '\s+', ' '
        $shown | Should -Match 'Submit row 1 \(beach-wave\) to happyhorse/happyhorse-1\.0/reference-to-video: "character1 waves at the sea while the camera circles slowly…", 6 s of video, estimated \$\d+\.\d\d \(running total \$\d+\.\d\d\)\? This starts a paid generation\.'
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $before
    }
}

Describe 'Get-Help as a console shows it' {
    It 'renders <Cmdlet> at <Width> columns without a stray indent, with a blank line between examples and no empty lines opening NOTES' -TestCases $helpCases {
        $lines = @((Get-Help $Cmdlet -Full | Out-String -Width $Width) -split '\r?\n')

        $lines | Where-Object { $_ -eq ' ' } | Should -BeNullOrEmpty -Because 'an example without remarks used to leave a line holding one space'
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^\s+-+ Example \d+:' -and $lines[$i] -notmatch 'Example 1:') {
                $lines[$i - 1].Trim() | Should -BeNullOrEmpty -Because "the example at line $i follows a blank line"
            }
            if ($lines[$i] -eq 'NOTES') { $lines[$i + 1].Trim() | Should -Not -BeNullOrEmpty -Because 'NOTES starts with its text' }
        }
        # At 80 columns the URL wraps; 120 shows it whole.
        if ($Width -eq 120) { ($lines -join "`n") | Should -Match ('Online Version: https://\S+/docs/en-US/{0}\.md' -f $Cmdlet) }
        (Get-Command $Cmdlet).HelpUri | Should -BeLike "https://*/docs/en-US/$Cmdlet.md"
    }
}

Describe '-RequestId completion' {
    It 'offers this session''s jobs newest first, at most a screenful, with the row''s name and status as the tooltip' {
        $rows = 1..25 | ForEach-Object { [pscustomobject]@{ name = "take-$_"; prompt = "character1 waves, take $_"; image_url_1 = 'https://images.example.com/a.png' } }
        $jobs = @($rows | New-HHVideoJob @connection -ThrottleLimit 1)
        $null = $jobs[-1] | Wait-HHJob -PollInterval 1 -Timeout 60

        $offered = @((TabExpansion2 -inputScript 'Get-HHJobResult -RequestId ' -cursorColumn 'Get-HHJobResult -RequestId '.Length).CompletionMatches)

        $offered.Count | Should -Be 20
        $offered[0].CompletionText | Should -Be $jobs[-1].RequestId
        $offered[0].ToolTip | Should -Be 'Row 25 (take-25), succeeded'
        # Only take-25 was followed: the session last saw take-24 as submitted, however far the emulator has taken it.
        $offered[1].ToolTip | Should -Be 'Row 24 (take-24), submitted'
        ($offered.CompletionText | Select-Object -First 5) | Should -Be ($jobs[-1..-5].RequestId)
    }

    It 'shows a job accepted under an id the session saw finish before as submitted, not with the old job''s status' {
        # A reset emulator with a fixed seed hands out its ids again, as one run again with the same --seed does.
        $again = Start-HHTestEmulator
        try {
            $old = [pscustomobject]@{ name = 'first-run'; prompt = 'character1 waves'; image_url_1 = 'https://images.example.com/a.png' } | New-HHVideoJob -Token $again.Token -BaseUri $again.BaseUri
            $null = $old | Wait-HHJob -PollInterval 1 -Timeout 60
            $null = Invoke-RestMethod -Method Post -Uri "$($again.RootUri)/admin/reset"

            $new = [pscustomobject]@{ name = 'second-run'; prompt = 'character1 waves'; image_url_1 = 'https://images.example.com/a.png' } | New-HHVideoJob -Token $again.Token -BaseUri $again.BaseUri
            $offered = @((TabExpansion2 -inputScript 'Get-HHJobResult -RequestId ' -cursorColumn 'Get-HHJobResult -RequestId '.Length).CompletionMatches)

            $new.RequestId | Should -Be $old.RequestId -Because 'the reset emulator replays its ids'
            $offered[0].CompletionText | Should -Be $new.RequestId
            $offered[0].ToolTip | Should -Be 'Row 1 (second-run), submitted'
        }
        finally {
            Stop-HHTestEmulator $again
        }
    }

    It 'completes a request id from the start of its row''s name' {
        $job = [pscustomobject]@{ name = 'sunset-pier'; prompt = 'character1 waves'; image_url_1 = 'https://images.example.com/a.png' } | New-HHVideoJob @connection

        $offered = @((TabExpansion2 -inputScript 'Stop-HHJob -RequestId sunset' -cursorColumn 'Stop-HHJob -RequestId sunset'.Length).CompletionMatches)

        $offered.CompletionText | Should -Be $job.RequestId
    }
}

Describe 'Ctrl+C during a batch without a journal' {
    It 'prints the request ids already accepted, which go on running' {
        # A fresh emulator with slow submits, so the stop lands mid-batch; its counter is this test's alone.
        $slow = Start-HHTestEmulator -ExtraArgs '--latency', 'submit=400'
        try {
            $child = Join-Path $TestDrive 'stop-a-batch.ps1'
            Set-Content -LiteralPath $child -Value @'
param($Module, $BaseUri, $Token, $RootUri)
Import-Module $Module
$rows = 1..20 | ForEach-Object { [pscustomobject]@{ name = "clip-$_"; prompt = "character1 waves, take $_"; image_url_1 = 'https://images.example.com/a.png' } }
# A runspace on this console's host: what the cmdlet prints after the stop reaches the console.
$runspace = [runspacefactory]::CreateRunspace($Host)
$runspace.Open()
$ps = [powershell]::Create()
$ps.Runspace = $runspace
$null = $ps.AddScript({ param($rows, $token, $baseUri, $module) Import-Module $module; $rows | New-HHVideoJob -Token $token -BaseUri $baseUri -ThrottleLimit 2 }).
    AddArgument($rows).AddArgument($Token).AddArgument($BaseUri).AddArgument($Module)
$null = $ps.BeginInvoke()
# Stop (as Ctrl+C does) once the service has accepted two rows.
$deadline = [DateTime]::UtcNow.AddSeconds(60)
while ((Invoke-RestMethod "$RootUri/admin/stats").accepted_submissions -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
$ps.Stop()
$runspace.Close()
'@

            $shown = (Invoke-HHTestPwsh -Arguments @('-NoProfile', '-NonInteractive', '-File', $child, (Resolve-Path $module).ProviderPath, $slow.BaseUri, $slow.Token, $slow.RootUri)) -join "`n"
            $accepted = (Get-HHTestEmulatorStats $slow).accepted_submissions

            $warning = [regex]::Match($shown, 'WARNING: Stopped\. (\d+) job\(s\) were already accepted and go on running on RunComfy \(they may be charged\): Row 1 \(clip-1\): ')
            $warning.Success | Should -BeTrue -Because $shown
            $ids = @([regex]::Matches($shown, 'Wait-HHJob -RequestId (\S+) ')[0].Groups[1].Value -split ',')
            $ids.Count | Should -Be ([int]$warning.Groups[1].Value)
            # Every job the service had accepted when the stop came; one still in flight then may add to both counts.
            $ids.Count | Should -BeGreaterOrEqual 2
            $ids.Count | Should -BeLessOrEqual $accepted
            foreach ($id in $ids) { (Get-HHJobStatus -RequestId $id -Token $slow.Token -BaseUri $slow.BaseUri).RequestId | Should -Be $id }
        }
        finally {
            Stop-HHTestEmulator $slow
        }
    }
}
