BeforeAll {
    # The emulator doubles as a third-party image host: /images/<name>?w=&h=&format=&size=&status=&auth=
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile

    function Get-HHTestImageUrl([string]$Name, [string]$Query = '') {
        $url = "$($emulator.RootUri)/images/$Name"
        if ($Query) { $url += "?$Query" }
        $url
    }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Test-HHReferenceImage' {
    It 'passes good PNG, JPEG and WEBP images and reads their format and size' {
        $urls = (Get-HHTestImageUrl 'a.png' 'w=1280&h=720'), (Get-HHTestImageUrl 'b.jpg' 'w=400&h=400'), (Get-HHTestImageUrl 'c.webp' 'w=720&h=1280')

        $checks = @(Test-HHReferenceImage -Url $urls -ErrorVariable bad)

        $bad | Should -BeNullOrEmpty
        $checks.Url | Should -Be $urls
        $checks[0] | Should -BeOfType ([HappyHorse.HHImageCheck])
        $checks.Passed | Sort-Object -Unique | Should -BeTrue
        $checks.Format | Should -Be @('PNG', 'JPEG', 'WEBP')
        $checks.Width | Should -Be @(1280, 400, 720)
        $checks.Height | Should -Be @(720, 400, 1280)
    }

    It 'reports each broken rule with its row and column, as HappyHorse.ReferenceImage.<Rule>' {
        $good = Get-HHTestImageUrl 'good.png'
        $cases = @(
            @{ Url = (Get-HHTestImageUrl 'lying.jpg' 'format=gif'); Rule = 'Format' }
            @{ Url = (Get-HHTestImageUrl 'tall.png' 'w=300&h=900'); Rule = 'MinShortSide' }
            @{ Url = (Get-HHTestImageUrl 'huge.jpg' "size=$(11 * 1024 * 1024)"); Rule = 'MaxSize' }
            @{ Url = (Get-HHTestImageUrl 'gone.webp' 'status=404'); Rule = 'Reachable' }
            @{ Url = (Get-HHTestImageUrl 'private.png' 'auth=basic'); Rule = 'Anonymous' }
        )
        $rows = $cases | ForEach-Object { [pscustomobject]@{ prompt = 'character1 and character2'; image_url_1 = $good; image_url_2 = $_.Url } }

        $checks = @($rows | Test-HHReferenceImage -ErrorVariable bad -ErrorAction SilentlyContinue)

        $checks.Count | Should -Be (2 * $cases.Count)
        for ($i = 0; $i -lt $cases.Count; $i++) {
            $first = $checks[2 * $i]
            $second = $checks[2 * $i + 1]
            $first.Row, $first.Field, $first.Passed | Should -Be @(($i + 1), 'image_url_1', $true)
            $second.Row, $second.Field, $second.Passed | Should -Be @(($i + 1), 'image_url_2', $false)
            $second.FailedRules | Should -Match $cases[$i].Rule
        }
        $bad.Count | Should -Be $cases.Count
        $bad.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } |
            Should -Be ($cases | ForEach-Object { "HappyHorse.ReferenceImage.$($_.Rule)" })
        $bad[0].Exception.Message | Should -Match 'Row 1, image_url_2'
    }

    It 'fetches a URL used many times once, reads only its first bytes, and sends no credentials' {
        $big = Get-HHTestImageUrl 'big.png' "size=$(9 * 1024 * 1024)"
        $before = Get-HHTestEmulatorStats $emulator

        $checks = @(1..20 | ForEach-Object { $big } | Test-HHReferenceImage -ThrottleLimit 4)

        $after = Get-HHTestEmulatorStats $emulator
        $checks.Count | Should -Be 20
        $checks.Passed | Sort-Object -Unique | Should -BeTrue
        $checks[0].Bytes | Should -Be (9 * 1024 * 1024)
        $after.requests.image - $before.requests.image | Should -Be 1
        $after.image_bytes_sent - $before.image_bytes_sent | Should -BeLessThan (1024 * 1024)
        $after.images_with_authorization_header | Should -Be 0
    }

    It 'says HappyHorse.ReferenceImage.NoUrl for a row without any image URL' {
        $rows = [pscustomobject]@{ prompt = 'character1 alone'; image_url_1 = '' }

        $checks = @($rows | Test-HHReferenceImage -ErrorVariable bad -ErrorAction SilentlyContinue)

        $checks | Should -BeNullOrEmpty
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.ReferenceImage.NoUrl*'
    }

    It 'has help with examples' {
        $help = Get-Help Test-HHReferenceImage -Full
        $help.Synopsis | Should -Match 'reference image'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
