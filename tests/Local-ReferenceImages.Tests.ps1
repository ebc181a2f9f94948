BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile

    # Reference images as an admin keeps them: files in a folder, made by the emulator's image generator.
    $faces = Join-Path $TestDrive 'faces'
    $null = New-Item -ItemType Directory -Path $faces
    Invoke-WebRequest -Uri "$($emulator.RootUri)/images/a.png?w=800&h=600" -OutFile (Join-Path $faces 'alice.png')
    Invoke-WebRequest -Uri "$($emulator.RootUri)/images/b.jpg?w=1280&h=720" -OutFile (Join-Path $faces 'bob.jpg')
    Invoke-WebRequest -Uri "$($emulator.RootUri)/images/c.png?w=300&h=900" -OutFile (Join-Path $faces 'tall.png')

    function Get-HHTestSubmittedImage([int]$Slot = 1) {
        # The emulator keeps each inline image as data:<type>;sha256,<hash of the bytes it decoded>.
        $bodies = @(Invoke-RestMethod -Uri "$($emulator.RootUri)/admin/submissions" | ForEach-Object { $_ })
        $bodies[-1]."image_url_$Slot"
    }

    function Get-HHTestSha256([string]$Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.ToLowerInvariant() }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Local reference images' {
    It 'takes a path relative to the current location, not to the process directory' {
        Push-Location $TestDrive
        try {
            [System.IO.Directory]::GetCurrentDirectory() | Should -Not -Be (Get-Location).ProviderPath

            $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'faces/alice.png' @connection

            $job.RequestId | Should -Not -BeNullOrEmpty
            Get-HHTestSubmittedImage | Should -Be "data:image/png;sha256,$(Get-HHTestSha256 (Join-Path $faces 'alice.png'))"
            $job.Input.image_url_1 | Should -BeLike "local file $(Join-Path $faces 'alice.png') (image/png, 800x600, *"
        }
        finally {
            Pop-Location
        }
    }

    It 'expands ~ to the home folder' {
        $fileSystem = Get-PSProvider FileSystem
        $home_ = $fileSystem.Home
        $fileSystem.Home = $faces
        try {
            $null = New-HHVideoJob -Prompt 'character1 nods' -ImageUrl '~/bob.jpg' @connection

            Get-HHTestSubmittedImage | Should -Be "data:image/jpeg;sha256,$(Get-HHTestSha256 (Join-Path $faces 'bob.jpg'))"
        }
        finally {
            $fileSystem.Home = $home_
        }
    }

    It 'takes image_url_N columns of an imported CSV holding relative paths and file:// URIs' {
        $csv = Join-Path $TestDrive 'batch.csv'
        $bobUri = [System.Uri]::new((Join-Path $faces 'bob.jpg')).AbsoluteUri
        $bobUri | Should -BeLike 'file:///*'
        @"
prompt,image_url_1,image_url_2
character1 greets character2,./faces/alice.png,$bobUri
"@ | Set-Content -LiteralPath $csv
        Push-Location $TestDrive
        try {
            $job = Import-Csv $csv | New-HHVideoJob @connection -Verbose 4>&1 | Tee-Object -Variable all | Where-Object { $_ -is [HappyHorse.HHVideoJob] }
        }
        finally {
            Pop-Location
        }

        $job | Should -HaveCount 1
        Get-HHTestSubmittedImage 1 | Should -Be "data:image/png;sha256,$(Get-HHTestSha256 (Join-Path $faces 'alice.png'))"
        Get-HHTestSubmittedImage 2 | Should -Be "data:image/jpeg;sha256,$(Get-HHTestSha256 (Join-Path $faces 'bob.jpg'))"
        $verbose = ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match ([regex]::Escape((Join-Path $faces 'alice.png')) + ', image/png, [\d,]+ bytes, sha256 [0-9a-f]{12}')
        $verbose | Should -Not -Match 'base64,[A-Za-z0-9+/]{8}'
    }

    It 'refuses a file that breaks a rule with a per-row error naming the file and the rule, and sends nothing' {
        $before = (Get-HHTestEmulatorStats $emulator).accepted_submissions
        Push-Location $faces
        try {
            $null = New-HHVideoJob -Prompt 'character1 stands' -ImageUrl './tall.png' @connection -ErrorVariable bad -ErrorAction SilentlyContinue
        }
        finally {
            Pop-Location
        }

        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.InvalidInput,*'
        $bad[0].ToString() | Should -BeLike "*image_url_1 './tall.png' ($(Join-Path $faces 'tall.png'), image/png, * bytes, sha256 *) fails MinShortSide*"
        (Get-HHTestEmulatorStats $emulator).accepted_submissions | Should -Be $before
    }

    It 'Test-HHReferenceImage checks a local file by its bytes with no network' {
        $stats = Get-HHTestEmulatorStats $emulator
        Push-Location $faces
        try {
            $checks = @(Test-HHReferenceImage -Url './alice.png', 'tall.png' -ErrorVariable bad -ErrorAction SilentlyContinue)
        }
        finally {
            Pop-Location
        }

        $checks | Should -HaveCount 2
        $checks[0].Passed | Should -BeTrue
        $checks[0].Format | Should -Be 'PNG'
        $checks[0].Width | Should -Be 800
        $checks[0].Path | Should -Be (Join-Path $faces 'alice.png')
        $checks[0].Sha256 | Should -Be (Get-HHTestSha256 (Join-Path $faces 'alice.png'))
        $checks[0].FinalUrl | Should -BeNullOrEmpty
        $checks[1].FailedRules | Should -Be 'MinShortSide'
        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.ReferenceImage.MinShortSide,*'
        $bad[0].ToString() | Should -BeLike "*$(Join-Path $faces 'tall.png')*"
        # The emulator is the only image host in reach: nothing was asked of it.
        (Get-HHTestEmulatorStats $emulator).image_bytes_sent | Should -Be $stats.image_bytes_sent
    }
}
