<#
.SYNOPSIS
    Submits every row of a CSV as a HappyHorse video job, waits for all of them, downloads the
    videos and logs the whole run. Meant for a scheduled task or cron job.

.DESCRIPTION
    Reads the API token from the RUNCOMFY_TOKEN environment variable (set it for the account the
    task runs as; never put it in this file). Rows that fail validation or generation are reported
    and the other rows still go. Exit codes, so the scheduler can flag a partial run:
        0  every row ended as a downloaded video
        1  the batch ran, but some rows were not submitted, failed, timed out or did not download
        2  the batch could not run (no token, module or CSV missing, the token refused by RunComfy
           (HappyHorse.Unauthorized), the service unreachable (HappyHorse.ServiceUnreachable), or
           another terminating error)

    Everything the console shows goes to a transcript, nightly-<timestamp>.log, in -OutputFolder,
    together with the videos (<index>-<name or request id>.mp4), results-<timestamp>.csv and
    report.html: a page with a card per row of the journal (the video, or why the row failed or was
    not submitted) for the people who asked for the videos.

    Every submit is journaled (-JournalPath, by default journal.jsonl in -OutputFolder) before the
    job is used, so running the script again after a crash, a reboot or a timeout does not pay
    twice: rows the journal already holds are re-attached to their jobs (waited for and downloaded
    again), and only rows with no job yet are submitted. A row whose earlier submit has an unknown
    outcome is reported (HappyHorse.OutcomeUnknown) and not sent again. To generate the same CSV
    again on purpose, use another -OutputFolder (or -JournalPath).

    Run it with -File so the exit code reaches the scheduler:
        pwsh -NoProfile -NonInteractive -File C:\Jobs\Invoke-NightlyBatch.ps1 -CsvPath C:\Jobs\prompts.csv -OutputFolder D:\Videos\Nightly

.PARAMETER CsvPath
    The CSV to submit; the columns are those of examples/prompts.csv (see the README).

.PARAMETER OutputFolder
    Where the videos, the results CSV and the log go. Created when missing.

.PARAMETER TimeoutSeconds
    How long to wait for the whole batch. Jobs still running then are reported as errors; they go
    on running on RunComfy and can be collected later with Wait-HHJob -RequestId.

.PARAMETER JournalPath
    The batch's journal. Defaults to journal.jsonl in -OutputFolder: one journal per output folder.

.PARAMETER Module
    The module to import: its name when installed in $env:PSModulePath, or the path of HappyHorse.psd1.

.EXAMPLE
    $env:RUNCOMFY_TOKEN = '<token>'
    ./examples/Invoke-NightlyBatch.ps1 -CsvPath ./examples/prompts.csv -OutputFolder ./nightly -Module ./out/HappyHorse/HappyHorse.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string]$CsvPath,

    [Parameter(Mandatory = $true)]
    [string]$OutputFolder,

    [ValidateRange(1, 86400)]
    [int]$TimeoutSeconds = 3600,

    [string]$JournalPath,

    [string]$Module = 'HappyHorse'
)

Set-StrictMode -Version Latest
# Log lines use Write-Host: the transcript records them, and they never mix with pipeline output.
# Stop on anything unexpected; the two HappyHorse commands below override this with -ErrorAction
# SilentlyContinue and collect their errors, so one bad row is an error for that row and the rest of
# the batch still runs. The errors are then logged as ERROR lines: the console's error view reaches
# the transcript cut short (in pwsh 7.6 it kept "Line | 113 | New-HHVideoJob ..." but not the
# message) and never shows the error id.
$ErrorActionPreference = 'Stop'
# Progress bars only slow a non-interactive run down and clutter the transcript.
$ProgressPreference = 'SilentlyContinue'
# A log file, not a terminal: no colour escape codes in what cron or the task scheduler redirects.
if (Get-Variable -Name PSStyle -ErrorAction Ignore) { $PSStyle.OutputRendering = 'PlainText' }

function Get-SafeFileName([string]$Text) {
    # Characters Windows forbids in file names (Linux forbids a subset) and control characters.
    $name = ($Text.Trim() -replace '[<>:"/\\|?*\x00-\x1F]', '_')
    if ($name.Length -gt 80) { $name = $name.Substring(0, 80) }
    $name = $name.TrimEnd('.', ' ')
    if ($name.Length -eq 0) { $name = 'video' }
    return $name
}

function Get-Cell($Row, [string]$Column) {
    # Import-Csv rows only have the CSV's columns; StrictMode forbids reading a missing one.
    if ($null -eq $Row) { return $null }
    $property = $Row.PSObject.Properties[$Column]
    if ($null -eq $property -or [string]::IsNullOrWhiteSpace([string]$property.Value)) { return $null }
    return ([string]$property.Value).Trim()
}

$null = New-Item -ItemType Directory -Path $OutputFolder -Force
$OutputFolder = (Resolve-Path -LiteralPath $OutputFolder).ProviderPath
if ([string]::IsNullOrWhiteSpace($JournalPath)) { $JournalPath = Join-Path $OutputFolder 'journal.jsonl' }
$stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
$logPath = Join-Path $OutputFolder "nightly-$stamp.log"
$null = Start-Transcript -LiteralPath $logPath

$exitCode = 1
try {
    if ([string]::IsNullOrWhiteSpace($env:RUNCOMFY_TOKEN)) {
        throw 'RUNCOMFY_TOKEN is not set for this account. Set it as a user or machine environment variable for the account the task runs as.'
    }
    Import-Module $Module -ErrorAction Stop

    $rows = @(Import-Csv -LiteralPath $CsvPath)
    Write-Host "$(Get-Date -Format o) Read $($rows.Count) row(s) from $CsvPath."
    if ($rows.Count -eq 0) { throw "$CsvPath has no data rows." }

    # The token comes from RUNCOMFY_TOKEN (and the endpoint from RUNCOMFY_MODEL_API_BASE, when set).
    # The journal makes a re-run re-attach to the jobs it already paid for instead of submitting again.
    Write-Host "$(Get-Date -Format o) Journal: $JournalPath"
    $submitErrors = @()
    $waitErrors = @()
    $results = @(
        $rows |
            New-HHVideoJob -JournalPath $JournalPath -Verbose -ErrorAction SilentlyContinue -ErrorVariable submitErrors |
            Wait-HHJob -Timeout $TimeoutSeconds -ErrorAction SilentlyContinue -ErrorVariable waitErrors
    )
    foreach ($record in @($submitErrors) + @($waitErrors)) {
        # A failed job's error carries its result, whose job's Index is the CSV row; a refused row's
        # message names the row itself.
        $job = $record.TargetObject
        if ($null -ne $job -and $job.PSObject.Properties['Job']) { $job = $job.Job }
        $row = if ($null -ne $job -and $job.PSObject.Properties['Index']) { " (row $($job.Index))" } else { '' }
        Write-Host "ERROR $(($record.FullyQualifiedErrorId -split ',')[0])${row}: $($record.Exception.Message)"
    }
    Write-Host "$(Get-Date -Format o) $($results.Count) of $($rows.Count) job(s) succeeded; $(@($submitErrors).Count) row(s) not submitted, $(@($waitErrors).Count) job(s) failed, cancelled or timed out."

    # Download each video. VideoUrl is a public CDN link: no token is sent with it.
    $width = "$($rows.Count)".Length
    $downloadErrors = 0
    $report = foreach ($result in $results) {
        $index = $result.Job.Index
        $name = Get-Cell $result.Job.InputObject 'name'
        if ($null -eq $name) { $name = $result.RequestId }
        $file = Join-Path $OutputFolder ('{0}-{1}.mp4' -f $index.ToString("D$width"), (Get-SafeFileName $name))
        $bytes = $null
        try {
            if ([string]::IsNullOrWhiteSpace($result.VideoUrl)) { throw "the result has no video URL." }
            Invoke-WebRequest -Uri $result.VideoUrl -OutFile $file -UseBasicParsing
            $bytes = (Get-Item -LiteralPath $file).Length
            Write-Host "Saved row $index ($($result.RequestId)) to $file ($bytes bytes)."
        }
        catch {
            $downloadErrors++
            $file = $null
            Write-Warning "Row ${index}: downloading $($result.VideoUrl) failed: $($_.Exception.Message)"
        }
        [pscustomobject]@{
            Index     = $index
            Name      = $name
            RequestId = $result.RequestId
            Status    = $result.Status
            File      = $file
            Bytes     = $bytes
            VideoUrl  = $result.VideoUrl
        }
    }
    $report | Export-Csv -LiteralPath (Join-Path $OutputFolder "results-$stamp.csv") -NoTypeInformation -Encoding UTF8

    # The review page: every row the journal knows, each downloaded video linked beside it. A page
    # that cannot be written is a warning: the videos and the results CSV are there all the same.
    try {
        $saved = @($report | Where-Object { $_.File } | ForEach-Object {
                Get-Item -LiteralPath $_.File | Add-Member -NotePropertyName RequestId -NotePropertyValue $_.RequestId -PassThru
            })
        $page = $saved | Export-HHReport -Path (Join-Path $OutputFolder 'report.html') -JournalPath $JournalPath
        Write-Host "$(Get-Date -Format o) Report: $($page.FullName)"
    }
    catch {
        Write-Warning "The report was not written: $($_.Exception.Message)"
    }

    $failures = @($submitErrors).Count + @($waitErrors).Count + $downloadErrors
    if ($failures -eq 0 -and $results.Count -eq $rows.Count) {
        Write-Host "$(Get-Date -Format o) Done: all $($rows.Count) video(s) saved."
        $exitCode = 0
    }
    else {
        Write-Host "$(Get-Date -Format o) Done with $failures error(s); see the ERROR and WARNING lines above."
        $exitCode = 1
    }
}
catch {
    # Anything that stopped the batch as a whole: no token, module or CSV missing, a terminating error
    # (HappyHorse.Unauthorized: the token was refused; HappyHorse.ServiceUnreachable: RunComfy could
    # not be reached after retries; HappyHorse.JournalUnavailable: another run is using the journal).
    # New-HHVideoJob stops the batch with one such error instead of one error per row.
    Write-Host "$(Get-Date -Format o) FAILED: $($_.Exception.Message)"
    $exitCode = 2
}
finally {
    $null = Stop-Transcript
}
exit $exitCode
