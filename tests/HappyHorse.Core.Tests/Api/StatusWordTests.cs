using HappyHorse.Api;
using Xunit;

namespace HappyHorse.Core.Tests.Api;

/// <summary>
/// Issue 15: the words a server sends are mapped onto the module's own constants, so ten thousand
/// awaited jobs share one "in_queue" instead of each keeping the copy its last answer carried.
/// </summary>
public sealed class StatusWordTests
{
    [Theory]
    [InlineData("in_queue", JobStates.InQueue)]
    [InlineData("IN_QUEUE", JobStates.InQueue)]
    [InlineData(" queued ", JobStates.InQueue)]
    [InlineData("in-progress", JobStates.InProgress)]
    [InlineData("running", JobStates.InProgress)]
    [InlineData("completed", JobStates.Completed)]
    [InlineData("succeeded", JobStates.Succeeded)]
    [InlineData("success", JobStates.Succeeded)]
    [InlineData("failed", JobStates.Failed)]
    [InlineData("error", JobStates.Failed)]
    [InlineData("cancelled", JobStates.Cancelled)]
    [InlineData("canceled", JobStates.Cancelled)]
    public void AKnownWordBecomesTheSharedConstant(string fromServer, string expected)
    {
        // A copy as a parsed answer would give it, never the literal the compiler interned.
        string word = new string(fromServer.ToCharArray());

        string normalized = JobStates.Normalize(word);

        Assert.Equal(expected, normalized);
        // The attribute hands the expected word over as a copy of its own; the constants are interned literals.
        Assert.Same(string.Intern(expected), normalized);
    }

    [Fact]
    public void AnUnknownWordIsKeptButMadePrintable()
    {
        Assert.Equal("warming_up", JobStates.Normalize("Warming Up"));
        Assert.Equal("odd?word", JobStates.Normalize("odd\u0007word"));
    }
}
