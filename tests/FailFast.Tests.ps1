# A batch that cannot work stops at once with one error that says what to check, instead of one
# identical error per row: a refused token, or a service that cannot be reached.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile

    function New-TestRow([int]$Count) {
        1..$Count | ForEach-Object {
            [pscustomobject]@{ name = "clip-$_"; prompt = "character1 waves, take $_"; image_url_1 = 'https://images.example.com/a.png' }
        }
    }

    function Get-DeadBaseUri {
        # A loopback port that was just free: nothing listens there, so every connection is refused.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        "http://127.0.0.1:$port/v1"
    }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Fail fast' {
    It 'stops a batch with a refused token at once: one HappyHorse.Unauthorized error listing the rows not submitted' {
        $before = (Get-HHTestEmulatorStats $emulator).requests.submit
        $rows = @(New-TestRow 40)
        $errors = @()

        $caught = $null
        try {
            $rows | New-HHVideoJob -Token 'wrong-token' -BaseUri $emulator.BaseUri -ThrottleLimit 4 -ErrorVariable errors -ErrorAction Continue
        }
        catch { $caught = $_ }

        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'HappyHorse.Unauthorized*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $caught.ToString() | Should -Match ('^RunComfy at {0} refused the token: ' -f [regex]::Escape($emulator.BaseUri))
        $caught.ToString() | Should -Match 'Not submitted: rows? 1(-\d+)? \(refused\), row \d+ and every later row \(not sent\)\.'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Get-HHConnection'
        # No per-row copy of the same error, and only the rows in flight reached the service.
        @($errors | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 0
        ((Get-HHTestEmulatorStats $emulator).requests.submit - $before) | Should -BeLessOrEqual 4
        $caught.ToString() | Should -Not -Match 'wrong-token'
    }

    It 'stops with HappyHorse.Unauthorized when every row was already handed out' {
        # The premise is that row 2 is handed out before row 1's refusal comes back. On a loaded machine
        # the refusal once came first (the batch then rightly said "row 2 ... (not sent)"), so the
        # emulator holds its submit answers for two seconds while the pipeline hands out both rows.
        $put = @{ Method = 'Put'; Uri = "$($emulator.RootUri)/admin/faults"; ContentType = 'application/json' }
        $null = Invoke-RestMethod @put -Body '{"latency_ms": {"submit": 2000}}'
        try {
            { New-TestRow 2 | New-HHVideoJob -Token 'wrong-token' -BaseUri $emulator.BaseUri -ThrottleLimit 8 } |
                Should -Throw -ErrorId 'HappyHorse.Unauthorized*' -ExpectedMessage '*Not submitted: rows 1-2 (refused).'
        }
        finally {
            $null = Invoke-RestMethod @put -Body '{"latency_ms": {"submit": 0}}'
        }
    }

    It 'stops a batch whose service cannot be reached with one HappyHorse.ServiceUnreachable error' {
        $dead = Get-DeadBaseUri
        $errors = @()

        $caught = $null
        try { New-TestRow 6 | New-HHVideoJob -Token 'any' -BaseUri $dead -ThrottleLimit 2 -ErrorVariable errors -ErrorAction Continue }
        catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeLike 'HappyHorse.ServiceUnreachable*'
        $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
        $caught.ToString() | Should -Match ([regex]::Escape($dead))
        $caught.ToString() | Should -Match 'Not submitted: rows 1-2 \(refused\), row 3 and every later row \(not sent\)\.'
        @($errors | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 0
    }

    It 'still reports an ordinary bad row as its own error and goes on' {
        $rows = @(New-TestRow 2) + [pscustomobject]@{ name = 'bad'; prompt = 'character1'; image_url_1 = 'https://images.example.com/a.png'; duration = '99' }

        $jobs = @($rows | New-HHVideoJob -Token $emulator.Token -BaseUri $emulator.BaseUri -ErrorVariable bad -ErrorAction SilentlyContinue)

        $jobs.Count | Should -Be 2
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput*'
    }

    It 'makes the nightly example exit 2 (the batch could not run) when the token is refused' {
        $folder = Join-Path $TestDrive 'nightly'
        $csv = Join-Path $TestDrive 'rows.csv'
        New-TestRow 3 | Export-Csv -LiteralPath $csv -NoTypeInformation
        $script = Join-Path $PSScriptRoot '../examples/Invoke-NightlyBatch.ps1'
        $module = Join-Path $PSScriptRoot '../out/HappyHorse/HappyHorse.psd1'
        $saved = $env:RUNCOMFY_TOKEN, $env:RUNCOMFY_MODEL_API_BASE
        try {
            $env:RUNCOMFY_TOKEN = 'wrong-token'
            $env:RUNCOMFY_MODEL_API_BASE = $emulator.BaseUri
            $output = Invoke-HHTestPwsh -Arguments @('-NoProfile', '-NonInteractive', '-File', $script, '-CsvPath', $csv, '-OutputFolder', $folder, '-Module', $module, '-TimeoutSeconds', '60')
            $exitCode = $LASTEXITCODE
        }
        finally {
            $env:RUNCOMFY_TOKEN, $env:RUNCOMFY_MODEL_API_BASE = $saved
        }

        $exitCode | Should -Be 2 -Because ($output -join "`n")
        ($output -join "`n") | Should -Match 'FAILED: RunComfy at \S+ refused the token'
    }
}
