using HappyHorse.Api;
using HappyHorse.Submitting;
using Xunit;
using HappyHorse.Records;

namespace HappyHorse.Tests;

public class BatchBreakerTests
{
    private static RunComfyApiException Failure(ApiErrorKind kind) => new RunComfyApiException(kind, kind + " happened");

    [Fact]
    public void A_refused_token_trips_it_whenever_it_comes()
    {
        var breaker = new BatchBreaker();
        breaker.Accepted();
        Assert.True(breaker.Trips(7, Failure(ApiErrorKind.Authentication)));
        Assert.True(breaker.Tripped);
        Assert.Equal(ApiErrorKind.Authentication, breaker.Cause(out var refused, out int accepted)!.Kind);
        Assert.Equal(new[] { 7 }, refused);
        Assert.Equal(1, accepted);
    }

    [Fact]
    public void An_unreachable_service_trips_it_only_before_any_row_got_through()
    {
        var first = new BatchBreaker();
        Assert.True(first.Trips(1, Failure(ApiErrorKind.Network)));
        Assert.True(first.Trips(2, Failure(ApiErrorKind.Network)));

        var later = new BatchBreaker();
        later.Accepted();
        Assert.False(later.Trips(5, Failure(ApiErrorKind.Network)));
        Assert.False(later.Tripped);
    }

    [Theory]
    [InlineData("InvalidInput")]
    [InlineData("OutcomeUnknown")]
    [InlineData("ServerError")]
    [InlineData("ProxyAuthentication")]
    [InlineData("InsufficientBalance")]
    public void Other_failures_stay_the_rows_own(string kindName)
    {
        var kind = System.Enum.Parse<ApiErrorKind>(kindName);
        var breaker = new BatchBreaker();
        Assert.False(breaker.Trips(1, Failure(kind)));
        Assert.False(breaker.Tripped);
    }

    [Theory]
    [InlineData(new int[0], "no row")]
    [InlineData(new[] { 4 }, "row 4")]
    [InlineData(new[] { 1, 2, 3 }, "rows 1-3")]
    [InlineData(new[] { 1, 3, 5, 6, 7, 9 }, "rows 1, 3, 5-7, 9")]
    public void Rows_are_listed_as_ranges(int[] rows, string expected) => Assert.Equal(expected, BatchStop.Rows(rows));
}
