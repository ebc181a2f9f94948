using System.IO;
using System.Linq;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Module;

public class ModuleManifestTests
{
    // Every cmdlet class in the assembly, so a new cmdlet missing from CmdletsToExport fails here.
    private static readonly string[] Expected = typeof(HHVideoJob).Assembly.GetTypes()
        .Select(t => t.GetCustomAttributes(typeof(System.Management.Automation.CmdletAttribute), false).Cast<System.Management.Automation.CmdletAttribute>().FirstOrDefault())
        .Where(a => a != null)
        .Select(a => a!.VerbName + "-" + a.NounName)
        .OrderBy(n => n, System.StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void BuildLeavesAnImportableModuleFolder()
    {
        var folder = Path.GetDirectoryName(RepoPaths.ModuleManifest)!;
        Assert.True(File.Exists(Path.Combine(folder, "HappyHorse.dll")));
        Assert.True(File.Exists(Path.Combine(folder, "HappyHorse.Format.ps1xml")));
        Assert.True(File.Exists(Path.Combine(folder, "System.Text.Json.dll")));
        Assert.False(File.Exists(Path.Combine(folder, "System.Management.Automation.dll")));
    }

    [Fact]
    public void ManifestPassesTestModuleManifestAndExportsExactlyTheCmdlets()
    {
        using var shell = new PsSession();
        var result = shell.Run("Test-ModuleManifest -Path $args0", new System.Collections.Generic.Dictionary<string, object?> { ["args0"] = RepoPaths.ModuleManifest });
        Assert.Empty(result.Errors);
        var info = Assert.Single(result.Output).BaseObject as System.Management.Automation.PSModuleInfo;
        Assert.NotNull(info);
        Assert.Equal(new System.Version(5, 1), info!.PowerShellVersion);
        Assert.Equal(new[] { "Core", "Desktop" }, info.CompatiblePSEditions.OrderBy(e => e).ToArray());

        Assert.Contains("New-HHVideoJob", Expected);
        var commands = shell.Run("(Get-Command -Module HappyHorse).Name");
        Assert.Equal(Expected, commands.Output.Select(o => o.ToString()).OrderBy(n => n, System.StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void EveryCmdletDeclaresItsOutputType()
    {
        using var shell = new PsSession();
        var result = shell.Run("Get-Command -Module HappyHorse | ForEach-Object { '{0}={1}' -f $_.Name, $_.OutputType.Count }");
        Assert.Equal(Expected.Length, result.Output.Count);
        Assert.All(result.Output, o => Assert.EndsWith("=1", o.ToString()));
    }
}
