using System;

namespace HappyHorse.Session
{
    /// <summary>
    /// Tells the job objects this module made in this session (which may say where their job lives)
    /// from everything else piped in: a CSV row, a job deserialized from Export-Clixml, one read back
    /// from a journal. Only the module sets <c>Origin</c>, so only its own objects carry one.
    /// </summary>
    internal static class SessionOrigin
    {
        /// <summary>The API a piped object of this session came from; null for anything else.</summary>
        public static Uri? Of(object? piped) => piped switch
        {
            HHVideoJob job => job.Origin,
            HHJobResult result => result.Origin ?? result.Job?.Origin,
            HHJobStatus status => status.Origin,
            _ => null,
        };
    }
}
