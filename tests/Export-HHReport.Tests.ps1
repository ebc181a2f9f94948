BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile

    function Get-Cards([string]$Html) {
        # One <article id="row-N" data-status="..."> per card, in page order.
        [regex]::Matches($Html, '<article id="row-(?<index>[^"]+)" data-status="(?<status>[^"]+)">') |
            ForEach-Object { [pscustomobject]@{ Index = $_.Groups['index'].Value; Status = $_.Groups['status'].Value } }
    }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Export-HHReport' {
    It 'writes a page for the videos Invoke-HHVideo saved, linking each one relative to the report' {
        $folder = Join-Path $TestDrive 'run'
        $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First 3)
        $files = @($rows | Invoke-HHVideo @connection -Path (Join-Path $folder 'videos') -FileName '{Index}-{name}' -PollInterval 1 -Timeout 120)

        $report = $files | Export-HHReport -Path (Join-Path $folder 'report.html')

        $report | Should -BeOfType ([System.IO.FileInfo])
        $html = Get-Content -LiteralPath $report.FullName -Raw
        @(Get-Cards $html).Index | Should -Be @('1', '2', '3')
        @(Get-Cards $html).Status | Should -Be @('succeeded', 'succeeded', 'succeeded')
        foreach ($file in $files) {
            $html | Should -Match ('<video controls preload="metadata" data-ar="[^"]+" src="videos/' + [regex]::Escape($file.Name) + '">')
        }
        $html | Should -Match ([regex]::Escape($rows[0].prompt))
        $html | Should -Not -Match '<(script|link)[^>]+src='
    }

    It 'Invoke-HHVideo -Report writes the report of the run, a refused row included' {
        $folder = Join-Path $TestDrive 'invoke'
        $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First 2)
        $rows[1].aspect_ratio = '2:1'

        $null = $rows | Invoke-HHVideo @connection -Path $folder -PollInterval 1 -Timeout 120 -Report (Join-Path $folder 'report.html') -ErrorAction SilentlyContinue

        $html = Get-Content -LiteralPath (Join-Path $folder 'report.html') -Raw
        @(Get-Cards $html).Status | Should -Be @('succeeded', 'not_submitted')
        $html | Should -Match 'riverside-run'
        $html | Should -Match ([regex]::Escape("aspect_ratio &#39;2:1&#39; is not allowed"))
    }

    It 'reports a whole journal and shows a hostile prompt as text' {
        $folder = Join-Path $TestDrive 'journal'
        $journal = Join-Path $folder 'batch.jsonl'
        $rows = @(Import-Csv -LiteralPath $csv | Select-Object -First 2)
        $rows[0].prompt = '<script>alert(1)</script>" onerror="alert(2)'
        $rows[1].name = '" onerror="alert(3)'
        $null = $rows | New-HHVideoJob @connection -JournalPath $journal | Wait-HHJob -PollInterval 1 -Timeout 120 | Save-HHVideo -Path (Join-Path $folder 'videos')

        $report = Export-HHReport -Path (Join-Path $folder 'report.html') -JournalPath $journal

        $html = Get-Content -LiteralPath $report.FullName -Raw
        @(Get-Cards $html).Count | Should -Be 2
        $html | Should -Match ([regex]::Escape('&lt;script&gt;alert(1)&lt;/script&gt;&quot; onerror=&quot;alert(2)'))
        $html | Should -Match ([regex]::Escape('<h2>&quot; onerror=&quot;alert(3)</h2>'))
        $html | Should -Not -Match '<script>alert'
        ([regex]::Matches($html, '<script')).Count | Should -Be 1
    }

    It 'names what it cannot show and still writes the rest' {
        $path = Join-Path $TestDrive 'odd.html'

        $report = @('not a result', (Get-Item -LiteralPath $csv)) | Export-HHReport -Path $path -ErrorAction SilentlyContinue -ErrorVariable odd

        $odd.Count | Should -Be 1
        $odd[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.UnsupportedReportInput*'
        $report.FullName | Should -Be $path
        @(Get-Cards (Get-Content -LiteralPath $path -Raw)).Count | Should -Be 1
    }
}

Describe 'examples/Invoke-NightlyBatch.ps1' {
    It 'ends a run by writing report.html beside the videos' {
        $folder = Join-Path $TestDrive 'nightly'
        $rows = Join-Path $TestDrive 'nightly.csv'
        Import-Csv -LiteralPath $csv | Select-Object -First 2 | Export-Csv -LiteralPath $rows -NoTypeInformation
        $script = Join-Path $PSScriptRoot '../examples/Invoke-NightlyBatch.ps1'
        $manifest = Join-Path $PSScriptRoot '../out/HappyHorse/HappyHorse.psd1'
        # The script ends with exit: run it in its own pwsh, as a scheduler would.
        $pwsh = [Environment]::ProcessPath
        $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $saved = $env:RUNCOMFY_TOKEN, $env:RUNCOMFY_MODEL_API_BASE
        try {
            $env:RUNCOMFY_TOKEN = $emulator.Token
            $env:RUNCOMFY_MODEL_API_BASE = $emulator.BaseUri
            $log = & $pwsh @prefix -NoProfile -NonInteractive -File $script -CsvPath $rows -OutputFolder $folder -TimeoutSeconds 120 -Module $manifest 2>&1
            $exit = $LASTEXITCODE
        }
        finally {
            $env:RUNCOMFY_TOKEN, $env:RUNCOMFY_MODEL_API_BASE = $saved
        }

        $exit | Should -Be 0 -Because ($log -join "`n")
        $html = Get-Content -LiteralPath (Join-Path $folder 'report.html') -Raw
        @(Get-Cards $html).Status | Should -Be @('succeeded', 'succeeded')
        foreach ($video in Get-ChildItem -LiteralPath $folder -Filter '*.mp4') {
            $html | Should -Match ('src="' + [regex]::Escape([uri]::EscapeDataString($video.Name)) + '"')
        }
        ($log -join "`n") | Should -Match 'Report: .*report\.html'
    }
}
