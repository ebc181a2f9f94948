using System;

namespace HappyHorse.Session
{
    /// <summary>What a cmdlet given no -Token or -BaseUri would use now, and where each value comes from.</summary>
    internal static class ConnectionReport
    {
        public static HHConnection Current()
        {
            string baseUri, baseSource;
            try
            {
                baseUri = ConnectionResolver.ResolveBaseUri(null, out baseSource).AbsoluteUri.TrimEnd('/');
            }
            catch (ArgumentException)
            {
                // An unusable RUNCOMFY_MODEL_API_BASE: shown as it is, so the user sees what to fix.
                baseUri = Environment.GetEnvironmentVariable(ConnectionResolver.BaseVariable) ?? "";
                baseSource = ConnectionResolver.BaseVariable + " (not a valid URL)";
            }
            bool hasToken = ConnectionResolver.ResolveToken(null, out string tokenSource) != null;
            return new HHConnection
            {
                BaseUri = baseUri,
                BaseUriSource = baseSource,
                TokenSource = tokenSource,
                HasToken = hasToken,
                JournalPath = SessionConnection.Current?.JournalPath,
            };
        }
    }
}
