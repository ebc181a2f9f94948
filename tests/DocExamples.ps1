# The documentation's PowerShell examples, for tests/Documentation.Tests.ps1: every ```powershell
# block of docs/en-US/*.md and README.md, found by reading the markdown (so a new example is run
# without anyone listing it), and the one list of examples that are not run as they stand:
# tests/docs-examples.txt.

$script:HHRepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..')).ProviderPath
$script:HHDocExceptionFile = Join-Path $PSScriptRoot 'docs-examples.txt'

function Get-HHDocExample {
    <#
    .SYNOPSIS
        One object per example: Id ("<file>: <heading>", ", block <n>" for a heading's second block
        and later), File, Line, Code. Headings inside code blocks do not count.
    #>
    $files = @(Get-ChildItem -LiteralPath (Join-Path $script:HHRepoRoot 'docs/en-US') -Filter '*.md' | Sort-Object Name) +
        @(Get-Item -LiteralPath (Join-Path $script:HHRepoRoot 'README.md'))
    foreach ($file in $files) {
        $lines = [IO.File]::ReadAllLines($file.FullName)
        $heading = '(top)'
        $blocksUnderHeading = 0
        $fence = $null
        for ($i = 0; $i -lt $lines.Count; $i++) {
            $line = $lines[$i]
            if ($null -eq $fence) {
                if ($line -match '^\s*```\s*(?<language>[\w-]*)') {
                    $fence = @{ Language = $Matches.language; Line = $i + 1; Code = [Collections.Generic.List[string]]::new() }
                }
                elseif ($line -match '^#{1,6}\s+(?<text>.+?)\s*$') {
                    $heading = $Matches.text
                    $blocksUnderHeading = 0
                }
                continue
            }
            if ($line -notmatch '^\s*```\s*$') { $fence.Code.Add($line); continue }
            if ($fence.Language -in 'powershell', 'pwsh', 'ps1', 'posh') {
                $blocksUnderHeading++
                $id = "$($file.Name): $heading"
                if ($blocksUnderHeading -gt 1) { $id += ", block $blocksUnderHeading" }
                [pscustomobject]@{
                    Id   = $id
                    File = [IO.Path]::GetRelativePath($script:HHRepoRoot, $file.FullName).Replace('\', '/')
                    Line = $fence.Line
                    Code = $fence.Code -join "`n"
                }
            }
            $fence = $null
        }
    }
}

function Get-HHDocExampleException {
    <#
    .SYNOPSIS
        The lines of tests/docs-examples.txt: "<example id> | not run | <reason>" or
        "<example id> | error <ErrorId> | <reason>". Lines that do not parse come back with Problem set.
    #>
    $number = 0
    foreach ($line in [IO.File]::ReadAllLines($script:HHDocExceptionFile)) {
        $number++
        if ($line -match '^\s*(#|$)') { continue }
        $parts = @($line -split '\s+\|\s+', 3 | ForEach-Object Trim)
        $entry = [pscustomobject]@{ Line = $number; Id = $parts[0]; NotRun = $false; ErrorId = $null; Reason = $null; Problem = $null }
        if ($parts.Count -lt 3 -or [string]::IsNullOrWhiteSpace($parts[2])) {
            $entry.Problem = "line ${number}: '$line' has no reason: write '<example> | not run | <reason>' or '<example> | error <ErrorId> | <reason>'"
        }
        elseif ($parts[1] -eq 'not run') { $entry.NotRun = $true; $entry.Reason = $parts[2] }
        elseif ($parts[1] -match '^error (?<id>HappyHorse\.\S+)$') { $entry.ErrorId = $Matches.id; $entry.Reason = $parts[2] }
        else { $entry.Problem = "line ${number}: '$($parts[1])' is neither 'not run' nor 'error HappyHorse.<Id>'" }
        $entry
    }
}

function ConvertTo-HHOfflineUrl {
    <#
    .SYNOPSIS
        The docs' made-up image hosts (https://images.example.com/..., https://example.com/...) as
        images on the emulator's image host, so -Preflight and Test-HHReferenceImage can fetch them.
    #>
    param([string]$Text, [string]$EmulatorRoot)
    [regex]::Replace($Text, 'https://(images\.)?example\.com/(?<path>[^\s''",|)]+)', {
        param($m) "$EmulatorRoot/images/$($m.Groups['path'].Value.Replace('/', '-'))"
    })
}

function ConvertTo-HHRunnableExample {
    <#
    .SYNOPSIS
        What an example becomes before it runs offline, each change standing for something a reader
        has and the test machine has not:
        - request ids (GUIDs) of "a job submitted earlier": finished jobs of the emulator, in order;
        - ./out/HappyHorse/HappyHorse.psd1 (run from the clone's root): the built module's full path;
        - http://127.0.0.1:5199/v1 (the emulator started as the docs say): the test's emulator;
        - in an example that fetches the images (-Preflight, Test-HHReferenceImage), made-up image
          URLs: images on the emulator's image host (ConvertTo-HHOfflineUrl); elsewhere they stay,
          as the service is never asked to fetch them;
        - Windows drive paths (D:\Videos\...): the same path under the example's own folder.
    #>
    param([string]$Code, [string]$ModuleManifest, $Emulator, [string]$Folder, [string[]]$RequestIds)
    # The ids first, before any path (which may hold a GUID) goes in.
    $ids = [ordered]@{}
    foreach ($m in [regex]::Matches($Code, '\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b')) {
        if (-not $ids.Contains($m.Value)) {
            if ($ids.Count -ge $RequestIds.Count) { throw "The example names more request ids than the test has finished jobs ($($RequestIds.Count)): add one to the fixture." }
            $ids[$m.Value] = $RequestIds[$ids.Count]
        }
    }
    foreach ($id in $ids.Keys) { $Code = $Code.Replace($id, $ids[$id]) }
    $Code = $Code.Replace('./out/HappyHorse/HappyHorse.psd1', $ModuleManifest)
    $Code = $Code.Replace('http://127.0.0.1:5199/v1', $Emulator.BaseUri)
    if ($Code -match '-Preflight\b|Test-HHReferenceImage') { $Code = ConvertTo-HHOfflineUrl $Code $Emulator.RootUri }
    [regex]::Replace($Code, '(?<![\w/.])(?<drive>[A-Za-z]):\\(?<path>[^\s''"|,]*)', {
        param($m) ($Folder.Replace('\', '/')) + '/' + $m.Groups['drive'].Value + '/' + $m.Groups['path'].Value.Replace('\', '/')
    })
}

# Run first in each example's runspace (see Get-HHDocPrelude): what a reader types or has that the
# test machine has not, and a check the console does not make.
$script:HHDocPrelude = {
    Set-Location -LiteralPath $HHDocSetting.Folder
    # ~ is the reader's home: the example's home folder (this runspace's FileSystem provider only).
    (Get-PSProvider FileSystem).Home = Join-Path $HHDocSetting.Folder 'home'
    Import-Module $HHDocSetting.Module
    Set-StrictMode -Version Latest

    # The token typed at Read-Host, and a vault (Microsoft.PowerShell.SecretManagement) holding it.
    function Read-Host {
        param([Parameter(Position = 0)]$Prompt, [switch]$AsSecureString)
        if ($AsSecureString) { ConvertTo-SecureString $HHDocSetting.Token -AsPlainText -Force } else { $HHDocSetting.Token }
    }
    function Get-Secret { param([Parameter(Position = 0)][string]$Name) ConvertTo-SecureString $HHDocSetting.Token -AsPlainText -Force }

    # Format-Table Nmae, Select-Object Staus or @{ e = { $_.Job.Nmae } } show an empty column without a
    # word: the commands examples pick properties with are wrapped to make a property their objects do
    # not have, or a calculated property that fails (under StrictMode), an error.
    $HHDocReported = [Collections.Generic.HashSet[string]]::new()
    function Test-HHDocProperty([string]$Command, [object[]]$Property, $InputObject) {
        if ($null -eq $InputObject) { return }
        $type = $InputObject.PSObject.TypeNames[0]
        foreach ($item in $Property) {
            $name = $item
            if ($item -is [Collections.IDictionary]) {
                $key = @($item.Keys | Where-Object { 'expression'.StartsWith([string]$_, [StringComparison]::OrdinalIgnoreCase) })[0]
                $name = if ($null -ne $key) { $item[$key] } else { $null }
                if ($name -is [scriptblock]) {
                    try { $null = $name.InvokeWithContext($null, [psvariable]::new('_', $InputObject)) }
                    catch {
                        if ($HHDocReported.Add("$Command {$name} $type")) {
                            Write-Error -ErrorId 'HappyHorse.DocExample.ExpressionFailed' -Category InvalidArgument -TargetObject $InputObject `
                                -Message "$Command computes {$name} on $type, which fails: $($_.Exception.Message)"
                        }
                    }
                    continue
                }
            }
            if ($name -isnot [string] -or [WildcardPattern]::ContainsWildcardCharacters($name)) { continue }
            $has = if ($InputObject -is [Collections.IDictionary]) { $InputObject.Contains($name) } else { $null -ne $InputObject.PSObject.Properties[$name] }
            if (-not $has -and $HHDocReported.Add("$Command $name $type")) {
                Write-Error -ErrorId 'HappyHorse.DocExample.NoSuchProperty' -Category InvalidArgument -TargetObject $InputObject `
                    -Message "$Command names the property '$name', which $type does not have."
            }
        }
    }
}

# The wrapped commands, made once (ProxyCommand text; each example's runspace only parses it).
$script:HHDocProxies = foreach ($command in 'Format-Table', 'Format-List', 'Format-Wide', 'Select-Object', 'Sort-Object', 'Group-Object', 'Measure-Object', 'Where-Object') {
    $proxy = [Management.Automation.ProxyCommand]::Create([Management.Automation.CommandMetadata]::new((Get-Command $command -CommandType Cmdlet)))
    $check = "Test-HHDocProperty '$command' (@(`$PSBoundParameters['Property']) + @(`$PSBoundParameters['ExpandProperty'])) `$_; "
    "function $command {`n$($proxy.Replace('$steppablePipeline.Process($_)', $check + '$steppablePipeline.Process($_)'))`n}"
}

function Get-HHDocPrelude([string]$Folder, [string]$Module, [string]$Token) {
    $quote = { param($s) "'" + $s.Replace("'", "''") + "'" }
    "`$HHDocSetting = @{ Folder = $(& $quote $Folder); Module = $(& $quote $Module); Token = $(& $quote $Token) }`n" +
        $script:HHDocPrelude.ToString() + "`n" + ($script:HHDocProxies -join "`n")
}
