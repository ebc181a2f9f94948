using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace HappyHorse.Tests.Infrastructure;

/// <summary>
/// A host that records what the engine writes to the console (-WhatIf lines among it) and answers
/// no prompt: a test that would prompt fails instead of hanging.
/// </summary>
public sealed class CapturingHost : PSHost
{
    private readonly CapturingUI _ui = new();
    private readonly CultureInfo _culture;

    /// <param name="culture">The user's culture; the invariant culture unless a test is about language.</param>
    public CapturingHost(CultureInfo? culture = null) => _culture = culture ?? CultureInfo.InvariantCulture;

    public string Text => _ui.Text.ToString();
    public override CultureInfo CurrentCulture => _culture;
    public override CultureInfo CurrentUICulture => _culture;
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "HappyHorseTestHost";
    public override PSHostUserInterface UI => _ui;
    public override Version Version => new(1, 0);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }

    private sealed class CapturingUI : PSHostUserInterface
    {
        public StringBuilder Text { get; } = new();
        public override PSHostRawUserInterface? RawUI => null;
        public override void Write(string value) => Text.Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Text.Append(value);
        public override void WriteLine(string value) => Text.AppendLine(value);
        public override void WriteErrorLine(string value) => Text.AppendLine(value);
        public override void WriteDebugLine(string message) => Text.AppendLine("DEBUG: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) => Text.AppendLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => Text.AppendLine("WARNING: " + message);
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException("prompt: " + message);
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("choice: " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
    }
}
