using System;
using HappyHorse.Api;
using HappyHorse.Tests.Shared;
using HappyHorse.Waiting;

namespace HappyHorse.Core.Tests.Waiting;

/// <summary>
/// Tickets submitted now with an hour's poll interval: the waiter polls nobody during a test, so every
/// event and every state is one the test made (a refused poll would add a notice of its own).
/// </summary>
internal static class QuietWaiter
{
    private static readonly Uri Nowhere = new("https://127.0.0.1:9/v1");

    public static readonly WaitOptions NoPolls = new() { PollInterval = TimeSpan.FromHours(1), MaxPollInterval = TimeSpan.FromHours(1) };

    public static WaitTicket Ticket(string id, DateTimeOffset? submittedAt = null) =>
        new(ApiTest.Client(Nowhere), id, submittedAt ?? DateTimeOffset.UtcNow, null);
}
