using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Module;

/// <summary>
/// The layering of issue 14, held by the compiler's output: the engine (HappyHorse.Core) cannot see
/// PowerShell, the module (HappyHorse) holds only the PowerShell layer, and no source file grows
/// past what one reads in a sitting.
/// </summary>
public class LayeringTests
{
    private const int MaxLines = 300;

    private static readonly string[] ModuleNamespaces =
    {
        "HappyHorse", "HappyHorse.Commands", "HappyHorse.Commands.Base", "HappyHorse.Binding",
        "HappyHorse.Session", "HappyHorse.Records", "HappyHorse.Pipeline",
    };

    private static Assembly Core => typeof(HappyHorse.Input.InputSchema).Assembly;

    private static Assembly Module => typeof(HHVideoJob).Assembly;

    [Fact]
    public void TheEngineAssemblyReferencesNoPowerShell()
    {
        Assert.Equal("HappyHorse.Core", Core.GetName().Name);
        var references = Core.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(references, n => n!.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase)
                                               || n.StartsWith("Microsoft.PowerShell", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheEngineProjectReferencesNoPowerShellPackage()
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "src", "HappyHorse.Core", "HappyHorse.Core.csproj"));
        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "Reference" or "ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? "").ToList();
        var powerShell = references.Where(r => r.Contains("PowerShell", StringComparison.OrdinalIgnoreCase)
                                               || r.Contains("System.Management.Automation", StringComparison.OrdinalIgnoreCase)
                                               || r.Contains("HappyHorse.csproj", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(powerShell.Count == 0, "src/HappyHorse.Core/HappyHorse.Core.csproj references " + string.Join(", ", powerShell));
    }

    [Fact]
    public void EveryModuleTypeLivesInAModuleNamespace()
    {
        var strays = Module.GetTypes()
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute), false) && (t.DeclaringType == null))
            .Where(t => !ModuleNamespaces.Contains(t.Namespace, StringComparer.Ordinal))
            .Select(t => t.FullName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(strays.Count == 0,
            "Types in HappyHorse.dll outside the module's namespaces (engine code belongs in src/HappyHorse.Core): " + string.Join(", ", strays));
    }

    [Fact]
    public void NoSourceFileIsOverThreeHundredLines()
    {
        string src = Path.Combine(RepoPaths.Root, "src");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(src, f)))
            .Select(f => (Path: Path.GetRelativePath(RepoPaths.Root, f).Replace('\\', '/'), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxLines)
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select(f => $"{f.Path} ({f.Lines} lines)").ToList();
        Assert.True(offenders.Count == 0, $"Source files over {MaxLines} lines (split them by idea): " + string.Join(", ", offenders));
    }

    private static bool IsBuildOutput(string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Contains("obj") || parts.Contains("bin");
    }
}
