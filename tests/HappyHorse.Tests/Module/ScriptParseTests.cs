using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using HappyHorse.Tests.Module.Help;
using Xunit;

namespace HappyHorse.Tests.Module;

/// <summary>
/// The parser checks every script before any of it runs: a syntax error in a Pester file, an
/// example or build.ps1 fails here with its line, not as a confusing Pester container failure.
/// </summary>
public class ScriptParseTests
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        foreach (var file in AllScripts()) data.Add(Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'));
        return data;
    }

    private static IEnumerable<string> AllScripts() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests"), "*.ps1", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
            .Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples"), "*.ps1"))
            .Append(Path.Combine(RepoPaths.Root, "build.ps1"))
            .OrderBy(f => f, StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptParsesWithoutErrors(string relativePath)
    {
        Parser.ParseFile(Path.Combine(RepoPaths.Root, relativePath), out _, out ParseError[] errors);
        Assert.True(errors.Length == 0, relativePath + ":\n  " + string.Join("\n  ", errors.Select(e => $"line {e.Extent.StartLineNumber}, column {e.Extent.StartColumnNumber}: {e.Message}")));
    }

    [Theory]
    [MemberData(nameof(ModuleCmdlets.NameData), MemberType = typeof(ModuleCmdlets))]
    public void EveryCmdletHasAPesterFileThatExercisesIt(string cmdlet)
    {
        string path = Path.Combine(RepoPaths.Root, "tests", cmdlet + ".Tests.ps1");
        Assert.True(File.Exists(path), $"{cmdlet} has no Pester tests: create tests/{cmdlet}.Tests.ps1 (Pester 5; dot-source tests/TestHelpers.ps1 and call Initialize-HHTestFile and Complete-HHTestFile as the other files do).");
        var ast = Parser.ParseFile(path, out _, out _);
        var commands = ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>().Select(c => c.GetCommandName()).ToList();
        Assert.Contains("Describe", commands);
        Assert.Contains(cmdlet, commands);
        // The shared fixture of tests/TestHelpers.ps1, with an emulator: its own or one the file starts.
        Assert.Contains("Initialize-HHTestFile", commands);
        Assert.Contains("Complete-HHTestFile", commands);
        bool ownEmulator = ast.FindAll(a => a is CommandAst c && c.GetCommandName() == "Initialize-HHTestFile", true).Cast<CommandAst>()
            .Any(c => !c.CommandElements.OfType<CommandParameterAst>().Any(p => p.ParameterName == "NoEmulator"));
        Assert.True(ownEmulator || commands.Contains("Start-HHTestEmulator"), $"{path} starts no emulator.");
    }
}
