# The documentation, executed: every PowerShell example of docs/en-US/*.md and README.md runs against
# the emulator (tests/docs-examples.txt lists the few that cannot, each with its reason), and the
# README's promise "Import-Csv prompts.csv | New-HHVideoJob | Wait-HHJob" runs literally on
# examples/prompts.csv and on the same CSV as Excel saves it.
#
# Each example runs in a runspace and a folder of its own, under Set-StrictMode -Version Latest (as
# scripts such as examples/Invoke-NightlyBatch.ps1 run), and must end without an error record. What
# is changed in its text to run offline is listed in tests/DocExamples.ps1 (ConvertTo-HHRunnableExample).

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')
    # Hashtables, so Pester makes $Id and $Line of each and names the tests after them.
    $examples = @(Get-HHDocExample | ForEach-Object { @{ Id = $_.Id; File = $_.File; Line = $_.Line; Code = $_.Code } })
}

BeforeAll {
    # demo-token is the token the docs give the emulator. Enough workers that no job waits in a
    # queue: "cancel the jobs still queued" would otherwise race a job starting meanwhile. A reader
    # who follows the docs has RUNCOMFY_TOKEN and RUNCOMFY_MODEL_API_BASE set (or calls
    # Connect-HHService, which some examples do): -SetEnvironment.
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile -Token 'demo-token' -TimeScale 0.001 -Workers 500 -SetEnvironment
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')
    $manifest = Join-Path (Get-Module HappyHorse).ModuleBase 'HappyHorse.psd1'
    $promptsCsv = Join-Path $PSScriptRoot '../examples/prompts.csv'

    $exceptions = @(Get-HHDocExampleException)
    # $connection (Initialize-HHTestFile's) for the calls below: a Connect-HHService left in this
    # runspace would win over the variables.

    # The files and jobs the examples assume a reader has: their own prompts.csv (examples/prompts.csv
    # with images the emulator serves), the clone's examples/prompts.csv, a CSV of mixed models, local
    # images, jobs saved with Export-Csv, journals of a batch half done, finished jobs to name by id
    # and their videos in ./videos.
    $fixture = Join-Path $TestDrive 'fixture'
    $null = New-Item -ItemType Directory -Path (Join-Path $fixture 'examples'), (Join-Path $fixture 'batches')
    $offlineCsv = ConvertTo-HHOfflineUrl ([IO.File]::ReadAllText($promptsCsv)) $emulator.RootUri
    [IO.File]::WriteAllText((Join-Path $fixture 'prompts.csv'), $offlineCsv)
    [IO.File]::WriteAllText((Join-Path $fixture 'examples/prompts.csv'), $offlineCsv)
    [IO.File]::WriteAllText((Join-Path $fixture 'mixed.csv'), @'
model_id,image_url,video_url,prompt,duration
happyhorse/happyhorse-1.0/text-to-video,,,a horse gallops along a beach at dawn,4
happyhorse/happyhorse-1.0/image-to-video,https://images.example.com/frames/castle.png,,the camera slowly pulls back,6
happyhorse/happyhorse-1.0/video-edit,,https://videos.example.com/clips/street.mp4,make it snow,
'@)
    # Local reference images: a faces folder, the same under D:\campaign, and the reader's home (~)
    # with a Pictures folder (the prelude makes the example's home/ its ~).
    foreach ($image in 'faces/ana.jpg', 'faces/ben.png', 'D/campaign/faces/ana.jpg', 'D/campaign/faces/ben.png', 'home/Pictures/ana.jpg', 'home/Pictures/ben.png') {
        $target = Join-Path $fixture $image
        $null = New-Item -ItemType Directory -Path (Split-Path $target) -Force
        Invoke-WebRequest -Uri "$($emulator.RootUri)/images/$(Split-Path $image -Leaf)?w=800&h=600" -OutFile $target
    }
    $rows = @(Import-Csv -LiteralPath (Join-Path $fixture 'prompts.csv'))
    $rows | New-HHVideoJob @connection -ErrorAction Stop | Export-Csv -LiteralPath (Join-Path $fixture 'submitted.csv') -NoTypeInformation
    # A journal of a batch half done: three results recorded (with their cost), four not collected yet.
    $journal = Join-Path $fixture 'prompts.jsonl'
    $journaled = @($rows | New-HHVideoJob @connection -JournalPath $journal -ErrorAction Stop)
    $finished = @($journaled[0..2] | Wait-HHJob @connection -IncludeCost -Timeout 120 -ErrorAction Stop)
    $finishedIds = @($finished.RequestId)
    # Their videos, saved as Save-HHVideo names them (with their .json sidecars) in ./videos.
    $null = $finished | Save-HHVideo -Path (Join-Path $fixture 'videos') -ErrorAction Stop
    foreach ($copy in 'batch.jsonl', 'batches/monday.jsonl', 'batches/tuesday.jsonl', 'nightly/journal.jsonl', 'D/Videos/Nightly/journal.jsonl', 'D/Batches/nightly.jsonl') {
        $target = Join-Path $fixture $copy
        $null = New-Item -ItemType Directory -Path (Split-Path $target) -Force
        Copy-Item -LiteralPath $journal -Destination $target
    }

    function Copy-HHFolder([string]$From, [string]$To) {
        # What Copy-Item -Recurse does, an order of magnitude faster for sixty copies.
        foreach ($file in [IO.Directory]::EnumerateFiles($From, '*', [IO.SearchOption]::AllDirectories)) {
            $target = [IO.Path]::Combine($To, [IO.Path]::GetRelativePath($From, $file))
            $null = [IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($target))
            [IO.File]::Copy($file, $target)
        }
    }

    function Start-HHDocRun {
        <#
        .SYNOPSIS
            Starts $Code in a runspace of its own (no variable, function or Connect-HHService of another
            example or test reaches it), in $Folder, after Get-HHDocPrelude (the module, Read-Host and
            Get-Secret answered with the token, properties checked) and, when the code uses $jobs
            without making it, the $jobs of Get-HHJobStatus's Example 1. -Format formats the output
            as a console would (Out-String), so Format-* mistakes show too.
        #>
        param([string]$Code, [string]$Folder, [switch]$Format)
        $prelude = Get-HHDocPrelude -Folder $Folder -Module $manifest -Token $emulator.Token
        if ($Code -match '\$jobs\b' -and $Code -notmatch '\$jobs\s*=') {
            $prelude += "`n`$jobs = @(Import-Csv ./prompts.csv | New-HHVideoJob -ErrorAction Stop)"
        }
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $null = $shell.AddScript($prelude).AddStatement().AddScript($Code)
        if ($Format) { $null = $shell.AddCommand('Out-String').AddParameter('Width', 160) }
        [pscustomobject]@{
            Code = $Code; Shell = $shell; Runspace = $runspace; Handle = $shell.BeginInvoke()
            Output = $null; Errors = @(); Warnings = @(); Failure = $null
        }
    }

    function Complete-HHDocRun($Run, [string]$StopReason) {
        try {
            if ($StopReason) { $Run.Shell.Stop(); $Run.Failure = $StopReason }
            else {
                try { $Run.Output = @($Run.Shell.EndInvoke($Run.Handle)) }
                catch { $Run.Failure = $_.Exception.InnerException ?? $_.Exception }
            }
            $Run.Errors = @($Run.Shell.Streams.Error)
            $Run.Warnings = @($Run.Shell.Streams.Warning)
        }
        finally {
            $Run.Shell.Dispose()
            $Run.Runspace.Dispose()
        }
    }

    function Invoke-HHDocRun {
        <#
        .SYNOPSIS
            Runs the @{ Key; Code; Folder; Format } given side by side, at most $ThrottleLimit at a time,
            as in as many consoles: most of an example's time is spent waiting for the emulator.
            Returns the runs by Key.
        #>
        param([object[]]$Work, [int]$ThrottleLimit = 10)
        $done = @{}
        $queue = [Collections.Generic.Queue[object]]::new([object[]]$Work)
        $active = [Collections.Generic.List[object]]::new()
        try {
            while ($queue.Count -gt 0 -or $active.Count -gt 0) {
                while ($queue.Count -gt 0 -and $active.Count -lt $ThrottleLimit) {
                    $item = $queue.Dequeue()
                    $run = Start-HHDocRun -Code $item.Code -Folder $item.Folder -Format:$item.Format
                    $run | Add-Member -NotePropertyName Key -NotePropertyValue $item.Key
                    $active.Add($run)
                }
                # A safety net for an example that never ends, not a timing assertion.
                $finished = [Threading.WaitHandle]::WaitAny([Threading.WaitHandle[]]@($active.Handle.AsyncWaitHandle), [TimeSpan]::FromMinutes(3))
                if ($finished -eq [Threading.WaitHandle]::WaitTimeout) {
                    foreach ($run in @($active)) { Complete-HHDocRun $run 'it did not end within 3 minutes'; $done[$run.Key] = $run }
                    $active.Clear()
                    continue
                }
                $run = $active[$finished]
                $active.RemoveAt($finished)
                Complete-HHDocRun $run
                $done[$run.Key] = $run
            }
        }
        finally {
            foreach ($run in $active) { Complete-HHDocRun $run 'the test run stopped' }
            # An example may set the variables itself (README: The emulator).
            $env:RUNCOMFY_TOKEN = $emulator.Token
            $env:RUNCOMFY_MODEL_API_BASE = $emulator.BaseUri
        }
        $done
    }

    function Format-HHDocRun($Run) {
        $lines = @("The example, as run:", $Run.Code)
        if ($Run.Failure) { $lines += "It stopped: $($Run.Failure)" }
        foreach ($record in $Run.Errors) { $lines += "Error $($record.FullyQualifiedErrorId): $($record.Exception.Message)" }
        foreach ($warning in $Run.Warnings) { $lines += "Warning: $warning" }
        $lines += 'Output:'
        $lines += $Run.Output
        $lines -join [Environment]::NewLine
    }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'The examples of the documentation' {
    BeforeAll {
        # Removed by AfterAll below at once: Pester's own TestDrive clean-up, item by item, took
        # longer than running the examples.
        $examplesRoot = Join-Path $TestDrive 'examples'
        $work = @()
        $number = 0
        foreach ($example in Get-HHDocExample) {
            if (($exceptions | Where-Object Id -eq $example.Id).NotRun) { continue }
            $folder = Join-Path $examplesRoot "example-$((++$number))"
            Copy-HHFolder $fixture $folder
            $code = ConvertTo-HHRunnableExample -Code $example.Code -ModuleManifest $manifest -Emulator $emulator -Folder $folder -RequestIds $finishedIds
            $work += @{ Key = $example.Id; Code = $code; Folder = $folder; Format = $true }
        }
        # Broken examples, to show that the runs catch what they must.
        $broken = @{
            'no such property'    = 'Import-Csv ./prompts.csv | Format-Table name, Nmae'
            'calculated property' = 'Import-Csv ./prompts.csv | Select-Object @{ n = "Name"; e = { $_.Nmae } }'
            'strict mode'         = '@(Import-Csv ./prompts.csv | Where-Object name -eq "none").name'
            'error'               = 'New-HHVideoJob -Prompt "character1 waves" -ImageUrl https://images.example.com/a.jpg -Duration 99'
            'stop'                = 'throw "the example stopped"'
            'read-host'           = '(Connect-HHService -Token (Read-Host -AsSecureString "RunComfy token") -PassThru).HasToken'
        }
        foreach ($key in $broken.Keys) { $work += @{ Key = "broken: $key"; Code = $broken[$key]; Folder = $fixture; Format = $true } }
        $runs = Invoke-HHDocRun $work
    }

    AfterAll {
        if ($examplesRoot -and [IO.Directory]::Exists($examplesRoot)) { [IO.Directory]::Delete($examplesRoot, $true) }
    }

    It 'finds the examples of every help file and of the README' {
        $found = @(Get-HHDocExample)
        $helpFiles = @(Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot '../docs/en-US') -Filter '*-*.md')

        $found.Count | Should -BeGreaterThan (2 * $helpFiles.Count)
        foreach ($file in $helpFiles) {
            # Every "### Example" heading has its ```powershell block: one fenced otherwise is not run.
            $headings = @(Select-String -LiteralPath $file.FullName -Pattern '^### Example').Count
            $headings | Should -BeGreaterThan 0
            @($found | Where-Object { $_.File -eq "docs/en-US/$($file.Name)" -and $_.Id -like '*: Example*' }).Count | Should -Be $headings -Because $file.Name
        }
        $found.File | Should -Contain 'README.md'
        # An example is known by its id (here and in tests/docs-examples.txt): two headings alike in
        # one file would make two examples one.
        @($found.Id | Group-Object | Where-Object Count -gt 1).Name | Should -BeNullOrEmpty
        $found.Code | Where-Object { [string]::IsNullOrWhiteSpace($_) } | Should -BeNullOrEmpty
    }

    It 'fails an example that names a property its objects lack, breaks StrictMode, writes an error or stops' {
        $runs['broken: no such property'].Errors.FullyQualifiedErrorId | Should -Be 'HappyHorse.DocExample.NoSuchProperty,Test-HHDocProperty'
        $runs['broken: no such property'].Errors.Exception.Message | Should -Match "'Nmae'"
        $runs['broken: calculated property'].Errors.FullyQualifiedErrorId | Should -Be 'HappyHorse.DocExample.ExpressionFailed,Test-HHDocProperty'
        $runs['broken: strict mode'].Errors.FullyQualifiedErrorId | Should -Be 'PropertyNotFoundStrict'
        ($runs['broken: error'].Errors.FullyQualifiedErrorId -split ',')[0] | Should -Be 'HappyHorse.InvalidInput'
        # A terminating error comes back as the run's failure or as an error record: both fail an example.
        "$($runs['broken: stop'].Failure) $($runs['broken: stop'].Errors)" | Should -Match 'the example stopped'
        # Read-Host is answered with the token, as a reader would type it.
        $runs['broken: read-host'].Output.Trim() | Should -Be 'True'
    }

    It 'lists each example it does not run as it stands, with a reason, in tests/docs-examples.txt' {
        $ids = @(Get-HHDocExample).Id

        $exceptions.Problem | Where-Object { $_ } | Should -BeNullOrEmpty
        foreach ($entry in $exceptions) {
            $ids | Should -Contain $entry.Id -Because "tests/docs-examples.txt line $($entry.Line) must name an example that exists"
        }
        @($exceptions.Id | Group-Object | Where-Object Count -gt 1).Name | Should -BeNullOrEmpty
    }

    It '<Id> (line <Line>)' -ForEach $examples {
        $exception = $exceptions | Where-Object Id -eq $Id
        if ($exception.NotRun) {
            Set-ItResult -Skipped -Because "tests/docs-examples.txt: $($exception.Reason)"
            return
        }

        $run = $runs[$Id]

        $run | Should -Not -BeNullOrEmpty
        $report = Format-HHDocRun $run
        $run.Failure | Should -BeNullOrEmpty -Because $report
        if ($exception.ErrorId) {
            $run.Errors.Count | Should -BeGreaterThan 0 -Because "tests/docs-examples.txt says it shows $($exception.ErrorId). $report"
            $run.Errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] | Should -Be $exception.ErrorId -Because $report }
        }
        else {
            $run.Errors | Should -BeNullOrEmpty -Because $report
        }
    }
}

Describe 'The README''s promise: Import-Csv prompts.csv | New-HHVideoJob | Wait-HHJob' {
    BeforeAll {
        # examples/prompts.csv byte for byte, and as Excel saves it ("CSV UTF-8"): a byte order mark,
        # CRLF line ends, TRUE/FALSE for the booleans and quotes only where a cell needs them; with a
        # decimal comma (German, French, ... settings) Excel separates the cells with ';'.
        $rows = @(Import-Csv -LiteralPath $promptsCsv)
        $utf8Bom = [Text.UTF8Encoding]::new($true)
        function ConvertTo-HHExcelCsv([string]$Delimiter) {
            $text = ($rows | ConvertTo-Csv -Delimiter $Delimiter -UseQuotes AsNeeded) -join "`r`n"
            ($text -replace "(?<=^|$([regex]::Escape($Delimiter)))(true|false)(?=$([regex]::Escape($Delimiter))|`r|$)", { $_.Value.ToUpperInvariant() }) + "`r`n"
        }
        $cases = @(
            @{ Key = 'as in the clone'; Text = $null; Line = 'Import-Csv prompts.csv | New-HHVideoJob | Wait-HHJob' }
            @{ Key = 'saved by Excel'; Text = (ConvertTo-HHExcelCsv ','); Line = 'Import-Csv prompts.csv | New-HHVideoJob | Wait-HHJob' }
            @{ Key = 'saved by Excel with ; between cells'; Text = (ConvertTo-HHExcelCsv ';'); Line = "Import-Csv prompts.csv -Delimiter ';' | New-HHVideoJob | Wait-HHJob" }
        )
        $work = foreach ($case in $cases) {
            $folder = Join-Path $TestDrive "promise-$($cases.IndexOf($case))"
            $null = New-Item -ItemType Directory -Path $folder
            $csv = Join-Path $folder 'prompts.csv'
            if ($null -eq $case.Text) { Copy-Item -LiteralPath $promptsCsv -Destination $csv }
            else { [IO.File]::WriteAllText($csv, $case.Text, $utf8Bom) }
            $case.Csv = $csv
            @{ Key = $case.Key; Code = $case.Line; Folder = $folder; Format = $false }
        }
        $runs = Invoke-HHDocRun $work
    }

    It 'writes the Excel copies as Excel does' {
        $excel = [IO.File]::ReadAllBytes($cases[1].Csv)
        $excel[0..2] | Should -Be 0xEF, 0xBB, 0xBF
        $text = [IO.File]::ReadAllText($cases[2].Csv)
        $text | Should -Match "^name;prompt;image_url_1;.*`r`nsneaker-teaser;character1 turns slowly on a white marble pedestal while a soft studio light sweeps across it, shallow depth of field;https://"
        $text | Should -Match "`r`ncafe-handoff;""character1 hands a steaming cup to character2 across a small wooden counter; both smile, warm afternoon light, handheld camera"";https://"
        $text | Should -Match ';FALSE\r\n'
        ($text -split "`r`n").Count | Should -Be ($rows.Count + 2)
        $text -replace "`r`n" | Should -Not -Match "`n"
    }

    It 'gives one result per row, whatever the order they finish in: <Key>' -ForEach @(
        @{ Key = 'as in the clone' }, @{ Key = 'saved by Excel' }, @{ Key = 'saved by Excel with ; between cells' }
    ) {
        $run = $runs[$Key]
        $report = Format-HHDocRun $run

        $run.Failure | Should -BeNullOrEmpty -Because $report
        $run.Errors | Should -BeNullOrEmpty -Because $report
        $run.Output.Count | Should -Be $rows.Count -Because $report
        $run.Output.Status | Sort-Object -Unique | Should -Be 'succeeded'
        ($run.Output.Job.Index | Sort-Object) | Should -Be (1..$rows.Count)
        ($run.Output.RequestId | Sort-Object -Unique).Count | Should -Be $rows.Count
        foreach ($result in $run.Output) {
            $row = $rows[$result.Job.Index - 1]
            $result.Job.InputObject.name | Should -Be $row.name
            $result.Job.InputObject.prompt | Should -Be $row.prompt
            $result.Job.Input['prompt'] | Should -Be $row.prompt
            $result.Job.Input['watermark'] -eq $true | Should -Be ($row.watermark -eq 'true')
        }
    }
}
