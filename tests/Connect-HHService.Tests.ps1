BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile -Token 'pester-connect-token'
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Connect-HHService' {
    It 'lets later calls run without -Token and -BaseUri' {
        $connection = Connect-HHService -Token $emulator.Token -BaseUri $emulator.BaseUri -PassThru

        $connection | Should -BeOfType ([HappyHorse.HHConnection])
        $connection.BaseUri | Should -Be $emulator.BaseUri
        $connection.HasToken | Should -BeTrue
        $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'https://images.example.com/a.png'
        $job.BaseUri | Should -Be $emulator.BaseUri
    }

    It 'sets a session journal that later cmdlets use without -JournalPath' {
        $journal = Join-Path $TestDrive 'session.jsonl'
        try {
            Connect-HHService -Token $emulator.Token -BaseUri $emulator.BaseUri -JournalPath $journal

            $job = New-HHVideoJob -Prompt 'character1 waves in the session journal' -ImageUrl 'https://images.example.com/a.png'
            $entries = @(Get-HHJournal)
            $resumed = @(Resume-HHJob -IncludeFinished)
        }
        finally {
            # The Pester files share one session: leave no session journal behind.
            Connect-HHService -Token $emulator.Token -BaseUri $emulator.BaseUri
        }

        $job.JournalPath | Should -Be $journal
        $entries.RequestId | Should -Be $job.RequestId
        $resumed.RequestId | Should -Be $job.RequestId
        { Get-HHJournal -ErrorAction Stop } | Should -Throw -ErrorId 'HappyHorse.NoJournal*'
    }

    It 'never shows the token' {
        $connection = Connect-HHService -Token $emulator.Token -BaseUri $emulator.BaseUri -PassThru -Verbose 4>&1

        ($connection | Out-String) + ($connection | ConvertTo-Json -Depth 3) | Should -Not -Match $emulator.Token
    }

    It 'rejects an empty token with HappyHorse.EmptyToken' {
        { Connect-HHService -Token ' ' -ErrorAction Stop } | Should -Throw -ErrorId 'HappyHorse.EmptyToken*'
    }

    It 'rejects a base URI that is not http(s) with HappyHorse.InvalidBaseUri' {
        { Connect-HHService -Token 'x' -BaseUri 'ftp://example.com' -ErrorAction Stop } | Should -Throw -ErrorId 'HappyHorse.InvalidBaseUri*'
    }
}
