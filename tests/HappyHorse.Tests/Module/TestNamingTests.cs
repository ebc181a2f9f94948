using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace HappyHorse.Tests.Module;

/// <summary>One naming style for the module's and the engine's test methods (issue 14): PascalCase, no underscores.</summary>
public class TestNamingTests
{
    [Fact]
    public void EveryTestMethodIsNamedInPascalCase()
    {
        var snake = new[] { "HappyHorse.Tests", "HappyHorse.Core.Tests" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "tests", project), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !file.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"\[(?:Fact|Theory)[^\]]*\](?:\s*\[[^\]]*\])*\s*public\s+(?:async\s+Task|void)\s+(\w*_\w*)\s*\(")
                .Select(m => Path.GetFileName(file) + ": " + m.Groups[1].Value))
            .ToList();
        Assert.True(snake.Count == 0, "Test methods not in PascalCase: " + string.Join(", ", snake));
    }
}
