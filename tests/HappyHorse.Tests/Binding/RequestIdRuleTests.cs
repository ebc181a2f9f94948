using Xunit;
using HappyHorse.Binding;

namespace HappyHorse.Tests.Binding;

/// <summary>What Wait-HHJob, Save-HHVideo, Get-HHJobStatus, Get-HHJobResult and Stop-HHJob send as a request id.</summary>
public class RequestIdRuleTests
{
    [Theory]
    [InlineData("8cd2f00d-d1d4-470e-a87c-49a4483432fd", "8cd2f00d-d1d4-470e-a87c-49a4483432fd")]
    [InlineData("8CD2F00D-D1D4-470E-A87C-49A4483432FD", "8CD2F00D-D1D4-470E-A87C-49A4483432FD")]
    [InlineData("8cd2f00dd1d4470ea87c49a4483432fd", "8cd2f00dd1d4470ea87c49a4483432fd")]
    [InlineData("req_42", "req_42")]
    [InlineData("12345", "12345")]
    [InlineData("r1.v2~a", "r1.v2~a")]
    [InlineData("  8cd2f00d-d1d4-470e-a87c-49a4483432fd\t", "8cd2f00d-d1d4-470e-a87c-49a4483432fd")]
    public void PlausibleIdsPass(string given, string sent)
    {
        Assert.Equal(sent, RequestIdRule.Check(given, out string problem));
        Assert.Equal("", problem);
    }

    [Theory]
    [InlineData("Row 3 was not submitted: image_url_1 is empty", "whitespace")]
    [InlineData("RunComfy rejected the status of x", "whitespace")]
    [InlineData("a/b", "slash")]
    [InlineData("a\\b", "slash")]
    [InlineData("..", "starts with '.'")]
    [InlineData(".", "starts with '.'")]
    [InlineData("../status", "starts with '.'")]
    [InlineData("a?include_cost=true", "'?'")]
    [InlineData("a%2Fb", "'%'")]
    [InlineData("id\u0000", "'\\u0000'")]
    [InlineData("   ", "empty")]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    public void WhatCannotBeAnIdIsRefusedWithTheReason(string? given, string reason)
    {
        Assert.Null(RequestIdRule.Check(given, out string problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void AnIdLongerThanAnyPlausibleOneIsRefused()
    {
        Assert.NotNull(RequestIdRule.Check(new string('a', RequestIdRule.MaxLength), out _));
        Assert.Null(RequestIdRule.Check(new string('a', RequestIdRule.MaxLength + 1), out string problem));
        Assert.Contains("129 characters", problem);
    }
}
