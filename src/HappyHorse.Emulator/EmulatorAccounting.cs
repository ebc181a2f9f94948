namespace HappyHorse.Emulator;

/// <summary>Live counters. Lock-free so the hot path stays cheap under thousands of requests per second.</summary>
public sealed class EmulatorAccounting
{
    private readonly long[] _requests = new long[Enum.GetValues<EmulatorEndpoint>().Length];
    private long _accepted;
    private long _duplicates;
    private long _rejected;
    private long _downloadsWithAuthorization;
    private long _imagesWithAuthorization;
    private long _imageBytes;
    private long _rangedDownloads;
    private int _current;
    private int _peak;

    /// <summary>Every request that reached the endpoint, including rejected and faulted ones.</summary>
    public long RequestCount(EmulatorEndpoint e) => Interlocked.Read(ref _requests[(int)e]);

    public long AcceptedSubmissions => Interlocked.Read(ref _accepted);

    /// <summary>Accepted submissions whose body equals an earlier accepted one for the same model: a client retried blindly.</summary>
    public long DuplicateSubmissions => Interlocked.Read(ref _duplicates);

    /// <summary>Submissions refused for auth, model or validation reasons.</summary>
    public long RejectedSubmissions => Interlocked.Read(ref _rejected);

    public int CurrentConcurrentRequests => Volatile.Read(ref _current);

    public int PeakConcurrentRequests => Volatile.Read(ref _peak);

    /// <summary>Downloads that carried an Authorization header: the client leaked its token to an output host.</summary>
    public long DownloadsWithAuthorizationHeader => Interlocked.Read(ref _downloadsWithAuthorization);

    /// <summary>Requests to /images that carried an Authorization header: a client sent credentials to a third-party host.</summary>
    public long ImageRequestsWithAuthorizationHeader => Interlocked.Read(ref _imagesWithAuthorization);

    /// <summary>Body bytes /images handed to the connection (whole slices; a client that hangs up stops the count).</summary>
    public long ImageBytesSent => Interlocked.Read(ref _imageBytes);
    /// <summary>Downloads that asked for a byte range (a client resuming a partial file).</summary>
    public long RangedDownloads => Interlocked.Read(ref _rangedDownloads);

    internal void RequestStarted(EmulatorEndpoint e)
    {
        Interlocked.Increment(ref _requests[(int)e]);
        int now = Interlocked.Increment(ref _current);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }

    internal void RequestEnded() => Interlocked.Decrement(ref _current);

    internal void SubmissionAccepted(bool duplicate)
    {
        Interlocked.Increment(ref _accepted);
        if (duplicate) Interlocked.Increment(ref _duplicates);
    }

    internal void SubmissionRejected() => Interlocked.Increment(ref _rejected);

    internal void DownloadWithAuthorization() => Interlocked.Increment(ref _downloadsWithAuthorization);

    internal void ImageWithAuthorization() => Interlocked.Increment(ref _imagesWithAuthorization);

    internal void ImageBytesWritten(long count) => Interlocked.Add(ref _imageBytes, count);
    internal void RangedDownload() => Interlocked.Increment(ref _rangedDownloads);

    /// <summary>Requests still in flight keep counting towards the peak after a reset.</summary>
    internal void Reset()
    {
        for (int i = 0; i < _requests.Length; i++) Interlocked.Exchange(ref _requests[i], 0);
        Interlocked.Exchange(ref _accepted, 0);
        Interlocked.Exchange(ref _duplicates, 0);
        Interlocked.Exchange(ref _rejected, 0);
        Interlocked.Exchange(ref _downloadsWithAuthorization, 0);
        Interlocked.Exchange(ref _imagesWithAuthorization, 0);
        Interlocked.Exchange(ref _imageBytes, 0);
        Interlocked.Exchange(ref _rangedDownloads, 0);
        Interlocked.Exchange(ref _peak, Volatile.Read(ref _current));
    }
}
