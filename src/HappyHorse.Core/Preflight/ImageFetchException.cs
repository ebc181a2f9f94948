using System;

namespace HappyHorse.Preflight
{
    /// <summary>The host's answer itself broke a rule (404, 401, endless redirects); caught by the probe, never surfaced.</summary>
    internal sealed class ImageFetchException : Exception
    {
        public ImageFetchException(string rule, string message) : base(message)
        {
            Rule = rule;
        }

        public string Rule { get; }
    }
}
