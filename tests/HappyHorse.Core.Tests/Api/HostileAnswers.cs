using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HappyHorse.Api;
using Xunit;

namespace HappyHorse.Core.Tests.Api;

/// <summary>Which API call a hostile answer is given to.</summary>
public enum ApiCall { Submit, Status, Result, Cancel }

/// <summary>
/// One hostile answer: what the server writes, and either the error it must become (Kind, words the
/// message must contain, how many requests the client may send) or a check of the tolerant reading.
/// </summary>
internal sealed record HostileAnswer(string Name, ApiCall Call, Func<RawAnswer> Answer, ApiErrorKind? Kind = null,
    string[]? Mentions = null, int Requests = 1, int TimeoutMs = 15_000, Action<object>? Check = null);

/// <summary>Answers no well-behaved RunComfy sends, but a proxy, a CDN, a captive portal or a bug might.</summary>
internal static class HostileAnswers
{
    private const string Html502 = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    private const string Portal = "<html><head><title>Guest Wi-Fi sign in</title></head><body>Accept the terms</body></html>";

    /// <summary>Each must end in a RunComfyApiException of the given kind; never another exception, never a hang.</summary>
    public static readonly IReadOnlyList<HostileAnswer> Refused = new HostileAnswer[]
    {
        new("status: HTML 200 page", ApiCall.Status, () => RawAnswer.Http(200, Portal, "text/html"), ApiErrorKind.InvalidResponse, new[] { "HTTP 200", "HTML page titled 'Guest Wi-Fi sign in'" }),
        new("status: HTML 502 page, retried then reported", ApiCall.Status, () => RawAnswer.Http(502, Html502, "text/html"), ApiErrorKind.ServerError, new[] { "HTTP 502", "502 Bad Gateway" }, Requests: 3),
        new("status: HTML 401 page", ApiCall.Status, () => RawAnswer.Http(401, Portal, "text/html"), ApiErrorKind.Authentication, new[] { "HTTP 401" }),
        new("status: JSON cut off by a closed connection", ApiCall.Status, () => RawAnswer.CloseDelimited(200, "{\"request_id\":\"r1\",\"sta"), ApiErrorKind.InvalidResponse, new[] { "truncated or malformed JSON" }),
        new("status: body shorter than its Content-Length", ApiCall.Status, () => RawAnswer.ShortBody(200, "{\"status\":", 400), ApiErrorKind.Network, new[] { "/v1/requests/r1/status" }, Requests: 3),
        new("status: JSON array instead of an object", ApiCall.Status, () => RawAnswer.Json("[{\"status\":\"completed\"}]"), ApiErrorKind.InvalidResponse, new[] { "JSON array where an object was expected" }),
        new("status: JSON null", ApiCall.Status, () => RawAnswer.Json("null"), ApiErrorKind.InvalidResponse, new[] { "JSON null" }),
        new("status: a bare JSON string", ApiCall.Status, () => RawAnswer.Json("\"completed\""), ApiErrorKind.InvalidResponse, new[] { "JSON string" }),
        new("status: JSON nested 10000 deep", ApiCall.Status, () => RawAnswer.Json(new string('[', 10_000) + new string(']', 10_000)), ApiErrorKind.InvalidResponse, new[] { "malformed JSON" }),
        new("status: empty 200 body", ApiCall.Status, () => RawAnswer.Http(200, "", "application/json"), ApiErrorKind.InvalidResponse, new[] { "HTTP 200", "empty body" }),
        new("status: 204 No Content", ApiCall.Status, () => RawAnswer.Http(204, "", "application/json"), ApiErrorKind.InvalidResponse, new[] { "HTTP 204", "empty body" }),
        new("status: 5 MiB body", ApiCall.Status, () => RawAnswer.Huge(5L * 1024 * 1024), ApiErrorKind.InvalidResponse, new[] { "exceeded 4096 KiB" }),
        new("status: endless chunked body", ApiCall.Status, () => RawAnswer.Huge(null), ApiErrorKind.InvalidResponse, new[] { "exceeded 4096 KiB" }),
        new("status: gzip bomb", ApiCall.Status, () => RawAnswer.Gzip(200, new byte[32 * 1024 * 1024]), ApiErrorKind.InvalidResponse, new[] { "exceeded 4096 KiB" }),
        new("status: slowloris headers then silence", ApiCall.Status, () => RawAnswer.HeadersThenHang(), ApiErrorKind.Timeout, new[] { "timed out" }, Requests: 3, TimeoutMs: 300),
        new("status: body trickling forever", ApiCall.Status, () => RawAnswer.Trickle, ApiErrorKind.Timeout, new[] { "timed out" }, Requests: 3, TimeoutMs: 400),
        // A length small enough to be read into an array of its own size: that read must time out too.
        new("status: a short declared body trickling forever", ApiCall.Status, () => RawAnswer.TrickleDeclaring(1000), ApiErrorKind.Timeout, new[] { "timed out" }, Requests: 3, TimeoutMs: 400),
        new("status: not HTTP at all", ApiCall.Status, () => RawAnswer.Text("SSH-2.0-OpenSSH_9.6\r\n"), ApiErrorKind.Network, new[] { "failed" }, Requests: 3),
        new("status: error_code as text with HTTP 200", ApiCall.Status, () => RawAnswer.Json("{\"error_code\":\"E_BUSY\",\"error_message\":\"try later\"}"), ApiErrorKind.Other, new[] { "E_BUSY", "try later" }),
        new("status: 429 forever", ApiCall.Status, () => RawAnswer.Http(429, "{\"error_message\":\"slow down\"}", "application/json", "Retry-After: 1"), ApiErrorKind.RateLimited, new[] { "HTTP 429", "slow down" }, Requests: 3),
        new("status: terminal escapes in a text answer", ApiCall.Status, () => RawAnswer.Http(200, "\u001b]0;pwned\u0007\u001b[2JOK", "text/plain"), ApiErrorKind.InvalidResponse, new[] { "\\u001B[2J" }),
        new("status: terminal escapes in error_message", ApiCall.Status, () => RawAnswer.Json("{\"error_code\":404001,\"error_message\":\"gone\\u001b[2J\"}"), ApiErrorKind.NotFound, new[] { "gone\\u001B[2J" }),
        new("status: HTML page with a 1 MiB title", ApiCall.Status, () => RawAnswer.Http(200, "<html><title>" + new string('t', 1 << 20) + "</title></html>", "text/html"), ApiErrorKind.InvalidResponse, new[] { "HTML page titled 'ttt" }),
        new("result: error object with HTTP 500 JSON", ApiCall.Result, () => RawAnswer.Json("{\"error\":{\"message\":\"db down\"}}", 500), ApiErrorKind.ServerError, new[] { "HTTP 500", "db down" }, Requests: 3),
        new("cancel: JSON array", ApiCall.Cancel, () => RawAnswer.Json("[]", 202), ApiErrorKind.InvalidResponse, new[] { "cancel of r1", "JSON array" }),
        new("submit: no request_id", ApiCall.Submit, () => RawAnswer.Json("{\"status\":\"in_queue\"}"), ApiErrorKind.OutcomeUnknown, new[] { "no request_id", "not sent again" }),
        new("submit: request_id empty", ApiCall.Submit, () => RawAnswer.Json("{\"request_id\":\"  \"}"), ApiErrorKind.OutcomeUnknown, new[] { "no request_id" }),
        new("submit: request_id an object", ApiCall.Submit, () => RawAnswer.Json("{\"request_id\":{\"id\":\"r1\"}}"), ApiErrorKind.OutcomeUnknown, new[] { "no request_id" }),
        new("submit: HTML 200 page", ApiCall.Submit, () => RawAnswer.Http(200, Portal, "text/html"), ApiErrorKind.OutcomeUnknown, new[] { "HTML page", "not sent again" }),
        new("submit: empty 200 body", ApiCall.Submit, () => RawAnswer.Http(200, "", "application/json"), ApiErrorKind.OutcomeUnknown, new[] { "empty body" }),
        new("submit: 204 No Content", ApiCall.Submit, () => RawAnswer.Http(204, "", "application/json"), ApiErrorKind.OutcomeUnknown, new[] { "not sent again" }),
        new("submit: 5 MiB body", ApiCall.Submit, () => RawAnswer.Huge(5L * 1024 * 1024), ApiErrorKind.OutcomeUnknown, new[] { "exceeded 4096 KiB", "not sent again" }),
        new("submit: slowloris headers then silence", ApiCall.Submit, () => RawAnswer.HeadersThenHang(), ApiErrorKind.OutcomeUnknown, new[] { "timed out", "not sent again" }, TimeoutMs: 300),
        new("submit: HTML 502 page is not resent", ApiCall.Submit, () => RawAnswer.Http(502, Html502, "text/html"), ApiErrorKind.ServerError, new[] { "HTTP 502" }),
    };

    /// <summary>Odd but readable answers: the client reads what it can and goes on.</summary>
    public static readonly IReadOnlyList<HostileAnswer> Tolerated = new HostileAnswer[]
    {
        Status("request_id as a number", "{\"request_id\":12345,\"status\":\"in_queue\"}", s => Assert.Equal("12345", s.RequestId)),
        Status("status as a number is still running", "{\"status\":3}", s => Assert.False(JobStates.IsFinished(s.Status))),
        Status("unknown status word is still running", "{\"status\":\"exploding\"}", s => { Assert.Equal("exploding", s.Status); Assert.False(JobStates.IsFinished(s.Status)); }),
        Status("status missing is still running", "{\"request_id\":\"r1\"}", s => Assert.False(JobStates.IsFinished(s.Status))),
        Status("queue_position as text", "{\"status\":\"in_queue\",\"queue_position\":\"3\"}", s => Assert.Equal(3, s.QueuePosition)),
        Status("queue_position garbage", "{\"status\":\"in_queue\",\"queue_position\":\"soon\"}", s => Assert.Null(s.QueuePosition)),
        Status("queue_position negative", "{\"status\":\"in_queue\",\"queue_position\":-4}", s => Assert.Equal(0, s.QueuePosition)),
        Status("queue_position beyond Int32", "{\"status\":\"in_queue\",\"queue_position\":1e12}", s => Assert.Equal(int.MaxValue, s.QueuePosition)),
        Status("duplicate keys", "{\"status\":\"in_queue\",\"status\":\"completed\"}", s => Assert.Contains(s.Status, new[] { JobStates.InQueue, JobStates.Completed })),
        new("status: JSON served as text/html", ApiCall.Status, () => RawAnswer.Http(200, "{\"status\":\"completed\"}", "text/html"), Check: r => Assert.Equal(JobStates.Completed, ((StatusReply)r).Status)),
        new("status: chunked, with a Content-Length that understates it", ApiCall.Status, () => RawAnswer.ChunkedWithShortLength("{\"status\":\"completed\"}", 5), Check: r => Assert.Equal(JobStates.Completed, ((StatusReply)r).Status)),
        new("status: JSON with a UTF-8 byte order mark", ApiCall.Status, () => RawAnswer.Http(200, Bom("{\"status\":\"completed\"}"), "application/json"), Check: r => Assert.Equal(JobStates.Completed, ((StatusReply)r).Status)),
        new("status: bytes that are not UTF-8 inside the status word", ApiCall.Status,
            () => RawAnswer.Http(200, new byte[] { (byte)'{', (byte)'"', (byte)'s', (byte)'t', (byte)'a', (byte)'t', (byte)'u', (byte)'s', (byte)'"', (byte)':', (byte)'"', (byte)'o', 0xC3, 0x28, (byte)'k', (byte)'"', (byte)'}' }, "application/json"),
            Check: r => { var s = (StatusReply)r; Assert.StartsWith("o", s.Status); Assert.False(JobStates.IsFinished(s.Status)); }),
        new("status: charset says UTF-16, body is UTF-8", ApiCall.Status, () => RawAnswer.Http(200, "{\"status\":\"in_progress\"}", "application/json; charset=utf-16"), Check: r => Assert.Equal(JobStates.InProgress, ((StatusReply)r).Status)),
        Result("created_at garbage", "{\"status\":\"succeeded\",\"created_at\":\"yesterday-ish\",\"finished_at\":\"2026-05-01T10:00:05.123+00:00\",\"output\":{\"video\":\"https://cdn.example/v.mp4\"}}",
            r => { Assert.Null(r.CreatedAt); Assert.Equal(2026, r.FinishedAt!.Value.Year); }),
        Result("created_at as epoch seconds", "{\"status\":\"succeeded\",\"created_at\":1777629600}", r => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1777629600), r.CreatedAt)),
        Result("output.videos array", "{\"status\":\"succeeded\",\"output\":{\"videos\":[\"https://cdn.example/1.mp4\",\"https://cdn.example/2.mp4\"]}}",
            r => { Assert.Equal("https://cdn.example/1.mp4", r.VideoUrl); Assert.Equal(2, r.Outputs.Count); }),
        Result("output.video string", "{\"status\":\"succeeded\",\"output\":{\"video\":\"https://cdn.example/v.mp4\"}}", r => Assert.Equal("https://cdn.example/v.mp4", r.VideoUrl)),
        Result("output a bare string", "{\"status\":\"succeeded\",\"output\":\"https://cdn.example/v.mp4\"}", r => Assert.Equal("https://cdn.example/v.mp4", r.VideoUrl)),
        Result("output a bare array", "{\"status\":\"succeeded\",\"output\":[\"https://cdn.example/v.mp4\"]}", r => Assert.Equal("https://cdn.example/v.mp4", r.VideoUrl)),
        Result("output.video as an object with url", "{\"status\":\"succeeded\",\"output\":{\"video\":{\"url\":\"https://cdn.example/v.mp4\",\"width\":1920}}}", r => Assert.Equal("https://cdn.example/v.mp4", r.VideoUrl)),
        Result("output.videos of objects with url", "{\"status\":\"succeeded\",\"output\":{\"videos\":[{\"url\":\"https://cdn.example/v.mp4\"}]}}", r => Assert.Equal("https://cdn.example/v.mp4", r.VideoUrl)),
        Result("output a number", "{\"status\":\"succeeded\",\"output\":42}", r => { Assert.Null(r.VideoUrl); Assert.Empty(r.Outputs); }),
        Result("output.video null", "{\"status\":\"succeeded\",\"output\":{\"video\":null,\"images\":[null,7]}}", r => { Assert.Null(r.VideoUrl); Assert.Empty(r.Outputs); }),
        Result("error as an object", "{\"status\":\"failed\",\"error\":{\"message\":\"content policy\",\"code\":7}}", r => Assert.Equal("content policy", r.Error)),
        Result("error as an object without a message", "{\"status\":\"failed\",\"error\":{\"code\":7}}", r => Assert.Contains("7", r.Error)),
        Result("error as an array", "{\"status\":\"failed\",\"error\":[\"a\",\"b\"]}", r => Assert.Contains("a", r.Error)),
        Result("unknown status", "{\"status\":\"melting\"}", r => { Assert.Equal("melting", r.Status); Assert.False(JobStates.IsFinished(r.Status)); }),
        Result("cost as text", "{\"status\":\"succeeded\",\"cost\":\"0.35\"}", r => Assert.Equal(0.35, r.Cost)),
        Result("completed with an output is succeeded", "{\"status\":\"completed\",\"output\":{\"video\":\"https://cdn.example/v.mp4\"}}",
            r => { Assert.Equal(JobStates.Succeeded, r.Status); Assert.Equal("completed", r.Word); Assert.Equal("https://cdn.example/v.mp4", r.VideoUrl); }),
        Result("completed with neither output nor error is failed without a video", "{\"status\":\"completed\"}",
            r => { Assert.Equal(JobStates.Failed, r.Status); Assert.Contains("ended without a video", r.Error); }),
        Result("completed with an error is failed with it", "{\"status\":\"completed\",\"error\":\"content policy\"}",
            r => { Assert.Equal(JobStates.Failed, r.Status); Assert.Equal("content policy", r.Error); }),
        Result("canceled spelling", "{\"status\":\"Canceled\"}", r => Assert.Equal(JobStates.Cancelled, r.Status)),
        Result("unknown status with terminal escapes is kept printable", "{\"status\":\"warm\\u001b[2J\"}",
            r => { Assert.Equal("warm?[2j", r.Status); Assert.False(JobStates.IsFinished(r.Status)); }),
        new("submit: request_id as a number", ApiCall.Submit, () => RawAnswer.Json("{\"request_id\":987654321}"), Check: r => Assert.Equal("987654321", ((SubmitReceipt)r).RequestId)),
        new("submit: status_url garbage", ApiCall.Submit, () => RawAnswer.Json("{\"request_id\":\"r9\",\"status_url\":\"::nonsense::\",\"result_url\":42}"), Check: r => Assert.Null(((SubmitReceipt)r).StatusUrl)),
        new("cancel: no outcome, status cancelled", ApiCall.Cancel, () => RawAnswer.Json("{\"status\":\"canceled\"}", 202), Check: r => Assert.Equal(CancelReply.Cancelled, ((CancelReply)r).Outcome)),
        new("cancel: outcome canceled", ApiCall.Cancel, () => RawAnswer.Json("{\"request_id\":\"r1\",\"status\":\"canceled\",\"outcome\":\"canceled\"}", 202),
            Check: r => { var c = (CancelReply)r; Assert.Equal(CancelReply.Cancelled, c.Outcome); Assert.Equal(JobStates.Cancelled, c.Status); Assert.True(c.Accepted); }),
        new("cancel: outcome cancellation_requested", ApiCall.Cancel, () => RawAnswer.Json("{\"request_id\":\"r1\",\"status\":\"in_queue\",\"outcome\":\"cancellation_requested\"}", 202),
            Check: r => { var c = (CancelReply)r; Assert.Equal(CancelReply.CancellationRequested, c.Outcome); Assert.Equal(JobStates.InQueue, c.Status); Assert.True(c.Accepted); }),
        new("cancel: only outcome cancellation_requested", ApiCall.Cancel, () => RawAnswer.Json("{\"outcome\":\"cancellation_requested\"}", 202),
            Check: r => { var c = (CancelReply)r; Assert.Equal("r1", c.RequestId); Assert.Equal(CancelReply.CancellationRequested, c.Outcome); Assert.Equal("", c.Status); }),
        new("cancel: only outcome cancelled", ApiCall.Cancel, () => RawAnswer.Json("{\"outcome\":\"cancelled\"}", 202),
            Check: r => { var c = (CancelReply)r; Assert.Equal(CancelReply.Cancelled, c.Outcome); Assert.Equal(JobStates.Cancelled, c.Status); }),
        new("cancel: only outcome not_cancellable", ApiCall.Cancel, () => RawAnswer.Json("{\"outcome\":\"not_cancellable\"}", 202),
            Check: r => { var c = (CancelReply)r; Assert.False(c.Accepted); Assert.Equal("", c.Status); }),
        new("cancel: outcome in capitals", ApiCall.Cancel, () => RawAnswer.Json("{\"status\":\"in_progress\",\"outcome\":\"NOT_CANCELLABLE\"}", 202), Check: r => Assert.Equal(CancelReply.NotCancellable, ((CancelReply)r).Outcome)),
    };

    public static TheoryData<string> RefusedNames => Names(Refused);

    public static TheoryData<string> ToleratedNames => Names(Tolerated);

    public static HostileAnswer Named(string name) => Refused.Concat(Tolerated).Single(a => a.Name == name);

    private static TheoryData<string> Names(IEnumerable<HostileAnswer> answers)
    {
        var names = new TheoryData<string>();
        foreach (var a in answers) names.Add(a.Name);
        return names;
    }

    private static HostileAnswer Status(string name, string json, Action<StatusReply> check) =>
        new("status: " + name, ApiCall.Status, () => RawAnswer.Json(json), Check: r => check((StatusReply)r));

    private static HostileAnswer Result(string name, string json, Action<ResultReply> check) =>
        new("result: " + name, ApiCall.Result, () => RawAnswer.Json(json), Check: r => check((ResultReply)r));

    private static byte[] Bom(string json) => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(json)).ToArray();
}
