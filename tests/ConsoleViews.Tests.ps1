# What an admin sees in a real console at 80 and 120 columns: every job, status and result names
# its row (Index and name), nothing wraps, request ids stay whole, long URLs come last.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile
    $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First 3)

    function Get-RenderedLine([object[]]$InputObject, [int]$Width) {
        # The table's lines without the blank ones around it.
        @(($InputObject | Out-String -Width $Width) -split '\r?\n' | Where-Object { $_.Trim() })
    }

    function Assert-NamesEveryRow([string[]]$Lines, [object[]]$Objects, [int]$Width) {
        $Lines[0] | Should -Match '^Index Name\s'
        $Lines.Count | Should -Be ($Objects.Count + 2) -Because 'one line per object, none wrapped'
        foreach ($line in $Lines) { $line.Length | Should -BeLessOrEqual $Width }
        foreach ($object in $Objects) {
            $line = $Lines | Where-Object { $_ -match [regex]::Escape($object.RequestId) }
            $line | Should -Not -BeNullOrEmpty -Because "the whole request id $($object.RequestId) is shown"
            $line | Should -Match ("^\s*{0} {1}\s" -f $object.Index, [regex]::Escape($object.Title))
        }
    }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'The default views' {
    BeforeAll {
        $jobs = @($rows | New-HHVideoJob @connection)
        $results = @($jobs | Wait-HHJob -PollInterval 1 -Timeout 120)
    }

    It 'carries each row''s name on the job as Title' {
        ($jobs | Sort-Object Index).Title | Should -Be $rows.name
        ($results | Sort-Object Index).Title | Should -Be $rows.name
        ($results | Sort-Object Index).Index | Should -Be 1, 2, 3
    }

    It 'shows jobs with Index, Name, the whole request id and the model at <Width> columns' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
        $lines = Get-RenderedLine $jobs $Width
        Assert-NamesEveryRow $lines $jobs $Width
        $lines[0] | Should -Match 'RequestId\s+Model$'
        $lines[2] | Should -Match ' reference-to-video$'
    }

    It 'shows results with Index, Name and Status at <Width> columns, the URL last' -TestCases @(@{ Width = 80 }, @{ Width = 120 }) {
        $lines = Get-RenderedLine $results $Width
        Assert-NamesEveryRow $lines $results $Width
        $lines[0] | Should -Match '^Index Name\s+Status\s+RequestId\s+VideoUrl$'
        foreach ($line in $lines[2..($lines.Count - 1)]) { $line | Should -Match ' succeeded ' }
    }

    It 'shows enough of the video URL at 120 columns to read its host and path' {
        $lines = Get-RenderedLine $results 120
        $lines[2] | Should -Match ([regex]::Escape($emulator.RootUri) + '/files/')
    }

    It 'names the row of a result read by request id alone, when this session submitted it' {
        $result = Get-HHJobResult -RequestId $jobs[0].RequestId @connection

        $result.Index | Should -Be $jobs[0].Index
        $result.Title | Should -Be $jobs[0].Title
    }

    It 'shows statuses with Index, Name and Status at 80 columns' {
        $statuses = @($jobs | Get-HHJobStatus)
        $lines = Get-RenderedLine $statuses 80
        Assert-NamesEveryRow $lines $statuses 80
    }

    It 'takes the name from the column -TitleColumn chooses' {
        $row = [pscustomobject]@{ slug = 'beach-wave'; prompt = 'character1 waves at the sea'; image_url_1 = 'https://images.example.com/a.png' }

        $job = $row | New-HHVideoJob @connection -TitleColumn slug

        $job.Title | Should -Be 'beach-wave'
        (Get-RenderedLine $job 80)[2] | Should -Match '^\s+1 beach-wave\s'
    }

    It 'shows reference image checks at 80 columns with room for the URL' {
        $url = "$($emulator.RootUri)/images/portrait-of-the-runner.png?w=1280&h=720"

        $lines = Get-RenderedLine (Test-HHReferenceImage -Url $url) 80

        $lines[0] | Should -Match '^ Row Field\s+Passed Image\s+FailedRules\s+Url$'
        $lines[2] | Should -Match ' True\s+PNG 1280x720 '
        $lines[2] | Should -Match ([regex]::Escape("$($emulator.RootUri)/im"))
        $lines[2].Length | Should -BeLessOrEqual 80
    }
}

Describe 'Errors name the row' {
    It 'says which row a failed job came from, in one sentence' {
        $failing = Start-HHTestEmulator -ExtraArgs '--failed-rate', '1'
        try {
            $row = $rows[1]
            $job = $row | New-HHVideoJob -Token $failing.Token -BaseUri $failing.BaseUri

            $null = $job | Wait-HHJob -PollInterval 1 -Timeout 60 -ErrorVariable failed -ErrorAction SilentlyContinue

            $failed.Count | Should -Be 1
            $message = $failed[0].ToString()
            $message | Should -BeLike "Row 1 ($($row.name)): job $($job.RequestId) failed: *"
            $message | Should -Not -Match '\.\.'
            $failed[0].ErrorDetails.RecommendedAction | Should -BeLike "*of row 1 ($($row.name))*"
        }
        finally {
            Stop-HHTestEmulator $failing
        }
    }

    It 'names the row of a job that timed out, without undocumented status words' {
        $slow = Start-HHTestEmulator -TimeScale 100
        try {
            $job = $rows[2] | New-HHVideoJob -Token $slow.Token -BaseUri $slow.BaseUri

            $null = $job | Wait-HHJob -PollInterval 1 -Timeout 1 -ErrorVariable late -ErrorAction SilentlyContinue

            $late.Count | Should -Be 1
            $late[0].ToString() | Should -BeLike "Row 1 ($($rows[2].name)): job $($job.RequestId) did not finish within 1 s (*"
            $late[0].ToString() | Should -Not -Match 'pending'
        }
        finally {
            Stop-HHTestEmulator $slow
        }
    }
}

Describe 'Export-Csv of jobs and results' {
    It 'writes readable columns, and a re-import keeps each job''s row' {
        $saved = Join-Path $TestDrive 'jobs.csv'
        $rows | Select-Object -First 2 | New-HHVideoJob @connection | Export-Csv -LiteralPath $saved -NoTypeInformation
        $text = Get-Content -LiteralPath $saved -Raw
        $text | Should -Not -Match 'System\.'
        $exported = @(Import-Csv -LiteralPath $saved)
        ($exported[0].Input | ConvertFrom-Json).prompt | Should -Be ($rows | Where-Object name -eq $exported[0].Title).prompt
        # Titles edited in the file: the results must take theirs from the file, not from this session's memory.
        $exported | ForEach-Object { $_.Title = "edited-$($_.Index)" }
        $exported | Export-Csv -LiteralPath $saved -NoTypeInformation

        $results = @(Import-Csv -LiteralPath $saved | Wait-HHJob @connection -PollInterval 1 -Timeout 60)

        $results.Count | Should -Be 2
        foreach ($result in $results) { $result.Title | Should -Be "edited-$($result.Index)" }
        $resultsCsv = Join-Path $TestDrive 'results.csv'
        $results | Export-Csv -LiteralPath $resultsCsv -NoTypeInformation
        Get-Content -LiteralPath $resultsCsv -Raw | Should -Not -Match 'System\.'
        foreach ($line in Import-Csv -LiteralPath $resultsCsv) {
            $line.VideoUrls | Should -Be $line.VideoUrl
            $line.Job | Should -Be $line.RequestId
        }
    }
}
