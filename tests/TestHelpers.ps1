# Shared by the Pester files (tests/*.Tests.ps1): the module as the build laid it out, and a real
# emulator process on a free loopback port. Every file starts and ends the same way:
#   BeforeAll { . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile }
#   AfterAll { Complete-HHTestFile }
# then adds its own setup below that line.

function Initialize-HHTestFile {
    <#
    .SYNOPSIS
        A file's common setup, called from its BeforeAll: imports the built module, starts an
        emulator (the parameters are Start-HHTestEmulator's) and sets, in the caller's scope,
        $emulator, $connection (@{ Token; BaseUri } for splatting) and $csv (examples/prompts.csv).
        -SetEnvironment also points RUNCOMFY_TOKEN and RUNCOMFY_MODEL_API_BASE at the emulator, as a
        reader of the docs has them; Complete-HHTestFile puts back what was there.
    #>
    param(
        [string]$Token = 'pester-token',
        [double]$TimeScale = 0.01,
        [int]$Workers = 8,
        [string[]]$ExtraArgs = @(),
        [switch]$NoEmulator,
        [switch]$SetEnvironment
    )
    Import-HHTestModule
    $fixture = [pscustomobject]@{ Emulator = $null; Environment = $null }
    # Set before the emulator starts, so that a failed start still finds its teardown.
    Set-Variable -Scope 1 -Name hhTestFixture -Value $fixture
    Set-Variable -Scope 1 -Name csv -Value (Join-Path $PSScriptRoot '../examples/prompts.csv')
    if ($NoEmulator) { return }
    $fixture.Emulator = Start-HHTestEmulator -Token $Token -TimeScale $TimeScale -Workers $Workers -ExtraArgs $ExtraArgs
    Set-Variable -Scope 1 -Name emulator -Value $fixture.Emulator
    Set-Variable -Scope 1 -Name connection -Value @{ Token = $fixture.Emulator.Token; BaseUri = $fixture.Emulator.BaseUri }
    if ($SetEnvironment) {
        $fixture.Environment = @{ Token = $env:RUNCOMFY_TOKEN; BaseUri = $env:RUNCOMFY_MODEL_API_BASE }
        $env:RUNCOMFY_TOKEN = $fixture.Emulator.Token
        $env:RUNCOMFY_MODEL_API_BASE = $fixture.Emulator.BaseUri
    }
}

function Complete-HHTestFile {
    <#
    .SYNOPSIS
        A file's common teardown, called from its AfterAll: stops the emulator Initialize-HHTestFile
        started and any other one given, puts back the environment it changed, and drops the
        session's Connect-HHService (the Pester files share one session: leave no connection behind).
    #>
    param([object[]]$OtherEmulator = @())
    $fixture = Get-Variable -Name hhTestFixture -ValueOnly -ErrorAction Ignore
    if ($null -ne $fixture -and $null -ne $fixture.Environment) {
        $env:RUNCOMFY_TOKEN = $fixture.Environment.Token
        $env:RUNCOMFY_MODEL_API_BASE = $fixture.Environment.BaseUri
    }
    if (Get-Module HappyHorse) { Disconnect-HHService -WarningAction SilentlyContinue }
    foreach ($other in $OtherEmulator) { Stop-HHTestEmulator $other }
    if ($null -ne $fixture) { Stop-HHTestEmulator $fixture.Emulator }
}

function Import-HHTestModule {
    $manifest = Join-Path $PSScriptRoot '../out/HappyHorse/HappyHorse.psd1'
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "No built module at $manifest. Build first: dotnet build HappyHorse.sln -c Release (or ./build.ps1 Test)."
    }
    if (-not (Get-Module HappyHorse)) { Import-Module $manifest -ErrorAction Stop }
}

function Start-HHTestEmulator {
    <#
    .SYNOPSIS
        Starts the built emulator (dotnet HappyHorse.Emulator.dll) on port 0 and reads the address it
        prints first: "HappyHorse emulator listening on http://127.0.0.1:<port>/v1".
    .PARAMETER Seed
        The emulator's --seed. By default each emulator of this pwsh session gets the next one (7, 8,
        ...): a run replays, yet no two emulators hand out the same request ids. The Pester files share
        one session, and the module remembers the session's request ids (-RequestId completion, a
        row's name for a result read by id): one file's jobs must not take on another file's.
    #>
    param(
        [string]$Token = 'pester-token',
        [double]$TimeScale = 0.01,
        [int]$Workers = 8,
        [string[]]$ExtraArgs = @(),
        [int]$Seed = 0
    )
    if ($Seed -le 0) {
        $Seed = 1 + ((Get-Variable -Scope Global -Name HHTestLastSeed -ValueOnly -ErrorAction Ignore) ?? 6)
        Set-Variable -Scope Global -Name HHTestLastSeed -Value $Seed
    }
    $configuration = if ($env:HAPPYHORSE_CONFIGURATION) { $env:HAPPYHORSE_CONFIGURATION } else { 'Release' }
    $dll = Join-Path $PSScriptRoot "../src/HappyHorse.Emulator/bin/$configuration/net10.0/HappyHorse.Emulator.dll"
    if (-not (Test-Path -LiteralPath $dll)) {
        throw "No built emulator at $dll. Build first: dotnet build HappyHorse.sln -c $configuration."
    }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = @($dll, '--urls', 'http://127.0.0.1:0', '--token', $Token, '--workers', $Workers,
        '--time-scale', $TimeScale.ToString([cultureinfo]::InvariantCulture), '--seed', $Seed) + $ExtraArgs
    foreach ($argument in $arguments) { $start.ArgumentList.Add([string]$argument) }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)

    $firstLine = $process.StandardOutput.ReadLineAsync()
    if (-not $firstLine.Wait([TimeSpan]::FromSeconds(60)) -or $firstLine.Result -notmatch 'listening on (?<uri>http://\S+/v1)') {
        $process.Kill($true)
        throw "The emulator did not start: '$($firstLine.Result)' $($process.StandardError.ReadToEnd())"
    }
    $baseUri = $Matches.uri
    [pscustomobject]@{
        Process = $process
        BaseUri = $baseUri
        RootUri = $baseUri -replace '/v1$', ''
        Token   = $Token
    }
}

function Stop-HHTestEmulator {
    param($Emulator)
    if ($null -ne $Emulator -and -not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill($true)
        $null = $Emulator.Process.WaitForExit(10000)
    }
}

function Get-HHTestEmulatorStats {
    # The emulator's own counters (no token needed): what really reached it.
    param($Emulator)
    Invoke-RestMethod -Uri "$($Emulator.RootUri)/admin/stats"
}

function Get-HHTestCompletion {
    # What Tab offers at the end of $InputScript, as in a console.
    param([string]$InputScript)
    (TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches.CompletionText
}

function Start-HHTestPwsh {
    <#
    .SYNOPSIS
        Starts the pwsh these tests run in again, as a scheduler or a new console would:
        pwsh -NoProfile -NonInteractive <ArgumentList>, with $Environment applied to a copy of this
        process's variables (a $null value removes one), its output captured. Wait-HHTestPwsh ends it.
    #>
    param([string[]]$ArgumentList, [hashtable]$Environment = @{}, [string]$WorkingDirectory = $PWD.ProviderPath)
    $path = [Environment]::ProcessPath
    $start = [System.Diagnostics.ProcessStartInfo]::new($path)
    # Installed as a dotnet tool, pwsh runs as "dotnet <...>/pwsh.dll".
    if ([IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') { $start.ArgumentList.Add([Environment]::GetCommandLineArgs()[0]) }
    foreach ($argument in @('-NoProfile', '-NonInteractive') + $ArgumentList) { $start.ArgumentList.Add($argument) }
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $start.Environment.Remove($name) }
        else { $start.Environment[$name] = [string]$Environment[$name] }
    }
    $start.WorkingDirectory = $WorkingDirectory
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($start)
    [pscustomobject]@{
        Process = $process
        Output  = $process.StandardOutput.ReadToEndAsync()
        Error   = $process.StandardError.ReadToEndAsync()
    }
}

function Wait-HHTestPwsh {
    # Returns ExitCode and the Output and Error text; a pwsh that has not ended after $Minutes is
    # killed (a safety net, not a timing assertion).
    param($Child, [int]$Minutes = 5)
    if (-not $Child.Process.WaitForExit([int][TimeSpan]::FromMinutes($Minutes).TotalMilliseconds)) {
        $Child.Process.Kill($true)
        throw "pwsh $($Child.Process.StartInfo.ArgumentList -join ' ') did not end within $Minutes minutes. Output: $($Child.Output.Result)"
    }
    $Child.Process.WaitForExit()
    [pscustomobject]@{
        ExitCode = $Child.Process.ExitCode
        Output   = $Child.Output.Result
        Error    = $Child.Error.Result
    }
}

function Invoke-HHTestPwsh {
    # Runs a child pwsh (the one running these tests, an apphost or dotnet pwsh.dll) as a console
    # user would: what it prints (prompts, What if: lines) comes back as text. -InputText answers prompts.
    param([string[]]$Arguments, [string[]]$InputText = @())
    $self = (Get-Process -Id $PID).Path
    $exe, $first = if ([IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { $self, @(Join-Path $PSHOME 'pwsh.dll') } else { $self, @() }
    if ($InputText.Count -gt 0) { $InputText | & $exe @first @Arguments 2>&1 }
    else { & $exe @first @Arguments 2>&1 }
}
