using HappyHorse.Api;
using HappyHorse.Submitting;
using Xunit;

namespace HappyHorse.Core.Tests.Submitting;

public class BatchBreakerTests
{
    private static RunComfyApiException Failure(ApiErrorKind kind) => new RunComfyApiException(kind, kind + " happened");

    [Fact]
    public void ARefusedTokenTripsItWheneverItComes()
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
    public void AnUnreachableServiceTripsItOnlyBeforeAnyRowGotThrough()
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
    public void OtherFailuresStayTheRowsOwn(string kindName)
    {
        var kind = System.Enum.Parse<ApiErrorKind>(kindName);
        var breaker = new BatchBreaker();
        Assert.False(breaker.Trips(1, Failure(kind)));
        Assert.False(breaker.Tripped);
    }
}
