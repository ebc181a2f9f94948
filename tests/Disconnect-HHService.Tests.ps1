BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile -Token 'pester-disconnect-token'
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Disconnect-HHService' {
    It 'forgets the token, base URI and journal of Connect-HHService' {
        Connect-HHService -Token $emulator.Token -BaseUri $emulator.BaseUri -JournalPath (Join-Path $TestDrive 'j.jsonl')
        $null = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'https://images.example.com/a.png'

        $after = Disconnect-HHService -PassThru -WarningVariable warned

        $after.TokenSource | Should -Be 'none'
        $after.BaseUriSource | Should -Be 'default'
        $after.JournalPath | Should -BeNullOrEmpty
        $warned | Should -BeNullOrEmpty
        { New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'https://images.example.com/a.png' -ErrorAction Stop } |
            Should -Throw -ErrorId 'HappyHorse.NoToken*'
    }

    It 'warns when the environment still provides a token' {
        Connect-HHService -Token $emulator.Token
        $saved = $env:RUNCOMFY_TOKEN
        try {
            $env:RUNCOMFY_TOKEN = 'still-here'

            Disconnect-HHService -WarningVariable warned -WarningAction SilentlyContinue
        }
        finally { $env:RUNCOMFY_TOKEN = $saved }

        "$warned" | Should -BeLike '*still find a token in RUNCOMFY_TOKEN*'
        "$warned" | Should -Not -Match 'still-here'
    }
}
