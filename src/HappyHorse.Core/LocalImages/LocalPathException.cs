using System;

namespace HappyHorse.LocalImages
{
    /// <summary>Text meant as a local file could not be turned into a file path; the message completes "it …".</summary>
    internal sealed class LocalPathException : Exception
    {
        public LocalPathException(string message) : base(message)
        {
        }
    }
}
