@{
    RootModule           = 'HappyHorse.dll'
    # The one version source: MSBuild reads it from here for the assembly and the package.
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0c5a3e-9d0b-4c59-9a51-3e7e4c1f2b61'
    Author               = 'HappyHorse contributors'
    CompanyName          = 'HappyHorse'
    Copyright            = '(c) HappyHorse contributors. MIT License.'
    Description          = 'Turns reference images and a prompt into videos with RunComfy''s HappyHorse 1.0 reference-to-video model: submit CSV batches, wait, cancel, and download — safely, from scripts and scheduled tasks.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    # A comma list, not @( a name per line ): each line inside @( ) is a statement PowerShell compiles
    # when it reads the manifest, ~15 ms of Import-Module in a fresh process (issue 15).
    CmdletsToExport      = 'Connect-HHService', 'New-HHVideoJob', 'Get-HHJobStatus', 'Get-HHJobResult',
        'Wait-HHJob', 'Stop-HHJob', 'Get-HHJournal', 'Resume-HHJob',
        'New-HHModelJob', 'Test-HHReferenceImage', 'Save-HHVideo', 'Invoke-HHVideo',
        'Export-HHReport', 'Get-HHConnection', 'Disconnect-HHService'
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('RunComfy', 'HappyHorse', 'video', 'video-generation', 'AI', 'reference-to-video', 'batch', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/happyhorse-ps/HappyHorse'
            LicenseUri   = 'https://github.com/happyhorse-ps/HappyHorse/blob/main/LICENSE'
            # The section of this version in CHANGELOG.md, word for word (HappyHorse.Tests checks it).
            ReleaseNotes = @'
### Added
- New-HHVideoJob submits one HappyHorse 1.0 reference-to-video job per pipeline row; CSV columns bind in the API's spelling or PascalCase; bad rows are per-row errors and nothing is sent for them; -WhatIf prints the exact body.
- Get-HHJobStatus, Get-HHJobResult, Wait-HHJob (all jobs at once, each result as it finishes, -Timeout, -Any) and Stop-HHJob (cancels queued jobs).
- Connect-HHService keeps a token for the session; RUNCOMFY_TOKEN and RUNCOMFY_MODEL_API_BASE are read as RunComfy's own CLI does; the token never appears in output, logs or errors.
- Get-Help for every cmdlet and Get-Help about_HappyHorse, compiled from docs/en-US by dotnet build.
- Tab completion of -RequestId from the jobs of the session, and of -AspectRatio and -Resolution.
- A local emulator of RunComfy's Model API for tests, demos and dry runs.
- New-HHVideoJob submits up to -ThrottleLimit rows at once (default 8, 1 to 64); jobs come out in the order they are accepted, each with its row's Index.
- -JournalPath on New-HHVideoJob, New-HHModelJob, Wait-HHJob and Connect-HHService (session default): an append-only JSON-lines journal, each record flushed to disk before the job reaches the pipeline; re-running the same CSV with the same journal submits only rows with no job yet and re-attaches to the rest (Resumed); a submit whose outcome is unknown is never re-sent unless -ResubmitUnknown; a torn last line is skipped with a warning; a second process is refused (HappyHorse.JournalUnavailable).
- Get-HHJournal lists a journal's rows; Resume-HHJob picks up its unfinished jobs after a crash or reboot (Resume-HHJob | Wait-HHJob).
- Cost before paying: -WhatIf shows each row's estimated cost from the catalog price and the running total; -MaxTotalCost stops the batch at the row that would pass the budget (HappyHorse.BudgetExceeded, or HappyHorse.CostUnknown when the price cannot be read).
- Test-HHReferenceImage checks reference image URLs as the service will (reachable without a login, JPEG/PNG/WEBP by their bytes, at most 10 MB, short side at least 400 px) reading only their first bytes; New-HHVideoJob -Preflight runs the check before each row is paid for (HappyHorse.PreflightFailed).
- New-HHModelJob submits to any RunComfy model, such as the HappyHorse 1.0 siblings text-to-video, image-to-video and video-edit, from a hashtable or a CSV row, validated against the model's input schema from the catalog.
- Wait-HHJob polls adaptively (learns the queue's pace and the generation time; running jobs are asked for their result directly) and its progress shows the time left.
- -Proxy, -ProxyCredential and -TimeoutSec on every cmdlet that calls the API.
- Save-HHVideo downloads every video of the results piped in (jobs and request ids are waited for first) into -Path: streamed to <file>.part and renamed only when complete, resumed with a Range request after a broken transfer (<file>.part.json remembers which job the bytes belong to), 408/429/5xx and network failures retried with backoff, never sending the token to the video's host; -FileName templates with {Index}, {RequestId}, {Model}, {OutputIndex}, {Date}, any input field or CSV column and formats such as {Index:000}; a <file>.json sidecar per video; complete files skipped unless -Force; -ThrottleLimit files at once (4); -JournalPath records each saved file.
- Invoke-HHVideo runs New-HHVideoJob | Wait-HHJob | Save-HHVideo as one pipeline: Import-Csv prompts.csv | Invoke-HHVideo -Path ./videos; each parameter goes to the command it belongs to, rows are bound as in the long form, -WhatIf and -Confirm go to New-HHVideoJob and Save-HHVideo.
- Get-HHJournal entries are shown as a table of Index, RequestId, SubmitState, Status and VideoUrl.
'@
        }
    }
}
