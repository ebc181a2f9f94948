using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HappyHorse.Api;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Module;

/// <summary>
/// Error ids are a public contract (scripts match on them): the ids the code can raise and the ids
/// about_HappyHorse lists must be the same set, so a refactoring that drops or renames one fails here.
/// </summary>
public class ErrorIdContractTests
{
    private static readonly string[] Operations = { "Submit", "GetStatus", "GetResult", "Wait", "Cancel" };

    private static readonly string[] AssemblyNames = { "HappyHorse.Core", "HappyHorse.Tests", "HappyHorse.Core.Tests", "HappyHorse.Bench", "HappyHorse.Emulator" };

    [Fact]
    public void EveryErrorIdTheCodeRaisesIsDocumented()
    {
        var documented = DocumentedIds();
        var undocumented = RaisedIds().Where(id => !documented.Contains(id) && !(id.StartsWith("HappyHorse.ReferenceImage.") && documented.Contains("HappyHorse.ReferenceImage.<Rule>"))).ToList();
        Assert.True(undocumented.Count == 0, "Raised but not listed in about_HappyHorse's Errors section: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void EveryDocumentedErrorIdIsStillRaised()
    {
        var raised = RaisedIds();
        var gone = DocumentedIds().Where(id => !raised.Contains(id) && !IsApiId(id) && id != "HappyHorse.ReferenceImage.<Rule>").ToList();
        Assert.True(gone.Count == 0, "Listed in about_HappyHorse but raised nowhere: " + string.Join(", ", gone));
        Assert.Contains("HappyHorse.ReferenceImage.", raised.Select(id => id.Length > 26 ? id.Substring(0, 26) : id));
    }

    /// <summary>HappyHorse.&lt;Operation&gt;.&lt;Kind&gt; comes from ErrorRecords.FromApi with an ApiErrorKind.</summary>
    private static bool IsApiId(string id)
    {
        var parts = id.Split('.');
        return parts.Length == 3 && Operations.Contains(parts[1]) && System.Enum.TryParse<ApiErrorKind>(parts[2], out _);
    }

    private static HashSet<string> RaisedIds()
    {
        var ids = new HashSet<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains("HappyHorse.Emulator")))
        {
            string text = File.ReadAllText(file);
            foreach (Match m in Regex.Matches(text, "ErrorRecords\\.Create\\(\"([A-Za-z.]+)\"")) ids.Add("HappyHorse." + m.Groups[1].Value.TrimEnd('.'));
            foreach (Match m in Regex.Matches(text, "\"HappyHorse\\.([A-Z][A-Za-z.]*)\"")) ids.Add("HappyHorse." + m.Groups[1].Value.TrimEnd('.'));
        }
        ids.RemoveWhere(id => AssemblyNames.Contains(id) || id.EndsWith(".dll"));
        ids.Remove("HappyHorse.ReferenceImage"); // built as "ReferenceImage." + rule
        return ids;
    }

    private static HashSet<string> DocumentedIds()
    {
        string about = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "en-US", "about_HappyHorse.md"));
        int errors = about.IndexOf("### Errors");
        Assert.True(errors >= 0, "about_HappyHorse.md has no Errors section");
        int next = about.IndexOf("\n#", errors + 5);
        string section = next > 0 ? about.Substring(errors, next - errors) : about.Substring(errors);
        var ids = new HashSet<string>();
        foreach (Match m in Regex.Matches(section, "HappyHorse\\.[A-Z][A-Za-z.<>]*[A-Za-z>]")) ids.Add(m.Value);
        ids.Remove("HappyHorse.InvalidInput"); // listed in the prose, also raised: kept by the next line
        ids.Add("HappyHorse.InvalidInput");
        ids.RemoveWhere(id => id.StartsWith("HappyHorse.<"));
        return ids;
    }
}
