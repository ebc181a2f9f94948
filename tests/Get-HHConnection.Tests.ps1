BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile -Token 'pester-get-connection-token'
    $token = $emulator.Token
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Get-HHConnection' {
    It 'shows the default address and no token when nothing is set' {
        Disconnect-HHService -WarningAction SilentlyContinue
        $saved = $env:RUNCOMFY_TOKEN, $env:RUNCOMFY_MODEL_API_BASE
        try {
            $env:RUNCOMFY_TOKEN = $null
            $env:RUNCOMFY_MODEL_API_BASE = $null

            $connection = Get-HHConnection
        }
        finally { $env:RUNCOMFY_TOKEN, $env:RUNCOMFY_MODEL_API_BASE = $saved }

        $connection | Should -BeOfType ([HappyHorse.HHConnection])
        $connection.BaseUri | Should -Be 'https://model-api.runcomfy.net/v1'
        $connection.BaseUriSource | Should -Be 'default'
        $connection.TokenSource | Should -Be 'none'
        $connection.HasToken | Should -BeFalse
    }

    It 'says each value came from the environment when it did' {
        Disconnect-HHService -WarningAction SilentlyContinue
        $saved = $env:RUNCOMFY_TOKEN, $env:RUNCOMFY_MODEL_API_BASE
        try {
            $env:RUNCOMFY_TOKEN = $token
            $env:RUNCOMFY_MODEL_API_BASE = 'http://127.0.0.1:5199/v1'

            $connection = Get-HHConnection
        }
        finally { $env:RUNCOMFY_TOKEN, $env:RUNCOMFY_MODEL_API_BASE = $saved }

        $connection.TokenSource | Should -Be 'RUNCOMFY_TOKEN'
        $connection.BaseUriSource | Should -Be 'RUNCOMFY_MODEL_API_BASE'
        $connection.BaseUri | Should -Be 'http://127.0.0.1:5199/v1'
    }

    It 'shows what Connect-HHService set, the session journal included, at 80 columns and never the token' {
        $journal = Join-Path $TestDrive 'session.jsonl'
        Connect-HHService -Token $token -BaseUri 'http://127.0.0.1:5199/v1' -JournalPath $journal

        $connection = Get-HHConnection

        $connection.TokenSource | Should -Be 'Connect-HHService'
        $connection.BaseUriSource | Should -Be 'Connect-HHService'
        $connection.JournalPath | Should -Be $journal
        $lines = @(($connection | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^TokenSource\s+BaseUriSource\s+BaseUri$'
        $lines[2] | Should -Match '^Connect-HHService\s+Connect-HHService\s+http://127\.0\.0\.1:5199/v1$'
        ($connection | Format-List * | Out-String) + ($connection | ConvertTo-Json) | Should -Not -Match $token
    }

    It 'shows the address the cmdlets really use' {
        Connect-HHService -Token $token -BaseUri $emulator.BaseUri

        $connection = Get-HHConnection
        $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'https://images.example.com/a.png'

        $job.BaseUri | Should -Be $connection.BaseUri
    }
}
